// Readers for the two column formats our taggers learn from and write back:
// CoNLL-2003 (WORD ... TAG, space separated, -DOCSTART- between documents) and
// CoNLL-U (10 tab-separated columns). Both keep every input line, so a tagger can
// print the file back with its own tags filled in. Malformed lines are reported
// with their 1-based line numbers.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/status.h"

namespace claimgraph::tagging {

struct ConllSentence {
  std::vector<std::string> words;
  std::vector<std::string> tags;       // last column; empty strings when the file has one column
  std::vector<uint32_t> line_numbers;  // 1-based, per word
};

struct ConllDocument {
  std::vector<ConllSentence> sentences;
};

struct ConllFile {
  std::vector<std::string> lines;  // the file, line by line (no newlines)
  std::vector<ConllDocument> documents;
};

// Parses CoNLL-2003 text. With `require_tags`, each token line needs at least two
// columns and a last column that is O, B-TYPE or I-TYPE (or BILOU's L-/U-).
// `source` names the file in messages.
Result<ConllFile> ParseConll2003(std::string_view text, const std::string& source, bool require_tags);
Result<ConllFile> ReadConll2003(const std::string& path, bool require_tags);

struct ConlluWord {
  std::string form, upos, xpos;
  uint32_t line = 0;  // index into ConlluFile::lines
  int head = -1;       // HEAD column: 0 root, 1-based word ID; -1 when "_"
  std::string deprel;  // DEPREL column ("_" when absent)
};

struct ConlluSentence {
  std::vector<ConlluWord> words;  // syntactic words only: no ranges (3-4), no empty nodes (8.1)
};

struct ConlluFile {
  std::vector<std::string> lines;
  std::vector<ConlluSentence> sentences;
};

// Parses CoNLL-U: every non-comment, non-blank line must have 10 tab-separated
// columns and an ID that is an integer, a range or an empty-node id; a word's HEAD
// must be an integer or "_".
Result<ConlluFile> ParseConllu(std::string_view text, const std::string& source);
Result<ConlluFile> ReadConllu(const std::string& path);

// The line with column `index` (0-based, tab-separated) replaced.
std::string ReplaceConlluColumn(std::string_view line, int index, std::string_view value);

}  // namespace claimgraph::tagging
