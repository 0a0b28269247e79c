// The per-format readers behind ReadBuffer/ReadInputs (kroniek/io.h). Each reads one in-memory
// buffer whose bytes have not been checked yet; `name` is the file name (or "-") used in
// messages and for document ids.
#ifndef KRONIEK_IO_READERS_H_
#define KRONIEK_IO_READERS_H_

#include <string>
#include <string_view>

#include "kroniek/io.h"

namespace kroniek::io {

Status ReadText(std::string_view content, std::string_view name, bool with_prefix,
                const ReadOptions& options, const DocSink& sink);
Status ReadJsonl(std::string_view content, std::string_view name, const ReadOptions& options,
                 const DocSink& sink);
Status ReadConllu(std::string_view content, std::string_view name, const ReadOptions& options,
                  const DocSink& sink);
Status ReadConll2002(std::string_view content, std::string_view name, const ReadOptions& options,
                     const DocSink& sink);

// The file name without directories and extension ("dir/seed.txt" -> "seed"); "-" -> "".
std::string StemOf(std::string_view name);

// Checks the raw bytes of one document body for NUL bytes and invalid UTF-8. On success `out`
// holds the text to use (sanitised under --lenient, with a warning added to `warnings`).
// `where` prefixes messages ("news.jsonl:17").
Status CheckBytes(std::string_view raw, const std::string& where, const ReadOptions& options,
                  std::string* out, std::vector<std::string>* warnings);

}  // namespace kroniek::io

#endif  // KRONIEK_IO_READERS_H_
