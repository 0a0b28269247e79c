// Input dispatch: files, directories and standard input, each handed to the reader for its
// format. JSON Lines are streamed line by line (a batch of any size, or a pipe that never ends);
// the other formats are read whole, an article text only when it is not over the size limit.
//
// The format of a file comes from its extension (InputFormat::kAuto): .jsonl/.ndjson/.json are
// JSON Lines (a .json file may also hold one pretty-printed object), .conllu is CoNLL-U,
// .conll2002/.conll/.bio are CoNLL-2002, anything else is an article text unless it starts like
// a CoNLL file ("-DOCSTART-", or a CoNLL-U comment or word line; the shared CoNLL-2002 files are
// named .txt). Standard input has no name, so its first bytes decide: '{' JSON Lines,
// "-DOCSTART-" CoNLL-2002, a CoNLL-U comment or word line CoNLL-U, else an article text.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <filesystem>

#include "base/errors.h"
#include "io/readers.h"

namespace kroniek {
namespace {

namespace fs = std::filesystem;

InputFormat FormatOfName(const fs::path& p) {
  std::string ext = p.extension().string();
  std::transform(ext.begin(), ext.end(), ext.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  if (ext == ".jsonl" || ext == ".ndjson" || ext == ".json") return InputFormat::kJsonl;
  if (ext == ".conllu") return InputFormat::kConllu;
  if (ext == ".conll2002" || ext == ".conll" || ext == ".bio") return InputFormat::kConll2002;
  return InputFormat::kText;
}

// The format of standard input from its first bytes (see the top of this file). With
// `conll_only`, only the CoNLL formats are recognised (for files that would otherwise be read
// as an article text: no article starts with "-DOCSTART-" or a CoNLL-U comment).
InputFormat Sniff(std::string_view head, bool conll_only = false) {
  if (head.substr(0, io::kByteOrderMark.size()) == io::kByteOrderMark) {
    head.remove_prefix(io::kByteOrderMark.size());
  }
  size_t i = head.find_first_not_of(" \t\r\n");
  if (i == std::string_view::npos) return InputFormat::kText;
  std::string_view rest = head.substr(i);
  if (rest[0] == '{' && !conll_only) return InputFormat::kJsonl;
  if (rest.substr(0, 10) == "-DOCSTART-") return InputFormat::kConll2002;
  std::string_view first_line = rest.substr(0, rest.find('\n'));
  for (std::string_view c : {"# newdoc", "# sent_id", "# text", "# newpar"}) {
    if (first_line.substr(0, c.size()) == c) return InputFormat::kConllu;
  }
  // A CoNLL-U word line: "1<TAB>form<TAB>..." with ten columns.
  if (first_line.substr(0, 2) == "1\t" &&
      std::count(first_line.begin(), first_line.end(), '\t') == 9) {
    return InputFormat::kConllu;
  }
  return InputFormat::kText;
}

// Reads everything left on `fd` into `out` (after what it holds). False on a read error.
bool ReadAllFd(int fd, std::string* out, std::string* error) {
  std::string chunk(size_t{1} << 16, '\0');
  while (true) {
    ssize_t n = read(fd, chunk.data(), chunk.size());
    if (n < 0) {
      if (errno == EINTR) continue;
      *error = std::strerror(errno);
      return false;
    }
    if (n == 0) return true;
    out->append(chunk.data(), static_cast<size_t>(n));
  }
}

class InputReader {
 public:
  InputReader(const ReadOptions& options, const DocSink& sink) : options_(options), sink_(sink) {
    tracking_ = [this](ReadItem&& item) {
      go_ = sink_(std::move(item));
      return go_;
    };
  }

  bool go() const { return go_; }

  void Error(Status st) {
    ReadItem item;
    item.doc = std::move(st);
    go_ = sink_(std::move(item));
  }

  void Stdin() {
    // Take bytes until the format can be told: the first non-blank byte, and for anything but
    // '{' the whole first line (or 64 KiB).
    std::string head;
    std::string chunk(size_t{1} << 16, '\0');
    InputFormat f = options_.format;
    bool eof = false;
    while (f == InputFormat::kAuto) {
      size_t first = head.find_first_not_of(" \t\r\n");
      if (first != std::string::npos &&
          (head[first] == '{' || head.find('\n', first) != std::string::npos ||
           head.size() >= chunk.size())) {
        break;
      }
      ssize_t n = read(STDIN_FILENO, chunk.data(), chunk.size());
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) {
        Error(MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                        std::string("-: cannot read standard input: ") + std::strerror(errno)));
        return;
      }
      if (n == 0) {
        eof = true;
        break;
      }
      head.append(chunk.data(), static_cast<size_t>(n));
    }
    if (f == InputFormat::kAuto) f = Sniff(head);
    if (f == InputFormat::kJsonl) {
      Status st = io::ReadJsonlStream(STDIN_FILENO, head, "-", options_, tracking_);
      if (!st.ok()) Error(st);
      return;
    }
    std::string error;
    if (!eof && !ReadAllFd(STDIN_FILENO, &head, &error)) {
      Error(MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                      "-: cannot read standard input: " + error));
      return;
    }
    Status st = ReadBuffer(head, "-", f, options_, tracking_);
    if (!st.ok()) Error(st);
  }

  void File(const fs::path& p, const std::string& shown) {
    InputFormat f = options_.format == InputFormat::kAuto ? FormatOfName(p) : options_.format;
    int fd = open(p.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) {
      Error(MakeError(errno == ENOENT ? StatusCode::kNotFound : StatusCode::kIOError,
                      ErrorId::kCannotOpen, shown + ": cannot open: " + std::strerror(errno)));
      return;
    }
    struct stat sb {};
    const bool have_size = fstat(fd, &sb) == 0 && S_ISREG(sb.st_mode);
    const auto size = have_size ? static_cast<size_t>(sb.st_size) : 0;
    std::string bytes;
    std::string error;
    // A .jsonl file (or a large .json one) streams; everything else is read whole.
    bool is_json_name = p.extension() == ".json";
    if (f == InputFormat::kJsonl && !(is_json_name && have_size && size <= (size_t{64} << 20))) {
      Status st = io::ReadJsonlStream(fd, "", shown, options_, tracking_);
      close(fd);
      if (!st.ok()) Error(st);
      return;
    }
    // An article text over the limit is refused without reading it (the fields cannot account
    // for more than this slack; ReadText checks the body exactly).
    if ((f == InputFormat::kText || f == InputFormat::kPlain) && have_size &&
        size > options_.max_doc_bytes + 65536) {
      close(fd);
      Error(MakeError(StatusCode::kResourceExhausted, ErrorId::kDocTooLarge,
                      shown + ":1: the file has " + std::to_string(size) +
                          " bytes, more than the document limit of " +
                          std::to_string(options_.max_doc_bytes) + " (--max-doc-bytes)"));
      return;
    }
    if (have_size) bytes.reserve(size);
    bool ok = ReadAllFd(fd, &bytes, &error);
    close(fd);
    if (!ok) {
      Error(
          MakeError(StatusCode::kIOError, ErrorId::kCannotOpen, shown + ": cannot read: " + error));
      return;
    }
    if (options_.format == InputFormat::kAuto && f == InputFormat::kText) {
      f = Sniff(std::string_view(bytes).substr(0, 65536), /*conll_only=*/true);
    }
    Status st = ReadBuffer(bytes, shown, f, options_, tracking_);
    if (!st.ok()) Error(st);
  }

  void Directory(const fs::path& dir, const std::string& shown) {
    std::vector<fs::path> files;
    std::error_code ec;
    for (fs::recursive_directory_iterator
             it(dir, fs::directory_options::skip_permission_denied, ec),
         end;
         !ec && it != end; it.increment(ec)) {
      const std::string fname = it->path().filename().string();
      if (!fname.empty() && fname[0] == '.') {  // hidden files and directories
        std::error_code ec2;
        if (it->is_directory(ec2)) it.disable_recursion_pending();
        continue;
      }
      std::error_code ec2;
      if (it->is_regular_file(ec2)) files.push_back(it->path());
    }
    if (ec) {
      Error(MakeError(StatusCode::kIOError, ErrorId::kCannotOpen,
                      shown + ": cannot list the directory: " + ec.message()));
      if (!go_) return;
    }
    std::sort(files.begin(), files.end());
    for (const auto& f : files) {
      if (!go_) return;
      File(f, f.string());
    }
  }

 private:
  const ReadOptions& options_;
  const DocSink& sink_;
  DocSink tracking_;  // the sink, remembering a request to stop
  bool go_ = true;
};

}  // namespace

Status ReadBuffer(std::string_view content, std::string_view name, InputFormat format,
                  const ReadOptions& options, const DocSink& sink) {
  if (format == InputFormat::kAuto) {
    format = FormatOfName(std::string(name));
    if (name == "-" || format == InputFormat::kText) {
      format = Sniff(content.substr(0, 65536), /*conll_only=*/name != "-");
    }
  }
  switch (format) {
    case InputFormat::kAuto:
    case InputFormat::kText:
      return io::ReadText(content, name, true, options, sink);
    case InputFormat::kPlain:
      return io::ReadText(content, name, false, options, sink);
    case InputFormat::kJsonl:
      return io::ReadJsonl(content, name, options, sink);
    case InputFormat::kConllu:
      return io::ReadConllu(content, name, options, sink);
    case InputFormat::kConll2002:
      return io::ReadConll2002(content, name, options, sink);
  }
  return Status();
}

Status ReadInputs(const std::vector<std::string>& inputs, const ReadOptions& options,
                  const DocSink& sink) {
  InputReader reader(options, sink);
  for (const std::string& input : inputs) {
    if (!reader.go()) break;
    if (input == "-") {
      reader.Stdin();
      continue;
    }
    std::error_code ec;
    fs::path p(input);
    if (fs::is_directory(p, ec)) {
      reader.Directory(p, input);
    } else if (!fs::exists(p, ec)) {
      reader.Error(MakeError(StatusCode::kNotFound, ErrorId::kCannotOpen,
                             input + ": no such file or directory"));
    } else {
      reader.File(p, input);
    }
  }
  return Status();
}

}  // namespace kroniek
