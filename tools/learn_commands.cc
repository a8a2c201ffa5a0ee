#include "learn_commands.h"

#include <fmt/core.h>

#include <chrono>
#include <cstdio>
#include <iostream>

#include "attribution_commands.h"
#include "parsing/dependency_parser.h"
#include "parsing/parser_trainer.h"
#include "tagging/conll.h"
#include "tagging/entity_recognizer.h"
#include "tagging/pos_tagger.h"
#include "tagging/recipe.h"
#include "tagging/training.h"

namespace claimgraph::cli {

using namespace claimgraph::tagging;

struct LearnCommands {
  CLI::App* train = nullptr;
  CLI::App* eval = nullptr;
  CLI::App* tag = nullptr;
  CLI::App* ner = nullptr;
  CLI::App* parse = nullptr;
  std::string task, recipe, model, out, cache, input;
  std::string pos_model;  // parse: the tagger that fills UPOS/XPOS first
  std::string reprune;    // train parse: resize this model instead of training
  bool quiet = false;
};

std::shared_ptr<LearnCommands> AddLearnCommands(CLI::App& app) {
  auto c = std::make_shared<LearnCommands>();
  c->train = app.add_subcommand("train", "Train a tagger or the parser from a recipe (corpora, hyper-parameters, seed)");
  c->train->add_option("task", c->task, "pos, ner, parse or attribution")
      ->required()
      ->check(CLI::IsMember({"pos", "ner", "parse", "attribution"}));
  c->train->add_option("--recipe", c->recipe, "Recipe JSON, e.g. models/recipes/pos.json")->required();
  c->train->add_option("--out", c->out, "Model file to write (default: the recipe's model path)");
  c->train->add_option("--cache", c->cache, "Folder to keep induced word classes (and jackknifed tags) in between runs");
  c->train->add_option("--reprune", c->reprune,
                       "parse only: prune this trained model to the recipe's size limit instead of training");
  c->train->add_flag("--quiet,-q", c->quiet, "No progress lines");

  c->eval = app.add_subcommand("eval", "Score a trained tagger or parser on the recipe's dev corpus");
  c->eval->add_option("task", c->task, "pos, ner, parse or attribution")
      ->required()
      ->check(CLI::IsMember({"pos", "ner", "parse", "attribution"}));
  c->eval->add_option("--recipe", c->recipe, "Recipe JSON naming the dev corpus and expected scores")->required();
  c->eval->add_option("--model", c->model, "Model file (default: the recipe's model path)");

  c->tag = app.add_subcommand("tag", "Fill the UPOS and XPOS columns of a CoNLL-U file, keeping its tokens");
  c->tag->add_option("--conllu", c->input, "CoNLL-U file, or - for stdin")->required();
  c->tag->add_option("--model", c->model, "POS model (default: models/pos/en-ewt.cgm)");

  c->ner = app.add_subcommand("ner", "Append a predicted entity tag (BIO) to each token line of a CoNLL file");
  c->ner->add_option("--conll", c->input, "CoNLL-2003 style file (WORD first), or - for stdin")->required();
  c->ner->add_option("--model", c->model, "NER model (default: models/ner/en-conll.cgm)");

  c->parse = app.add_subcommand(
      "parse", "Fill UPOS, XPOS, HEAD and DEPREL of a CoNLL-U file with predicted ones, keeping its tokens");
  c->parse->add_option("--conllu", c->input, "CoNLL-U file, or - for stdin")->required();
  c->parse->add_option("--model", c->model, "Parser model (default: models/parse/en-ewt.cgm)");
  c->parse->add_option("--pos-model", c->pos_model, "POS model (default: models/pos/en-ewt.cgm)");
  return c;
}

namespace {

int Fail(const Status& s) {
  std::cerr << "error: " << s.message() << "\n";
  return 1;
}

Progress Reporter(bool quiet) {
  if (quiet) return {};
  return [](const std::string& line) { std::cerr << line << std::endl; };
}

int RunTrainParser(const LearnCommands& c) {
  auto recipe = parsing::LoadParseRecipe(c.recipe);
  if (!recipe.ok()) return Fail(recipe.status());
  std::string out = c.out.empty() ? recipe->model : c.out;
  auto start = std::chrono::steady_clock::now();
  auto parser = c.reprune.empty() ? parsing::TrainParser(*recipe, c.cache, Reporter(c.quiet))
                                  : parsing::RepruneParser(*recipe, c.reprune, Reporter(c.quiet));
  if (!parser.ok()) return Fail(parser.status());
  if (Status saved = parser->Save(out); !saved.ok()) return Fail(saved);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("wrote {} ({:.0f} s in all)\n", out, secs);
  return 0;
}

int RunTrain(const LearnCommands& c) {
  if (c.task == "parse") return RunTrainParser(c);
  if (c.task == "attribution") return TrainAttributionModel(c.recipe, c.out, c.quiet);
  auto recipe = LoadRecipe(c.recipe);
  if (!recipe.ok()) return Fail(recipe.status());
  if (recipe->task != c.task) return Fail(Status::InvalidInput(c.recipe + ": is a " + recipe->task + " recipe"));
  std::string out = c.out.empty() ? recipe->model : c.out;
  auto progress = Reporter(c.quiet);
  auto start = std::chrono::steady_clock::now();
  auto clusters = BuildClusters(recipe->clusters, c.cache, progress);
  if (!clusters.ok()) return Fail(clusters.status());
  Status saved;
  if (c.task == "pos") {
    auto tagger = TrainPosTagger(*recipe, *clusters, progress);
    if (!tagger.ok()) return Fail(tagger.status());
    saved = tagger->Save(out);
  } else {
    auto recognizer = TrainEntityRecognizer(*recipe, *clusters, progress);
    if (!recognizer.ok()) return Fail(recognizer.status());
    saved = recognizer->Save(out);
  }
  if (!saved.ok()) return Fail(saved);
  double secs = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  std::cout << fmt::format("wrote {} ({:.0f} s in all)\n", out, secs);
  return 0;
}

// Prints one figure and whether it reaches the recipe's expectation.
bool Report(const std::map<std::string, double>& expected, const std::string& name, double value) {
  auto it = expected.find(name);
  if (it == expected.end()) {
    std::cout << fmt::format("{:<10} {:.4f}\n", name, value);
    return true;
  }
  bool ok = value + 1e-9 >= it->second;
  std::cout << fmt::format("{:<10} {:.4f}  (expected >= {:.4f}: {})\n", name, value, it->second, ok ? "ok" : "SHORT");
  return ok;
}

int RunEvalParser(const LearnCommands& c) {
  auto recipe = parsing::LoadParseRecipe(c.recipe);
  if (!recipe.ok()) return Fail(recipe.status());
  auto parser = parsing::DependencyParser::Load(c.model.empty() ? recipe->model : c.model);
  if (!parser.ok()) return Fail(parser.status());
  auto tagger = PosTagger::Load(recipe->pos_model);
  if (!tagger.ok()) return Fail(tagger.status());
  auto dev = ReadConllu(recipe->dev);
  if (!dev.ok()) return Fail(dev.status());
  parsing::ParseScores s = parsing::EvaluateParser(*parser, &*tagger, *dev);
  std::cout << fmt::format("{}: {} sentences, {} words; predicted tags; parser {:.0f} words/s, tagger {:.0f} words/s\n",
                           recipe->dev, s.sentences, s.words, s.words / std::max(s.parse_seconds, 1e-9),
                           s.words / std::max(s.tag_seconds, 1e-9));
  bool ok = Report(recipe->expected_dev, "upos", s.upos);
  ok = Report(recipe->expected_dev, "uas", s.uas) && ok;
  ok = Report(recipe->expected_dev, "las", s.las) && ok;
  return ok ? 0 : 1;
}

int RunEval(const LearnCommands& c) {
  if (c.task == "parse") return RunEvalParser(c);
  if (c.task == "attribution") return EvalAttributionModel(c.recipe, c.model);
  auto recipe = LoadRecipe(c.recipe);
  if (!recipe.ok()) return Fail(recipe.status());
  std::string model = c.model.empty() ? recipe->model : c.model;
  bool ok = true;
  if (c.task == "pos") {
    auto tagger = PosTagger::Load(model);
    if (!tagger.ok()) return Fail(tagger.status());
    auto dev = ReadConllu(recipe->dev);
    if (!dev.ok()) return Fail(dev.status());
    PosScores s = EvaluatePos(*tagger, *dev);
    std::cout << fmt::format("{}: {} words, {:.0f} words/s\n", recipe->dev, s.words,
                             s.words / std::max(s.seconds, 1e-9));
    ok = Report(recipe->expected_dev, "upos", s.upos) && ok;
    ok = Report(recipe->expected_dev, "xpos", s.xpos) && ok;
  } else {
    auto recognizer = EntityRecognizer::Load(model);
    if (!recognizer.ok()) return Fail(recognizer.status());
    auto dev = ReadConll2003(recipe->dev, true);
    if (!dev.ok()) return Fail(dev.status());
    EntityScores s = EvaluateEntities(*recognizer, *dev);
    std::cout << fmt::format("{}: {} tokens, {} entities, {:.0f} tokens/s\n", recipe->dev, s.tokens, s.gold,
                             s.tokens / std::max(s.seconds, 1e-9));
    ok = Report(recipe->expected_dev, "precision", s.precision) && ok;
    ok = Report(recipe->expected_dev, "recall", s.recall) && ok;
    ok = Report(recipe->expected_dev, "f1", s.f1) && ok;
    for (const auto& [type, f] : s.f1_by_type) std::cout << fmt::format("  f1 {:<6} {:.4f}\n", type, f);
  }
  return ok ? 0 : 1;
}

int RunTag(const LearnCommands& c) {
  auto tagger = PosTagger::Load(c.model.empty() ? PosTagger::DefaultPath() : c.model);
  if (!tagger.ok()) return Fail(tagger.status());
  auto file = ReadConllu(c.input);
  if (!file.ok()) return Fail(file.status());
  std::vector<std::string> lines = file->lines;
  std::vector<std::string_view> words;
  std::vector<std::string> upos, xpos;
  for (const auto& s : file->sentences) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    tagger->TagWords(words, &upos, &xpos);
    for (size_t i = 0; i < s.words.size(); ++i) {
      std::string& line = lines[s.words[i].line];
      line = ReplaceConlluColumn(ReplaceConlluColumn(line, 3, upos[i]), 4, xpos[i]);
    }
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int RunNer(const LearnCommands& c) {
  auto recognizer = EntityRecognizer::Load(c.model.empty() ? EntityRecognizer::DefaultPath() : c.model);
  if (!recognizer.ok()) return Fail(recognizer.status());
  auto file = ReadConll2003(c.input, false);
  if (!file.ok()) return Fail(file.status());
  std::vector<std::string> lines = file->lines;
  for (const auto& d : file->documents) {
    std::vector<std::vector<std::string_view>> words;
    for (const auto& s : d.sentences) {
      words.emplace_back();
      for (const auto& w : s.words) words.back().push_back(w);
    }
    auto tags = recognizer->LabelSentences(words);
    for (size_t s = 0; s < d.sentences.size(); ++s)
      for (size_t i = 0; i < d.sentences[s].words.size(); ++i)
        lines[d.sentences[s].line_numbers[i] - 1] += " " + tags[s][i];
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

int RunParse(const LearnCommands& c) {
  auto parser = parsing::DependencyParser::Load(c.model.empty() ? parsing::DependencyParser::DefaultPath() : c.model);
  if (!parser.ok()) return Fail(parser.status());
  auto tagger = PosTagger::Load(c.pos_model.empty() ? PosTagger::DefaultPath() : c.pos_model);
  if (!tagger.ok()) return Fail(tagger.status());
  auto file = ReadConllu(c.input);
  if (!file.ok()) return Fail(file.status());
  std::vector<std::string> lines = file->lines;
  std::vector<std::string_view> words, upos_view, xpos_view;
  std::vector<std::string> upos, xpos, deprels;
  std::vector<int> heads;
  for (const auto& s : file->sentences) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    tagger->TagWords(words, &upos, &xpos);
    upos_view.assign(upos.begin(), upos.end());
    xpos_view.assign(xpos.begin(), xpos.end());
    parser->ParseSentence(words, upos_view, xpos_view, &heads, &deprels);
    for (size_t i = 0; i < s.words.size(); ++i) {
      std::string& line = lines[s.words[i].line];
      line = ReplaceConlluColumn(line, 3, upos[i]);
      line = ReplaceConlluColumn(line, 4, xpos[i]);
      line = ReplaceConlluColumn(line, 6, std::to_string(heads[i]));
      line = ReplaceConlluColumn(line, 7, deprels[i]);
    }
  }
  std::string out;
  for (const auto& l : lines) out += l + "\n";
  std::fwrite(out.data(), 1, out.size(), stdout);
  return 0;
}

}  // namespace

std::optional<int> RunLearnCommands(const LearnCommands& c) {
  if (c.train->parsed()) return RunTrain(c);
  if (c.eval->parsed()) return RunEval(c);
  if (c.tag->parsed()) return RunTag(c);
  if (c.ner->parsed()) return RunNer(c);
  if (c.parse->parsed()) return RunParse(c);
  return std::nullopt;
}

}  // namespace claimgraph::cli
