// The runtime side of a multiclass linear model over sparse hashed features: a
// read-only table from feature key to the non-zero weights of that feature.
// Built by PerceptronTrainer::Finish (learn/trainer.h) or loaded from a model file.
// Thread-safety: const methods may be called from many threads at once.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "learn/model_file.h"

namespace claimgraph::learn {

// The averaged weights of one feature, before they go into the table.
struct FeatureWeights {
  uint64_t key = 0;
  std::vector<std::pair<uint16_t, float>> weights;  // (class, weight), weight != 0
};

class Perceptron {
 public:
  Perceptron() = default;
  // Weights are quantised to 16 bits (one scale for the model) right here, so a model
  // scores the same before saving and after loading. Keys must be unique and non-zero.
  Perceptron(int num_classes, std::vector<FeatureWeights> features);

  int num_classes() const { return num_classes_; }
  size_t num_features() const { return num_features_; }
  size_t num_weights() const { return weight_class_.size(); }

  // scores[c] = sum of the weights of `features` for class c. `scores` must hold
  // num_classes() values; they are overwritten. Unknown keys add nothing.
  void Score(std::span<const uint64_t> features, std::span<float> scores) const;

  void Save(ByteWriter& out) const;
  // Reads what Save wrote; on failure records the reason in `in` and returns false.
  static bool Load(ByteReader& in, Perceptron* out);

 private:
  struct Slot {
    uint64_t key = 0;  // 0: empty
    uint32_t begin = 0, end = 0;
  };
  const Slot* Find(uint64_t key) const;
  void BuildTable(const std::vector<uint64_t>& keys, const std::vector<uint32_t>& ends);

  int num_classes_ = 0;
  size_t num_features_ = 0;
  float scale_ = 0;                     // weight = quantised * scale_
  std::vector<Slot> slots_;             // open addressing, power-of-two size
  std::vector<uint16_t> weight_class_;  // per non-zero weight
  std::vector<int16_t> weight_quantised_;
  std::vector<float> weight_value_;  // quantised * scale, for fast scoring
};

}  // namespace claimgraph::learn
