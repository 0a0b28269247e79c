#include "store/schema.h"

#include <string>

#include "kroniek/version.h"

namespace kroniek::store {
namespace {

// Offsets (start/end columns) are Unicode code points into doc.text, as in the JSON contract,
// so that SQLite's substr(text, start + 1, end - start) returns the span.
constexpr const char* kSchemaSql = R"SQL(
CREATE TABLE kroniek_store(
  key   TEXT PRIMARY KEY,
  value TEXT NOT NULL
) WITHOUT ROWID;

CREATE TABLE doc(
  id        INTEGER PRIMARY KEY,
  ext_id    TEXT NOT NULL UNIQUE,
  hash      INTEGER NOT NULL,
  date      TEXT,
  day       INTEGER,
  title     TEXT,
  source    TEXT,
  url       TEXT,
  lang      TEXT NOT NULL,
  extra     TEXT,
  text      TEXT NOT NULL,
  chars     INTEGER NOT NULL,
  tokens    INTEGER NOT NULL,
  sentences INTEGER NOT NULL,
  layers    INTEGER NOT NULL,
  dup_of    INTEGER,
  dup_score REAL
);
CREATE INDEX doc_hash ON doc(hash);
CREATE INDEX doc_day ON doc(day);
CREATE INDEX doc_dup ON doc(dup_of) WHERE dup_of IS NOT NULL;

CREATE VIRTUAL TABLE doc_fts USING fts5(
  title, text, content='doc', content_rowid='id',
  tokenize='unicode61 remove_diacritics 2');
CREATE TRIGGER doc_fts_insert AFTER INSERT ON doc BEGIN
  INSERT INTO doc_fts(rowid, title, text) VALUES (new.id, new.title, new.text);
END;
CREATE TRIGGER doc_fts_delete AFTER DELETE ON doc BEGIN
  INSERT INTO doc_fts(doc_fts, rowid, title, text) VALUES ('delete', old.id, old.title, old.text);
END;

CREATE TABLE doc_band(
  band INTEGER NOT NULL,
  doc  INTEGER NOT NULL,
  PRIMARY KEY(band, doc)
) WITHOUT ROWID;

CREATE TABLE entity(
  id       INTEGER PRIMARY KEY,
  kb       TEXT,
  name     TEXT NOT NULL,
  type     TEXT NOT NULL,
  docs     INTEGER NOT NULL DEFAULT 0,
  mentions INTEGER NOT NULL DEFAULT 0
);
CREATE UNIQUE INDEX entity_kb ON entity(kb) WHERE kb IS NOT NULL;
CREATE UNIQUE INDEX entity_name_type ON entity(name, type) WHERE kb IS NULL;
CREATE INDEX entity_name_nocase ON entity(name COLLATE NOCASE);
CREATE INDEX entity_docs ON entity(docs);

CREATE TABLE doc_entity(
  entity   INTEGER NOT NULL,
  doc      INTEGER NOT NULL,
  day      INTEGER,
  mentions INTEGER NOT NULL,
  PRIMARY KEY(entity, doc)
) WITHOUT ROWID;
CREATE INDEX doc_entity_doc ON doc_entity(doc, entity);

CREATE TABLE mention(
  doc    INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  local  INTEGER NOT NULL,
  start  INTEGER NOT NULL,
  end    INTEGER NOT NULL,
  kind   INTEGER NOT NULL,
  PRIMARY KEY(doc, seq)
) WITHOUT ROWID;

CREATE TABLE quote(
  doc           INTEGER NOT NULL,
  seq           INTEGER NOT NULL,
  day           INTEGER,
  start         INTEGER NOT NULL,
  end           INTEGER NOT NULL,
  kind          INTEGER NOT NULL,
  speaker       INTEGER,
  speaker_local INTEGER,
  sm_start      INTEGER,
  sm_end        INTEGER,
  cue_start     INTEGER,
  cue_end       INTEGER,
  PRIMARY KEY(doc, seq)
) WITHOUT ROWID;
CREATE INDEX quote_speaker ON quote(speaker, day) WHERE speaker IS NOT NULL;

CREATE TABLE time(
  doc   INTEGER NOT NULL,
  seq   INTEGER NOT NULL,
  start INTEGER NOT NULL,
  end   INTEGER NOT NULL,
  type  TEXT NOT NULL,
  value TEXT NOT NULL,
  PRIMARY KEY(doc, seq)
) WITHOUT ROWID;

CREATE TABLE event(
  id             INTEGER PRIMARY KEY,
  doc            INTEGER NOT NULL,
  seq            INTEGER NOT NULL,
  day            INTEGER,
  type           TEXT NOT NULL,
  trigger_start  INTEGER NOT NULL,
  trigger_end    INTEGER NOT NULL,
  location       INTEGER,
  location_local INTEGER,
  time_seq       INTEGER,
  status         TEXT NOT NULL,
  sentence       INTEGER
);
CREATE INDEX event_doc ON event(doc);
CREATE INDEX event_type ON event(type, day);

CREATE TABLE event_arg(
  event  INTEGER NOT NULL,
  role   INTEGER NOT NULL,
  seq    INTEGER NOT NULL,
  entity INTEGER NOT NULL,
  local  INTEGER NOT NULL,
  PRIMARY KEY(event, role, seq)
) WITHOUT ROWID;
CREATE INDEX event_arg_entity ON event_arg(entity, role);
)SQL";

// Reads schema_version; -1 when the table is missing, -2 when the value is not a number.
Result<int> ReadVersion(Db& db) {
  auto probe = db.Prepare(
      "SELECT count(*) FROM sqlite_schema WHERE type = 'table' AND name = 'kroniek_store'", false,
      ErrorId::kStoreOpen);
  if (!probe.ok()) return probe.status();
  if (probe->Step() != SQLITE_ROW) return db.Error(ErrorId::kStoreOpen, "read the schema");
  if (probe->Int(0) == 0) return -1;
  auto st = db.Prepare("SELECT value FROM kroniek_store WHERE key = 'schema_version'", false,
                       ErrorId::kStoreOpen);
  if (!st.ok()) return st.status();
  if (st->Step() != SQLITE_ROW) return -2;
  std::string v = st->Text(0);
  if (v.empty() || v.find_first_not_of("0123456789") != std::string::npos) return -2;
  return std::stoi(v);
}

// The number of tables, indexes and the like in the database.
Result<int64_t> CountSchemaObjects(Db& db) {
  auto count = db.Prepare("SELECT count(*) FROM sqlite_schema", false, ErrorId::kStoreOpen);
  if (!count.ok()) return count.status();
  if (count->Step() != SQLITE_ROW) return db.Error(ErrorId::kStoreOpen, "read the schema");
  return count->Int(0);
}

Status VersionError(const std::string& path, int version) {
  if (version == -1 || version == -2) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kStoreSchema,
                     path + ": not a kroniek store (no schema version)");
  }
  if (version < kSchemaVersion) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kStoreSchema,
                     path + ": store schema version " + std::to_string(version) +
                         " is older than this kroniek reads (" + std::to_string(kSchemaVersion) +
                         "); ingest the articles into a new store");
  }
  return MakeError(StatusCode::kUnsupported, ErrorId::kStoreSchema,
                   path + ": store schema version " + std::to_string(version) +
                       " is newer than this kroniek reads (" + std::to_string(kSchemaVersion) +
                       "); use a newer kroniek");
}

}  // namespace

Status CheckSchema(Db& db, const std::string& path) {
  auto v = ReadVersion(db);
  if (!v.ok()) return v.status();
  if (*v != kSchemaVersion) return VersionError(path, *v);
  return Status();
}

Status CreateOrCheckSchema(Db& db, const std::string& path) {
  KRONIEK_RETURN_IF_ERROR(db.Exec("BEGIN IMMEDIATE", ErrorId::kStoreOpen));
  auto v = ReadVersion(db);
  if (!v.ok()) {
    (void)db.Exec("ROLLBACK");
    return v.status();
  }
  if (*v == -1) {
    // A new store, unless the file already holds other tables.
    auto tables = CountSchemaObjects(db);
    if (!tables.ok()) {
      (void)db.Exec("ROLLBACK");
      return tables.status();
    }
    const bool empty = *tables == 0;
    if (!empty) {
      (void)db.Exec("ROLLBACK");
      return VersionError(path, -1);
    }
    Status s = db.Exec(kSchemaSql, ErrorId::kStoreOpen);
    if (s.ok()) {
      auto ins = db.Prepare("INSERT INTO kroniek_store(key, value) VALUES (?1, ?2)", false,
                            ErrorId::kStoreOpen);
      if (!ins.ok()) {
        s = ins.status();
      } else {
        ins->Bind(1, "schema_version").Bind(2, std::to_string(kSchemaVersion));
        bool ok = StepDone(*ins);
        ins->Bind(1, "created_by").Bind(2, std::string("kroniek ") + kVersionString);
        ok = ok && StepDone(*ins);
        if (!ok) s = db.Error(ErrorId::kStoreOpen, "write the schema version");
      }
    }
    if (!s.ok()) {
      (void)db.Exec("ROLLBACK");
      return s.WithContext(path);
    }
    return db.Exec("COMMIT", ErrorId::kStoreOpen);
  }
  (void)db.Exec("ROLLBACK");
  if (*v != kSchemaVersion) return VersionError(path, *v);
  return Status();
}

}  // namespace kroniek::store
