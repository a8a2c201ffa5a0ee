#include "attribution_commands.h"

#include <fmt/core.h>

#include <chrono>
#include <iostream>

#include "claimgraph/pipeline.h"
#include "extract/claims/attribution_trainer.h"
#include "tagging/pos_tagger.h"

namespace claimgraph::cli {
namespace {

int Fail(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return 1;
}

// What the attribution features read, exactly as the pipeline fills it.
Result<extract::AnalyseSyntax> SyntaxAnalyser() {
  PipelineOptions options;
  options.learned_claims = false;  // the model being trained may not exist yet
  auto pipeline = Pipeline::Create(options);
  if (!pipeline.ok()) return pipeline.status();
  std::shared_ptr<const Pipeline> shared = std::move(pipeline).value();
  return extract::AnalyseSyntax([shared](Document& doc) { shared->AnalyseSyntax(doc); });
}

}  // namespace

int TrainAttributionModel(const std::string& recipe_path, const std::string& out, bool quiet) {
  auto recipe = extract::LoadAttributionRecipe(recipe_path);
  if (!recipe.ok()) return Fail(recipe.status());
  auto analyse = SyntaxAnalyser();
  if (!analyse.ok()) return Fail(analyse.status());
  auto start = std::chrono::steady_clock::now();
  extract::TrainProgress progress;
  if (!quiet) progress = [](const std::string& line) { std::cerr << line << std::endl; };
  auto tagger = tagging::PosTagger::Load(tagging::PosTagger::DefaultPath());
  if (!tagger.ok()) return Fail(tagger.status());
  auto model = extract::TrainAttribution(*recipe, *analyse, tagger->clusters(), progress);
  if (!model.ok()) return Fail(model.status());
  std::string path = out.empty() ? recipe->model : out;
  if (Status s = model->Save(path); !s.ok()) return Fail(s);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("wrote {} ({:.0f} s in all)\n", path, secs);
  return 0;
}

int EvalAttributionModel(const std::string& recipe_path, const std::string& model_path) {
  auto recipe = extract::LoadAttributionRecipe(recipe_path);
  if (!recipe.ok()) return Fail(recipe.status());
  auto model = extract::AttributionModel::Load(model_path.empty() ? recipe->model : model_path);
  if (!model.ok()) return Fail(model.status());
  auto analyse = SyntaxAnalyser();
  if (!analyse.ok()) return Fail(analyse.status());
  auto dev = extract::ReadPolnear(recipe->dev, *analyse);
  if (!dev.ok()) return Fail(dev.status());
  auto s = extract::EvaluateCues(*model, *dev);
  std::cout << fmt::format("{}: {} articles\ncue tokens P {:.4f} R {:.4f} F1 {:.4f}\n", recipe->dev, dev->size(),
                           s.precision, s.recall, s.f1);
  return 0;
}

}  // namespace claimgraph::cli
