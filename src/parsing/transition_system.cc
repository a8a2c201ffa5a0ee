#include "parsing/transition_system.h"

#include <algorithm>
#include <cassert>
#include <deque>

namespace claimgraph::parsing {

void ParserState::Reset(int words) {
  n = words;
  stack.clear();
  b = 0;
  head.assign(n, -1);
  label.assign(n, -1);
  left1.assign(n + 1, -1);
  left2.assign(n + 1, -1);
  right1.assign(n + 1, -1);
  right2.assign(n + 1, -1);
  left_count.assign(n + 1, 0);
  right_count.assign(n + 1, 0);
  left_labels.assign(n + 1, 0);
  right_labels.assign(n + 1, 0);
}

void ParserState::Attach(int d, int h, int l) {
  head[d] = h;
  label[d] = l;
  uint64_t bit = l >= 0 ? uint64_t{1} << (l % 64) : 0;
  if (d < h) {
    // Dependents to the left arrive nearest first, so each new one is the leftmost.
    if (left1[h] < 0 || d < left1[h]) {
      left2[h] = left1[h];
      left1[h] = d;
    } else if (left2[h] < 0 || d < left2[h]) {
      left2[h] = d;
    }
    if (left_count[h] < 255) ++left_count[h];
    left_labels[h] |= bit;
  } else {
    if (right1[h] < 0 || d > right1[h]) {
      right2[h] = right1[h];
      right1[h] = d;
    } else if (right2[h] < 0 || d > right2[h]) {
      right2[h] = d;
    }
    if (right_count[h] < 255) ++right_count[h];
    right_labels[h] |= bit;
  }
}

void ParserState::Apply(Move m, int l) {
  assert(Allowed(m));
  switch (m) {
    case Move::kShift:
      stack.push_back(b++);
      break;
    case Move::kLeft:
      Attach(stack.back(), b, l);
      stack.pop_back();
      break;
    case Move::kRight:
      Attach(stack.back(), stack[stack.size() - 2], l);
      stack.pop_back();
      break;
  }
}

int MoveCost(const ParserState& s, const GoldTree& gold, Move m) {
  // Only the bottom of the stack can ever take the root as head (everything above
  // it is popped first), so a root arc is lost as soon as its word sits higher.
  const int n = s.n, b = s.b;
  auto in_buffer = [&](int k) { return k >= b && k < n; };
  int cost = 0;
  if (m == Move::kShift) {
    // b0 on the stack can still take s0 (RIGHT) or a buffer word (LEFT) as head;
    // heads deeper in the stack, the root, and dependents in the stack are lost.
    int s0 = s.S(0);
    if (gold.head[b] == n && !s.stack.empty()) ++cost;
    for (int k : s.stack) {
      if (k != s0 && gold.head[b] == k) ++cost;
      if (gold.head[k] == b) ++cost;
    }
    return cost;
  }
  int s0 = s.S(0), s1 = s.S(1);
  int h = gold.head[s0];
  bool bottom = s.stack.size() == 1;
  if (m == Move::kLeft) {
    if (h != b && (h == s1 || in_buffer(h) || (h == n && bottom))) ++cost;
  } else {
    if (in_buffer(h)) ++cost;  // s0 is never the bottom here
  }
  // s0 leaves the stack: its dependents still in the buffer are lost.
  for (int d = b; d < n; ++d)
    if (gold.head[d] == s0) ++cost;
  return cost;
}

// ---- pseudo-projective ----

namespace {

// True when `ancestor` dominates `node` (reflexive).
bool Dominates(const std::vector<int>& heads, int ancestor, int node) {
  for (int steps = 0; node >= 0 && steps <= static_cast<int>(heads.size()); ++steps) {
    if (node == ancestor) return true;
    node = heads[node];
  }
  return false;
}

std::string_view BaseLabel(std::string_view l) {
  size_t bar = l.find('|');
  return bar == std::string_view::npos ? l : l.substr(0, bar);
}

}  // namespace

bool ArcIsProjective(const std::vector<int>& heads, int d) {
  int h = heads[d];
  if (h < 0) return true;
  for (int k = std::min(h, d) + 1; k < std::max(h, d); ++k)
    if (!Dominates(heads, h, k)) return false;
  return true;
}

bool IsProjective(const std::vector<int>& heads) {
  for (int d = 0; d < static_cast<int>(heads.size()); ++d)
    if (!ArcIsProjective(heads, d)) return false;
  return true;
}

int Projectivize(std::vector<int>* heads, std::vector<std::string>* labels) {
  std::vector<int>& h = *heads;
  const int n = static_cast<int>(h.size());
  std::vector<bool> lifted(n, false);
  const std::vector<std::string> original = *labels;
  int lifts = 0;
  while (true) {
    int best = -1, best_span = 0;
    for (int d = 0; d < n; ++d) {
      if (h[d] < 0 || ArcIsProjective(h, d)) continue;
      int span = std::abs(h[d] - d);
      if (best < 0 || span < best_span) best = d, best_span = span;
    }
    if (best < 0) break;
    int old_head = h[best];
    // A non-projective arc never leaves the root word (everything descends from
    // it), so the head's head exists.
    assert(h[old_head] >= 0);
    if (!lifted[best]) {
      (*labels)[best] = original[best] + "|" + std::string(BaseLabel(original[old_head]));
      lifted[best] = true;
    }
    h[best] = h[old_head];
    ++lifts;
    assert(lifts <= n * n);
  }
  return lifts;
}

void Deprojectivize(std::vector<int>* heads, std::vector<std::string>* labels) {
  std::vector<int>& h = *heads;
  std::vector<std::string>& l = *labels;
  const int n = static_cast<int>(h.size());
  std::vector<std::vector<int>> children(n);
  std::vector<int> roots;
  auto rebuild = [&] {
    for (auto& c : children) c.clear();
    roots.clear();
    for (int d = 0; d < n; ++d) (h[d] < 0 ? roots : children[h[d]]).push_back(d);
  };
  rebuild();
  // Top-down, so a lifted word's head is already in its final place.
  std::vector<int> order;
  std::deque<int> queue(roots.begin(), roots.end());
  while (!queue.empty()) {
    int x = queue.front();
    queue.pop_front();
    order.push_back(x);
    for (int c : children[x]) queue.push_back(c);
  }
  for (int d : order) {
    size_t bar = l[d].find('|');
    if (bar == std::string::npos) continue;
    std::string wanted = l[d].substr(bar + 1);
    l[d] = l[d].substr(0, bar);
    if (h[d] < 0) continue;
    int found = -1;
    std::deque<int> search;
    for (int c : children[h[d]])
      if (c != d) search.push_back(c);
    while (!search.empty() && found < 0) {
      int x = search.front();
      search.pop_front();
      if (BaseLabel(l[x]) == wanted) {
        found = x;
        break;
      }
      for (int c : children[x])
        if (c != d) search.push_back(c);
    }
    if (found >= 0) {
      h[d] = found;
      rebuild();
    }
  }
}

}  // namespace claimgraph::parsing
