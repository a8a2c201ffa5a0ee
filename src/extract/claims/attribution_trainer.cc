#include "extract/claims/attribution_trainer.h"

#include <algorithm>
#include <array>
#include <filesystem>
#include <map>
#include <nlohmann/json.hpp>
#include <unordered_map>

#include "core/files.h"
#include "extract/claims/attribution_features.h"
#include "learn/trainer.h"

namespace claimgraph::extract {

namespace fs = std::filesystem;

Result<AttributionRecipe> LoadAttributionRecipe(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  AttributionRecipe r;
  r.path = path;
  r.root = RecipeRoot(path);
  auto resolve = [&](const std::string& p) { return ResolveAgainst(r.root, p); };
  try {
    auto j = nlohmann::json::parse(*text);
    if (j.at("task").get<std::string>() != "attribution")
      return Status::InvalidInput(path + ": task must be attribution");
    r.model = resolve(j.at("model").get<std::string>());
    r.train = resolve(j.at("train").get<std::string>());
    r.dev = resolve(j.value("dev", std::string()));
    r.epochs = j.value("epochs", r.epochs);
    r.seed = j.value("seed", r.seed);
    r.prune_below = j.value("prune_below", r.prune_below);
    if (j.contains("expected_dev"))
      for (const auto& [k, v] : j["expected_dev"].items()) r.expected_dev[k] = v.get<double>();
  } catch (const std::exception& e) {
    return Status::InvalidInput(path + ": " + e.what());
  }
  if (r.epochs < 1 || r.epochs > 100) return Status::InvalidInput(path + ": epochs must be between 1 and 100");
  return r;
}

namespace {

// Byte offset of every code point boundary (and of the end).
std::vector<uint32_t> CodePointOffsets(std::string_view text) {
  std::vector<uint32_t> out;
  out.reserve(text.size() + 1);
  for (uint32_t i = 0; i < text.size(); ++i)
    if ((static_cast<unsigned char>(text[i]) & 0xC0) != 0x80) out.push_back(i);
  out.push_back(static_cast<uint32_t>(text.size()));
  return out;
}

}  // namespace

Result<std::vector<GoldAttribution>> ParseBratAttributions(std::string_view ann, std::string_view text,
                                                          const std::string& source) {
  std::vector<uint32_t> cp = CodePointOffsets(text);
  std::unordered_map<std::string, std::vector<Span>> spans;
  std::vector<GoldAttribution> out;
  struct Relation { uint32_t line; std::string args; };
  std::vector<Relation> relations;
  uint32_t line_no = 0;
  size_t pos = 0;
  while (pos < ann.size()) {
    size_t nl = ann.find('\n', pos);
    std::string_view line = ann.substr(pos, nl == std::string_view::npos ? std::string_view::npos : nl - pos);
    pos = nl == std::string_view::npos ? ann.size() : nl + 1;
    ++line_no;
    // covered text may hold newlines: only lines that start with an id count
    if (line.size() < 2 || (line[0] != 'T' && line[0] != 'E') || !std::isdigit(static_cast<unsigned char>(line[1])))
      continue;
    size_t tab = line.find('\t');
    if (tab == std::string_view::npos) continue;
    std::string id(line.substr(0, tab));
    std::string_view rest = line.substr(tab + 1);
    if (line[0] == 'E') {
      relations.push_back({line_no, std::string(rest)});
      continue;
    }
    size_t tab2 = rest.find('\t');
    std::string_view head = rest.substr(0, tab2);
    size_t sp = head.find(' ');
    if (sp == std::string_view::npos)
      return Status::InvalidInput(source + ":" + std::to_string(line_no) + ": no offsets in " + id);
    std::string_view offsets = head.substr(sp + 1);
    std::vector<Span> pieces;
    size_t p = 0;
    while (p < offsets.size()) {
      size_t semi = offsets.find(';', p);
      std::string_view piece = offsets.substr(p, semi == std::string_view::npos ? std::string_view::npos : semi - p);
      p = semi == std::string_view::npos ? offsets.size() : semi + 1;
      unsigned long a = 0, b = 0;
      if (std::sscanf(std::string(piece).c_str(), "%lu %lu", &a, &b) != 2 || b < a || b >= cp.size())
        return Status::InvalidInput(source + ":" + std::to_string(line_no) + ": bad offsets '" + std::string(piece) + "'");
      pieces.push_back({cp[a], cp[b]});
    }
    spans[id] = std::move(pieces);
  }
  for (const auto& r : relations) {
    GoldAttribution g;
    size_t p = 0;
    std::string_view args = r.args;
    while (p < args.size()) {
      size_t sp = args.find(' ', p);
      std::string_view arg = args.substr(p, sp == std::string_view::npos ? std::string_view::npos : sp - p);
      p = sp == std::string_view::npos ? args.size() : sp + 1;
      size_t colon = arg.find(':');
      if (colon == std::string_view::npos) continue;
      std::string_view role = arg.substr(0, colon);
      auto it = spans.find(std::string(arg.substr(colon + 1)));
      if (it == spans.end()) continue;
      auto* dst = role == "Source" ? &g.source : role == "Cue" ? &g.cue : role == "Content" ? &g.content : nullptr;
      if (dst) dst->insert(dst->end(), it->second.begin(), it->second.end());
    }
    if (!g.cue.empty() && !g.content.empty()) out.push_back(std::move(g));
  }
  return out;
}

Result<std::vector<AnnotatedDocument>> ReadPolnear(const std::string& dir, const AnalyseSyntax& analyse) {
  std::map<std::string, std::string> first_file;  // article stem -> first annotator's file
  std::error_code ec;
  fs::path ann_dir = fs::path(dir) / "attributions";
  if (!fs::is_directory(ann_dir, ec)) return Status::NotFound(ann_dir.string() + ": no such folder");
  for (const auto& e : fs::directory_iterator(ann_dir, ec)) {
    std::string name = e.path().filename().string();
    if (e.path().extension() != ".ann") continue;
    size_t us = name.rfind('_');
    if (us == std::string::npos) continue;
    std::string stem = name.substr(0, us);
    auto [it, inserted] = first_file.emplace(stem, e.path().string());
    if (!inserted && e.path().string() < it->second) it->second = e.path().string();
  }
  std::vector<AnnotatedDocument> out;
  for (const auto& [stem, ann_path] : first_file) {
    std::string text_path = (fs::path(dir) / "text" / (stem + ".txt")).string();
    auto text = ReadFile(text_path);
    if (!text.ok()) return text.status();
    auto ann = ReadFile(ann_path);
    if (!ann.ok()) return ann.status();
    auto gold = ParseBratAttributions(*ann, *text, ann_path);
    if (!gold.ok()) return gold.status();
    AnnotatedDocument d;
    d.doc.id = stem;
    d.doc.path = text_path;
    d.doc.format = "text";
    d.doc.text = std::move(*text);
    analyse(d.doc);
    d.gold = std::move(*gold);
    out.push_back(std::move(d));
  }
  return out;
}

namespace {

bool Overlaps(const Token& t, const std::vector<Span>& spans) {
  for (const Span& s : spans)
    if (t.span.start < s.end && s.start < t.span.end) return true;
  return false;
}

// Gold cue labels for every token of the document.
std::vector<int> GoldCueLabels(const AnnotatedDocument& d) {
  std::vector<int> labels(d.doc.tokens.size(), kCueOut);
  for (const auto& g : d.gold)
    for (const Span& piece : g.cue) {
      bool first = true;
      for (uint32_t i = 0; i < d.doc.tokens.size(); ++i) {
        if (!Overlaps(d.doc.tokens[i], {piece})) continue;
        if (labels[i] == kCueOut) labels[i] = first ? kCueBegin : kCueInside;
        first = false;
      }
    }
  return labels;
}

// The gold cue as one token range: its longest contiguous piece.
std::optional<TokenRange> GoldCueRange(const Document& doc, const GoldAttribution& g) {
  std::optional<TokenRange> best;
  for (const Span& piece : g.cue) {
    TokenRange r{UINT32_MAX, 0};
    for (uint32_t i = 0; i < doc.tokens.size(); ++i)
      if (Overlaps(doc.tokens[i], {piece})) r.first = std::min(r.first, i), r.end = i + 1;
    if (r.first == UINT32_MAX) continue;
    if (!best || r.end - r.first > best->end - best->first) best = r;
  }
  return best;
}

std::vector<int> GoldRoleLabels(const Document& doc, const GoldAttribution& g, TokenRange cue, TokenRange window) {
  std::vector<int> labels(window.end - window.first, kRoleOut);
  int prev = kRoleOut;
  for (uint32_t t = window.first; t < window.end; ++t) {
    int l = kRoleOut;
    if (t < cue.first || t >= cue.end) {
      if (Overlaps(doc.tokens[t], g.source)) l = prev == kSourceBegin || prev == kSourceInside ? kSourceInside : kSourceBegin;
      else if (Overlaps(doc.tokens[t], g.content))
        l = prev == kContentBegin || prev == kContentInside ? kContentInside : kContentBegin;
    }
    labels[t - window.first] = l;
    prev = l;
  }
  return labels;
}

}  // namespace

CueScores EvaluateCues(const AttributionModel& model, const std::vector<AnnotatedDocument>& docs) {
  size_t tp = 0, gold = 0, pred = 0;
  for (const auto& d : docs) {
    std::vector<int> g = GoldCueLabels(d);
    std::vector<uint8_t> p(g.size(), 0);
    for (const auto& f : model.Find(d.doc))
      for (uint32_t i = f.cue.first; i < f.cue.end; ++i) p[i] = 1;
    for (size_t i = 0; i < g.size(); ++i) {
      bool gi = g[i] != kCueOut;
      gold += gi, pred += p[i], tp += gi && p[i];
    }
  }
  CueScores s;
  s.precision = pred ? double(tp) / pred : 0;
  s.recall = gold ? double(tp) / gold : 0;
  s.f1 = s.precision + s.recall > 0 ? 2 * s.precision * s.recall / (s.precision + s.recall) : 0;
  return s;
}

Result<AttributionModel> TrainAttribution(const AttributionRecipe& recipe, const AnalyseSyntax& analyse,
                                          const learn::WordClusters& clusters, const TrainProgress& progress) {
  auto say = [&](const std::string& s) {
    if (progress) progress(s);
  };
  say("reading " + recipe.train);
  auto train = ReadPolnear(recipe.train, analyse);
  if (!train.ok()) return train.status();
  size_t relations = 0, tokens = 0;
  for (const auto& d : *train) relations += d.gold.size(), tokens += d.doc.tokens.size();
  say(std::to_string(train->size()) + " articles, " + std::to_string(tokens) + " tokens, " +
      std::to_string(relations) + " attributions");

  learn::PerceptronTrainer cue_trainer(kNumCueLabels), role_trainer(kNumRoleLabels);
  learn::FeatureBuffer f;
  std::array<float, kNumRoleLabels> scores{};
  std::vector<std::vector<int>> cue_gold;
  for (const auto& d : *train) cue_gold.push_back(GoldCueLabels(d));

  for (int epoch = 0; epoch < recipe.epochs; ++epoch) {
    size_t cue_errors = 0, role_errors = 0, role_decisions = 0;
    for (uint32_t di : learn::ShuffledOrder(train->size(), recipe.seed, epoch)) {
      const AnnotatedDocument& d = (*train)[di];
      AttributionView v(d.doc, &clusters);
      const std::vector<int>& gold = cue_gold[di];
      for (const auto& s : d.doc.sentences) {
        int prev = kCueOut;
        for (uint32_t i = s.first_token; i < s.end_token; ++i) {
          f.clear();
          CueFeatures(v, i, prev, f);
          cue_trainer.Score(f.keys(), std::span<float>(scores.data(), kNumCueLabels));
          int p = BestAllowed(scores.data(), kNumCueLabels, prev, CueLabelAllowed);
          if (p != gold[i]) cue_trainer.Update(f.keys(), gold[i], p), ++cue_errors;
          cue_trainer.Tick();
          prev = gold[i];
        }
      }
      for (const auto& g : d.gold) {
        auto cue_range = GoldCueRange(d.doc, g);
        if (!cue_range) continue;
        CueContext cue = MakeCueContext(v, *cue_range);
        TokenRange window = v.RoleWindow(v.sentence_of[cue.head]);
        std::vector<int> labels = GoldRoleLabels(d.doc, g, *cue_range, window);
        int prev = kRoleOut, prev2 = kRoleOut;
        for (uint32_t t = window.first; t < window.end; ++t) {
          int gl = labels[t - window.first];
          if (t >= cue_range->first && t < cue_range->end) {
            prev2 = prev, prev = kRoleOut;
            continue;
          }
          f.clear();
          RoleFeatures(v, cue, t, prev, prev2, f);
          role_trainer.Score(f.keys(), std::span<float>(scores.data(), kNumRoleLabels));
          int p = BestAllowed(scores.data(), kNumRoleLabels, prev, RoleLabelAllowed);
          if (p != gl) role_trainer.Update(f.keys(), gl, p), ++role_errors;
          role_trainer.Tick();
          ++role_decisions;
          prev2 = prev, prev = gl;
        }
      }
    }
    say("epoch " + std::to_string(epoch + 1) + ": cue errors " + std::to_string(cue_errors) + "/" +
        std::to_string(tokens) + ", role errors " + std::to_string(role_errors) + "/" +
        std::to_string(role_decisions));
  }
  auto weights = std::make_shared<AttributionWeights>();
  weights->clusters = clusters;
  weights->cue = cue_trainer.Finish(recipe.prune_below);
  weights->role = role_trainer.Finish(recipe.prune_below);
  nlohmann::json meta = {{"recipe", fs::path(recipe.path).filename().string()},
                         {"train", fs::path(recipe.train).filename().string()},
                         {"epochs", recipe.epochs},
                         {"seed", recipe.seed},
                         {"articles", train->size()},
                         {"attributions", relations}};
  AttributionModel model(weights);
  if (!recipe.dev.empty()) {
    auto dev = ReadPolnear(recipe.dev, analyse);
    if (!dev.ok()) return dev.status();
    CueScores s = EvaluateCues(model, *dev);
    meta["dev_cue_token_f1"] = s.f1;
    char line[160];
    std::snprintf(line, sizeof line, "dev cue tokens: P %.3f R %.3f F1 %.3f", s.precision, s.recall, s.f1);
    say(line);
  }
  weights->metadata = meta.dump();
  return model;
}

}  // namespace claimgraph::extract
