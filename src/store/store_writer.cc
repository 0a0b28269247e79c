#include "store/store_writer.h"

#include <xxhash.h>

#include <algorithm>
#include <map>
#include <set>
#include <vector>

#include "base/json_util.h"
#include "base/utf8.h"
#include "store/schema.h"

namespace kroniek::store {

struct StoreWriter::Statements {
  Stmt find_by_ext, find_by_hash, insert_doc, band_docs, doc_minhash, insert_band, delete_band;
  Stmt entity_by_kb, entity_by_name, insert_entity, bump_entity;
  Stmt insert_doc_entity, insert_mention, insert_quote, insert_time, insert_event, insert_event_arg;
  Stmt doc_entities, delete_doc_entities, delete_mentions, delete_event_args, delete_events,
      delete_quotes, delete_times, delete_doc;
};

namespace {

void HashField(XXH3_state_t* st, const std::optional<std::string>& v) {
  if (v) {
    XXH3_64bits_update(st, "\x01", 1);
    XXH3_64bits_update(st, v->data(), v->size());
  }
  XXH3_64bits_update(st, "\x00", 1);
}

std::string ExtraJson(const Meta& meta) {
  if (meta.extra.empty()) return "";
  std::string out = "{";
  for (size_t i = 0; i < meta.extra.size(); ++i) {
    if (i) out.push_back(',');
    json::AppendString(meta.extra[i].first, &out);
    out.push_back(':');
    out.append(meta.extra[i].second);
  }
  out.push_back('}');
  return out;
}

int MentionKindCode(MentionKind k) { return static_cast<int>(k); }

// The article's entities as the store sees them: the entities layer, plus one entity for each
// mention no entity groups (named by its text), so that every mention is kept.
struct LocalEntity {
  std::string type, name;
  std::optional<std::string> kb;
  std::vector<uint32_t> mentions;
};

std::vector<LocalEntity> LocalEntities(const Doc& doc, std::vector<int32_t>* mention_entity) {
  std::vector<LocalEntity> out;
  mention_entity->assign(doc.mentions.size(), -1);
  for (size_t i = 0; i < doc.entities.size(); ++i) {
    const Entity& e = doc.entities[i];
    LocalEntity le{e.type, e.name, e.kb, {}};
    for (uint32_t m : e.mentions) {
      if (m < doc.mentions.size() && (*mention_entity)[m] < 0) {
        (*mention_entity)[m] = static_cast<int32_t>(i);
        le.mentions.push_back(m);
      }
    }
    if (le.name.empty() && !le.mentions.empty()) {
      le.name = std::string(doc.SpanText(doc.mentions[le.mentions[0]].span));
    }
    if (le.type.empty() && !le.mentions.empty()) le.type = doc.mentions[le.mentions[0]].type;
    out.push_back(std::move(le));
  }
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    if ((*mention_entity)[m] >= 0) continue;
    (*mention_entity)[m] = static_cast<int32_t>(out.size());
    out.push_back(LocalEntity{doc.mentions[m].type,
                              std::string(doc.SpanText(doc.mentions[m].span)),
                              std::nullopt,
                              {static_cast<uint32_t>(m)}});
  }
  return out;
}

}  // namespace

uint64_t ContentHash(const Doc& doc) {
  XXH3_state_t* st = XXH3_createState();
  XXH3_64bits_reset(st);
  XXH3_64bits_update(st, doc.text.data(), doc.text.size());
  XXH3_64bits_update(st, "\x00", 1);
  HashField(st, doc.meta.date);
  HashField(st, doc.meta.title);
  HashField(st, doc.meta.source);
  HashField(st, doc.meta.url);
  HashField(st, doc.lang);
  for (const auto& [k, v] : doc.meta.extra) {
    XXH3_64bits_update(st, k.data(), k.size());
    XXH3_64bits_update(st, "\x00", 1);
    XXH3_64bits_update(st, v.data(), v.size());
    XXH3_64bits_update(st, "\x00", 1);
  }
  uint64_t h = XXH3_64bits_digest(st);
  XXH3_freeState(st);
  return h;
}

int64_t DayOf(const std::optional<std::string>& date) {
  if (!date) return -1;
  const std::string& d = *date;
  auto digits = [&](size_t from, size_t n) {
    if (d.size() < from + n) return false;
    for (size_t i = from; i < from + n; ++i) {
      if (d[i] < '0' || d[i] > '9') return false;
    }
    return true;
  };
  if (!digits(0, 4)) return -1;
  int64_t year = std::stoll(d.substr(0, 4));
  if (d.size() == 4) return year * 10000 + 101;
  if (d.size() < 7 || d[4] != '-' || !digits(5, 2)) return -1;
  int64_t month = std::stoll(d.substr(5, 2));
  if (month < 1 || month > 12) return -1;
  if (d.size() == 7) return year * 10000 + month * 100 + 1;
  if (d.size() < 10 || d[7] != '-' || !digits(8, 2)) return -1;
  int64_t day = std::stoll(d.substr(8, 2));
  if (day < 1 || day > 31) return -1;
  return year * 10000 + month * 100 + day;
}

StoreWriter::~StoreWriter() {
  if (in_batch_) Rollback();
  s_.reset();
}

Result<std::unique_ptr<StoreWriter>> StoreWriter::Open(const std::string& path,
                                                       const WriterOptions& options) {
  auto db = Db::Open(path, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE | SQLITE_OPEN_NOMUTEX);
  if (!db.ok()) return db.status();
  std::unique_ptr<StoreWriter> w(new StoreWriter());
  w->db_ = std::move(db).value();
  w->path_ = path;
  w->options_ = options;
  sqlite3_busy_timeout(w->db_.get(), 10000);
  Status s = w->db_.Exec(
      "PRAGMA page_size = 16384; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA "
      "cache_size = -65536;"
      " PRAGMA temp_store = MEMORY;",
      ErrorId::kStoreOpen);
  if (!s.ok()) return s.WithContext(path);
  KRONIEK_RETURN_IF_ERROR(CreateOrCheckSchema(w->db_, path));
  KRONIEK_RETURN_IF_ERROR(w->Prepare());
  return w;
}

Status StoreWriter::Prepare() {
  s_ = std::make_unique<Statements>();
  struct Item {
    Stmt* stmt;
    const char* sql;
  };
  Statements& s = *s_;
  const Item items[] = {
      {&s.find_by_ext, "SELECT id, hash FROM doc WHERE ext_id = ?1"},
      {&s.find_by_hash, "SELECT ext_id FROM doc WHERE hash = ?1 AND ext_id <> ?2 LIMIT 1"},
      {&s.insert_doc,
       "INSERT INTO doc(id, ext_id, hash, date, day, title, source, url, lang, extra, text, chars,"
       " tokens, sentences, layers, dup_of, dup_score)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17)"},
      {&s.band_docs, "SELECT doc FROM doc_band WHERE band = ?1"},
      {&s.doc_minhash, "SELECT text, ext_id FROM doc WHERE id = ?1"},
      {&s.insert_band, "INSERT OR IGNORE INTO doc_band(band, doc) VALUES (?1, ?2)"},
      {&s.delete_band, "DELETE FROM doc_band WHERE band = ?1 AND doc = ?2"},
      {&s.entity_by_kb, "SELECT id FROM entity WHERE kb = ?1"},
      {&s.entity_by_name, "SELECT id FROM entity WHERE name = ?1 AND type = ?2 AND kb IS NULL"},
      {&s.insert_entity, "INSERT INTO entity(kb, name, type) VALUES (?1, ?2, ?3)"},
      {&s.bump_entity,
       "UPDATE entity SET docs = docs + ?2, mentions = mentions + ?3 WHERE id = ?1"},
      {&s.insert_doc_entity,
       "INSERT INTO doc_entity(entity, doc, day, mentions) VALUES (?1, ?2, ?3, ?4)"},
      {&s.insert_mention,
       "INSERT INTO mention(doc, seq, entity, local, start, end, kind)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)"},
      {&s.insert_quote,
       "INSERT INTO quote(doc, seq, day, start, end, kind, speaker, speaker_local, sm_start,"
       " sm_end, cue_start, cue_end) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)"},
      {&s.insert_time,
       "INSERT INTO time(doc, seq, start, end, type, value) VALUES (?1, ?2, ?3, ?4, ?5, ?6)"},
      {&s.insert_event,
       "INSERT INTO event(doc, seq, day, type, trigger_start, trigger_end, location,"
       " location_local, time_seq, status, sentence)"
       " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"},
      {&s.insert_event_arg,
       "INSERT INTO event_arg(event, role, seq, entity, local) VALUES (?1, ?2, ?3, ?4, ?5)"},
      {&s.doc_entities, "SELECT entity, mentions FROM doc_entity WHERE doc = ?1"},
      {&s.delete_doc_entities, "DELETE FROM doc_entity WHERE doc = ?1"},
      {&s.delete_mentions, "DELETE FROM mention WHERE doc = ?1"},
      {&s.delete_event_args,
       "DELETE FROM event_arg WHERE event IN (SELECT id FROM event WHERE doc = ?1)"},
      {&s.delete_events, "DELETE FROM event WHERE doc = ?1"},
      {&s.delete_quotes, "DELETE FROM quote WHERE doc = ?1"},
      {&s.delete_times, "DELETE FROM time WHERE doc = ?1"},
      {&s.delete_doc, "DELETE FROM doc WHERE id = ?1"},
  };
  for (const Item& it : items) {
    auto st = db_.Prepare(it.sql, true, ErrorId::kStoreOpen);
    if (!st.ok()) return st.status().WithContext(path_);
    *it.stmt = std::move(st).value();
  }
  return Status();
}

Status StoreWriter::Fail(std::string_view what) {
  return db_.Error(ErrorId::kStoreWrite, std::string(path_) + ": " + std::string(what));
}

Result<std::optional<uint64_t>> StoreWriter::StoredHash(const std::string& ext_id) {
  Stmt& q = s_->find_by_ext;
  q.Bind(1, ext_id);
  int rc = q.Step();
  std::optional<uint64_t> out;
  if (rc == SQLITE_ROW) out = static_cast<uint64_t>(q.Int(1));
  q.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Fail("look up an article");
  return out;
}

Status StoreWriter::Begin() {
  if (in_batch_) return Status();
  KRONIEK_RETURN_IF_ERROR(db_.Exec("BEGIN IMMEDIATE", ErrorId::kStoreWrite).WithContext(path_));
  in_batch_ = true;
  return Status();
}

Status StoreWriter::Commit() {
  if (!in_batch_) return Status();
  Status s = db_.Exec("COMMIT", ErrorId::kStoreWrite);
  if (!s.ok()) {
    Rollback();
    return s.WithContext(path_);
  }
  in_batch_ = false;
  return Status();
}

void StoreWriter::Rollback() {
  if (in_batch_) (void)db_.Exec("ROLLBACK");
  in_batch_ = false;
  entity_cache_.clear();  // ids created in the batch are gone
}

Result<int64_t> StoreWriter::EntityId(const std::optional<std::string>& kb, const std::string& name,
                                      const std::string& type) {
  std::string key = kb ? "k\t" + *kb : "n\t" + type + "\t" + name;
  if (auto it = entity_cache_.find(key); it != entity_cache_.end()) return it->second;
  Stmt& q = kb ? s_->entity_by_kb : s_->entity_by_name;
  if (kb) {
    q.Bind(1, *kb);
  } else {
    q.Bind(1, name).Bind(2, type);
  }
  int rc = q.Step();
  int64_t id = -1;
  if (rc == SQLITE_ROW) id = q.Int(0);
  q.Reset();
  if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Fail("look up an entity");
  if (id < 0) {
    Stmt& ins = s_->insert_entity;
    ins.Bind(1, kb).Bind(2, name).Bind(3, type);
    if (!StepDone(ins)) return Fail("add an entity");
    id = sqlite3_last_insert_rowid(db_.get());
  }
  entity_cache_.emplace(std::move(key), id);
  return id;
}

Status StoreWriter::RemoveDocRows(int64_t id) {
  Statements& s = *s_;
  // Entity counters.
  std::vector<std::pair<int64_t, int64_t>> ents;
  s.doc_entities.Bind(1, id);
  int rc;
  while ((rc = s.doc_entities.Step()) == SQLITE_ROW) {
    ents.emplace_back(s.doc_entities.Int(0), s.doc_entities.Int(1));
  }
  s.doc_entities.Reset();
  if (rc != SQLITE_DONE) return Fail("read an article's entities");
  for (const auto& [e, n] : ents) {
    s.bump_entity.Bind(1, e).Bind(2, int64_t{-1}).Bind(3, -n);
    if (!StepDone(s.bump_entity)) return Fail("update an entity");
  }
  // LSH bands, recomputed from the stored text.
  s.doc_minhash.Bind(1, id);
  MinHash old;
  if (s.doc_minhash.Step() == SQLITE_ROW) old = ComputeMinHash(s.doc_minhash.Text(0));
  s.doc_minhash.Reset();
  if (!old.empty) {
    for (int64_t key : BandKeys(old)) {
      s.delete_band.Bind(1, key).Bind(2, id);
      if (!StepDone(s.delete_band)) return Fail("remove an article's bands");
    }
  }
  for (Stmt* st : {&s.delete_doc_entities, &s.delete_mentions, &s.delete_event_args,
                   &s.delete_events, &s.delete_quotes, &s.delete_times, &s.delete_doc}) {
    st->Bind(1, id);
    if (!StepDone(*st)) return Fail("remove an article's old rows");
  }
  return Status();
}

Result<PutResult> StoreWriter::Put(const Doc& doc, uint64_t hash, const MinHash& minhash) {
  if (!in_batch_) {
    return MakeError(StatusCode::kInternal, ErrorId::kInternal, "StoreWriter::Put outside a batch");
  }
  Statements& s = *s_;
  PutResult result;
  // 1. Same id stored?
  int64_t keep_id = -1;
  {
    Stmt& q = s.find_by_ext;
    q.Bind(1, doc.id);
    int rc = q.Step();
    if (rc == SQLITE_ROW) {
      keep_id = q.Int(0);
      if (static_cast<uint64_t>(q.Int(1)) == hash) {
        q.Reset();
        result.outcome = PutOutcome::kUnchanged;
        return result;
      }
    }
    q.Reset();
    if (rc != SQLITE_ROW && rc != SQLITE_DONE) return Fail("look up an article");
  }
  // 2. Same content under another id?
  if (keep_id < 0) {
    Stmt& q = s.find_by_hash;
    q.Bind(1, static_cast<int64_t>(hash)).Bind(2, doc.id);
    int rc = q.Step();
    if (rc == SQLITE_ROW) {
      result.outcome = PutOutcome::kDuplicate;
      result.same_as = q.Text(0);
      q.Reset();
      return result;
    }
    q.Reset();
    if (rc != SQLITE_DONE) return Fail("look up a content hash");
  }
  if (keep_id >= 0) {
    KRONIEK_RETURN_IF_ERROR(RemoveDocRows(keep_id));
    result.outcome = PutOutcome::kUpdated;
  }
  // 3. Near-duplicates among the stored articles.
  std::array<int64_t, kBands> bands{};
  int64_t dup_of = -1;
  double dup_score = 0.0;
  if (!minhash.empty) {
    bands = BandKeys(minhash);
    std::set<int64_t> candidates;
    for (int64_t key : bands) {
      s.band_docs.Bind(1, key);
      int rc;
      while ((rc = s.band_docs.Step()) == SQLITE_ROW) candidates.insert(s.band_docs.Int(0));
      s.band_docs.Reset();
      if (rc != SQLITE_DONE) return Fail("look up near-duplicates");
    }
    for (int64_t c : candidates) {
      if (c == keep_id) continue;
      s.doc_minhash.Bind(1, c);
      // The signature is recomputed from the candidate's text (cheaper than storing it).
      MinHash other;
      std::string other_id;
      if (s.doc_minhash.Step() == SQLITE_ROW) {
        other = ComputeMinHash(s.doc_minhash.Text(0));
        other_id = s.doc_minhash.Text(1);
      }
      s.doc_minhash.Reset();
      if (other.empty) continue;
      double j = EstimateJaccard(minhash, other);
      if (j >= kNearDupThreshold && (j > dup_score || (j == dup_score && c < dup_of))) {
        dup_score = j;
        dup_of = c;
        result.near_duplicate_of = other_id;
      }
    }
    result.near_duplicate_score = dup_score;
  }
  // 4. The article row (the trigger indexes its text).
  utf8::OffsetMap cp(doc.text);
  const int64_t day = DayOf(doc.meta.date);
  std::string extra = ExtraJson(doc.meta);
  {
    Stmt& q = s.insert_doc;
    q.BindOrNull(1, keep_id).Bind(2, doc.id).Bind(3, static_cast<int64_t>(hash));
    q.Bind(4, doc.meta.date);
    q.BindOrNull(5, day);
    q.Bind(6, doc.meta.title).Bind(7, doc.meta.source).Bind(8, doc.meta.url).Bind(9, doc.lang);
    if (extra.empty())
      q.BindNull(10);
    else
      q.Bind(10, extra);
    q.Bind(11, doc.text).Bind(12, static_cast<int64_t>(utf8::CountCodePoints(doc.text)));
    q.Bind(13, static_cast<int64_t>(doc.tokens.size()))
        .Bind(14, static_cast<int64_t>(doc.sentences.size()))
        .Bind(15, static_cast<int64_t>(doc.layers().bits()));
    if (dup_of >= 0)
      q.Bind(16, dup_of).Bind(17, dup_score);
    else
      q.BindNull(16).BindNull(17);
    if (!StepDone(q)) return Fail("add article '" + doc.id + "'");
  }
  int64_t id = sqlite3_last_insert_rowid(db_.get());
  if (options_.fail_after_writes >= 0 && writes_ >= options_.fail_after_writes) {
    return MakeError(StatusCode::kIOError, ErrorId::kStoreWrite,
                     path_ + ": injected write failure after " + std::to_string(writes_) +
                         " articles (test seam)");
  }
  if (!minhash.empty) {
    for (int64_t key : bands) {
      s.insert_band.Bind(1, key).Bind(2, id);
      if (!StepDone(s.insert_band)) return Fail("add an article's bands");
    }
  }
  // 5. Entities and mentions.
  std::vector<int32_t> mention_entity;
  std::vector<LocalEntity> locals = LocalEntities(doc, &mention_entity);
  std::vector<int64_t> corpus_id(locals.size(), -1);
  std::map<int64_t, int64_t> per_entity;  // corpus id -> mentions in this article
  for (size_t i = 0; i < locals.size(); ++i) {
    auto eid = EntityId(locals[i].kb, locals[i].name, locals[i].type);
    if (!eid.ok()) return eid.status();
    corpus_id[i] = *eid;
    per_entity[*eid] += static_cast<int64_t>(locals[i].mentions.size());
  }
  for (const auto& [e, n] : per_entity) {
    s.insert_doc_entity.Bind(1, e).Bind(2, id).BindOrNull(3, day).Bind(4, n);
    if (!StepDone(s.insert_doc_entity)) return Fail("add an article's entities");
    s.bump_entity.Bind(1, e).Bind(2, int64_t{1}).Bind(3, n);
    if (!StepDone(s.bump_entity)) return Fail("update an entity");
  }
  for (size_t m = 0; m < doc.mentions.size(); ++m) {
    const Mention& mm = doc.mentions[m];
    int32_t local = mention_entity[m];
    s.insert_mention.Bind(1, id)
        .Bind(2, static_cast<int64_t>(m))
        .Bind(3, corpus_id[static_cast<size_t>(local)]);
    s.insert_mention.Bind(4, local)
        .Bind(5, cp.ToCodePoint(mm.span.begin))
        .Bind(6, cp.ToCodePoint(mm.span.end))
        .Bind(7, MentionKindCode(mm.kind));
    if (!StepDone(s.insert_mention)) return Fail("add a mention");
  }
  auto corpus_of = [&](int32_t local) -> int64_t {
    return local >= 0 && static_cast<size_t>(local) < corpus_id.size()
               ? corpus_id[static_cast<size_t>(local)]
               : -1;
  };
  // 6. Quotes.
  for (size_t i = 0; i < doc.quotes.size(); ++i) {
    const Quote& q = doc.quotes[i];
    Stmt& st = s.insert_quote;
    st.Bind(1, id).Bind(2, static_cast<int64_t>(i));
    st.BindOrNull(3, day);
    st.Bind(4, cp.ToCodePoint(q.span.begin)).Bind(5, cp.ToCodePoint(q.span.end));
    st.Bind(6, static_cast<int>(q.kind))
        .BindOrNull(7, corpus_of(q.speaker))
        .BindOrNull(8, q.speaker);
    if (q.speaker_mention) {
      st.Bind(9, cp.ToCodePoint(q.speaker_mention->begin))
          .Bind(10, cp.ToCodePoint(q.speaker_mention->end));
    } else {
      st.BindNull(9).BindNull(10);
    }
    if (q.cue) {
      st.Bind(11, cp.ToCodePoint(q.cue->begin)).Bind(12, cp.ToCodePoint(q.cue->end));
    } else {
      st.BindNull(11).BindNull(12);
    }
    if (!StepDone(st)) return Fail("add a quote");
  }
  // 7. Times.
  for (size_t i = 0; i < doc.times.size(); ++i) {
    const TimeExpr& t = doc.times[i];
    s.insert_time.Bind(1, id)
        .Bind(2, static_cast<int64_t>(i))
        .Bind(3, cp.ToCodePoint(t.span.begin));
    s.insert_time.Bind(4, cp.ToCodePoint(t.span.end)).Bind(5, t.type).Bind(6, t.value);
    if (!StepDone(s.insert_time)) return Fail("add a time expression");
  }
  // 8. Events and their arguments.
  for (size_t i = 0; i < doc.events.size(); ++i) {
    const Event& v = doc.events[i];
    Stmt& st = s.insert_event;
    st.Bind(1, id).Bind(2, static_cast<int64_t>(i));
    st.BindOrNull(3, day);
    st.Bind(4, v.type)
        .Bind(5, cp.ToCodePoint(v.trigger.begin))
        .Bind(6, cp.ToCodePoint(v.trigger.end));
    st.BindOrNull(7, corpus_of(v.location)).BindOrNull(8, v.location).BindOrNull(9, v.time);
    st.Bind(10, v.status).BindOrNull(11, v.sentence);
    if (!StepDone(st)) return Fail("add an event");
    int64_t ev = sqlite3_last_insert_rowid(db_.get());
    for (int role = 0; role < 2; ++role) {
      const auto& args = role == 0 ? v.actors : v.targets;
      for (size_t k = 0; k < args.size(); ++k) {
        int64_t e = corpus_of(args[k]);
        if (e < 0) continue;
        s.insert_event_arg.Bind(1, ev)
            .Bind(2, role)
            .Bind(3, static_cast<int64_t>(k))
            .Bind(4, e)
            .Bind(5, args[k]);
        if (!StepDone(s.insert_event_arg)) return Fail("add an event argument");
      }
    }
  }
  ++writes_;
  return result;
}

Status StoreWriter::Finish(bool optimize) {
  if (in_batch_) KRONIEK_RETURN_IF_ERROR(Commit());
  if (optimize) {
    // Merging the full-text index into one segment frees the old segments' pages, and the
    // b-trees written row by row are left about 85 % full; VACUUM rebuilds the file packed
    // (a sixth smaller on a fresh store, at a small fraction of the analysis time). Its scratch
    // copy goes to a temporary file, not memory, as a store can be large.
    KRONIEK_RETURN_IF_ERROR(
        db_.Exec("INSERT INTO doc_fts(doc_fts) VALUES ('optimize'); PRAGMA optimize;"
                 " PRAGMA temp_store = FILE; VACUUM; PRAGMA temp_store = MEMORY;")
            .WithContext(path_));
  }
  return db_.Exec("PRAGMA wal_checkpoint(TRUNCATE)").WithContext(path_);
}

}  // namespace kroniek::store
