#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <set>

#include "learn/trainer.h"
#include "tagging/pos_model.h"
#include "tagging/training.h"

namespace claimgraph::tagging {

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

struct Tally {
  int total = 0;
  std::map<int, int> upos, xpos;
};

// Fixed tags for frequent unambiguous words, ambiguity classes for frequent words.
void BuildLexicon(const Recipe& recipe, const ConlluFile& train, PosModel* m) {
  std::map<std::string, Tally> tallies;  // ordered: ids below are deterministic
  for (const auto& s : train.sentences)
    for (const auto& w : s.words) {
      Tally& t = tallies[w.form];
      ++t.total;
      ++t.upos[m->upos.Find(w.upos)];
      ++t.xpos[m->xpos.Find(w.xpos)];
    }
  auto signature = [](const std::map<int, int>& counts, int total) {
    std::string sig;
    for (const auto& [tag, n] : counts)
      if (n * 100 >= total) sig += std::to_string(tag) + ",";  // ignore the rarest readings (mostly noise)
    return sig;
  };
  std::map<std::string, int> upos_sigs, xpos_sigs;
  for (const auto& [word, t] : tallies) {
    if (t.total < recipe.ambiguity_min_count) continue;
    upos_sigs.emplace(signature(t.upos, t.total), 0);
    xpos_sigs.emplace(signature(t.xpos, t.total), 0);
  }
  int id = 0;
  for (auto& [sig, n] : upos_sigs) n = id++;
  id = 0;
  for (auto& [sig, n] : xpos_sigs) n = id++;
  auto fixed = [&](const std::map<int, int>& counts, int total) {
    if (total < recipe.dictionary_min_count) return -1;
    auto top = std::max_element(counts.begin(), counts.end(), [](auto& a, auto& b) { return a.second < b.second; });
    return top->second >= recipe.dictionary_min_share * total ? top->first : -1;
  };
  for (const auto& [word, t] : tallies) {
    if (t.total < recipe.ambiguity_min_count) continue;
    PosLexEntry e;
    e.upos_fixed = fixed(t.upos, t.total);
    e.xpos_fixed = fixed(t.xpos, t.total);
    e.upos_ambiguity = upos_sigs[signature(t.upos, t.total)];
    e.xpos_ambiguity = xpos_sigs[signature(t.xpos, t.total)];
    m->lexicon.emplace(word, e);
  }
}

struct PreparedSentence {
  std::vector<std::string_view> words;
  std::vector<PosToken> tokens;
  std::vector<int> upos, xpos;  // gold
  std::vector<int> predicted_upos;
};

int Argmax(const std::vector<float>& scores, int n) {
  return static_cast<int>(std::max_element(scores.begin(), scores.begin() + n) - scores.begin());
}

}  // namespace

Result<PosTagger> TrainPosTagger(const Recipe& recipe, const learn::WordClusters& clusters, const Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  auto log = [&](const std::string& s) {
    if (progress) progress(s);
  };
  auto train = ReadConllu(recipe.train);
  if (!train.ok()) return train.status();
  auto dev = ReadConllu(recipe.dev);
  if (!dev.ok()) return dev.status();

  auto model = std::make_shared<PosModel>();
  for (const auto& s : train->sentences)
    for (const auto& w : s.words) {
      model->upos.Add(w.upos);
      model->xpos.Add(w.xpos);
    }
  BuildLexicon(recipe, *train, model.get());
  model->clusters = clusters;

  std::vector<PreparedSentence> data(train->sentences.size());
  size_t words = 0;
  for (size_t k = 0; k < data.size(); ++k) {
    auto& d = data[k];
    for (const auto& w : train->sentences[k].words) {
      d.words.push_back(w.form);
      d.upos.push_back(model->upos.Find(w.upos));
      d.xpos.push_back(model->xpos.Find(w.xpos));
    }
    PreparePosTokens(*model, d.words, &d.tokens);
    words += d.words.size();
  }
  log("pos: " + std::to_string(data.size()) + " sentences, " + std::to_string(words) + " words, " +
      std::to_string(model->upos.size()) + " UPOS and " + std::to_string(model->xpos.size()) + " XPOS tags, " +
      std::to_string(model->lexicon.size()) + " lexicon words");

  learn::FeatureBuffer features;
  std::vector<float> scores(std::max(model->upos.size(), model->xpos.size()));
  const auto& opt = recipe.training;

  // Pass 1: UPOS, greedy, conditioned on its own earlier predictions.
  learn::PerceptronTrainer upos_trainer(model->upos.size());
  std::vector<int> tags;
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    size_t errors = 0, decisions = 0;
    for (uint32_t k : learn::ShuffledOrder(data.size(), opt.seed, epoch)) {
      const auto& d = data[k];
      tags.assign(d.words.size(), 0);
      for (size_t i = 0; i < d.words.size(); ++i) {
        if (d.tokens[i].lex && d.tokens[i].lex->upos_fixed >= 0) {
          tags[i] = d.tokens[i].lex->upos_fixed;
          continue;
        }
        UposFeatures(d.tokens, i, tags, &features);
        upos_trainer.Score(features.keys(), scores);
        int guess = Argmax(scores, model->upos.size());
        upos_trainer.Update(features.keys(), d.upos[i], guess);
        upos_trainer.Tick();
        errors += guess != d.upos[i];
        ++decisions;
        tags[i] = guess;
      }
    }
    log("pos: UPOS epoch " + std::to_string(epoch + 1) + ": " + std::to_string(errors) + " training errors in " +
        std::to_string(decisions) + " decisions");
  }
  model->upos_model = upos_trainer.Finish(opt.prune_below);

  // Pass 2: XPOS, seeing the UPOS the final model predicts (as it will at run time).
  PosTagger upos_only(model);
  std::vector<std::string> predicted;
  for (auto& d : data) {
    upos_only.TagWords(d.words, &predicted, nullptr);
    d.predicted_upos.clear();
    for (const auto& p : predicted) d.predicted_upos.push_back(model->upos.Find(p));
  }
  learn::PerceptronTrainer xpos_trainer(model->xpos.size());
  for (int epoch = 0; epoch < opt.epochs; ++epoch) {
    size_t errors = 0, decisions = 0;
    for (uint32_t k : learn::ShuffledOrder(data.size(), opt.seed + 1, epoch)) {
      const auto& d = data[k];
      tags.assign(d.words.size(), 0);
      for (size_t i = 0; i < d.words.size(); ++i) {
        if (d.tokens[i].lex && d.tokens[i].lex->xpos_fixed >= 0) {
          tags[i] = d.tokens[i].lex->xpos_fixed;
          continue;
        }
        XposFeatures(d.tokens, i, tags, d.predicted_upos, &features);
        xpos_trainer.Score(features.keys(), scores);
        int guess = Argmax(scores, model->xpos.size());
        xpos_trainer.Update(features.keys(), d.xpos[i], guess);
        xpos_trainer.Tick();
        errors += guess != d.xpos[i];
        ++decisions;
        tags[i] = guess;
      }
    }
    log("pos: XPOS epoch " + std::to_string(epoch + 1) + ": " + std::to_string(errors) + " training errors in " +
        std::to_string(decisions) + " decisions");
  }
  model->xpos_model = xpos_trainer.Finish(opt.prune_below);

  PosTagger tagger(model);
  PosScores scores_dev = EvaluatePos(tagger, *dev);
  nlohmann::json meta;
  meta["task"] = "pos";
  meta["recipe"] = std::filesystem::path(recipe.path).filename().string();
  meta["train_sentences"] = data.size();
  meta["train_words"] = words;
  meta["seed"] = opt.seed;
  meta["epochs"] = opt.epochs;
  meta["features"] = model->upos_model.num_features() + model->xpos_model.num_features();
  meta["weights"] = model->upos_model.num_weights() + model->xpos_model.num_weights();
  meta["dev"] = {{"upos", scores_dev.upos}, {"xpos", scores_dev.xpos}, {"words", scores_dev.words}};
  model->metadata = meta.dump();
  log("pos: trained in " + std::to_string(static_cast<int>(Seconds(start))) + " s; dev UPOS " +
      std::to_string(scores_dev.upos) + ", XPOS " + std::to_string(scores_dev.xpos));
  return tagger;
}

PosScores EvaluatePos(const PosTagger& tagger, const ConlluFile& gold) {
  PosScores out;
  size_t upos_ok = 0, xpos_ok = 0;
  std::vector<std::string_view> words;
  std::vector<std::string> upos, xpos;
  auto start = std::chrono::steady_clock::now();
  for (const auto& s : gold.sentences) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    tagger.TagWords(words, &upos, &xpos);
    for (size_t i = 0; i < s.words.size(); ++i) {
      upos_ok += upos[i] == s.words[i].upos;
      xpos_ok += xpos[i] == s.words[i].xpos;
    }
    out.words += s.words.size();
  }
  out.seconds = Seconds(start);
  if (out.words) {
    out.upos = double(upos_ok) / double(out.words);
    out.xpos = double(xpos_ok) / double(out.words);
  }
  return out;
}

}  // namespace claimgraph::tagging
