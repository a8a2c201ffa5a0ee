// Stage (4e) signals of a weak report: unnamed sources, vague quantities,
// sensational framing, a missing outlet name or byline.
// Reads tokens, sentences, claims and metadata; writes doc.signals. Thread-safe.
#pragma once

#include "claimgraph/document.h"

namespace claimgraph::extract {

void DetectSignals(Document& doc);

}  // namespace claimgraph::extract
