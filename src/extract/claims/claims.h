// Stage (4d) claims: attributed statements as source, cue and content.
// Reads tokens, sentences and entities (to link sources and resolve pronouns);
// writes doc.claims. Stateless and thread-safe.
//
// Constructions: reporting verbs (said, claimed, told, warned, denied...) with the
// source before or after them, "according to X", nominal sources ("a statement from X
// notes that"), headline attributions ("Report Claims ..."), relative clauses ("which X
// said was ..."), quotes with the speaker before, after or inside them, and pronoun
// sources resolved to the person they stand for.
#pragma once

#include <string_view>

#include "claimgraph/document.h"
#include "extract/claims/attribution.h"

namespace claimgraph::extract {

// With a model, its relations are added where the rules found none (see attribution.h).
void ExtractClaims(Document& doc, const AttributionModel* model = nullptr);

// Lemma of a reporting verb form ("claimed" -> "claim"), or "" when `word` is not one.
std::string_view CueLemma(std::string_view word);

// True for source heads that do not name who speaks ("report", "officials", "sources").
bool IsAnonymousSourceHead(std::string_view lower_word);

}  // namespace claimgraph::extract
