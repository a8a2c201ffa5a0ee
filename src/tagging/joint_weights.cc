#include "tagging/joint_weights.h"

#include <algorithm>
#include <atomic>
#include <cassert>
#include <new>

#include <sys/mman.h>

#include "learn/model_file.h"

namespace claimgraph::tagging {

namespace {

struct PartFeature {
  uint64_t key;
  uint32_t begin, end;  // into PartWeights::classes / weights
};
struct PartWeights {
  float scale = 0;
  std::vector<PartFeature> features;  // key order
  std::vector<uint16_t> classes;
  std::vector<int16_t> weights;  // quantised
};

// The weights of one perceptron, read back from its own serialised form (the one
// stable view of its contents): features in key order, weight = quantised * scale
// exactly as Perceptron::Score computes it.
PartWeights Extract(const learn::Perceptron& p) {
  PartWeights out;
  if (p.num_classes() == 0) return out;
  learn::ByteWriter w;
  p.Save(w);
  learn::ByteReader in(w.data(), "perceptron");
  uint32_t classes = 0;
  float scale = 0;
  uint64_t n = 0;
  bool ok = in.U32(&classes) && in.F32(&scale) && in.U64(&n);
  assert(ok);
  out.features.reserve(n);
  for (uint64_t i = 0; ok && i < n; ++i) {
    PartFeature f{};
    uint16_t count = 0;
    ok = in.U64(&f.key) && in.U16(&count);
    f.begin = static_cast<uint32_t>(out.classes.size());
    for (uint16_t k = 0; ok && k < count; ++k) {
      uint16_t c = 0;
      int16_t q = 0;
      ok = in.U16(&c) && in.I16(&q);
      out.classes.push_back(c);
      out.weights.push_back(q);
    }
    f.end = static_cast<uint32_t>(out.classes.size());
    if (f.end > f.begin) out.features.push_back(f);
  }
  out.scale = scale;
  assert(ok && in.remaining() == 0);
  (void)ok;
  return out;
}

}  // namespace

uint64_t NextTaggerModelId() {
  static std::atomic<uint64_t> next{1};
  return next.fetch_add(1);
}

JointWeights::JointWeights(std::span<const learn::Perceptron* const> parts) {
  assert(parts.size() <= kMaxParts);
  std::vector<PartWeights> weights;
  size_t keys_upper_bound = 0;
  for (const learn::Perceptron* p : parts) {
    offsets_.push_back(offsets_.back() + p->num_classes());
    assert(p->num_classes() <= 256);  // classes_ holds a byte
    weights.push_back(Extract(*p));
    scale_[offsets_.size() - 2] = weights.back().scale;
    keys_upper_bound += weights.back().features.size();
  }
  // Every part lists its keys in increasing order: merge them.
  std::vector<uint64_t> keys;
  keys.reserve(keys_upper_bound);
  for (const auto& w : weights)
    for (const auto& f : w.features) keys.push_back(f.key);
  std::sort(keys.begin(), keys.end());
  keys.erase(std::unique(keys.begin(), keys.end()), keys.end());
  num_features_ = keys.size();

  size_t capacity = 16;
  while (capacity < keys.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  std::vector<size_t> next(weights.size(), 0);
  const size_t mask = capacity - 1;
  for (uint64_t key : keys) {
    Slot slot;
    slot.fingerprint = Fingerprint(key);
    slot.begin = static_cast<uint32_t>(weights_.size());
    for (size_t p = 0; p < weights.size(); ++p) {
      const PartWeights& w = weights[p];
      bool dense = false;
      if (next[p] < w.features.size() && w.features[next[p]].key == key) {
        const PartFeature& f = w.features[next[p]++];
        const int classes = offsets_[p + 1] - offsets_[p];
        dense = (f.end - f.begin) * 3 >= static_cast<uint32_t>(classes);
        if (dense) {
          size_t row = weights_.size();
          weights_.resize(row + classes, 0);
          classes_.resize(row + classes, 0);
          for (uint32_t i = f.begin; i < f.end; ++i) weights_[row + w.classes[i]] = w.weights[i];  // a feature lists a class once
        } else {
          for (uint32_t i = f.begin; i < f.end; ++i) {
            weights_.push_back(w.weights[i]);
            classes_.push_back(static_cast<uint8_t>(w.classes[i]));
          }
        }
      }
      assert(weights_.size() - slot.begin < kDense);
      slot.end[p] = static_cast<uint16_t>(weights_.size() - slot.begin) | (dense ? kDense : 0);
    }
    size_t at = key & mask;
    while (slots_[at].fingerprint != 0) at = (at + 1) & mask;
    slots_[at] = slot;
  }
}

template <class T>
T* JointWeights::HugePageAllocator<T>::allocate(size_t n) {
  constexpr size_t kHugePage = size_t{2} << 20;
  size_t bytes = n * sizeof(T);
  if (bytes < kHugePage) {
    if (void* p = std::malloc(std::max<size_t>(bytes, 1))) return static_cast<T*>(p);
    throw std::bad_alloc();
  }
  bytes = (bytes + kHugePage - 1) / kHugePage * kHugePage;
  void* p = std::aligned_alloc(kHugePage, bytes);
  if (!p) throw std::bad_alloc();
  madvise(p, bytes, MADV_HUGEPAGE);  // advice only: fine if refused
  return static_cast<T*>(p);
}

const JointWeights::Slot* JointWeights::Find(uint64_t key) const {
  const size_t mask = slots_.size() - 1;
  const uint32_t fingerprint = Fingerprint(key);
  for (size_t at = key & mask;; at = (at + 1) & mask) {
    const Slot& s = slots_[at];
    if (s.fingerprint == fingerprint) return &s;
    if (s.fingerprint == 0) return nullptr;
  }
}

void JointWeights::PrefetchValues(const Slot& s) const {
  // Every cache line of the feature's values.
  const char* from = reinterpret_cast<const char*>(&weights_[s.begin]);
  const char* to = reinterpret_cast<const char*>(&weights_[s.begin + (s.end[num_parts() - 1] & ~kDense)]);
  for (const char* line = from; line < to; line += 64) __builtin_prefetch(line);
}

void JointWeights::FindAll(std::span<const uint64_t> keys, const Slot** found) const {
  const size_t mask = slots_.size() - 1;
  for (uint64_t key : keys) __builtin_prefetch(&slots_[key & mask]);
  for (size_t k = 0; k < keys.size(); ++k) {
    found[k] = Find(keys[k]);
    if (found[k]) PrefetchValues(*found[k]);
  }
}

// The adding loops get AVX2 code where the processor has it (the build targets
// baseline x86-64); the dispatch is GCC's, once at load.
#if defined(__x86_64__) && defined(__GNUC__) && !defined(__clang__)
#define CG_VECTOR_CLONES __attribute__((target_clones("avx2", "default")))
#else
#define CG_VECTOR_CLONES
#endif

inline __attribute__((always_inline)) void JointWeights::AddPart(const Slot& s, int p, float* scores) const {
  const uint32_t from = s.begin + (p ? s.end[p - 1] & ~kDense : 0);
  const uint32_t to = s.begin + (s.end[p] & ~kDense);
  const int16_t* w = weights_.data();
  const float scale = scale_[p];
  if (s.end[p] & kDense) {
    const int16_t* row = w + from;
    const uint32_t n = to - from;
    for (uint32_t c = 0; c < n; ++c) scores[c] += row[c] * scale;
  } else {
    const uint8_t* cls = classes_.data();
    for (uint32_t i = from; i < to; ++i) scores[cls[i]] += w[i] * scale;
  }
}

CG_VECTOR_CLONES void JointWeights::ScoreRows(std::span<const uint64_t> keys, std::span<const uint32_t> row_of_key, int part,
                             float* rows) const {
  assert(keys.size() == row_of_key.size());
  const int parts = num_parts();
  const size_t width = part < 0 ? total_classes() : offsets_[part + 1] - offsets_[part];
  const size_t n = keys.size();
  for (size_t k = 0; k < n; ++k)
    if (k == 0 || row_of_key[k] != row_of_key[k - 1])
      std::fill(rows + row_of_key[k] * width, rows + (row_of_key[k] + 1) * width, 0.0f);
  if (slots_.empty()) return;
  // Three stages over the key stream: prefetch a slot kSlotAhead keys ahead, probe
  // it and prefetch its values kValuesAhead keys ahead, add the values now.
  constexpr size_t kSlotAhead = 24, kValuesAhead = 12, kRing = 16;
  static_assert(kRing > kValuesAhead);
  const Slot* found[kRing] = {};
  const size_t mask = slots_.size() - 1;
  for (size_t k = 0; k < std::min(n, kSlotAhead); ++k) __builtin_prefetch(&slots_[keys[k] & mask]);
  for (size_t k = 0; k < std::min(n, kValuesAhead); ++k) {
    found[k % kRing] = Find(keys[k]);
    if (found[k % kRing]) PrefetchValues(*found[k % kRing]);
  }
  for (size_t k = 0; k < n; ++k) {
    if (k + kSlotAhead < n) __builtin_prefetch(&slots_[keys[k + kSlotAhead] & mask]);
    if (k + kValuesAhead < n) {
      const Slot*& f = found[(k + kValuesAhead) % kRing];
      f = Find(keys[k + kValuesAhead]);
      if (f) PrefetchValues(*f);
    }
    const Slot* s = found[k % kRing];
    if (!s) continue;
    float* row = rows + row_of_key[k] * width;
    if (part >= 0) {
      AddPart(*s, part, row);
    } else {
      for (int p = 0; p < parts; ++p) AddPart(*s, p, row + offsets_[p]);
    }
  }
}

CG_VECTOR_CLONES void JointWeights::ScoreAll(std::span<const uint64_t> keys, float* scores) const {
  std::fill(scores, scores + total_classes(), 0.0f);
  if (slots_.empty()) return;
  constexpr size_t kChunk = 64;
  const Slot* found[kChunk];
  const int parts = num_parts();
  for (size_t start = 0; start < keys.size(); start += kChunk) {
    auto chunk = keys.subspan(start, std::min(kChunk, keys.size() - start));
    FindAll(chunk, found);
    for (size_t k = 0; k < chunk.size(); ++k) {
      if (!found[k]) continue;
      for (int p = 0; p < parts; ++p) AddPart(*found[k], p, scores + offsets_[p]);
    }
  }
}

CG_VECTOR_CLONES void JointWeights::ScorePart(std::span<const uint64_t> keys, int part, float* scores) const {
  std::fill(scores, scores + (offsets_[part + 1] - offsets_[part]), 0.0f);
  if (slots_.empty()) return;
  constexpr size_t kChunk = 64;
  const Slot* found[kChunk];
  for (size_t start = 0; start < keys.size(); start += kChunk) {
    auto chunk = keys.subspan(start, std::min(kChunk, keys.size() - start));
    FindAll(chunk, found);
    for (size_t k = 0; k < chunk.size(); ++k)
      if (found[k]) AddPart(*found[k], part, scores);
  }
}

}  // namespace claimgraph::tagging
