#include "tagging/pos_tagger.h"

#include <algorithm>
#include <cassert>
#include <filesystem>

#include "core/files.h"
#include "core/utf8.h"
#include "learn/model_file.h"
#include "tagging/joint_weights.h"
#include "tagging/pos_model.h"
#include "tagging/word_features.h"

namespace claimgraph::tagging {

using learn::FeatureBuffer;
using learn::FeatureKey;
using learn::HashCombine;

namespace {

enum Template : uint32_t {
  kBias = 1,
  kLower,
  kWord,
  kPrefix,
  kSuffix = kPrefix + 5,
  kShape = kSuffix + 5,
  kFlags,
  kPrev1,
  kPrev2,
  kNext1,
  kNext2,
  kPrevSuffix,
  kNextSuffix,
  kBigramNext,
  kBigramPrev,
  kAmbU,
  kAmbUNext1,
  kAmbUNext2,
  kAmbUPrev,
  kAmbX,
  kAmbXNext1,
  kAmbXNext2,
  kCluster,
  kClusterPrev = kCluster + 8,
  kClusterNext = kClusterPrev + 8,
  kCase,
  kAmbLowerU,
  kAmbLowerX,
  kCaseNext,
  // tag-dependent
  kTag1 = 100,
  kTag2,
  kTag1Word,
  kTag1Amb,
  kUposHere,
  kUposWord,
  kUposNext,
  kUposPrev,
  kUposSuffix,
  kUposNext2,
  kFirstHere = 120,
  kFirstPrev,
  kFirstNext,
  kFirstNext2,
  kFirstPair,
  kFirstPairPrev,
  kFirstWord,
  kFirstPrev2
};

std::string_view Ident(const std::vector<PosToken>& s, long i) {
  if (i < 0) return "<s>";
  if (i >= static_cast<long>(s.size())) return "</s>";
  return s[i].ident();
}

int Amb(const std::vector<PosToken>& s, long i, bool upos) {
  if (i < 0) return -2;
  if (i >= static_cast<long>(s.size())) return -3;
  if (!s[i].lex) return -1;
  return upos ? s[i].lex->upos_ambiguity : s[i].lex->xpos_ambiguity;
}

}  // namespace

// The tag-independent features of token i, shared by all passes, in two parts:
// those of the word alone (the runtime caches their scores per word) and those of
// its place in the sentence.
namespace {
void PosWordFeatures(const PosToken& t, FeatureBuffer* f) {
  f->AddInt(kBias, 0);
  f->Add(kLower, t.ident());
  if (t.word != t.lower && t.ident() == t.lower) f->Add(kWord, t.word);
  for (int n = 1; n <= 4; ++n) {
    f->Add(kPrefix + n, Prefix(t.lower, n));
    f->Add(kSuffix + n, Suffix(t.lower, n));
  }
  f->Add(kShape, t.shape);
  f->AddInt(kAmbU, t.lex ? t.lex->upos_ambiguity : -1);
  f->AddInt(kAmbX, t.lex ? t.lex->xpos_ambiguity : -1);
  if (t.clusters) {
    // Level sizes are fixed per model, so (level, class) identifies a cluster.
    for (int l = 0; l < t.cluster_levels; ++l) f->AddInt(kCluster + l, t.clusters[l]);
  } else {
    f->AddInt(kCluster + 7, 0);  // no class: rare or unseen word
  }
}

void PosContextFeatures(const std::vector<PosToken>& s, size_t i, FeatureBuffer* f) {
  const PosToken& t = s[i];
  long k = static_cast<long>(i);
  f->AddInt(kFlags, (t.upper ? 1 : 0) | (t.digit ? 2 : 0) | (t.hyphen ? 4 : 0) | (i == 0 ? 8 : 0));
  f->Add(kPrev1, Ident(s, k - 1));
  f->Add(kPrev2, Ident(s, k - 2));
  f->Add(kNext1, Ident(s, k + 1));
  f->Add(kNext2, Ident(s, k + 2));
  f->Add(kPrevSuffix, k > 0 ? Suffix(s[k - 1].lower, 3) : std::string_view("<s>"));
  f->Add(kNextSuffix, k + 1 < static_cast<long>(s.size()) ? Suffix(s[k + 1].lower, 3) : std::string_view("</s>"));
  f->Add(kBigramNext, t.ident(), Ident(s, k + 1));
  f->Add(kBigramPrev, Ident(s, k - 1), t.ident());
  f->AddInt(kAmbUNext1, Amb(s, k + 1, true));
  f->AddInt(kAmbUNext2, Amb(s, k + 2, true));
  f->AddInt(kAmbUPrev, Amb(s, k - 1, true));
  f->AddInt(kAmbXNext1, Amb(s, k + 1, false));
  f->AddInt(kAmbXNext2, Amb(s, k + 2, false));
  int levels = s.empty() ? 0 : s[0].cluster_levels;
  auto clusters = [&](uint32_t tmpl, long j) {
    if (j < 0 || j >= static_cast<long>(s.size()) || !s[j].clusters) return;
    for (int l = 0; l < levels; ++l) f->AddInt(tmpl + l, s[j].clusters[l]);
  };
  clusters(kClusterPrev, k - 1);
  clusters(kClusterNext, k + 1);
  int shape_bits = (t.upper ? 1 : 0) | (i == 0 ? 2 : 0);
  f->AddInt(kCase, t.capitalised_tenths * 4 + shape_bits);
  if (k + 1 < static_cast<long>(s.size())) {
    f->AddInt(kCaseNext, s[k + 1].capitalised_tenths * 2 + (s[k + 1].upper ? 1 : 0));
  }
  if (t.lex_lower) {
    f->AddInt(kAmbLowerU, t.lex_lower->upos_ambiguity * 4 + shape_bits);
    f->AddInt(kAmbLowerX, t.lex_lower->xpos_ambiguity * 4 + shape_bits);
  }
}

void ComputePosBaseFeatures(const std::vector<PosToken>& s, size_t i, FeatureBuffer* f) {
  f->clear();
  PosWordFeatures(s[i], f);
  PosContextFeatures(s, i, f);
}

// The word-level facts of a token (all but `base`).
void FillPosToken(const PosModel& model, std::string_view word, PosToken* t) {
  t->word = word;
  t->lower = utf8::Lower(word);
  t->shape = WordShape(word);
  t->cluster_levels = std::min(model.clusters.levels(), 6);
  t->clusters = t->cluster_levels > 0 ? FindClusters(model.clusters, word) : nullptr;
  t->lex = model.Lookup(word);
  t->lex_lower = t->lower != word ? model.Lookup(t->lower) : nullptr;
  t->capitalised_tenths = model.clusters.CapitalisedTenths(t->lower);
  t->upper = InitialUpper(word);
  t->digit = HasDigit(word);
  t->hyphen = word.find('-') != std::string_view::npos;
}
}  // namespace

void PosBaseFeatures(const std::vector<PosToken>& s, size_t i, FeatureBuffer* f) {
  assert(!s[i].base.empty());
  f->clear();
  for (uint64_t key : s[i].base) f->AddKey(key);
}

void CachePosBaseFeatures(std::vector<PosToken>* s) {
  FeatureBuffer f;
  for (size_t i = 0; i < s->size(); ++i) {
    ComputePosBaseFeatures(*s, i, &f);
    (*s)[i].base.assign(f.keys().begin(), f.keys().end());
  }
}

namespace {
int TagAt(std::span<const int> tags, long i) { return i < 0 ? -1 : tags[i]; }
}  // namespace

std::vector<int> BeamPath(const std::vector<std::vector<BeamItem>>& columns, size_t end, int item) {
  std::vector<int> tags(end + 1);
  for (long i = static_cast<long>(end); i >= 0; --i) {
    tags[i] = columns[i][item].tag;
    item = columns[i][item].back;
  }
  return tags;
}

void PreparePosTokens(const PosModel& model, std::span<const std::string_view> words, std::vector<PosToken>* out) {
  out->clear();
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) FillPosToken(model, words[i], &(*out)[i]);
  CachePosBaseFeatures(out);
}

void UposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, FeatureBuffer* f) {
  PosBaseFeatures(s, i, f);
  long k = static_cast<long>(i);
  UposHistoryFeatures(s, i, TagAt(upos, k - 1), TagAt(upos, k - 2), f);
}

void UposHistoryFeatures(const std::vector<PosToken>& s, size_t i, int t1, int t2, FeatureBuffer* f) {
  long k = static_cast<long>(i);
  f->AddInt(kTag1, t1);
  f->AddKey(HashCombine(FeatureKey(kTag2, t1), static_cast<uint64_t>(t2)));
  f->AddKey(HashCombine(FeatureKey(kTag1Word, s[i].ident()), static_cast<uint64_t>(t1)));
  f->AddKey(HashCombine(FeatureKey(kTag1Amb, Amb(s, k, true)), static_cast<uint64_t>(t1)));
}

void StackedUposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos,
                         std::span<const int> first, FeatureBuffer* f) {
  PosBaseFeatures(s, i, f);
  StackedUposExtraFeatures(s, i, upos, first, f);
}

void StackedUposExtraFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos,
                              std::span<const int> first, FeatureBuffer* f) {
  long k = static_cast<long>(i);
  UposHistoryFeatures(s, i, TagAt(upos, k - 1), TagAt(upos, k - 2), f);
  StackedUposFirstPassFeatures(s, i, first, f);
}

void StackedUposFirstPassFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> first,
                                  FeatureBuffer* f) {
  long k = static_cast<long>(i), n = static_cast<long>(s.size());
  auto at = [&](long j) { return j < 0 ? -1 : j >= n ? -2 : first[j]; };
  f->AddInt(kFirstHere, at(k));
  f->AddInt(kFirstPrev, at(k - 1));
  f->AddInt(kFirstPrev2, at(k - 2));
  f->AddInt(kFirstNext, at(k + 1));
  f->AddInt(kFirstNext2, at(k + 2));
  f->AddKey(HashCombine(FeatureKey(kFirstPair, at(k)), static_cast<uint64_t>(at(k + 1))));
  f->AddKey(HashCombine(FeatureKey(kFirstPairPrev, at(k - 1)), static_cast<uint64_t>(at(k))));
  f->AddKey(HashCombine(FeatureKey(kFirstWord, s[i].ident()), static_cast<uint64_t>(at(k + 1))));
}

void DecodePosPass(const PosModel& model, PosPass pass, const learn::Perceptron& weights,
                   const std::vector<PosToken>& s, std::span<const int> context, std::vector<int>* out) {
  thread_local FeatureBuffer features;
  thread_local std::vector<float> scores;
  if (pass == PosPass::kUpos && model.beam_width > 1) {
    thread_local std::vector<std::vector<BeamItem>> columns;
    columns.resize(std::max(columns.size(), s.size()));
    for (size_t i = 0; i < s.size(); ++i) {
      UposBeamStep(
          s, i, weights.num_classes(), static_cast<int>(model.beam_width), columns,
          [&](std::span<const uint64_t> f, std::span<float> sc) { weights.Score(f, sc); }, &columns[i]);
    }
    if (s.empty()) {
      out->clear();
    } else {
      *out = BeamPath(columns, s.size() - 1, 0);
    }
    return;
  }
  scores.resize(weights.num_classes());
  out->assign(s.size(), 0);
  for (size_t i = 0; i < s.size(); ++i) {
    const PosLexEntry* lex = s[i].lex;
    int fixed = !lex ? -1 : pass == PosPass::kXpos ? lex->xpos_fixed : lex->upos_fixed;
    if (fixed >= 0) {
      (*out)[i] = fixed;
      continue;
    }
    switch (pass) {
      case PosPass::kUpos:
        UposFeatures(s, i, *out, &features);
        break;
      case PosPass::kStackedUpos:
        StackedUposFeatures(s, i, *out, context, &features);
        break;
      case PosPass::kXpos:
        XposFeatures(s, i, *out, context, &features);
        break;
    }
    weights.Score(features.keys(), scores);
    (*out)[i] = static_cast<int>(std::max_element(scores.begin(), scores.end()) - scores.begin());
  }
}

void XposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos, std::span<const int> upos,
                  FeatureBuffer* f) {
  PosBaseFeatures(s, i, f);
  XposExtraFeatures(s, i, xpos, upos, f);
}

void XposExtraFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos,
                       std::span<const int> upos, FeatureBuffer* f) {
  long k = static_cast<long>(i);
  XposHistoryFeatures(s, i, TagAt(xpos, k - 1), TagAt(xpos, k - 2), f);
  XposUposFeatures(s, i, upos, f);
}

void XposHistoryFeatures(const std::vector<PosToken>& s, size_t i, int t1, int t2, FeatureBuffer* f) {
  long k = static_cast<long>(i);
  f->AddInt(kTag1, t1);
  f->AddKey(HashCombine(FeatureKey(kTag2, t1), static_cast<uint64_t>(t2)));
  f->AddKey(HashCombine(FeatureKey(kTag1Word, s[i].ident()), static_cast<uint64_t>(t1)));
  f->AddKey(HashCombine(FeatureKey(kTag1Amb, Amb(s, k, false)), static_cast<uint64_t>(t1)));
}

void XposUposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, FeatureBuffer* f) {
  long k = static_cast<long>(i), n = static_cast<long>(s.size());
  f->AddInt(kUposHere, upos[i]);
  f->AddKey(HashCombine(FeatureKey(kUposWord, s[i].ident()), static_cast<uint64_t>(upos[i])));
  f->AddKey(HashCombine(FeatureKey(kUposSuffix, Suffix(s[i].lower, 3)), static_cast<uint64_t>(upos[i])));
  f->AddInt(kUposNext, k + 1 < n ? upos[i + 1] : -1);
  f->AddInt(kUposNext2, k + 2 < n ? upos[i + 2] : -1);
  f->AddInt(kUposPrev, TagAt(upos, k - 1));
}

// Payload: u32 feature version, metadata, UPOS and XPOS label sets, lexicon,
// word clusters, UPOS and XPOS perceptrons.
void PosModel::Save(learn::ByteWriter& out) const {
  out.U32(kFeatureVersion);
  out.String(metadata);
  out.U32(beam_width);
  upos.Save(out);
  xpos.Save(out);
  std::vector<const std::pair<const std::string, PosLexEntry>*> entries;
  for (const auto& e : lexicon) entries.push_back(&e);
  std::sort(entries.begin(), entries.end(), [](auto* a, auto* b) { return a->first < b->first; });
  out.U64(entries.size());
  for (const auto* e : entries) {
    out.String(e->first);
    out.U32(static_cast<uint32_t>(e->second.upos_fixed));
    out.U32(static_cast<uint32_t>(e->second.xpos_fixed));
    out.U32(static_cast<uint32_t>(e->second.upos_ambiguity));
    out.U32(static_cast<uint32_t>(e->second.xpos_ambiguity));
  }
  clusters.Save(out);
  upos_model.Save(out);
  xpos_model.Save(out);
  out.U8(upos_stacked.num_classes() > 0 ? 1 : 0);
  if (upos_stacked.num_classes() > 0) upos_stacked.Save(out);
}

bool PosModel::Load(learn::ByteReader& in, PosModel* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion) {
    return in.Fail("POS feature version " + std::to_string(version) + ", this build uses " +
                   std::to_string(kFeatureVersion) + " (retrain the model)");
  }
  PosModel m;
  if (!in.String(&m.metadata) || !in.U32(&m.beam_width)) return false;
  if (m.beam_width < 1 || m.beam_width > 64) return in.Fail("beam width " + std::to_string(m.beam_width));
  if (!LabelSet::Load(in, &m.upos) || !LabelSet::Load(in, &m.xpos)) return false;
  uint64_t n = 0;
  if (!in.Count(&n, 20, "lexicon entries")) return false;
  std::string word;
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t v[4];
    if (!in.String(&word, 1 << 16) || !in.U32(&v[0]) || !in.U32(&v[1]) || !in.U32(&v[2]) || !in.U32(&v[3]))
      return false;
    PosLexEntry e{static_cast<int32_t>(v[0]), static_cast<int32_t>(v[1]), static_cast<int32_t>(v[2]),
                  static_cast<int32_t>(v[3])};
    if (e.upos_fixed >= m.upos.size() || e.xpos_fixed >= m.xpos.size() || e.upos_fixed < -1 || e.xpos_fixed < -1) {
      return in.Fail("lexicon entry '" + word + "' names a tag that does not exist");
    }
    m.lexicon.emplace(word, e);
  }
  if (!learn::WordClusters::Load(in, &m.clusters) || !learn::Perceptron::Load(in, &m.upos_model) ||
      !learn::Perceptron::Load(in, &m.xpos_model)) {
    return false;
  }
  uint8_t stacked = 0;
  if (!in.U8(&stacked)) return false;
  if (stacked > 1) return in.Fail("bad stacked-pass flag");
  if (stacked && !learn::Perceptron::Load(in, &m.upos_stacked)) return false;
  if (m.upos_model.num_classes() != m.upos.size() || m.xpos_model.num_classes() != m.xpos.size() ||
      (stacked && m.upos_stacked.num_classes() != m.upos.size())) {
    return in.Fail("perceptron classes do not match the label sets");
  }
  *out = std::move(m);
  return true;
}

Result<PosTagger> PosTagger::Load(const std::string& path) {
  auto model = learn::LoadModel<PosModel>(path, kPosModelKind);
  if (!model.ok()) return model.status();
  return PosTagger(std::move(model).value());
}

std::string PosTagger::DefaultPath() { return ModelsDir() + "/pos/en-ewt.cgm"; }

Status PosTagger::Save(const std::string& path) const { return learn::SaveModel(path, kPosModelKind, *model_); }

const std::string& PosTagger::metadata() const { return model_->metadata; }
const learn::WordClusters& PosTagger::clusters() const { return model_->clusters; }
size_t PosTagger::num_weights() const {
  return model_->upos_model.num_weights() + model_->xpos_model.num_weights() + model_->upos_stacked.num_weights();
}

PosTagger::PosTagger(std::shared_ptr<const PosModel> model) : model_(std::move(model)), id_(NextTaggerModelId()) {
  const learn::Perceptron* parts[] = {&model_->upos_model, &model_->upos_stacked, &model_->xpos_model};
  weights_ = std::make_shared<const JointWeights>(parts);
}

namespace {
enum Part { kFirstPart, kStackedPart, kXposPart };
// Words per thread before the word cache starts over: about 15 MB for the POS
// tagger and 8 MB for the recogniser, and over 90% of the tokens of news.
constexpr size_t kWordCacheLimit = 30000;

int ArgMax(const float* scores, int n) { return static_cast<int>(std::max_element(scores, scores + n) - scores); }
}  // namespace

// The runtime form of DecodePosPass over all passes. Each token's base features are
// scored once for every pass: those of the word alone come from the per-thread word
// cache, those of its context are looked up for the whole sentence at once
// (JointWeights::ScoreRows). Each decision then scores only the few features that
// depend on the pass's own earlier decisions. Same tags as DecodePosPass, up to the
// order in which floats are summed.
void PosTagger::TagWords(std::span<const std::string_view> words, std::vector<std::string>* upos_out,
                         std::vector<std::string>* xpos_out) const {
  // Per-thread scratch: tagging allocates nothing per word once warmed up.
  thread_local std::vector<PosToken> tokens;
  thread_local std::vector<int> first, upos, xpos;
  thread_local std::vector<float> base, scores;
  thread_local FeatureBuffer features;
  thread_local std::vector<std::vector<BeamItem>> columns;
  const PosModel& m = *model_;
  const JointWeights& w = *weights_;
  const size_t n = words.size();
  const int total = w.total_classes();
  // Per thread and model: each word's facts and the scores of its word features.
  struct CachedWord {
    PosToken token;
    std::vector<float> scores;
  };
  thread_local uint64_t cache_model = 0;
  thread_local std::unordered_map<std::string, CachedWord, TransparentHash, std::equal_to<>> cache;
  thread_local std::vector<const float*> word_scores;
  if (cache_model != id_ || cache.size() > kWordCacheLimit) {
    cache.clear();
    cache_model = id_;
  }
  tokens.resize(n);
  word_scores.resize(n);
  for (size_t i = 0; i < n; ++i) {
    auto it = cache.find(words[i]);
    if (it == cache.end()) {
      it = cache.emplace(std::string(words[i]), CachedWord{}).first;
      CachedWord& c = it->second;
      FillPosToken(m, it->first, &c.token);
      features.clear();
      PosWordFeatures(c.token, &features);
      c.scores.resize(total);
      w.ScoreAll(features.keys(), c.scores.data());
    }
    PosToken& t = tokens[i];
    const PosToken& cached = it->second.token;
    t.word = words[i];
    t.lower = cached.lower;
    t.shape = cached.shape;
    t.clusters = cached.clusters;
    t.cluster_levels = cached.cluster_levels;
    t.lex = cached.lex;
    t.lex_lower = cached.lex_lower;
    t.capitalised_tenths = cached.capitalised_tenths;
    t.upper = cached.upper;
    t.digit = cached.digit;
    t.hyphen = cached.hyphen;
    word_scores[i] = it->second.scores.data();
  }
  const int upos_classes = w.offset(kFirstPart + 1) - w.offset(kFirstPart);
  const int stacked_classes = w.offset(kStackedPart + 1) - w.offset(kStackedPart);
  const int xpos_classes = w.offset(kXposPart + 1) - w.offset(kXposPart);
  base.resize(n * total);
  scores.resize(total);
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> rows;
  keys.clear();
  rows.clear();
  auto scored = [&](size_t i) {
    const PosLexEntry* lex = tokens[i].lex;
    return !(lex && lex->upos_fixed >= 0 && (lex->xpos_fixed >= 0 || !xpos_out));
  };
  for (size_t i = 0; i < n; ++i) {
    if (!scored(i)) continue;
    features.clear();
    PosContextFeatures(tokens, i, &features);
    keys.insert(keys.end(), features.keys().begin(), features.keys().end());
    rows.resize(keys.size(), static_cast<uint32_t>(i));
  }
  w.ScoreRows(keys, rows, -1, base.data());
  for (size_t i = 0; i < n; ++i) {
    if (!scored(i)) continue;
    float* row = &base[i * total];
    for (int c = 0; c < total; ++c) row[c] += word_scores[i][c];
  }

  // First UPOS pass: beam search (width 1 is greedy).
  const int width = static_cast<int>(m.beam_width);
  columns.resize(std::max(columns.size(), n));
  for (size_t i = 0; i < n; ++i) {
    const PosLexEntry* lex = tokens[i].lex;
    const int fixed = lex ? lex->upos_fixed : -1;
    const size_t items = i == 0 ? 1 : columns[i - 1].size();
    const float* base_here = &base[i * total + w.offset(kFirstPart)];
    if (fixed < 0) {
      // The history features of every item, looked up together.
      features.clear();
      rows.clear();
      for (size_t j = 0; j < items; ++j) {
        int t1 = i == 0 ? -1 : columns[i - 1][j].tag;
        int t2 = i < 2 ? -1 : columns[i - 2][columns[i - 1][j].back].tag;
        UposHistoryFeatures(tokens, i, t1, t2, &features);
        rows.resize(features.size(), static_cast<uint32_t>(j));
      }
      scores.resize(std::max<size_t>(scores.size(), items * upos_classes));
      w.ScoreRows(features.keys(), rows, kFirstPart, scores.data());
    }
    // Keep the `width` best (score, item, tag), best first: higher score, then lower
    // item, then lower tag, the order UposBeamStep's sort gives.
    auto& next = columns[i];
    next.clear();
    auto better = [](const BeamItem& a, const BeamItem& b) {
      if (a.score != b.score) return a.score > b.score;
      return a.back != b.back ? a.back < b.back : a.tag < b.tag;
    };
    auto offer = [&](BeamItem c) {
      if (next.size() == static_cast<size_t>(width) && !better(c, next.back())) return;
      if (next.size() < static_cast<size_t>(width)) next.push_back(c);
      size_t at = next.size() - 1;
      while (at > 0 && better(c, next[at - 1])) {
        next[at] = next[at - 1];
        --at;
      }
      next[at] = c;
    };
    for (size_t j = 0; j < items; ++j) {
      float prefix = i == 0 ? 0.0f : columns[i - 1][j].score;
      if (fixed >= 0) {
        offer(BeamItem{fixed, static_cast<int>(j), prefix});
        continue;
      }
      const float* history = &scores[j * upos_classes];
      for (int c = 0; c < upos_classes; ++c) offer(BeamItem{c, static_cast<int>(j), prefix + base_here[c] + history[c]});
    }
    if (i == 0)
      for (BeamItem& b : next) b.back = -1;
  }
  first.resize(n);
  for (long i = static_cast<long>(n) - 1, item = 0; i >= 0; --i) {
    first[i] = columns[i][item].tag;
    item = columns[i][item].back;
  }

  // A greedy pass of `part`. Its features beyond the base ones are those that
  // depend on the pass's own earlier decisions (`history` appends them, scored per
  // decision) and those that do not (`known` appends them, scored for all tokens
  // at once, like the base features).
  thread_local std::vector<float> known_scores;
  auto greedy = [&](Part part, int classes, bool use_xpos_fixed, std::vector<int>* out, auto&& known,
                    auto&& history) {
    auto fixed_at = [&](size_t i) {
      const PosLexEntry* lex = tokens[i].lex;
      return !lex ? -1 : use_xpos_fixed ? lex->xpos_fixed : lex->upos_fixed;
    };
    features.clear();
    rows.clear();
    for (size_t i = 0; i < n; ++i) {
      if (fixed_at(i) >= 0) continue;
      known(i);
      rows.resize(features.size(), static_cast<uint32_t>(i));
    }
    known_scores.resize(n * classes);
    w.ScoreRows(features.keys(), rows, part, known_scores.data());
    out->assign(n, 0);
    for (size_t i = 0; i < n; ++i) {
      if (int fixed = fixed_at(i); fixed >= 0) {
        (*out)[i] = fixed;
        continue;
      }
      features.clear();
      history(i, *out);
      w.ScorePart(features.keys(), part, scores.data());
      const float* base_here = &base[i * total + w.offset(part)];
      const float* known_here = &known_scores[i * classes];
      for (int c = 0; c < classes; ++c) scores[c] += base_here[c] + known_here[c];
      (*out)[i] = ArgMax(scores.data(), classes);
    }
  };
  if (stacked_classes > 0) {
    greedy(
        kStackedPart, stacked_classes, false, &upos,
        [&](size_t i) { StackedUposFirstPassFeatures(tokens, i, first, &features); },
        [&](size_t i, const std::vector<int>& so_far) {
          long k = static_cast<long>(i);
          UposHistoryFeatures(tokens, i, TagAt(so_far, k - 1), TagAt(so_far, k - 2), &features);
        });
  } else {
    upos = first;
  }
  if (upos_out) {
    upos_out->clear();
    for (int t : upos) upos_out->push_back(m.upos.name(t));
  }
  if (xpos_out) {
    greedy(
        kXposPart, xpos_classes, true, &xpos, [&](size_t i) { XposUposFeatures(tokens, i, upos, &features); },
        [&](size_t i, const std::vector<int>& so_far) {
          long k = static_cast<long>(i);
          XposHistoryFeatures(tokens, i, TagAt(so_far, k - 1), TagAt(so_far, k - 2), &features);
        });
    xpos_out->clear();
    for (int t : xpos) xpos_out->push_back(m.xpos.name(t));
  }
}

void PosTagger::Tag(const Document& doc, std::vector<std::string>* upos, std::vector<std::string>* xpos) const {
  if (upos) upos->assign(doc.tokens.size(), "X");
  if (xpos) xpos->assign(doc.tokens.size(), "XX");
  std::vector<std::string_view> words;
  std::vector<std::string> su, sx;
  for (const Sentence& s : doc.sentences) {
    words.clear();
    for (uint32_t t = s.first_token; t < s.end_token; ++t) words.push_back(doc.token_text(t));
    TagWords(words, upos ? &su : nullptr, xpos ? &sx : nullptr);
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      if (upos) (*upos)[t] = su[t - s.first_token];
      if (xpos) (*xpos)[t] = sx[t - s.first_token];
    }
  }
}

}  // namespace claimgraph::tagging
