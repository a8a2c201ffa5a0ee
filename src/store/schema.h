// The database schema as numbered migrations (doc/formats/sqlite_schema.md explains
// every table). PRAGMA user_version holds the number of migrations applied; Store::Open
// applies the missing ones in one transaction. Migrations are append-only: never edit
// one that has shipped, add the next.
#pragma once

#include <array>

namespace claimgraph::store_internal {

inline constexpr std::array<const char*, 2> kMigrations = {
    // 1: the initial schema: documents and their layers, global entities.
    R"sql(
CREATE TABLE documents (
  id                TEXT PRIMARY KEY NOT NULL,
  url               TEXT NOT NULL DEFAULT '',
  path              TEXT NOT NULL DEFAULT '',
  title             TEXT NOT NULL DEFAULT '',
  source            TEXT NOT NULL DEFAULT '',
  author            TEXT NOT NULL DEFAULT '',
  published         TEXT NOT NULL DEFAULT '',
  published_method  TEXT NOT NULL DEFAULT '',
  format            TEXT NOT NULL DEFAULT '',
  content_hash      TEXT NOT NULL,
  extractor_version TEXT NOT NULL,
  ingested_at       TEXT NOT NULL,
  body_start        INTEGER NOT NULL DEFAULT 0,
  text              TEXT NOT NULL
);
CREATE INDEX documents_published ON documents(published, id);

CREATE TABLE sentences (
  doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  idx       INTEGER NOT NULL,
  start     INTEGER NOT NULL,
  "end"     INTEGER NOT NULL,
  paragraph INTEGER NOT NULL,
  headline  INTEGER NOT NULL DEFAULT 0,
  PRIMARY KEY (doc, idx),
  CHECK (start >= 0 AND "end" >= start)
) WITHOUT ROWID;

CREATE TABLE entities (
  id   INTEGER PRIMARY KEY,
  key  TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  type TEXT NOT NULL,
  kb   TEXT
);

CREATE TABLE mentions (
  doc           TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  entity        INTEGER NOT NULL REFERENCES entities(id),
  doc_entity_id TEXT NOT NULL,
  start         INTEGER NOT NULL,
  "end"         INTEGER NOT NULL,
  text          TEXT NOT NULL,
  CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX mentions_doc ON mentions(doc, start);
CREATE INDEX mentions_entity ON mentions(entity);

CREATE TABLE claims (
  id                INTEGER PRIMARY KEY,
  doc               TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  sentence          INTEGER NOT NULL,
  source_text       TEXT,
  source_start      INTEGER,
  source_end        INTEGER,
  source_entity     INTEGER REFERENCES entities(id) ON DELETE SET NULL,
  source_doc_entity TEXT,
  anonymous         INTEGER NOT NULL DEFAULT 0,
  cue_text          TEXT NOT NULL,
  cue_lemma         TEXT NOT NULL,
  cue_start         INTEGER NOT NULL,
  cue_end           INTEGER NOT NULL,
  content_text      TEXT NOT NULL,
  content_start     INTEGER NOT NULL,
  content_end       INTEGER NOT NULL,
  kind              TEXT NOT NULL DEFAULT '',
  extractor_version TEXT NOT NULL,
  CHECK (source_start IS NULL OR (source_start >= 0 AND source_end >= source_start)),
  CHECK (cue_start >= 0 AND cue_end >= cue_start),
  CHECK (content_start >= 0 AND content_end >= content_start)
);
CREATE INDEX claims_doc ON claims(doc, sentence);
CREATE INDEX claims_source_entity ON claims(source_entity);

CREATE TABLE times (
  doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start     INTEGER NOT NULL,
  "end"     INTEGER NOT NULL,
  text      TEXT NOT NULL,
  type      TEXT NOT NULL,
  value     TEXT NOT NULL,
  anchor    TEXT,
  certainty REAL NOT NULL DEFAULT 1,
  CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX times_doc ON times(doc);
CREATE INDEX times_value ON times(value);

CREATE TABLE amounts (
  doc       TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  start     INTEGER NOT NULL,
  "end"     INTEGER NOT NULL,
  text      TEXT NOT NULL,
  value     REAL NOT NULL,
  value_max REAL,
  unit      TEXT NOT NULL DEFAULT '',
  approx    TEXT NOT NULL DEFAULT 'exact',
  per       TEXT,
  vague     INTEGER NOT NULL DEFAULT 0,
  CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX amounts_doc ON amounts(doc);

CREATE TABLE signals (
  doc   TEXT NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
  kind  TEXT NOT NULL,
  start INTEGER NOT NULL,
  "end" INTEGER NOT NULL,
  text  TEXT NOT NULL DEFAULT '',
  note  TEXT NOT NULL DEFAULT '',
  CHECK (start >= 0 AND "end" >= start)
);
CREATE INDEX signals_doc ON signals(doc);
CREATE INDEX signals_kind ON signals(kind);
)sql",

    // 2: full-text search over what claims say and who says it. External content:
    // the text lives once, in claims; triggers keep the index in step (they also fire
    // for rows removed by ON DELETE CASCADE). 'rebuild' indexes claims already stored.
    R"sql(
CREATE VIRTUAL TABLE claims_fts USING fts5(
  content_text, source_text,
  content='claims', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2'
);
CREATE TRIGGER claims_fts_insert AFTER INSERT ON claims BEGIN
  INSERT INTO claims_fts(rowid, content_text, source_text)
  VALUES (new.id, new.content_text, new.source_text);
END;
CREATE TRIGGER claims_fts_delete AFTER DELETE ON claims BEGIN
  INSERT INTO claims_fts(claims_fts, rowid, content_text, source_text)
  VALUES ('delete', old.id, old.content_text, old.source_text);
END;
INSERT INTO claims_fts(claims_fts) VALUES ('rebuild');
)sql",
};

inline constexpr int kSchemaVersion = static_cast<int>(kMigrations.size());

}  // namespace claimgraph::store_internal
