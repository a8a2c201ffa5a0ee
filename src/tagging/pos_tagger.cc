#include "tagging/pos_tagger.h"

#include <algorithm>
#include <cassert>
#include <filesystem>

#include "core/files.h"
#include "core/utf8.h"
#include "learn/model_file.h"
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

// The tag-independent features of token i, shared by all passes.
namespace {
void ComputePosBaseFeatures(const std::vector<PosToken>& s, size_t i, FeatureBuffer* f) {
  f->clear();
  const PosToken& t = s[i];
  long k = static_cast<long>(i);
  f->AddInt(kBias, 0);
  f->Add(kLower, t.ident());
  if (t.word != t.lower && t.ident() == t.lower) f->Add(kWord, t.word);
  for (int n = 1; n <= 4; ++n) {
    f->Add(kPrefix + n, Prefix(t.lower, n));
    f->Add(kSuffix + n, Suffix(t.lower, n));
  }
  f->Add(kShape, t.shape);
  f->AddInt(kFlags, (t.upper ? 1 : 0) | (t.digit ? 2 : 0) | (t.hyphen ? 4 : 0) | (i == 0 ? 8 : 0));
  f->Add(kPrev1, Ident(s, k - 1));
  f->Add(kPrev2, Ident(s, k - 2));
  f->Add(kNext1, Ident(s, k + 1));
  f->Add(kNext2, Ident(s, k + 2));
  f->Add(kPrevSuffix, k > 0 ? Suffix(s[k - 1].lower, 3) : std::string_view("<s>"));
  f->Add(kNextSuffix, k + 1 < static_cast<long>(s.size()) ? Suffix(s[k + 1].lower, 3) : std::string_view("</s>"));
  f->Add(kBigramNext, t.ident(), Ident(s, k + 1));
  f->Add(kBigramPrev, Ident(s, k - 1), t.ident());
  f->AddInt(kAmbU, Amb(s, k, true));
  f->AddInt(kAmbUNext1, Amb(s, k + 1, true));
  f->AddInt(kAmbUNext2, Amb(s, k + 2, true));
  f->AddInt(kAmbUPrev, Amb(s, k - 1, true));
  f->AddInt(kAmbX, Amb(s, k, false));
  f->AddInt(kAmbXNext1, Amb(s, k + 1, false));
  f->AddInt(kAmbXNext2, Amb(s, k + 2, false));
  int levels = s.empty() ? 0 : s[0].cluster_levels;
  auto clusters = [&](uint32_t tmpl, long j) {
    if (j < 0 || j >= static_cast<long>(s.size()) || !s[j].clusters) return;
    // Level sizes are fixed per model, so (level, class) identifies a cluster.
    for (int l = 0; l < levels; ++l) f->AddInt(tmpl + l, s[j].clusters[l]);
  };
  if (t.clusters) {
    clusters(kCluster, k);
  } else {
    f->AddInt(kCluster + 7, 0);  // no class: rare or unseen word
  }
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
  for (size_t i = 0; i < words.size(); ++i) {
    PosToken& t = (*out)[i];
    t.word = words[i];
    t.lower = utf8::Lower(t.word);
    t.shape = WordShape(t.word);
    t.cluster_levels = std::min(model.clusters.levels(), 6);
    t.clusters = t.cluster_levels > 0 ? FindClusters(model.clusters, t.word) : nullptr;
    t.lex = model.Lookup(t.word);
    if (t.lower != t.word) t.lex_lower = model.Lookup(t.lower);
    t.capitalised_tenths = model.clusters.CapitalisedTenths(t.lower);
    t.upper = InitialUpper(t.word);
    t.digit = HasDigit(t.word);
    t.hyphen = t.word.find('-') != std::string_view::npos;
  }
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
  UposFeatures(s, i, upos, f);
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
  long k = static_cast<long>(i), n = static_cast<long>(s.size());
  int t1 = TagAt(xpos, k - 1), t2 = TagAt(xpos, k - 2);
  f->AddInt(kTag1, t1);
  f->AddKey(HashCombine(FeatureKey(kTag2, t1), static_cast<uint64_t>(t2)));
  f->AddKey(HashCombine(FeatureKey(kTag1Word, s[i].ident()), static_cast<uint64_t>(t1)));
  f->AddKey(HashCombine(FeatureKey(kTag1Amb, Amb(s, k, false)), static_cast<uint64_t>(t1)));
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
size_t PosTagger::num_weights() const {
  return model_->upos_model.num_weights() + model_->xpos_model.num_weights() + model_->upos_stacked.num_weights();
}

void PosTagger::TagWords(std::span<const std::string_view> words, std::vector<std::string>* upos_out,
                         std::vector<std::string>* xpos_out) const {
  // Per-thread scratch: tagging allocates nothing per word once warmed up.
  thread_local std::vector<PosToken> tokens;
  thread_local std::vector<int> first, upos, xpos;
  const PosModel& m = *model_;
  PreparePosTokens(m, words, &tokens);
  DecodePosPass(m, PosPass::kUpos, m.upos_model, tokens, {}, &first);
  if (m.upos_stacked.num_classes() > 0) {
    DecodePosPass(m, PosPass::kStackedUpos, m.upos_stacked, tokens, first, &upos);
  } else {
    upos = first;
  }
  if (upos_out) {
    upos_out->clear();
    for (int t : upos) upos_out->push_back(m.upos.name(t));
  }
  if (xpos_out) {
    DecodePosPass(m, PosPass::kXpos, m.xpos_model, tokens, upos, &xpos);
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
