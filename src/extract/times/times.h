// Stage (4b) times: TIMEX3 expressions resolved against doc.published.
// Reads tokens and sentences; writes doc.times. Stateless and thread-safe.
#pragma once

#include <string>

#include "claimgraph/document.h"

namespace claimgraph::extract {

// Replaces doc.times with the time expressions of the text, in text order:
//   DATE      "June 18, 2024", "Monday, Oct. 26", "March 2023", "in July", "Tuesday", "last year",
//             "two years ago", "the 1990s", "the nineties", "the third quarter", "this summer",
//             "fiscal 1998" / "FY98" / "fiscal 1998's first quarter" (the label's year: TimeML
//             values name fiscal years by their label, whatever month they start in),
//             holidays fixed or by rule ("Christmas", "Thanksgiving", "Memorial Day", "Good Friday",
//             "Easter Monday" from the Gregorian computus; "Easter week", "Holy Week" -> YYYY-Www),
//             "last week" / "this week" (YYYY-Www), "the week of March 6" (YYYY-Www),
//             "the day before last Tuesday", "two days after Christmas" (the date shifted),
//             "now" (PRESENT_REF), "recent years" / "the recent sale" (PAST_REF), "current"
//             (PRESENT_REF), "coming months" (FUTURE_REF), "nineteen ninety-six"
//   TIME      "3 p.m.", "14:30 GMT", "at 4 in the morning", "Monday morning", "tonight"
//   DURATION  "two years", "the past several months" (PXM), "three-year", "5 1/2 hours"
//   SET       "every year", "each July", "daily" used as an adverb, "on Sundays"
// Relative expressions are resolved against doc.published, or, when it is empty or
// invalid, against InferPublicationDate(doc) with lower certainty; with neither they
// keep X's ("XXXX-07") or become PRESENT_REF / PAST_REF / FUTURE_REF. A month or day
// named without a year takes the occurrence the verbs point to ("will send ... in July"
// forward, "shipped in June" / "since September" back) when a tense cue governs it, and
// the nearer occurrence otherwise (a past one unless the future one is clearly nearer,
// since news mostly reports what happened; weekdays without a cue take the last one);
// when doc.tagged and doc.parsed, the tense of the verb the tree hangs the expression on
// decides first (GuessDirection / TreeDirection in tense.h: "Arafat meets Clinton Monday" and
// "when the case is heard in May" forward, "set aside ... on Friday" back; plans, commitments
// and deadlines are left to the window rules, and "postponed until Tuesday" is forward);
// a weak cue still decides when nothing in the sentence points the other way, and a month
// named again without a cue of its own keeps the year the text gave it before.
// Timex::certainty says how sure that choice is and Timex::anchor holds the date used.
// Some expressions refer to what the text said before rather than to the anchor:
//   "the following day", "later that year", "the same month last year" -> the date named last;
//   "the quarter", "the latest period", "a year ago", "the year-earlier quarter" in a
//   results story -> the quarter it reports (named in this or the last few sentences),
//   or a year before it ("1988-Q3"); without one, the last quarter ended at the anchor. A
//   quarter not yet ended that the verbs do not report as past ("will take a fourth-quarter
//   charge") never becomes the reported one.
// A sentence-opening "Now," turns the argument and is not a time.
// Phone numbers, scores, counts ("2000 troops"), versions, titles ("60 Minutes",
// "This Week") and impossible dates ("February 30") are never tagged.
void ExtractTimes(Document& doc);

// The latest full date (YYYY-MM-DD) the text itself states, or "" when none: the
// anchor used when an article comes without a publication date. Dates the text looks
// forward to ("will be held on July 4, 2024") are not candidates. Reads tokens and
// sentences, so text::Segment must have run.
std::string InferPublicationDate(const Document& doc);

}  // namespace claimgraph::extract
