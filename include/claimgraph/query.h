// Read-only questions over a Store and their printable forms. Each function only
// reads the database; it uses the Store's connection, so the Store's thread rule holds
// (one thread at a time per Store). Errors are DatabaseError naming the file, or
// InvalidInput for a malformed filter.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/status.h"
#include "claimgraph/store.h"

namespace claimgraph {

struct ClaimFilter {
  // Claims about something: its source or content mentions an entity whose kb id, name
  // or a mention text equals `about` (case-insensitive), or the words of `about`
  // occur as a phrase in the content or source text (full-text search). Empty: any.
  std::string about = {};
  // Claims by a source: the source entity's kb id equals `by`, or `by` is a
  // case-insensitive substring of the source entity's name or of the source text.
  std::string by = {};
  // YYYY, YYYY-MM or YYYY-MM-DD: only documents published on or after that date
  // (documents without a publication date are left out).
  std::string since = {};
  // Only claims whose source is anonymous or absent.
  bool unattributed_only = false;
  // At most this many rows; 0 = all.
  int limit = 0;
};

// One claim with the evidence needed to check it: where it was read, the sentence and
// byte offsets into the document text.
struct ClaimRow {
  int64_t id = 0;
  std::string doc_id, url, published;
  std::string source_text;          // empty when no source is named
  std::string source_entity_name;   // empty when the source is not linked to an entity
  std::string source_kb;            // the source entity's kb id, if any
  std::string cue_lemma, cue_text, content_text;
  std::string sentence_text;
  std::string kind;                 // direct | indirect | mixed | according_to | headline
  std::string extractor_version;
  bool anonymous = false;
  bool has_source = false;          // source offsets are meaningful only then
  uint32_t source_start = 0, source_end = 0, cue_start = 0, cue_end = 0, content_start = 0, content_end = 0;
  int sentence = 0;                 // index of the sentence within its document
};

// Claims matching `filter`, ordered by publication date (undated documents last),
// then document id, then position in the document.
Result<std::vector<ClaimRow>> QueryClaims(Store& store, const ClaimFilter& filter);

struct EntityRow {
  int64_t id = 0;
  std::string name, type, kb;
  int documents = 0;         // documents that mention it
  int mentions = 0;
  int claims_as_source = 0;  // claims it is the source of
};

// Entities of `type` (PERSON, ORG, GPE, LOC; case-insensitive; empty = all) that are
// mentioned or cited somewhere, most mentioned first.
Result<std::vector<EntityRow>> QueryEntities(Store& store, const std::string& type);

struct SourceRow {
  // The source entity's name; for unlinked sources the source text (lower-cased when
  // anonymous, so "Officials" and "officials" are one row); "(no source)" for claims
  // that name none.
  std::string source;
  std::string kb;
  int claims = 0;
  int documents = 0;
  int anonymous = 0;  // claims among them with an anonymous source
};

// Claims per source, most first.
Result<std::vector<SourceRow>> QuerySources(Store& store);

struct StoreCounts {
  int64_t documents = 0, sentences = 0, entities = 0, mentions = 0, claims = 0, times = 0, amounts = 0,
          signals = 0;
};

Result<int64_t> CountDocuments(Store& store);
// Rows of every table (entities: the global, de-duplicated ones).
Result<StoreCounts> CountRows(Store& store);

// Output formats: "table" (aligned columns for a terminal, long text cut with "…"),
// "csv" (RFC 4180: header line, CRLF line ends, fields with comma, quote or line break
// quoted with quotes doubled) and "json" (an array of objects with every field,
// evidence included). An unknown format is a caller bug; check with IsOutputFormat.
bool IsOutputFormat(std::string_view format);
std::string FormatClaims(const std::vector<ClaimRow>& rows, std::string_view format);
std::string FormatEntities(const std::vector<EntityRow>& rows, std::string_view format);
std::string FormatSources(const std::vector<SourceRow>& rows, std::string_view format);

}  // namespace claimgraph
