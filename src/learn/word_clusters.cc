#include "learn/word_clusters.h"

#include <algorithm>
#include <cassert>
#include <cmath>

#include "core/utf8.h"
#include "learn/hash.h"

namespace claimgraph::learn {

size_t WordClusters::Hash::operator()(std::string_view s) const { return HashBytes(s); }

int WordClusters::CapitalisedTenths(std::string_view lower) const {
  auto it = capitalised_.find(lower);
  return it == capitalised_.end() ? -1 : it->second;
}

const uint16_t* WordClusters::Find(std::string_view word) const {
  auto it = index_.find(word);
  if (it == index_.end()) return nullptr;
  return &classes_[static_cast<size_t>(it->second) * sizes_.size()];
}

namespace {

// Word ids: 0 is the sentence boundary, 1 the shared id of rare words.
constexpr uint32_t kBoundary = 0, kRare = 1;

struct Neighbour {
  uint32_t word;
  uint32_t count;
};

// One exchange clustering into `k` classes over a fixed bigram graph.
class Exchange {
 public:
  Exchange(int k, const std::vector<std::vector<Neighbour>>& right, const std::vector<std::vector<Neighbour>>& left,
           const std::vector<uint64_t>& self, const std::vector<uint64_t>& left_count,
           const std::vector<uint64_t>& right_count, uint64_t total)
      : k_(k), right_(right), left_(left), self_(self), n1_(left_count), n2_(right_count) {
    size_t v = right.size();
    cls_.resize(v);
    // Ids are in frequency order: the k-1 most frequent words start alone, the
    // rest together in the last class, and words then move out of it.
    for (size_t w = 0; w < v; ++w) cls_[w] = static_cast<uint32_t>(std::min<size_t>(w, k - 1));
    m_.assign(size_t(k) * k, 0);
    mt_.assign(size_t(k) * k, 0);
    a_.assign(k, 0);
    b_.assign(k, 0);
    for (size_t w = 0; w < v; ++w) {
      for (const auto& n : right[w]) {
        m_[size_t(cls_[w]) * k + cls_[n.word]] += n.count;
        mt_[size_t(cls_[n.word]) * k + cls_[w]] += n.count;
      }
      a_[cls_[w]] += n1_[w];
      b_[cls_[w]] += n2_[w];
    }
    flog_.resize(total + 1);
    for (uint64_t x = 0; x <= total; ++x) flog_[x] = x ? double(x) * std::log(double(x)) : 0.0;
    r_.assign(k, 0);
    l_.assign(k, 0);
  }

  // One pass over all words; returns how many moved.
  size_t Pass() {
    size_t moved = 0;
    for (uint32_t w = 0; w < cls_.size(); ++w) {
      uint32_t from = cls_[w];
      Gather(w);
      Move(w, from, -1);
      uint32_t best = from;
      double best_gain = Gain(w, from);
      for (uint32_t c = 0; c < uint32_t(k_); ++c) {
        if (c == from) continue;
        double g = Gain(w, c);
        if (g > best_gain + 1e-9) best_gain = g, best = c;
      }
      Move(w, best, +1);
      cls_[w] = best;
      Clear();
      if (best != from) ++moved;
    }
    return moved;
  }

  const std::vector<uint32_t>& classes() const { return cls_; }

 private:
  double F(int64_t x) const { return flog_[static_cast<size_t>(x)]; }

  // r_[d]: bigrams w -> class d, l_[c]: class c -> w, self bigrams excluded.
  void Gather(uint32_t w) {
    for (const auto& n : right_[w]) {
      if (n.word == w) continue;
      uint32_t d = cls_[n.word];
      if (r_[d] == 0) rt_.push_back(d);
      r_[d] += n.count;
    }
    for (const auto& n : left_[w]) {
      if (n.word == w) continue;
      uint32_t c = cls_[n.word];
      if (l_[c] == 0) lt_.push_back(c);
      l_[c] += n.count;
    }
  }
  void Clear() {
    for (uint32_t d : rt_) r_[d] = 0;
    for (uint32_t c : lt_) l_[c] = 0;
    rt_.clear();
    lt_.clear();
  }

  // Adds (sign +1) or removes (-1) word w's counts to/from class c.
  void Move(uint32_t w, uint32_t c, int sign) {
    int64_t s = sign;
    for (uint32_t d : rt_) {
      m_[size_t(c) * k_ + d] += s * r_[d];
      mt_[size_t(d) * k_ + c] += s * r_[d];
    }
    for (uint32_t e : lt_) {
      m_[size_t(e) * k_ + c] += s * l_[e];
      mt_[size_t(c) * k_ + e] += s * l_[e];
    }
    m_[size_t(c) * k_ + c] += s * int64_t(self_[w]);
    mt_[size_t(c) * k_ + c] += s * int64_t(self_[w]);
    a_[c] += s * int64_t(n1_[w]);
    b_[c] += s * int64_t(n2_[w]);
  }

  // Change of the objective if w (currently removed) joined class c.
  double Gain(uint32_t w, uint32_t c) const {
    const int64_t* row = &m_[size_t(c) * k_];
    const int64_t* col = &mt_[size_t(c) * k_];
    double g = 0;
    for (uint32_t d : rt_) {
      if (d == c) continue;
      g += F(row[d] + r_[d]) - F(row[d]);
    }
    for (uint32_t e : lt_) {
      if (e == c) continue;
      g += F(col[e] + l_[e]) - F(col[e]);
    }
    g += F(row[c] + r_[c] + l_[c] + int64_t(self_[w])) - F(row[c]);
    g -= F(a_[c] + int64_t(n1_[w])) - F(a_[c]);
    g -= F(b_[c] + int64_t(n2_[w])) - F(b_[c]);
    return g;
  }

  int k_;
  const std::vector<std::vector<Neighbour>>& right_;
  const std::vector<std::vector<Neighbour>>& left_;
  const std::vector<uint64_t>& self_;
  const std::vector<uint64_t>& n1_;
  const std::vector<uint64_t>& n2_;
  std::vector<uint32_t> cls_;
  std::vector<int64_t> m_, mt_, a_, b_;  // class bigrams, transposed, left and right totals
  std::vector<double> flog_;
  std::vector<int64_t> r_, l_;
  std::vector<uint32_t> rt_, lt_;
};

}  // namespace

WordClusters WordClusters::Induce(const std::vector<std::vector<std::string>>& sentences, const ClusterOptions& options,
                                  const std::function<void(const std::string&)>& progress) {
  std::unordered_map<std::string_view, uint64_t> counts;
  for (const auto& s : sentences)
    for (const auto& w : s) ++counts[w];
  std::vector<std::pair<std::string_view, uint64_t>> vocab;
  for (const auto& [w, n] : counts)
    if (n >= uint64_t(options.min_count)) vocab.emplace_back(w, n);
  // Most frequent first, ties by spelling: the id order is deterministic.
  std::sort(vocab.begin(), vocab.end(), [](const auto& a, const auto& b) {
    return a.second != b.second ? a.second > b.second : a.first < b.first;
  });
  std::unordered_map<std::string_view, uint32_t> id;
  for (size_t i = 0; i < vocab.size(); ++i) id[vocab[i].first] = static_cast<uint32_t>(i + 2);
  size_t v = vocab.size() + 2;

  // Bigram graph with boundary pseudo-words around each sentence.
  std::unordered_map<uint64_t, uint32_t> bigrams;
  uint64_t total = 0;
  for (const auto& s : sentences) {
    uint32_t prev = kBoundary;
    for (size_t i = 0; i <= s.size(); ++i) {
      uint32_t cur = kBoundary;
      if (i < s.size()) {
        auto it = id.find(s[i]);
        cur = it == id.end() ? kRare : it->second;
      }
      ++bigrams[(uint64_t(prev) << 32) | cur];
      ++total;
      prev = cur;
    }
  }
  std::vector<std::vector<Neighbour>> right(v), left(v);
  std::vector<uint64_t> self(v, 0), n1(v, 0), n2(v, 0);
  std::vector<std::pair<uint64_t, uint32_t>> sorted(bigrams.begin(), bigrams.end());
  std::sort(sorted.begin(), sorted.end());
  for (const auto& [key, n] : sorted) {
    uint32_t a = uint32_t(key >> 32), b = uint32_t(key);
    right[a].push_back({b, n});
    left[b].push_back({a, n});
    n1[a] += n;
    n2[b] += n;
    if (a == b) self[a] += n;
  }

  WordClusters out;
  out.sizes_ = options.sizes;
  out.classes_.assign(vocab.size() * options.sizes.size(), 0);
  for (size_t level = 0; level < options.sizes.size(); ++level) {
    int k = std::clamp(options.sizes[level], 1, 65535);
    Exchange ex(k, right, left, self, n1, n2, total);
    for (int it = 0; it < options.max_iterations; ++it) {
      size_t moved = ex.Pass();
      if (progress) {
        progress("clusters " + std::to_string(k) + ": pass " + std::to_string(it + 1) + ", " + std::to_string(moved) +
                 " of " + std::to_string(v) + " words moved");
      }
      if (moved * 1000 < v) break;
    }
    for (size_t i = 0; i < vocab.size(); ++i)
      out.classes_[i * options.sizes.size() + level] = uint16_t(ex.classes()[i + 2]);
  }
  for (size_t i = 0; i < vocab.size(); ++i) out.index_.emplace(std::string(vocab[i].first), static_cast<uint32_t>(i));

  std::unordered_map<std::string, std::pair<uint64_t, uint64_t>> case_counts;  // lower -> (all, capitalised)
  for (const auto& s : sentences) {
    for (size_t i = 1; i < s.size(); ++i) {
      const std::string& w = s[i];
      size_t at = 0;
      if (w.empty()) continue;
      char32_t first = utf8::Next(w, at);
      if (!utf8::IsAlpha(first)) continue;
      auto& c = case_counts[utf8::Lower(w)];
      ++c.first;
      c.second += utf8::IsUpper(first) ? 1 : 0;
    }
  }
  for (const auto& [lower, c] : case_counts) {
    if (c.first < uint64_t(options.min_count)) continue;
    out.capitalised_.emplace(lower, static_cast<uint8_t>((c.second * 10 + c.first / 2) / c.first));
  }
  return out;
}

// Layout: u32 levels, levels x u32 size, u64 words, then per word in index order
// string, levels x u16 class.
void WordClusters::Save(ByteWriter& out) const {
  out.U32(static_cast<uint32_t>(sizes_.size()));
  for (int s : sizes_) out.U32(static_cast<uint32_t>(s));
  std::vector<std::string_view> words(index_.size());
  for (const auto& [w, i] : index_) words[i] = w;
  out.U64(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    out.String(words[i]);
    for (size_t l = 0; l < sizes_.size(); ++l) out.U16(classes_[i * sizes_.size() + l]);
  }
  std::vector<std::pair<std::string_view, uint8_t>> cases(capitalised_.begin(), capitalised_.end());
  std::sort(cases.begin(), cases.end());
  out.U64(cases.size());
  for (const auto& [w, tenths] : cases) {
    out.String(w);
    out.U8(tenths);
  }
}

bool WordClusters::Load(ByteReader& in, WordClusters* out) {
  uint32_t levels = 0;
  if (!in.U32(&levels)) return false;
  if (levels > 16) return in.Fail("word clusters have " + std::to_string(levels) + " levels (at most 16)");
  WordClusters c;
  for (uint32_t l = 0; l < levels; ++l) {
    uint32_t s = 0;
    if (!in.U32(&s)) return false;
    if (s == 0 || s > 65535) return in.Fail("word cluster level of size " + std::to_string(s));
    c.sizes_.push_back(static_cast<int>(s));
  }
  uint64_t n = 0;
  if (!in.Count(&n, 4 + 2 * levels, "cluster words")) return false;
  c.classes_.resize(n * levels);
  c.index_.reserve(n);
  std::string w;
  for (uint64_t i = 0; i < n; ++i) {
    if (!in.String(&w, 1 << 16)) return false;
    for (uint32_t l = 0; l < levels; ++l) {
      uint16_t k = 0;
      if (!in.U16(&k)) return false;
      if (k >= c.sizes_[l])
        return in.Fail("word '" + w + "' has class " + std::to_string(k) + " beyond the level size");
      c.classes_[i * levels + l] = k;
    }
    if (!c.index_.emplace(w, static_cast<uint32_t>(i)).second) return in.Fail("word '" + w + "' is listed twice");
  }
  if (!in.Count(&n, 5, "case profiles")) return false;
  c.capitalised_.reserve(n);
  for (uint64_t i = 0; i < n; ++i) {
    uint8_t tenths = 0;
    if (!in.String(&w, 1 << 16) || !in.U8(&tenths)) return false;
    if (tenths > 10) return in.Fail("case profile of '" + w + "' is " + std::to_string(tenths) + " tenths");
    c.capitalised_.emplace(w, tenths);
  }
  *out = std::move(c);
  return true;
}

}  // namespace claimgraph::learn
