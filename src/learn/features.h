// Feature keys: a template id and up to two string parts hashed into one 64-bit key.
// Keys are never 0 (0 marks an empty slot in model tables).
#pragma once

#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

#include "learn/hash.h"

namespace claimgraph::learn {

inline uint64_t FeatureKey(uint32_t tmpl, std::string_view a) {
  uint64_t k = HashBytes(a, tmpl + 1);
  return k ? k : 1;
}
inline uint64_t FeatureKey(uint32_t tmpl, std::string_view a, std::string_view b) {
  uint64_t k = HashCombine(HashBytes(a, tmpl + 1), HashBytes(b, 0x51));
  return k ? k : 1;
}
inline uint64_t FeatureKey(uint32_t tmpl, int64_t v) {
  uint64_t k = HashCombine(Mix64(tmpl + 0x1000), static_cast<uint64_t>(v));
  return k ? k : 1;
}

// Scratch list of feature keys for one decision. Not thread-safe: give each thread
// its own (callers keep one per thread and clear() it per decision).
class FeatureBuffer {
 public:
  void clear() { keys_.clear(); }
  void Add(uint32_t tmpl, std::string_view a) { keys_.push_back(FeatureKey(tmpl, a)); }
  void Add(uint32_t tmpl, std::string_view a, std::string_view b) { keys_.push_back(FeatureKey(tmpl, a, b)); }
  void AddInt(uint32_t tmpl, int64_t v) { keys_.push_back(FeatureKey(tmpl, v)); }
  void AddKey(uint64_t key) { keys_.push_back(key ? key : 1); }
  std::span<const uint64_t> keys() const { return keys_; }
  size_t size() const { return keys_.size(); }

 private:
  std::vector<uint64_t> keys_;
};

}  // namespace claimgraph::learn
