#include "kroniek/status.h"

#include <cstdio>

#include "base/errors.h"

namespace kroniek {

const char* StatusCodeName(StatusCode code) {
  switch (code) {
    case StatusCode::kOk: return "ok";
    case StatusCode::kInvalidInput: return "invalid input";
    case StatusCode::kCorruption: return "corruption";
    case StatusCode::kNotFound: return "not found";
    case StatusCode::kIOError: return "I/O error";
    case StatusCode::kUnsupported: return "unsupported";
    case StatusCode::kResourceExhausted: return "resource exhausted";
    case StatusCode::kInternal: return "internal error";
  }
  return "unknown";
}

std::string Status::ToString() const {
  if (ok()) return "ok";
  std::string s = message_.empty() ? StatusCodeName(code_) : message_;
  if (error_id_ > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, " [E%03d]", error_id_);
    s += buf;
  }
  return s;
}

Status Status::WithContext(const std::string& context) const {
  if (ok() || context.empty()) return *this;
  return Status(code_, error_id_, context + ": " + message_);
}

const ErrorInfo* ErrorCatalogue() {
  static const ErrorInfo kCatalogue[] = {
#define KRONIEK_ERROR_INFO(id, name, summary) {id, #name, summary},
      KRONIEK_ERRORS(KRONIEK_ERROR_INFO)
#undef KRONIEK_ERROR_INFO
      {0, nullptr, nullptr}};
  return kCatalogue;
}

}  // namespace kroniek
