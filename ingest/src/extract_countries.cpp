// placeholder until this extractor is written: finds nothing.
#include "dualdex/ingest/extract_countries.hpp"

namespace dualdex::ingest {
namespace {
class Impl : public CountryExtractor {
 public:
  void extract(const ExtractInput&, Extraction&) const override {}
};
}  // namespace
std::unique_ptr<CountryExtractor> CountryExtractor::load(const std::filesystem::path&) { return std::make_unique<Impl>(); }
}  // namespace dualdex::ingest
