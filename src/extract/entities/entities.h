// Stage (4a) entities: persons, organisations, countries/cities (GPE) and other places
// (LOC), merged per document with all their mentions and linked to the knowledge base.
// Reads tokens and sentences; writes doc.entities (ids "e1", "e2", ... in order of first mention).
// Thread-safe: the knowledge base is read-only.
#pragma once

#include "claimgraph/document.h"
#include "kb/knowledge_base.h"

namespace claimgraph::extract {

void ExtractEntities(Document& doc, const kb::KnowledgeBase& kb);

}  // namespace claimgraph::extract
