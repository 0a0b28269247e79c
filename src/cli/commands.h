// The CLI's subcommands. Each lives in its own file and registers itself on the app; its
// callback stores the exit status in *exit_code (0 done, 1 failed, 2 usage, 3 done with skips).
#ifndef KRONIEK_CLI_COMMANDS_H_
#define KRONIEK_CLI_COMMANDS_H_

#include <string>

#include <CLI/CLI.hpp>

namespace kroniek::cli {

inline constexpr int kExitOk = 0;
inline constexpr int kExitFailed = 1;
inline constexpr int kExitUsage = 2;
inline constexpr int kExitSkipped = 3;

void RegisterAnalyze(CLI::App& app, int* exit_code);
void RegisterEval(CLI::App& app, int* exit_code);
void RegisterTrain(CLI::App& app, int* exit_code);
void RegisterModel(CLI::App& app, int* exit_code);
void RegisterIngest(CLI::App& app, int* exit_code);
void RegisterQuery(CLI::App& app, int* exit_code);
void RegisterExport(CLI::App& app, int* exit_code);
void RegisterServe(CLI::App& app, int* exit_code);
void RegisterBench(CLI::App& app, int* exit_code);

// Sub-subcommands of `eval`.
void RegisterEvalTokenize(CLI::App& eval, int* exit_code);
void RegisterEvalNews(CLI::App& eval, int* exit_code);
void RegisterEvalUd(CLI::App& eval, int* exit_code);
void RegisterEvalNer(CLI::App& eval, int* exit_code);
// Sub-subcommands of `train` that live in their own files.
void RegisterTrainNer(CLI::App& train, int* exit_code);

// Sub-subcommands of `train`.
void RegisterTrainSentences(CLI::App& train, int* exit_code);

// Prints "kroniek <command>: error: <message>" to stderr.
void PrintError(const std::string& command, const std::string& message);
// Prints "kroniek <command>: warning: <message>" to stderr.
void PrintWarning(const std::string& command, const std::string& message);

// Writes all of `data` to stdout; false when the write failed (e.g. a closed pipe).
bool WriteStdout(const std::string& data);

}  // namespace kroniek::cli

#endif  // KRONIEK_CLI_COMMANDS_H_
