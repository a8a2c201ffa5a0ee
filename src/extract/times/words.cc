#include "extract/times/words.h"

#include "core/utf8.h"

namespace claimgraph::extract {

std::vector<std::string> FoldedWords(const Document& doc) {
  std::vector<std::string> out;
  out.reserve(doc.tokens.size());
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    std::string w = utf8::Fold(doc.token_text(i));
    for (auto& c : w) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    out.push_back(std::move(w));
  }
  return out;
}

}  // namespace claimgraph::extract
