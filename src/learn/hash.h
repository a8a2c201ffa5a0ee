// Hashing for sparse features and checksums. Our own FNV-1a/murmur-finaliser mix:
// stable across machines and library versions, so hashed models stay valid.
#pragma once

#include <cstdint>
#include <string_view>

namespace claimgraph::learn {

// The murmur3 64-bit finaliser: spreads every input bit over the output.
inline constexpr uint64_t Mix64(uint64_t x) {
  x ^= x >> 33;
  x *= 0xff51afd7ed558ccdULL;
  x ^= x >> 33;
  x *= 0xc4ceb9fe1a85ec53ULL;
  x ^= x >> 33;
  return x;
}

// FNV-1a over the bytes, seeded, then mixed.
inline constexpr uint64_t HashBytes(std::string_view s, uint64_t seed = 0) {
  uint64_t h = 0xcbf29ce484222325ULL ^ Mix64(seed);
  for (unsigned char c : s) {
    h ^= c;
    h *= 0x100000001b3ULL;
  }
  return Mix64(h);
}

inline constexpr uint64_t HashCombine(uint64_t a, uint64_t b) {
  return Mix64(a ^ (b + 0x9e3779b97f4a7c15ULL + (a << 6) + (a >> 2)));
}

// Checksum of a whole buffer (model files). Eight bytes at a time for speed.
uint64_t Checksum(std::string_view data);

}  // namespace claimgraph::learn
