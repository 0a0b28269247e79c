// PLACEHOLDERS until the text and JSON Lines readers land (issue 2); CoNLL-2002 is in
// read_conll2002.cc.
#include "base/errors.h"
#include "io/readers.h"

namespace kroniek::io {

static Status NotYet(std::string_view name, const char* what) {
  return MakeError(StatusCode::kUnsupported, ErrorId::kInternal,
                   std::string(name) + ": the " + what + " reader is not built yet");
}

Status ReadText(std::string_view content, std::string_view name, bool with_prefix,
                const ReadOptions& options, const DocSink& sink) {
  (void)with_prefix;
  std::string text;
  std::vector<std::string> warnings;
  Status st = CheckBytes(content, std::string(name), options, &text, &warnings);
  ReadItem item;
  if (!st.ok()) {
    item.doc = st;
  } else {
    Doc d;
    d.id = StemOf(name).empty() ? "doc-1" : StemOf(name);
    d.text = std::move(text);
    if (options.date) d.meta.date = options.date;
    item.doc = std::move(d);
    item.warnings = std::move(warnings);
  }
  sink(std::move(item));
  return Status();
}
Status ReadJsonl(std::string_view, std::string_view name, const ReadOptions&, const DocSink&) {
  return NotYet(name, "JSON Lines");
}

}  // namespace kroniek::io

namespace kroniek {
bool IsValidDate(std::string_view date) { return !date.empty(); }
}  // namespace kroniek
