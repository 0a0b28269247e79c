// kroniek eval tokenize: Tokens and Sentences F1 of the tokenizer against CoNLL-U gold.
//
// The raw text is the gold sentences' texts joined by single spaces (no line breaks), so the
// sentence splitter gets no help from the layout. Scores follow the CoNLL 2018 evaluation
// (shared/tools/score.py ud): tokens and sentences match when their character spans (white
// space ignored) are equal.
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "eval/tokenize_eval.h"
#include "kroniek/io.h"
#include "tokenize/tokenizer.h"

namespace kroniek::cli {
namespace {

struct EvalTokenizeArgs {
  std::string gold;
  std::string format = "text";
  std::string write_conllu;
  std::string join = "space";
  std::string sentence_model;
};

int RunEvalTokenize(const EvalTokenizeArgs& a) {
  const char* cmd = "eval tokenize";
  if (a.format != "text" && a.format != "json") {
    PrintError(cmd, "unknown --format '" + a.format + "' (choose text or json) [E501]");
    return kExitUsage;
  }
  if (a.join != "space" && a.join != "newline") {
    PrintError(cmd, "unknown --join '" + a.join + "' (choose space or newline) [E501]");
    return kExitUsage;
  }
  ReadOptions ro;
  ro.format = InputFormat::kConllu;
  ro.max_doc_bytes = size_t{1} << 31;
  std::vector<Doc> gold;
  std::vector<std::string> problems;
  Status st = ReadInputs({a.gold}, ro, [&](ReadItem&& item) {
    if (item.doc.ok()) {
      gold.push_back(std::move(item.doc).value());
    } else {
      problems.push_back(item.doc.status().ToString());
    }
    return true;
  });
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  if (!problems.empty()) {
    for (const auto& p : problems) PrintError(cmd, p);
    PrintError(cmd, a.gold + ": the gold file has malformed parts; not scoring it [E112]");
    return kExitFailed;
  }
  if (gold.empty()) {
    PrintError(cmd, a.gold + ": no sentences in the gold file [E112]");
    return kExitFailed;
  }
  TokenizerOptions to;
  to.sentence_model = a.sentence_model;
  auto tokenizer = Tokenizer::Create(to);
  if (!tokenizer.ok()) {
    PrintError(cmd, tokenizer.status().ToString());
    return kExitFailed;
  }
  Doc system;
  system.id = "tokenize-eval";
  system.text = JoinedSentenceText(gold, a.join == "newline" ? "\n" : " ");
  (*tokenizer)->Tokenize(system);
  auto score = ScoreTokenization(gold, system);
  if (!score.ok()) {
    PrintError(cmd, score.status().ToString());
    return kExitFailed;
  }
  if (!a.write_conllu.empty()) {
    std::string out;
    WriteDoc(system, OutputFormat::kConllu, WriteOptions(), &out);
    std::ofstream f(a.write_conllu, std::ios::binary);
    f << out;
    if (!f.good()) {
      PrintError(cmd, "cannot write " + a.write_conllu + " [E502]");
      return kExitFailed;
    }
  }
  if (!WriteStdout(FormatTokenizeScore(*score, a.gold, a.format == "json"))) {
    PrintError(cmd, "cannot write the output [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterEvalTokenize(CLI::App& eval, int* exit_code) {
  auto args = std::make_shared<EvalTokenizeArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "tokenize",
      "Tokens and Sentences F1 against CoNLL-U gold: the gold sentences are joined with spaces "
      "into one raw text, tokenised, and aligned by characters (CoNLL 2018 style)");
  cmd->add_option("--gold", args->gold, "Gold CoNLL-U file")->required();
  cmd->add_option("--format", args->format, "Output: text (default) or json");
  cmd->add_option("--write-conllu", args->write_conllu,
                  "Also write the system tokenisation as CoNLL-U to this file (for score.py)");
  cmd->add_option("--join", args->join,
                  "How the gold sentences are joined into the raw text: space (default; no "
                  "layout to help) or newline (one sentence or headline per line)");
  cmd->add_option("--sentence-model", args->sentence_model,
                  "Sentence boundary model: 'builtin' (the compiled-in one; the default, as in "
                  "analyze), a model file, or 'none' for the rules only");
  cmd->callback([args, exit_code] { *exit_code = RunEvalTokenize(*args); });
}

}  // namespace kroniek::cli
