// Stage (2) text: paragraphs, tokens and sentences.
// Reads Document::text and body_start; writes paragraphs, tokens, sentences.
// Stateless and thread-safe.
#pragma once

#include <string_view>

#include "claimgraph/document.h"

namespace claimgraph::text {

// Fills doc.paragraphs, doc.tokens and doc.sentences (replacing what was there).
void Segment(Document& doc);

// True for abbreviations that keep their final period ("Mr.", "Sept.", "Inc.").
bool IsAbbreviation(std::string_view word_without_period);

}  // namespace claimgraph::text
