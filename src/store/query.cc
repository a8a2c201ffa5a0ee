#include "claimgraph/query.h"

#include <fmt/format.h>
#include <sqlite3.h>

#include "core/utf8.h"
#include "store/sqlite_util.h"

namespace claimgraph {

using store_internal::DbError;
using store_internal::Stmt;

namespace {

bool IsDigits(std::string_view s) {
  for (char c : s) {
    if (c < '0' || c > '9') return false;
  }
  return !s.empty();
}

// YYYY, YYYY-MM or YYYY-MM-DD: prefixes of the stored form, so they compare as text.
bool IsDatePrefix(std::string_view s) {
  if (s.size() != 4 && s.size() != 7 && s.size() != 10) return false;
  if (!IsDigits(s.substr(0, 4))) return false;
  if (s.size() >= 7 && (s[4] != '-' || !IsDigits(s.substr(5, 2)))) return false;
  if (s.size() == 10 && (s[7] != '-' || !IsDigits(s.substr(8, 2)))) return false;
  return true;
}

// The user's words as one FTS5 phrase: quoted, so operators and punctuation in it are
// plain text.
std::string FtsPhrase(std::string_view text) {
  std::string out = "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

// True when FTS5's tokenizer would find at least one token in `text` (a phrase without
// tokens is a syntax error in a MATCH).
bool HasWordCharacter(std::string_view text) {
  size_t i = 0;
  while (i < text.size()) {
    char32_t c = utf8::Next(text, i);
    if (utf8::IsAlpha(c) || utf8::IsDigit(c)) return true;
  }
  return false;
}

void BindIfPresent(Stmt& st, const char* name, std::string_view value) {
  if (int i = st.ParamIndex(name); i > 0) st.BindText(i, value);
}

}  // namespace

Result<std::vector<ClaimRow>> QueryClaims(Store& store, const ClaimFilter& filter) {
  if (!filter.since.empty() && !IsDatePrefix(filter.since)) {
    return Status::InvalidInput(fmt::format("since: expected YYYY-MM-DD (or YYYY-MM, YYYY), got '{}'", filter.since));
  }
  if (filter.limit < 0) return Status::InvalidInput(fmt::format("limit: must not be negative, got {}", filter.limit));

  std::string sql;
  if (!filter.about.empty()) {
    sql +=
        "WITH about_entities(id) AS (\n"
        "  SELECT id FROM entities WHERE cg_lower(kb) = :about OR cg_lower(name) = :about\n"
        "  UNION SELECT entity FROM mentions WHERE cg_lower(text) = :about)\n";
  }
  sql +=
      "SELECT c.id, c.doc, d.url, d.published, c.source_text, e.name, e.kb, c.cue_lemma, c.cue_text,\n"
      "  c.content_text,\n"
      "  CAST(substr(CAST(d.text AS BLOB), s.start + 1, s.\"end\" - s.start) AS TEXT),\n"
      "  c.kind, c.extractor_version, c.anonymous, c.source_start, c.source_end, c.cue_start, c.cue_end,\n"
      "  c.content_start, c.content_end, c.sentence\n"
      "FROM claims c\n"
      "JOIN documents d ON d.id = c.doc\n"
      "LEFT JOIN entities e ON e.id = c.source_entity\n"
      "LEFT JOIN sentences s ON s.doc = c.doc AND s.idx = c.sentence\n"
      "WHERE 1 = 1\n";
  if (!filter.about.empty()) {
    // A mention counts when it lies inside the claim's content or source span.
    sql +=
        "AND (c.source_entity IN (SELECT id FROM about_entities)\n"
        "  OR EXISTS (SELECT 1 FROM mentions m WHERE m.doc = c.doc\n"
        "             AND m.entity IN (SELECT id FROM about_entities)\n"
        "             AND ((m.start >= c.content_start AND m.\"end\" <= c.content_end)\n"
        "                  OR (m.start >= c.source_start AND m.\"end\" <= c.source_end)))\n";
    if (HasWordCharacter(filter.about)) {
      sql += "  OR c.id IN (SELECT rowid FROM claims_fts WHERE claims_fts MATCH :phrase)";
    }
    sql += ")\n";
  }
  if (!filter.by.empty()) {
    sql +=
        "AND (c.source_entity IN (SELECT id FROM entities\n"
        "                         WHERE cg_lower(kb) = :by OR instr(cg_lower(name), :by) > 0)\n"
        "  OR instr(cg_lower(c.source_text), :by) > 0)\n";
  }
  if (!filter.since.empty()) sql += "AND d.published <> '' AND d.published >= :since\n";
  if (filter.unattributed_only) sql += "AND (c.anonymous = 1 OR c.source_text IS NULL)\n";
  sql +=
      "ORDER BY d.published = '', d.published, c.doc,\n"
      "  min(coalesce(c.source_start, c.cue_start), c.cue_start, c.content_start), c.id\n";
  if (filter.limit > 0) sql += fmt::format("LIMIT {}\n", filter.limit);

  sqlite3* db = store.handle();
  Stmt st;
  if (st.Prepare(db, sql) != SQLITE_OK) return DbError(db, store.path(), "querying claims");
  BindIfPresent(st, ":about", utf8::Lower(filter.about));
  BindIfPresent(st, ":phrase", FtsPhrase(filter.about));
  BindIfPresent(st, ":by", utf8::Lower(filter.by));
  BindIfPresent(st, ":since", filter.since);

  std::vector<ClaimRow> rows;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    ClaimRow r;
    r.id = st.Int(0);
    r.doc_id = st.Text(1);
    r.url = st.Text(2);
    r.published = st.Text(3);
    r.has_source = !st.IsNull(4);
    r.source_text = st.Text(4);
    r.source_entity_name = st.Text(5);
    r.source_kb = st.Text(6);
    r.cue_lemma = st.Text(7);
    r.cue_text = st.Text(8);
    r.content_text = st.Text(9);
    r.sentence_text = st.Text(10);
    r.kind = st.Text(11);
    r.extractor_version = st.Text(12);
    r.anonymous = st.Int(13) != 0;
    r.source_start = static_cast<uint32_t>(st.Int(14));
    r.source_end = static_cast<uint32_t>(st.Int(15));
    r.cue_start = static_cast<uint32_t>(st.Int(16));
    r.cue_end = static_cast<uint32_t>(st.Int(17));
    r.content_start = static_cast<uint32_t>(st.Int(18));
    r.content_end = static_cast<uint32_t>(st.Int(19));
    r.sentence = static_cast<int>(st.Int(20));
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return DbError(db, store.path(), "querying claims");
  return rows;
}

Result<std::vector<EntityRow>> QueryEntities(Store& store, const std::string& type) {
  static constexpr const char* kSql = R"sql(
SELECT * FROM (
  SELECT e.id, e.name, e.type, coalesce(e.kb, '') AS kb,
    (SELECT count(DISTINCT m.doc) FROM mentions m WHERE m.entity = e.id) AS n_documents,
    (SELECT count(*) FROM mentions m WHERE m.entity = e.id) AS n_mentions,
    (SELECT count(*) FROM claims c WHERE c.source_entity = e.id) AS n_claims
  FROM entities e
  WHERE :type = '' OR e.type = upper(:type))
WHERE n_mentions > 0 OR n_claims > 0
ORDER BY n_mentions DESC, n_claims DESC, name, id
)sql";
  sqlite3* db = store.handle();
  Stmt st;
  if (st.Prepare(db, kSql) != SQLITE_OK) return DbError(db, store.path(), "querying entities");
  BindIfPresent(st, ":type", type);
  std::vector<EntityRow> rows;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    EntityRow r;
    r.id = st.Int(0);
    r.name = st.Text(1);
    r.type = st.Text(2);
    r.kb = st.Text(3);
    r.documents = static_cast<int>(st.Int(4));
    r.mentions = static_cast<int>(st.Int(5));
    r.claims_as_source = static_cast<int>(st.Int(6));
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return DbError(db, store.path(), "querying entities");
  return rows;
}

Result<std::vector<SourceRow>> QuerySources(Store& store) {
  // One group per source entity; unlinked sources group by their lower-cased text;
  // claims without a source form one group. Within a group the CASE conditions are
  // the same for every row, so the bare columns in them are well defined.
  static constexpr const char* kSql = R"sql(
SELECT
  CASE WHEN c.source_entity IS NOT NULL THEN max(e.name)
       WHEN c.source_text IS NULL THEN '(no source)'
       WHEN max(c.anonymous) = 1 THEN cg_lower(trim(min(c.source_text)))
       ELSE trim(min(c.source_text)) END AS source,
  coalesce(max(e.kb), '') AS kb,
  count(*) AS n_claims,
  count(DISTINCT c.doc) AS n_documents,
  sum(c.anonymous) AS n_anonymous
FROM claims c LEFT JOIN entities e ON e.id = c.source_entity
GROUP BY CASE WHEN c.source_entity IS NOT NULL THEN 'e' || c.source_entity
              WHEN c.source_text IS NULL THEN '-'
              ELSE 't' || cg_lower(trim(c.source_text)) END
ORDER BY n_claims DESC, source
)sql";
  sqlite3* db = store.handle();
  Stmt st;
  if (st.Prepare(db, kSql) != SQLITE_OK) return DbError(db, store.path(), "querying sources");
  std::vector<SourceRow> rows;
  int rc;
  while ((rc = st.Step()) == SQLITE_ROW) {
    SourceRow r;
    r.source = st.Text(0);
    r.kb = st.Text(1);
    r.claims = static_cast<int>(st.Int(2));
    r.documents = static_cast<int>(st.Int(3));
    r.anonymous = static_cast<int>(st.Int(4));
    rows.push_back(std::move(r));
  }
  if (rc != SQLITE_DONE) return DbError(db, store.path(), "querying sources");
  return rows;
}

Result<StoreCounts> CountRows(Store& store) {
  static constexpr const char* kSql =
      "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM sentences),\n"
      "  (SELECT count(*) FROM entities), (SELECT count(*) FROM mentions), (SELECT count(*) FROM claims),\n"
      "  (SELECT count(*) FROM times), (SELECT count(*) FROM amounts), (SELECT count(*) FROM signals)";
  sqlite3* db = store.handle();
  Stmt st;
  if (st.Prepare(db, kSql) != SQLITE_OK || st.Step() != SQLITE_ROW) {
    return DbError(db, store.path(), "counting rows");
  }
  StoreCounts c;
  c.documents = st.Int(0);
  c.sentences = st.Int(1);
  c.entities = st.Int(2);
  c.mentions = st.Int(3);
  c.claims = st.Int(4);
  c.times = st.Int(5);
  c.amounts = st.Int(6);
  c.signals = st.Int(7);
  return c;
}

Result<int64_t> CountDocuments(Store& store) {
  sqlite3* db = store.handle();
  Stmt st;
  if (st.Prepare(db, "SELECT count(*) FROM documents") != SQLITE_OK || st.Step() != SQLITE_ROW) {
    return DbError(db, store.path(), "counting documents");
  }
  return st.Int(0);
}

}  // namespace claimgraph
