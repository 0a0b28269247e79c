// kroniek: Dutch news in, structured knowledge out. See `kroniek --help`.
#include <cstdio>
#include <iostream>
#include <string>

#include <CLI/CLI.hpp>

#include "cli/commands.h"
#include "kroniek/version.h"

namespace kroniek::cli {

void PrintError(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kroniek %s: error: %s\n", command.c_str(), message.c_str());
}

void PrintWarning(const std::string& command, const std::string& message) {
  std::fprintf(stderr, "kroniek %s: warning: %s\n", command.c_str(), message.c_str());
}

bool WriteStdout(const std::string& data) {
  if (data.empty()) return true;
  size_t n = std::fwrite(data.data(), 1, data.size(), stdout);
  return n == data.size();
}

}  // namespace kroniek::cli

int main(int argc, char** argv) {
  using namespace kroniek::cli;
  CLI::App app{"kroniek: turns Dutch news into structured knowledge (tokens, tags, parses, names, "
               "quotes, times and events)."};
  app.name("kroniek");
  app.set_version_flag("--version", std::string("kroniek ") + kroniek::kVersionString);
  app.require_subcommand(1);
  app.fallthrough(false);
  int exit_code = kExitOk;
  RegisterAnalyze(app, &exit_code);
  RegisterEval(app, &exit_code);
  RegisterTrain(app, &exit_code);
  RegisterModel(app, &exit_code);
  RegisterIngest(app, &exit_code);
  RegisterQuery(app, &exit_code);
  RegisterExport(app, &exit_code);
  RegisterServe(app, &exit_code);
  RegisterBench(app, &exit_code);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    std::cout << app.help();
    return kExitOk;
  } catch (const CLI::CallForAllHelp& e) {
    std::cout << app.help("", CLI::AppFormatMode::All);
    return kExitOk;
  } catch (const CLI::CallForVersion& e) {
    std::cout << e.what() << "\n";
    return kExitOk;
  } catch (const CLI::ParseError& e) {
    // Help for a subcommand is thrown as CallForHelp from the subcommand and caught above;
    // everything else here is a usage error.
    if (e.get_exit_code() == 0) {
      app.exit(e);
      return kExitOk;
    }
    std::fprintf(stderr, "kroniek: error: %s [E501]\n", e.what());
    std::fprintf(stderr, "Run 'kroniek --help' or 'kroniek <command> --help' for usage.\n");
    return kExitUsage;
  }
  std::fflush(stdout);
  if (std::ferror(stdout)) {
    std::fprintf(stderr, "kroniek: error: cannot write the output [E502]\n");
    return kExitFailed;
  }
  return exit_code;
}
