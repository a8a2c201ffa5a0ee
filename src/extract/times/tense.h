// Which way a calendar name without a year points ("in July", "on Tuesday"): guessed
// from the verbs around it, since news reports the past and announces the future.
// Reads tokens only; stateless and thread-safe.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::extract {

enum class Direction { kUnknown, kPast, kFuture };

struct DirectionGuess {
  Direction direction = Direction::kUnknown;
  double certainty = 0.6;  // how sure the guess is: 0.9 clear tense, 0.6 none found
  double strength = 0;     // weight of the deciding cue over its distance: 1 = "will" right beside
  bool forced = false;     // a word right before decides ("since September", "the year ended Jan. 31")
  bool unopposed = false;  // no cue in the sentence points the other way (or to the present)
};

// The tense of the verb the dependency tree hangs tokens [first, end) on (obl, obl:tmod,
// nmod:tmod, advmod) or of the expression's own copula ("the vote is Tuesday"), from its
// Penn tag and auxiliaries: "will"/"would"/modals forward, VBD, "had"/"has" + VBN, "was"
// back, "is"/"are" + VBG/VBN/ADJ and present VBZ/VBP ("Arafat meets Clinton Monday")
// forward as scheduled events, present reporting verbs neither; an infinitive counts as its
// governor's when that is "plans"/"is going"/"expected". strength 0 when doc.tagged or
// doc.parsed is false or the tree does not decide. Reads doc only.
DirectionGuess TreeDirection(const Document& doc, const std::vector<std::string>& words, uint32_t first, uint32_t end);

// Looks at the verbs of `sentence` around tokens [first, end) of the expression: modal
// "will"/"'ll"/"shall" (and weaker "would", "plans to") point forward; past forms, "had",
// present perfects and "since" point back, and "ended" right before dates a close in the
// past, "postponed until" points forward. When the document is tagged and parsed the
// governing verb's tense (TreeDirection) decides if it can; else the nearest cue in the
// same clause wins.
// `words` holds the document's tokens as words::FoldedTokens (core/words.h) gives them.
DirectionGuess GuessDirection(const Document& doc, const std::vector<std::string>& words, const Sentence& sentence,
                              uint32_t first, uint32_t end);

}  // namespace claimgraph::extract
