// Named-entity recognition: PER, ORG, LOC and MISC spans over the tokens of a
// Document (CoNLL-2003 categories). A greedy left-to-right averaged perceptron over
// BILOU labels with spelling, window, word-class and document-level features (how
// the same word was labelled earlier in the document, whether it also occurs in
// lower case), and gazetteer features: longest matches of a phrase dictionary drawn
// from the knowledge base, which the model file carries (no knowledge base is read
// at run time). Trained by tagging/training.h on CoNLL-2003.
//
// An EntityRecognizer is a cheap handle on a read-only model: copies share it, and
// every method may be called from many threads at once. Like PosTagger, each thread
// caches the words it has seen (at most 30,000).
#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph::tagging {

struct NerModel;
class JointWeights;

inline constexpr const char* kNerModelKind = "entity-recognizer";

struct EntityMention {
  uint32_t first_token = 0;  // index into Document::tokens
  uint32_t end_token = 0;    // one past the last token
  std::string type;          // PER | ORG | LOC | MISC
  Span span;                 // bytes of Document::text
};

class EntityRecognizer {
 public:
  static Result<EntityRecognizer> Load(const std::string& path);
  // models/ner/en-conll.cgm under ModelsDir().
  static std::string DefaultPath();

  // BIO tags ("O", "B-PER", "I-PER"...), one per token of doc.tokens; the whole
  // document is one context (doc.sentences from text::Segment).
  std::vector<std::string> Label(const Document& doc) const;
  // The spans those tags describe.
  std::vector<EntityMention> Recognize(const Document& doc) const;
  // One document given as sentences of words: BIO tags per sentence.
  std::vector<std::vector<std::string>> LabelSentences(
      const std::vector<std::vector<std::string_view>>& sentences) const;

  Status Save(const std::string& path) const;
  const std::string& metadata() const;
  size_t num_weights() const;

  // Builds the scoring table from the model (a fraction of a second for a full model).
  explicit EntityRecognizer(std::shared_ptr<const NerModel> model);

 private:
  std::shared_ptr<const NerModel> model_;
  std::shared_ptr<const JointWeights> weights_;  // first and stacked pass merged
  uint64_t id_;                                  // names the model in per-thread caches (an address may be reused)
};

}  // namespace claimgraph::tagging
