#!/usr/bin/env bash
# The shipped systemd units (ops/systemd/) pass `systemd-analyze verify` with no warning,
# the timer starts the service, and the service's command line is one dualdex accepts.
# ExecStart names /usr/local/bin/dualdex, where OPERATIONS.md installs it; verify needs
# that file to exist, so the units are checked in a copy whose ExecStart names the
# binary just built.
#   test_systemd_units.sh SOURCE_DIR DUALDEX_BINARY
set -euo pipefail
src=$1
bin=$(realpath "$2")
if ! command -v systemd-analyze >/dev/null; then
  echo "SKIPPED: systemd-analyze is not installed (scripts/install-deps.sh installs systemd)"
  exit 0
fi
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
service=dualdex-nightly.service
timer=dualdex-nightly.timer
grep -q '^ExecStart=/usr/local/bin/dualdex nightly ' "$src/ops/systemd/$service" ||
  { echo "FAIL: $service: ExecStart does not run /usr/local/bin/dualdex nightly"; exit 1; }
sed "s#^ExecStart=/usr/local/bin/dualdex #ExecStart=$bin #" "$src/ops/systemd/$service" >"$tmp/$service"
cp "$src/ops/systemd/$timer" "$tmp/$timer"

out=$(systemd-analyze verify --man=no "$tmp/$service" "$tmp/$timer" 2>&1) || {
  echo "FAIL: systemd-analyze verify:"; echo "$out"; exit 1; }
if [ -n "$out" ]; then
  echo "FAIL: systemd-analyze verify warns:"; echo "$out"; exit 1
fi
grep -q "^Unit=$service$" "$tmp/$timer" || { echo "FAIL: $timer does not start $service"; exit 1; }

# The options of ExecStart are options of `dualdex nightly`: run them on a config that
# does not exist and expect the configuration error (exit 4 naming the file), not a
# usage error (exit 2).
args=$(sed -n "s#^ExecStart=/usr/local/bin/dualdex nightly ##p" "$src/ops/systemd/$service")
args=${args//\/etc\/dualdex\/nightly.json/$tmp/missing.json}
set +e
# shellcheck disable=SC2086
msg=$("$bin" nightly $args 2>&1)
rc=$?
set -e
if [ "$rc" != 4 ] || [[ "$msg" != *missing.json* ]]; then
  echo "FAIL: dualdex nightly $args: exit $rc (want 4 naming the config): $msg"
  exit 1
fi

# The shard server template (docs/SCALING.md): one instance, its environment file from
# the example, xapian-tcpsrv where Debian installs it.
shard="dualdex-shard@shard-0.service"
sed "s#^EnvironmentFile=/etc/dualdex/shards/%i.env#EnvironmentFile=$tmp/%i.env#" \
  "$src/ops/systemd/dualdex-shard@.service" >"$tmp/$shard"
cp "$src/ops/systemd/shard.env.example" "$tmp/shard-0.env"
grep -q '^ExecStart=/usr/bin/xapian-tcpsrv ' "$tmp/$shard" || { echo "FAIL: $shard does not run xapian-tcpsrv"; exit 1; }
out=$(systemd-analyze verify --man=no "$tmp/$shard" 2>&1) || { echo "FAIL: systemd-analyze verify $shard:"; echo "$out"; exit 1; }
if [ -n "$out" ]; then
  echo "FAIL: systemd-analyze verify warns on $shard:"; echo "$out"; exit 1
fi
for key in INTERFACE PORT DATABASE; do
  grep -q "^$key=" "$tmp/shard-0.env" || { echo "FAIL: shard.env.example sets no $key"; exit 1; }
done
echo "systemd units verified: $service, $timer, $shard"
