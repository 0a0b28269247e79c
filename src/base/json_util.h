// Small helpers for writing JSON by hand on hot paths (the document writer emits millions of
// tokens; building a DOM first would double its cost). Reading JSON uses nlohmann::json.
#ifndef KRONIEK_BASE_JSON_UTIL_H_
#define KRONIEK_BASE_JSON_UTIL_H_

#include <string>
#include <string_view>

namespace kroniek::json {

// Appends `s` (valid UTF-8) as a quoted JSON string.
void AppendString(std::string_view s, std::string* out);

// Appends `s` as a quoted JSON string, or null when `s` is nullptr.
inline void AppendStringOrNull(const std::string* s, std::string* out) {
  if (s) {
    AppendString(*s, out);
  } else {
    out->append("null");
  }
}

}  // namespace kroniek::json

#endif  // KRONIEK_BASE_JSON_UTIL_H_
