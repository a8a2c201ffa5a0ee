// The arc-hybrid transition system (Kuhlmann, Gomez-Rodriguez & Satta 2011) with the
// root at the END of the buffer (Ballesteros & Nivre 2013), its dynamic oracle
// (Goldberg & Nivre 2013), and pseudo-projective transformations (Nivre & Nilsson
// 2005, "head" label encoding) that let a projective parser produce non-projective
// trees. Pure functions over small vectors; thread-safe.
//
// Words are 0..n-1; the artificial root is n. Transitions:
//   SHIFT      push b0 (b0 a word)
//   LEFT(l)    s0 gets head b0 (b0 may be the root), pop s0
//   RIGHT(l)   s0 gets head s1, pop s0
// LEFT onto the root is allowed only when s0 is the last word on the stack, so
// every sentence gets exactly one root; that arc's label is always "root".
#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace claimgraph::parsing {

enum class Move : uint8_t { kShift = 0, kLeft = 1, kRight = 2 };

// Transitions as perceptron classes: 0 SHIFT, 1+2l LEFT(l), 2+2l RIGHT(l).
inline int TransitionClass(Move m, int label) { return m == Move::kShift ? 0 : (m == Move::kLeft ? 1 : 2) + 2 * label; }
inline Move MoveOf(int cls) { return cls == 0 ? Move::kShift : (cls % 2 == 1 ? Move::kLeft : Move::kRight); }
inline int LabelOf(int cls) { return cls == 0 ? -1 : (cls - 1) / 2; }
inline int NumTransitionClasses(int labels) { return 1 + 2 * labels; }

// The configuration: stack, buffer front, and the partial tree with the per-token
// facts features need (outermost children, valencies, label sets). Token n is the root.
struct ParserState {
  int n = 0;
  std::vector<int> stack;
  int b = 0;  // buffer front; b == n: only the root is left
  std::vector<int> head, label;             // per word; -1 until attached
  std::vector<int> left1, left2;            // per token (n+1): leftmost, 2nd leftmost dependent, -1 none
  std::vector<int> right1, right2;          // rightmost, 2nd rightmost dependent
  std::vector<uint8_t> left_count, right_count;
  std::vector<uint64_t> left_labels, right_labels;  // bit (label % 64) per dependent label

  void Reset(int words);
  bool Terminal() const { return stack.empty() && b == n; }
  int S(int i) const { return i < static_cast<int>(stack.size()) ? stack[stack.size() - 1 - i] : -1; }
  bool CanShift() const { return b < n; }
  bool CanLeft() const { return !stack.empty() && (b < n || stack.size() == 1); }
  bool CanRight() const { return stack.size() >= 2; }
  bool Allowed(Move m) const { return m == Move::kShift ? CanShift() : m == Move::kLeft ? CanLeft() : CanRight(); }
  // Applies an allowed move; `label` is ignored for SHIFT.
  void Apply(Move m, int label);

 private:
  void Attach(int dependent, int governor, int label);
};

// Gold tree for the oracle: head per word (n = root), label per word.
struct GoldTree {
  std::vector<int> head, label;
};

// Number of gold arcs that become unreachable by taking move `m` (labels ignored;
// see LabelCost). Exact for projective gold trees (Goldberg & Nivre 2013).
int MoveCost(const ParserState& s, const GoldTree& gold, Move m);
// 1 when LEFT/RIGHT with `label` attaches s0 to its gold head with the wrong label.
inline int LabelCost(const ParserState& s, const GoldTree& gold, Move m, int label) {
  if (m == Move::kShift) return 0;
  int s0 = s.S(0);
  int governor = m == Move::kLeft ? s.b : s.S(1);
  return gold.head[s0] == governor && gold.label[s0] != label ? 1 : 0;
}

// ---- pseudo-projective parsing. Heads here are CoNLL-style: -1 for the root. ----

// True when the arc into `dependent` is projective: every word between it and its
// head descends from the head. Root arcs are projective.
bool ArcIsProjective(const std::vector<int>& heads, int dependent);
bool IsProjective(const std::vector<int>& heads);

// Lifts non-projective arcs (the shortest first) to the head's head until the tree
// is projective. A lifted word's label becomes "label|head's label" (the head's
// original label), once: later lifts keep it. Returns the number of lifts.
int Projectivize(std::vector<int>* heads, std::vector<std::string>* labels);
// Undoes Projectivize: each "a|b" word is moved, searching breadth-first and left to
// right below its current head (outside its own subtree), to the first word labelled
// b; its label becomes a. When no such word exists, only the label is stripped.
void Deprojectivize(std::vector<int>* heads, std::vector<std::string>* labels);

}  // namespace claimgraph::parsing
