// The analysis pipeline: text -> entities -> times -> amounts -> claims -> signals.
// Create once (loads the knowledge base and lexicons, read-only); Analyse is const and
// thread-safe, so one Pipeline serves every worker thread.
#pragma once

#include <memory>
#include <string>

#include "claimgraph/document.h"
#include "claimgraph/status.h"

namespace claimgraph {

struct PipelineOptions {
  std::string models_dir;  // empty: ModelsDir() ($CLAIMGRAPH_MODELS or the built-in path)
};

class Pipeline {
 public:
  static Result<std::unique_ptr<Pipeline>> Create(const PipelineOptions& options = {});
  ~Pipeline();

  // Fills every analysis layer of `doc` from doc.text and its metadata. When
  // doc.published is empty the latest date the text implies is used as anchor and
  // doc.published_method is set to "inferred".
  void Analyse(Document& doc) const;

 private:
  struct Impl;
  explicit Pipeline(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> impl_;
};

}  // namespace claimgraph
