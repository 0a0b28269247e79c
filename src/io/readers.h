// The per-format readers behind ReadBuffer/ReadInputs (kroniek/io.h), and what they share. Each
// reads one in-memory buffer whose bytes have not been checked yet; `name` is the file name (or
// "-") used in messages and for document ids. docs/formats/ describes every format as read here.
#ifndef KRONIEK_IO_READERS_H_
#define KRONIEK_IO_READERS_H_

#include <string>
#include <string_view>
#include <vector>

#include "kroniek/io.h"

namespace kroniek::io {

// `with_prefix`: parse the `key value` metadata fields at the start (InputFormat::kText);
// otherwise the whole buffer is the body (InputFormat::kPlain).
Status ReadText(std::string_view content, std::string_view name, bool with_prefix,
                const ReadOptions& options, const DocSink& sink);
Status ReadJsonl(std::string_view content, std::string_view name, const ReadOptions& options,
                 const DocSink& sink);
Status ReadConllu(std::string_view content, std::string_view name, const ReadOptions& options,
                  const DocSink& sink);
Status ReadConll2002(std::string_view content, std::string_view name, const ReadOptions& options,
                     const DocSink& sink);

// Reads JSON Lines from an open file descriptor, one line at a time, so that a batch of any
// size (or a pipe that never ends) is processed as it arrives. `head` holds bytes already taken
// from the descriptor (by format sniffing); they come first. The descriptor is not closed.
// Fails only when reading fails.
Status ReadJsonlStream(int fd, std::string_view head, std::string_view name,
                       const ReadOptions& options, const DocSink& sink);

// One JSON Lines record: the raw bytes of line `line_no` (without its '\n'). `default_id` is
// used when the record has no "id". Never fails as a call: a bad record comes back as an item
// holding the error.
ReadItem ReadJsonRecord(std::string_view line, std::string_view name, size_t line_no,
                        std::string default_id, const ReadOptions& options);

// The file name without directories and extension ("dir/seed.txt" -> "seed"); "-" -> "".
std::string StemOf(std::string_view name);

// The id of the n-th (1-based) document of a file that holds many: "stem-n", or "doc-n" when
// the input has no name (standard input).
std::string NumberedId(std::string_view name, size_t n);

// Checks the raw bytes of one document (or line) for NUL bytes and invalid UTF-8. On success
// `out` holds the text to use (sanitised under --lenient, with a warning added to `warnings`).
// Messages name `name` and the line of the offending byte: `first_line` is the line number of
// raw[0], and every '\n' in `raw` counts one more line.
Status CheckBytes(std::string_view raw, std::string_view name, size_t first_line,
                  const ReadOptions& options, std::string* out, std::vector<std::string>* warnings);

// Under --lenient: when `raw` is not valid UTF-8, puts a copy with every bad sequence replaced
// by U+FFFD in `out`, adds a warning naming the line of the first one, and returns true. Returns
// false (and leaves `out` alone) when `raw` is valid. Line breaks are never added or removed.
bool RepairUtf8(std::string_view raw, std::string_view name, size_t first_line, std::string* out,
                std::vector<std::string>* warnings);

// The common start of the line-based readers (CoNLL-U, CoNLL-2002): drops a byte-order mark
// from `*content` and, under --lenient, repairs bad UTF-8 into `*repaired` (then `*content`
// views it) with its warnings added to `*warnings`. Returns true when the content is now free
// of bad bytes, so it need not be checked line by line (NUL bytes are never repaired).
bool PrepareLines(std::string_view* content, std::string_view name, const ReadOptions& options,
                  std::string* repaired, std::vector<std::string>* warnings);

// True when `s` holds a NUL byte or is not valid UTF-8 (a fast check; CheckBytes says what).
bool HasBadBytes(std::string_view s);

// "name:line".
std::string Where(std::string_view name, size_t line);

// Length of the white-space code point (or U+FEFF byte-order mark) at s[i] of valid UTF-8 `s`,
// 0 when s[i] starts something else. White space is Unicode's White_Space property.
size_t WhiteSpaceLength(std::string_view s, size_t i);

// Offset of the first byte of `s` at or after `i` that is not white space.
size_t SkipWhiteSpace(std::string_view s, size_t i);

// The UTF-8 byte-order mark, which is dropped from the start of every input.
inline constexpr std::string_view kByteOrderMark = "\xEF\xBB\xBF";

// Checks a finished body: not empty or white space only (E105), not larger than the limit
// (E107). `where` locates it in messages.
Status CheckBody(std::string_view body, const std::string& where, const ReadOptions& options);

}  // namespace kroniek::io

#endif  // KRONIEK_IO_READERS_H_
