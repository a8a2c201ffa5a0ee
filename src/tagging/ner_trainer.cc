#include <algorithm>
#include <chrono>
#include <filesystem>
#include <functional>
#include <memory>
#include <nlohmann/json.hpp>
#include <set>
#include <unordered_map>
#include <unordered_set>

#include "core/files.h"
#include "learn/hash.h"
#include "learn/trainer.h"
#include "tagging/ner_model.h"
#include "tagging/training.h"

namespace claimgraph::tagging {

namespace {

double Seconds(std::chrono::steady_clock::time_point since) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - since).count();
}

std::vector<std::vector<std::string_view>> Words(const ConllDocument& d) {
  std::vector<std::vector<std::string_view>> out;
  for (const auto& s : d.sentences) {
    out.emplace_back();
    for (const auto& w : s.words) out.back().push_back(w);
  }
  return out;
}

// BIO (or IOB1) tags of one sentence as BILOU label ids.
std::vector<int> BilouLabels(const std::vector<std::string>& tags, const LabelSet& types) {
  std::vector<TagSpan> spans = SpansFromTags(tags);
  std::vector<int> out(tags.size(), 0);
  for (const auto& sp : spans) {
    int type = types.Find(sp.type);
    if (type < 0) continue;
    if (sp.end - sp.start == 1) {
      out[sp.start] = MakeLabel(Bilou::kU, type);
      continue;
    }
    out[sp.start] = MakeLabel(Bilou::kB, type);
    for (size_t i = sp.start + 1; i + 1 < sp.end; ++i) out[i] = MakeLabel(Bilou::kI, type);
    out[sp.end - 1] = MakeLabel(Bilou::kL, type);
  }
  return out;
}

std::vector<std::string_view> SplitOn(std::string_view line, char sep) {
  std::vector<std::string_view> out;
  size_t at = 0;
  while (true) {
    size_t end = line.find(sep, at);
    out.push_back(line.substr(at, end == std::string_view::npos ? std::string_view::npos : end - at));
    if (end == std::string_view::npos) return out;
    at = end + 1;
  }
}

// Calls row(fields, line number) for each row of a TSV file that is not a comment
// or blank; `min_fields` columns are required.
Status ReadTsv(const std::string& path, size_t min_fields,
               const std::function<void(const std::vector<std::string_view>&)>& row) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  size_t number = 0;
  for (std::string_view line : SplitOn(*text, '\n')) {
    ++number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line[0] == '#') continue;
    auto fields = SplitOn(line, '\t');
    if (fields.size() < min_fields) {
      return Status::InvalidInput(path + ":" + std::to_string(number) + ": expected at least " +
                                  std::to_string(min_fields) + " tab-separated columns");
    }
    row(fields);
  }
  return Status::Ok();
}

// The recipe's phrase dictionary: names and aliases from the knowledge base, and
// given names and surnames from the name lexicon.
Result<Gazetteer> BuildGazetteer(const GazetteerRecipe& recipe) {
  Gazetteer g;
  if (recipe.kb_dir.empty()) return g;
  using C = Gazetteer::Category;
  auto add_all = [&](std::string_view list, C c) {
    for (std::string_view a : SplitOn(list, '|')) {
      while (!a.empty() && a[0] == '~') a.remove_prefix(1);  // generic-name marker
      if (!a.empty()) g.Add(a, c);
    }
  };
  // Plurals of people nouns: "Afghans", "Israelis".
  auto add_demonyms = [&](std::string_view list) {
    for (std::string_view d : SplitOn(list, '|')) {
      if (d.empty()) continue;
      g.Add(d, C::kDemonym);
      char last = d.back();
      if (last == 'n' || last == 't' || last == 'i') g.Add(std::string(d) + "s", C::kDemonym);
    }
  };
  const std::string& dir = recipe.kb_dir;
  Status st = ReadTsv(dir + "/countries.tsv", 3, [&](const auto& f) {
    g.Add(f[1], C::kCountry);
    add_all(f[2], C::kCountry);
    if (f.size() > 3) add_demonyms(f[3]);
    if (f.size() > 4) add_all(f[4], C::kCapital);
  });
  if (!st.ok()) return st;
  st = ReadTsv(dir + "/country_aliases.tsv", 3, [&](const auto& f) {
    if (f[1] == "name" || f[1] == "alias") add_all(f[2], C::kCountry);
    if (f[1] == "demonym") add_demonyms(f[2]);
    if (f[1] == "capital") add_all(f[2], C::kCapital);
  });
  if (!st.ok()) return st;
  // id, type, name, country, aliases
  auto named = [&](const std::string& file, C c) {
    return ReadTsv(dir + "/" + file, 3, [&](const auto& f) {
      g.Add(f[2], c);
      if (f.size() > 4) add_all(f[4], c);
    });
  };
  if (!(st = named("subdivisions.tsv", C::kSubdivision)).ok()) return st;
  if (!(st = named("places.tsv", C::kPlace)).ok()) return st;
  if (!(st = named("organisations.tsv", C::kOrg)).ok()) return st;
  st = ReadTsv(dir + "/persons.tsv", 2, [&](const auto& f) {
    g.Add(f[1], C::kPerson);
    if (f.size() > 3) add_all(f[3], C::kPerson);
  });
  if (!st.ok()) return st;
  st = ReadTsv(dir + "/titles.tsv", 1, [&](const auto& f) { g.Add(f[0], C::kTitle); });
  if (!st.ok()) return st;
  if (!recipe.person_names.empty()) {
    st = ReadTsv(recipe.person_names, 3, [&](const auto& f) {
      if (f[1] != "0") g.Add(f[0], C::kGivenName);
      if (f[2] != "0") g.Add(f[0], C::kSurname);
    });
    if (!st.ok()) return st;
  }
  return g;
}

}  // namespace

std::vector<TagSpan> SpansFromTags(const std::vector<std::string>& tags) {
  std::vector<TagSpan> out;
  long start = -1;
  std::string kind;
  for (size_t i = 0; i <= tags.size(); ++i) {
    std::string_view tag = i < tags.size() ? std::string_view(tags[i]) : std::string_view("O");
    char prefix = tag.empty() ? 'O' : tag[0];
    std::string_view type = tag.size() > 2 ? tag.substr(2) : std::string_view();
    bool boundary = tag == "O" || prefix == 'B' || prefix == 'U' || prefix == 'S' ||
                    ((prefix == 'I' || prefix == 'L' || prefix == 'E') && type != kind);
    if (boundary) {
      if (start >= 0) out.push_back({static_cast<size_t>(start), i, kind});
      start = -1;
      kind.clear();
      if (tag != "O" && i < tags.size()) {
        start = static_cast<long>(i);
        kind = std::string(type);
        if (prefix == 'U' || prefix == 'S') {
          out.push_back({i, i + 1, kind});
          start = -1;
          kind.clear();
        }
      }
    }
    if ((prefix == 'L' || prefix == 'E') && start >= 0 && type == kind) {
      out.push_back({static_cast<size_t>(start), i + 1, kind});
      start = -1;
      kind.clear();
    }
  }
  return out;
}

Result<EntityRecognizer> TrainEntityRecognizer(const Recipe& recipe, const learn::WordClusters& clusters,
                                               const Progress& progress) {
  auto start = std::chrono::steady_clock::now();
  auto log = [&](const std::string& s) {
    if (progress) progress(s);
  };
  auto train = ReadConll2003(recipe.train, true);
  if (!train.ok()) return train.status();
  auto dev = ReadConll2003(recipe.dev, true);
  if (!dev.ok()) return dev.status();

  auto model = std::make_shared<NerModel>();
  std::set<std::string> type_names;  // sorted: label ids do not depend on corpus order
  for (const auto& d : train->documents)
    for (const auto& s : d.sentences)
      for (const auto& t : s.tags)
        if (t != "O") type_names.insert(t.substr(2));
  if (type_names.size() > NerModel::kMaxTypes) return Status::InvalidInput(recipe.train + ": too many entity types");
  for (const auto& t : type_names) model->types.Add(t);
  model->clusters = clusters;
  auto gazetteer = BuildGazetteer(recipe.gazetteer);
  if (!gazetteer.ok()) return gazetteer.status();
  model->gazetteer = std::move(gazetteer).value();
  log("ner: gazetteer of " + std::to_string(model->gazetteer.phrases.size()) + " phrases");

  struct Prepared {
    std::vector<std::vector<std::string_view>> words;
    std::vector<std::vector<int>> gold;
  };
  std::vector<Prepared> docs;
  size_t tokens = 0;
  for (const auto& d : train->documents) {
    Prepared p;
    p.words = Words(d);
    for (const auto& s : d.sentences) {
      p.gold.push_back(BilouLabels(s.tags, model->types));
      tokens += s.words.size();
    }
    docs.push_back(std::move(p));
  }
  log("ner: " + std::to_string(docs.size()) + " documents, " + std::to_string(tokens) + " tokens, " +
      std::to_string(model->num_labels()) + " labels");

  std::unordered_set<std::string_view> singletons;
  if (recipe.hide_singletons) {
    std::unordered_map<std::string_view, int> counts;
    for (const auto& p : docs)
      for (const auto& s : p.words)
        for (auto w : s) ++counts[w];
    for (const auto& [w, n] : counts)
      if (n == 1) singletons.insert(w);
  }
  const auto* hidden = recipe.hide_singletons ? &singletons : nullptr;

  const auto& opt = recipe.training;
  GazetteerNoise noise;
  noise.rate.fill(recipe.gazetteer.dropout);
  noise.rate[Gazetteer::kGivenName] = noise.rate[Gazetteer::kSurname] = recipe.gazetteer.lexicon_dropout;
  bool noisy = recipe.gazetteer.dropout > 0 || recipe.gazetteer.lexicon_dropout > 0;
  // One pass trained on the documents in `subset`; `first` (may be empty) holds the
  // first pass's labels per document for the stacked pass.
  auto train_pass = [&](const std::vector<uint32_t>& subset, uint64_t seed,
                        const std::vector<std::vector<std::vector<int>>>& first, bool report, const char* name) {
    std::vector<std::unique_ptr<learn::PerceptronTrainer>> runs;
    for (int bag = 0; bag < recipe.bagging; ++bag) {
      runs.push_back(std::make_unique<learn::PerceptronTrainer>(model->num_labels()));
      learn::PerceptronTrainer& trainer = *runs.back();
      NerDocument doc;
      std::vector<std::vector<int>> labels;
      for (int epoch = 0; epoch < opt.epochs; ++epoch) {
        size_t errors = 0;
        for (uint32_t o : learn::ShuffledOrder(subset.size(), seed + 1000 * bag, epoch)) {
          const Prepared& p = docs[subset[o]];
          // Each epoch, run and document drops different dictionary matches.
          noise.seed = learn::HashCombine(learn::HashCombine(seed + 1000 * bag, epoch), subset[o]);
          PrepareNerDocument(*model, p.words, &doc, hidden, noisy ? &noise : nullptr);
          if (!first.empty()) SetFirstPass(&doc, first[subset[o]]);
          DecodeDocument(
              *model, doc, [&](std::span<const uint64_t> f, std::span<float> s) { trainer.Score(f, s); },
              [&](std::span<const uint64_t> f, size_t s, size_t i, int chosen) {
                int gold = p.gold[s][i];
                trainer.Update(f, gold, chosen);
                trainer.Tick();
                errors += gold != chosen;
              },
              &labels);
        }
        std::string line = std::string("ner: ") + name + " run " + std::to_string(bag + 1) + " epoch " +
                           std::to_string(epoch + 1) + ": " + std::to_string(errors) + " training errors";
        if (report && first.empty() && recipe.report_each_epoch) {
          model->weights = trainer.Finish(opt.prune_below);
          line += ", dev F1 " + std::to_string(EvaluateEntities(EntityRecognizer(model), *dev).f1);
        }
        log(line);
      }
    }
    std::vector<const learn::PerceptronTrainer*> all;
    for (const auto& r : runs) all.push_back(r.get());
    return learn::PerceptronTrainer::FinishMean(all, opt.prune_below);
  };
  auto decode_first = [&](const learn::Perceptron& weights, uint32_t k, std::vector<std::vector<int>>* labels) {
    NerDocument doc;
    PrepareNerDocument(*model, docs[k].words, &doc);
    DecodeDocument(
        *model, doc, [&](std::span<const uint64_t> f, std::span<float> s) { weights.Score(f, s); },
        [](std::span<const uint64_t>, size_t, size_t, int) {}, labels);
  };

  std::vector<uint32_t> everything(docs.size());
  for (uint32_t k = 0; k < docs.size(); ++k) everything[k] = k;
  model->weights = train_pass(everything, opt.seed, {}, true, "first pass");
  log("ner: first pass dev F1 " + std::to_string(EvaluateEntities(EntityRecognizer(model), *dev).f1));
  if (recipe.stack_folds > 1) {
    // Out-of-fold first-pass labels, so the stacked pass learns how far to trust them.
    std::vector<std::vector<std::vector<int>>> first(docs.size());
    for (int fold = 0; fold < recipe.stack_folds; ++fold) {
      std::vector<uint32_t> in, out;
      for (uint32_t k = 0; k < docs.size(); ++k) (k % recipe.stack_folds == uint32_t(fold) ? out : in).push_back(k);
      learn::Perceptron p = train_pass(in, opt.seed + 10 + fold, {}, false, "fold");
      for (uint32_t k : out) decode_first(p, k, &first[k]);
    }
    model->stacked = train_pass(everything, opt.seed + 1, first, false, "stacked pass");
  }
  EntityRecognizer recognizer(model);
  EntityScores sc = EvaluateEntities(recognizer, *dev);
  nlohmann::json meta;
  meta["task"] = "ner";
  meta["recipe"] = std::filesystem::path(recipe.path).filename().string();
  meta["train_documents"] = docs.size();
  meta["train_tokens"] = tokens;
  meta["seed"] = opt.seed;
  meta["epochs"] = opt.epochs;
  meta["stack_folds"] = recipe.stack_folds;
  meta["bagging"] = recipe.bagging;
  meta["gazetteer_phrases"] = model->gazetteer.phrases.size();
  meta["gazetteer_dropout"] = {recipe.gazetteer.dropout, recipe.gazetteer.lexicon_dropout};
  meta["features"] = model->weights.num_features() + model->stacked.num_features();
  meta["weights"] = recognizer.num_weights();
  meta["dev"] = {{"f1", sc.f1}, {"precision", sc.precision}, {"recall", sc.recall}};
  model->metadata = meta.dump();
  log("ner: trained in " + std::to_string(static_cast<int>(Seconds(start))) + " s; dev F1 " + std::to_string(sc.f1));
  return recognizer;
}

EntityScores EvaluateEntities(const EntityRecognizer& recognizer, const ConllFile& gold) {
  EntityScores out;
  std::map<std::string, std::array<size_t, 3>> by_type;  // gold, predicted, correct
  auto start = std::chrono::steady_clock::now();
  for (const auto& d : gold.documents) {
    std::vector<std::vector<std::string_view>> words;
    for (const auto& s : d.sentences) {
      words.emplace_back();
      for (const auto& w : s.words) words.back().push_back(w);
    }
    auto predicted = recognizer.LabelSentences(words);
    for (size_t s = 0; s < d.sentences.size(); ++s) {
      out.tokens += d.sentences[s].words.size();
      auto g = SpansFromTags(d.sentences[s].tags), p = SpansFromTags(predicted[s]);
      std::set<TagSpan> gs(g.begin(), g.end());
      for (const auto& sp : g) ++by_type[sp.type][0];
      for (const auto& sp : p) {
        ++by_type[sp.type][1];
        if (gs.count(sp)) ++by_type[sp.type][2];
      }
    }
  }
  out.seconds = Seconds(start);
  auto f1 = [](size_t g, size_t p, size_t c) {
    double pr = p ? double(c) / double(p) : 0, rc = g ? double(c) / double(g) : 0;
    return pr + rc > 0 ? 2 * pr * rc / (pr + rc) : 0.0;
  };
  for (const auto& [type, n] : by_type) {
    out.gold += n[0];
    out.predicted += n[1];
    out.correct += n[2];
    out.f1_by_type[type] = f1(n[0], n[1], n[2]);
  }
  out.precision = out.predicted ? double(out.correct) / double(out.predicted) : 0;
  out.recall = out.gold ? double(out.correct) / double(out.gold) : 0;
  out.f1 = f1(out.gold, out.predicted, out.correct);
  return out;
}

}  // namespace claimgraph::tagging
