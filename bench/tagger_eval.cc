// claimgraph_tagger_eval: UPOS/XPOS accuracy and NER F1 of the shipped models on
// their recipes' dev corpora, with single-thread speed. The same figures as
// `claimgraph eval`, without the rest of the command-line tool.
//
// Usage: claimgraph_tagger_eval [--pos RECIPE] [--ner RECIPE] [--pos-model F] [--ner-model F]
#include <CLI/CLI.hpp>
#include <cstdio>

#include "tagging/conll.h"
#include "tagging/recipe.h"
#include "tagging/training.h"

using namespace claimgraph;
using namespace claimgraph::tagging;

int main(int argc, char** argv) {
  CLI::App app{"Dev-set accuracy of the POS tagger and the entity recogniser"};
  std::string pos_recipe = "models/recipes/pos.json", ner_recipe = "models/recipes/ner.json", pos_model, ner_model;
  bool skip_pos = false, skip_ner = false;
  app.add_option("--pos", pos_recipe, "POS recipe");
  app.add_option("--ner", ner_recipe, "NER recipe");
  app.add_option("--pos-model", pos_model, "POS model (default: the recipe's)");
  app.add_option("--ner-model", ner_model, "NER model (default: the recipe's)");
  app.add_flag("--no-pos", skip_pos);
  app.add_flag("--no-ner", skip_ner);
  CLI11_PARSE(app, argc, argv);
  auto fail = [](const Status& s) {
    std::fprintf(stderr, "%s\n", s.message().c_str());
    return 1;
  };
  if (!skip_pos) {
    auto recipe = LoadRecipe(pos_recipe);
    if (!recipe.ok()) return fail(recipe.status());
    auto tagger = PosTagger::Load(pos_model.empty() ? recipe->model : pos_model);
    if (!tagger.ok()) return fail(tagger.status());
    auto dev = ReadConllu(recipe->dev);
    if (!dev.ok()) return fail(dev.status());
    PosScores s = EvaluatePos(*tagger, *dev);
    std::printf("pos  %s: %zu words, UPOS %.4f XPOS %.4f, %.0f words/s\n", recipe->dev.c_str(), s.words, s.upos,
                s.xpos, s.words / std::max(s.seconds, 1e-9));
  }
  if (!skip_ner) {
    auto recipe = LoadRecipe(ner_recipe);
    if (!recipe.ok()) return fail(recipe.status());
    auto recognizer = EntityRecognizer::Load(ner_model.empty() ? recipe->model : ner_model);
    if (!recognizer.ok()) return fail(recognizer.status());
    auto dev = ReadConll2003(recipe->dev, true);
    if (!dev.ok()) return fail(dev.status());
    EntityScores s = EvaluateEntities(*recognizer, *dev);
    std::printf("ner  %s: %zu tokens, P %.4f R %.4f F1 %.4f, %.0f tokens/s\n", recipe->dev.c_str(), s.tokens,
                s.precision, s.recall, s.f1, s.tokens / std::max(s.seconds, 1e-9));
  }
  return 0;
}
