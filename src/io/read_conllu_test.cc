#include <gtest/gtest.h>

#include "test_util.h"

namespace kroniek {
namespace {

using testing::ReadAll;

const char kTwoSentences[] =
    "# sent_id = s1\n"
    "# text = Rutte zei: \"Ja.\"\n"
    "1\tRutte\tRutte\tPROPN\tN|eigen|ev|basis|zijd|stan\t_\t2\tnsubj\t_\t_\n"
    "2\tzei\tzeggen\tVERB\tWW|pv|verl|ev\t_\t0\troot\t_\tSpaceAfter=No\n"
    "3\t:\t:\tPUNCT\tLET\t_\t2\tpunct\t_\t_\n"
    "\n"
    "# newpar\n"
    "# sent_id = s2\n"
    "1\tGoed\tgoed\tADJ\tADJ|vrij|basis|zonder\t_\t0\troot\t_\tSpaceAfter=No\n"
    "2\t.\t.\tPUNCT\tLET\t_\t1\tpunct\t_\t_\n"
    "\n";

TEST(ConlluReaderTest, KeepsTokensColumnsAndSentenceIds) {
  std::vector<Status> errors;
  auto docs = ReadAll(kTwoSentences, "dir/gold.conllu", InputFormat::kConllu, {}, &errors);
  ASSERT_TRUE(errors.empty()) << errors[0].ToString();
  ASSERT_EQ(docs.size(), 1u);
  const Doc& d = docs[0];
  EXPECT_EQ(d.id, "gold");
  EXPECT_EQ(d.text, "Rutte zei:\n\nGoed.");
  ASSERT_EQ(d.tokens.size(), 5u);
  EXPECT_EQ(d.TokenText(2), ":");
  EXPECT_EQ(d.space_after[1], 0);
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.sentences[1].id, "s2");
  EXPECT_EQ(d.sentences[1].paragraph, 1u);
  EXPECT_TRUE(d.Has(Layer::kDeps));
  EXPECT_EQ(d.head[0], 1);  // Rutte <- zei
  EXPECT_EQ(d.head[1], 1);  // root points to itself
  EXPECT_EQ(d.head[4], 3);  // second sentence, document-level index
  EXPECT_EQ(d.lemma[1], "zeggen");
  EXPECT_EQ(d.Validate(), "");
}

TEST(ConlluReaderTest, SkipsABadSentenceAndKeepsTheRest) {
  std::string bad = std::string(kTwoSentences) +
                    "1\tEen\teen\tDET\t_\t_\t7\tdet\t_\t_\n\n"  // head 7 does not exist
                    "1\tTwee\ttwee\tNUM\t_\t_\t0\troot\t_\n\n"  // 9 columns
                    "1\tDrie\tdrie\tNUM\t_\t_\t0\troot\t_\t_\n\n";
  std::vector<Status> errors;
  auto docs = ReadAll(bad, "x.conllu", InputFormat::kConllu, {}, &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_NE(errors[0].message().find("x.conllu:12"), std::string::npos) << errors[0].message();
  EXPECT_EQ(errors[0].error_id(), 109);
  EXPECT_NE(errors[1].message().find("x.conllu:14"), std::string::npos) << errors[1].message();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].sentences.size(), 3u);
  EXPECT_EQ(docs[0].Validate(), "");
}

TEST(ConlluReaderTest, NewdocSplitsDocuments) {
  std::string s =
      "# newdoc id = a\n1\tx\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
      "# newdoc id = b\n1\ty\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  auto docs = ReadAll(s, "f.conllu", InputFormat::kConllu);
  ASSERT_EQ(docs.size(), 2u);
  EXPECT_EQ(docs[0].id, "a");
  EXPECT_EQ(docs[1].id, "b");
  EXPECT_FALSE(docs[0].Has(Layer::kUpos));  // all "_": the layer is absent
}

TEST(ConlluReaderTest, RejectsInvalidUtf8UnlessLenient) {
  std::string s = "1\tab\xFF\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  std::vector<Status> errors;
  EXPECT_TRUE(ReadAll(s, "f.conllu", InputFormat::kConllu, {}, &errors).empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].error_id(), 101);
  ReadOptions lenient;
  lenient.lenient = true;
  auto docs = ReadAll(s, "f.conllu", InputFormat::kConllu, lenient);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].TokenText(0), "ab\xEF\xBF\xBD");
}

}  // namespace
}  // namespace kroniek

namespace kroniek {
namespace {

using namespace std::string_literals;

TEST(ConlluReaderTest, BadBytesSkipOnlyTheirSentence) {
  std::string s = std::string(kTwoSentences) + "1\tNul\0\t_\t_\t_\t_\t_\t_\t_\t_\n\n"s +
                  "# sent_id = s\xFF\n1\tId\t_\t_\t_\t_\t_\t_\t_\t_\n\n"
                  "1\tDrie\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
  std::vector<Status> errors;
  auto docs = ReadAll(s, "x.conllu", InputFormat::kConllu, {}, &errors);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].error_id(), 106);
  EXPECT_EQ(errors[0].message().rfind("x.conllu:12: ", 0), 0u) << errors[0].message();
  EXPECT_EQ(errors[1].error_id(), 101);
  EXPECT_EQ(errors[1].message().rfind("x.conllu:14: ", 0), 0u) << errors[1].message();
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].sentences.size(), 3u);
  EXPECT_EQ(docs[0].TokenText(5), "Drie");
  EXPECT_EQ(docs[0].Validate(), "");
}

TEST(ConlluReaderTest, OverLongDocumentsAndTheLastSpace) {
  ReadOptions small;
  small.max_doc_bytes = 8;
  std::vector<Status> errors;
  auto docs = ReadAll(kTwoSentences, "x.conllu", InputFormat::kConllu, small, &errors);
  EXPECT_TRUE(docs.empty());
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].error_id(), 107);
  EXPECT_EQ(errors[0].message().rfind("x.conllu:1: document 'x'", 0), 0u) << errors[0].message();
  docs = ReadAll(kTwoSentences, "x.conllu", InputFormat::kConllu);
  ASSERT_EQ(docs.size(), 1u);
  EXPECT_EQ(docs[0].space_after.back(), 0);  // nothing follows the last token
}

}  // namespace
}  // namespace kroniek
