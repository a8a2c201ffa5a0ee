// Part-of-speech tagging: Universal POS (UPOS) and Penn Treebank (XPOS) tags for
// the tokens of a Document. Greedy left-to-right averaged perceptrons over hashed
// features (the word, affixes, shape, neighbours, previous tags, word classes and a
// tag dictionary), trained by tagging/training.h on UD English EWT.
//
// A PosTagger is a cheap handle on a read-only model: copies share it, and Tag()
// may be called from many threads at once.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph::tagging {

struct PosModel;

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

  explicit PosTagger(std::shared_ptr<const PosModel> model) : model_(std::move(model)) {}

 private:
  std::shared_ptr<const PosModel> model_;
};

}  // namespace claimgraph::tagging
