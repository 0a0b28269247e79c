// JSON Lines: one article per line, an object with a string "text" and optional string fields
// id, date, title, source, url and lang. Every other field is kept in Doc::meta.extra (key and
// the JSON text of its value, in input order). A "meta" object, as kroniek's own JSON output
// has, is merged: its date/title/source/url fill fields the top level does not give, and its
// other fields join meta.extra. A record that is kroniek output ("schema": "kroniek/...") drops
// its analysis layers (sentences, tokens, entities, quotes, times, events): it is re-analysed.
//
// Each bad record is reported with its line and skipped; blank lines are skipped silently. A
// file whose first line is not a whole object but whose whole content is one object (a
// pretty-printed .json file) is read as that one record.
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>
#include <string>

#include "base/errors.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

using Json = nlohmann::ordered_json;

constexpr int kMaxDepth = 128;

// The longest line worth parsing: a text at the size limit written with \uXXXX escapes
// throughout, plus room for the other fields. Longer lines are refused unparsed.
size_t MaxLineBytes(const ReadOptions& o) {
  const size_t limit = o.max_doc_bytes;
  if (limit > (SIZE_MAX - 65536) / 6) return SIZE_MAX;
  return limit * 6 + 65536;
}

// True when arrays/objects nest deeper than kMaxDepth (outside strings). Deep nesting is
// refused before parsing, so that no recursive walk of the value can exhaust the stack.
bool TooDeep(std::string_view s) {
  int depth = 0;
  bool in_string = false;
  for (size_t i = 0; i < s.size(); ++i) {
    char c = s[i];
    if (in_string) {
      if (c == '\\') {
        ++i;
      } else if (c == '"') {
        in_string = false;
      }
    } else if (c == '"') {
      in_string = true;
    } else if (c == '[' || c == '{') {
      if (++depth > kMaxDepth) return true;
    } else if (c == ']' || c == '}') {
      --depth;
    }
  }
  return false;
}

// A SAX handler that accepts everything and keeps the parser's error message.
struct ErrorCatcher {
  std::string message;
  bool null() { return true; }
  bool boolean(bool) { return true; }
  bool number_integer(Json::number_integer_t) { return true; }
  bool number_unsigned(Json::number_unsigned_t) { return true; }
  bool number_float(Json::number_float_t, const Json::string_t&) { return true; }
  bool string(Json::string_t&) { return true; }
  bool binary(Json::binary_t&) { return true; }
  bool start_object(std::size_t) { return true; }
  bool key(Json::string_t&) { return true; }
  bool end_object() { return true; }
  bool start_array(std::size_t) { return true; }
  bool end_array() { return true; }
  bool parse_error(std::size_t, const std::string&, const nlohmann::detail::exception& ex) {
    message = ex.what();
    return false;
  }
};

// Why `s` does not parse, in the parser's words without its exception prefix.
std::string ParseErrorOf(std::string_view s) {
  ErrorCatcher catcher;
  Json::sax_parse(s.begin(), s.end(), &catcher);
  std::string m = catcher.message;
  // "[json.exception.parse_error.101] parse error at line 1, column 7: syntax error ..."
  if (size_t p = m.find("] "); p != std::string::npos) m = m.substr(p + 2);
  if (m.rfind("parse error at ", 0) == 0) m = m.substr(15);
  if (m.rfind("line 1, ", 0) == 0 && s.find('\n') == std::string_view::npos) m = m.substr(8);
  return m.empty() ? "not JSON" : m;
}

std::string Dump(const Json& v) { return v.dump(-1, ' ', false, Json::error_handler_t::replace); }

bool IsLayerKey(const std::string& k) {
  return k == "schema" || k == "sentences" || k == "tokens" || k == "entities" || k == "quotes" ||
         k == "times" || k == "events";
}

enum class Field { kNone, kText, kId, kDate, kTitle, kSource, kUrl, kLang, kMeta };

Field FieldOf(const std::string& k) {
  if (k == "text") return Field::kText;
  if (k == "id") return Field::kId;
  if (k == "date") return Field::kDate;
  if (k == "title") return Field::kTitle;
  if (k == "source") return Field::kSource;
  if (k == "url") return Field::kUrl;
  if (k == "lang") return Field::kLang;
  if (k == "meta") return Field::kMeta;
  return Field::kNone;
}

// The string fields of a record, from the top level or (as a fallback) from "meta".
struct Fields {
  const Json* text = nullptr;
  std::optional<std::string> id, date, title, source, url, lang;
};

Status Record(const Json& j, const std::string& where, Fields* f, Meta* meta) {
  bool kroniek_output = false;
  if (auto it = j.find("schema"); it != j.end() && it->is_string()) {
    kroniek_output = it->get_ref<const std::string&>().rfind("kroniek/", 0) == 0;
  }
  const Json* meta_obj = nullptr;
  // Sets a string field; null counts as absent; `fallback` fields never override.
  auto set = [&](std::optional<std::string>* dst, const std::string& key, const Json& v,
                 bool fallback) -> Status {
    if (v.is_null()) return Status();
    if (!v.is_string()) {
      return InvalidInput(ErrorId::kBadField, where + ": field \"" + key + "\" is a " +
                                                  v.type_name() + ", not a string");
    }
    if (!fallback || !*dst) *dst = v.get<std::string>();
    return Status();
  };
  for (auto it = j.begin(); it != j.end(); ++it) {
    const std::string& k = it.key();
    const Json& v = it.value();
    switch (FieldOf(k)) {
      case Field::kText:
        f->text = &v;
        break;
      case Field::kId:
        KRONIEK_RETURN_IF_ERROR(set(&f->id, k, v, false));
        break;
      case Field::kDate:
        KRONIEK_RETURN_IF_ERROR(set(&f->date, k, v, false));
        break;
      case Field::kTitle:
        KRONIEK_RETURN_IF_ERROR(set(&f->title, k, v, false));
        break;
      case Field::kSource:
        KRONIEK_RETURN_IF_ERROR(set(&f->source, k, v, false));
        break;
      case Field::kUrl:
        KRONIEK_RETURN_IF_ERROR(set(&f->url, k, v, false));
        break;
      case Field::kLang:
        KRONIEK_RETURN_IF_ERROR(set(&f->lang, k, v, false));
        break;
      case Field::kMeta:
        if (v.is_object()) {
          meta_obj = &v;
          // Its other fields join extra here, in input order.
          for (auto m = v.begin(); m != v.end(); ++m) {
            Field mf = FieldOf(m.key());
            if (mf != Field::kDate && mf != Field::kTitle && mf != Field::kSource &&
                mf != Field::kUrl) {
              meta->extra.emplace_back(m.key(), Dump(m.value()));
            }
          }
        } else {
          meta->extra.emplace_back(k, Dump(v));
        }
        break;
      case Field::kNone:
        if (kroniek_output && IsLayerKey(k)) break;
        meta->extra.emplace_back(k, Dump(v));
        break;
    }
  }
  if (meta_obj) {
    for (auto m = meta_obj->begin(); m != meta_obj->end(); ++m) {
      const std::string key = "meta." + m.key();
      switch (FieldOf(m.key())) {
        case Field::kDate:
          KRONIEK_RETURN_IF_ERROR(set(&f->date, key, m.value(), true));
          break;
        case Field::kTitle:
          KRONIEK_RETURN_IF_ERROR(set(&f->title, key, m.value(), true));
          break;
        case Field::kSource:
          KRONIEK_RETURN_IF_ERROR(set(&f->source, key, m.value(), true));
          break;
        case Field::kUrl:
          KRONIEK_RETURN_IF_ERROR(set(&f->url, key, m.value(), true));
          break;
        default:
          break;
      }
    }
  }
  return Status();
}

ReadItem RecordFromJson(const Json& j, const std::string& where, std::string default_id,
                        const ReadOptions& options) {
  ReadItem item;
  if (!j.is_object()) {
    item.doc = InvalidInput(ErrorId::kBadJson, where + ": the JSON line is a " +
                                                   std::string(j.type_name()) +
                                                   ", not an object with \"text\"");
    return item;
  }
  Doc doc;
  Fields f;
  Status st = Record(j, where, &f, &doc.meta);
  if (!st.ok()) {
    item.doc = std::move(st);
    return item;
  }
  if (f.text == nullptr || f.text->is_null()) {
    item.doc = InvalidInput(ErrorId::kMissingText, where + ": JSON line lacks \"text\"");
    return item;
  }
  if (!f.text->is_string()) {
    item.doc = InvalidInput(
        ErrorId::kMissingText,
        where + ": \"text\" is a " + std::string(f.text->type_name()) + ", not a string");
    return item;
  }
  const std::string& text = f.text->get_ref<const std::string&>();
  if (size_t nul = text.find('\0'); nul != std::string::npos) {
    item.doc = InvalidInput(ErrorId::kNulByte,
                            where + ": \"text\" holds a NUL character (\\u0000) at byte " +
                                std::to_string(nul) + " of the text");
    return item;
  }
  st = CheckBody(text, where, options);
  if (!st.ok()) {
    item.doc = std::move(st);
    return item;
  }
  if (f.date && !IsValidDate(*f.date)) {
    item.doc = InvalidInput(ErrorId::kBadDate,
                            where + ": date '" + *f.date +
                                "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or an ISO 8601 "
                                "date-time such as 2022-03-24T16:30:00+01:00)");
    return item;
  }
  doc.text = text;
  doc.id = f.id && !f.id->empty() ? *f.id : std::move(default_id);
  if (f.lang && !f.lang->empty()) doc.lang = *f.lang;
  doc.meta.date = f.date ? f.date : options.date;
  doc.meta.title = f.title;
  doc.meta.source = f.source;
  doc.meta.url = f.url;
  item.doc = std::move(doc);
  return item;
}

std::string_view TrimCr(std::string_view line) {
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsBlankLine(std::string_view line) {
  for (char c : line) {
    if (c != ' ' && c != '\t' && c != '\r' && c != '\f' && c != '\v') return false;
  }
  return true;
}

}  // namespace

ReadItem ReadJsonRecord(std::string_view line, std::string_view name, size_t line_no,
                        std::string default_id, const ReadOptions& options) {
  const std::string where = Where(name, line_no);
  ReadItem item;
  if (line.size() > MaxLineBytes(options)) {
    item.doc = MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                         where + ": the JSON line has " + std::to_string(line.size()) +
                             " bytes, far more than the document limit of " +
                             std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)");
    return item;
  }
  std::string checked;
  std::vector<std::string> warnings;
  Status st = CheckBytes(line, name, line_no, options, &checked, &warnings);
  if (!st.ok()) {
    item.doc = std::move(st);
    return item;
  }
  if (TooDeep(checked)) {
    item.doc = InvalidInput(ErrorId::kBadJson, where +
                                                   ": the JSON line nests arrays and objects "
                                                   "more than " +
                                                   std::to_string(kMaxDepth) + " levels deep");
    return item;
  }
  try {
    Json j = Json::parse(checked, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) {
      item.doc = InvalidInput(ErrorId::kBadJson, where + ": the JSON line does not parse (" +
                                                     ParseErrorOf(checked) + ")");
      return item;
    }
    item = RecordFromJson(j, where, std::move(default_id), options);
  } catch (const std::exception& e) {  // nothing above should throw; never let it escape
    item.doc = InvalidInput(ErrorId::kBadJson, where + ": the JSON line cannot be read (" +
                                                   std::string(e.what()) + ")");
  }
  for (auto& w : warnings) item.warnings.push_back(std::move(w));
  return item;
}

Status ReadJsonl(std::string_view content, std::string_view name, const ReadOptions& options,
                 const DocSink& sink) {
  if (content.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
    content.remove_prefix(kByteOrderMark.size());
  }
  // One object spread over several lines (a pretty-printed .json file)?
  size_t first = content.find_first_not_of(" \t\r\n");
  if (first != std::string_view::npos && content[first] == '{') {
    size_t nl = content.find('\n', first);
    if (nl != std::string_view::npos &&
        content.find_first_not_of(" \t\r\n", nl) != std::string_view::npos) {
      std::string_view first_line = content.substr(first, nl - first);
      if (!Json::accept(first_line) && !HasBadBytes(content) && !TooDeep(content) &&
          content.size() <= MaxLineBytes(options) && Json::accept(content)) {
        size_t line_no = 1;
        for (size_t i = 0; i < first; ++i) line_no += content[i] == '\n';
        std::string id = StemOf(name);
        if (id.empty()) id = "doc-1";
        sink(ReadJsonRecord(content, name, line_no, id, options));
        return Status();
      }
    }
  }
  size_t line_no = 0;
  size_t pos = 0;
  while (pos < content.size()) {
    size_t nl = content.find('\n', pos);
    if (nl == std::string_view::npos) nl = content.size();
    std::string_view line = TrimCr(content.substr(pos, nl - pos));
    pos = nl + 1;
    ++line_no;
    if (IsBlankLine(line)) continue;
    if (!sink(ReadJsonRecord(line, name, line_no, NumberedId(name, line_no), options))) break;
  }
  return Status();
}

Status ReadJsonlStream(int fd, std::string_view head, std::string_view name,
                       const ReadOptions& options, const DocSink& sink) {
  const size_t max_line = MaxLineBytes(options);
  std::string buf(head);
  size_t start = 0;    // first byte of the current line in buf
  size_t scanned = 0;  // bytes of buf already searched for '\n'
  size_t line_no = 0;
  bool overlong = false;  // the current line was too long and its start has been dropped
  bool first_line = true;
  std::string chunk(size_t{1} << 16, '\0');
  auto handle = [&](std::string_view line) -> bool {
    ++line_no;
    if (first_line) {
      first_line = false;
      if (line.substr(0, kByteOrderMark.size()) == kByteOrderMark) {
        line.remove_prefix(kByteOrderMark.size());
      }
    }
    if (overlong) {
      overlong = false;
      ReadItem item;
      item.doc = MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                           Where(name, line_no) + ": the JSON line has more than " +
                               std::to_string(max_line) +
                               " bytes, far more than the document "
                               "limit of " +
                               std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)");
      return sink(std::move(item));
    }
    line = TrimCr(line);
    if (IsBlankLine(line)) return true;
    return sink(ReadJsonRecord(line, name, line_no, NumberedId(name, line_no), options));
  };
  while (true) {
    size_t nl;
    while ((nl = buf.find('\n', scanned)) != std::string::npos) {
      std::string_view line(buf.data() + start, nl - start);
      start = scanned = nl + 1;
      if (!handle(line)) return Status();
    }
    buf.erase(0, start);
    start = 0;
    scanned = buf.size();
    if (buf.size() > max_line) {
      overlong = true;
      buf.clear();
      scanned = 0;
    }
    ssize_t n = read(fd, chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      return MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                       std::string(name) + ": cannot read: " + std::strerror(errno));
    }
    if (n == 0) break;
    buf.append(chunk.data(), static_cast<size_t>(n));
  }
  if (!buf.empty() || overlong) handle(buf);
  return Status();
}

}  // namespace kroniek::io
