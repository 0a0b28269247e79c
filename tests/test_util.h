// Helpers shared by the tests: where the repository and ../shared are, and running the CLI.
#ifndef KRONIEK_TESTS_TEST_UTIL_H_
#define KRONIEK_TESTS_TEST_UTIL_H_

#include <gtest/gtest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "kroniek/io.h"

namespace kroniek::testing {

inline std::string SourceDir() { return KRONIEK_SOURCE_DIR; }

// The shared data folder: $KRONIEK_SHARED, else ../shared next to the repository. Empty when
// absent; tests that need it call KRONIEK_SKIP_WITHOUT_SHARED().
inline std::string SharedDir() {
  if (const char* env = std::getenv("KRONIEK_SHARED"); env && *env) return env;
  std::filesystem::path p = std::filesystem::path(SourceDir()) / ".." / "shared";
  std::error_code ec;
  if (std::filesystem::is_directory(p / "data", ec)) return p.lexically_normal().string();
  return "";
}

#define KRONIEK_SKIP_WITHOUT_SHARED()                                              \
  do {                                                                             \
    if (::kroniek::testing::SharedDir().empty()) {                                 \
      GTEST_SKIP() << "needs ../shared (set KRONIEK_SHARED); not on this machine"; \
    }                                                                              \
  } while (0)

// The kroniek binary built with the tests.
inline std::string KroniekBinary() {
  if (const char* env = std::getenv("KRONIEK_BINARY"); env && *env) return env;
  return KRONIEK_BINARY;
}

// The result of running a command: exit status and captured output.
struct CommandResult {
  int exit_code = -1;
  std::string out;
  std::string err;
};

// Runs `kroniek <args>` through /bin/sh with optional standard input; args are shell words
// (quote them yourself). Captures stdout and stderr.
CommandResult RunKroniek(const std::string& args, const std::string& stdin_data = "");

// Reads every document of an in-memory buffer; errors are collected in *errors when given.
std::vector<Doc> ReadAll(std::string_view content, std::string_view name, InputFormat format,
                         const ReadOptions& options = {}, std::vector<Status>* errors = nullptr);

std::string ReadFile(const std::string& path);

// The gold development articles (../shared/gold-dev/*.json), sorted by path; empty without
// ../shared.
inline std::vector<std::string> GoldDevFiles() {
  std::vector<std::string> files;
  if (SharedDir().empty()) return files;
  for (const auto& e : std::filesystem::directory_iterator(SharedDir() + "/gold-dev")) {
    if (e.path().extension() == ".json") files.push_back(e.path().string());
  }
  std::sort(files.begin(), files.end());
  return files;
}

}  // namespace kroniek::testing

#endif  // KRONIEK_TESTS_TEST_UTIL_H_
