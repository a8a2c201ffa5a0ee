// Internals of the POS tagger shared by the runtime (pos_tagger.cc) and the
// trainer (pos_trainer.cc): the model's parts and the feature templates. The
// trainer must extract exactly the features the runtime does, hence one place.
#pragma once

#include <algorithm>
#include <span>
#include <string>
#include <string_view>
#include <tuple>
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
  static constexpr uint32_t kFeatureVersion = 4;

  std::string metadata;
  uint32_t beam_width = 1;  // first UPOS pass: 1 is greedy
  LabelSet upos, xpos;
  std::unordered_map<std::string, PosLexEntry, TransparentHash, std::equal_to<>> lexicon;
  learn::WordClusters clusters;
  learn::Perceptron upos_model, xpos_model;
  // Second UPOS pass that also sees the first pass's tags to the right; absent
  // (zero classes) when the recipe turns stacking off.
  learn::Perceptron upos_stacked;

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
  // Set by the trainer on training singletons: word-identity features then see
  // "<unk>", so the model learns what unknown words look like.
  bool hidden = false;
  std::string_view ident() const { return hidden ? std::string_view("<unk>") : std::string_view(lower); }
  std::string shape;
  const uint16_t* clusters = nullptr;
  int cluster_levels = 0;  // how many of `clusters` features use
  const PosLexEntry* lex = nullptr;
  const PosLexEntry* lex_lower = nullptr;  // the lower-case form's entry, for capitalised words
  int capitalised_tenths = -1;             // WordClusters::CapitalisedTenths of the lower-case form
  bool upper = false, digit = false, hyphen = false;
  std::vector<uint64_t> base;  // PosBaseFeatures of this token, computed once for all passes
};

// Fills the tokens of one sentence, base features included.
void PreparePosTokens(const PosModel& model, std::span<const std::string_view> words, std::vector<PosToken>* out);
// Recomputes every token's `base` (after the trainer changes `hidden`).
void CachePosBaseFeatures(std::vector<PosToken>* s);

// The tag-independent features of token i (clears f); from the cache PreparePosTokens filled.
void PosBaseFeatures(const std::vector<PosToken>& s, size_t i, learn::FeatureBuffer* f);
// Appends the features of UPOS history t1 (tag at i-1) and t2 (at i-2); -1 before the start.
void UposHistoryFeatures(const std::vector<PosToken>& s, size_t i, int t1, int t2, learn::FeatureBuffer* f);
// Features for UPOS at i, given the UPOS tags already chosen left of i.
void UposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, learn::FeatureBuffer* f);
// Features for XPOS at i, given XPOS tags left of i and the whole sentence's UPOS.
// Features for the stacked UPOS pass: its own tags left of i and the first pass's everywhere.
void StackedUposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos,
                         std::span<const int> first_pass, learn::FeatureBuffer* f);
void XposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos, std::span<const int> upos,
                  learn::FeatureBuffer* f);
// What the stacked and XPOS passes add to the base features (appended to f): the
// runtime scores the base features once for all passes (tagging/joint_weights.h).
void StackedUposExtraFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos,
                              std::span<const int> first_pass, learn::FeatureBuffer* f);
void XposExtraFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos,
                       std::span<const int> upos, learn::FeatureBuffer* f);
// Those two again, split into what depends on the pass's own earlier tags (t1 at
// i-1, t2 at i-2; -1 before the start) and what does not. Append to f.
void StackedUposFirstPassFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> first_pass,
                                  learn::FeatureBuffer* f);
void XposHistoryFeatures(const std::vector<PosToken>& s, size_t i, int t1, int t2, learn::FeatureBuffer* f);
void XposUposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, learn::FeatureBuffer* f);

enum class PosPass { kUpos, kStackedUpos, kXpos };

// Beam search for the first UPOS pass. Each step keeps the `width` best tag
// prefixes; a prefix's score is the sum of its decisions' scores.
struct BeamItem {
  int tag;
  int back;  // index in the previous column, -1 in the first
  float score;
};
// Extends `previous` (empty at i == 0) by token i into `next`. `score` scores a feature list.
template <class ScoreFn>
void UposBeamStep(const std::vector<PosToken>& s, size_t i, int classes, int width,
                  const std::vector<std::vector<BeamItem>>& columns, ScoreFn&& score, std::vector<BeamItem>* next) {
  thread_local learn::FeatureBuffer base, history;
  thread_local std::vector<float> base_scores, history_scores;
  thread_local std::vector<std::tuple<float, int, int>> candidates;  // score, item, tag
  candidates.clear();
  const PosLexEntry* lex = s[i].lex;
  int fixed = lex ? lex->upos_fixed : -1;
  size_t items = i == 0 ? 1 : columns[i - 1].size();
  if (fixed < 0) {
    base_scores.resize(classes);
    history_scores.resize(classes);
    PosBaseFeatures(s, i, &base);
    score(base.keys(), std::span<float>(base_scores));
  }
  for (size_t j = 0; j < items; ++j) {
    float prefix = i == 0 ? 0.0f : columns[i - 1][j].score;
    if (fixed >= 0) {
      candidates.emplace_back(prefix, static_cast<int>(j), fixed);
      continue;
    }
    int t1 = i == 0 ? -1 : columns[i - 1][j].tag;
    int t2 = i < 2 ? -1 : columns[i - 2][columns[i - 1][j].back].tag;
    history.clear();
    UposHistoryFeatures(s, i, t1, t2, &history);
    score(history.keys(), std::span<float>(history_scores));
    for (int c = 0; c < classes; ++c)
      candidates.emplace_back(prefix + base_scores[c] + history_scores[c], static_cast<int>(j), c);
  }
  size_t keep = std::min<size_t>(width, candidates.size());
  std::partial_sort(candidates.begin(), candidates.begin() + keep, candidates.end(), [](const auto& a, const auto& b) {
    if (std::get<0>(a) != std::get<0>(b)) return std::get<0>(a) > std::get<0>(b);
    return std::make_pair(std::get<1>(a), std::get<2>(a)) < std::make_pair(std::get<1>(b), std::get<2>(b));
  });
  next->clear();
  for (size_t k = 0; k < keep; ++k) {
    next->push_back(
        BeamItem{std::get<2>(candidates[k]), i == 0 ? -1 : std::get<1>(candidates[k]), std::get<0>(candidates[k])});
  }
}

// The tags of the path ending at columns[end][item].
std::vector<int> BeamPath(const std::vector<std::vector<BeamItem>>& columns, size_t end, int item);

// Greedy left-to-right decoding of one pass with `weights`. `context` is the first
// pass's UPOS for kStackedUpos and the final UPOS for kXpos (unused for kUpos).
// Words with a fixed dictionary tag get it without scoring.
void DecodePosPass(const PosModel& model, PosPass pass, const learn::Perceptron& weights,
                   const std::vector<PosToken>& s, std::span<const int> context, std::vector<int>* out);

}  // namespace claimgraph::tagging
