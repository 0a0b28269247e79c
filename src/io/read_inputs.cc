// Input dispatch: files, directories and standard input, each read whole and handed to the
// reader for its format.
#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

#include "base/errors.h"
#include "base/utf8.h"
#include "io/readers.h"

namespace kroniek {

namespace io {

std::string StemOf(std::string_view name) {
  if (name == "-") return "";
  std::filesystem::path p{std::string(name)};
  return p.stem().string();
}

Status CheckBytes(std::string_view raw, const std::string& where, const ReadOptions& options,
                  std::string* out, std::vector<std::string>* warnings) {
  if (size_t nul = raw.find('\0'); nul != std::string_view::npos) {
    return InvalidInput(ErrorId::kNulByte,
                        where + ": NUL byte at byte offset " + std::to_string(nul) +
                            " (binary data is not text)");
  }
  size_t bad = 0;
  if (!utf8::IsValid(raw, &bad)) {
    if (!options.lenient) {
      return InvalidInput(ErrorId::kInvalidUtf8,
                          where + ": invalid UTF-8 at byte offset " + std::to_string(bad) +
                              " (convert the file to UTF-8, or pass --lenient to replace bad "
                              "bytes with U+FFFD)");
    }
    size_t replaced = 0;
    *out = utf8::Sanitize(raw, &replaced);
    warnings->push_back(where + ": replaced " + std::to_string(replaced) +
                        " invalid UTF-8 sequence(s) with U+FFFD (--lenient)");
    return Status();
  }
  out->assign(raw);
  return Status();
}

}  // namespace io

namespace {

InputFormat FormatOf(const std::filesystem::path& p, InputFormat requested) {
  if (requested != InputFormat::kAuto) return requested;
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(), [](unsigned char c) { return std::tolower(c); });
  if (ext == ".jsonl" || ext == ".ndjson") return InputFormat::kJsonl;
  if (ext == ".conllu") return InputFormat::kConllu;
  if (ext == ".conll2002" || ext == ".conll" || ext == ".bio") return InputFormat::kConll2002;
  return InputFormat::kText;
}

bool ReadFileBytes(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  if (in.bad()) return false;
  *out = std::move(ss).str();
  return true;
}

}  // namespace

Status ReadBuffer(std::string_view content, std::string_view name, InputFormat format,
                  const ReadOptions& options, const DocSink& sink) {
  if (format == InputFormat::kAuto) format = FormatOf(std::string(name), InputFormat::kAuto);
  switch (format) {
    case InputFormat::kAuto:
    case InputFormat::kText: return io::ReadText(content, name, true, options, sink);
    case InputFormat::kPlain: return io::ReadText(content, name, false, options, sink);
    case InputFormat::kJsonl: return io::ReadJsonl(content, name, options, sink);
    case InputFormat::kConllu: return io::ReadConllu(content, name, options, sink);
    case InputFormat::kConll2002: return io::ReadConll2002(content, name, options, sink);
  }
  return Status();
}

Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                  const DocSink& sink) {
  namespace fs = std::filesystem;
  bool go = true;
  auto error_item = [&](Status st) {
    ReadItem item;
    item.doc = std::move(st);
    go = sink(std::move(item));
  };
  // Wraps the sink so that a stop request is remembered.
  DocSink tracking = [&](ReadItem&& item) {
    go = sink(std::move(item));
    return go;
  };
  auto read_file = [&](const fs::path& p, const std::string& shown) {
    std::string bytes;
    if (!ReadFileBytes(p.string(), &bytes)) {
      error_item(MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                           shown + ": cannot read the file"));
      return;
    }
    // A size check before parsing, so a huge file is refused without building a Doc. Batch
    // formats hold many documents and are checked per document instead.
    InputFormat f = FormatOf(p, options.format);
    if ((f == InputFormat::kText || f == InputFormat::kPlain) &&
        bytes.size() > options.max_doc_bytes + 4096) {
      error_item(InvalidInput(ErrorId::kDocTooLarge,
                              shown + ": " + std::to_string(bytes.size()) +
                                  " bytes, more than the document limit of " +
                                  std::to_string(options.max_doc_bytes) + " (--max-doc-bytes)"));
      return;
    }
    Status st = ReadBuffer(bytes, shown, f, options, tracking);
    if (!st.ok()) error_item(st);
  };
  for (const std::string& input : inputs) {
    if (!go) break;
    if (input == "-") {
      std::string bytes((std::istreambuf_iterator<char>(std::cin)), std::istreambuf_iterator<char>());
      InputFormat f = options.format == InputFormat::kAuto ? InputFormat::kText : options.format;
      Status st = ReadBuffer(bytes, "-", f, options, tracking);
      if (!st.ok()) error_item(st);
      continue;
    }
    std::error_code ec;
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      std::vector<fs::path> files;
      for (fs::recursive_directory_iterator it(p, fs::directory_options::skip_permission_denied, ec), end;
           !ec && it != end; it.increment(ec)) {
        const std::string fname = it->path().filename().string();
        if (!fname.empty() && fname[0] == '.') {
          if (it->is_directory(ec)) it.disable_recursion_pending();
          continue;
        }
        if (it->is_regular_file(ec)) files.push_back(it->path());
      }
      if (ec) {
        error_item(MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                             input + ": cannot list the directory: " + ec.message()));
        continue;
      }
      std::sort(files.begin(), files.end());
      for (const auto& f : files) {
        if (!go) break;
        read_file(f, f.string());
      }
      continue;
    }
    if (!fs::exists(p, ec)) {
      error_item(MakeError(StatusCode::kNotFound, ErrorId::kCannotOpen,
                           input + ": no such file or directory"));
      continue;
    }
    read_file(p, input);
  }
  return Status();
}

}  // namespace kroniek
