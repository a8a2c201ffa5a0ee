#include "claimgraph/pipeline.h"

#include "core/files.h"
#include "extract/amounts/amounts.h"
#include "extract/claims/claims.h"
#include "extract/entities/entities.h"
#include "extract/signals/signals.h"
#include "extract/times/times.h"
#include "kb/knowledge_base.h"
#include "text/tokenizer.h"

namespace claimgraph {

struct Pipeline::Impl {
  kb::KnowledgeBase kb;
};

Pipeline::Pipeline(std::unique_ptr<Impl> impl) : impl_(std::move(impl)) {}
Pipeline::~Pipeline() = default;

Result<std::unique_ptr<Pipeline>> Pipeline::Create(const PipelineOptions& options) {
  std::string dir = options.models_dir.empty() ? ModelsDir() : options.models_dir;
  auto kb = kb::KnowledgeBase::Load(dir + "/kb");
  if (!kb.ok()) return kb.status();
  auto impl = std::make_unique<Impl>(Impl{std::move(kb).value()});
  return std::unique_ptr<Pipeline>(new Pipeline(std::move(impl)));
}

void Pipeline::Analyse(Document& doc) const {
  text::Segment(doc);
  if (doc.published.empty()) {
    doc.published = extract::InferPublicationDate(doc);
    if (!doc.published.empty()) doc.published_method = "inferred";
  }
  extract::ExtractEntities(doc, impl_->kb);
  extract::ExtractTimes(doc);
  extract::ExtractAmounts(doc);
  extract::ExtractClaims(doc);
  extract::DetectSignals(doc);
}

}  // namespace claimgraph
