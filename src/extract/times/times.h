// Stage (4b) times: TIMEX3 expressions resolved against doc.published.
// Reads tokens and sentences; writes doc.times. Stateless and thread-safe.
#pragma once

#include <string>

#include "claimgraph/document.h"

namespace claimgraph::extract {

// Replaces doc.times with the time expressions of the text, in text order:
//   DATE      "June 18, 2024", "March 2023", "in July", "Tuesday", "last year", "two years ago",
//             "the 1990s", "the third quarter", "this summer", "Christmas", "now" (PRESENT_REF),
//             "recent years" / "the recent sale" (PAST_REF), "current" (PRESENT_REF),
//             "coming months" (FUTURE_REF), "nineteen ninety-six"
//   TIME      "3 p.m.", "14:30 GMT", "Monday morning", "tonight"
//   DURATION  "two years", "the past several months" (PXM), "three-year", "5 1/2 hours"
//   SET       "every year", "each July", "daily" used as an adverb, "on Sundays"
// Relative expressions are resolved against doc.published, or, when it is empty or
// invalid, against InferPublicationDate(doc) with lower certainty; with neither they
// keep X's ("XXXX-07") or become PRESENT_REF / PAST_REF / FUTURE_REF. A month or day
// named without a year takes the occurrence the verbs point to ("will send ... in July"
// forward, "shipped in June" / "since September" back) when a tense cue governs it, and
// the nearer occurrence otherwise (a past one unless the future one is clearly nearer,
// since news mostly reports what happened; weekdays without a cue take the last one);
// Timex::certainty says how sure that choice is and Timex::anchor holds the date used.
// Some expressions refer to what the text said before rather than to the anchor:
//   "the following day", "later that year", "the same month last year" -> the date named last;
//   "the quarter", "the latest period", "a year ago", "the year-earlier quarter" in a
//   results story -> the quarter it reports (named in this or the last few sentences),
//   or a year before it ("1988-Q3"); without one, the last quarter ended at the anchor.
// Phone numbers, scores, counts ("2000 troops"), versions, titles ("60 Minutes",
// "This Week") and impossible dates ("February 30") are never tagged.
void ExtractTimes(Document& doc);

// The latest full date (YYYY-MM-DD) the text itself states, or "" when none: the
// anchor used when an article comes without a publication date. Dates the text looks
// forward to ("will be held on July 4, 2024") are not candidates. Reads tokens and
// sentences, so text::Segment must have run.
std::string InferPublicationDate(const Document& doc);

}  // namespace claimgraph::extract
