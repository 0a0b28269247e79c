// Implementation of tests/test_util.h (named _test.cc so it is linked into the test binary only),
// plus a check of the helpers themselves.
#include "test_util.h"

#include <sys/wait.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

namespace kroniek::testing {

std::string ReadFile(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  return ss.str();
}

CommandResult RunKroniek(const std::string& args, const std::string& stdin_data) {
  char dir_tmpl[] = "/tmp/kroniek_test_XXXXXX";
  CommandResult r;
  const char* dir = mkdtemp(dir_tmpl);
  if (!dir) return r;
  std::string d = dir;
  {
    std::ofstream in(d + "/stdin", std::ios::binary);
    in << stdin_data;
  }
  std::string cmd = "'" + KroniekBinary() + "' " + args + " < '" + d + "/stdin' > '" + d +
                    "/stdout' 2> '" + d + "/stderr'";
  int status = std::system(cmd.c_str());
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  r.out = ReadFile(d + "/stdout");
  r.err = ReadFile(d + "/stderr");
  std::filesystem::remove_all(d);
  return r;
}

std::vector<Doc> ReadAll(std::string_view content, std::string_view name, InputFormat format,
                         const ReadOptions& options, std::vector<Status>* errors) {
  std::vector<Doc> docs;
  Status st = ReadBuffer(content, name, format, options, [&](ReadItem&& item) {
    if (item.doc.ok()) {
      docs.push_back(std::move(item.doc).value());
    } else if (errors) {
      errors->push_back(item.doc.status());
    }
    return true;
  });
  if (!st.ok() && errors) errors->push_back(st);
  return docs;
}

TEST(TestUtilTest, RunsTheBinaryAndCapturesItsOutput) {
  CommandResult r = RunKroniek("--version");
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("kroniek"), std::string::npos);
}

}  // namespace kroniek::testing
