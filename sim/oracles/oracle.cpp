#include "sim/oracles/oracle.h"

#include <utility>

namespace mn::sim {

void add_verdict(RunReport& report, std::string path, std::string statement, bool holds,
                 std::string observed) {
  report.verdicts.push_back({std::move(path), std::move(statement), holds, std::move(observed)});
}

}  // namespace mn::sim
