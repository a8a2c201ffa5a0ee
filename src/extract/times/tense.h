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
  bool forced = false;     // a preposition decides ("since September")
};

// Looks at the verbs of `sentence` around tokens [first, end) of the expression: modal
// "will"/"'ll"/"shall" (and weaker "would", "plans to") point forward; past forms, "had",
// present perfects and "since" point back. The nearest cue in the same clause wins.
// `words` holds the document's tokens as words::FoldedTokens (core/words.h) gives them.
DirectionGuess GuessDirection(const Document& doc, const std::vector<std::string>& words, const Sentence& sentence,
                              uint32_t first, uint32_t end);

}  // namespace claimgraph::extract
