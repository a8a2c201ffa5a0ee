// Internals of the entity recogniser shared by the runtime (entity_recognizer.cc)
// and the trainer (ner_trainer.cc): model parts, features and the greedy decoder,
// so training sees exactly what tagging sees.
#pragma once

#include <array>
#include <span>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

#include "learn/features.h"
#include "learn/hash.h"
#include "learn/perceptron.h"
#include "learn/word_clusters.h"
#include "tagging/labels.h"

namespace claimgraph::tagging {

// A phrase dictionary from the knowledge base (names, aliases, demonyms, titles,
// given names and surnames), built by the trainer and stored in the model so the
// runtime needs no knowledge base. Keys hash the phrase's words as NerToken::norm
// spells them (lower case, digits as 0); values are bits of Category.
struct Gazetteer {
  enum Category : uint8_t {
    kCountry,
    kDemonym,
    kCapital,
    kSubdivision,
    kPlace,
    kOrg,
    kPerson,
    kGivenName,
    kSurname,
    kTitle,
    kNumCategories
  };
  static constexpr int kMaxWords = 6;

  std::unordered_map<uint64_t, uint16_t> phrases;

  static uint64_t Extend(uint64_t key, std::string_view norm) {
    return learn::HashCombine(key, learn::HashBytes(norm, 0x6a7a));
  }
  static constexpr uint64_t kEmpty = 0x9e3779b97f4a7c15ull;
  // Adds `text` (words split at spaces, each normalised like NerToken::norm); phrases
  // of more than kMaxWords words are skipped. Returns whether it was added.
  bool Add(std::string_view text, Category category);
  bool empty() const { return phrases.empty(); }
};

// Training only: drops each dictionary match with a category's probability, so the
// model does not lean on a lexicon drawn from its own training data.
struct GazetteerNoise {
  std::array<double, Gazetteer::kNumCategories> rate{};
  uint64_t seed = 0;
};

struct NerModel {
  // 5: knowledge-base gazetteer features and the gazetteer stored in the model.
  static constexpr uint32_t kFeatureVersion = 5;
  static constexpr int kMaxTypes = 15;

  std::string metadata;
  LabelSet types;  // PER, ORG, ...
  learn::WordClusters clusters;
  Gazetteer gazetteer;
  learn::Perceptron weights;
  // Second pass that also sees the first pass's labels for the whole document;
  // absent (zero classes) when the recipe turns stacking off.
  learn::Perceptron stacked;

  // BILOU label ids: 0 is O; type t has B=1+4t, I=2+4t, L=3+4t, U=4+4t.
  int num_labels() const { return 1 + 4 * types.size(); }
  void Save(learn::ByteWriter& out) const;
  static bool Load(learn::ByteReader& in, NerModel* out);
};

enum class Bilou { kO, kB, kI, kL, kU };
inline Bilou PartOf(int label) { return label == 0 ? Bilou::kO : static_cast<Bilou>((label - 1) % 4 + 1); }
inline int TypeOf(int label) { return label == 0 ? -1 : (label - 1) / 4; }
inline int MakeLabel(Bilou part, int type) {
  return part == Bilou::kO ? 0 : 1 + 4 * type + (static_cast<int>(part) - 1);
}
// Whether `label` may follow `previous` (-1: sentence start) in a BILOU sequence.
bool BilouAllowed(int previous, int label);

struct NerToken {
  std::string_view word;
  std::string norm;  // lower case, digits as 0
  // Set by the trainer on training singletons: word-identity features then see
  // "<unk>", so the model learns what unknown words look like.
  bool hidden = false;
  std::string_view ident() const { return hidden ? std::string_view("<unk>") : std::string_view(norm); }
  std::string shape, short_shape;
  const uint16_t* clusters = nullptr;
  bool init_upper = false, all_upper = false, has_letter = false;
};

struct NerSentence {
  std::vector<NerToken> tokens;
  // Per token: the run of consecutive capitalised words around it, [begin, end);
  // begin == end for other tokens.
  std::vector<std::pair<uint32_t, uint32_t>> runs;
  bool all_caps = false;  // a headline or table line in capitals
  // Per token: gazetteer codes (category * 8 + BILOU part of the longest match of that
  // category covering the token) in gaz_codes[gaz_begin[i], gaz_begin[i + 1]).
  std::vector<uint32_t> gaz_begin;
  std::vector<uint16_t> gaz_codes;
};

// What the whole document says about its words, plus the labels given so far.
struct NerDocument {
  std::vector<NerSentence> sentences;
  std::unordered_set<std::string> lower_forms;      // norms of words written in lower case
  std::unordered_set<std::string> mid_capitalised;  // norms capitalised inside mixed-case sentences
  // Per capitalised word, the words around all its occurrences in the document
  // ("context aggregation"): evidence from "Mr Pirelli" reaches a bare "Pirelli".
  std::unordered_map<std::string, std::vector<std::string>> contexts;
  int cluster_levels = 0;
  std::unordered_map<std::string, std::array<uint16_t, NerModel::kMaxTypes + 1>> history;  // [0] = O
  // Stacked pass only: the first pass's labels, and per capitalised word the types
  // the first pass gave it anywhere in the document.
  std::vector<std::vector<int>> first;
  std::unordered_map<std::string, std::array<uint16_t, NerModel::kMaxTypes + 1>> first_types;
};

// Stores the first pass's labels in `doc` for the stacked pass and clears the history.
void SetFirstPass(NerDocument* doc, std::vector<std::vector<int>> labels);

// `hidden_words` (may be null): words whose identity features are hidden (training only);
// `noise` (may be null): dictionary matches dropped (training only).
void PrepareNerDocument(const NerModel& model, const std::vector<std::vector<std::string_view>>& sentences,
                        NerDocument* doc, const std::unordered_set<std::string_view>* hidden_words = nullptr,
                        const GazetteerNoise* noise = nullptr);

void NerFeatures(const NerDocument& doc, size_t sentence, size_t i, std::span<const int> labels,
                 learn::FeatureBuffer* f);
// NerFeatures in two parts: what does not depend on the labels chosen so far (clears
// f; the runtime scores it once for both passes) and what does (appended to f).
void NerStaticFeatures(const NerDocument& doc, size_t sentence, size_t i, learn::FeatureBuffer* f);
// NerStaticFeatures in two parts again: the word's own (the runtime caches their
// scores per word; `levels` is NerDocument::cluster_levels) and its context's. Append to f.
void NerWordFeatures(const NerToken& t, int levels, learn::FeatureBuffer* f);
void NerContextFeatures(const NerDocument& doc, size_t sentence, size_t i, learn::FeatureBuffer* f);
// The word-level facts of a token (hidden = false).
void FillNerToken(const NerModel& model, std::string_view word, NerToken* t);
// PrepareNerDocument with `fill(word, NerToken*)` filling each token's word-level facts.
template <class FillToken>
void PrepareNerDocumentWith(const NerModel& model, const std::vector<std::vector<std::string_view>>& sentences,
                            NerDocument* doc, FillToken&& fill, const GazetteerNoise* noise);
// Fills s->gaz_begin and s->gaz_codes from the gazetteer (tokens must be filled).
// `sentence` keys the noise.
void MatchGazetteer(const Gazetteer& gazetteer, NerSentence* s, size_t sentence, const GazetteerNoise* noise);
void NerDecisionFeatures(const NerDocument& doc, size_t sentence, size_t i, std::span<const int> labels,
                         learn::FeatureBuffer* f);

// The features the stacked pass adds (doc.first must be set).
void StackedFeatures(const NerDocument& doc, size_t sentence, size_t i, learn::FeatureBuffer* f);

// Greedy, constrained decoding of a whole document in order. `score(features,
// scores)` fills scores; `learn(features, chosen)` is called after each decision
// (the trainer updates there; the runtime passes a no-op). Labels per sentence.
template <class ScoreFn, class LearnFn>
void DecodeDocument(const NerModel& model, NerDocument& doc, ScoreFn&& score, LearnFn&& learn,
                    std::vector<std::vector<int>>* labels) {
  thread_local learn::FeatureBuffer features;
  thread_local std::vector<float> scores;
  int n = model.num_labels();
  scores.resize(n);
  labels->assign(doc.sentences.size(), {});
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    auto& out = (*labels)[s];
    out.assign(sent.tokens.size(), 0);
    for (size_t i = 0; i < sent.tokens.size(); ++i) {
      NerFeatures(doc, s, i, out, &features);
      if (!doc.first.empty()) StackedFeatures(doc, s, i, &features);
      score(features.keys(), std::span<float>(scores));
      int previous = i ? out[i - 1] : -1;
      int best = -1;
      for (int l = 0; l < n; ++l)
        if (BilouAllowed(previous, l) && (best < 0 || scores[l] > scores[best])) best = l;
      out[i] = best;
      learn(features.keys(), s, i, best);
      const NerToken& t = sent.tokens[i];
      if (t.init_upper) {
        auto& h = doc.history[t.norm];
        int type = TypeOf(best);
        if (h[type + 1] < 65535) ++h[type + 1];
      }
    }
  }
}

}  // namespace claimgraph::tagging
