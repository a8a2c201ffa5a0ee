// Stage (4b) times: TIMEX3 expressions resolved against doc.published.
// Reads tokens and sentences; writes doc.times. Stateless and thread-safe.
#pragma once

#include <string>

#include "claimgraph/document.h"

namespace claimgraph::extract {

// Replaces doc.times with the time expressions of the text, in text order:
//   DATE      "June 18, 2024", "March 2023", "in July", "Tuesday", "last year", "two years ago",
//             "the 1990s", "the third quarter", "this summer", "Christmas", "now" (PRESENT_REF)
//   TIME      "3 p.m.", "14:30 GMT", "Monday morning", "tonight"
//   DURATION  "two years", "the past several months" (PXM), "three-year"
//   SET       "every year", "daily" used as an adverb, "on Sundays"
// Relative expressions are resolved against doc.published, or, when it is empty or
// invalid, against InferPublicationDate(doc) with lower certainty; with neither they
// keep X's ("XXXX-07") or become PRESENT_REF / PAST_REF / FUTURE_REF. A month or day
// named without a year takes the occurrence the verbs point to ("will send ... in July"
// forward, "shipped in June" / "since September" back) when a tense cue governs it, and
// the nearer occurrence otherwise; Timex::certainty says how sure that choice is and
// Timex::anchor holds the date used. Phone numbers, scores, counts ("2000 troops"),
// versions and impossible dates ("February 30") are never tagged.
void ExtractTimes(Document& doc);

// The latest full date (YYYY-MM-DD) the text itself states, or "" when none: the
// anchor used when an article comes without a publication date. Dates the text looks
// forward to ("will be held on July 4, 2024") are not candidates. Reads tokens and
// sentences, so text::Segment must have run.
std::string InferPublicationDate(const Document& doc);

}  // namespace claimgraph::extract
