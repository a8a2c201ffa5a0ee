// The document as JSON: the contract of ../shared/eval/CONTRACT.md (entities, times,
// amounts, claims with byte offsets) extended with metadata, sentences, signals and
// evidence. Field names of the contract are never renamed.
#pragma once

#include <nlohmann/json.hpp>

#include "claimgraph/document.h"

namespace claimgraph {

nlohmann::json ToJson(const Document& doc);

}  // namespace claimgraph
