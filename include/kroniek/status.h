// Status and Result<T>: how every fallible kroniek call reports failure.
//
// The library never throws across its API, never prints and never exits. A call that can fail
// returns a Status (or a Result<T>, which is a T or a Status). A Status carries a code (the kind
// of failure), a catalogue id (E1xx input, E2xx models, E3xx store, E4xx server, E5xx usage; see
// docs/errors.md) and a message that names the place and the offending input, e.g.
//   news.jsonl:17: JSON line lacks "text" [E103]
// Status and Result are values: cheap to move, safe to copy, no shared state.
#ifndef KRONIEK_STATUS_H_
#define KRONIEK_STATUS_H_

#include <string>
#include <utility>
#include <variant>

namespace kroniek {

enum class StatusCode {
  kOk = 0,
  kInvalidInput,       // the input (a document, a record, a flag value) is malformed
  kCorruption,         // a file kroniek wrote (a model, a store) is damaged
  kNotFound,           // a file, model or record does not exist
  kIOError,            // the operating system refused a read or write
  kUnsupported,        // valid, but not handled by this version (e.g. a newer model format)
  kResourceExhausted,  // a configured limit was hit (document size, request size, time)
  kInternal,           // a bug in kroniek
};

// The name of a code, e.g. "invalid input".
const char* StatusCodeName(StatusCode code);

class [[nodiscard]] Status {
 public:
  // An OK status.
  Status() = default;
  Status(StatusCode code, int error_id, std::string message)
      : code_(code), error_id_(error_id), message_(std::move(message)) {}

  static Status Ok() { return Status(); }

  bool ok() const { return code_ == StatusCode::kOk; }
  StatusCode code() const { return code_; }
  // The catalogue number (103 for E103), 0 when none applies.
  int error_id() const { return error_id_; }
  const std::string& message() const { return message_; }

  // "message [E103]", or "ok".
  std::string ToString() const;

  // Returns a copy whose message is prefixed with `context` and ": " (e.g. a file name).
  Status WithContext(const std::string& context) const;

 private:
  StatusCode code_ = StatusCode::kOk;
  int error_id_ = 0;
  std::string message_;
};

// A value of type T, or the Status saying why there is none.
template <typename T>
class [[nodiscard]] Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT: implicit on purpose
  Result(Status status) : v_(std::move(status)) {}  // NOLINT: must not be OK

  bool ok() const { return std::holds_alternative<T>(v_); }
  // Precondition for value(): ok().
  T& value() & { return std::get<T>(v_); }
  const T& value() const& { return std::get<T>(v_); }
  T&& value() && { return std::get<T>(std::move(v_)); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }

  // OK when a value is held.
  Status status() const { return ok() ? Status() : std::get<Status>(v_); }

 private:
  std::variant<T, Status> v_;
};

}  // namespace kroniek

// Returns early from the enclosing function when `expr` yields a non-OK Status.
#define KRONIEK_RETURN_IF_ERROR(expr)            \
  do {                                           \
    ::kroniek::Status kroniek_status_ = (expr);  \
    if (!kroniek_status_.ok()) return kroniek_status_; \
  } while (0)

#endif  // KRONIEK_STATUS_H_
