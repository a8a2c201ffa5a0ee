// Spelling features of single words shared by the taggers: shapes, affixes by code
// point, normalised forms. Pure functions; thread-safe.
#pragma once

#include <string>
#include <string_view>

#include "learn/word_clusters.h"

namespace claimgraph::tagging {

// "Obama" -> "Xxxxx", "1996-08-30" -> "dddd-dd-dd"; long words keep their first
// and last four letters' classes around a '~' so rare lengths do not split evidence.
std::string WordShape(std::string_view word);
// Runs collapsed: "Obama" -> "Xx", "1996-08-30" -> "d-d-d", "McDonald" -> "XxXx".
std::string ShortShape(std::string_view word);
// Lower case with every digit turned into 0: "1996" -> "0000".
std::string NormalisedLower(std::string_view word);
// First / last n code points (the whole word when shorter).
std::string_view Prefix(std::string_view word, int n);
std::string_view Suffix(std::string_view word, int n);
size_t CodePoints(std::string_view word);

bool HasDigit(std::string_view word);
bool HasUpper(std::string_view word);
bool InitialUpper(std::string_view word);
// Every letter upper case and at least one letter.
bool AllUpper(std::string_view word);
bool HasLetter(std::string_view word);

// Word classes of `word`: exact spelling first, then lower case, then title case.
const uint16_t* FindClusters(const learn::WordClusters& clusters, std::string_view word);

}  // namespace claimgraph::tagging
