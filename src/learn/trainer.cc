#include "learn/trainer.h"

#include <algorithm>
#include <cassert>
#include <cmath>

namespace claimgraph::learn {

std::vector<uint32_t> ShuffledOrder(size_t n, uint64_t seed, int epoch) {
  std::vector<uint32_t> order(n);
  for (size_t i = 0; i < n; ++i) order[i] = static_cast<uint32_t>(i);
  SeededRandom rng(HashCombine(seed, static_cast<uint64_t>(epoch)));
  for (size_t i = n; i > 1; --i) std::swap(order[i - 1], order[rng.Below(i)]);  // Fisher-Yates
  return order;
}

PerceptronTrainer::PerceptronTrainer(int num_classes) : num_classes_(num_classes) {
  assert(num_classes > 0 && num_classes <= 65535);
  rows_.reserve(1 << 16);
}

void PerceptronTrainer::Score(std::span<const uint64_t> features, std::span<float> scores) const {
  std::fill(scores.begin(), scores.begin() + num_classes_, 0.0f);
  for (uint64_t key : features) {
    auto it = rows_.find(key);
    if (it == rows_.end()) continue;
    for (const Entry& e : it->second) scores[e.cls] += e.weight;
  }
}

void PerceptronTrainer::Add(std::vector<Entry>& row, int cls, float delta) {
  for (Entry& e : row) {
    if (e.cls != cls) continue;
    e.total += static_cast<double>(e.weight) * static_cast<double>(clock_ - e.since);
    e.since = clock_;
    e.weight += delta;
    return;
  }
  row.push_back(Entry{static_cast<uint16_t>(cls), delta, clock_, 0.0});
}

void PerceptronTrainer::Update(std::span<const uint64_t> features, int gold, int predicted) {
  if (gold == predicted) return;
  for (uint64_t key : features) {
    auto& row = rows_[key];
    Add(row, gold, 1.0f);
    Add(row, predicted, -1.0f);
  }
}

void PerceptronTrainer::Adjust(std::span<const uint64_t> features, int cls, float delta) {
  for (uint64_t key : features) Add(rows_[key], cls, delta);
}

template <class Fn>
void PerceptronTrainer::ForEachAveraged(Fn&& fn) const {
  double ticks = std::max<uint64_t>(clock_, 1);
  for (const auto& [key, row] : rows_) {
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(e.weight) * static_cast<double>(clock_ - e.since);
      fn(key, e.cls, total / ticks);
    }
  }
}

Perceptron PerceptronTrainer::FinishMean(const std::vector<const PerceptronTrainer*>& trainers, float prune_below) {
  assert(!trainers.empty());
  std::unordered_map<uint64_t, std::vector<std::pair<uint16_t, double>>> sums;
  for (const PerceptronTrainer* t : trainers) {
    assert(t->num_classes_ == trainers[0]->num_classes_);
    t->ForEachAveraged([&](uint64_t key, uint16_t cls, double w) {
      auto& row = sums[key];
      for (auto& [c, v] : row)
        if (c == cls) {
          v += w;
          return;
        }
      row.emplace_back(cls, w);
    });
  }
  std::vector<FeatureWeights> features;
  features.reserve(sums.size());
  for (auto& [key, row] : sums) {
    FeatureWeights f;
    f.key = key;
    for (const auto& [c, v] : row) {
      float mean = static_cast<float>(v / static_cast<double>(trainers.size()));
      if (mean != 0.0f && std::fabs(mean) >= prune_below) f.weights.emplace_back(c, mean);
    }
    if (f.weights.empty()) continue;
    std::sort(f.weights.begin(), f.weights.end());
    features.push_back(std::move(f));
  }
  return Perceptron(trainers[0]->num_classes_, std::move(features));
}

Perceptron PerceptronTrainer::Finish(float prune_below) const {
  std::vector<FeatureWeights> features;
  features.reserve(rows_.size());
  double ticks = std::max<uint64_t>(clock_, 1);
  for (const auto& [key, row] : rows_) {
    FeatureWeights f;
    f.key = key;
    for (const Entry& e : row) {
      double total = e.total + static_cast<double>(e.weight) * static_cast<double>(clock_ - e.since);
      float avg = static_cast<float>(total / ticks);
      if (avg != 0.0f && std::fabs(avg) >= prune_below) f.weights.emplace_back(e.cls, avg);
    }
    if (f.weights.empty()) continue;
    std::sort(f.weights.begin(), f.weights.end());
    features.push_back(std::move(f));
  }
  return Perceptron(num_classes_, std::move(features));
}

}  // namespace claimgraph::learn
