// Data files compiled into the library: every file under src/<stage>/data/ (word lists, lexicons,
// the knowledge base). They are read with EmbeddedData("<stage>/data/<file>") and need no path
// at run time. The bytes are followed by a NUL, but the view does not include it.
#ifndef KRONIEK_BASE_EMBEDDED_DATA_H_
#define KRONIEK_BASE_EMBEDDED_DATA_H_

#include <optional>
#include <string_view>
#include <vector>

namespace kroniek {

// The contents of an embedded file, or nullopt when there is none by that name.
std::optional<std::string_view> EmbeddedData(std::string_view name);

// Names of all embedded files, sorted.
std::vector<std::string_view> EmbeddedDataNames();

}  // namespace kroniek

#endif  // KRONIEK_BASE_EMBEDDED_DATA_H_
