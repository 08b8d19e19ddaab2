// placeholder until this extractor is written: finds nothing.
#include "dualdex/ingest/extract_entities.hpp"

namespace dualdex::ingest {
namespace {
class Impl : public EntityExtractor {
 public:
  void extract(const ExtractInput&, Extraction&) const override {}
};
}  // namespace
std::unique_ptr<EntityExtractor> EntityExtractor::load(const std::filesystem::path&) { return std::make_unique<Impl>(); }
}  // namespace dualdex::ingest
