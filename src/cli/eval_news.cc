// kroniek eval news: entities, quotes, times and events against the gold-dev annotation.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/commands.h"
#include "eval/news_eval.h"
#include "kroniek/io.h"
#include "kroniek/pipeline.h"

namespace kroniek::cli {
namespace {

struct EvalNewsArgs {
  std::string gold;
  std::string system;
  std::string format;
  std::string models;
  std::string write_system;
};

bool Slurp(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = ss.str();
  return true;
}

int RunEvalNews(const EvalNewsArgs& a) {
  namespace fs = std::filesystem;
  using nlohmann::json;
  std::error_code ec;
  if (!fs::is_directory(a.gold, ec)) {
    PrintError("eval news", a.gold + ": not a directory of gold JSON files [E108]");
    return kExitFailed;
  }
  std::vector<fs::path> files;
  for (const auto& e : fs::directory_iterator(a.gold, ec)) {
    if (e.path().extension() == ".json") files.push_back(e.path());
  }
  std::sort(files.begin(), files.end());
  // Gold documents by id, in file-name order (a later file with the same id replaces it).
  std::vector<std::string> order;
  std::map<std::string, std::string> gold;
  for (const auto& f : files) {
    std::string text;
    if (!Slurp(f.string(), &text)) {
      PrintError("eval news", f.string() + ": cannot read the file [E108]");
      return kExitFailed;
    }
    json g = json::parse(text, nullptr, false);
    if (g.is_discarded() || !g.is_object() || !g.contains("id") || !g["id"].is_string()) {
      PrintError("eval news",
                 f.string() + ": not a gold article (a JSON object with an \"id\") [E112]");
      return kExitFailed;
    }
    std::string id = g["id"].get<std::string>();
    if (!gold.count(id)) order.push_back(id);
    gold[id] = std::move(text);
  }
  std::map<std::string, std::string> system;
  if (!a.system.empty()) {
    std::string content;
    if (!Slurp(a.system, &content)) {
      PrintError("eval news", a.system + ": cannot read the file [E108]");
      return kExitFailed;
    }
    std::istringstream lines(content);
    std::string line;
    size_t n = 0;
    while (std::getline(lines, line)) {
      ++n;
      if (line.find_first_not_of(" \t\r") == std::string::npos) continue;
      json d = json::parse(line, nullptr, false);
      if (d.is_discarded() || !d.is_object()) {
        PrintError("eval news", a.system + ":" + std::to_string(n) + ": not a JSON object [E102]");
        return kExitFailed;
      }
      std::string id = d.contains("id") && d["id"].is_string() ? d["id"].get<std::string>() : "";
      system[id] = line;
    }
  } else {
    // Analyse the gold texts with the default pipeline.
    PipelineOptions po;
    po.models_dir = a.models;
    std::vector<std::string> warnings;
    auto pipeline = Pipeline::Default(po, &warnings);
    if (!pipeline.ok()) {
      PrintError("eval news", pipeline.status().ToString());
      return kExitFailed;
    }
    for (const auto& w : warnings) PrintWarning("eval news", w);
    std::string all;
    for (const auto& id : order) {
      json g = json::parse(gold[id]);
      Doc doc;
      doc.id = id;
      doc.text = g.value("text", "");
      if (g.contains("meta") && g["meta"].is_object()) {
        const json& m = g["meta"];
        if (m.contains("date") && m["date"].is_string())
          doc.meta.date = m["date"].get<std::string>();
        if (m.contains("title") && m["title"].is_string())
          doc.meta.title = m["title"].get<std::string>();
      }
      Status st = pipeline->Process(doc);
      if (!st.ok()) {
        PrintError("eval news", id + ": " + st.ToString());
        return kExitFailed;
      }
      system[id] = ToJson(doc);
      all += system[id] + "\n";
    }
    if (!a.write_system.empty()) {
      std::ofstream out(a.write_system, std::ios::binary);
      out << all;
      if (!out) {
        PrintError("eval news", a.write_system + ": cannot write the file [E502]");
        return kExitFailed;
      }
    }
  }
  std::vector<eval::NewsPair> pairs;
  for (const auto& id : order) {
    auto it = system.find(id);
    pairs.push_back({gold[id], it == system.end() ? "" : it->second});
  }
  auto scores = eval::ScoreNews(pairs);
  if (!scores.ok()) {
    PrintError("eval news", scores.status().ToString());
    return kExitFailed;
  }
  std::string f = a.format.empty() ? (isatty(STDOUT_FILENO) ? "text" : "json") : a.format;
  WriteStdout(f == "json" ? scores->ToJson() + "\n" : scores->ToText());
  return kExitOk;
}

}  // namespace

void RegisterEvalNews(CLI::App& eval, int* exit_code) {
  auto args = std::make_shared<EvalNewsArgs>();
  CLI::App* cmd = eval.add_subcommand(
      "news", "Entities, quotes, times and events against gold articles (shared/gold-dev)");
  cmd->add_option("--gold", args->gold, "Directory of gold article files (*.json)")->required();
  cmd->add_option("system", args->system,
                  "System output as JSON Lines; when absent, kroniek analyses the gold texts");
  cmd->add_option("--format", args->format, "text or json (default: text on a terminal)")
      ->check(CLI::IsMember({"text", "json"}));
  cmd->add_option("--models", args->models, "Directory with the model files");
  cmd->add_option("--write-system", args->write_system,
                  "Also write the analysed gold texts as JSON Lines to this file");
  cmd->callback([args, exit_code] { *exit_code = RunEvalNews(*args); });
}

}  // namespace kroniek::cli
