// Rendering query results: an aligned table for a terminal, CSV (RFC 4180) for spreadsheets and
// exports, and the JSON page object that both `kroniek query --format json` and the HTTP API give.
#ifndef KRONIEK_STORE_FORMAT_H_
#define KRONIEK_STORE_FORMAT_H_

#include <string>
#include <vector>

#include "store/store_reader.h"

namespace kroniek::store {

// The cell as text ("" for NULL; numbers in their shortest exact form).
std::string CellText(const Value& v);

// An aligned table with a header line; cells longer than `max_width` code points are cut with "…".
std::string FormatTextTable(const Table& t, size_t max_width = 60);

// One CSV line (with "\r\n"), quoting cells that need it.
std::string CsvLine(const std::vector<std::string>& cells);
std::string CsvRow(const std::vector<Value>& row);
std::string FormatCsv(const Table& t);

// {"query":..., "offset":..., "limit":..., "next_offset": N or null, "count": N,
//  "results": [{column: value, ...}, ...]}
std::string FormatJsonPage(const Table& t, const std::string& query, int64_t offset, int64_t limit);

// A row as a JSON object {column: value}.
void AppendJsonRow(const std::vector<std::string>& columns, const std::vector<Value>& row,
                   std::string* out);

// The JSON of a stored article: {"doc": <document contract>, "near_duplicate_of": ...,
// "near_duplicate_score": ...}.
std::string FormatStoredDocJson(const StoredDoc& d);
// A readable view of a stored article.
std::string FormatStoredDocText(const StoredDoc& d);

std::string FormatStatsJson(const StoreStats& s);

}  // namespace kroniek::store

#endif  // KRONIEK_STORE_FORMAT_H_
