#include "claimgraph/pipeline.h"

#include <optional>
#include <utility>

#include "core/files.h"
#include "extract/amounts/amounts.h"
#include "extract/claims/claims.h"
#include "extract/entities/entities.h"
#include "extract/signals/signals.h"
#include "extract/times/times.h"
#include "kb/knowledge_base.h"
#include "parsing/dependency_parser.h"
#include "tagging/entity_recognizer.h"
#include "tagging/pos_tagger.h"
#include "text/tokenizer.h"

namespace claimgraph {

struct Pipeline::Impl {
  kb::KnowledgeBase kb;
  tagging::PosTagger tagger;
  tagging::EntityRecognizer recognizer;
  std::optional<parsing::DependencyParser> parser;  // absent: PipelineOptions::parse off
  bool use_recognizer = true;
  std::optional<extract::AttributionModel> attribution;  // absent: PipelineOptions::learned_claims off
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::string dir = options.models_dir.empty() ? ModelsDir() : options.models_dir;
  auto or_default = [](const std::string& given, std::string fallback) { return given.empty() ? fallback : given; };
  auto kb = kb::KnowledgeBase::Load(dir + "/kb");
  if (!kb.ok()) return kb.status();
  auto tagger = tagging::PosTagger::Load(or_default(options.pos_model, dir + "/pos/en-ewt.cgm"));
  if (!tagger.ok()) return tagger.status();
  auto recognizer = tagging::EntityRecognizer::Load(or_default(options.ner_model, dir + "/ner/en-conll.cgm"));
  if (!recognizer.ok()) return recognizer.status();
  std::optional<parsing::DependencyParser> parser;
  if (options.parse) {
    auto loaded = parsing::DependencyParser::Load(or_default(options.parse_model, dir + "/parse/en-ewt.cgm"));
    if (!loaded.ok()) return loaded.status();
    parser.emplace(std::move(loaded).value());
  }
  std::optional<extract::AttributionModel> attribution;
  if (options.learned_claims) {
    auto loaded = extract::AttributionModel::Load(or_default(options.attribution_model, dir + "/claims/attribution.cgm"));
    if (!loaded.ok()) return loaded.status();
    attribution.emplace(std::move(loaded).value());
  }
  auto impl = std::make_unique<Impl>(Impl{std::move(kb).value(), std::move(tagger).value(),
                                          std::move(recognizer).value(), std::move(parser),
                                          !options.knowledge_base_entities_only, std::move(attribution)});
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

void Pipeline::AnalyseSyntax(Document& doc) const {
  text::Segment(doc);
  std::vector<std::string> upos, xpos;
  impl_->tagger.Tag(doc, &upos, &xpos);
  std::vector<std::string> ner = impl_->recognizer.Label(doc);
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    Token& t = doc.tokens[i];
    if (i < upos.size()) t.upos = std::move(upos[i]);
    if (i < xpos.size()) t.xpos = std::move(xpos[i]);
    if (i < ner.size()) t.ner = std::move(ner[i]);
  }
  doc.tagged = true;
  if (impl_->parser) impl_->parser->Parse(doc);
}

void Pipeline::Analyse(Document& doc) const {
  AnalyseSyntax(doc);
  if (doc.published.empty()) {
    doc.published = extract::InferPublicationDate(doc);
    if (!doc.published.empty()) doc.published_method = "inferred";
  }
  extract::ExtractEntities(doc, impl_->kb, {.use_recognizer = impl_->use_recognizer});
  extract::ExtractTimes(doc);
  extract::ExtractAmounts(doc);
  extract::ExtractClaims(doc, impl_->attribution ? &*impl_->attribution : nullptr);
  extract::DetectSignals(doc);
}

}  // namespace claimgraph
