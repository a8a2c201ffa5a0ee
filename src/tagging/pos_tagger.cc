#include "tagging/pos_tagger.h"

#include <algorithm>
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
  kBias = 1, kLower, kWord, kPrefix, kSuffix = kPrefix + 5, kShape = kSuffix + 5, kFlags,
  kPrev1, kPrev2, kNext1, kNext2, kPrevSuffix, kNextSuffix, kBigramNext, kBigramPrev,
  kAmbU, kAmbUNext1, kAmbUNext2, kAmbUPrev, kAmbX, kAmbXNext1, kAmbXNext2, kCluster, kClusterPrev = kCluster + 8,
  kClusterNext = kClusterPrev + 8,
  // tag-dependent
  kTag1 = 100, kTag2, kTag1Word, kTag1Amb, kUposHere, kUposWord, kUposNext, kUposPrev, kUposSuffix, kUposNext2
};

std::string_view Lower(const std::vector<PosToken>& s, long i) {
  if (i < 0) return "<s>";
  if (i >= static_cast<long>(s.size())) return "</s>";
  return s[i].lower;
}

int Amb(const std::vector<PosToken>& s, long i, bool upos) {
  if (i < 0) return -2;
  if (i >= static_cast<long>(s.size())) return -3;
  if (!s[i].lex) return -1;
  return upos ? s[i].lex->upos_ambiguity : s[i].lex->xpos_ambiguity;
}

// The tag-independent features of token i, shared by both passes.
void BaseFeatures(const std::vector<PosToken>& s, size_t i, FeatureBuffer* f) {
  const PosToken& t = s[i];
  long k = static_cast<long>(i);
  f->AddInt(kBias, 0);
  f->Add(kLower, t.lower);
  if (t.word != t.lower) f->Add(kWord, t.word);
  for (int n = 1; n <= 4; ++n) {
    f->Add(kPrefix + n, Prefix(t.lower, n));
    f->Add(kSuffix + n, Suffix(t.lower, n));
  }
  f->Add(kShape, t.shape);
  f->AddInt(kFlags, (t.upper ? 1 : 0) | (t.digit ? 2 : 0) | (t.hyphen ? 4 : 0) | (i == 0 ? 8 : 0));
  f->Add(kPrev1, Lower(s, k - 1));
  f->Add(kPrev2, Lower(s, k - 2));
  f->Add(kNext1, Lower(s, k + 1));
  f->Add(kNext2, Lower(s, k + 2));
  f->Add(kPrevSuffix, Suffix(Lower(s, k - 1), 3));
  f->Add(kNextSuffix, Suffix(Lower(s, k + 1), 3));
  f->Add(kBigramNext, t.lower, Lower(s, k + 1));
  f->Add(kBigramPrev, Lower(s, k - 1), t.lower);
  f->AddInt(kAmbU, Amb(s, k, true));
  f->AddInt(kAmbUNext1, Amb(s, k + 1, true));
  f->AddInt(kAmbUNext2, Amb(s, k + 2, true));
  f->AddInt(kAmbUPrev, Amb(s, k - 1, true));
  f->AddInt(kAmbX, Amb(s, k, false));
  f->AddInt(kAmbXNext1, Amb(s, k + 1, false));
  f->AddInt(kAmbXNext2, Amb(s, k + 2, false));
  auto clusters = [&](uint32_t tmpl, long j) {
    if (j < 0 || j >= static_cast<long>(s.size()) || !s[j].clusters) return;
    // Level sizes are fixed per model, so (level, class) identifies a cluster.
    for (int l = 0; l < 3; ++l) f->AddInt(tmpl + l, s[j].clusters[l]);
  };
  if (t.clusters) {
    clusters(kCluster, k);
  } else {
    f->AddInt(kCluster + 7, 0);  // no class: rare or unseen word
  }
  clusters(kClusterPrev, k - 1);
  clusters(kClusterNext, k + 1);
}

int TagAt(std::span<const int> tags, long i) { return i < 0 ? -1 : tags[i]; }

}  // namespace

void PreparePosTokens(const PosModel& model, std::span<const std::string_view> words, std::vector<PosToken>* out) {
  out->clear();
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    PosToken& t = (*out)[i];
    t.word = words[i];
    t.lower = utf8::Lower(t.word);
    t.shape = WordShape(t.word);
    t.clusters = model.clusters.levels() >= 3 ? FindClusters(model.clusters, t.word) : nullptr;
    t.lex = model.Lookup(t.word);
    t.upper = InitialUpper(t.word);
    t.digit = HasDigit(t.word);
    t.hyphen = t.word.find('-') != std::string_view::npos;
  }
}

void UposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> upos, FeatureBuffer* f) {
  f->clear();
  BaseFeatures(s, i, f);
  long k = static_cast<long>(i);
  int t1 = TagAt(upos, k - 1), t2 = TagAt(upos, k - 2);
  f->AddInt(kTag1, t1);
  f->AddKey(HashCombine(FeatureKey(kTag2, t1), static_cast<uint64_t>(t2)));
  f->AddKey(HashCombine(FeatureKey(kTag1Word, s[i].lower), static_cast<uint64_t>(t1)));
  f->AddKey(HashCombine(FeatureKey(kTag1Amb, Amb(s, k, true)), static_cast<uint64_t>(t1)));
}

void XposFeatures(const std::vector<PosToken>& s, size_t i, std::span<const int> xpos, std::span<const int> upos,
                  FeatureBuffer* f) {
  f->clear();
  BaseFeatures(s, i, f);
  long k = static_cast<long>(i), n = static_cast<long>(s.size());
  int t1 = TagAt(xpos, k - 1), t2 = TagAt(xpos, k - 2);
  f->AddInt(kTag1, t1);
  f->AddKey(HashCombine(FeatureKey(kTag2, t1), static_cast<uint64_t>(t2)));
  f->AddKey(HashCombine(FeatureKey(kTag1Word, s[i].lower), static_cast<uint64_t>(t1)));
  f->AddKey(HashCombine(FeatureKey(kTag1Amb, Amb(s, k, false)), static_cast<uint64_t>(t1)));
  f->AddInt(kUposHere, upos[i]);
  f->AddKey(HashCombine(FeatureKey(kUposWord, s[i].lower), static_cast<uint64_t>(upos[i])));
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
}

bool PosModel::Load(learn::ByteReader& in, PosModel* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion) {
    return in.Fail("POS feature version " + std::to_string(version) + ", this build uses " +
                   std::to_string(kFeatureVersion) + " (retrain the model)");
  }
  PosModel m;
  if (!in.String(&m.metadata) || !LabelSet::Load(in, &m.upos) || !LabelSet::Load(in, &m.xpos)) return false;
  uint64_t n = 0;
  if (!in.Count(&n, 20, "lexicon entries")) return false;
  std::string word;
  for (uint64_t i = 0; i < n; ++i) {
    uint32_t v[4];
    if (!in.String(&word, 1 << 16) || !in.U32(&v[0]) || !in.U32(&v[1]) || !in.U32(&v[2]) || !in.U32(&v[3])) return false;
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
  if (m.upos_model.num_classes() != m.upos.size() || m.xpos_model.num_classes() != m.xpos.size()) {
    return in.Fail("perceptron classes do not match the label sets");
  }
  *out = std::move(m);
  return true;
}

Result<PosTagger> PosTagger::Load(const std::string& path) {
  auto payload = learn::ReadModelFile(path, kPosModelKind);
  if (!payload.ok()) return payload.status();
  learn::ByteReader in(*payload, path);
  auto model = std::make_shared<PosModel>();
  PosModel::Load(in, model.get());
  if (Status s = in.Finish(); !s.ok()) return s;
  return PosTagger(std::move(model));
}

std::string PosTagger::DefaultPath() { return ModelsDir() + "/pos/en-ewt.cgm"; }

Status PosTagger::Save(const std::string& path) const {
  learn::ByteWriter out;
  model_->Save(out);
  return learn::WriteModelFile(path, kPosModelKind, out.data());
}

const std::string& PosTagger::metadata() const { return model_->metadata; }
size_t PosTagger::num_weights() const { return model_->upos_model.num_weights() + model_->xpos_model.num_weights(); }

void PosTagger::TagWords(std::span<const std::string_view> words, std::vector<std::string>* upos_out,
                         std::vector<std::string>* xpos_out) const {
  // Per-thread scratch: tagging allocates nothing per word once warmed up.
  thread_local std::vector<PosToken> tokens;
  thread_local FeatureBuffer features;
  thread_local std::vector<float> scores;
  thread_local std::vector<int> upos, xpos;
  const PosModel& m = *model_;
  PreparePosTokens(m, words, &tokens);
  size_t n = words.size();
  upos.assign(n, 0);
  xpos.assign(n, 0);
  auto best = [&](const learn::Perceptron& p) {
    return static_cast<int>(std::max_element(scores.begin(), scores.begin() + p.num_classes()) - scores.begin());
  };
  scores.resize(std::max(m.upos.size(), m.xpos.size()));
  for (size_t i = 0; i < n; ++i) {
    if (tokens[i].lex && tokens[i].lex->upos_fixed >= 0) {
      upos[i] = tokens[i].lex->upos_fixed;
      continue;
    }
    UposFeatures(tokens, i, upos, &features);
    m.upos_model.Score(features.keys(), scores);
    upos[i] = best(m.upos_model);
  }
  if (xpos_out) {
    for (size_t i = 0; i < n; ++i) {
      if (tokens[i].lex && tokens[i].lex->xpos_fixed >= 0) {
        xpos[i] = tokens[i].lex->xpos_fixed;
        continue;
      }
      XposFeatures(tokens, i, xpos, upos, &features);
      m.xpos_model.Score(features.keys(), scores);
      xpos[i] = best(m.xpos_model);
    }
  }
  if (upos_out) {
    upos_out->clear();
    for (int t : upos) upos_out->push_back(m.upos.name(t));
  }
  if (xpos_out) {
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
