// Unlabelled text for inducing word classes: plain text, TimeML, CoNLL-2003 and
// CoNLL-U files, folders of them, and .tar.gz archives of them. Text is split into
// sentences and tokens by text::Segment so classes match what the taggers see.
#pragma once

#include <functional>
#include <string>
#include <vector>

#include "claimgraph/status.h"

namespace claimgraph::tagging {

struct CorpusSource {
  std::string path;    // file, folder (recursive, sorted) or .tar.gz
  std::string format;  // text | timeml | conll2003 | conllu
};

// Sentences of tokens, appended to `out` in a fixed order (folders sorted by name).
Status ReadUnlabelled(const CorpusSource& source, std::vector<std::vector<std::string>>* out);

// Text inside <TEXT>...</TEXT> (the whole input when absent) with tags removed and
// the five XML entities decoded.
std::string TimemlText(std::string_view xml);

}  // namespace claimgraph::tagging
