#include "extract/claims/attribution.h"

#include <algorithm>
#include <array>

#include "core/files.h"
#include "extract/claims/attribution_features.h"
#include "learn/model_file.h"

namespace claimgraph::extract {
namespace {

// Feature template ids. Append new ones; never renumber (models store hashes of them).
enum Tmpl : uint32_t {
  kCBias = 1, kCWord, kCSuffix, kCUpos, kCXpos, kCWordXpos, kCPrevWord, kCNextWord, kCPrevBigram, kCNextBigram,
  kCPrevUpos, kCNextUpos, kCUposBigramL, kCUposBigramR, kCPrev2Word, kCNext2Word, kCPrevLabel, kCPrevLabelWord,
  kCPrevLabelUpos, kCInQuote, kCQuoteWord, kCFirst, kCNextIsQuote, kCPrevIsQuote, kCNextPunct, kCDeprel,
  kCWordDeprel, kCHeadWord, kCWordHeadUpos, kCChildRel, kCWordChildRel, kCComplementiser, kCUposChildRel,
  kCWordHeadRel, kCStem, kCStemNext, kCStemPrevUpos, kCClass1, kCClass2, kCClassXpos, kCClassNext, kCClassChildRel,

  kRBias = 100, kRDirDist, kRWord, kRUpos, kRDirUpos, kRDirWord, kRCueDir, kRCueDirUpos, kRSentOffset,
  kRSentOffsetPrev, kRPrev, kRPrevUpos, kRPrevDir, kRPrevWord, kRPrevPrev, kRCommas, kRQuotes, kRInQuote,
  kRQuoteAgree, kRPunct, kRPrevWordL, kRNextWordR, kRPrevUposL, kRNextUposR, kRPath, kRPathT, kRDeprel,
  kRDeprelKind, kRPathDir, kRCueUposDir, kRPathPrev, kRDistUposDir, kRNextWord, kRCueStemDir, kRCueStemPath, kRNer, kRNerPrev, kRCueClassDir, kRCueClassPath,
};

std::string AsciiLower(std::string_view s) {
  std::string out(s);
  for (char& ch : out)
    if (ch >= 'A' && ch <= 'Z') ch = static_cast<char>(ch - 'A' + 'a');
  return out;
}

bool OpensQuote(std::string_view q) { return q == "\u201C" || q == "``" || q == "\u00AB"; }
bool ClosesQuote(std::string_view q) { return q == "\u201D" || q == "''" || q == "\u00BB"; }

int DistanceBucket(int d) {
  if (d <= 4) return d;
  if (d <= 7) return 5;
  if (d <= 12) return 6;
  if (d <= 20) return 7;
  return 8;
}

// Shared by a verb's forms: "claims", "claimed", "claiming" -> "claim".
std::string_view Stem(std::string_view w) {
  for (std::string_view suffix : {"ing", "ed", "es", "s"})
    if (w.size() > suffix.size() + 2 && w.ends_with(suffix)) return w.substr(0, w.size() - suffix.size());
  return w;
}

bool IsPunctToken(const Document& doc, uint32_t i) {
  auto k = doc.tokens[i].kind;
  return k == TokenKind::kPunct || k == TokenKind::kQuote;
}

}  // namespace

AttributionView::AttributionView(const Document& d, const learn::WordClusters* clusters) : doc(d), parsed(d.parsed) {
  size_t n = doc.tokens.size();
  lower.reserve(n);
  for (uint32_t i = 0; i < n; ++i) lower.push_back(AsciiLower(doc.token_text(i)));
  word_class.assign(n, nullptr);
  if (clusters && clusters->levels() >= 3)
    for (uint32_t i = 0; i < n; ++i) word_class[i] = clusters->Find(lower[i]);
  sentence_of.assign(n, 0);
  for (uint32_t s = 0; s < doc.sentences.size(); ++s)
    for (uint32_t i = doc.sentences[s].first_token; i < doc.sentences[s].end_token && i < n; ++i) sentence_of[i] = s;
  in_quote.assign(n, 0);
  uint32_t paragraph = UINT32_MAX;
  bool open = false;
  for (uint32_t i = 0; i < n; ++i) {
    uint32_t p = doc.sentences.empty() ? 0 : doc.sentences[sentence_of[i]].paragraph;
    if (p != paragraph) open = false, paragraph = p;
    if (doc.tokens[i].kind == TokenKind::kQuote) {
      std::string_view q = doc.token_text(i);
      if (OpensQuote(q)) open = true;
      else if (ClosesQuote(q)) open = false;
      else if (q == "\"") open = !open;
      continue;
    }
    in_quote[i] = open;
  }
  if (parsed) {
    children.resize(n);
    for (uint32_t i = 0; i < n; ++i) {
      int h = doc.tokens[i].head;
      if (h >= 0 && static_cast<size_t>(h) < n) children[h].push_back(i);
    }
  }
}

std::string_view AttributionView::upos(uint32_t i) const {
  return doc.tagged ? std::string_view(doc.tokens[i].upos) : std::string_view("_");
}
std::string_view AttributionView::xpos(uint32_t i) const {
  return doc.tagged ? std::string_view(doc.tokens[i].xpos) : std::string_view("_");
}
std::string_view AttributionView::deprel(uint32_t i) const {
  return parsed ? std::string_view(doc.tokens[i].deprel) : std::string_view("_");
}

TokenRange AttributionView::RoleWindow(uint32_t s) const {
  const auto& ss = doc.sentences;
  uint32_t first = s, last = s;
  if (s > 0 && ss[s - 1].paragraph == ss[s].paragraph) first = s - 1;
  if (s + 1 < ss.size() && ss[s + 1].paragraph == ss[s].paragraph) last = s + 1;
  return {ss[first].first_token, ss[last].end_token};
}

std::string AttributionView::WordClass(uint32_t i, int level) const {
  return word_class[i] ? std::to_string(word_class[i][level]) : std::string("-");
}

uint32_t AttributionView::HeadOf(TokenRange r) const {
  if (parsed)
    for (uint32_t i = r.first; i < r.end; ++i) {
      int h = doc.tokens[i].head;
      if (h < 0 || static_cast<uint32_t>(h) < r.first || static_cast<uint32_t>(h) >= r.end) return i;
    }
  // unparsed: the first verb, else the first token
  for (uint32_t i = r.first; i < r.end; ++i)
    if (upos(i) == "VERB") return i;
  return r.first;
}

void CueFeatures(const AttributionView& v, uint32_t i, int prev, learn::FeatureBuffer& f) {
  const Document& doc = v.doc;
  const auto& sent = doc.sentences[v.sentence_of[i]];
  auto word = [&](int64_t j) -> std::string_view {
    if (j < static_cast<int64_t>(sent.first_token)) return "<s>";
    if (j >= static_cast<int64_t>(sent.end_token)) return "</s>";
    return v.lower[j];
  };
  auto upos = [&](int64_t j) -> std::string_view {
    if (j < static_cast<int64_t>(sent.first_token)) return "<s>";
    if (j >= static_cast<int64_t>(sent.end_token)) return "</s>";
    return v.upos(static_cast<uint32_t>(j));
  };
  std::string_view w = v.lower[i];
  int64_t j = i;
  f.AddInt(kCBias, 0);
  f.Add(kCWord, w);
  f.Add(kCSuffix, w.size() > 3 ? w.substr(w.size() - 3) : w);
  f.Add(kCUpos, upos(j));
  f.Add(kCXpos, v.xpos(i));
  f.Add(kCWordXpos, w, v.xpos(i));
  f.Add(kCPrevWord, word(j - 1));
  f.Add(kCNextWord, word(j + 1));
  f.Add(kCPrevBigram, word(j - 1), w);
  f.Add(kCNextBigram, w, word(j + 1));
  f.Add(kCPrevUpos, upos(j - 1));
  f.Add(kCNextUpos, upos(j + 1));
  f.Add(kCUposBigramL, upos(j - 1), upos(j));
  f.Add(kCUposBigramR, upos(j), upos(j + 1));
  f.Add(kCPrev2Word, word(j - 2));
  f.Add(kCNext2Word, word(j + 2));
  f.AddInt(kCPrevLabel, prev);
  f.Add(kCPrevLabelWord, std::to_string(prev), w);
  f.Add(kCPrevLabelUpos, std::to_string(prev), upos(j));
  std::string class1 = v.WordClass(i, 1), class2 = v.WordClass(i, 2);
  f.Add(kCClass1, class1);
  f.Add(kCClass2, class2);
  f.Add(kCClassXpos, class2, v.xpos(i));
  f.Add(kCClassNext, class1, word(j + 1));
  f.Add(kCStem, Stem(w));
  f.Add(kCStemNext, Stem(w), word(j + 1));
  f.Add(kCStemPrevUpos, Stem(w), upos(j - 1));
  f.AddInt(kCInQuote, v.in_quote[i]);
  f.Add(kCQuoteWord, v.in_quote[i] ? "q" : "-", w);
  f.AddInt(kCFirst, i == sent.first_token);
  bool next_quote = i + 1 < sent.end_token && doc.tokens[i + 1].kind == TokenKind::kQuote;
  bool prev_quote = i > sent.first_token && doc.tokens[i - 1].kind == TokenKind::kQuote;
  f.Add(kCNextIsQuote, next_quote ? "q" : "-", w);
  f.Add(kCPrevIsQuote, prev_quote ? "q" : "-", w);
  if (i + 1 < sent.end_token && IsPunctToken(doc, i + 1)) f.Add(kCNextPunct, w, v.lower[i + 1]);
  if (!v.parsed) return;
  std::string_view rel = v.deprel(i);
  f.Add(kCDeprel, rel);
  f.Add(kCWordDeprel, w, rel);
  int h = doc.tokens[i].head;
  f.Add(kCHeadWord, h >= 0 ? std::string_view(v.lower[h]) : "<root>");
  f.Add(kCWordHeadUpos, w, h >= 0 ? v.upos(h) : "<root>");
  if (h >= 0) f.Add(kCWordHeadRel, v.lower[h], rel);
  for (uint32_t c : v.children[i]) {
    std::string_view cr = v.deprel(c);
    f.Add(kCChildRel, cr);
    f.Add(kCWordChildRel, w, cr);
    f.Add(kCUposChildRel, upos(j), cr);
    f.Add(kCClassChildRel, class1, cr);
    if (cr == "ccomp" || cr == "parataxis")
      for (uint32_t g : v.children[c])
        if (v.deprel(g) == "mark") f.Add(kCComplementiser, w, v.lower[g]);
  }
}

CueContext MakeCueContext(const AttributionView& v, TokenRange cue) {
  CueContext c;
  c.cue = cue;
  c.head = v.HeadOf(cue);
  for (uint32_t i = cue.first; i < cue.end && i < cue.first + 4; ++i) {
    if (!c.key.empty()) c.key += ' ';
    c.key += v.lower[i];
  }
  if (v.parsed) {
    for (int h = static_cast<int>(c.head); h >= 0 && c.path.size() < 64; h = v.doc.tokens[h].head)
      c.path.push_back(static_cast<uint32_t>(h));
  }
  return c;
}

void RoleFeatures(const AttributionView& v, const CueContext& cue, uint32_t t, int prev, int prev2,
                  learn::FeatureBuffer& f) {
  const Document& doc = v.doc;
  bool left = t < cue.cue.first;
  std::string_view dir = left ? "L" : "R";
  int dist = left ? static_cast<int>(cue.cue.first - t) : static_cast<int>(t - cue.cue.end + 1);
  int bucket = DistanceBucket(dist);
  std::string_view w = v.lower[t];
  std::string_view up = v.upos(t);
  std::string p = std::to_string(prev);
  f.Add(kRBias, dir);
  f.Add(kRDirDist, dir, std::to_string(bucket));
  f.Add(kRWord, w);
  f.Add(kRUpos, up);
  f.Add(kRDirUpos, dir, up);
  f.Add(kRDirWord, dir, w);
  f.Add(kRCueDir, cue.key, dir);
  f.Add(kRCueDirUpos, cue.key, std::string(dir) + std::string(up));
  f.Add(kRCueUposDir, v.upos(cue.head), dir);
  f.Add(kRCueStemDir, Stem(v.lower[cue.head]), std::string(dir) + std::string(up));
  f.Add(kRCueClassDir, v.WordClass(cue.head, 1), std::string(dir) + std::string(up));
  f.Add(kRDistUposDir, std::string(dir) + std::to_string(bucket), up);
  int offset = static_cast<int>(v.sentence_of[t]) - static_cast<int>(v.sentence_of[cue.head]);
  f.AddInt(kRSentOffset, offset);
  f.Add(kRSentOffsetPrev, std::to_string(offset), p);
  f.AddInt(kRPrev, prev);
  f.Add(kRPrevUpos, p, up);
  f.Add(kRPrevDir, p, dir);
  f.Add(kRPrevWord, p, w);
  f.Add(kRPrevPrev, p, std::to_string(prev2));
  int commas = 0, quotes = 0;
  uint32_t a = left ? t + 1 : cue.cue.end, b = left ? cue.cue.first : t;
  for (uint32_t i = a; i < b; ++i) {
    if (v.lower[i] == "," || v.lower[i] == ";" || v.lower[i] == ":") ++commas;
    if (doc.tokens[i].kind == TokenKind::kQuote) ++quotes;
  }
  f.Add(kRCommas, dir, std::to_string(std::min(commas, 3)));
  f.Add(kRQuotes, dir, std::to_string(std::min(quotes, 2)));
  f.Add(kRInQuote, dir, v.in_quote[t] ? "q" : "-");
  f.AddInt(kRQuoteAgree, (v.in_quote[t] ? 2 : 0) + (v.in_quote[cue.head] ? 1 : 0));
  if (IsPunctToken(doc, t)) f.Add(kRPunct, p, w);
  f.Add(kRPrevWordL, dir, t > 0 ? std::string_view(v.lower[t - 1]) : "<s>");
  f.Add(kRNextWord, dir, t + 1 < doc.tokens.size() ? std::string_view(v.lower[t + 1]) : "</s>");
  if (!doc.tokens[t].ner.empty()) {
    std::string_view ner = doc.tokens[t].ner;
    f.Add(kRNer, dir, ner);
    f.Add(kRNerPrev, ner, p);
  }
  f.Add(kRPrevUposL, dir, t > 0 ? v.upos(t - 1) : "<s>");
  f.Add(kRNextUposR, dir, t + 1 < doc.tokens.size() ? v.upos(t + 1) : "</s>");
  if (!v.parsed) return;
  // Path between t and the cue head through their lowest common ancestor.
  std::string_view t_side = "-", h_side = "-", kind = "none";
  uint32_t prev_node = t;
  bool found = false;
  for (int x = static_cast<int>(t), steps = 0; x >= 0 && steps < 64; x = doc.tokens[x].head, ++steps) {
    auto it = std::find(cue.path.begin(), cue.path.end(), static_cast<uint32_t>(x));
    if (it != cue.path.end()) {
      found = true;
      size_t k = it - cue.path.begin();
      if (k == 0) kind = static_cast<uint32_t>(x) == t ? "self" : "under";
      else if (static_cast<uint32_t>(x) == t) kind = "above";
      else kind = "sibling";
      if (static_cast<uint32_t>(x) != t) t_side = v.deprel(prev_node);
      if (k > 0) h_side = v.deprel(cue.path[k - 1]);
      break;
    }
    prev_node = static_cast<uint32_t>(x);
  }
  if (!found) kind = "apart";
  std::string path = std::string(kind) + ":" + std::string(t_side) + ":" + std::string(h_side);
  f.Add(kRPath, path);
  f.Add(kRPathT, kind, t_side);
  f.Add(kRPathDir, path, dir);
  f.Add(kRPathPrev, path, p);
  f.Add(kRCueStemPath, Stem(v.lower[cue.head]), path);
  f.Add(kRCueClassPath, v.WordClass(cue.head, 1), path);
  f.Add(kRDeprel, v.deprel(t));
  f.Add(kRDeprelKind, kind, v.deprel(t));
}

bool CueLabelAllowed(int label, int prev) { return label != kCueInside || prev != kCueOut; }

bool RoleLabelAllowed(int label, int prev) {
  if (label == kSourceInside) return prev == kSourceBegin || prev == kSourceInside;
  if (label == kContentInside) return prev == kContentBegin || prev == kContentInside;
  return true;
}

int BestAllowed(const float* scores, int n, int prev, bool (*allowed)(int, int)) {
  int best = 0;
  float best_score = -1e30f;
  for (int c = 0; c < n; ++c)
    if (allowed(c, prev) && scores[c] > best_score) best = c, best_score = scores[c];
  return best;
}

FoundAttribution DecodeRoles(const AttributionView& v, const CueContext& cue, TokenRange window,
                             const std::vector<int>& labels) {
  FoundAttribution out;
  out.cue = cue.cue;
  out.cue_head = cue.head;
  out.sentence = v.sentence_of[cue.head];
  std::vector<TokenRange> sources;
  for (uint32_t i = window.first; i < window.end; ++i) {
    int l = labels[i - window.first];
    if (l == kSourceBegin) sources.push_back({i, i + 1});
    else if (l == kSourceInside && !sources.empty() && sources.back().end == i) sources.back().end = i + 1;
    else if (l == kContentBegin || l == kContentInside) {
      // runs of content, bridging single punctuation tokens
      if (!out.content.empty() && out.content.back().end + 1 >= i && !(cue.cue.first >= out.content.back().end && cue.cue.first < i))
        out.content.back().end = i + 1;
      else
        out.content.push_back({i, i + 1});
    }
  }
  auto distance = [&](TokenRange r) {
    return r.end <= cue.cue.first ? cue.cue.first - r.end : r.first >= cue.cue.end ? r.first - cue.cue.end : 0;
  };
  if (!sources.empty())
    out.source = *std::min_element(sources.begin(), sources.end(),
                                   [&](TokenRange a, TokenRange b) { return distance(a) < distance(b); });
  // trim punctuation at content edges
  std::vector<TokenRange> pieces;
  for (TokenRange r : out.content) {
    while (r.first < r.end && IsPunctToken(v.doc, r.first) && v.doc.tokens[r.first].kind != TokenKind::kQuote) ++r.first;
    while (r.end > r.first && IsPunctToken(v.doc, r.end - 1) && v.doc.tokens[r.end - 1].kind != TokenKind::kQuote) --r.end;
    if (!r.empty()) pieces.push_back(r);
  }
  out.content = std::move(pieces);
  return out;
}

namespace {

// The tokens a node dominates, as one range (trees from the parser are almost always
// projective over a subject).
TokenRange Projection(const AttributionView& v, uint32_t node) {
  TokenRange r{node, node + 1};
  std::vector<uint32_t> stack{node};
  while (!stack.empty()) {
    uint32_t x = stack.back();
    stack.pop_back();
    r.first = std::min(r.first, x), r.end = std::max(r.end, x + 1);
    for (uint32_t c : v.children[x]) stack.push_back(c);
  }
  return r;
}

bool IsSubjectRelation(std::string_view rel) {
  return rel == "nsubj" || rel == "csubj" || rel.starts_with("nsubj:") || rel.starts_with("csubj:");
}

}  // namespace

std::optional<TokenRange> SubjectFromTree(const AttributionView& v, const CueContext& cue) {
  if (!v.parsed) return std::nullopt;
  const Document& doc = v.doc;
  uint32_t node = cue.head;
  // the cue's own subject, else the subject of the verb it hangs from ("X is telling ...
  // and says", "X tried to make the case", "X, saying ...")
  for (int depth = 0; depth < 4; ++depth) {
    for (uint32_t c : v.children[node]) {
      std::string_view rel = v.deprel(c);
      if (IsSubjectRelation(rel) && rel != "nsubj:pass" && rel != "csubj:pass") {
        TokenRange r = Projection(v, c);
        if (r.end <= cue.cue.first || r.first >= cue.cue.end) return r;
      }
    }
    int h = doc.tokens[node].head;
    if (h < 0) return std::nullopt;
    std::string_view rel = v.deprel(node);
    if (rel == "acl" || rel.starts_with("acl:")) {  // "Clinton, saying ..." : the noun speaks
      if (rel == "acl:relcl") return std::nullopt;  // "the policy Trump announced": the relative's own subject
      TokenRange r{static_cast<uint32_t>(h), static_cast<uint32_t>(h) + 1};
      for (uint32_t c : v.children[h]) {
        std::string_view cr = v.deprel(c);
        if (c < static_cast<uint32_t>(h) && (cr == "compound" || cr == "amod" || cr == "det" || cr == "flat" ||
                                             cr == "nmod:poss"))
          r.first = std::min(r.first, Projection(v, c).first);
      }
      return r;
    }
    // controlled and shared subjects: "tried to make the case", "is telling ... and says",
    // "said ..., adding that" (a participle without a subordinator of its own)
    bool shares_subject = rel == "xcomp" || rel == "conj";
    if (rel == "advcl" && v.xpos(node) == "VBG") {
      shares_subject = true;
      for (uint32_t c : v.children[node])
        if (v.deprel(c) == "mark") shares_subject = false;
    }
    if (!shares_subject) return std::nullopt;
    node = static_cast<uint32_t>(h);
  }
  return std::nullopt;
}

bool IsAgentlessPassiveSubjectContent(const AttributionView& v, const CueContext& cue, const FoundAttribution& f) {
  if (!v.parsed || f.content.size() != 1) return false;
  bool agent = false;
  int subject = -1;
  for (uint32_t c : v.children[cue.head]) {
    std::string_view rel = v.deprel(c);
    if (rel == "obl:agent") agent = true;
    if (rel == "nsubj:pass") subject = static_cast<int>(c);
  }
  if (agent || subject < 0) return false;
  TokenRange r = f.content[0];
  return r.first <= static_cast<uint32_t>(subject) && static_cast<uint32_t>(subject) < r.end && r.end <= cue.cue.first;
}

void ClipAtOtherCues(std::vector<FoundAttribution>& found) {
  for (auto& f : found) {
    std::vector<TokenRange> pieces;
    for (TokenRange piece : f.content) {
      for (const auto& other : found) {
        if (&other == &f || other.cue.first < piece.first || other.cue.end > piece.end) continue;
        // keep the side of the other cue that faces this relation's cue
        if (other.cue.first >= f.cue.end) piece.end = other.cue.first;
        else piece.first = other.cue.end;
      }
      if (!piece.empty()) pieces.push_back(piece);
    }
    f.content = std::move(pieces);
  }
  std::erase_if(found, [](const FoundAttribution& f) { return f.content.empty(); });
}

void AttributionWeights::Save(learn::ByteWriter& out) const {
  out.U32(kFeatureVersion);
  out.String(metadata);
  cue.Save(out);
  role.Save(out);
  clusters.Save(out);
}

bool AttributionWeights::Load(learn::ByteReader& in, AttributionWeights* out) {
  uint32_t version = 0;
  if (!in.U32(&version)) return false;
  if (version != kFeatureVersion)
    return in.Fail("attribution features version " + std::to_string(version) + ", this build reads " +
                   std::to_string(kFeatureVersion) + ": retrain with `claimgraph train attribution`");
  if (!in.String(&out->metadata, 1 << 20)) return false;
  if (!learn::Perceptron::Load(in, &out->cue) || !learn::Perceptron::Load(in, &out->role)) return false;
  if (!learn::WordClusters::Load(in, &out->clusters)) return false;
  if (out->cue.num_classes() != kNumCueLabels) return in.Fail("cue tagger has the wrong number of labels");
  if (out->role.num_classes() != kNumRoleLabels) return in.Fail("role tagger has the wrong number of labels");
  return true;
}

Result<AttributionModel> AttributionModel::Load(const std::string& path) {
  auto weights = learn::LoadModel<AttributionWeights>(path, kAttributionModelKind);
  if (!weights.ok()) return weights.status();
  return AttributionModel(*weights);
}

std::string AttributionModel::DefaultPath() { return ModelsDir() + "/claims/attribution.cgm"; }

Status AttributionModel::Save(const std::string& path) const {
  return learn::SaveModel(path, kAttributionModelKind, *weights_);
}

const std::string& AttributionModel::metadata() const { return weights_->metadata; }

std::vector<FoundAttribution> AttributionModel::Find(const Document& doc) const {
  std::vector<FoundAttribution> out;
  if (doc.tokens.empty() || doc.sentences.empty()) return out;
  AttributionView v(doc, &weights_->clusters);
  learn::FeatureBuffer f;
  std::array<float, kNumRoleLabels> scores{};
  // 1. cues
  std::vector<TokenRange> cues;
  for (const auto& s : doc.sentences) {
    int prev = kCueOut;
    for (uint32_t i = s.first_token; i < s.end_token; ++i) {
      f.clear();
      CueFeatures(v, i, prev, f);
      weights_->cue.Score(f.keys(), std::span<float>(scores.data(), kNumCueLabels));
      int l = BestAllowed(scores.data(), kNumCueLabels, prev, CueLabelAllowed);
      if (l == kCueBegin) cues.push_back({i, i + 1});
      else if (l == kCueInside && !cues.empty() && cues.back().end == i) cues.back().end = i + 1;
      prev = l;
    }
  }
  // 2. roles per cue
  std::vector<int> labels;
  for (TokenRange cue_range : cues) {
    CueContext cue = MakeCueContext(v, cue_range);
    TokenRange window = v.RoleWindow(v.sentence_of[cue.head]);
    labels.assign(window.end - window.first, kRoleOut);
    int prev = kRoleOut, prev2 = kRoleOut;
    for (uint32_t t = window.first; t < window.end; ++t) {
      if (t >= cue_range.first && t < cue_range.end) {
        prev2 = prev, prev = kRoleOut;
        continue;
      }
      f.clear();
      RoleFeatures(v, cue, t, prev, prev2, f);
      weights_->role.Score(f.keys(), std::span<float>(scores.data(), kNumRoleLabels));
      int l = BestAllowed(scores.data(), kNumRoleLabels, prev, RoleLabelAllowed);
      labels[t - window.first] = l;
      prev2 = prev, prev = l;
    }
    FoundAttribution found = DecodeRoles(v, cue, window, labels);
    if (IsAgentlessPassiveSubjectContent(v, cue, found)) continue;
    if (!found.source) found.source = SubjectFromTree(v, cue);
    if (!found.content.empty()) out.push_back(std::move(found));
  }
  ClipAtOtherCues(out);
  return out;
}

}  // namespace claimgraph::extract
