// kroniek ingest: analyse articles and keep them in the corpus store (docs/store.md).
#include "store/ingest.h"

#include <signal.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <memory>
#include <string>
#include <vector>

#include "base/errors.h"
#include "cli/commands.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"

namespace kroniek::cli {
namespace {

struct IngestArgs {
  std::vector<std::string> inputs;
  std::string db = "kroniek.db";
  std::string input_format = "auto";
  std::string date;
  bool lenient = false;
  size_t max_doc_bytes = size_t{10} << 20;
  std::string models;
  int threads = 1;
  int batch = 200;
  bool verbose = false;
  bool no_optimize = false;
  int64_t test_stall_after = -1;  // hidden: stop (SIGSTOP-like) after N writes, for the crash test
};

bool ParseInputFormat(const std::string& in, InputFormat* f) {
  if (in == "auto")
    *f = InputFormat::kAuto;
  else if (in == "text")
    *f = InputFormat::kText;
  else if (in == "plain")
    *f = InputFormat::kPlain;
  else if (in == "jsonl")
    *f = InputFormat::kJsonl;
  else if (in == "conllu")
    *f = InputFormat::kConllu;
  else if (in == "conll2002")
    *f = InputFormat::kConll2002;
  else
    return false;
  return true;
}

int RunIngest(const IngestArgs& a) {
  const char* cmd = "ingest";
  ReadOptions ro;
  ro.lenient = a.lenient;
  ro.max_doc_bytes = a.max_doc_bytes;
  if (!ParseInputFormat(a.input_format, &ro.format)) {
    PrintError(cmd, "unknown --input-format '" + a.input_format +
                        "' (choose auto, text, plain, jsonl, conllu or conll2002) [E501]");
    return kExitUsage;
  }
  if (!a.date.empty()) {
    if (!IsValidDate(a.date)) {
      PrintError(cmd,
                 "--date '" + a.date + "' is not a date (use YYYY, YYYY-MM or YYYY-MM-DD) [E104]");
      return kExitUsage;
    }
    ro.date = a.date;
  }
  if (a.threads < 0 || a.threads > 64 || a.batch < 1) {
    PrintError(cmd, "--threads must be 0..64 and --batch at least 1 [E501]");
    return kExitUsage;
  }
  PipelineOptions po;
  po.models_dir = a.models;
  std::vector<std::string> warnings;
  auto pipeline = Pipeline::Default(po, &warnings);
  if (!pipeline.ok()) {
    PrintError(cmd, pipeline.status().ToString());
    return kExitFailed;
  }
  for (const auto& w : warnings) PrintWarning(cmd, w);
  store::IngestOptions io;
  io.threads = a.threads;
  io.batch = a.batch;
  io.optimize = !a.no_optimize;
  auto ingester = store::Ingester::Create(a.db, &pipeline.value(), io);
  if (!ingester.ok()) {
    PrintError(cmd, ingester.status().ToString());
    return kExitFailed;
  }
  store::Ingester& in = **ingester;
  const bool tty = isatty(STDERR_FILENO);
  const auto start = std::chrono::steady_clock::now();
  auto last = start;
  int64_t read_errors = 0;
  in.on_skip = [&](const std::string& m) { PrintError(cmd, m); };
  if (a.verbose) in.on_note = [&](const std::string& m) { PrintWarning(cmd, m); };
  in.on_written = [&](const store::IngestStats& s) {
    int64_t n = s.added + s.updated + s.duplicates;
    if (a.test_stall_after >= 0 && n == a.test_stall_after) {
      std::fprintf(stderr, "kroniek ingest: stalled after %lld writes (test)\n",
                   static_cast<long long>(n));
      std::fflush(stderr);
      for (;;) pause();
    }
    if (!tty) return;
    auto now = std::chrono::steady_clock::now();
    if (now - last < std::chrono::milliseconds(500)) return;
    last = now;
    double sec = std::chrono::duration<double>(now - start).count();
    std::fprintf(stderr, "\rkroniek ingest: %lld stored, %.0f docs/s   ",
                 static_cast<long long>(s.stored()), sec > 0 ? static_cast<double>(n) / sec : 0.0);
  };
  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) inputs.push_back("-");
  Status write_status;
  Status st = ReadInputs(inputs, ro, [&](ReadItem&& item) {
    for (const auto& w : item.warnings) PrintWarning(cmd, w);
    if (!item.doc.ok()) {
      PrintError(cmd, item.doc.status().ToString());
      ++read_errors;
      return true;
    }
    write_status = in.Add(std::move(item.doc).value());
    return write_status.ok();
  });
  if (write_status.ok()) write_status = in.Finish();
  if (tty) std::fprintf(stderr, "\n");
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  if (!write_status.ok()) {
    PrintError(cmd, write_status.ToString());
    PrintError(cmd,
               "the batches committed so far are kept; run the same command again to complete");
    return kExitFailed;
  }
  const store::IngestStats& s = in.stats();
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  int64_t seen = s.added + s.updated + s.unchanged + s.duplicates + s.skipped + read_errors;
  std::fprintf(stderr,
               "kroniek ingest: %lld read: %lld added, %lld updated, %lld unchanged, %lld "
               "duplicate(s) not stored, %lld near-duplicate(s) flagged, %lld skipped; %.1f s, "
               "%.0f docs/s\n",
               static_cast<long long>(seen), static_cast<long long>(s.added),
               static_cast<long long>(s.updated), static_cast<long long>(s.unchanged),
               static_cast<long long>(s.duplicates), static_cast<long long>(s.near_duplicates),
               static_cast<long long>(s.skipped + read_errors), sec,
               sec > 0 ? static_cast<double>(seen) / sec : 0.0);
  return s.skipped + read_errors > 0 ? kExitSkipped : kExitOk;
}

}  // namespace

void RegisterIngest(CLI::App& app, int* exit_code) {
  auto args = std::make_shared<IngestArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ingest",
      "Analyse articles and store them in the corpus database (SQLite): documents, entities, "
      "mentions, quotes, times, events and a full-text index. Re-running is safe: unchanged "
      "articles are skipped, changed ones updated.");
  cmd->add_option("inputs", args->inputs, "Files, directories or - for standard input (default -)");
  cmd->add_option("--db", args->db, "The store (created when missing)")->capture_default_str();
  cmd->add_option("--input-format", args->input_format,
                  "Input: auto (by extension), text, plain, jsonl, conllu, conll2002")
      ->capture_default_str();
  cmd->add_option("--date", args->date, "Document date for inputs that give none (YYYY[-MM[-DD]])");
  cmd->add_flag("--lenient", args->lenient,
                "Replace invalid UTF-8 with U+FFFD instead of skipping");
  cmd->add_option("--max-doc-bytes", args->max_doc_bytes, "Reject larger documents")
      ->capture_default_str();
  cmd->add_option("--models", args->models, "Directory with the model files");
  cmd->add_option("--threads", args->threads,
                  "Analysis threads (0: analyse on the writing thread); the store is the same "
                  "whatever the number")
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "Articles per transaction")->capture_default_str();
  cmd->add_flag("--verbose", args->verbose, "Name every duplicate and near-duplicate on stderr");
  cmd->add_flag(
      "--no-optimize", args->no_optimize,
      "Do not merge the full-text index and compact the file at the end (faster for many small "
      "ingests into a large store)");
  cmd->add_option("--test-stall-after", args->test_stall_after)->group("");
  cmd->callback([args, exit_code] { *exit_code = RunIngest(*args); });
}

}  // namespace kroniek::cli
