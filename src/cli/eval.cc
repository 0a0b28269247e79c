// kroniek eval <task>: score kroniek against gold data.
#include "cli/commands.h"

namespace kroniek::cli {

void RegisterEval(CLI::App& app, int* exit_code) {
  CLI::App* eval = app.add_subcommand("eval", "Score kroniek against gold annotations");
  eval->require_subcommand(1);
  RegisterEvalTokenize(*eval, exit_code);
  RegisterEvalNews(*eval, exit_code);
  RegisterEvalUd(*eval, exit_code);
  RegisterEvalNer(*eval, exit_code);
}

}  // namespace kroniek::cli
