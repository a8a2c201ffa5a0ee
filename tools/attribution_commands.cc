#include "attribution_commands.h"

#include <fmt/core.h>

#include <chrono>
#include <iostream>

#include "extract/claims/attribution_trainer.h"
#include "parsing/dependency_parser.h"
#include "tagging/entity_recognizer.h"
#include "tagging/pos_tagger.h"
#include "text/tokenizer.h"

namespace claimgraph::cli {
namespace {

int Fail(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return 1;
}

// Tokens, sentences and tags: what the attribution features read.
Result<extract::AnalyseSyntax> SyntaxAnalyser() {
  auto tagger = tagging::PosTagger::Load(tagging::PosTagger::DefaultPath());
  if (!tagger.ok()) return tagger.status();
  auto recognizer = tagging::EntityRecognizer::Load(tagging::EntityRecognizer::DefaultPath());
  if (!recognizer.ok()) return recognizer.status();
  auto parser = parsing::DependencyParser::Load(parsing::DependencyParser::DefaultPath());
  if (!parser.ok()) return parser.status();
  return extract::AnalyseSyntax([tagger = *tagger, recognizer = *recognizer, parser = *parser](Document& doc) {
    text::Segment(doc);
    std::vector<std::string> upos, xpos;
    tagger.Tag(doc, &upos, &xpos);
    std::vector<std::string> ner = recognizer.Label(doc);
    for (size_t i = 0; i < doc.tokens.size(); ++i) {
      doc.tokens[i].upos = std::move(upos[i]);
      doc.tokens[i].xpos = std::move(xpos[i]);
      doc.tokens[i].ner = std::move(ner[i]);
    }
    doc.tagged = true;
    parser.Parse(doc);
  });
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
