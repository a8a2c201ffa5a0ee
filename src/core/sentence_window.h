// Token accessors bounded to the sentence being scanned, for rule-based extractors.
// Indices outside the sentence read as "" / false, so a rule may look around a token
// without bounds checks. Words are compared as words::FoldedTokens gives them.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"
#include "core/words.h"

namespace claimgraph {

class SentenceWindow {
 protected:
  explicit SentenceWindow(const Document& doc) : doc_(doc), low_(words::FoldedTokens(doc)) {}

  // Moves the window to `s` (a sentence of the same document).
  void Enter(const Sentence& s) {
    sent_ = &s;
    title_case_ = ComputeTitleCase();
  }

  bool Inside(uint32_t i) const { return i >= sent_->first_token && i < sent_->end_token; }
  std::string_view L(uint32_t i) const { return Inside(i) ? std::string_view(low_[i]) : std::string_view(); }
  bool IsWord(uint32_t i) const { return Inside(i) && doc_.tokens[i].kind == TokenKind::kWord; }
  bool IsNumberTok(uint32_t i) const { return Inside(i) && doc_.tokens[i].kind == TokenKind::kNumber; }
  bool Cap(uint32_t i) const { return Inside(i) && doc_.tokens[i].capitalised; }
  bool Glued(uint32_t i) const { return Inside(i) && !doc_.tokens[i].space_before; }
  // A headline, or a sentence whose words are mostly capitalised: capitals say nothing there.
  bool TitleCase() const { return title_case_; }

  const Document& doc_;
  const std::vector<std::string> low_;
  const Sentence* sent_ = nullptr;

 private:
  bool ComputeTitleCase() const {
    if (sent_->headline) return true;
    int words = 0, caps = 0;
    for (uint32_t i = sent_->first_token; i < sent_->end_token; ++i) {
      if (doc_.tokens[i].kind != TokenKind::kWord) continue;
      ++words;
      caps += doc_.tokens[i].capitalised;
    }
    return words >= 4 && caps * 10 >= words * 8;
  }

  bool title_case_ = false;
};

}  // namespace claimgraph
