// Dependency parsing: Universal Dependencies relations (nsubj, obj, ccomp, obl...)
// between the tokens of each sentence. A greedy transition-based parser (arc-hybrid,
// root at the end of the buffer, exactly one root per sentence) scored by an averaged
// perceptron over rich non-local features, trained with a dynamic oracle and
// exploration on pseudo-projective trees (Nivre & Nilsson 2005 lifting, head-label
// encoding) and de-projectivised at output, so trees may be non-projective.
// Reads the POS tags written by tagging::PosTagger; trained by parsing/parser_trainer.h
// on UD English EWT.
//
// A DependencyParser is a cheap handle on a read-only model: copies share it, and
// the const methods may be called from many threads at once.
#pragma once

#include <memory>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph::tagging {
class JointWeights;
}  // namespace claimgraph::tagging

namespace claimgraph::parsing {

struct ParserModel;

inline constexpr const char* kParserModelKind = "dependency-parser";

class DependencyParser {
 public:
  // Reads a model written by Save(); errors name the file and what is wrong
  // (missing, truncated, corrupt, other format version, other model kind).
  static Result<DependencyParser> Load(const std::string& path);
  // models/parse/en-ewt.cgm under ModelsDir().
  static std::string DefaultPath();

  // Parses every sentence of doc.sentences. Reads tokens[i].upos/xpos (expected
  // filled: doc.tagged; untagged tokens are parsed from their words alone, which is
  // much less accurate). Writes tokens[i].head (index into doc.tokens, -1 for the
  // sentence root; heads never leave their sentence) and tokens[i].deprel (full UD
  // relation, subtypes included: "nmod:poss"); sets doc.parsed.
  void Parse(Document& doc) const;

  // One sentence. `upos` and `xpos` hold one tag per word (either may be empty:
  // then treated as unknown). `heads` gets 0 for the root and 1-based word
  // positions otherwise (CoNLL-U HEAD); `deprels` the relations. Both are resized
  // to words.size(). Exactly one word gets head 0.
  void ParseSentence(std::span<const std::string_view> words, std::span<const std::string_view> upos,
                     std::span<const std::string_view> xpos, std::vector<int>* heads,
                     std::vector<std::string>* deprels) const;

  Status Save(const std::string& path) const;
  // JSON text: training recipe, corpus sizes, dev figures.
  const std::string& metadata() const;
  size_t num_weights() const;

  // Builds the scoring table from the model (a fraction of a second).
  explicit DependencyParser(std::shared_ptr<const ParserModel> model);

 private:
  std::shared_ptr<const ParserModel> model_;
  // The perceptron in a prefetching table (tagging/joint_weights.h); null when the
  // model has more classes than that table holds, then the perceptron scores.
  std::shared_ptr<const tagging::JointWeights> table_;
};

}  // namespace claimgraph::parsing
