#include "tagging/recipe.h"

#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "learn/hash.h"

namespace claimgraph::tagging {

namespace fs = std::filesystem;

std::string ClusterRecipe::Fingerprint() const {
  std::string key = "clusters-v2";
  for (const auto& c : corpora) key += "|" + c.path + "|" + c.format;
  for (int s : options.sizes) key += "|k" + std::to_string(s);
  key += "|m" + std::to_string(options.min_count) + "|i" + std::to_string(options.max_iterations);
  return std::to_string(learn::HashBytes(key));
}

Result<Recipe> LoadRecipe(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  Recipe r;
  r.path = path;
  r.root = RecipeRoot(path);
  auto resolve = [&](const std::string& p) { return ResolveAgainst(r.root, p); };
  try {
    auto j = nlohmann::json::parse(*text);
    r.task = j.at("task").get<std::string>();
    if (r.task != "pos" && r.task != "ner") return Status::InvalidInput(path + ": task must be pos or ner");
    r.model = resolve(j.at("model").get<std::string>());
    r.train = resolve(j.at("train").get<std::string>());
    r.dev = resolve(j.at("dev").get<std::string>());
    r.training.seed = j.value("seed", uint64_t{1});
    r.training.epochs = j.value("epochs", 10);
    r.training.prune_below = j.value("prune_below", 0.0f);
    r.report_each_epoch = j.value("report_each_epoch", false);
    r.stack_folds = j.value("stack_folds", 0);
    r.hide_singletons = j.value("hide_singletons", false);
    r.beam = j.value("beam", 1);
    r.bagging = j.value("bagging", 1);
    if (r.bagging < 1 || r.bagging > 16) return Status::InvalidInput(path + ": bagging must be between 1 and 16");
    if (r.beam < 1 || r.beam > 64) return Status::InvalidInput(path + ": beam must be between 1 and 64");
    if (j.contains("dictionary")) {
      const auto& d = j["dictionary"];
      r.dictionary_min_count = d.value("min_count", r.dictionary_min_count);
      r.dictionary_min_share = d.value("min_share", r.dictionary_min_share);
      r.ambiguity_min_count = d.value("ambiguity_min_count", r.ambiguity_min_count);
    }
    if (j.contains("clusters")) {
      const auto& c = j["clusters"];
      for (const auto& src : c.at("corpora")) {
        r.clusters.corpora.push_back({resolve(src.at("path").get<std::string>()), src.at("format").get<std::string>()});
      }
      r.clusters.options.sizes = c.value("sizes", r.clusters.options.sizes);
      r.clusters.options.min_count = c.value("min_count", r.clusters.options.min_count);
      r.clusters.options.max_iterations = c.value("iterations", r.clusters.options.max_iterations);
    }
    if (j.contains("gazetteer")) {
      const auto& g = j["gazetteer"];
      r.gazetteer.kb_dir = resolve(g.value("kb", std::string()));
      r.gazetteer.person_names = resolve(g.value("person_names", std::string()));
      r.gazetteer.dropout = g.value("dropout", 0.0);
      r.gazetteer.lexicon_dropout = g.value("lexicon_dropout", 0.0);
      for (double rate : {r.gazetteer.dropout, r.gazetteer.lexicon_dropout})
        if (rate < 0 || rate >= 1) return Status::InvalidInput(path + ": gazetteer dropout must be in [0, 1)");
    }
    if (j.contains("expected_dev")) {
      for (const auto& [k, v] : j["expected_dev"].items()) r.expected_dev[k] = v.get<double>();
    }
  } catch (const std::exception& e) {
    return Status::InvalidInput(path + ": " + e.what());
  }
  if (r.training.epochs < 1) return Status::InvalidInput(path + ": epochs must be at least 1");
  return r;
}

}  // namespace claimgraph::tagging
