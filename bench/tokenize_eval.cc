// claimgraph_tokenize_eval: text::Segment against UD English EWT's own tokens and
// sentences. Each document's raw text is rebuilt from its `# text` lines (sentences
// of a paragraph joined by a space, paragraphs by a blank line), segmented, and
// compared with the gold:
//   token F1     exact byte spans of the syntactic words ("don't" -> do n't); a
//                multi-word token whose words do not spell it ("im" -> i m) counts as
//                one token
//   sentence F1  sentence ends, the last of each document left out (always right)
// Usage: claimgraph_tokenize_eval FILE.conllu... [--show N]  (N error examples of each kind)
#include <CLI/CLI.hpp>
#include <algorithm>
#include <cstdio>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "claimgraph/document.h"
#include "core/files.h"
#include "text/tokenizer.h"

using namespace claimgraph;

namespace {

struct GoldDocument {
  std::string text;
  std::vector<std::pair<uint32_t, uint32_t>> tokens;
  std::vector<uint32_t> sentence_ends;
};

std::vector<std::string> SplitTabs(const std::string& line) {
  std::vector<std::string> out;
  size_t start = 0;
  while (true) {
    size_t tab = line.find('\t', start);
    out.push_back(line.substr(start, tab == std::string::npos ? std::string::npos : tab - start));
    if (tab == std::string::npos) return out;
    start = tab + 1;
  }
}

// One sentence's tokens as (surface form, word forms when a multi-word token).
struct SentenceRows {
  std::string text;
  bool new_document = false, new_paragraph = false;
  std::vector<std::pair<std::string, std::vector<std::string>>> tokens;
};

std::vector<GoldDocument> ReadGold(const std::string& contents, size_t* unplaced) {
  std::vector<SentenceRows> sentences;
  SentenceRows current;
  size_t pos = 0;
  int mwt_last = 0;
  while (pos <= contents.size()) {
    size_t nl = contents.find('\n', pos);
    std::string line = contents.substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
    pos = nl == std::string::npos ? contents.size() + 1 : nl + 1;
    if (line.empty()) {
      if (!current.tokens.empty()) sentences.push_back(std::move(current));
      current = SentenceRows{};
      mwt_last = 0;
      continue;
    }
    if (line.rfind("# newdoc", 0) == 0) current.new_document = true;
    if (line.rfind("# newpar", 0) == 0) current.new_paragraph = true;
    if (line.rfind("# text = ", 0) == 0) current.text = line.substr(9);
    if (line[0] == '#') continue;
    auto cols = SplitTabs(line);
    if (cols.size() < 2) continue;
    const std::string& id = cols[0];
    if (id.find('.') != std::string::npos) continue;  // empty nodes
    if (auto dash = id.find('-'); dash != std::string::npos) {
      current.tokens.push_back({cols[1], {}});
      mwt_last = std::stoi(id.substr(dash + 1));
      continue;
    }
    int n = std::stoi(id);
    if (n <= mwt_last) {
      current.tokens.back().second.push_back(cols[1]);
    } else {
      current.tokens.push_back({cols[1], {}});
    }
  }
  if (!current.tokens.empty()) sentences.push_back(std::move(current));

  std::vector<GoldDocument> docs;
  for (const auto& s : sentences) {
    if (docs.empty() || s.new_document) docs.emplace_back();
    GoldDocument& d = docs.back();
    if (!d.text.empty()) d.text += s.new_paragraph ? "\n\n" : " ";
    const uint32_t base = static_cast<uint32_t>(d.text.size());
    d.text += s.text;
    size_t at = 0;
    for (const auto& [form, words] : s.tokens) {
      size_t found = s.text.find(form, at);
      if (found == std::string::npos) {
        ++*unplaced;
        continue;
      }
      std::string joined;
      for (const auto& w : words) joined += w;
      if (!words.empty() && joined == form) {
        size_t w_at = found;
        for (const auto& w : words) {
          d.tokens.push_back({base + static_cast<uint32_t>(w_at), base + static_cast<uint32_t>(w_at + w.size())});
          w_at += w.size();
        }
      } else {
        d.tokens.push_back({base + static_cast<uint32_t>(found), base + static_cast<uint32_t>(found + form.size())});
      }
      at = found + form.size();
    }
    if (!d.tokens.empty()) d.sentence_ends.push_back(d.tokens.back().second);
  }
  return docs;
}

struct Counts {
  size_t gold = 0, predicted = 0, correct = 0;
  double F1() const { return gold + predicted ? 2.0 * correct / (gold + predicted) : 1.0; }
  double P() const { return predicted ? double(correct) / predicted : 1.0; }
  double R() const { return gold ? double(correct) / gold : 1.0; }
};

std::string Around(const std::string& text, size_t at) {
  size_t from = at > 40 ? at - 40 : 0;
  std::string s = text.substr(from, 80);
  std::replace(s.begin(), s.end(), '\n', '|');
  return s;
}

}  // namespace

int main(int argc, char** argv) {
  CLI::App app{"Tokenisation and sentence splitting against UD English EWT"};
  std::vector<std::string> files;
  int show = 0;
  app.add_option("files", files, "CoNLL-U files")->required();
  app.add_option("--show", show, "print this many errors of each kind");
  CLI11_PARSE(app, argc, argv);

  for (const auto& path : files) {
    auto contents = ReadFile(path);
    if (!contents.ok()) {
      std::fprintf(stderr, "%s\n", contents.status().message().c_str());
      return 1;
    }
    size_t unplaced = 0;
    auto docs = ReadGold(*contents, &unplaced);
    Counts tokens, sentences;
    int shown_tokens = 0, shown_sentences = 0;
    for (const auto& g : docs) {
      Document d;
      d.text = g.text;
      text::Segment(d);
      std::set<std::pair<uint32_t, uint32_t>> gold(g.tokens.begin(), g.tokens.end()), predicted;
      for (const auto& t : d.tokens) predicted.insert({t.span.start, t.span.end});
      tokens.gold += gold.size();
      tokens.predicted += predicted.size();
      for (const auto& p : predicted) {
        if (gold.count(p)) {
          ++tokens.correct;
        } else if (shown_tokens < show) {
          ++shown_tokens;
          std::printf("token  predicted '%s' in: %s\n", d.text.substr(p.first, p.second - p.first).c_str(),
                      Around(d.text, p.first).c_str());
        }
      }
      std::set<uint32_t> gold_ends(g.sentence_ends.begin(), g.sentence_ends.end()), predicted_ends;
      if (!gold_ends.empty()) gold_ends.erase(std::prev(gold_ends.end()));
      for (const auto& s : d.sentences) predicted_ends.insert(s.span.end);
      if (!predicted_ends.empty()) predicted_ends.erase(std::prev(predicted_ends.end()));
      sentences.gold += gold_ends.size();
      sentences.predicted += predicted_ends.size();
      for (uint32_t e : predicted_ends) sentences.correct += gold_ends.count(e);
      if (shown_sentences < show) {
        for (uint32_t e : gold_ends)
          if (!predicted_ends.count(e) && shown_sentences++ < show)
            std::printf("sent   missed end: %s\n", Around(d.text, e).c_str());
        for (uint32_t e : predicted_ends)
          if (!gold_ends.count(e) && shown_sentences++ < show)
            std::printf("sent   extra end:  %s\n", Around(d.text, e).c_str());
      }
    }
    std::printf("%s: %zu documents, %zu gold tokens (%zu not found in the text)\n", path.c_str(), docs.size(),
                tokens.gold, unplaced);
    std::printf("  token F1    %.4f  (P %.4f R %.4f)\n", tokens.F1(), tokens.P(), tokens.R());
    std::printf("  sentence F1 %.4f  (P %.4f R %.4f; %zu gold boundaries)\n", sentences.F1(), sentences.P(),
                sentences.R(), sentences.gold);
  }
  return 0;
}
