#include "tagging/entity_recognizer.h"

#include <algorithm>

#include "core/files.h"
#include "core/utf8.h"
#include "learn/model_file.h"
#include "tagging/ner_model.h"
#include "tagging/word_features.h"

namespace claimgraph::tagging {

using learn::FeatureBuffer;
using learn::FeatureKey;
using learn::HashCombine;

namespace {

enum Template : uint32_t {
  kBias = 1, kNorm, kWord, kPrefix, kSuffix = kPrefix + 5, kShape = kSuffix + 5, kShortShape,
  kPrev1, kPrev2, kNext1, kNext2, kBigramPrev, kBigramNext, kShortPrev, kShortNext, kShortPrevHere, kShortHereNext,
  kCluster, kClusterPrev = kCluster + 4, kClusterNext = kClusterPrev + 4, kClusterPrev2 = kClusterNext + 4,
  kClusterNext2 = kClusterPrev2 + 4, kPosition = kClusterNext2 + 4, kCapsSentence,
  kLabel1 = 100, kLabel2, kLabel1Word, kLabel1Shape, kHistType, kHistTop, kLowerElsewhere, kCapitalisedElsewhere,
  kNoHistory, kLabel1Cluster
};

const NerToken* At(const NerSentence& s, long i) {
  return i < 0 || i >= static_cast<long>(s.tokens.size()) ? nullptr : &s.tokens[i];
}
std::string_view NormAt(const NerSentence& s, long i) {
  if (i < 0) return "<s>";
  if (i >= static_cast<long>(s.tokens.size())) return "</s>";
  return s.tokens[i].norm;
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

void PrepareNerDocument(const NerModel& model, const std::vector<std::vector<std::string_view>>& sentences,
                        NerDocument* doc) {
  doc->sentences.assign(sentences.size(), {});
  doc->lower_forms.clear();
  doc->mid_capitalised.clear();
  doc->history.clear();
  for (size_t s = 0; s < sentences.size(); ++s) {
    NerSentence& out = doc->sentences[s];
    out.tokens.resize(sentences[s].size());
    size_t lettered = 0, capitals = 0;
    for (size_t i = 0; i < sentences[s].size(); ++i) {
      NerToken& t = out.tokens[i];
      t.word = sentences[s][i];
      t.norm = NormalisedLower(t.word);
      t.shape = WordShape(t.word);
      t.short_shape = ShortShape(t.word);
      t.clusters = model.clusters.levels() >= 3 ? FindClusters(model.clusters, t.word) : nullptr;
      t.has_letter = HasLetter(t.word);
      t.init_upper = InitialUpper(t.word);
      t.all_upper = AllUpper(t.word);
      lettered += t.has_letter;
      capitals += t.all_upper;
    }
    out.all_caps = lettered >= 2 && capitals * 10 >= lettered * 8;
    for (size_t i = 0; i < out.tokens.size(); ++i) {
      const NerToken& t = out.tokens[i];
      if (!t.has_letter) continue;
      if (!t.init_upper) doc->lower_forms.insert(t.norm);
      if (i > 0 && t.init_upper && !out.all_caps && !t.all_upper) doc->mid_capitalised.insert(t.norm);
    }
  }
}

void NerFeatures(const NerDocument& doc, size_t sentence, size_t i, std::span<const int> labels, FeatureBuffer* f) {
  f->clear();
  const NerSentence& s = doc.sentences[sentence];
  const NerToken& t = s.tokens[i];
  long k = static_cast<long>(i);
  f->AddInt(kBias, 0);
  f->Add(kNorm, t.norm);
  f->Add(kWord, t.word);
  for (int n = 1; n <= 4; ++n) {
    f->Add(kPrefix + n, Prefix(t.norm, n));
    f->Add(kSuffix + n, Suffix(t.norm, n));
  }
  f->Add(kShape, t.shape);
  f->Add(kShortShape, t.short_shape);
  f->Add(kPrev1, NormAt(s, k - 1));
  f->Add(kPrev2, NormAt(s, k - 2));
  f->Add(kNext1, NormAt(s, k + 1));
  f->Add(kNext2, NormAt(s, k + 2));
  f->Add(kBigramPrev, NormAt(s, k - 1), t.norm);
  f->Add(kBigramNext, t.norm, NormAt(s, k + 1));
  f->Add(kShortPrev, ShortAt(s, k - 1));
  f->Add(kShortNext, ShortAt(s, k + 1));
  f->Add(kShortPrevHere, ShortAt(s, k - 1), t.short_shape);
  f->Add(kShortHereNext, t.short_shape, ShortAt(s, k + 1));
  auto clusters = [&](uint32_t tmpl, long j, int levels) {
    const NerToken* o = At(s, j);
    if (!o) return;
    if (!o->clusters) {
      f->AddInt(tmpl + 3, 0);
      return;
    }
    for (int l = 0; l < levels; ++l) f->AddInt(tmpl + l, o->clusters[l]);
  };
  clusters(kCluster, k, 3);
  clusters(kClusterPrev, k - 1, 3);
  clusters(kClusterNext, k + 1, 3);
  clusters(kClusterPrev2, k - 2, 2);
  clusters(kClusterNext2, k + 2, 2);
  f->Add(kPosition, i == 0 ? "first" : "inside", t.short_shape);
  f->Add(kCapsSentence, s.all_caps ? "caps" : "mixed", t.short_shape);

  int l1 = i ? labels[i - 1] : -1, l2 = i > 1 ? labels[i - 2] : -1;
  f->AddInt(kLabel1, l1);
  f->AddKey(HashCombine(FeatureKey(kLabel2, l1), static_cast<uint64_t>(l2)));
  f->AddKey(HashCombine(FeatureKey(kLabel1Word, t.norm), static_cast<uint64_t>(l1)));
  f->AddKey(HashCombine(FeatureKey(kLabel1Shape, t.short_shape), static_cast<uint64_t>(l1)));
  if (t.clusters) f->AddKey(HashCombine(FeatureKey(kLabel1Cluster, int64_t(t.clusters[1])), static_cast<uint64_t>(l1)));

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
    bool lower = doc.lower_forms.count(t.norm) > 0;
    bool capitalised = doc.mid_capitalised.count(t.norm) > 0;
    f->AddInt(kLowerElsewhere, (lower ? 1 : 0) | (capitalised ? 2 : 0) | (i == 0 ? 4 : 0) | (s.all_caps ? 8 : 0));
  }
}

// Payload: u32 feature version, metadata, entity types, word clusters, perceptron.
void NerModel::Save(learn::ByteWriter& out) const {
  out.U32(kFeatureVersion);
  out.String(metadata);
  types.Save(out);
  clusters.Save(out);
  weights.Save(out);
}

bool NerModel::Load(learn::ByteReader& in, NerModel* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion) {
    return in.Fail("NER feature version " + std::to_string(version) + ", this build uses " +
                   std::to_string(kFeatureVersion) + " (retrain the model)");
  }
  NerModel m;
  if (!in.String(&m.metadata) || !LabelSet::Load(in, &m.types)) return false;
  if (m.types.size() > kMaxTypes) return in.Fail("too many entity types");
  if (!learn::WordClusters::Load(in, &m.clusters) || !learn::Perceptron::Load(in, &m.weights)) return false;
  if (m.weights.num_classes() != m.num_labels()) return in.Fail("perceptron classes do not match the entity types");
  *out = std::move(m);
  return true;
}

Result<EntityRecognizer> EntityRecognizer::Load(const std::string& path) {
  auto payload = learn::ReadModelFile(path, kNerModelKind);
  if (!payload.ok()) return payload.status();
  learn::ByteReader in(*payload, path);
  auto model = std::make_shared<NerModel>();
  NerModel::Load(in, model.get());
  if (Status s = in.Finish(); !s.ok()) return s;
  return EntityRecognizer(std::move(model));
}

std::string EntityRecognizer::DefaultPath() { return ModelsDir() + "/ner/en-conll.cgm"; }

Status EntityRecognizer::Save(const std::string& path) const {
  learn::ByteWriter out;
  model_->Save(out);
  return learn::WriteModelFile(path, kNerModelKind, out.data());
}

const std::string& EntityRecognizer::metadata() const { return model_->metadata; }
size_t EntityRecognizer::num_weights() const { return model_->weights.num_weights(); }

std::vector<std::vector<std::string>> EntityRecognizer::LabelSentences(
    const std::vector<std::vector<std::string_view>>& sentences) const {
  const NerModel& m = *model_;
  NerDocument doc;
  PrepareNerDocument(m, sentences, &doc);
  std::vector<std::vector<int>> labels;
  DecodeDocument(
      m, doc, [&](std::span<const uint64_t> f, std::span<float> s) { m.weights.Score(f, s); },
      [](std::span<const uint64_t>, size_t, size_t, int) {}, &labels);
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
