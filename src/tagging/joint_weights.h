// The runtime scoring table of the taggers: the perceptrons of several passes over
// the same feature keys (first and stacked UPOS and XPOS; first and stacked NER)
// merged into one open-addressed table, so one probe per feature fetches the
// weights of every pass. A tagger scores the features that do not depend on earlier
// decisions once per token for all passes, and only the few history features per
// pass and decision. Probes are batched with prefetches: a lookup is a cache miss.
//
// Built from learn::Perceptron (read-only afterwards); scores equal the parts'
// own Score() (same float sums in the same order) except when a 32-bit fingerprint
// of an unknown key matches a stored one on its probe path (about one lookup in a
// billion). Thread-safety: const methods may be called from many threads at once.
#pragma once

#include <cstdint>
#include <cstdlib>
#include <span>
#include <vector>

#include "learn/perceptron.h"

namespace claimgraph::tagging {

// A new number on every call (never 0), for the taggers' per-thread caches to tell
// models apart. Thread-safe.
uint64_t NextTaggerModelId();

class JointWeights {
 public:
  static constexpr int kMaxParts = 4;

  JointWeights() = default;
  // Copies the weights of `parts` (at most kMaxParts; models with no classes are
  // skipped parts of width 0).
  explicit JointWeights(std::span<const learn::Perceptron* const> parts);

  size_t num_features() const { return num_features_; }

  int num_parts() const { return static_cast<int>(offsets_.size()) - 1; }
  // Part p's classes are [offset(p), offset(p + 1)) of the joint score vector.
  int offset(int part) const { return offsets_[part]; }
  int total_classes() const { return offsets_.back(); }

  // scores[0, total_classes()) = the summed weights of `keys` for every part's classes.
  void ScoreAll(std::span<const uint64_t> keys, float* scores) const;
  // Many ScoreAll (part < 0) or ScorePart at once, pipelined so that lookups
  // overlap: key k's weights are added to row row_of_key[k] of `rows` (rows of
  // total_classes() values, or of the part's classes). The keys of one row must be
  // adjacent; each row named is zeroed before its first key.
  void ScoreRows(std::span<const uint64_t> keys, std::span<const uint32_t> row_of_key, int part, float* rows) const;
  // scores[0, classes of part) = the summed weights of `keys` for part `part` only.
  void ScorePart(std::span<const uint64_t> keys, int part, float* scores) const;

 private:
  // A feature's weights for one part are either sparse (class, weight) pairs or,
  // when it has weights for many of the part's classes, a dense row of all of them
  // (added with vector instructions).
  static constexpr uint16_t kDense = 0x8000;
  struct Slot {
    uint32_t fingerprint = 0;  // 0: empty
    uint32_t begin = 0;        // first value in weights_/classes_
    // Per part, one past its last value relative to begin; kDense set on dense rows.
    uint16_t end[kMaxParts] = {};
  };
  static uint32_t Fingerprint(uint64_t key) {
    uint32_t f = static_cast<uint32_t>(key >> 32);
    return f ? f : 1;
  }
  const Slot* Find(uint64_t key) const;
  void PrefetchValues(const Slot& s) const;
  // Finds the slots of `keys` (nullptr when absent), prefetching as it goes.
  void FindAll(std::span<const uint64_t> keys, const Slot** found) const;
  // Adds part p's weights of slot s to scores[0, classes of p).
  void AddPart(const Slot& s, int p, float* scores) const;

  std::vector<int> offsets_ = {0};
  size_t num_features_ = 0;
  // Huge pages where the kernel offers them: the tables are tens of megabytes,
  // probed at random, and every probe would otherwise also miss the TLB.
  template <class T>
  struct HugePageAllocator {
    using value_type = T;
    HugePageAllocator() = default;
    template <class U>
    HugePageAllocator(const HugePageAllocator<U>&) {}
    T* allocate(size_t n);
    void deallocate(T* p, size_t) { std::free(p); }
    friend bool operator==(const HugePageAllocator&, const HugePageAllocator&) { return true; }
  };
  template <class T>
  using Table = std::vector<T, HugePageAllocator<T>>;

  Table<Slot> slots_;  // power-of-two size
  // Weights are the parts' 16-bit quantised values; times scale_[part] they are
  // exactly the floats Perceptron::Score adds.
  Table<int16_t> weights_;
  Table<uint8_t> classes_;  // class within the part, for sparse values
  float scale_[kMaxParts] = {};
};

}  // namespace claimgraph::tagging
