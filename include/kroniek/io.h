// Reading articles into Docs and writing Docs out.
//
// Input formats are those of shared/spec/input-formats.md: text with a `key value` metadata
// prefix, plain text, JSON Lines, CoNLL-U, CoNLL-2002, directories and standard input ("-").
// Readers stream: they hand each document (or the error about one bad record) to a callback as
// soon as it is read, so a batch of millions never sits in memory and a bad record costs only
// itself. Errors name the file, the line or record and what is wrong, e.g.
//   news.jsonl:17: JSON line lacks "text" [E103]
#ifndef KRONIEK_IO_H_
#define KRONIEK_IO_H_

#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/status.h"

namespace kroniek {

enum class InputFormat {
  kAuto,       // by file extension: .jsonl, .conllu, .conll2002/.bio; else text with metadata
  kText,       // article text with an optional `key value` metadata prefix
  kPlain,      // plain text: the whole file is the body
  kJsonl,      // one JSON object per line with "text"
  kConllu,     // CoNLL-U; gold tokens, sentences and any filled columns are kept
  kConll2002,  // word POS BIO-tag; -DOCSTART- starts a document; gold names become mentions
};

struct ReadOptions {
  InputFormat format = InputFormat::kAuto;
  // Replace invalid UTF-8 with U+FFFD (and say so in a warning) instead of rejecting the document.
  bool lenient = false;
  // Larger documents are rejected, not truncated.
  size_t max_doc_bytes = size_t{10} << 20;
  // Document date for inputs that do not give one ("2022-03-24", "2022-03", ...).
  std::optional<std::string> date;
};

// What a reader hands over for each record: a Doc, or the error that made it skip the record.
// `warnings` lists non-fatal problems (e.g. bytes replaced under --lenient).
struct ReadItem {
  Result<Doc> doc = Status();
  std::vector<std::string> warnings;
};

// Called once per record, in input order. Return false to stop reading.
using DocSink = std::function<bool(ReadItem&& item)>;

// Reads every input (file, directory or "-") in order. Directory entries are read in sorted
// name order; hidden files are skipped. Returns an error only when reading cannot go on at all
// (the sink asked to stop returns OK); per-record problems go to the sink.
Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                  const DocSink& sink);

// Readers over in-memory content; `name` is used for ids and messages (a file name, "-").
Status ReadBuffer(std::string_view content, std::string_view name, InputFormat format,
                  const ReadOptions& options, const DocSink& sink);

// Parses a metadata date ("2022", "2022-03", "2022-03-24" or an ISO 8601 date-time).
bool IsValidDate(std::string_view date);

enum class OutputFormat {
  kText,       // a readable view for a terminal
  kJson,       // the document contract, one object per document (see WriteOptions::pretty)
  kJsonl,      // the document contract, one object per line
  kConllu,     // CoNLL-U with # sent_id, # text and SpaceAfter=No
  kConll2002,  // word POS TAG lines; the predicted NER tag in the last column
  kPlover,     // one PLOVER-style JSON record per event
};

struct WriteOptions {
  bool ner_in_misc = false;  // CoNLL-U: add NER=B-PER etc. to the MISC column
  bool color = false;        // text view: ANSI colours
  // JSON (kJson only): one key per line and one list item per line instead of one line; for a
  // single document read by a person. kJsonl is always one line.
  bool pretty = false;
};

// Appends `doc` in `format` to `out`. Writers never fail on a valid Doc.
void WriteDoc(const Doc& doc, OutputFormat format, const WriteOptions& options, std::string* out);

// The JSON of the document contract as one line (no trailing newline).
std::string ToJson(const Doc& doc);

}  // namespace kroniek

#endif  // KRONIEK_IO_H_
