// Internals of the POS tagger shared by the runtime (pos_tagger.cc) and the
// trainer (pos_trainer.cc): the model's parts and the feature templates. The
// trainer must extract exactly the features the runtime does, hence one place.
#pragma once

#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "learn/features.h"
#include "learn/perceptron.h"
#include "learn/word_clusters.h"
#include "tagging/labels.h"

namespace claimgraph::tagging {

// What the training data says about a frequent word.
struct PosLexEntry {
  int32_t upos_fixed = -1;  // the word's only tag in practice, or -1
  int32_t xpos_fixed = -1;
  int32_t upos_ambiguity = -1;  // id of the set of tags seen with the word, or -1
  int32_t xpos_ambiguity = -1;
};

struct TransparentHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return learn::HashBytes(s); }
};

struct PosModel {
  // Bump when the feature templates change: older models are refused, not misread.
  static constexpr uint32_t kFeatureVersion = 1;

  std::string metadata;
  LabelSet upos, xpos;
  std::unordered_map<std::string, PosLexEntry, TransparentHash, std::equal_to<>> lexicon;
  learn::WordClusters clusters;
  learn::Perceptron upos_model, xpos_model;

  const PosLexEntry* Lookup(std::string_view word) const {
    auto it = lexicon.find(word);
    return it == lexicon.end() ? nullptr : &it->second;
  }
  void Save(learn::ByteWriter& out) const;
  static bool Load(learn::ByteReader& in, PosModel* out);
};

// Per-token facts computed once per sentence.
struct PosToken {
  std::string_view word;
  std::string lower;
  std::string shape;
  const uint16_t* clusters = nullptr;
  const PosLexEntry* lex = nullptr;
  bool upper = false, digit = false, hyphen = false;
};

void PreparePosTokens(const PosModel& model, std::span<const std::string_view> words, std::vector<PosToken>* out);

// Features for UPOS at i, given the UPOS tags already chosen left of i.
void UposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, learn::FeatureBuffer* f);
// Features for XPOS at i, given XPOS tags left of i and the whole sentence's UPOS.
void XposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos, std::span<const int> upos,
                  learn::FeatureBuffer* f);

}  // namespace claimgraph::tagging
