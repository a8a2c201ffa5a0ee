#include "learn/hash.h"

#include <cstring>

namespace claimgraph::learn {

uint64_t Checksum(std::string_view data) {
  uint64_t h = 0x6a09e667f3bcc908ULL ^ data.size();
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    uint64_t word;
    std::memcpy(&word, data.data() + i, 8);
    h = Mix64(h ^ word) * 0x9e3779b97f4a7c15ULL + 1;
  }
  uint64_t tail = 0;
  for (size_t k = 0; i + k < data.size(); ++k) tail |= uint64_t(static_cast<unsigned char>(data[i + k])) << (8 * k);
  return Mix64(h ^ tail ^ 0x5bd1e995ULL);
}

}  // namespace claimgraph::learn
