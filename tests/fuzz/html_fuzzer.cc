// libFuzzer entry for FuzzHtml (see fuzz_targets.h).
#include "fuzz_targets.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  claimgraph::fuzz::FuzzHtml(data, size);
  return 0;
}
