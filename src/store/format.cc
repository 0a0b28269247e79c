#include "store/format.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

#include "base/json_util.h"
#include "base/utf8.h"
#include "kroniek/io.h"

namespace kroniek::store {
namespace {

std::string Number(double d) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.17g", d);
  // Prefer a short form when it round-trips.
  for (int prec = 1; prec < 17; ++prec) {
    char b2[64];
    std::snprintf(b2, sizeof b2, "%.*g", prec, d);
    if (std::strtod(b2, nullptr) == d) return b2;
  }
  return buf;
}

// Cuts `s` to at most `width` code points, replacing new lines by spaces.
std::string Cut(const std::string& s, size_t width, size_t* shown) {
  std::string out;
  size_t n = 0, i = 0;
  while (i < s.size()) {
    size_t len = std::max<size_t>(1, utf8::SequenceLength(s, i));
    if (n + 1 > width && i + len < s.size()) {
      out += "…";
      ++n;
      break;
    }
    char c = s[i];
    if (c == '\n' || c == '\r' || c == '\t') {
      out.push_back(' ');
    } else {
      out.append(s, i, len);
    }
    i += len;
    ++n;
  }
  *shown = n;
  return out;
}

}  // namespace

std::string CellText(const Value& v) {
  if (std::holds_alternative<int64_t>(v)) return std::to_string(std::get<int64_t>(v));
  if (std::holds_alternative<double>(v)) return Number(std::get<double>(v));
  if (std::holds_alternative<std::string>(v)) return std::get<std::string>(v);
  return "";
}

std::string FormatTextTable(const Table& t, size_t max_width) {
  size_t ncol = t.columns.size();
  std::vector<std::vector<std::string>> cells;
  std::vector<std::vector<size_t>> widths;
  std::vector<size_t> colw(ncol, 0);
  auto add = [&](const std::vector<std::string>& texts) {
    std::vector<std::string> row;
    std::vector<size_t> w;
    for (size_t c = 0; c < ncol; ++c) {
      size_t shown = 0;
      row.push_back(Cut(c < texts.size() ? texts[c] : "", max_width, &shown));
      w.push_back(shown);
      colw[c] = std::max(colw[c], shown);
    }
    cells.push_back(std::move(row));
    widths.push_back(std::move(w));
  };
  add(t.columns);
  for (const auto& r : t.rows) {
    std::vector<std::string> texts;
    for (const auto& v : r) texts.push_back(CellText(v));
    add(texts);
  }
  std::string out;
  for (size_t r = 0; r < cells.size(); ++r) {
    std::string line;
    for (size_t c = 0; c < ncol; ++c) {
      line += cells[r][c];
      if (c + 1 < ncol) line.append(colw[c] - widths[r][c] + 2, ' ');
    }
    while (!line.empty() && line.back() == ' ') line.pop_back();
    out += line + "\n";
    if (r == 0) {
      std::string rule;
      for (size_t c = 0; c < ncol; ++c) {
        rule.append(colw[c], '-');
        if (c + 1 < ncol) rule.append("  ");
      }
      out += rule + "\n";
    }
  }
  if (t.more) out += "(more: use --offset " + std::string("to see the next page)\n");
  return out;
}

std::string CsvLine(const std::vector<std::string>& cells) {
  std::string out;
  for (size_t i = 0; i < cells.size(); ++i) {
    if (i) out.push_back(',');
    const std::string& s = cells[i];
    if (s.find_first_of(",\"\r\n") == std::string::npos) {
      out += s;
    } else {
      out.push_back('"');
      for (char c : s) {
        if (c == '"') out.push_back('"');
        out.push_back(c);
      }
      out.push_back('"');
    }
  }
  out += "\r\n";
  return out;
}

std::string CsvRow(const std::vector<Value>& row) {
  std::vector<std::string> cells;
  cells.reserve(row.size());
  for (const auto& v : row) cells.push_back(CellText(v));
  return CsvLine(cells);
}

std::string FormatCsv(const Table& t) {
  std::string out = CsvLine(t.columns);
  for (const auto& r : t.rows) out += CsvRow(r);
  return out;
}

void AppendJsonRow(const std::vector<std::string>& columns, const std::vector<Value>& row,
                   std::string* out) {
  out->push_back('{');
  for (size_t c = 0; c < columns.size() && c < row.size(); ++c) {
    if (c) out->push_back(',');
    json::AppendString(columns[c], out);
    out->push_back(':');
    const Value& v = row[c];
    if (std::holds_alternative<std::string>(v)) {
      json::AppendString(std::get<std::string>(v), out);
    } else if (std::holds_alternative<std::monostate>(v)) {
      out->append("null");
    } else {
      out->append(CellText(v));
    }
  }
  out->push_back('}');
}

std::string FormatJsonPage(const Table& t, const std::string& query, int64_t offset,
                           int64_t limit) {
  std::string out = "{\"query\":";
  json::AppendString(query, &out);
  out += ",\"offset\":" + std::to_string(offset);
  out += ",\"limit\":" + (limit < 0 ? std::string("null") : std::to_string(limit));
  out += ",\"count\":" + std::to_string(t.rows.size());
  out += ",\"next_offset\":";
  out += t.more ? std::to_string(offset + static_cast<int64_t>(t.rows.size())) : "null";
  out += ",\"results\":[";
  for (size_t r = 0; r < t.rows.size(); ++r) {
    if (r) out.push_back(',');
    AppendJsonRow(t.columns, t.rows[r], &out);
  }
  out += "]}";
  return out;
}

std::string FormatStoredDocJson(const StoredDoc& d) {
  std::string out = "{\"doc\":" + ToJson(d.doc) + ",\"near_duplicate_of\":";
  json::AppendStringOrNull(d.near_duplicate_of ? &*d.near_duplicate_of : nullptr, &out);
  out += ",\"near_duplicate_score\":";
  out += d.near_duplicate_of ? Number(d.near_duplicate_score) : "null";
  out += "}";
  return out;
}

std::string FormatStoredDocText(const StoredDoc& d) {
  const Doc& doc = d.doc;
  std::string out = "id:      " + doc.id + "\n";
  auto field = [&](const char* name, const std::optional<std::string>& v) {
    if (v) out += std::string(name) + *v + "\n";
  };
  field("date:    ", doc.meta.date);
  field("title:   ", doc.meta.title);
  field("source:  ", doc.meta.source);
  field("url:     ", doc.meta.url);
  if (d.near_duplicate_of) {
    out += "near-duplicate of: " + *d.near_duplicate_of + " (" + Number(d.near_duplicate_score) +
           ")\n";
  }
  out += "\n" + doc.text + "\n";
  if (!doc.entities.empty()) {
    out += "\nentities:\n";
    for (const Entity& e : doc.entities) {
      out += "  " + e.type + "  " + e.name + (e.kb ? "  (" + *e.kb + ")" : "") + "  " +
             std::to_string(e.mentions.size()) + " mention(s)\n";
    }
  }
  if (!doc.quotes.empty()) {
    out += "\nquotes:\n";
    for (const Quote& q : doc.quotes) {
      std::string who = q.speaker >= 0 ? doc.entities[static_cast<size_t>(q.speaker)].name : "?";
      out += "  " + who + ": " + std::string(doc.SpanText(q.span)) + "\n";
    }
  }
  if (!doc.times.empty()) {
    out += "\ntimes:\n";
    for (const TimeExpr& t : doc.times) {
      out += "  " + std::string(doc.SpanText(t.span)) + "  " + t.type + " " + t.value + "\n";
    }
  }
  if (!doc.events.empty()) {
    out += "\nevents:\n";
    for (const Event& v : doc.events) {
      out += "  " + v.type + "  " + std::string(doc.SpanText(v.trigger)) + "  (" + v.status + ")\n";
    }
  }
  return out;
}

std::string FormatStatsJson(const StoreStats& s) {
  std::string out = "{\"docs\":" + std::to_string(s.docs) +
                    ",\"near_duplicates\":" + std::to_string(s.near_duplicates) +
                    ",\"entities\":" + std::to_string(s.entities) +
                    ",\"mentions\":" + std::to_string(s.mentions) +
                    ",\"quotes\":" + std::to_string(s.quotes) +
                    ",\"times\":" + std::to_string(s.times) +
                    ",\"events\":" + std::to_string(s.events) + ",\"first_day\":";
  if (s.first_day.empty())
    out += "null";
  else
    json::AppendString(s.first_day, &out);
  out += ",\"last_day\":";
  if (s.last_day.empty())
    out += "null";
  else
    json::AppendString(s.last_day, &out);
  out += "}";
  return out;
}

}  // namespace kroniek::store
