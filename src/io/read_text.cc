// Article text, with (InputFormat::kText) or without (kPlain) a `key value` metadata prefix.
//
// The prefix is a run of fields at the start of the file. Known keys are date, title, source,
// url, id and lang, written in lower case and followed by white space and a value. A field
// stands on its own line or inline, before the body on the same line, as the seed article does:
//   ` date 2022-03 Alle leiders van de dertig NAVO-landen ...`
// The rules are conservative, so that a body is never eaten by mistake:
//   - date, id, lang take one white-space-free token. A date may also be "YYYY-MM-DD hh:mm..."
//     (date and time separated by one space). A date value that is not a date is an error (E104)
//     when the field stands alone on its line or the value starts with a digit; otherwise
//     ("date night ...") the word is not a field and the body starts there. A lang value must be
//     a language code ("nl", "nl-BE"), else the word starts the body.
//   - title and source take the rest of their line, and only at the start of a line.
//   - url takes one token, which must look like a URL (scheme://... or www....).
//   - a key alone on its line: title, source and url become empty strings; date, id and lang
//     are errors (E104, E111), because a value was clearly meant.
//   - anything else (an unknown word, "Title IX", "Lang leve ...") starts the body.
// White space before the body is dropped; the body is then kept byte for byte.
#include <string>
#include <string_view>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek::io {
namespace {

enum class Key { kNone, kDate, kTitle, kSource, kUrl, kId, kLang };

Key KeyOf(std::string_view w) {
  if (w == "date") return Key::kDate;
  if (w == "title") return Key::kTitle;
  if (w == "source") return Key::kSource;
  if (w == "url") return Key::kUrl;
  if (w == "id") return Key::kId;
  if (w == "lang") return Key::kLang;
  return Key::kNone;
}

bool IsSpace(char c) { return c == ' ' || (c >= '\t' && c <= '\r'); }
// Horizontal white space: everything but the line feed.
bool IsHSpace(char c) { return c != '\n' && IsSpace(c); }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A BCP 47-like language tag: 2-3 letters, then -subtags of 1-8 letters or digits.
bool IsLanguageTag(std::string_view v) {
  size_t i = 0;
  while (i < v.size() && IsAlpha(v[i])) ++i;
  if (i < 2 || i > 3) return false;
  while (i < v.size()) {
    if (v[i] != '-') return false;
    size_t j = ++i;
    while (j < v.size() && (IsAlpha(v[j]) || IsDigit(v[j]))) ++j;
    if (j == i || j - i > 8) return false;
    i = j;
  }
  return true;
}

bool LooksLikeUrl(std::string_view v) {
  size_t scheme = v.find("://");
  if (scheme != std::string_view::npos && scheme > 0) {
    for (size_t i = 0; i < scheme; ++i) {
      if (!IsAlpha(v[i]) &&
          !(i > 0 && (IsDigit(v[i]) || v[i] == '+' || v[i] == '-' || v[i] == '.'))) {
        return false;
      }
    }
    return scheme + 3 < v.size();
  }
  return v.size() > 4 && v.substr(0, 4) == "www.";
}

// A time of day as the second token of "2022-03-24 16:30".
bool LooksLikeTime(std::string_view v) {
  return v.size() >= 4 && IsDigit(v[0]) && IsDigit(v[1]) && v[2] == ':';
}

class HeaderParser {
 public:
  HeaderParser(std::string_view s, std::string_view name) : s_(s), name_(name) {}

  // Parses the fields into `doc` (id is returned separately). On success body_begin() is where
  // the body starts (white space skipped).
  Status Parse(Doc* doc, std::optional<std::string>* id) {
    size_t pos = 0;
    bool line_start = true;  // only white space lies between the last line feed and pos
    while (true) {
      size_t p = pos;
      while (p < s_.size() && IsSpace(s_[p])) {
        if (s_[p] == '\n') line_start = true;
        ++p;
      }
      body_ = p;
      if (p == s_.size()) break;
      const size_t key_end = TokenEnd(p);
      const Key key = KeyOf(s_.substr(p, key_end - p));
      if (key == Key::kNone) break;
      const size_t line_end = LineEnd(key_end);
      const size_t v = SkipHSpace(key_end);
      const bool key_alone = v == line_end;
      const size_t v_end = key_alone ? v : TokenEnd(v);
      const std::string_view value = s_.substr(v, v_end - v);
      const bool value_alone = !key_alone && SkipHSpace(v_end) == line_end;
      const std::string where = Where(name_, LineNumber(p));
      size_t next = v_end;  // where parsing goes on after this field
      switch (key) {
        case Key::kTitle:
        case Key::kSource: {
          if (!line_start) return Status();
          std::string_view rest = key_alone ? std::string_view() : RestOfLine(v, line_end);
          (key == Key::kTitle ? doc->meta.title : doc->meta.source) = std::string(rest);
          next = line_end;
          break;
        }
        case Key::kUrl: {
          if (key_alone) {
            if (!line_start) return Status();
            doc->meta.url = std::string();
            next = line_end;
          } else if (LooksLikeUrl(value)) {
            doc->meta.url = std::string(value);
          } else {
            return Status();  // "url niet bekend ...": body text
          }
          break;
        }
        case Key::kDate: {
          if (key_alone) {
            if (!line_start) return Status();
            return InvalidInput(ErrorId::kBadDate, where + ": the date field has no value");
          }
          std::string date(value);
          if (value.size() == 10 && !value_alone) {
            // "2022-03-24 16:30": a date, one space and a time of day.
            size_t t = v_end + 1;
            if (t < line_end && s_[v_end] == ' ') {
              size_t t_end = TokenEnd(t);
              std::string joined = date + " " + std::string(s_.substr(t, t_end - t));
              if (LooksLikeTime(s_.substr(t, t_end - t)) && IsValidDate(joined)) {
                date = std::move(joined);
                next = t_end;
              }
            }
          }
          if (!IsValidDate(date)) {
            if (value_alone || IsDigit(value[0])) {
              return InvalidInput(ErrorId::kBadDate,
                                  where + ": date '" + date +
                                      "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or an ISO "
                                      "8601 date-time such as 2022-03-24T16:30:00+01:00)");
            }
            return Status();  // "date night ...": the body starts with the word "date"
          }
          doc->meta.date = std::move(date);
          break;
        }
        case Key::kId:
          if (key_alone) {
            if (!line_start) return Status();
            return InvalidInput(ErrorId::kBadField, where + ": the id field has no value");
          }
          *id = std::string(value);
          break;
        case Key::kLang:
          if (key_alone) {
            if (!line_start) return Status();
            return InvalidInput(ErrorId::kBadField, where + ": the lang field has no value");
          }
          if (!IsLanguageTag(value)) return Status();  // "lang geleden ...": body text
          doc->lang = std::string(value);
          break;
        case Key::kNone:
          break;
      }
      pos = next;
      fields_end_ = next;
      line_start = next == line_end;
    }
    return Status();
  }

  // The first byte of the body, after the fields and any white space.
  size_t body_begin() const { return SkipWhiteSpace(s_, body_); }
  // Just after the last field (0 when there is none).
  size_t fields_end() const { return fields_end_; }
  size_t LineNumber(size_t pos) const {
    size_t n = 1;
    for (size_t i = 0; i < pos && i < s_.size(); ++i) n += s_[i] == '\n';
    return n;
  }

 private:
  size_t TokenEnd(size_t p) const {
    while (p < s_.size() && !IsSpace(s_[p])) ++p;
    return p;
  }
  size_t SkipHSpace(size_t p) const {
    while (p < s_.size() && IsHSpace(s_[p])) ++p;
    return p;
  }
  size_t LineEnd(size_t p) const {
    size_t nl = s_.find('\n', p);
    return nl == std::string_view::npos ? s_.size() : nl;
  }
  std::string_view RestOfLine(size_t from, size_t line_end) const {
    std::string_view r = s_.substr(from, line_end - from);
    while (!r.empty() && IsSpace(r.back())) r.remove_suffix(1);
    return r;
  }

  std::string_view s_;
  std::string_view name_;
  size_t body_ = 0;        // where the loop stopped: the start of the body, before white space
  size_t fields_end_ = 0;  // just after the last field
};

}  // namespace

Status ReadText(std::string_view content, std::string_view name, bool with_prefix,
                const ReadOptions& options, const DocSink& sink) {
  ReadItem item;
  auto fail = [&](Status st) {
    item.doc = std::move(st);
    sink(std::move(item));
    return Status();
  };
  // Refuse a huge input before copying it; the fields cannot account for more than this slack.
  if (content.size() > options.max_doc_bytes + 65536) {
    return fail(MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                          Where(name, 1) + ": the file has " + std::to_string(content.size()) +
                              " bytes, more than the document limit of " +
                              std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)"));
  }
  bool bom = content.substr(0, kByteOrderMark.size()) == kByteOrderMark;
  if (bom) content.remove_prefix(kByteOrderMark.size());
  std::string text;
  Status st = CheckBytes(content, name, 1, options, &text, &item.warnings);
  if (!st.ok()) return fail(st);

  Doc doc;
  std::optional<std::string> id;
  size_t body_begin = 0;
  HeaderParser header(text, name);
  if (with_prefix) {
    st = header.Parse(&doc, &id);
    if (!st.ok()) return fail(st);
    body_begin = header.body_begin();
  }
  std::string_view body = std::string_view(text).substr(body_begin);
  // Messages point at the body, or (when it is empty) at the last field.
  size_t at = body_begin < text.size() ? body_begin : header.fields_end();
  st = CheckBody(body, Where(name, header.LineNumber(at)), options);
  if (!st.ok()) return fail(st);
  doc.text.assign(body);
  if (id) {
    doc.id = *id;
  } else {
    doc.id = StemOf(name);
    if (doc.id.empty()) doc.id = "doc-1";
  }
  if (!doc.meta.date && options.date) doc.meta.date = options.date;
  item.doc = std::move(doc);
  sink(std::move(item));
  return Status();
}

}  // namespace kroniek::io
