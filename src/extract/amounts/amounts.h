// Stage (4c) amounts: sums of money and counts of things, normalised (value, unit,
// bound, rate). Reads tokens and sentences; writes doc.amounts. Stateless and thread-safe.
#pragma once

#include "claimgraph/document.h"

namespace claimgraph::extract {

void ExtractAmounts(Document& doc);

}  // namespace claimgraph::extract
