// The analysis pipeline: text -> tagging (POS, NER) -> parsing -> entities -> times ->
// amounts -> claims (rules + the learned attribution model) -> signals.
// Create once (loads the knowledge base, the lexicons and the tagger, recogniser,
// parser and attribution models, all read-only); Analyse is const and thread-safe, so one Pipeline
// serves every worker thread.
#pragma once

#include <memory>
#include <string>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph {

struct PipelineOptions {
  std::string models_dir;  // empty: ModelsDir() ($CLAIMGRAPH_MODELS or the built-in path)
  // Model files; empty: <models_dir>/pos/en-ewt.cgm, <models_dir>/ner/en-conll.cgm,
  // <models_dir>/parse/en-ewt.cgm, <models_dir>/claims/attribution.cgm.
  std::string pos_model;
  std::string ner_model;
  std::string parse_model;
  std::string attribution_model;
  // false: claims from the rules alone (no attribution model needed), e.g. while
  // training that model.
  bool learned_claims = true;
  // false: no dependency parsing (no parse model needed); doc.parsed stays false.
  bool parse = true;
  // Entities from the knowledge base and rules alone, without the recogniser's spans
  // (Token::ner is still filled). For measuring what the recogniser adds.
  bool knowledge_base_entities_only = false;
};

class Pipeline {
 public:
  // Loads every model. A missing, truncated or corrupt file is an error whose message
  // names the file and what is wrong.
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options = {});
  ~Pipeline();

  // Fills every analysis layer of `doc` from doc.text and its metadata: tokens and
  // sentences, Token::upos/xpos/ner (doc.tagged), Token::head/deprel (doc.parsed), then
  // the extract layers. When doc.published is empty the latest date the text implies is
  // used as anchor and doc.published_method is set to "inferred".
  void Analyse(Document& doc) const;
  // Only the text and syntax layers: tokens and sentences, Token::upos/xpos/ner
  // (doc.tagged) and, when parsing is on, Token::head/deprel (doc.parsed). Analyse
  // runs it first; trainers of later models run it to see what the pipeline sees.
  void AnalyseSyntax(Document& doc) const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimgraph
