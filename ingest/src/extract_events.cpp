// placeholder until this extractor is written: finds nothing.
#include "dualdex/ingest/extract_events.hpp"

namespace dualdex::ingest {
namespace {
class Impl : public EventExtractor {
 public:
  void extract(const ExtractInput&, Extraction&) const override {}
};
}  // namespace
std::unique_ptr<EventExtractor> EventExtractor::load(const std::filesystem::path&) { return std::make_unique<Impl>(); }
}  // namespace dualdex::ingest
