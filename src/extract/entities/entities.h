// Stage (4a) entities: persons, organisations, countries/cities (GPE) and other places
// (LOC), merged per document with all their mentions and linked to the knowledge base.
// Reads tokens and sentences, and the recogniser's BIO tags (Token::ner) when doc.tagged;
// writes doc.entities (ids "e1", "e2", ... in order of first mention).
// Thread-safe: the knowledge base is read-only.
#pragma once

#include "claimgraph/document.h"
#include "kb/knowledge_base.h"

namespace claimgraph::extract {

struct EntityOptions {
  // Merge the recogniser's spans (Token::ner, used only when doc.tagged) with the
  // knowledge-base and rule matches; false: knowledge base and rules alone.
  bool use_recognizer = true;
};

void ExtractEntities(Document& doc, const kb::KnowledgeBase& kb, const EntityOptions& options = {});

}  // namespace claimgraph::extract
