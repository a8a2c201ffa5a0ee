#include "tagging/entity_recognizer.h"

#include <algorithm>
#include <cassert>

#include "core/files.h"
#include "core/utf8.h"
#include "learn/model_file.h"
#include "tagging/joint_weights.h"
#include "tagging/ner_model.h"
#include "tagging/pos_model.h"  // TransparentHash
#include "tagging/word_features.h"

namespace claimgraph::tagging {

using learn::FeatureBuffer;
using learn::FeatureKey;
using learn::HashCombine;

namespace {

enum Template : uint32_t {
  kBias = 1,
  kNorm,
  kWord,
  kPrefix,
  kSuffix = kPrefix + 5,
  kShape = kSuffix + 5,
  kShortShape,
  kPrev1,
  kPrev2,
  kNext1,
  kNext2,
  kBigramPrev,
  kBigramNext,
  kShortPrev,
  kShortNext,
  kShortPrevHere,
  kShortHereNext,
  kCluster,
  kClusterPrev = kCluster + 6,
  kClusterNext = kClusterPrev + 6,
  kClusterPrev2 = kClusterNext + 6,
  kClusterNext2 = kClusterPrev2 + 6,
  kPosition = kClusterNext2 + 6,
  kCapsSentence,
  kLabel1 = 100,
  kLabel2,
  kLabel1Word,
  kLabel1Shape,
  kHistType,
  kHistTop,
  kLowerElsewhere,
  kCapitalisedElsewhere,
  kNoHistory,
  kLabel1Cluster,
  kContextPrev = 160,
  kContextNext,
  kPrevCluster,
  kClusterNextWord,
  kRunLast,
  kRunFirst,
  kRunShape,
  kBagWords,
  kBagClusters,
  kFirstHere = 140,
  kFirstPrev,
  kFirstNext,
  kFirstNext2,
  kFirstDocType,
  kFirstDocTop,
  kFirstHereWord,
  kGaz = 180,
  kGazShape,
  kGazPrev,
  kGazNext
};

const NerToken* At(const NerSentence& s, long i) {
  return i < 0 || i >= static_cast<long>(s.tokens.size()) ? nullptr : &s.tokens[i];
}
std::string_view NormAt(const NerSentence& s, long i) {
  if (i < 0) return "<s>";
  if (i >= static_cast<long>(s.tokens.size())) return "</s>";
  return s.tokens[i].ident();
}
std::string_view ShortAt(const NerSentence& s, long i) {
  if (i < 0) return "<s>";
  if (i >= static_cast<long>(s.tokens.size())) return "</s>";
  return s.tokens[i].short_shape;
}

}  // namespace

bool BilouAllowed(int previous, int label) {
  Bilou prev = previous < 0 ? Bilou::kO : PartOf(previous);
  Bilou cur = PartOf(label);
  if (prev == Bilou::kB || prev == Bilou::kI) {
    return (cur == Bilou::kI || cur == Bilou::kL) && TypeOf(label) == TypeOf(previous);
  }
  return cur == Bilou::kO || cur == Bilou::kB || cur == Bilou::kU;
}

void FillNerToken(const NerModel& model, std::string_view word, NerToken* t) {
  t->word = word;
  t->norm = NormalisedLower(word);
  t->hidden = false;
  t->shape = WordShape(word);
  t->short_shape = ShortShape(word);
  t->clusters = model.clusters.levels() > 0 ? FindClusters(model.clusters, word) : nullptr;
  t->has_letter = HasLetter(word);
  t->init_upper = InitialUpper(word);
  t->all_upper = AllUpper(word);
}

bool Gazetteer::Add(std::string_view text, Category category) {
  uint64_t key = kEmpty;
  int words = 0;
  size_t at = 0;
  while (at < text.size()) {
    size_t end = text.find(' ', at);
    if (end == std::string_view::npos) end = text.size();
    if (end > at) {
      if (++words > kMaxWords) return false;
      key = Extend(key, NormalisedLower(text.substr(at, end - at)));
    }
    at = end + 1;
  }
  if (words == 0) return false;
  phrases[key] |= static_cast<uint16_t>(1u << category);
  return true;
}

void MatchGazetteer(const Gazetteer& gazetteer, NerSentence* s, size_t sentence, const GazetteerNoise* noise) {
  const size_t n = s->tokens.size();
  s->gaz_begin.assign(n + 1, 0);
  s->gaz_codes.clear();
  if (gazetteer.empty()) return;
  // Per token and category: the longest match covering it, as (start, length).
  struct Cover {
    uint32_t start = 0;
    uint8_t length = 0;
  };
  constexpr int kCats = Gazetteer::kNumCategories;
  thread_local std::vector<std::array<Cover, kCats>> best;
  best.assign(n, {});
  bool any = false;
  for (size_t i = 0; i < n; ++i) {
    uint64_t key = Gazetteer::kEmpty;
    for (size_t len = 1; len <= size_t{Gazetteer::kMaxWords} && i + len <= n; ++len) {
      key = Gazetteer::Extend(key, s->tokens[i + len - 1].norm);
      auto it = gazetteer.phrases.find(key);
      if (it == gazetteer.phrases.end()) continue;
      for (int c = 0; c < kCats; ++c) {
        if (!(it->second >> c & 1)) continue;
        if (noise && noise->rate[c] > 0) {
          uint64_t h = learn::HashCombine(learn::HashCombine(noise->seed, sentence * 64 + len), i * 16 + c);
          if (static_cast<double>(learn::Mix64(h) >> 11) * 0x1.0p-53 < noise->rate[c]) continue;
        }
        any = true;
        for (size_t k = i; k < i + len; ++k)
          if (len > best[k][c].length) best[k][c] = {static_cast<uint32_t>(i), static_cast<uint8_t>(len)};
      }
    }
  }
  if (!any) return;
  for (size_t k = 0; k < n; ++k) {
    s->gaz_begin[k] = static_cast<uint32_t>(s->gaz_codes.size());
    for (int c = 0; c < kCats; ++c) {
      const Cover& cover = best[k][c];
      if (!cover.length) continue;
      Bilou part = Bilou::kI;
      if (cover.length == 1) {
        part = Bilou::kU;
      } else if (k == cover.start) {
        part = Bilou::kB;
      } else if (k + 1 == cover.start + cover.length) {
        part = Bilou::kL;
      }
      s->gaz_codes.push_back(static_cast<uint16_t>(c * 8 + static_cast<int>(part)));
    }
  }
  s->gaz_begin[n] = static_cast<uint32_t>(s->gaz_codes.size());
}

void PrepareNerDocument(const NerModel& model, const std::vector<std::vector<std::string_view>>& sentences,
                        NerDocument* doc, const std::unordered_set<std::string_view>* hidden_words,
                        const GazetteerNoise* noise) {
  PrepareNerDocumentWith(
      model, sentences, doc,
      [&](std::string_view word, NerToken* t) {
        FillNerToken(model, word, t);
        t->hidden = hidden_words && hidden_words->count(word) > 0;
      },
      noise);
}

template <class FillToken>
void PrepareNerDocumentWith(const NerModel& model, const std::vector<std::vector<std::string_view>>& sentences,
                            NerDocument* doc, FillToken&& fill, const GazetteerNoise* noise) {
  doc->sentences.resize(sentences.size());
  doc->lower_forms.clear();
  doc->mid_capitalised.clear();
  doc->history.clear();
  doc->contexts.clear();
  doc->first.clear();
  doc->first_types.clear();
  doc->cluster_levels = std::min(model.clusters.levels(), 4);
  for (size_t s = 0; s < sentences.size(); ++s) {
    NerSentence& out = doc->sentences[s];
    out.tokens.resize(sentences[s].size());
    size_t lettered = 0, capitals = 0;
    for (size_t i = 0; i < sentences[s].size(); ++i) {
      NerToken& t = out.tokens[i];
      fill(sentences[s][i], &t);
      lettered += t.has_letter;
      capitals += t.all_upper;
    }
    out.all_caps = lettered >= 2 && capitals * 10 >= lettered * 8;
    MatchGazetteer(model.gazetteer, &out, s, noise);
    out.runs.assign(out.tokens.size(), {0, 0});
    for (size_t i = 0; i < out.tokens.size();) {
      if (!out.tokens[i].init_upper || out.all_caps) {
        out.runs[i] = {uint32_t(i), uint32_t(i)};
        ++i;
        continue;
      }
      size_t j = i;
      while (j < out.tokens.size() && out.tokens[j].init_upper) ++j;
      for (size_t k = i; k < j; ++k) out.runs[k] = {uint32_t(i), uint32_t(j)};
      i = j;
    }
    for (size_t i = 0; i < out.tokens.size(); ++i) {
      const NerToken& t = out.tokens[i];
      if (!t.has_letter) continue;
      if (!t.init_upper) doc->lower_forms.insert(t.norm);
      if (i > 0 && t.init_upper && !out.all_caps && !t.all_upper) doc->mid_capitalised.insert(t.norm);
      if (!t.init_upper) continue;
      auto& c = doc->contexts[t.norm];
      if (c.size() >= 24) continue;
      auto add = [&](std::string key) {
        if (std::find(c.begin(), c.end(), key) == c.end()) c.push_back(std::move(key));
      };
      std::string_view before = i > 0 ? std::string_view(out.tokens[i - 1].norm) : std::string_view("<s>");
      std::string_view after = i + 1 < out.tokens.size() ? std::string_view(out.tokens[i + 1].norm) : "</s>";
      std::string key(1, '<');
      key.append(before);
      add(key);
      key.assign(1, '>');
      key.append(after);
      add(key);
    }
  }
}

void NerFeatures(const NerDocument& doc, size_t sentence, size_t i, std::span<const int> labels, FeatureBuffer* f) {
  NerStaticFeatures(doc, sentence, i, f);
  NerDecisionFeatures(doc, sentence, i, labels, f);
}

void NerStaticFeatures(const NerDocument& doc, size_t sentence, size_t i, FeatureBuffer* f) {
  f->clear();
  NerWordFeatures(doc.sentences[sentence].tokens[i], doc.cluster_levels, f);
  NerContextFeatures(doc, sentence, i, f);
}

void NerWordFeatures(const NerToken& t, int levels, FeatureBuffer* f) {
  f->AddInt(kBias, 0);
  f->Add(kNorm, t.ident());
  if (!t.hidden) f->Add(kWord, t.word);
  for (int n = 1; n <= 4; ++n) {
    f->Add(kPrefix + n, Prefix(t.norm, n));
    f->Add(kSuffix + n, Suffix(t.norm, n));
  }
  f->Add(kShape, t.shape);
  f->Add(kShortShape, t.short_shape);
  if (!t.clusters) {
    f->AddInt(kCluster + 5, 0);  // no class: rare or unseen word
  } else {
    for (int l = 0; l < levels; ++l) f->AddInt(kCluster + l, t.clusters[l]);
  }
}

void NerContextFeatures(const NerDocument& doc, size_t sentence, size_t i, FeatureBuffer* f) {
  const NerSentence& s = doc.sentences[sentence];
  const NerToken& t = s.tokens[i];
  long k = static_cast<long>(i);
  f->Add(kPrev1, NormAt(s, k - 1));
  f->Add(kPrev2, NormAt(s, k - 2));
  f->Add(kNext1, NormAt(s, k + 1));
  f->Add(kNext2, NormAt(s, k + 2));
  f->Add(kBigramPrev, NormAt(s, k - 1), t.ident());
  f->Add(kBigramNext, t.ident(), NormAt(s, k + 1));
  f->Add(kShortPrev, ShortAt(s, k - 1));
  f->Add(kShortNext, ShortAt(s, k + 1));
  f->Add(kShortPrevHere, ShortAt(s, k - 1), t.short_shape);
  f->Add(kShortHereNext, t.short_shape, ShortAt(s, k + 1));
  auto clusters = [&](uint32_t tmpl, long j, int levels) {
    const NerToken* o = At(s, j);
    if (!o) return;
    if (!o->clusters) {
      f->AddInt(tmpl + 5, 0);  // no class: rare or unseen word
      return;
    }
    for (int l = 0; l < levels; ++l) f->AddInt(tmpl + l, o->clusters[l]);
  };
  int levels = doc.cluster_levels;
  clusters(kClusterPrev, k - 1, levels);
  clusters(kClusterNext, k + 1, levels);
  clusters(kClusterPrev2, k - 2, std::min(levels, 2));
  clusters(kClusterNext2, k + 2, std::min(levels, 2));
  if (t.clusters && levels >= 2) {
    f->AddKey(HashCombine(FeatureKey(kPrevCluster, NormAt(s, k - 1)), t.clusters[1]));
    f->AddKey(HashCombine(FeatureKey(kClusterNextWord, NormAt(s, k + 1)), t.clusters[1]));
  }
  f->Add(kPosition, i == 0 ? "first" : "inside", t.short_shape);
  if (auto [begin, end] = s.runs[i]; end > begin) {
    // The capitalised run this word is part of: its head ("... Bank", "... Party")
    // and its first word tell the type; the position says where the span may start.
    std::string_view last = s.tokens[end - 1].norm, first = s.tokens[begin].norm;
    int length = std::min<int>(end - begin, 4);
    int position = (i == begin ? 1 : 0) | (i + 1 == end ? 2 : 0);
    f->Add(kRunLast, last);
    f->Add(kRunFirst, first);
    f->AddInt(kRunShape, length * 4 + position);
    if (i + 1 != end) f->AddKey(HashCombine(FeatureKey(kRunLast, last), static_cast<uint64_t>(position + 1)));
  }

  // Dictionary matches here and beside: a TITLE before a capitalised word, a
  // GIVEN_NAME then a SURNAME, a COUNTRY inside a longer ORG name.
  auto gaz = [&](long j) {
    return std::span<const uint16_t>(s.gaz_codes.data() + s.gaz_begin[j], s.gaz_begin[j + 1] - s.gaz_begin[j]);
  };
  for (uint16_t code : gaz(k)) {
    f->AddInt(kGaz, code);
    f->AddKey(HashCombine(FeatureKey(kGazShape, t.short_shape), code));
  }
  if (k > 0)
    for (uint16_t code : gaz(k - 1)) f->AddInt(kGazPrev, code);
  if (k + 1 < static_cast<long>(s.tokens.size()))
    for (uint16_t code : gaz(k + 1)) f->AddInt(kGazNext, code);

  // A wider, unordered window: "said" or "shares" a few words away, and the word
  // classes around (with the side they are on).
  for (long j = k - 4; j <= k + 4; ++j) {
    if (j == k || j < 0 || j >= static_cast<long>(s.tokens.size())) continue;
    const NerToken& o = s.tokens[j];
    if (j < k - 2 || j > k + 2) f->Add(kBagWords, o.ident());
    if (o.clusters && doc.cluster_levels >= 3) f->AddInt(kBagClusters, o.clusters[2] * 2 + (j < k ? 0 : 1));
  }

  if (t.init_upper) {
    if (auto c = doc.contexts.find(t.norm); c != doc.contexts.end()) {
      for (const auto& key : c->second) f->Add(key[0] == '<' ? kContextPrev : kContextNext, key);
    }
    bool lower = doc.lower_forms.count(t.norm) > 0;
    bool capitalised = doc.mid_capitalised.count(t.norm) > 0;
    f->AddInt(kLowerElsewhere, (lower ? 1 : 0) | (capitalised ? 2 : 0) | (i == 0 ? 4 : 0) | (s.all_caps ? 8 : 0));
  }
}

void NerDecisionFeatures(const NerDocument& doc, size_t sentence, size_t i, std::span<const int> labels,
                         FeatureBuffer* f) {
  const NerSentence& s = doc.sentences[sentence];
  const NerToken& t = s.tokens[i];
  int levels = doc.cluster_levels;
  int l1 = i ? labels[i - 1] : -1, l2 = i > 1 ? labels[i - 2] : -1;
  f->AddInt(kLabel1, l1);
  f->AddKey(HashCombine(FeatureKey(kLabel2, l1), static_cast<uint64_t>(l2)));
  f->AddKey(HashCombine(FeatureKey(kLabel1Word, t.ident()), static_cast<uint64_t>(l1)));
  f->AddKey(HashCombine(FeatureKey(kLabel1Shape, t.short_shape), static_cast<uint64_t>(l1)));
  if (t.clusters && levels >= 2) {
    f->AddKey(HashCombine(FeatureKey(kLabel1Cluster, int64_t(t.clusters[1])), static_cast<uint64_t>(l1)));
  }

  if (t.init_upper) {
    auto it = doc.history.find(t.norm);
    if (it == doc.history.end()) {
      f->AddInt(kNoHistory, 0);
    } else {
      const auto& h = it->second;
      int top = 0;
      for (int type = 0; type < NerModel::kMaxTypes + 1; ++type) {
        if (!h[type]) continue;
        f->AddInt(kHistType, type);
        if (h[type] > h[top]) top = type;
      }
      f->AddInt(kHistTop, top);
    }
  }
}

void SetFirstPass(NerDocument* doc, std::vector<std::vector<int>> labels) {
  doc->first = std::move(labels);
  doc->history.clear();
  doc->first_types.clear();
  for (size_t s = 0; s < doc->sentences.size(); ++s)
    for (size_t i = 0; i < doc->sentences[s].tokens.size(); ++i) {
      const NerToken& t = doc->sentences[s].tokens[i];
      if (!t.init_upper) continue;
      auto& counts = doc->first_types[t.norm];
      int type = TypeOf(doc->first[s][i]);
      if (counts[type + 1] < 65535) ++counts[type + 1];
    }
}

void StackedFeatures(const NerDocument& doc, size_t sentence, size_t i, FeatureBuffer* f) {
  const auto& first = doc.first[sentence];
  long k = static_cast<long>(i), n = static_cast<long>(first.size());
  auto at = [&](long j) { return j < 0 ? -1 : j >= n ? -2 : first[j]; };
  f->AddInt(kFirstHere, at(k));
  f->AddInt(kFirstPrev, at(k - 1));
  f->AddInt(kFirstNext, at(k + 1));
  f->AddInt(kFirstNext2, at(k + 2));
  const NerToken& t = doc.sentences[sentence].tokens[i];
  f->AddKey(HashCombine(FeatureKey(kFirstHereWord, t.short_shape), static_cast<uint64_t>(at(k))));
  if (!t.init_upper) return;
  auto it = doc.first_types.find(t.norm);
  if (it == doc.first_types.end()) return;
  const auto& counts = it->second;
  int top = 0, total = 0;
  for (int type = 0; type < NerModel::kMaxTypes + 1; ++type) {
    total += counts[type];
    if (!counts[type]) continue;
    f->AddInt(kFirstDocType, type);
    if (counts[type] > counts[top]) top = type;
  }
  // The majority, and whether it is unanimous.
  f->AddInt(kFirstDocTop, top * 2 + (counts[top] == total ? 1 : 0));
}

// Payload: u32 feature version, metadata, entity types, word clusters, perceptron.
void NerModel::Save(learn::ByteWriter& out) const {
  out.U32(kFeatureVersion);
  out.String(metadata);
  types.Save(out);
  clusters.Save(out);
  // Sorted, so the same dictionary gives the same bytes.
  std::vector<std::pair<uint64_t, uint16_t>> phrases(gazetteer.phrases.begin(), gazetteer.phrases.end());
  std::sort(phrases.begin(), phrases.end());
  out.U32(static_cast<uint32_t>(phrases.size()));
  for (const auto& [key, bits] : phrases) {
    out.U64(key);
    out.U16(bits);
  }
  weights.Save(out);
  out.U8(stacked.num_classes() > 0 ? 1 : 0);
  if (stacked.num_classes() > 0) stacked.Save(out);
}

bool NerModel::Load(learn::ByteReader& in, NerModel* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion) {
    return in.Fail("NER feature version " + std::to_string(version) + ", this build uses " +
                   std::to_string(kFeatureVersion) +
                   " (version 5 added gazetteer features; retrain with `claimgraph train ner --recipe "
                   "models/recipes/ner.json`)");
  }
  NerModel m;
  if (!in.String(&m.metadata) || !LabelSet::Load(in, &m.types)) return false;
  if (m.types.size() > kMaxTypes) return in.Fail("too many entity types");
  if (!learn::WordClusters::Load(in, &m.clusters)) return false;
  uint32_t phrases = 0;
  if (!in.U32(&phrases)) return false;
  if (phrases > (1u << 24)) return in.Fail("gazetteer of " + std::to_string(phrases) + " phrases is implausible");
  m.gazetteer.phrases.reserve(phrases);
  for (uint32_t p = 0; p < phrases; ++p) {
    uint64_t key = 0;
    uint16_t bits = 0;
    if (!in.U64(&key) || !in.U16(&bits)) return false;
    if (bits == 0 || bits >> Gazetteer::kNumCategories) return in.Fail("bad gazetteer categories");
    m.gazetteer.phrases.emplace(key, bits);
  }
  if (!learn::Perceptron::Load(in, &m.weights)) return false;
  uint8_t has_stacked = 0;
  if (!in.U8(&has_stacked)) return false;
  if (has_stacked > 1) return in.Fail("bad stacked-pass flag");
  if (has_stacked && !learn::Perceptron::Load(in, &m.stacked)) return false;
  if (m.weights.num_classes() != m.num_labels() || (has_stacked && m.stacked.num_classes() != m.num_labels())) {
    return in.Fail("perceptron classes do not match the entity types");
  }
  *out = std::move(m);
  return true;
}

Result<EntityRecognizer> EntityRecognizer::Load(const std::string& path) {
  auto model = learn::LoadModel<NerModel>(path, kNerModelKind);
  if (!model.ok()) return model.status();
  return EntityRecognizer(std::move(model).value());
}

std::string EntityRecognizer::DefaultPath() { return ModelsDir() + "/ner/en-conll.cgm"; }

Status EntityRecognizer::Save(const std::string& path) const { return learn::SaveModel(path, kNerModelKind, *model_); }

const std::string& EntityRecognizer::metadata() const { return model_->metadata; }
size_t EntityRecognizer::num_weights() const { return model_->weights.num_weights() + model_->stacked.num_weights(); }

EntityRecognizer::EntityRecognizer(std::shared_ptr<const NerModel> model)
    : model_(std::move(model)), id_(NextTaggerModelId()) {
  const learn::Perceptron* parts[] = {&model_->weights, &model_->stacked};
  weights_ = std::make_shared<const JointWeights>(parts);
}

namespace {

// Words per thread before the word cache starts over: about 15 MB for the POS
// tagger and 8 MB for the recogniser, and over 90% of the tokens of news.
constexpr size_t kWordCacheLimit = 30000;

// DecodeDocument for the runtime: `statics` holds each token's (in document order)
// static-feature scores for every pass, so a decision scores only its own few
// label-dependent features with pass `part`.
void DecodePass(const NerModel& m, const JointWeights& w, int part, const std::vector<float>& statics, NerDocument& doc,
                std::vector<std::vector<int>>* labels) {
  thread_local FeatureBuffer features;
  thread_local std::vector<float> scores, stacked;
  thread_local std::vector<uint32_t> rows;
  const int n = m.num_labels(), total = w.total_classes();
  scores.resize(n);
  labels->resize(doc.sentences.size());
  const bool second = !doc.first.empty();
  if (second) {
    // The stacked pass's own features depend on the first pass only: score them all at once.
    features.clear();
    rows.clear();
    uint32_t token = 0;
    for (size_t s = 0; s < doc.sentences.size(); ++s)
      for (size_t i = 0; i < doc.sentences[s].tokens.size(); ++i, ++token) {
        size_t before = features.size();
        StackedFeatures(doc, s, i, &features);
        assert(features.size() > before);  // every row is named, so zeroed
        (void)before;
        rows.resize(features.size(), token);
      }
    stacked.resize(size_t{token} * n);
    w.ScoreRows(features.keys(), rows, part, stacked.data());
  }
  size_t token = 0;
  for (size_t s = 0; s < doc.sentences.size(); ++s) {
    const auto& sent = doc.sentences[s];
    auto& out = (*labels)[s];
    out.assign(sent.tokens.size(), 0);
    for (size_t i = 0; i < sent.tokens.size(); ++i, ++token) {
      features.clear();
      NerDecisionFeatures(doc, s, i, out, &features);
      w.ScorePart(features.keys(), part, scores.data());
      const float* here = &statics[token * total + w.offset(part)];
      for (int l = 0; l < n; ++l) scores[l] += here[l];
      if (second)
        for (int l = 0; l < n; ++l) scores[l] += stacked[token * n + l];
      int previous = i ? out[i - 1] : -1;
      int best = -1;
      for (int l = 0; l < n; ++l)
        if (BilouAllowed(previous, l) && (best < 0 || scores[l] > scores[best])) best = l;
      out[i] = best;
      const NerToken& t = sent.tokens[i];
      if (t.init_upper) {
        auto& h = doc.history[t.norm];
        int type = TypeOf(best);
        if (h[type + 1] < 65535) ++h[type + 1];
      }
    }
  }
}

}  // namespace

std::vector<std::vector<std::string>> EntityRecognizer::LabelSentences(
    const std::vector<std::vector<std::string_view>>& sentences) const {
  const NerModel& m = *model_;
  const JointWeights& w = *weights_;
  thread_local NerDocument doc;
  thread_local std::vector<float> statics;
  thread_local FeatureBuffer features;
  // Per thread and model: each word's facts and the scores of its word features.
  struct CachedWord {
    NerToken token;
    std::vector<float> scores;
  };
  thread_local uint64_t cache_model = 0;
  thread_local std::unordered_map<std::string, CachedWord, TransparentHash, std::equal_to<>> cache;
  thread_local std::vector<const float*> word_scores;
  if (cache_model != id_ || cache.size() > kWordCacheLimit) {
    cache.clear();
    cache_model = id_;
  }
  const int total = w.total_classes();
  const int levels = std::min(m.clusters.levels(), 4);
  word_scores.clear();
  PrepareNerDocumentWith(
      m, sentences, &doc,
      [&](std::string_view word, NerToken* t) {
        auto it = cache.find(word);
        if (it == cache.end()) {
          it = cache.emplace(std::string(word), CachedWord{}).first;
          CachedWord& c = it->second;
          FillNerToken(m, it->first, &c.token);
          features.clear();
          NerWordFeatures(c.token, levels, &features);
          c.scores.resize(total);
          w.ScoreAll(features.keys(), c.scores.data());
        }
        *t = it->second.token;
        t->word = word;
        word_scores.push_back(it->second.scores.data());
      },
      nullptr);
  statics.resize(word_scores.size() * total);
  thread_local std::vector<uint64_t> keys;
  thread_local std::vector<uint32_t> rows;
  keys.clear();
  rows.clear();
  uint32_t token = 0;
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    for (size_t i = 0; i < doc.sentences[s].tokens.size(); ++i, ++token) {
      features.clear();
      NerContextFeatures(doc, s, i, &features);
      if (features.size() == 0) std::fill(&statics[token * total], &statics[(token + 1) * total], 0.0f);
      keys.insert(keys.end(), features.keys().begin(), features.keys().end());
      rows.resize(keys.size(), token);
    }
  w.ScoreRows(keys, rows, -1, statics.data());
  for (size_t t = 0; t < word_scores.size(); ++t)
    for (int c = 0; c < total; ++c) statics[t * total + c] += word_scores[t][c];
  std::vector<std::vector<int>> labels;
  DecodePass(m, w, 0, statics, doc, &labels);
  if (m.stacked.num_classes() > 0) {
    SetFirstPass(&doc, std::move(labels));
    DecodePass(m, w, 1, statics, doc, &labels);
  }
  std::vector<std::vector<std::string>> out(labels.size());
  for (size_t s = 0; s < labels.size(); ++s) {
    for (int l : labels[s]) {
      Bilou part = PartOf(l);
      if (part == Bilou::kO) {
        out[s].push_back("O");
      } else {
        bool begins = part == Bilou::kB || part == Bilou::kU;
        out[s].push_back((begins ? "B-" : "I-") + m.types.name(TypeOf(l)));
      }
    }
  }
  return out;
}

std::vector<std::string> EntityRecognizer::Label(const Document& doc) const {
  std::vector<std::vector<std::string_view>> sentences;
  for (const Sentence& s : doc.sentences) {
    sentences.emplace_back();
    for (uint32_t t = s.first_token; t < s.end_token; ++t) sentences.back().push_back(doc.token_text(t));
  }
  auto labels = LabelSentences(sentences);
  std::vector<std::string> out(doc.tokens.size(), "O");
  for (size_t s = 0; s < doc.sentences.size(); ++s)
    for (uint32_t t = doc.sentences[s].first_token; t < doc.sentences[s].end_token; ++t)
      out[t] = labels[s][t - doc.sentences[s].first_token];
  return out;
}

std::vector<EntityMention> EntityRecognizer::Recognize(const Document& doc) const {
  std::vector<std::string> tags = Label(doc);
  std::vector<EntityMention> out;
  for (uint32_t t = 0; t < tags.size(); ++t) {
    if (tags[t] == "O") continue;
    std::string type = tags[t].substr(2);
    bool continues = tags[t][0] == 'I' && !out.empty() && out.back().end_token == t && out.back().type == type;
    if (continues) {
      out.back().end_token = t + 1;
    } else {
      out.push_back(EntityMention{t, t + 1, type, Span{}});
    }
  }
  for (auto& m : out) m.span = Span{doc.tokens[m.first_token].span.start, doc.tokens[m.end_token - 1].span.end};
  return out;
}

}  // namespace claimgraph::tagging
