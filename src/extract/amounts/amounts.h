// Stage (4c) amounts: sums of money and counts of things, normalised (value, unit,
// bound, rate). Reads tokens and sentences, and the earlier layers doc.times and
// doc.entities so that years, dates and numbers inside names are not counted; writes
// doc.amounts. Stateless and thread-safe.
#pragma once

#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::extract {

// Replaces doc.amounts with the amounts found in the text, in text order:
//   money   "$115 million", "2.4 billion euros", "115 mln dlrs"  -> unit ISO 4217 code
//   shares  "12%", "12 pct", "3 percentage points"              -> unit "percent" / "percentage points"
//   counts  "10,000 containers", "over 10 North Korea-made missiles" -> unit = the counted noun phrase
//   vague   "dozens of drones", "thousands of people"  -> lower bound, approx at_least, vague = true
// Bounds ("as many as", "as few as", "over", "at least", "about", "500 or more"...) fill approx;
// ranges ("between 5,000 and 7,000", "5 to 7 million", "20 or 30", the last approx about) fill value_max;
// rates ("a year", "annual payment of") fill per. Numbers without a unit, years, dates,
// clock times, ordinals, phone numbers, scores and numbers inside names are skipped, as are
// values that are not finite or above 1e18.
void ExtractAmounts(Document& doc);

// Spans of quantities left unstated: "large number", "a number of", "dozens", "scores of",
// "countless", "untold". They carry no value; the signals stage reports them. Reads tokens
// and sentences only.
std::vector<Span> FindVagueQuantities(const Document& doc);

}  // namespace claimgraph::extract
