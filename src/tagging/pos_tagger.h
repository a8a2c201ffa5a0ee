// Part-of-speech tagging: Universal POS (UPOS) and Penn Treebank (XPOS) tags for
// the tokens of a Document. Greedy left-to-right averaged perceptrons over hashed
// features (the word, affixes, shape, neighbours, previous tags, word classes and a
// tag dictionary), trained by tagging/training.h on UD English EWT.
//
// A PosTagger is a cheap handle on a read-only model: copies share it, and Tag()
// may be called from many threads at once. Each thread keeps a cache of the words
// it has tagged (their spelling facts and the scores of their word features; at
// most 30,000 words), so tagging allocates little once warmed up.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"
#include "learn/word_clusters.h"

namespace claimgraph::tagging {

struct PosModel;
class JointWeights;

inline constexpr const char* kPosModelKind = "pos-tagger";

class PosTagger {
 public:
  // Reads a model written by Save(); errors name the file and what is wrong.
  static Result<PosTagger> Load(const std::string& path);
  // models/pos/en-ewt.cgm under ModelsDir().
  static std::string DefaultPath();

  // One UPOS and one XPOS tag per token of doc.tokens, sentence by sentence
  // (doc.sentences as filled by text::Segment). Either output may be null.
  void Tag(const Document& doc, std::vector<std::string>* upos, std::vector<std::string>* xpos) const;
  // One sentence of words.
  void TagWords(std::span<const std::string_view> words, std::vector<std::string>* upos,
                std::vector<std::string>* xpos) const;

  Status Save(const std::string& path) const;
  // JSON text: training recipe, corpus sizes, dev figures.
  const std::string& metadata() const;
  size_t num_weights() const;
  // The word classes the tagger was trained with (shared by models built on its tags).
  const learn::WordClusters& clusters() const;

  // Builds the scoring table from the model (a fraction of a second for a full model).
  explicit PosTagger(std::shared_ptr<const PosModel> model);

 private:
  std::shared_ptr<const PosModel> model_;
  std::shared_ptr<const JointWeights> weights_;  // the passes' perceptrons merged
  uint64_t id_;  // names the model in per-thread caches (an address may be reused)
};

}  // namespace claimgraph::tagging
