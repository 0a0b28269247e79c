// kroniek analyze: read articles, run the pipeline, write the results (docs/cli.md).
//
// Documents stream through one at a time: read, analysed, written and flushed before the next
// is read, so a batch of millions never sits in memory and nothing written is lost when a later
// document fails or the run is interrupted. A bad record is reported on stderr with its file,
// line and error id, skipped, and remembered in the exit status (3).
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "base/errors.h"
#include "cli/commands.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"

namespace kroniek::cli {
namespace {

constexpr const char* kCommand = "analyze";

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::string format;
  std::string input_format = "auto";
  bool pretokenized = false;
  std::string date;
  bool lenient = false;
  std::string max_doc_bytes = "10M";
  std::string models;
  bool ner_in_misc = false;
  bool progress = false;
  std::string output;
};

volatile std::sig_atomic_t g_interrupted = 0;

// Pipelines at the end of a run. Freeing the models costs tens of milliseconds of a short run
// and the process is about to end, so they are handed to the OS instead; held by a global, they
// stay reachable (not a leak to LeakSanitizer).
std::vector<Pipeline>* g_retired = nullptr;

void Retire(std::optional<Pipeline>& p) {
  if (!p) return;
  if (g_retired == nullptr) g_retired = new std::vector<Pipeline>();
  g_retired->push_back(std::move(*p));
  p.reset();
}

extern "C" void OnInterrupt(int) { g_interrupted = 1; }

// The first SIGINT/SIGTERM asks for a clean stop after the current document; the handler is
// then reset, so a second one ends the process at once.
void InstallInterruptHandlers() {
  struct sigaction sa {};
  sa.sa_handler = OnInterrupt;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = static_cast<int>(SA_RESETHAND | SA_RESTART);
  sigaction(SIGINT, &sa, nullptr);
  sigaction(SIGTERM, &sa, nullptr);
}

// "10M", "512k", "1G", "123456" (binary units) -> bytes; nullopt when malformed or zero.
std::optional<size_t> ParseSize(const std::string& s) {
  size_t i = 0;
  uint64_t v = 0;
  while (i < s.size() && s[i] >= '0' && s[i] <= '9') {
    if (v > (UINT64_MAX - 9) / 10) return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(s[i++] - '0');
  }
  if (i == 0) return std::nullopt;
  std::string unit;
  for (; i < s.size(); ++i) unit.push_back(static_cast<char>(std::tolower(s[i])));
  int shift = 0;
  if (unit.empty() || unit == "b") {
    shift = 0;
  } else if (unit == "k" || unit == "kb" || unit == "kib") {
    shift = 10;
  } else if (unit == "m" || unit == "mb" || unit == "mib") {
    shift = 20;
  } else if (unit == "g" || unit == "gb" || unit == "gib") {
    shift = 30;
  } else {
    return std::nullopt;
  }
  if (v == 0 || v > (UINT64_MAX >> shift)) return std::nullopt;
  return static_cast<size_t>(v << shift);
}

std::optional<OutputFormat> ParseOutputFormat(const std::string& f) {
  if (f == "text") return OutputFormat::kText;
  if (f == "json") return OutputFormat::kJson;
  if (f == "jsonl") return OutputFormat::kJsonl;
  if (f == "conllu") return OutputFormat::kConllu;
  if (f == "conll2002") return OutputFormat::kConll2002;
  if (f == "plover") return OutputFormat::kPlover;
  return std::nullopt;
}

// The output format when --format is not given: text on a terminal; for -o FILE the one its
// extension names; else JSON Lines.
std::string DefaultFormat(const std::string& output) {
  if (output.empty() || output == "-") return isatty(STDOUT_FILENO) ? "text" : "jsonl";
  auto ends = [&](const char* ext) {
    std::string e = ext;
    return output.size() > e.size() && output.compare(output.size() - e.size(), e.size(), e) == 0;
  };
  if (ends(".json")) return "json";
  if (ends(".conllu")) return "conllu";
  if (ends(".conll2002") || ends(".conll") || ends(".bio")) return "conll2002";
  if (ends(".txt")) return "text";
  return "jsonl";
}

// Where the results go: standard output, or -o FILE written as a temporary file next to it and
// renamed over it when the run is done (so FILE is never half written).
class Output {
 public:
  ~Output() {
    if (fd_ >= 0 && fd_ != STDOUT_FILENO) close(fd_);
  }

  // Fails with a message when the temporary file cannot be made.
  std::string Open(const std::string& path) {
    if (path.empty() || path == "-") return "";
    path_ = path;
    temp_ = path + ".tmp-XXXXXX";
    fd_ = mkstemp(temp_.data());
    if (fd_ < 0) return path + ": cannot create the output file: " + std::strerror(errno);
    mode_t mask = umask(0);
    umask(mask);
    fchmod(fd_, 0666 & ~mask);
    return "";
  }

  // Writes all of `data`; false when the write failed.
  bool Write(std::string_view data) {
    while (!data.empty()) {
      ssize_t n = write(fd_, data.data(), data.size());
      if (n < 0) {
        if (errno == EINTR) continue;
        error_ = std::strerror(errno);
        return false;
      }
      data.remove_prefix(static_cast<size_t>(n));
    }
    return true;
  }
  // Why the last Write failed.
  const std::string& error() const { return error_; }

  // Closes -o FILE and puts it in place. Returns an error message, or "".
  std::string Commit() {
    if (path_.empty()) return "";
    int fd = fd_;
    fd_ = -1;
    if (close(fd) != 0) return path_ + ": cannot write the output: " + std::strerror(errno);
    if (std::rename(temp_.c_str(), path_.c_str()) != 0) {
      return path_ + ": cannot rename " + temp_ + " to it: " + std::strerror(errno);
    }
    return "";
  }

  // After a failure: what was written stays in the temporary file, which is named.
  std::string Abandon() {
    if (path_.empty()) return "";
    close(fd_);
    fd_ = -1;
    return temp_;
  }

 private:
  std::string path_, temp_, error_;
  int fd_ = STDOUT_FILENO;
};

// Documents and tokens per second on stderr. Shown when asked for (--progress), or on its own
// when stderr is a terminal, the results do not go to that terminal, and the run has lasted
// two seconds (a large batch).
class Progress {
 public:
  Progress(bool forced, bool results_on_terminal)
      : forced_(forced),
        tty_(isatty(STDERR_FILENO) != 0),
        automatic_(tty_ && !results_on_terminal),
        start_(Clock::now()),
        last_(start_) {}

  void Update(size_t docs, size_t tokens) {
    docs_ = docs;
    tokens_ = tokens;
    if (!forced_ && !automatic_) return;
    auto now = Clock::now();
    if (!forced_ && now - start_ < std::chrono::seconds(2)) return;
    auto every = tty_ ? std::chrono::milliseconds(250) : std::chrono::milliseconds(5000);
    if (shown_ && now - last_ < every) return;
    last_ = now;
    shown_ = true;
    Print(now, false);
  }

  // Before another message: clears the progress line of a terminal.
  void Clear() {
    if (shown_ && tty_) std::fputs("\r\x1b[K", stderr);
  }

  void Finish() {
    if (!shown_ && !forced_) return;
    Clear();
    Print(Clock::now(), true);
  }

 private:
  using Clock = std::chrono::steady_clock;

  void Print(Clock::time_point now, bool final_line) {
    double s = std::chrono::duration<double>(now - start_).count();
    double rate_d = s > 0 ? static_cast<double>(docs_) / s : 0;
    double rate_t = s > 0 ? static_cast<double>(tokens_) / s : 0;
    if (tty_ && !final_line) std::fputs("\r\x1b[K", stderr);
    std::fprintf(stderr,
                 "kroniek analyze: %zu documents, %zu tokens, %.1f s (%.0f docs/s, %.0f tokens/s)",
                 docs_, tokens_, s, rate_d, rate_t);
    std::fputs(tty_ && !final_line ? "" : "\n", stderr);
    std::fflush(stderr);
  }

  const bool forced_, tty_, automatic_;
  const Clock::time_point start_;
  Clock::time_point last_;
  bool shown_ = false;
  size_t docs_ = 0, tokens_ = 0;
};

// Drops every layer a reader filled except, when `keep_tokens`, the tokens and sentences: an
// analysis never passes gold annotation off as its own.
void KeepInputLayers(Doc& doc, bool keep_tokens) {
  for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
    auto layer = static_cast<Layer>(l);
    if (keep_tokens && (layer == Layer::kTokens || layer == Layer::kSentences)) continue;
    doc.Clear(layer);
  }
}

int RunAnalyze(const AnalyzeArgs& a) {
  const std::string f = a.format.empty() ? DefaultFormat(a.output) : a.format;
  std::optional<OutputFormat> out_format = ParseOutputFormat(f);
  if (!out_format) {
    PrintError(kCommand, "unknown --format '" + f +
                             "' (choose text, json, jsonl, conllu, conll2002 or plover) [E501]");
    return kExitUsage;
  }
  ReadOptions ro;
  ro.lenient = a.lenient;
  std::optional<size_t> max_bytes = ParseSize(a.max_doc_bytes);
  if (!max_bytes) {
    PrintError(kCommand, "--max-doc-bytes '" + a.max_doc_bytes +
                             "' is not a size (use a number of bytes, or 512k, 10M, 1G) [E501]");
    return kExitUsage;
  }
  ro.max_doc_bytes = *max_bytes;
  if (!a.date.empty()) {
    if (!IsValidDate(a.date)) {
      PrintError(kCommand,
                 "--date '" + a.date +
                     "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601) [E104]");
      return kExitUsage;
    }
    ro.date = a.date;
  }
  const std::string& in = a.input_format;
  if (in == "auto")
    ro.format = InputFormat::kAuto;
  else if (in == "text")
    ro.format = InputFormat::kText;
  else if (in == "plain")
    ro.format = InputFormat::kPlain;
  else if (in == "jsonl")
    ro.format = InputFormat::kJsonl;
  else if (in == "conllu")
    ro.format = InputFormat::kConllu;
  else if (in == "conll2002")
    ro.format = InputFormat::kConll2002;
  else {
    PrintError(kCommand, "unknown --input-format '" + in +
                             "' (choose auto, text, plain, jsonl, conllu or conll2002) [E501]");
    return kExitUsage;
  }

  Output output;
  if (std::string e = output.Open(a.output); !e.empty()) {
    PrintError(kCommand, e + " [E502]");
    return kExitFailed;
  }
  const bool to_stdout = a.output.empty() || a.output == "-";
  const bool results_on_terminal = to_stdout && isatty(STDOUT_FILENO);
  Progress progress(a.progress, results_on_terminal);
  auto error = [&](const std::string& m) {
    progress.Clear();
    PrintError(kCommand, m);
  };
  auto warning = [&](const std::string& m) {
    progress.Clear();
    PrintWarning(kCommand, m);
  };

  // Two pipelines, built when first needed: the full one, and one without the tokenizer for
  // documents whose tokens are kept (--pretokenized with CoNLL-U or CoNLL-2002 input).
  std::optional<Pipeline> full, pretokenized;
  Status pipeline_error;
  auto pipeline = [&](bool keep_tokens) -> const Pipeline* {
    std::optional<Pipeline>& slot = keep_tokens ? pretokenized : full;
    if (!slot) {
      PipelineOptions po;
      po.models_dir = a.models;
      po.pretokenized = keep_tokens;
      std::vector<std::string> warnings;
      Result<Pipeline> p = Pipeline::Default(po, &warnings);
      if (!p.ok()) {
        pipeline_error = p.status();
        return nullptr;
      }
      if (!full && !pretokenized) {
        for (const auto& w : warnings) warning(w);
      }
      slot.emplace(std::move(p).value());
    }
    return &*slot;
  };

  WriteOptions wo;
  wo.ner_in_misc = a.ner_in_misc;
  wo.color = *out_format == OutputFormat::kText && results_on_terminal &&
             std::getenv("NO_COLOR") == nullptr;
  // --format json: one document is written pretty, several as JSON Lines. The first is held
  // back until the second shows there are several.
  std::optional<Doc> held;
  size_t docs = 0, tokens = 0, skipped = 0;
  bool output_failed = false;
  std::string buf;
  auto write = [&](const Doc& doc, const WriteOptions& options) {
    buf.clear();
    WriteDoc(doc, *out_format, options, &buf);
    if (!output.Write(buf)) output_failed = true;
    return !output_failed;
  };

  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) inputs.push_back("-");
  for (const std::string& in : inputs) {
    if (in == "-" && isatty(STDIN_FILENO)) {
      std::fputs(
          "kroniek analyze: reading standard input (end it with Ctrl-D; see kroniek "
          "analyze --help)\n",
          stderr);
      break;
    }
  }
  InstallInterruptHandlers();
  Status st = ReadInputs(inputs, ro, [&](ReadItem&& item) {
    for (const auto& w : item.warnings) warning(w);
    if (!item.doc.ok()) {
      error(item.doc.status().ToString());
      ++skipped;
      return g_interrupted == 0;
    }
    Doc& doc = item.doc.value();
    const bool keep_tokens =
        a.pretokenized && doc.Has(Layer::kTokens) && doc.Has(Layer::kSentences);
    KeepInputLayers(doc, keep_tokens);
    const Pipeline* p = pipeline(keep_tokens);
    if (p == nullptr) return false;
    Status ps = p->Process(doc);
    if (!ps.ok()) {
      error(doc.id + ": " + ps.ToString());
      ++skipped;
      return g_interrupted == 0;
    }
    tokens += doc.tokens.size();
    if (*out_format == OutputFormat::kJson) {
      if (docs == 0) {
        held.emplace(std::move(doc));
      } else {
        if (held && !write(*held, wo)) return false;
        held.reset();
        if (!write(doc, wo)) return false;
      }
    } else if (!write(doc, wo)) {
      return false;
    }
    ++docs;
    progress.Update(docs, tokens);
    return g_interrupted == 0;
  });
  if (held && !output_failed) {
    WriteOptions pretty = wo;
    pretty.pretty = true;
    write(*held, pretty);
  }
  Retire(full);
  Retire(pretokenized);
  progress.Finish();
  if (!pipeline_error.ok()) {
    error(pipeline_error.ToString());
    std::string kept = output.Abandon();
    if (!kept.empty()) error("the output written so far is in " + kept);
    return kExitFailed;
  }
  if (output_failed) {
    error("cannot write the output: " + output.error() + " [E502]");
    std::string kept = output.Abandon();
    if (!kept.empty()) error("the output written so far is in " + kept);
    return kExitFailed;
  }
  if (std::string e = output.Commit(); !e.empty()) {
    error(e + " [E502]");
    return kExitFailed;
  }
  if (!st.ok()) {
    error(st.ToString());
    return kExitFailed;
  }
  if (g_interrupted) {
    std::fprintf(stderr, "kroniek analyze: interrupted; %zu document(s) written\n", docs);
    return 130;
  }
  if (skipped > 0) {
    std::fprintf(stderr, "kroniek analyze: %zu document(s) written, %zu skipped\n", docs, skipped);
    return kExitSkipped;
  }
  return kExitOk;
}

}  // namespace

void RegisterAnalyze(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<AnalyzeArgs>();
  CLI::App* cmd = app.add_subcommand(
      "analyze",
      "Analyse articles and write the results. Inputs are files, directories (every file, in "
      "sorted order; hidden ones skipped) or - for standard input (the default). Exit status: "
      "0 done, 1 failed, 2 usage error, 3 done but some inputs were skipped (each is named on "
      "stderr).");
  cmd->add_option("inputs", args->inputs, "Files, directories or - for standard input (default -)");
  cmd->add_option("--format", args->format,
                  "Output: text, json, jsonl, conllu, conll2002, plover (default: text on a "
                  "terminal, else from the -o extension, else jsonl)");
  cmd->add_option("-o,--output", args->output,
                  "Write the results to FILE (through a temporary file renamed when done)");
  cmd->add_option("--input-format", args->input_format,
                  "Input: auto (by extension; standard input by its first bytes), text, plain, "
                  "jsonl, conllu, conll2002")
      ->capture_default_str();
  cmd->add_flag("--pretokenized", args->pretokenized,
                "Keep the tokens and sentences of CoNLL-U or CoNLL-2002 input (other inputs are "
                "tokenised as usual)");
  cmd->add_option(
      "--date", args->date,
      "Document date for inputs that give none (YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601)");
  cmd->add_flag("--lenient", args->lenient,
                "Replace invalid UTF-8 with U+FFFD (with a warning) instead of skipping");
  cmd->add_option("--max-doc-bytes", args->max_doc_bytes,
                  "Skip larger documents (bytes, or with a unit: 512k, 10M, 1G)")
      ->capture_default_str();
  cmd->add_option("--models", args->models, "Directory with the model files");
  cmd->add_flag("--ner-in-misc", args->ner_in_misc, "CoNLL-U: add NER=B-PER etc. to MISC");
  cmd->add_flag("--progress", args->progress,
                "Show documents and tokens per second on stderr (automatic when stderr is a "
                "terminal, the results go elsewhere and the run lasts)");
  cmd->callback([args, exit_code] { *exit_code = RunAnalyze(*args); });
}

}  // namespace kroniek::cli
