#include "base/errors.h"

#include <gtest/gtest.h>

#include <cctype>
#include <set>

#include "test_util.h"

namespace kroniek {
namespace {

TEST(ErrorsDocTest, CatalogueAndDocsAgree) {
  std::string doc = testing::ReadFile(testing::SourceDir() + "/docs/errors.md");
  ASSERT_FALSE(doc.empty());
  // Table rows start with "| E<three digits> |".
  std::set<int> documented;
  for (size_t at = doc.find("\n| E"); at != std::string::npos; at = doc.find("\n| E", at + 1)) {
    const std::string id = doc.substr(at + 4, 3);
    if (id.size() == 3 && std::isdigit(id[0]) && std::isdigit(id[1]) && std::isdigit(id[2]) &&
        doc.compare(at + 7, 2, " |") == 0) {
      documented.insert(std::stoi(id));
    }
  }
  std::set<int> coded;
  int last = 0;
  for (const ErrorInfo* e = ErrorCatalogue(); e->name; ++e) {
    EXPECT_GT(e->id, last) << "catalogue ids must be increasing";
    last = e->id;
    coded.insert(e->id);
    EXPECT_NE(doc.find(std::string("| E") + std::to_string(e->id) + " | " + e->name + " |"),
              std::string::npos)
        << "docs/errors.md lacks E" << e->id << " " << e->name;
  }
  EXPECT_EQ(documented, coded);
}

TEST(StatusTest, ToStringCarriesTheCatalogueId) {
  Status st = InvalidInput(ErrorId::kMissingText, "news.jsonl:17: JSON line lacks \"text\"");
  EXPECT_FALSE(st.ok());
  EXPECT_EQ(st.ToString(), "news.jsonl:17: JSON line lacks \"text\" [E103]");
  EXPECT_EQ(st.WithContext("batch").message(), "batch: news.jsonl:17: JSON line lacks \"text\"");
  EXPECT_EQ(Status().ToString(), "ok");
  Result<int> r = st;
  EXPECT_FALSE(r.ok());
  EXPECT_EQ(r.status().error_id(), 103);
  Result<int> v = 7;
  ASSERT_TRUE(v.ok());
  EXPECT_EQ(*v, 7);
}

}  // namespace
}  // namespace kroniek
