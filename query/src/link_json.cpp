#include "dualdex/query/link.hpp"

namespace dualdex::query {

nlohmann::ordered_json to_json(const LinkResult& r) {
  using J = nlohmann::ordered_json;
  J links = J::array();
  for (const Link& l : r.links) {
    J also = J::array();
    for (const auto& a : l.also_in) also.push_back(J{{"list", a.list}, {"code", a.code}});
    J evidence = J::array();
    for (const auto& e : l.evidence) {
      evidence.push_back(
          J{{"why", e.why}, {"matched", e.matched}, {"entry", e.entry}, {"sentence", e.sentence}});
    }
    links.push_back(J{{"list", l.list},
                      {"code", l.code.empty() ? J(nullptr) : J(l.code)},
                      {"title", l.title},
                      {"score", l.score},
                      {"confirmed", l.confirmed},
                      {"scope", l.scope},
                      {"parents", l.parents},
                      {"also_in", std::move(also)},
                      {"evidence", std::move(evidence)}});
  }
  J j{{"measure", r.measure}, {"links", std::move(links)}};
  if (!r.abstained.empty()) j["abstained"] = r.abstained;
  if (!r.missing_shards.empty()) j["missing_shards"] = r.missing_shards;
  return j;
}

}  // namespace dualdex::query
