// Word classes induced from unlabelled text, used as features by the taggers: words
// that occur in similar contexts share a class, so a rare name gets the evidence
// of frequent ones. Several granularities (e.g. 64, 256, 1024 classes) are kept.
//
// Induction: the exchange algorithm over the two-sided class bigram likelihood
// (Kneser & Ney 1993; Martin, Liermann & Ney 1998): each word moves to the class
// that most increases sum N(c,d) log N(c,d) - sum N(c) log N(c) - sum N(d) log N(d).
// Deterministic for a given corpus and options. Thread-safety: const methods only.
#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "learn/model_file.h"

namespace claimgraph::learn {

struct ClusterOptions {
  std::vector<int> sizes = {64, 256, 1024};  // one clustering per size
  int min_count = 3;                         // rarer words share one pseudo-word and get no class
  int max_iterations = 8;                    // full passes over the vocabulary
};

class WordClusters {
 public:
  // `sentences`: tokenised unlabelled text. `progress` (may be empty) gets one line per pass.
  static WordClusters Induce(const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options,
                             const std::function<void(const std::string&)>& progress = {});

  // Number of granularities; 0 for an empty object.
  int levels() const { return static_cast<int>(sizes_.size()); }
  int size(int level) const { return sizes_[level]; }
  size_t vocabulary_size() const { return index_.size(); }
  // The class of `word` at each level (levels() values), or nullptr when the word
  // was too rare or unseen.
  const uint16_t* Find(std::string_view word) const;

  // How often the lower-case form `lower` was written with an initial capital away
  // from the start of a sentence, in tenths (0..10); -1 when seen too rarely. Tells
  // names ("Paris": 10) from common words ("service": 0) whatever their case here.
  int CapitalisedTenths(std::string_view lower) const;

  void Save(ByteWriter& out) const;
  static bool Load(ByteReader& in, WordClusters* out);

 private:
  struct Hash {
    using is_transparent = void;
    size_t operator()(std::string_view s) const;
  };
  std::vector<int> sizes_;
  std::unordered_map<std::string, uint32_t, Hash, std::equal_to<>> index_;
  std::vector<uint16_t> classes_;  // index * levels + level
  std::unordered_map<std::string, uint8_t, Hash, std::equal_to<>> capitalised_;
};

}  // namespace claimgraph::learn
