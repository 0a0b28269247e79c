// kroniek model info FILE: what a model file is and how it was made.
// kroniek model convert IN [OUT]: rewrites a model in the current format, without retraining.
#include <cstdio>
#include <string>

#include "cli/commands.h"
#include "doc/model_convert.h"
#include "learn/model_file.h"

namespace kroniek::cli {
namespace {

int RunModelInfo(const std::string& path) {
  auto r = learn::ModelReader::Open(path, "");
  if (!r.ok()) {
    PrintError("model info", r.status().ToString());
    return kExitFailed;
  }
  const learn::ModelInfo& m = r->info();
  std::string o;
  char buf[512];
  auto line = [&](const std::string& k, const std::string& v) { o += k + ": " + v + "\n"; };
  line("file", path);
  line("bytes", std::to_string(m.file_bytes));
  line("format version", std::to_string(m.format_version));
  line("written by", "kroniek " + m.kroniek_version);
  line("stage", m.stage);
  line("feature set", m.feature_set);
  line("created", m.provenance.created);
  line("command", m.provenance.command);
  line("seed", std::to_string(m.provenance.seed));
  for (const auto& [k, v] : m.provenance.data) line("data", k + " " + v);
  for (const auto& [k, v] : m.provenance.scores) {
    std::snprintf(buf, sizeof buf, "%.2f", v);
    line("score", k + " " + buf);
  }
  for (const auto& [k, v] : m.provenance.notes) line("note", k + " " + v);
  for (const auto& s : m.sections) {
    std::snprintf(buf, sizeof buf, "%s %llu bytes%s", s.tag.c_str(),
                  static_cast<unsigned long long>(s.raw_bytes),
                  s.compressed ? (" (zstd " + std::to_string(s.stored_bytes) + ")").c_str() : "");
    line("section", buf);
  }
  return WriteStdout(o) ? kExitOk : kExitFailed;
}

int RunModelConvert(const std::string& in, const std::string& out, bool compact) {
  const std::string& target = out.empty() ? in : out;
  ConvertOptions options;
  options.layout = compact ? ModelLayout::kCompact : ModelLayout::kCurrent;
  Status st = ConvertModelFile(in, target, options);
  if (!st.ok()) {
    PrintError("model convert", st.ToString());
    return kExitFailed;
  }
  return WriteStdout("converted " + in + " -> " + target + "\n") ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterModel(CLI::App& app, int* exit_code) {
  CLI::App* model = app.add_subcommand("model", "Inspect model files");
  model->require_subcommand(1);
  auto path = std::make_shared<std::string>();
  CLI::App* info = model->add_subcommand("info", "Print a model's header and provenance");
  info->add_option("file", *path, "A .kmodel file")->required();
  info->callback([path, exit_code] { *exit_code = RunModelInfo(*path); });
  auto out = std::make_shared<std::string>();
  CLI::App* convert = model->add_subcommand(
      "convert",
      "Rewrite a model file in the current format version and layouts (same weights, same "
      "outputs; no retraining)");
  convert->add_option("input", *path, "A .kmodel file")->required();
  convert->add_option("output", *out, "Where to write it (default: replace the input)");
  auto compact = std::make_shared<bool>(false);
  convert->add_flag("--compact", *compact,
                    "Write format version 1 and its compact layouts instead (smaller, slower to "
                    "load; readable by an older kroniek)");
  convert->callback(
      [path, out, compact, exit_code] { *exit_code = RunModelConvert(*path, *out, *compact); });
}

}  // namespace kroniek::cli
