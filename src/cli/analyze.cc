// kroniek analyze: read articles, run the pipeline, write the results.
#include <unistd.h>

#include <cstdio>
#include <string>
#include <vector>

#include "base/errors.h"
#include "cli/commands.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"

namespace kroniek::cli {
namespace {

struct AnalyzeArgs {
  std::vector<std::string> inputs;
  std::string format;
  std::string input_format = "auto";
  bool pretokenized = false;
  std::string date;
  bool lenient = false;
  size_t max_doc_bytes = size_t{10} << 20;
  std::string models;
  bool ner_in_misc = false;
};

int RunAnalyze(const AnalyzeArgs& a) {
  OutputFormat out_format;
  std::string f = a.format;
  if (f.empty()) f = isatty(STDOUT_FILENO) ? "text" : "jsonl";
  if (f == "text") out_format = OutputFormat::kText;
  else if (f == "json") out_format = OutputFormat::kJson;
  else if (f == "jsonl") out_format = OutputFormat::kJsonl;
  else if (f == "conllu") out_format = OutputFormat::kConllu;
  else if (f == "conll2002") out_format = OutputFormat::kConll2002;
  else if (f == "plover") out_format = OutputFormat::kPlover;
  else {
    PrintError("analyze", "unknown --format '" + f +
                              "' (choose text, json, jsonl, conllu, conll2002 or plover) [E501]");
    return kExitUsage;
  }
  ReadOptions ro;
  ro.lenient = a.lenient;
  ro.max_doc_bytes = a.max_doc_bytes;
  if (!a.date.empty()) {
    if (!IsValidDate(a.date)) {
      PrintError("analyze", "--date '" + a.date +
                                "' is not a date (use YYYY, YYYY-MM, YYYY-MM-DD or ISO 8601) [E104]");
      return kExitUsage;
    }
    ro.date = a.date;
  }
  const std::string& in = a.input_format;
  if (in == "auto") ro.format = InputFormat::kAuto;
  else if (in == "text") ro.format = InputFormat::kText;
  else if (in == "plain") ro.format = InputFormat::kPlain;
  else if (in == "jsonl") ro.format = InputFormat::kJsonl;
  else if (in == "conllu") ro.format = InputFormat::kConllu;
  else if (in == "conll2002") ro.format = InputFormat::kConll2002;
  else {
    PrintError("analyze", "unknown --input-format '" + in +
                              "' (choose auto, text, plain, jsonl, conllu or conll2002) [E501]");
    return kExitUsage;
  }
  PipelineOptions po;
  po.models_dir = a.models;
  po.pretokenized = a.pretokenized;
  std::vector<std::string> warnings;
  auto pipeline = Pipeline::Default(po, &warnings);
  if (!pipeline.ok()) {
    PrintError("analyze", pipeline.status().ToString());
    return kExitFailed;
  }
  for (const auto& w : warnings) PrintWarning("analyze", w);
  WriteOptions wo;
  wo.ner_in_misc = a.ner_in_misc;
  wo.color = out_format == OutputFormat::kText && isatty(STDOUT_FILENO);
  size_t docs = 0, skipped = 0;
  bool output_failed = false;
  std::string buf;
  std::vector<std::string> inputs = a.inputs;
  if (inputs.empty()) inputs.push_back("-");
  Status st = ReadInputs(inputs, ro, [&](ReadItem&& item) {
    for (const auto& w : item.warnings) PrintWarning("analyze", w);
    if (!item.doc.ok()) {
      PrintError("analyze", item.doc.status().ToString());
      ++skipped;
      return true;
    }
    Doc& doc = item.doc.value();
    if (a.pretokenized && !doc.Has(Layer::kTokens)) {
      // Text input under --pretokenized: nothing to keep, so tokenise after all.
      PrintError("analyze", doc.id + ": --pretokenized needs CoNLL-U or CoNLL-2002 input [E501]");
      ++skipped;
      return true;
    }
    Status ps = pipeline->Process(doc);
    if (!ps.ok()) {
      PrintError("analyze", doc.id + ": " + ps.ToString());
      ++skipped;
      return true;
    }
    buf.clear();
    WriteDoc(doc, out_format, wo, &buf);
    if (!WriteStdout(buf) || std::fflush(stdout) != 0) {
      output_failed = true;
      return false;
    }
    ++docs;
    return true;
  });
  if (!st.ok()) {
    PrintError("analyze", st.ToString());
    return kExitFailed;
  }
  if (output_failed) {
    PrintError("analyze", "cannot write the output [E502]");
    return kExitFailed;
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
  CLI::App* cmd = app.add_subcommand("analyze", "Analyse articles and write the results");
  cmd->add_option("inputs", args->inputs, "Files, directories or - for standard input (default -)");
  cmd->add_option("--format", args->format,
                  "Output: text, json, jsonl, conllu, conll2002, plover (default: text on a "
                  "terminal, jsonl otherwise)");
  cmd->add_option("--input-format", args->input_format,
                  "Input: auto (by extension), text, plain, jsonl, conllu, conll2002")
      ->capture_default_str();
  cmd->add_flag("--pretokenized", args->pretokenized,
                "Keep the tokens and sentences of CoNLL-U or CoNLL-2002 input");
  cmd->add_option("--date", args->date, "Document date for inputs that give none (YYYY[-MM[-DD]])");
  cmd->add_flag("--lenient", args->lenient, "Replace invalid UTF-8 with U+FFFD instead of skipping");
  cmd->add_option("--max-doc-bytes", args->max_doc_bytes, "Reject larger documents")
      ->capture_default_str();
  cmd->add_option("--models", args->models, "Directory with the model files");
  cmd->add_flag("--ner-in-misc", args->ner_in_misc, "CoNLL-U: add NER=B-PER etc. to MISC");
  cmd->callback([args, exit_code] { *exit_code = RunAnalyze(*args); });
}

}  // namespace kroniek::cli
