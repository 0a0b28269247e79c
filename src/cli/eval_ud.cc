// kroniek eval ud: run the pipeline on the text (or the gold tokens) of a CoNLL-U file and print
// the CoNLL 2018 metrics against its annotation.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "eval/ud_eval.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"

namespace kroniek::cli {
namespace {

struct EvalUdArgs {
  std::string gold;
  bool pretokenized = false;
  std::string models;
  bool strip_feats = false;
  std::string output;
};

int RunEvalUd(const EvalUdArgs& a) {
  const std::string cmd = "eval ud";
  std::vector<Doc> gold;
  ReadOptions ro;
  ro.format = InputFormat::kConllu;
  ro.max_doc_bytes = size_t{1} << 34;
  bool failed = false;
  Status st = ReadInputs({a.gold}, ro, [&](ReadItem&& item) {
    if (!item.doc.ok()) {
      PrintError(cmd, item.doc.status().ToString());
      failed = true;
      return false;
    }
    gold.push_back(std::move(item.doc).value());
    return true;
  });
  if (!st.ok() || failed) {
    if (!st.ok()) PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  PipelineOptions po;
  po.models_dir = a.models;
  po.pretokenized = a.pretokenized;
  std::vector<std::string> warnings;
  auto pipeline = Pipeline::Default(po, &warnings);
  if (!pipeline.ok()) {
    PrintError(cmd, pipeline.status().ToString());
    return kExitFailed;
  }
  for (const auto& w : warnings) PrintWarning(cmd, w);
  std::vector<Doc> system;
  std::string out;
  for (const Doc& g : gold) {
    Doc d;
    d.id = g.id;
    if (a.pretokenized) {
      d.text = g.text;
      d.tokens = g.tokens;
      d.space_after = g.space_after;
      d.sentences = g.sentences;
      d.Set(Layer::kTokens);
      d.Set(Layer::kSentences);
    } else {
      // The raw text: the gold sentences joined by single spaces.
      for (size_t i = 0; i < g.sentences.size(); ++i) {
        if (i) d.text.push_back(' ');
        d.text += g.SpanText(g.SentenceSpan(i));
      }
    }
    Status ps = pipeline->Process(d);
    if (!ps.ok()) {
      PrintError(cmd, g.id + ": " + ps.ToString());
      return kExitFailed;
    }
    if (!a.output.empty()) WriteDoc(d, OutputFormat::kConllu, WriteOptions{}, &out);
    system.push_back(std::move(d));
  }
  if (!a.output.empty()) {
    FILE* f = std::fopen(a.output.c_str(), "wb");
    if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
      PrintError(cmd, a.output + ": cannot write the system output [E502]");
      return kExitFailed;
    }
  }
  eval::UdEvalOptions eo;
  eo.strip_caveat_feats = a.strip_feats;
  eval::UdScores scores = eval::ScoreUd(gold, system, eo);
  return WriteStdout(eval::FormatUdScores(scores)) ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterEvalUd(CLI::App& eval, int* exit_code) {
  auto args = std::make_shared<EvalUdArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "ud",
      "CoNLL 2018 metrics (Tokens, Sentences, UPOS, XPOS, UFeats, AllTags, Lemmas, UAS, "
      "LAS, CLAS) against CoNLL-U gold");
  cmd->add_option("--gold", args->gold, "Gold CoNLL-U file")->required();
  cmd->add_flag("--pretokenized", args->pretokenized,
                "Analyse the gold tokens and sentences instead of the raw text");
  cmd->add_option("--models", args->models, "Directory with the model files");
  cmd->add_flag("--strip-caveat-feats", args->strip_feats,
                "Drop ExtPos, Mood=Ind, PronType=Art/Tot/Neg/Exc and Case=Dat from both sides "
                "before comparing UFeats (the converter-version caveat of shared/data/README.md)");
  cmd->add_option("--system-output", args->output, "Also write the system's CoNLL-U here");
  cmd->callback([args, exit_code] { *exit_code = RunEvalUd(*args); });
}

}  // namespace kroniek::cli
