#include <algorithm>
#include <chrono>
#include <filesystem>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>

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

// Structured perceptron step with early update (Collins & Roark 2004): decode with
// the beam until the gold prefix falls out of it (or to the end), then reward the
// gold prefix's decisions and penalise the best prefix's. Dictionary-fixed words
// keep their fixed tag on both sides. Returns the number of wrong tags in the
// compared prefix.
size_t BeamTrainSentence(const std::vector<PosToken>& s, const std::vector<int>& gold_tags, int width,
                         learn::PerceptronTrainer* trainer) {
  if (s.empty()) return 0;
  std::vector<int> gold = gold_tags;
  for (size_t i = 0; i < s.size(); ++i)
    if (s[i].lex && s[i].lex->upos_fixed >= 0) gold[i] = s[i].lex->upos_fixed;
  std::vector<std::vector<BeamItem>> columns(s.size());
  auto score = [&](std::span<const uint64_t> f, std::span<float> sc) { trainer->Score(f, sc); };
  int gold_item = 0;  // index of the gold prefix in the last column
  size_t end = s.size() - 1;
  bool fell_out = false;
  for (size_t i = 0; i < s.size(); ++i) {
    UposBeamStep(s, i, trainer->num_classes(), width, columns, score, &columns[i]);
    int found = -1;
    for (size_t k = 0; k < columns[i].size(); ++k) {
      const BeamItem& b = columns[i][k];
      if (b.tag == gold[i] && (i == 0 || b.back == gold_item)) {
        found = static_cast<int>(k);
        break;
      }
    }
    if (found < 0) {
      end = i;
      fell_out = true;
      break;
    }
    gold_item = found;
  }
  trainer->Tick();
  std::vector<int> best = BeamPath(columns, end, 0);
  if (!fell_out && best == gold) return 0;
  learn::FeatureBuffer f;
  size_t wrong = 0;
  for (size_t i = 0; i <= end; ++i) {
    if (s[i].lex && s[i].lex->upos_fixed >= 0) continue;
    int g1 = i ? gold[i - 1] : -1, g2 = i > 1 ? gold[i - 2] : -1;
    int p1 = i ? best[i - 1] : -1, p2 = i > 1 ? best[i - 2] : -1;
    if (g1 == p1 && g2 == p2 && gold[i] == best[i]) continue;  // same decision: the updates cancel
    wrong += gold[i] != best[i];
    PosBaseFeatures(s, i, &f);
    UposHistoryFeatures(s, i, g1, g2, &f);
    trainer->Adjust(f.keys(), gold[i], 1.0f);
    PosBaseFeatures(s, i, &f);
    UposHistoryFeatures(s, i, p1, p2, &f);
    trainer->Adjust(f.keys(), best[i], -1.0f);
  }
  return wrong;
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
  model->beam_width = static_cast<uint32_t>(recipe.beam);
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
  if (recipe.hide_singletons) {
    std::unordered_map<std::string_view, int> counts;
    for (const auto& d : data)
      for (auto w : d.words) ++counts[w];
    for (auto& d : data)
      for (size_t i = 0; i < d.words.size(); ++i) d.tokens[i].hidden = counts[d.words[i]] == 1;
    for (auto& d : data) CachePosBaseFeatures(&d.tokens);
  }
  log("pos: " + std::to_string(data.size()) + " sentences, " + std::to_string(words) + " words, " +
      std::to_string(model->upos.size()) + " UPOS and " + std::to_string(model->xpos.size()) + " XPOS tags, " +
      std::to_string(model->lexicon.size()) + " lexicon words");

  const auto& opt = recipe.training;
  // One greedy pass trained on `subset`, conditioned on its own earlier predictions.
  auto train_pass = [&](PosPass pass, const std::vector<uint32_t>& subset, uint64_t seed,
                        const std::vector<std::vector<int>>& context, const char* name, int bags) {
    int classes = pass == PosPass::kXpos ? model->xpos.size() : model->upos.size();
    std::vector<std::unique_ptr<learn::PerceptronTrainer>> runs;
    for (int bag = 0; bag < bags; ++bag) {
      runs.push_back(std::make_unique<learn::PerceptronTrainer>(classes));
      learn::PerceptronTrainer& trainer = *runs.back();
      learn::FeatureBuffer features;
      std::vector<float> scores(classes);
      std::vector<int> tags;
      for (int epoch = 0; epoch < opt.epochs; ++epoch) {
        size_t errors = 0, decisions = 0;
        for (uint32_t o : learn::ShuffledOrder(subset.size(), seed + 1000 * bag, epoch)) {
          const auto& d = data[subset[o]];
          if (pass == PosPass::kUpos && model->beam_width > 1) {
            errors += BeamTrainSentence(d.tokens, d.upos, static_cast<int>(model->beam_width), &trainer);
            decisions += d.words.size();
            continue;
          }
          const std::vector<int>& gold = pass == PosPass::kXpos ? d.xpos : d.upos;
          tags.assign(d.words.size(), 0);
          for (size_t i = 0; i < d.words.size(); ++i) {
            const PosLexEntry* lex = d.tokens[i].lex;
            int fixed = !lex ? -1 : pass == PosPass::kXpos ? lex->xpos_fixed : lex->upos_fixed;
            if (fixed >= 0) {
              tags[i] = fixed;
              continue;
            }
            switch (pass) {
              case PosPass::kUpos:
                UposFeatures(d.tokens, i, tags, &features);
                break;
              case PosPass::kStackedUpos:
                StackedUposFeatures(d.tokens, i, tags, context[subset[o]], &features);
                break;
              case PosPass::kXpos:
                XposFeatures(d.tokens, i, tags, context[subset[o]], &features);
                break;
            }
            trainer.Score(features.keys(), scores);
            int guess = Argmax(scores, classes);
            trainer.Update(features.keys(), gold[i], guess);
            trainer.Tick();
            errors += guess != gold[i];
            ++decisions;
            tags[i] = guess;
          }
        }
        log(std::string("pos: ") + name + " epoch " + std::to_string(epoch + 1) + ": " + std::to_string(errors) +
            " training errors in " + std::to_string(decisions) + " decisions");
      }
    }
    std::vector<const learn::PerceptronTrainer*> all;
    for (const auto& r : runs) all.push_back(r.get());
    return learn::PerceptronTrainer::FinishMean(all, opt.prune_below);
  };

  std::vector<uint32_t> everything(data.size());
  for (uint32_t k = 0; k < data.size(); ++k) everything[k] = k;
  const std::vector<std::vector<int>> no_context;
  model->upos_model = train_pass(PosPass::kUpos, everything, opt.seed, no_context, "UPOS", recipe.bagging);

  // UPOS as the later passes will see it at run time: out-of-fold predictions when
  // stacking (so the second pass learns how far to trust the first), else the
  // final first-pass model's. Fold models are single runs: they only need to be
  // about as good as the first pass.
  std::vector<std::vector<int>> first(data.size());
  if (recipe.stack_folds > 1) {
    for (int fold = 0; fold < recipe.stack_folds; ++fold) {
      std::vector<uint32_t> in, out;
      for (uint32_t k = 0; k < data.size(); ++k) (k % recipe.stack_folds == uint32_t(fold) ? out : in).push_back(k);
      learn::Perceptron p = train_pass(PosPass::kUpos, in, opt.seed + 10 + fold, no_context, "UPOS fold", 1);
      for (uint32_t k : out) DecodePosPass(*model, PosPass::kUpos, p, data[k].tokens, {}, &first[k]);
    }
    model->upos_stacked =
        train_pass(PosPass::kStackedUpos, everything, opt.seed + 2, first, "stacked UPOS", recipe.bagging);
  } else {
    for (uint32_t k = 0; k < data.size(); ++k)
      DecodePosPass(*model, PosPass::kUpos, model->upos_model, data[k].tokens, {}, &first[k]);
  }
  model->xpos_model = train_pass(PosPass::kXpos, everything, opt.seed + 1, first, "XPOS", recipe.bagging);

  PosTagger tagger(model);
  PosScores scores_dev = EvaluatePos(tagger, *dev);
  nlohmann::json meta;
  meta["task"] = "pos";
  meta["recipe"] = std::filesystem::path(recipe.path).filename().string();
  meta["train_sentences"] = data.size();
  meta["train_words"] = words;
  meta["seed"] = opt.seed;
  meta["epochs"] = opt.epochs;
  meta["stack_folds"] = recipe.stack_folds;
  meta["beam"] = recipe.beam;
  meta["bagging"] = recipe.bagging;
  meta["features"] =
      model->upos_model.num_features() + model->xpos_model.num_features() + model->upos_stacked.num_features();
  meta["weights"] = tagger.num_weights();
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
