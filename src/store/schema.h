// The corpus store's SQLite schema (docs/store.md describes every table and column).
//
// The schema carries a version number in the kroniek_store table. A store written by a newer
// kroniek (a higher version) is refused with E302; an older one would be migrated here (there is
// none yet: version 1 is the first).
#ifndef KRONIEK_STORE_SCHEMA_H_
#define KRONIEK_STORE_SCHEMA_H_

#include "kroniek/status.h"
#include "store/sqlite_util.h"

namespace kroniek::store {

inline constexpr int kSchemaVersion = 1;

// Creates the tables in an empty database, or checks the version of an existing one.
// `path` is only used in messages.
Status CreateOrCheckSchema(Db& db, const std::string& path);

// Checks that `db` is a kroniek store this version can read (E302 otherwise).
Status CheckSchema(Db& db, const std::string& path);

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_SCHEMA_H_
