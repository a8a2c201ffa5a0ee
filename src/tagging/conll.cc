#include "tagging/conll.h"

#include "core/files.h"

namespace claimgraph::tagging {

namespace {

std::vector<std::string> SplitLines(std::string_view text) {
  std::vector<std::string> lines;
  size_t start = 0;
  while (start < text.size()) {
    size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    start = end + 1;
  }
  return lines;
}

std::vector<std::string_view> SplitOn(std::string_view line, bool tabs_only) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (i <= line.size()) {
    if (!tabs_only) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t')) ++i;
      if (i == line.size()) break;
    }
    size_t j = i;
    while (j < line.size() && !(line[j] == '\t' || (!tabs_only && line[j] == ' '))) ++j;
    out.push_back(line.substr(i, j - i));
    i = j + 1;
  }
  return out;
}

bool IsBlank(std::string_view s) { return s.find_first_not_of(" \t") == std::string_view::npos; }

bool ValidEntityTag(std::string_view t) {
  if (t == "O") return true;
  if (t.size() < 3 || t[1] != '-') return false;
  return t[0] == 'B' || t[0] == 'I' || t[0] == 'L' || t[0] == 'U' || t[0] == 'E' || t[0] == 'S';
}

bool IsInteger(std::string_view s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

}  // namespace

Result<ConllFile> ParseConll2003(std::string_view text, const std::string& source, bool require_tags) {
  ConllFile file;
  file.lines = SplitLines(text);
  ConllDocument doc;
  ConllSentence sentence;
  auto end_sentence = [&] {
    if (!sentence.words.empty()) doc.sentences.push_back(std::move(sentence));
    sentence = {};
  };
  auto end_document = [&] {
    end_sentence();
    if (!doc.sentences.empty()) file.documents.push_back(std::move(doc));
    doc = {};
  };
  for (size_t n = 0; n < file.lines.size(); ++n) {
    const std::string& line = file.lines[n];
    if (IsBlank(line)) {
      end_sentence();
      continue;
    }
    auto cols = SplitOn(line, false);
    if (cols[0] == "-DOCSTART-") {
      end_document();
      continue;
    }
    std::string where = source + ":" + std::to_string(n + 1) + ": ";
    if (require_tags) {
      if (cols.size() < 2) return Status::InvalidInput(where + "expected WORD ... TAG, found one column");
      if (!ValidEntityTag(cols.back())) {
        return Status::InvalidInput(where + "tag '" + std::string(cols.back()) + "' is not O or B-/I-/L-/U-TYPE");
      }
    }
    sentence.words.emplace_back(cols[0]);
    sentence.tags.emplace_back(cols.size() >= 2 ? std::string(cols.back()) : std::string());
    sentence.line_numbers.push_back(static_cast<uint32_t>(n + 1));
  }
  end_document();
  return file;
}

Result<ConllFile> ReadConll2003(const std::string& path, bool require_tags) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseConll2003(*text, path, require_tags);
}

Result<ConlluFile> ParseConllu(std::string_view text, const std::string& source) {
  ConlluFile file;
  file.lines = SplitLines(text);
  ConlluSentence sentence;
  for (size_t n = 0; n < file.lines.size(); ++n) {
    const std::string& line = file.lines[n];
    if (IsBlank(line)) {
      if (!sentence.words.empty()) file.sentences.push_back(std::move(sentence));
      sentence = {};
      continue;
    }
    if (line[0] == '#') continue;
    std::string where = source + ":" + std::to_string(n + 1) + ": ";
    auto cols = SplitOn(line, true);
    if (cols.size() != 10) {
      return Status::InvalidInput(where + "expected 10 tab-separated columns, found " + std::to_string(cols.size()));
    }
    std::string_view id = cols[0];
    size_t dash = id.find('-'), dot = id.find('.');
    if (dash != std::string_view::npos) {
      if (!IsInteger(id.substr(0, dash)) || !IsInteger(id.substr(dash + 1))) {
        return Status::InvalidInput(where + "bad word range id '" + std::string(id) + "'");
      }
      continue;
    }
    if (dot != std::string_view::npos) {
      if (!IsInteger(id.substr(0, dot)) || !IsInteger(id.substr(dot + 1))) {
        return Status::InvalidInput(where + "bad empty-node id '" + std::string(id) + "'");
      }
      continue;
    }
    if (!IsInteger(id)) return Status::InvalidInput(where + "ID '" + std::string(id) + "' is not a number");
    if (std::stoul(std::string(id)) != sentence.words.size() + 1) {
      return Status::InvalidInput(where + "word ID " + std::string(id) + " does not follow " +
                                  std::to_string(sentence.words.size()));
    }
    if (cols[1].empty()) return Status::InvalidInput(where + "empty FORM column");
    sentence.words.push_back(
        ConlluWord{std::string(cols[1]), std::string(cols[3]), std::string(cols[4]), static_cast<uint32_t>(n), -1, {}});
    if (cols[6] != "_") {
      if (!IsInteger(cols[6]) || cols[6].size() > 6) {
        return Status::InvalidInput(where + "HEAD '" + std::string(cols[6]) + "' is not a number or _");
      }
      sentence.words.back().head = std::stoi(std::string(cols[6]));
    }
    sentence.words.back().deprel = std::string(cols[7]);
  }
  if (!sentence.words.empty()) file.sentences.push_back(std::move(sentence));
  return file;
}

Result<ConlluFile> ReadConllu(const std::string& path) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  return ParseConllu(*text, path);
}

std::string ReplaceConlluColumn(std::string_view line, int index, std::string_view value) {
  auto cols = SplitOn(line, true);
  std::string out;
  for (size_t i = 0; i < cols.size(); ++i) {
    if (i) out += '\t';
    out += (static_cast<int>(i) == index) ? value : cols[i];
  }
  return out;
}

}  // namespace claimgraph::tagging
