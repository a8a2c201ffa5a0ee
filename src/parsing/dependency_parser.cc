#include "parsing/dependency_parser.h"

#include <cassert>

#include "core/files.h"
#include "learn/model_file.h"
#include "parsing/parser_model.h"
#include "tagging/joint_weights.h"

namespace claimgraph::parsing {

// Payload: u32 feature version, metadata, relation labels, UPOS and XPOS label sets,
// one u8 direction mask per relation, u32 root label, word clusters, perceptron.
void ParserModel::Save(learn::ByteWriter& out) const {
  out.U32(kFeatureVersion);
  out.String(metadata);
  labels.Save(out);
  upos.Save(out);
  xpos.Save(out);
  for (uint8_t d : label_directions) out.U8(d);
  out.U32(static_cast<uint32_t>(root_label));
  clusters.Save(out);
  weights.Save(out);
}

bool ParserModel::Load(learn::ByteReader& in, ParserModel* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion) {
    return in.Fail("parser feature version " + std::to_string(version) + ", this build uses " +
                   std::to_string(kFeatureVersion) + " (retrain the model)");
  }
  ParserModel m;
  if (!in.String(&m.metadata) || !tagging::LabelSet::Load(in, &m.labels) || !tagging::LabelSet::Load(in, &m.upos) ||
      !tagging::LabelSet::Load(in, &m.xpos)) {
    return false;
  }
  m.label_directions.resize(m.labels.size());
  for (auto& d : m.label_directions) {
    if (!in.U8(&d)) return false;
    if (d > 3) return in.Fail("bad direction mask " + std::to_string(d));
  }
  uint32_t root = 0;
  if (!in.U32(&root)) return false;
  if (root >= static_cast<uint32_t>(m.labels.size()) || m.labels.name(root) != "root") {
    return in.Fail("the root label index does not name 'root'");
  }
  m.root_label = static_cast<int>(root);
  if (!learn::WordClusters::Load(in, &m.clusters) || !learn::Perceptron::Load(in, &m.weights)) return false;
  if (m.weights.num_classes() != NumTransitionClasses(m.labels.size())) {
    return in.Fail("perceptron has " + std::to_string(m.weights.num_classes()) + " classes, " +
                   std::to_string(m.labels.size()) + " relations need " +
                   std::to_string(NumTransitionClasses(m.labels.size())));
  }
  *out = std::move(m);
  return true;
}

DependencyParser::DependencyParser(std::shared_ptr<const ParserModel> model) : model_(std::move(model)) {
  // Scoring is a cache miss per feature; the joint table batches them with prefetches.
  if (model_->weights.num_classes() <= 256) {
    const learn::Perceptron* parts[] = {&model_->weights};
    table_ = std::make_shared<const tagging::JointWeights>(parts);
  }
}

Result<DependencyParser> DependencyParser::Load(const std::string& path) {
  auto model = learn::LoadModel<ParserModel>(path, kParserModelKind);
  if (!model.ok()) return model.status();
  return DependencyParser(std::move(model).value());
}

std::string DependencyParser::DefaultPath() { return ModelsDir() + "/parse/en-ewt.cgm"; }

Status DependencyParser::Save(const std::string& path) const {
  return learn::SaveModel(path, kParserModelKind, *model_);
}

const std::string& DependencyParser::metadata() const { return model_->metadata; }
size_t DependencyParser::num_weights() const { return model_->weights.num_weights(); }

void DependencyParser::ParseSentence(std::span<const std::string_view> words, std::span<const std::string_view> upos,
                                     std::span<const std::string_view> xpos, std::vector<int>* heads,
                                     std::vector<std::string>* deprels) const {
  // Per-thread scratch: parsing allocates little per word once warmed up.
  thread_local std::vector<TokenAtoms> atoms;
  thread_local ParserState state;
  thread_local learn::FeatureBuffer features;
  thread_local std::vector<float> scores;
  thread_local std::vector<int> tree_heads;
  thread_local std::vector<std::string> tree_labels;
  const ParserModel& m = *model_;
  const int n = static_cast<int>(words.size());
  PrepareAtoms(m, words, upos, xpos, &atoms);
  state.Reset(n);
  scores.resize(m.weights.num_classes());
  while (!state.Terminal()) {
    int cls;
    if (!state.CanShift() && !state.CanRight()) {
      cls = TransitionClass(Move::kLeft, m.root_label);  // the only move left
    } else if (state.stack.empty()) {
      cls = TransitionClass(Move::kShift, 0);  // likewise
    } else {
      ExtractFeatures(atoms, state, &features);
      if (table_) {
        table_->ScoreAll(features.keys(), scores.data());
      } else {
        m.weights.Score(features.keys(), scores);
      }
      cls = BestAllowed(m, state, scores);
    }
    state.Apply(MoveOf(cls), LabelOf(cls));
  }
  tree_heads.resize(n);
  tree_labels.resize(n);
  for (int i = 0; i < n; ++i) {
    tree_heads[i] = state.head[i] == n ? -1 : state.head[i];
    tree_labels[i] = m.labels.name(state.label[i]);
  }
  Deprojectivize(&tree_heads, &tree_labels);
  heads->resize(n);
  deprels->resize(n);
  for (int i = 0; i < n; ++i) {
    (*heads)[i] = tree_heads[i] + 1;
    (*deprels)[i] = tree_labels[i];
  }
}

void DependencyParser::Parse(Document& doc) const {
  std::vector<std::string_view> words, upos, xpos;
  std::vector<int> heads;
  std::vector<std::string> deprels;
  for (const Sentence& s : doc.sentences) {
    words.clear();
    upos.clear();
    xpos.clear();
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      words.push_back(doc.token_text(t));
      upos.push_back(doc.tokens[t].upos);
      xpos.push_back(doc.tokens[t].xpos);
    }
    ParseSentence(words, upos, xpos, &heads, &deprels);
    for (uint32_t t = s.first_token; t < s.end_token; ++t) {
      Token& token = doc.tokens[t];
      int h = heads[t - s.first_token];
      token.head = h == 0 ? -1 : static_cast<int32_t>(s.first_token) + h - 1;
      token.deprel = std::move(deprels[t - s.first_token]);
    }
  }
  doc.parsed = true;
}

}  // namespace claimgraph::parsing
