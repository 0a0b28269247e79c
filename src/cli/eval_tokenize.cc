// PLACEHOLDER: kroniek eval tokenize (issue 2).
#include "cli/commands.h"

namespace kroniek::cli {

void RegisterEvalTokenize(CLI::App& eval, int* exit_code) {
  CLI::App* cmd = eval.add_subcommand("tokenize", "Tokens and Sentences F1 against CoNLL-U gold");
  cmd->callback([exit_code] {
    PrintError("eval tokenize", "not built yet");
    *exit_code = kExitFailed;
  });
}

}  // namespace kroniek::cli
