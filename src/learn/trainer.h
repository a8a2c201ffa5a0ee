// Training side of the averaged perceptron, kept apart from the runtime model
// (learn/perceptron.h): mutable weights with lazily averaged totals, a seeded
// shuffle, and the final averaging + pruning into a read-only Perceptron.
// Not thread-safe: one trainer per thread (we train single-threaded).
#pragma once

#include <cstdint>
#include <span>
#include <unordered_map>
#include <vector>

#include "learn/hash.h"
#include "learn/perceptron.h"

namespace claimgraph::learn {

// A small, fully specified generator (SplitMix64) so shuffles are the same on
// every machine and standard library.
class SeededRandom {
 public:
  explicit SeededRandom(uint64_t seed) : state_(seed) {}
  uint64_t Next() { return Mix64(state_ += 0x9e3779b97f4a7c15ULL); }
  // Uniform in [0, n); n > 0.
  uint64_t Below(uint64_t n) { return Next() % n; }

 private:
  uint64_t state_;
};

// 0..n-1 in an order that depends only on (seed, epoch).
std::vector<uint32_t> ShuffledOrder(size_t n, uint64_t seed, int epoch);

struct TrainOptions {
  int epochs = 10;
  uint64_t seed = 1;
  // After averaging, weights with |w| below this are dropped, and features left
  // without weights go with them.
  float prune_below = 0.0f;
};

class PerceptronTrainer {
 public:
  explicit PerceptronTrainer(int num_classes);

  int num_classes() const { return num_classes_; }
  // Scores with the current (not averaged) weights; `scores` holds num_classes() values.
  void Score(std::span<const uint64_t> features, std::span<float> scores) const;
  // Standard perceptron step: +1 for `gold`, -1 for `predicted`; nothing when equal.
  void Update(std::span<const uint64_t> features, int gold, int predicted);
  // Adds `delta` to the weight of `cls` for every feature (structured updates,
  // where gold and predicted sequences have different features).
  void Adjust(std::span<const uint64_t> features, int cls, float delta);
  // One training example has been seen: advances the averaging clock.
  void Tick() { ++clock_; }
  uint64_t clock() const { return clock_; }
  size_t num_features() const { return rows_.size(); }

  // The averaged weights (each weight's mean over all ticks), pruned.
  Perceptron Finish(float prune_below) const;
  // The mean of several trainers' averaged weights (bagging: runs over different
  // shuffles), pruned. All must have the same number of classes.
  static Perceptron FinishMean(const std::vector<const PerceptronTrainer*>& trainers, float prune_below);

 private:
  struct Entry {
    uint16_t cls;
    float weight;
    uint64_t since;  // clock at the last change of weight
    double total;    // sum of weight over ticks up to `since`
  };
  void Add(std::vector<Entry>& row, int cls, float delta);
  // Calls fn(key, class, averaged weight) for every stored weight.
  template <class Fn>
  void ForEachAveraged(Fn&& fn) const;

  int num_classes_;
  uint64_t clock_ = 0;
  std::unordered_map<uint64_t, std::vector<Entry>> rows_;
};

}  // namespace claimgraph::learn
