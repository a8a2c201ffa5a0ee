// libFuzzer entry for FuzzWarc (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  claimgraph::fuzz::FuzzWarc(data, size);
  return 0;
}
