#include "parsing/parser_trainer.h"

#include <algorithm>
#include <cassert>
#include <chrono>
#include <cmath>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <memory>
#include <mutex>
#include <optional>
#include <thread>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "learn/hash.h"
#include "learn/model_file.h"
#include "parsing/parser_model.h"
#include "tagging/pos_model.h"
#include "tagging/recipe.h"
#include "tagging/training.h"

namespace claimgraph::parsing {

namespace fs = std::filesystem;
using Clock = std::chrono::steady_clock;

namespace {

double Since(Clock::time_point start) { return std::chrono::duration<double>(Clock::now() - start).count(); }

// CPU seconds of the calling thread: speed figures that other processes on a
// shared machine do not distort.
double ThreadSeconds() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) + t.tv_nsec * 1e-9;
}

std::string BaseRelation(std::string_view r) { return std::string(r.substr(0, r.find(':'))); }

}  // namespace

learn::Perceptron PrunePerceptron(const learn::Perceptron& p, float min_abs) {
  // Read back through the serialised form: the one stable view of the weights.
  learn::ByteWriter w;
  p.Save(w);
  learn::ByteReader in(w.data(), "perceptron");
  uint32_t classes = 0;
  float scale = 0;
  uint64_t n = 0;
  in.U32(&classes);
  in.F32(&scale);
  in.U64(&n);
  std::vector<learn::FeatureWeights> features;
  for (uint64_t i = 0; i < n && in.ok(); ++i) {
    learn::FeatureWeights f;
    uint16_t count = 0;
    in.U64(&f.key);
    in.U16(&count);
    for (uint16_t k = 0; k < count; ++k) {
      uint16_t c = 0;
      int16_t q = 0;
      in.U16(&c);
      in.I16(&q);
      float weight = q * scale;
      if (std::fabs(weight) >= min_abs) f.weights.emplace_back(c, weight);
    }
    if (!f.weights.empty()) features.push_back(std::move(f));
  }
  assert(in.ok() && in.remaining() == 0);
  return learn::Perceptron(static_cast<int>(classes), std::move(features));
}

namespace {

// Prunes `model` until its file fits `max_mb` (0: no limit): first as it is (its
// weights already pruned at `applied`), then at `first` and x1.15 per step; returns
// the threshold in effect.
float FitModelSize(ParserModel* model, float applied, float first, double max_mb, const Progress& progress) {
  const learn::Perceptron full = model->weights;
  float prune = applied;
  while (true) {
    learn::ByteWriter bytes;
    model->Save(bytes);
    double mb = bytes.data().size() / 1e6;
    if (progress) progress("parse: " + std::to_string(mb) + " MB with weights below " + std::to_string(prune) + " pruned");
    if (max_mb <= 0 || mb <= max_mb) return prune;
    prune = prune < first ? first : prune * 1.15f;
    model->weights = PrunePerceptron(full, prune);
  }
}

}  // namespace

Result<DependencyParser> RepruneParser(const ParseRecipe& recipe, const std::string& from, const Progress& progress) {
  auto loaded = learn::LoadModel<ParserModel>(from, kParserModelKind);
  if (!loaded.ok()) return loaded.status();
  auto model = std::make_shared<ParserModel>(**loaded);
  float prune = FitModelSize(model.get(), 0.0f, std::max(recipe.training.prune_below, 1e-3f), recipe.max_model_mb,
                             progress);
  auto meta = nlohmann::json::parse(model->metadata, nullptr, false);
  if (meta.is_object()) {
    meta["prune_below"] = prune;
    meta["weights"] = model->weights.num_weights();
    model->metadata = meta.dump();
  }
  return DependencyParser(model);
}

Result<ParseRecipe> LoadParseRecipe(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  ParseRecipe r;
  r.path = path;
  r.root = RecipeRoot(path);
  auto resolve = [&](const std::string& p) { return ResolveAgainst(r.root, p); };
  try {
    auto j = nlohmann::json::parse(*text);
    if (j.at("task").get<std::string>() != "parse") return Status::InvalidInput(path + ": task must be parse");
    r.model = resolve(j.at("model").get<std::string>());
    r.train = resolve(j.at("train").get<std::string>());
    r.dev = resolve(j.at("dev").get<std::string>());
    r.pos_model = resolve(j.at("pos_model").get<std::string>());
    r.training.seed = j.value("seed", uint64_t{1});
    r.training.epochs = j.value("epochs", 15);
    r.training.prune_below = j.value("prune_below", 0.0f);
    r.explore_from_epoch = j.value("explore_from_epoch", r.explore_from_epoch);
    r.explore_probability = j.value("explore_probability", r.explore_probability);
    r.min_lifted_label_count = j.value("min_lifted_label_count", r.min_lifted_label_count);
    r.report_each_epoch = j.value("report_each_epoch", false);
    r.max_model_mb = j.value("max_model_mb", r.max_model_mb);
    r.bagging = j.value("bagging", r.bagging);
    if (j.contains("jackknife")) {
      const auto& k = j["jackknife"];
      r.jackknife_folds = k.value("folds", 0);
      r.jackknife_pos_recipe = resolve(k.value("pos_recipe", std::string()));
      r.jackknife_epochs = k.value("epochs", r.jackknife_epochs);
      r.jackknife_beam = k.value("beam", r.jackknife_beam);
      r.jackknife_bagging = k.value("bagging", r.jackknife_bagging);
      r.jackknife_stack_folds = k.value("stack_folds", r.jackknife_stack_folds);
    }
    if (j.contains("expected_dev")) {
      for (const auto& [k, v] : j["expected_dev"].items()) r.expected_dev[k] = v.get<double>();
    }
  } catch (const std::exception& e) {
    return Status::InvalidInput(path + ": " + e.what());
  }
  if (r.training.epochs < 1) return Status::InvalidInput(path + ": epochs must be at least 1");
  if (r.bagging < 1 || r.bagging > 8) return Status::InvalidInput(path + ": bagging must be between 1 and 8");
  if (r.explore_probability < 0 || r.explore_probability > 1)
    return Status::InvalidInput(path + ": explore_probability must be between 0 and 1");
  if (r.jackknife_folds == 1 || r.jackknife_folds < 0 || r.jackknife_folds > 50)
    return Status::InvalidInput(path + ": jackknife folds must be 0 or between 2 and 50");
  if (r.jackknife_folds > 1 && r.jackknife_pos_recipe.empty())
    return Status::InvalidInput(path + ": jackknife needs a pos_recipe");
  return r;
}

namespace {

struct TrainSentence {
  std::vector<std::string> words, upos, xpos;
  std::vector<int> heads;  // -1 root, else 0-based
  std::vector<std::string> labels;
};

Result<std::vector<TrainSentence>> ReadTreebank(const std::string& path) {
  auto file = tagging::ReadConllu(path);
  if (!file.ok()) return file.status();
  std::vector<TrainSentence> out;
  for (const auto& s : file->sentences) {
    TrainSentence t;
    const int n = static_cast<int>(s.words.size());
    for (const auto& w : s.words) {
      if (w.head < 0 || w.head > n || w.deprel.empty() || w.deprel == "_") {
        return Status::InvalidInput(path + ":" + std::to_string(w.line + 1) + ": word without a HEAD/DEPREL");
      }
      t.words.push_back(w.form);
      t.upos.push_back(w.upos);
      t.xpos.push_back(w.xpos);
      t.heads.push_back(w.head - 1);
      t.labels.push_back(w.deprel);
    }
    int roots = static_cast<int>(std::count(t.heads.begin(), t.heads.end(), -1));
    if (roots != 1) {
      return Status::InvalidInput(path + ":" + std::to_string(s.words[0].line + 1) + ": sentence with " +
                                  std::to_string(roots) + " roots");
    }
    out.push_back(std::move(t));
  }
  return out;
}

// Replaces each sentence's tags by those of a tagger trained on the other folds.
Status JackknifeTags(const ParseRecipe& recipe, const learn::WordClusters& clusters, const std::string& cache_dir,
                     std::vector<TrainSentence>* data, const Progress& progress) {
  const int folds = recipe.jackknife_folds;
  std::string key = "jackknife-v1|" + recipe.train + "|" + recipe.jackknife_pos_recipe + "|" + std::to_string(folds) +
                    "|" + std::to_string(recipe.jackknife_epochs) + "|" + std::to_string(recipe.jackknife_beam) +
                    "|" + std::to_string(recipe.jackknife_bagging) + "|" +
                    std::to_string(recipe.jackknife_stack_folds) + "|" + std::to_string(recipe.training.seed) + "|" +
                    std::to_string(data->size());
  std::string cache;
  if (!cache_dir.empty()) {
    fs::create_directories(cache_dir);
    cache = (fs::path(cache_dir) / ("jackknife-" + std::to_string(learn::HashBytes(key)) + ".tags")).string();
    std::ifstream in(cache);
    if (in) {
      std::vector<TrainSentence> copy = *data;
      bool good = true;
      for (auto& s : copy) {
        for (size_t i = 0; i < s.words.size() && good; ++i) good = static_cast<bool>(in >> s.upos[i] >> s.xpos[i]);
      }
      std::string extra;
      if (good && !(in >> extra)) {
        if (progress) progress("jackknife: reusing " + cache);
        *data = std::move(copy);
        return Status::Ok();
      }
    }
  }
  auto pos_recipe = tagging::LoadRecipe(recipe.jackknife_pos_recipe);
  if (!pos_recipe.ok()) return pos_recipe.status();
  tagging::Recipe r = *pos_recipe;
  r.training.epochs = recipe.jackknife_epochs;
  r.training.seed = recipe.training.seed;
  r.beam = recipe.jackknife_beam;
  r.bagging = recipe.jackknife_bagging;
  r.stack_folds = recipe.jackknife_stack_folds;
  r.report_each_epoch = false;
  fs::path dir = fs::temp_directory_path() / ("cg_jackknife_" + std::to_string(::getpid()));
  fs::create_directories(dir);
  size_t right = 0, total = 0;
  for (int fold = 0; fold < folds; ++fold) {
    auto start = Clock::now();
    // The other folds as a CoNLL-U file: the POS trainer reads only FORM, UPOS, XPOS.
    std::string text;
    for (size_t k = 0; k < data->size(); ++k) {
      if (static_cast<int>(k % folds) == fold) continue;
      const TrainSentence& s = (*data)[k];
      for (size_t i = 0; i < s.words.size(); ++i) {
        text += std::to_string(i + 1) + "\t" + s.words[i] + "\t_\t" + s.upos[i] + "\t" + s.xpos[i] + "\t_\t" +
                std::to_string(s.heads[i] + 1) + "\t" + s.labels[i] + "\t_\t_\n";
      }
      text += "\n";
    }
    r.train = (dir / ("fold" + std::to_string(fold) + ".conllu")).string();
    std::ofstream(r.train, std::ios::binary) << text;
    auto tagger = tagging::TrainPosTagger(r, clusters, {});
    fs::remove(r.train);
    if (!tagger.ok()) return tagger.status();
    std::vector<std::string_view> words;
    std::vector<std::string> upos, xpos;
    for (size_t k = fold; k < data->size(); k += folds) {
      TrainSentence& s = (*data)[k];
      words.assign(s.words.begin(), s.words.end());
      tagger->TagWords(words, &upos, &xpos);
      for (size_t i = 0; i < s.words.size(); ++i) right += upos[i] == s.upos[i], ++total;
      s.upos = upos;
      s.xpos = xpos;
    }
    if (progress) {
      progress("jackknife: fold " + std::to_string(fold + 1) + "/" + std::to_string(folds) + " tagged in " +
               std::to_string(static_cast<int>(Since(start))) + " s");
    }
  }
  fs::remove_all(dir);
  if (progress) progress("jackknife: training UPOS accuracy " + std::to_string(double(right) / std::max<size_t>(total, 1)));
  if (!cache.empty()) {
    std::ofstream out(cache + ".tmp");
    for (const auto& s : *data)
      for (size_t i = 0; i < s.words.size(); ++i) out << s.upos[i] << ' ' << s.xpos[i] << '\n';
    out.close();
    fs::rename(cache + ".tmp", cache);
  }
  return Status::Ok();
}

}  // namespace

Result<DependencyParser> TrainParser(const ParseRecipe& recipe, const std::string& cache_dir,
                                     const Progress& progress) {
  auto start = Clock::now();
  // Without a POS model: no word classes, and dev is scored with its gold tags.
  std::optional<tagging::PosTagger> tagger;
  learn::WordClusters clusters;
  if (!recipe.pos_model.empty()) {
    auto pos = learn::LoadModel<tagging::PosModel>(recipe.pos_model, tagging::kPosModelKind);
    if (!pos.ok()) return pos.status();
    clusters = (*pos)->clusters;
    auto loaded = tagging::PosTagger::Load(recipe.pos_model);
    if (!loaded.ok()) return loaded.status();
    tagger = std::move(loaded).value();
  }
  const tagging::PosTagger* dev_tagger = tagger ? &*tagger : nullptr;
  auto train = ReadTreebank(recipe.train);
  if (!train.ok()) return train.status();
  auto dev = tagging::ReadConllu(recipe.dev);
  if (!dev.ok()) return dev.status();
  std::vector<TrainSentence>& data = *train;

  auto model = std::make_shared<ParserModel>();
  model->clusters = std::move(clusters);
  // Tag sets from the gold training tags (jackknifed tags come from the same sets).
  for (const auto& s : data) {
    for (size_t i = 0; i < s.words.size(); ++i) {
      model->upos.Add(s.upos[i]);
      model->xpos.Add(s.xpos[i]);
    }
  }
  if (recipe.jackknife_folds > 1) {
    if (!tagger) return Status::InvalidInput(recipe.path + ": jackknifing needs a pos_model");
    if (Status st = JackknifeTags(recipe, model->clusters, cache_dir, &data, progress); !st.ok()) return st;
  }

  // Pseudo-projective training trees and the relation inventory.
  size_t words = 0, nonprojective_sentences = 0, lifts = 0;
  std::map<std::string, int> counts;
  for (auto& s : data) {
    words += s.words.size();
    int l = Projectivize(&s.heads, &s.labels);
    lifts += l;
    nonprojective_sentences += l > 0;
    for (const auto& label : s.labels) ++counts[label];
  }
  model->root_label = model->labels.Add("root");
  for (auto& s : data) {
    for (auto& label : s.labels) {
      if (label.find('|') != std::string::npos && counts[label] < recipe.min_lifted_label_count) {
        label = label.substr(0, label.find('|'));
      }
      model->labels.Add(label);
    }
  }
  model->label_directions.assign(model->labels.size(), 0);
  for (const auto& s : data) {
    for (size_t i = 0; i < s.words.size(); ++i) {
      if (s.heads[i] < 0) continue;
      int l = model->labels.Find(s.labels[i]);
      model->label_directions[l] |=
          static_cast<int>(i) < s.heads[i] ? ParserModel::kLeftOfHead : ParserModel::kRightOfHead;
    }
  }
  if (progress) {
    progress("parse: " + std::to_string(data.size()) + " sentences, " + std::to_string(words) + " words, " +
             std::to_string(nonprojective_sentences) + " non-projective (" + std::to_string(lifts) + " lifts), " +
             std::to_string(model->labels.size()) + " relations");
  }

  // Atoms and gold trees once: they do not change between epochs.
  std::vector<std::vector<TokenAtoms>> atoms(data.size());
  std::vector<GoldTree> gold(data.size());
  {
    std::vector<std::string_view> w, u, x;
    for (size_t k = 0; k < data.size(); ++k) {
      const TrainSentence& s = data[k];
      w.assign(s.words.begin(), s.words.end());
      u.assign(s.upos.begin(), s.upos.end());
      x.assign(s.xpos.begin(), s.xpos.end());
      PrepareAtoms(*model, w, u, x, &atoms[k]);
      const int n = static_cast<int>(s.words.size());
      for (int i = 0; i < n; ++i) {
        gold[k].head.push_back(s.heads[i] < 0 ? n : s.heads[i]);
        gold[k].label.push_back(model->labels.Find(s.labels[i]));
      }
    }
  }

  const int classes = NumTransitionClasses(model->labels.size());
  // Bagging: independent runs over differently seeded shuffles (one thread each),
  // whose averaged weights are averaged again. Each run is deterministic.
  std::vector<std::unique_ptr<learn::PerceptronTrainer>> trainers;
  for (int r = 0; r < recipe.bagging; ++r) trainers.push_back(std::make_unique<learn::PerceptronTrainer>(classes));
  std::mutex progress_mutex;
  auto report = [&](const std::string& line) {
    std::lock_guard<std::mutex> lock(progress_mutex);
    if (progress) progress(line);
  };
  auto run = [&](int r) {
    learn::PerceptronTrainer& trainer = *trainers[r];
    const uint64_t seed = recipe.training.seed + 1000 * r;
    learn::SeededRandom explore_rng(learn::HashCombine(seed, 0xe7));
    learn::FeatureBuffer features;
    std::vector<float> scores(classes);
    std::vector<int> cost(classes);
    ParserState state;
    for (int epoch = 1; epoch <= recipe.training.epochs; ++epoch) {
      auto epoch_start = Clock::now();
      bool explore = epoch >= recipe.explore_from_epoch && recipe.explore_probability > 0;
      size_t decisions = 0, mistakes = 0;
      for (uint32_t k : learn::ShuffledOrder(data.size(), seed, epoch)) {
        const GoldTree& g = gold[k];
        state.Reset(static_cast<int>(g.head.size()));
        while (!state.Terminal()) {
          if (!state.CanShift() && !state.CanRight()) {
            state.Apply(Move::kLeft, model->root_label);
            continue;
          }
          ExtractFeatures(atoms[k], state, &features);
          trainer.Score(features.keys(), scores);
          int predicted = BestAllowed(*model, state, scores);
          int move_cost[3] = {state.CanShift() ? MoveCost(state, g, Move::kShift) : 0,
                              state.CanLeft() ? MoveCost(state, g, Move::kLeft) : 0,
                              state.CanRight() ? MoveCost(state, g, Move::kRight) : 0};
          // The best-scoring of the cheapest transitions is the one to learn.
          int best_cost = 1 << 20, best = -1;
          for (int c = 0; c < classes; ++c) {
            if (!TransitionAllowed(*model, state, c)) continue;
            Move m = MoveOf(c);
            cost[c] = move_cost[static_cast<int>(m)] + LabelCost(state, g, m, LabelOf(c));
            if (cost[c] < best_cost || (cost[c] == best_cost && scores[c] > scores[best])) best_cost = cost[c], best = c;
          }
          ++decisions;
          int next = predicted;
          if (cost[predicted] > best_cost) {
            ++mistakes;
            trainer.Update(features.keys(), best, predicted);
            // Exploration: usually follow the mistake, so later states are those the parser will meet.
            bool follow = explore && explore_rng.Below(1000000) < recipe.explore_probability * 1000000;
            if (!follow) next = best;
          }
          trainer.Tick();
          state.Apply(MoveOf(next), LabelOf(next));
        }
      }
      std::string line = "parse: run " + std::to_string(r + 1) + " epoch " + std::to_string(epoch) + ": " +
                         std::to_string(100.0 * mistakes / std::max<size_t>(decisions, 1)).substr(0, 5) +
                         "% wrong decisions, " + std::to_string(trainer.num_features()) + " features, " +
                         std::to_string(static_cast<int>(Since(epoch_start))) + " s";
      if (recipe.report_each_epoch && r == 0 && epoch < recipe.training.epochs) {
        auto snapshot = std::make_shared<ParserModel>(*model);
        snapshot->weights = trainer.Finish(recipe.training.prune_below);
        ParseScores s = EvaluateParser(DependencyParser(snapshot), dev_tagger, *dev);
        line += "; dev UAS " + std::to_string(s.uas).substr(0, 6) + " LAS " + std::to_string(s.las).substr(0, 6);
      }
      report(line);
    }
  };
  {
    std::vector<std::thread> threads;
    for (int r = 1; r < recipe.bagging; ++r) threads.emplace_back(run, r);
    run(0);
    for (auto& t : threads) t.join();
  }
  std::vector<const learn::PerceptronTrainer*> runs;
  for (const auto& t : trainers) runs.push_back(t.get());
  // Averaged weights (pruned as the recipe says), then pruned further until the file fits.
  model->weights = runs.size() == 1 ? runs[0]->Finish(recipe.training.prune_below)
                                    : learn::PerceptronTrainer::FinishMean(runs, recipe.training.prune_below);
  trainers.clear();
  const float applied = recipe.training.prune_below;
  float prune = FitModelSize(model.get(), applied, std::max(applied * 1.15f, 1e-3f), recipe.max_model_mb, progress);
  DependencyParser parser(model);
  ParseScores s = EvaluateParser(parser, dev_tagger, *dev);
  nlohmann::json meta;
  meta["recipe"] = fs::path(recipe.path).filename().string();
  meta["train_sentences"] = data.size();
  meta["train_words"] = words;
  meta["nonprojective_train_sentences"] = nonprojective_sentences;
  meta["relations"] = model->labels.size();
  meta["seed"] = recipe.training.seed;
  meta["epochs"] = recipe.training.epochs;
  meta["bagging"] = recipe.bagging;
  meta["jackknife_folds"] = recipe.jackknife_folds;
  meta["prune_below"] = prune;
  meta["weights"] = model->weights.num_weights();
  meta["dev"] = {{"upos", s.upos}, {"uas", s.uas}, {"las", s.las}};
  meta["train_seconds"] = static_cast<int>(Since(start));
  model->metadata = meta.dump();
  if (progress) {
    progress("parse: dev UPOS " + std::to_string(s.upos) + " UAS " + std::to_string(s.uas) + " LAS " +
             std::to_string(s.las) + ", " + std::to_string(model->weights.num_weights()) + " weights, " +
             std::to_string(static_cast<int>(Since(start))) + " s in all");
  }
  return parser;
}

ParseScores EvaluateParser(const DependencyParser& parser, const tagging::PosTagger* tagger,
                           const tagging::ConlluFile& gold) {
  ParseScores out;
  size_t upos_right = 0, xpos_right = 0, heads_right = 0, labelled_right = 0;
  std::vector<std::string_view> words, upos_view, xpos_view;
  std::vector<std::string> upos, xpos, deprels;
  std::vector<int> heads;
  for (const auto& s : gold.sentences) {
    words.clear();
    for (const auto& w : s.words) words.push_back(w.form);
    double tag_start = ThreadSeconds();
    if (tagger) {
      tagger->TagWords(words, &upos, &xpos);
    } else {
      upos.clear();
      xpos.clear();
      for (const auto& w : s.words) upos.push_back(w.upos), xpos.push_back(w.xpos);
    }
    out.tag_seconds += ThreadSeconds() - tag_start;
    upos_view.assign(upos.begin(), upos.end());
    xpos_view.assign(xpos.begin(), xpos.end());
    double parse_start = ThreadSeconds();
    parser.ParseSentence(words, upos_view, xpos_view, &heads, &deprels);
    out.parse_seconds += ThreadSeconds() - parse_start;
    for (size_t i = 0; i < s.words.size(); ++i) {
      const auto& w = s.words[i];
      upos_right += upos[i] == w.upos;
      xpos_right += xpos[i] == w.xpos;
      if (heads[i] == w.head) {
        ++heads_right;
        labelled_right += BaseRelation(deprels[i]) == BaseRelation(w.deprel);
      }
    }
    out.words += s.words.size();
    ++out.sentences;
  }
  double n = std::max<size_t>(out.words, 1);
  out.upos = upos_right / n;
  out.xpos = xpos_right / n;
  out.uas = heads_right / n;
  out.las = labelled_right / n;
  return out;
}

}  // namespace claimgraph::parsing
