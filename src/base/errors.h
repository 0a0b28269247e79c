// The catalogue of kroniek's error ids. Every Status with an id uses one of these; each is
// described, with its likely cause and fix, in docs/errors.md (a test checks the two agree).
//
// Ranges: E1xx input, E2xx models, E3xx store, E4xx server, E5xx usage, E9xx internal.
// Ids are never reused: a retired id stays in the list, marked retired.
#ifndef KRONIEK_BASE_ERRORS_H_
#define KRONIEK_BASE_ERRORS_H_

#include <string>

#include "kroniek/status.h"

namespace kroniek {

// X(id, name, summary)
#define KRONIEK_ERRORS(X)                                                               \
  X(101, kInvalidUtf8, "input is not valid UTF-8")                                      \
  X(102, kBadJson, "a JSON line does not parse")                                        \
  X(103, kMissingText, "a JSON record lacks a string \"text\"")                         \
  X(104, kBadDate, "a date cannot be parsed")                                           \
  X(105, kEmptyBody, "a document has an empty body")                                    \
  X(106, kNulByte, "input contains a NUL byte")                                         \
  X(107, kDocTooLarge, "a document exceeds the size limit")                             \
  X(108, kCannotOpen, "an input file or directory cannot be opened or read")            \
  X(109, kBadConllu, "a CoNLL-U line is malformed")                                     \
  X(110, kBadConll2002, "a CoNLL-2002 line is malformed")                               \
  X(111, kBadField, "a metadata field has the wrong type")                              \
  X(112, kBadGold, "a gold annotation file is malformed")                               \
  X(201, kModelNotFound, "a model file is missing")                                     \
  X(202, kModelBadMagic, "a file is not a kroniek model")                               \
  X(203, kModelVersion, "a model was written by an incompatible format version")        \
  X(204, kModelCorrupt, "a model file is damaged (checksum or length mismatch)")        \
  X(205, kModelWrongStage, "a model is for another stage than the one loading it")      \
  X(206, kTrainData, "training data is unusable")                                       \
  X(301, kStoreOpen, "the store cannot be opened")                                      \
  X(302, kStoreSchema, "the store has an unknown or newer schema")                      \
  X(303, kStoreWrite, "a write to the store failed")                                    \
  X(304, kStoreQuery, "a store query failed")                                           \
  X(401, kBadParameter, "an HTTP request parameter is malformed")                       \
  X(402, kRequestTooLarge, "an HTTP request is too large")                              \
  X(403, kNotFoundRoute, "no such HTTP resource")                                       \
  X(404, kQueryTimeout, "a query took longer than the time limit")                      \
  X(405, kServerListen, "the server cannot listen on the address")                      \
  X(406, kMethodNotAllowed, "an HTTP method other than GET or HEAD was used")           \
  X(501, kUsage, "a command line is malformed")                                         \
  X(502, kOutputFailed, "output cannot be written")                                     \
  X(901, kInternal, "an internal invariant was broken (a bug)")

enum class ErrorId : int {
#define KRONIEK_ERROR_ENUM(id, name, summary) name = id,
  KRONIEK_ERRORS(KRONIEK_ERROR_ENUM)
#undef KRONIEK_ERROR_ENUM
};

struct ErrorInfo {
  int id;
  const char* name;
  const char* summary;
};

// All catalogue entries, in id order, terminated by {0, nullptr, nullptr}.
const ErrorInfo* ErrorCatalogue();

// Shorthands that make a Status with a catalogue id.
inline Status MakeError(StatusCode code, ErrorId id, std::string message) {
  return Status(code, static_cast<int>(id), std::move(message));
}
inline Status InvalidInput(ErrorId id, std::string message) {
  return MakeError(StatusCode::kInvalidInput, id, std::move(message));
}

}  // namespace kroniek

#endif  // KRONIEK_BASE_ERRORS_H_
