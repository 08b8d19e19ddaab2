#include <iostream>

#include "commands.hpp"
#include "dualdex/ingest/error.hpp"

namespace dualdex::cli {

int run_guarded(const Command& command) {
  try {
    return command();
  } catch (const UsageError& e) {
    std::cerr << "dualdex: " << e.what() << '\n';
    return kUsage;
  } catch (const IndexError& e) {
    std::cerr << "dualdex: " << e.what() << '\n';
    return kIndex;
  } catch (const KnowledgeError& e) {
    std::cerr << "dualdex: " << e.what() << '\n';
    return kKnowledge;
  } catch (const std::exception& e) {
    std::cerr << "dualdex: internal error: " << e.what() << '\n';
    return kIndex;
  }
}

}  // namespace dualdex::cli
