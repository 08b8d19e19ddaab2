// Crash safety of `dualdex ingest` (issue 5): killed with SIGKILL at random points of a
// large ingest and then run again, the index holds exactly what one clean run gives: the
// same number of documents, the same unique ids, each once, with the same stored data
// (so the relinked measures carry the same links).
//
// The kill points are random: the seed is printed, and DUALDEX_TEST_SEED=<seed> replays
// the same choices (points are fractions of the clean run's time, so they land in about
// the same places on the same machine). DUALDEX_CRASH_KILLS and DUALDEX_CRASH_STORIES
// make a longer run.
#define BOOST_TEST_MODULE crash_safety
#include <algorithm>
#include <boost/test/unit_test.hpp>
#include <iomanip>
#include <iostream>
#include <random>
#include <set>
#include <sstream>

#include "reliability.hpp"
#include "synthetic_corpus.hpp"
#include "test_support.hpp"

namespace fs = std::filesystem;
using namespace std::chrono_literals;
using namespace dualdex::test;

namespace {

// Commits often, so that many kills fall between commits of a half-written run.
std::vector<std::string> ingest_argv(const fs::path& index, const fs::path& corpus) {
  return {DUALDEX_CLI, "ingest", "--index", index.string(), "--batch", "200", corpus.string()};
}

/// Where in the run a kill landed, read from what the index had committed.
enum class Phase { no_commit, ingest, relink, done, exited };

const char* to_string(Phase p) {
  switch (p) {
    case Phase::no_commit:
      return "before the first commit";
    case Phase::ingest:
      return "ingest";
    case Phase::relink:
      return "relink";
    case Phase::done:
      return "after relink's commit";
    case Phase::exited:
      return "nothing (the run had finished)";
  }
  return "?";
}

Phase phase_of(const IndexState& s, const IndexSnapshot& reference) {
  if (!s.exists || s.documents == 0) return Phase::no_commit;
  if (s.documents != reference.documents) return Phase::ingest;
  // Every document is committed: the ingest's writer is done, relink runs (or is about to).
  if (s.linked < reference.measures) return Phase::relink;
  return Phase::done;
}

/// What differs in b from the reference a ("" if nothing).
std::string differences(const IndexSnapshot& a, const IndexSnapshot& b) {
  std::ostringstream out;
  if (a.documents != b.documents)
    out << "documents: " << b.documents << " instead of " << a.documents << "; ";
  auto list = [&out](const char* what, const std::vector<std::string>& ids) {
    if (ids.empty()) return;
    out << ids.size() << " " << what << " (";
    for (std::size_t i = 0; i < ids.size() && i < 5; ++i) out << (i ? ", " : "") << ids[i];
    out << (ids.size() > 5 ? ", …" : "") << "); ";
  };
  std::vector<std::string> missing, extra, changed;
  for (const auto& [id, data] : a.data_by_id) {
    const auto it = b.data_by_id.find(id);
    if (it == b.data_by_id.end())
      missing.push_back(id);
    else if (it->second != data)
      changed.push_back(id);
  }
  for (const auto& [id, data] : b.data_by_id) {
    if (a.data_by_id.count(id) == 0) extra.push_back(id);
  }
  list("ids missing", missing);
  list("ids not in the clean run", extra);
  list("ids held by more than one document", b.doubled);
  list("documents with other stored data", changed);
  if (a.linked != b.linked)
    out << "linked measures: " << b.linked << " instead of " << a.linked << "; ";
  return out.str();
}

struct Reference {
  IndexSnapshot snapshot;
  double total = 0;       ///< seconds from start to exit
  double ingest_end = 0;  ///< seconds until every document was committed
  std::string err;        ///< the CLI's summary
};

Reference clean_run(const fs::path& corpus, const fs::path& index, const fs::path& logs) {
  Reference r;
  Child c(ingest_argv(index, corpus), logs / "clean.out", logs / "clean.err");
  std::vector<std::pair<double, std::size_t>> samples;  // (seconds, committed documents)
  while (c.running() && c.seconds() < 900) {
    samples.emplace_back(c.seconds(), peek_index(index).documents);
    std::this_thread::sleep_for(25ms);
  }
  const Ended e = c.wait(60s);
  r.total = c.seconds();
  r.err = read_file(logs / "clean.err");
  BOOST_REQUIRE_MESSAGE(!e.killed && e.exit_code == 0,
                        "the clean run failed (exit " << e.exit_code << "): " << r.err);
  r.snapshot = snapshot_index(index);
  r.ingest_end = r.total;
  for (const auto& [t, docs] : samples) {
    if (docs == r.snapshot.documents) {
      r.ingest_end = t;
      break;
    }
  }
  return r;
}

struct Attempt {
  std::size_t n = 0;
  bool relink_mode = false;
  double planned = 0;  ///< seconds after start the kill was due
  double ended = 0;    ///< seconds after start the process was gone
  bool landed = false;
  Phase phase = Phase::exited;
  IndexState at_kill;
  LockState lock = LockState::no_index;
  double lock_wait = 0;  ///< seconds until the lock was free, if it was held
  double rerun = 0;
  int rerun_exit = -1;
  int rerun_tries = 0;
  std::string diff;
};

std::string describe(const Attempt& a, const Reference& ref) {
  std::ostringstream out;
  out << std::fixed << std::setprecision(2) << "kill " << std::setw(2) << a.n
      << (a.relink_mode ? " relink " : " random ") << "at " << a.planned << " s ("
      << a.planned / ref.total << " of the clean run): landed in " << to_string(a.phase);
  if (!a.landed) out << " after " << a.ended << " s";
  if (a.landed) {
    out << " [" << a.at_kill.documents << "/" << ref.snapshot.documents << " docs, "
        << a.at_kill.linked << "/" << ref.snapshot.measures << " measures linked]";
  }
  out << "; lock " << to_string(a.lock);
  if (a.lock == LockState::held) out << " (free after " << a.lock_wait << " s)";
  out << "; rerun " << a.rerun << " s, exit " << a.rerun_exit;
  if (a.rerun_tries > 1) out << " after " << a.rerun_tries << " tries";
  out << ": " << (a.diff.empty() ? "same as the clean run" : "DIFFERENT: " + a.diff);
  return out.str();
}

}  // namespace

BOOST_AUTO_TEST_CASE(killed_ingest_then_rerun_equals_one_clean_run) {
  const auto test_started = Clock::now();
  const std::uint64_t seed = test_seed();
  const std::size_t kills = env_size("DUALDEX_CRASH_KILLS", 20);
  const std::size_t relink_kills = std::max<std::size_t>(3, kills / 5);
  std::cout << "crash_safety: seed " << seed << " (replay with DUALDEX_TEST_SEED=" << seed << ")"
            << std::endl;
  std::mt19937_64 rng(seed);
  std::uniform_real_distribution<double> unit(0.0, 1.0);

  TempDir tmp;
  const fs::path corpus = tmp.path / "corpus", logs = tmp.path / "logs";
  fs::create_directories(logs);
  SyntheticCorpusOptions co;
  co.stories = env_size("DUALDEX_CRASH_STORIES", co.stories);
  const SyntheticCorpus written = write_synthetic_corpus(corpus, co);

  const Reference ref = clean_run(corpus, tmp.path / "a", logs);
  const double relink_time = std::max(0.0, ref.total - ref.ingest_end);
  std::cout << std::fixed << std::setprecision(2) << "clean run: " << written.files << " files, "
            << ref.snapshot.documents << " documents (" << ref.snapshot.measures << " measures, "
            << ref.snapshot.linked << " linked) in " << ref.total
            << " s; every document committed after " << ref.ingest_end << " s, relink and exit "
            << relink_time << " s\n"
            << ref.err << std::flush;
  BOOST_REQUIRE(ref.snapshot.doubled.empty());
  BOOST_REQUIRE_GE(ref.snapshot.documents, written.stories);
  BOOST_REQUIRE_GT(ref.snapshot.measures, 0u);
  // Relinking ran: every measure carries the link state, so a kill in relink shows.
  BOOST_REQUIRE_EQUAL(ref.snapshot.linked, ref.snapshot.measures);

  std::vector<Attempt> attempts;
  std::size_t landed = 0, in_relink = 0, failures = 0;
  // How long a run takes, corrected by the runs that ended before their kill (the clean
  // run may have been slowed by a busy machine, or by the test looking at its index).
  double run_time = ref.total;
  std::size_t probes_mid_ingest = 0, held_mid_ingest = 0;
  const std::size_t max_attempts = 2 * kills + 10;
  const auto run_timeout =
      std::chrono::milliseconds(static_cast<long>(1000 * (20 * ref.total + 120)));
  while ((landed < kills || in_relink < relink_kills) && attempts.size() < max_attempts &&
         failures < 3) {
    Attempt a;
    a.n = attempts.size() + 1;
    // About one kill in four waits for every document to be committed and then falls in
    // relink; more once the other kills are done, until a few landed there.
    // (`dualdex ingest` prints "ingested …" only after relinking, so the relink phase is
    // read from the index: every document committed while the process still runs.)
    a.relink_mode = in_relink < relink_kills && (a.n % 4 == 0 || landed >= kills);
    const double fraction = unit(rng);
    const fs::path b = tmp.path / ("b" + std::to_string(a.n));
    {
      Child c(ingest_argv(b, corpus), logs / "killed.out", logs / "killed.err");
      if (a.relink_mode) {
        wait_until(
            [&] { return !c.running() || peek_index(b).documents >= ref.snapshot.documents; },
            run_timeout);
        // Relink takes as long as in the clean run, scaled as the runs are (then a little less).
        a.planned = c.seconds() + fraction * 0.7 * relink_time * run_time / ref.total;
      } else {
        a.planned = fraction * run_time;
      }
      while (c.running() && c.seconds() < a.planned) std::this_thread::sleep_for(1ms);
      // The lock probe sees a live writer's lock (else "lock free" below would prove nothing).
      if (!a.relink_mode && c.running()) {
        const IndexState s = peek_index(b);
        if (s.documents > 0 && s.documents < ref.snapshot.documents) {
          ++probes_mid_ingest;
          if (probe_lock(b) == LockState::held) ++held_mid_ingest;
        }
      }
      const Ended e = c.kill9();
      a.landed = e.killed;
      a.ended = c.seconds();
      if (!a.landed) run_time = 0.5 * run_time + 0.5 * a.ended;
    }
    a.at_kill = peek_index(b);
    a.phase = a.landed ? phase_of(a.at_kill, ref.snapshot) : Phase::exited;
    // A killed Xapian writer holds no lock: the next run can start at once.
    a.lock = writer_lock(b);
    if (a.lock == LockState::held) {
      const auto t = Clock::now();
      wait_until([&] { return writer_lock(b) != LockState::held; }, 30s, 50ms);
      a.lock_wait = seconds_since(t);
    }
    // The rerun; should the index still be locked, wait and try again (a stale lock is
    // reported above and fails the test below).
    const auto rerun_started = Clock::now();
    for (a.rerun_tries = 1;; ++a.rerun_tries) {
      Child r(ingest_argv(b, corpus), logs / "rerun.out", logs / "rerun.err");
      const Ended e = r.wait(run_timeout);
      a.rerun_exit = e.killed ? -1 : e.exit_code;
      if (a.rerun_exit == 3 && read_file(logs / "rerun.err").find("locked") != std::string::npos &&
          a.rerun_tries < 5) {
        std::this_thread::sleep_for(2s);
        continue;
      }
      break;
    }
    a.rerun = seconds_since(rerun_started);
    try {
      a.diff = differences(ref.snapshot, snapshot_index(b));
    } catch (const Xapian::Error& e) {
      a.diff = "cannot read the index: " + e.get_description();
    }
    if (a.rerun_exit != 0)
      a.diff += "rerun exit " + std::to_string(a.rerun_exit) + ": " + read_file(logs / "rerun.err");
    std::cout << describe(a, ref) << std::endl;
    BOOST_TEST(a.diff.empty(), describe(a, ref) << " (seed " << seed << ")");
    BOOST_TEST((a.lock != LockState::held),
               "kill " << a.n << ": the killed writer left the index locked for " << a.lock_wait
                       << " s (seed " << seed << ")");
    if (!a.diff.empty()) ++failures;
    if (a.landed) ++landed;
    if (a.phase == Phase::relink) ++in_relink;
    attempts.push_back(a);
    std::error_code ec;
    fs::remove_all(b, ec);
  }

  std::map<Phase, std::size_t> by_phase;
  double rerun_total = 0;
  for (const auto& a : attempts) {
    ++by_phase[a.phase];
    rerun_total += a.rerun;
  }
  std::cout << "crash_safety: " << attempts.size() << " runs, " << landed << " kills landed:";
  for (const auto& [phase, n] : by_phase) std::cout << " " << n << " " << to_string(phase) << ";";
  std::cout << std::fixed << std::setprecision(1) << " reruns "
            << rerun_total / std::max<std::size_t>(1, attempts.size()) << " s on average; test "
            << seconds_since(test_started) << " s (seed " << seed << ")" << std::endl;
  std::cout << "lock probe while the ingest wrote: held " << held_mid_ingest << " of "
            << probes_mid_ingest << " times" << std::endl;
  if (probes_mid_ingest > 0) BOOST_TEST(held_mid_ingest > 0u);
  BOOST_TEST(failures == 0u);
  BOOST_TEST(landed >= kills,
             "only " << landed << " of " << kills << " kills landed before the run ended");
  BOOST_TEST(in_relink >= relink_kills, "only " << in_relink << " kills landed in relink");
}
