#include <algorithm>
#include <cassert>
#include <limits>

#include "core/utf8.h"
#include "parsing/parser_model.h"
#include "tagging/word_features.h"

namespace claimgraph::parsing {

using learn::HashBytes;
using learn::HashCombine;
using learn::Mix64;

namespace {

constexpr uint64_t kNone = 1, kRootAtom = 2, kUnknown = 3;

uint64_t TagAtom(const tagging::LabelSet& set, std::span<const std::string_view> tags, size_t i) {
  if (tags.empty()) return kUnknown;
  int id = set.Find(tags[i]);
  return id < 0 ? kUnknown : static_cast<uint64_t>(id) + 4;
}

inline uint64_t NonZero(uint64_t k) { return k ? k : 1; }
inline uint64_t Key(uint32_t t, uint64_t a) { return NonZero(HashCombine(Mix64(t + 0x5100), a)); }
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b) {
  return NonZero(HashCombine(HashCombine(Mix64(t + 0x5100), a), b));
}
inline uint64_t Key(uint32_t t, uint64_t a, uint64_t b, uint64_t c) {
  return NonZero(HashCombine(HashCombine(HashCombine(Mix64(t + 0x5100), a), b), c));
}

int DistanceBucket(int d) {
  if (d <= 4) return d;
  if (d <= 7) return 5;
  if (d <= 11) return 6;
  return 7;
}

}  // namespace

void PrepareAtoms(const ParserModel& model, std::span<const std::string_view> words,
                  std::span<const std::string_view> upos, std::span<const std::string_view> xpos,
                  std::vector<TokenAtoms>* out) {
  const size_t n = words.size();
  assert(upos.empty() || upos.size() == n);
  assert(xpos.empty() || xpos.size() == n);
  out->assign(n + 1, TokenAtoms{});
  int levels = model.clusters.levels();
  for (size_t i = 0; i < n; ++i) {
    TokenAtoms& a = (*out)[i];
    std::string lower = tagging::NormalisedLower(words[i]);
    a.word = NonZero(HashBytes(lower, 11));
    a.suffix = NonZero(HashBytes(tagging::Suffix(lower, 3), 12));
    a.shape = NonZero(HashBytes(tagging::ShortShape(words[i]), 13));
    a.upos = TagAtom(model.upos, upos, i);
    a.xpos = TagAtom(model.xpos, xpos, i);
    const uint16_t* c = levels > 0 ? tagging::FindClusters(model.clusters, words[i]) : nullptr;
    a.cluster_small = c ? c[0] + 4u : kUnknown;
    a.cluster_large = c ? c[levels - 1] + 4u : kUnknown;
    std::string_view u = upos.empty() ? std::string_view() : upos[i];
    a.punct = u == "PUNCT";
    a.verb = u == "VERB" || u == "AUX";
  }
  TokenAtoms& root = (*out)[n];
  root.word = root.suffix = root.shape = root.upos = root.xpos = root.cluster_small = root.cluster_large = kRootAtom;
}

void ExtractFeatures(const std::vector<TokenAtoms>& atoms, const ParserState& s, learn::FeatureBuffer* f) {
  f->clear();
  static const TokenAtoms none{kNone, kNone, kNone, kNone, kNone, kNone, kNone, false, false};
  const int n = s.n;
  auto at = [&](int i) -> const TokenAtoms& { return i < 0 || i > n ? none : atoms[i]; };
  const int s0 = s.S(0), s1 = s.S(1), s2 = s.S(2);
  const int b0 = s.b, b1 = s.b + 1 <= n ? s.b + 1 : -1, b2 = s.b + 2 <= n ? s.b + 2 : -1,
            b3 = s.b + 3 <= n ? s.b + 3 : -1;
  auto child = [&](const std::vector<int>& v, int i) { return i < 0 ? -1 : v[i]; };
  const int s0l1 = child(s.left1, s0), s0l2 = child(s.left2, s0), s0r1 = child(s.right1, s0),
            s0r2 = child(s.right2, s0);
  const int s1l1 = child(s.left1, s1), s1r1 = child(s.right1, s1), s1r2 = child(s.right2, s1);
  const int b0l1 = child(s.left1, b0), b0l2 = child(s.left2, b0);
  auto lab = [&](int i) -> uint64_t { return i < 0 ? kNone : i >= n ? kRootAtom : static_cast<uint64_t>(s.label[i]) + 4; };

  const TokenAtoms &S0 = at(s0), &S1 = at(s1), &S2 = at(s2), &B0 = at(b0), &B1 = at(b1), &B2 = at(b2), &B3 = at(b3);
  uint32_t t = 0;
  auto add1 = [&](uint64_t a) { f->AddKey(Key(++t, a)); };
  auto add2 = [&](uint64_t a, uint64_t b) { f->AddKey(Key(++t, a, b)); };
  auto add3 = [&](uint64_t a, uint64_t b, uint64_t c) { f->AddKey(Key(++t, a, b, c)); };

  add1(0);  // bias
  // Unigrams of the core positions.
  for (const TokenAtoms* x : {&S0, &S1, &B0, &B1}) {
    add1(x->word);
    add1(x->upos);
    add1(x->xpos);
    add2(x->word, x->upos);
    add1(x->cluster_small);
    add1(x->cluster_large);
    add2(x->suffix, x->upos);
  }
  for (const TokenAtoms* x : {&S2, &B2}) {
    add1(x->word);
    add1(x->upos);
    add2(x->upos, x->cluster_small);
  }
  add1(B3.upos);
  // Dependents already attached.
  for (int c : {s0l1, s0l2, s0r1, s0r2, s1l1, s1r1, s1r2, b0l1, b0l2}) {
    const TokenAtoms& C = at(c);
    add1(C.word);
    add1(C.upos);
    add1(lab(c));
    add2(C.upos, lab(c));
  }
  // Pairs: the two candidate heads of s0 (s1 and b0) with s0.
  add2(S0.word ^ (S0.upos << 32), B0.word ^ (B0.upos << 32));
  add3(S0.word, S0.upos, B0.word);
  add3(S0.word, B0.word, B0.upos);
  add3(S0.word, S0.upos, B0.upos);
  add3(S0.upos, B0.word, B0.upos);
  add2(S0.word, B0.word);
  add2(S0.upos, B0.upos);
  add2(S0.xpos, B0.xpos);
  add2(B0.upos, B1.upos);
  add2(S1.word ^ (S1.upos << 32), S0.word ^ (S0.upos << 32));
  add2(S1.word, S0.word);
  add2(S1.upos, S0.upos);
  add2(S1.xpos, S0.xpos);
  add3(S1.word, S1.upos, S0.upos);
  add3(S1.upos, S0.word, S0.upos);
  add2(S0.cluster_large, B0.cluster_large);
  add2(S0.cluster_small, B0.cluster_small);
  add2(S0.cluster_large, B0.upos);
  add2(S0.upos, B0.cluster_large);
  add2(S1.cluster_large, S0.cluster_large);
  add2(S1.cluster_small, S0.cluster_small);
  add2(S1.upos, S0.cluster_large);
  add2(S1.cluster_large, S0.upos);
  add2(S0.word, B1.upos);
  add2(S0.upos, B1.word);
  // POS trigrams.
  add3(B0.upos, B1.upos, B2.upos);
  add3(S0.upos, B0.upos, B1.upos);
  add3(S1.upos, S0.upos, B0.upos);
  add3(S2.upos, S1.upos, S0.upos);
  add3(S1.upos, S0.upos, B1.upos);
  add3(S0.xpos, B0.xpos, B1.xpos);
  add3(S1.xpos, S0.xpos, B0.xpos);
  add3(S0.upos, at(s0l1).upos, B0.upos);
  add3(S0.upos, at(s0r1).upos, B0.upos);
  add3(S0.upos, B0.upos, at(b0l1).upos);
  add3(S1.upos, S0.upos, at(s0l1).upos);
  add3(S1.upos, S0.upos, at(s0r1).upos);
  add3(S1.upos, at(s1r1).upos, S0.upos);
  add3(S1.upos, at(s1l1).upos, S0.upos);
  add3(S0.upos, at(s0l1).upos, at(s0l2).upos);
  add3(S0.upos, at(s0r1).upos, at(s0r2).upos);
  add3(B0.upos, at(b0l1).upos, at(b0l2).upos);
  add3(S1.upos, at(s1r1).upos, at(s1r2).upos);
  add3(S0.upos, lab(s0l1), lab(s0r1));
  add3(S1.upos, lab(s1l1), lab(s1r1));
  // Distances (words between the candidate arcs' ends).
  int d0 = s0 >= 0 ? DistanceBucket(b0 - s0) : 0;
  int d1 = s0 >= 0 && s1 >= 0 ? DistanceBucket(s0 - s1) : 0;
  add2(S0.word, d0);
  add2(S0.upos, d0);
  add2(B0.word, d0);
  add2(B0.upos, d0);
  add3(S0.word, B0.word, d0);
  add3(S0.upos, B0.upos, d0);
  add2(S1.upos, d1);
  add2(S0.upos, d1);
  add3(S1.upos, S0.upos, d1);
  add3(S1.word, S0.word, d1);
  // Punctuation and verbs between s1 and s0, and between s0 and b0.
  int punct01 = 0, verb01 = 0, punct0b = 0, verb0b = 0;
  if (s0 >= 0 && s1 >= 0)
    for (int k = s1 + 1; k < s0; ++k) punct01 += atoms[k].punct, verb01 += atoms[k].verb;
  if (s0 >= 0)
    for (int k = s0 + 1; k < b0 && k < n; ++k) punct0b += atoms[k].punct, verb0b += atoms[k].verb;
  add3(S1.upos, S0.upos, std::min(punct01, 3) * 4 + std::min(verb01, 3));
  add3(S0.upos, B0.upos, std::min(punct0b, 3) * 4 + std::min(verb0b, 3));
  // Valencies.
  auto val = [&](const std::vector<uint8_t>& v, int i) -> uint64_t { return i < 0 ? 99 : std::min<int>(v[i], 6); };
  add2(S0.word, val(s.left_count, s0));
  add2(S0.upos, val(s.left_count, s0));
  add2(S0.word, val(s.right_count, s0));
  add2(S0.upos, val(s.right_count, s0));
  add2(S1.upos, val(s.left_count, s1));
  add2(S1.upos, val(s.right_count, s1));
  add2(S1.word, val(s.right_count, s1));
  add2(B0.word, val(s.left_count, b0));
  add2(B0.upos, val(s.left_count, b0));
  // Label sets.
  auto set = [&](const std::vector<uint64_t>& v, int i) -> uint64_t { return i < 0 ? 7 : v[i] + 11; };
  add2(S0.word, set(s.left_labels, s0));
  add2(S0.upos, set(s.left_labels, s0));
  add2(S0.word, set(s.right_labels, s0));
  add2(S0.upos, set(s.right_labels, s0));
  add2(S1.upos, set(s.right_labels, s1));
  add2(S1.upos, set(s.left_labels, s1));
  add2(B0.word, set(s.left_labels, b0));
  add2(B0.upos, set(s.left_labels, b0));
  // Stack depth and the sentence end (the root is b0).
  add2(std::min<size_t>(s.stack.size(), 4), b0 == n);
  // Linear context: the words beside s0 and before b0 (often s0's last descendant).
  const TokenAtoms &S0prev = at(s0 > 0 ? s0 - 1 : -1), &S0next = at(s0 >= 0 ? s0 + 1 : -1),
                   &B0prev = at(b0 > 0 ? b0 - 1 : -1);
  add3(S0prev.upos, S0.upos, S0next.upos);
  add3(S0.upos, S0next.upos, B0.upos);
  add3(S0.upos, B0prev.upos, B0.upos);
  add2(B0prev.word, B0.upos);
  add3(S1.upos, S0prev.upos, S0.upos);
  // Shape of the candidates (names, numbers) and words with the other side's tags.
  add3(S0.shape, B0.shape, S0.upos);
  add3(S1.word, S0.upos, B0.upos);
  add3(S1.upos, S0.upos, B0.word);
  add3(S1.upos, S0.word, B0.upos);
  add3(S0.word, lab(s0l1), lab(s0r1));
  add3(B0.word, lab(b0l1), lab(b0l2));
  add3(S0.cluster_large, S1.upos, B0.upos);
}

bool TransitionAllowed(const ParserModel& model, const ParserState& s, int cls) {
  Move m = MoveOf(cls);
  if (!s.Allowed(m)) return false;
  if (m == Move::kShift) return true;
  int l = LabelOf(cls);
  if (m == Move::kLeft && s.b == s.n) return l == model.root_label;
  if (l == model.root_label) return false;
  uint8_t side = m == Move::kLeft ? ParserModel::kLeftOfHead : ParserModel::kRightOfHead;
  return (model.label_directions[l] & side) != 0;
}

int BestAllowed(const ParserModel& model, const ParserState& s, std::span<const float> scores) {
  // Moves are checked once each; labels only by their tables.
  bool shift = s.CanShift(), left = s.CanLeft(), right = s.CanRight();
  bool left_root = left && s.b == s.n;
  int best = -1;
  float best_score = -std::numeric_limits<float>::infinity();
  if (shift) best = 0, best_score = scores[0];
  if (left_root) {
    int c = TransitionClass(Move::kLeft, model.root_label);
    if (best < 0 || scores[c] > best_score) best = c, best_score = scores[c];
    left = false;
  }
  const int labels = model.labels.size();
  for (int l = 0; l < labels; ++l) {
    if (l == model.root_label) continue;
    uint8_t dir = model.label_directions[l];
    if (left && (dir & ParserModel::kLeftOfHead)) {
      int c = 1 + 2 * l;
      if (best < 0 || scores[c] > best_score) best = c, best_score = scores[c];
    }
    if (right && (dir & ParserModel::kRightOfHead)) {
      int c = 2 + 2 * l;
      if (best < 0 || scores[c] > best_score) best = c, best_score = scores[c];
    }
  }
  assert(best >= 0);
  return best;
}

}  // namespace claimgraph::parsing
