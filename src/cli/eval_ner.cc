// kroniek eval ner: exact-match P, R and F1 (conlleval style, as shared/tools/score.py ner) of
// named entities against a CoNLL-2002 gold file. Without a system file the pipeline runs on the
// gold tokens and sentences.
#include <cstdio>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "ner/ner_eval.h"

namespace kroniek::cli {
namespace {

struct EvalNerArgs {
  std::string gold;
  std::string system;
  std::string models;
  std::string output;
  bool json = false;
};

bool ReadDocs(const std::string& cmd, const std::string& path, std::vector<Doc>* docs) {
  ReadOptions ro;
  ro.format = InputFormat::kConll2002;
  ro.max_doc_bytes = size_t{1} << 34;
  bool failed = false;
  Status st = ReadInputs({path}, ro, [&](ReadItem&& item) {
    if (!item.doc.ok()) {
      PrintError(cmd, item.doc.status().ToString());
      failed = true;
      return false;
    }
    docs->push_back(std::move(item.doc).value());
    return true;
  });
  if (!st.ok()) PrintError(cmd, st.ToString());
  return st.ok() && !failed;
}

int RunEvalNer(const EvalNerArgs& a) {
  const std::string cmd = "eval ner";
  std::vector<Doc> gold, system;
  if (!ReadDocs(cmd, a.gold, &gold)) return kExitFailed;
  if (!a.system.empty()) {
    if (!ReadDocs(cmd, a.system, &system)) return kExitFailed;
  } else {
    PipelineOptions po;
    po.models_dir = a.models;
    po.pretokenized = true;
    po.last_stage = "ner";
    std::vector<std::string> warnings;
    auto pipeline = Pipeline::Default(po, &warnings);
    if (!pipeline.ok()) {
      PrintError(cmd, pipeline.status().ToString());
      return kExitFailed;
    }
    for (const auto& w : warnings) PrintWarning(cmd, w);
    bool has_ner = false;
    for (const auto& n : pipeline->StageNames()) has_ner |= n == "ner";
    if (!has_ner) {
      PrintError(cmd, "no NER model found (see the warnings above) [E201]");
      return kExitFailed;
    }
    std::string out;
    for (const Doc& g : gold) {
      Doc d;
      d.id = g.id;
      d.text = g.text;
      d.tokens = g.tokens;
      d.space_after = g.space_after;
      d.sentences = g.sentences;
      d.source_pos = g.source_pos;
      d.Set(Layer::kTokens);
      d.Set(Layer::kSentences);
      Status ps = pipeline->Process(d);
      if (!ps.ok()) {
        PrintError(cmd, g.id + ": " + ps.ToString());
        return kExitFailed;
      }
      if (!a.output.empty()) WriteDoc(d, OutputFormat::kConll2002, WriteOptions{}, &out);
      system.push_back(std::move(d));
    }
    if (!a.output.empty()) {
      FILE* f = std::fopen(a.output.c_str(), "wb");
      if (!f || std::fwrite(out.data(), 1, out.size(), f) != out.size() || std::fclose(f) != 0) {
        PrintError(cmd, a.output + ": cannot write the system output [E502]");
        return kExitFailed;
      }
    }
  }
  ner::NerScores s;
  std::string error;
  if (!ner::ScoreDocs(gold, system, &s, &error)) {
    PrintError(cmd, error + " [E112]");
    return kExitFailed;
  }
  if (a.json) {
    char buf[512];
    std::string o;
    std::snprintf(buf, sizeof buf,
                  "{\"gold\": %zu, \"system\": %zu, \"P\": %.2f, \"R\": %.2f, \"F1\": %.2f",
                  s.overall.gold, s.overall.system, s.overall.P(), s.overall.R(), s.overall.F1());
    o += buf;
    for (const char* t : {"PER", "ORG", "LOC", "MISC"}) {
      auto it = s.per_type.find(t);
      std::snprintf(buf, sizeof buf, ", \"F1_%s\": %.2f", t,
                    it == s.per_type.end() ? 0.0 : it->second.F1());
      o += buf;
    }
    o += "}\n";
    return WriteStdout(o) ? kExitOk : kExitFailed;
  }
  return WriteStdout(ner::FormatNerScores(s)) ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterEvalNer(CLI::App& eval, int* exit_code) {
  auto a = std::make_shared<EvalNerArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "ner", "Exact-match named-entity P, R, F1 overall and per type against CoNLL-2002 gold");
  cmd->add_option("--gold", a->gold, "Gold CoNLL-2002 file")->required();
  cmd->add_option("system", a->system,
                  "System output (CoNLL-2002, tag in the last column); default: run kroniek on "
                  "the gold tokens");
  cmd->add_option("--models", a->models, "Directory with the model files");
  cmd->add_option("--system-output", a->output, "Also write kroniek's CoNLL-2002 output here");
  cmd->add_flag("--json", a->json, "Print the scores as JSON (the keys of score.py ner)");
  cmd->callback([a, exit_code] { *exit_code = RunEvalNer(*a); });
}

}  // namespace kroniek::cli
