#include "learn/perceptron.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace claimgraph::learn {

Perceptron::Perceptron(int num_classes, std::vector<FeatureWeights> features) : num_classes_(num_classes) {
  std::sort(features.begin(), features.end(), [](const auto& a, const auto& b) { return a.key < b.key; });
  float max_abs = 0;
  for (const auto& f : features)
    for (const auto& [c, w] : f.weights) max_abs = std::max(max_abs, std::fabs(w));
  scale_ = max_abs > 0 ? max_abs / 32767.0f : 1.0f;
  std::vector<uint64_t> keys;
  std::vector<uint32_t> ends;
  for (const auto& f : features) {
    assert(f.key != 0);
    size_t before = weight_class_.size();
    for (const auto& [c, w] : f.weights) {
      assert(c < num_classes);
      long q = std::lround(w / scale_);
      if (q == 0) continue;
      weight_class_.push_back(c);
      weight_quantised_.push_back(static_cast<int16_t>(std::clamp(q, -32767L, 32767L)));
    }
    if (weight_class_.size() == before) continue;
    keys.push_back(f.key);
    ends.push_back(static_cast<uint32_t>(weight_class_.size()));
  }
  BuildTable(keys, ends);
}

void Perceptron::BuildTable(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& ends) {
  num_features_ = keys.size();
  size_t capacity = 16;
  while (capacity < keys.size() * 2) capacity *= 2;
  slots_.assign(capacity, Slot{});
  uint32_t begin = 0;
  for (size_t i = 0; i < keys.size(); ++i) {
    size_t mask = capacity - 1, at = keys[i] & mask;
    while (slots_[at].key != 0) at = (at + 1) & mask;
    slots_[at] = Slot{keys[i], begin, ends[i]};
    begin = ends[i];
  }
  weight_value_.resize(weight_quantised_.size());
  for (size_t i = 0; i < weight_quantised_.size(); ++i) weight_value_[i] = weight_quantised_[i] * scale_;
}

const Perceptron::Slot* Perceptron::Find(uint64_t key) const {
  if (slots_.empty()) return nullptr;
  size_t mask = slots_.size() - 1, at = key & mask;
  while (true) {
    const Slot& s = slots_[at];
    if (s.key == key) return &s;
    if (s.key == 0) return nullptr;
    at = (at + 1) & mask;
  }
}

void Perceptron::Score(std::span<const uint64_t> features, std::span<float> scores) const {
  assert(scores.size() >= static_cast<size_t>(num_classes_));
  std::fill(scores.begin(), scores.begin() + num_classes_, 0.0f);
  for (uint64_t key : features) {
    const Slot* s = Find(key);
    if (!s) continue;
    for (uint32_t i = s->begin; i < s->end; ++i) scores[weight_class_[i]] += weight_value_[i];
  }
}

// Layout: u32 classes, f32 scale, u64 features, then per feature in key order
// u64 key, u16 count, count x (u16 class, i16 weight).
void Perceptron::Save(ByteWriter& out) const {
  out.U32(static_cast<uint32_t>(num_classes_));
  out.F32(scale_);
  std::vector<const Slot*> order;
  order.reserve(num_features_);
  for (const Slot& s : slots_)
    if (s.key) order.push_back(&s);
  std::sort(order.begin(), order.end(), [](const Slot* a, const Slot* b) { return a->key < b->key; });
  out.U64(order.size());
  for (const Slot* s : order) {
    out.U64(s->key);
    out.U16(static_cast<uint16_t>(s->end - s->begin));
    for (uint32_t i = s->begin; i < s->end; ++i) {
      out.U16(weight_class_[i]);
      out.I16(weight_quantised_[i]);
    }
  }
}

bool Perceptron::Load(ByteReader& in, Perceptron* out) {
  uint32_t classes = 0;
  float scale = 0;
  uint64_t n = 0;
  if (!in.U32(&classes) || !in.F32(&scale) || !in.Count(&n, 10, "features")) return false;
  if (classes == 0 || classes > 65535) return in.Fail("perceptron has " + std::to_string(classes) + " classes");
  if (!(scale > 0) || !std::isfinite(scale)) return in.Fail("perceptron weight scale is not a positive number");
  Perceptron p;
  p.num_classes_ = static_cast<int>(classes);
  p.scale_ = scale;
  std::vector<uint64_t> keys(n);
  std::vector<uint32_t> ends(n);
  uint64_t previous = 0;
  for (uint64_t i = 0; i < n; ++i) {
    uint16_t count = 0;
    if (!in.U64(&keys[i]) || !in.U16(&count)) return false;
    if (keys[i] <= previous) return in.Fail("perceptron feature keys are not strictly increasing");
    previous = keys[i];
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t c = 0;
      int16_t q = 0;
      if (!in.U16(&c) || !in.I16(&q)) return false;
      if (c >= classes)
        return in.Fail("perceptron weight for class " + std::to_string(c) + " of " + std::to_string(classes));
      p.weight_class_.push_back(c);
      p.weight_quantised_.push_back(q);
    }
    ends[i] = static_cast<uint32_t>(p.weight_class_.size());
  }
  p.BuildTable(keys, ends);
  *out = std::move(p);
  return true;
}

}  // namespace claimgraph::learn
