// Stage (4b) times: TIMEX3 expressions resolved against doc.published.
// Reads tokens and sentences; writes doc.times. Stateless and thread-safe.
#pragma once

#include <string>

#include "claimgraph/document.h"

namespace claimgraph::extract {

void ExtractTimes(Document& doc);

// The latest full date (YYYY-MM-DD) the text itself states, or "" when none: the
// anchor used when an article comes without a publication date.
std::string InferPublicationDate(const Document& doc);

}  // namespace claimgraph::extract
