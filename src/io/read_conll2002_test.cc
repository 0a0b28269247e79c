#include <gtest/gtest.h>

#include "io/writers.h"
#include "test_util.h"

namespace kroniek {
namespace {

using testing::ReadAll;
using namespace std::string_literals;

struct Batch {
  std::vector<Doc> docs;
  std::vector<Status> errors;
};
Batch Read(std::string_view content, const ReadOptions& options = {},
           std::string_view name = "ner/train.conll") {
  Batch b;
  b.docs = ReadAll(content, name, InputFormat::kConll2002, options, &b.errors);
  for (const Doc& d : b.docs) EXPECT_EQ(d.Validate(), "");
  return b;
}

std::string MentionText(const Doc& d, size_t i) {
  return d.mentions[i].type + ":" + std::string(d.SpanText(d.mentions[i].span));
}

const char kTwoDocs[] =
    "-DOCSTART- -DOCSTART- O\n"
    "Jan N B-PER\n"
    "Peeters N I-PER\n"
    "woont V O\n"
    "in Prep O\n"
    "Gent N B-LOC\n"
    ". Punc O\n"
    "\n"
    "Hij Pron O\n"
    "werkt V O\n"
    "\n"
    "-DOCSTART- -DOCSTART- O\n"
    "De Art O\n"
    "Morgen N B-ORG\n"
    "\n";

TEST(Conll2002ReaderTest, DocumentsSentencesAndGoldNames) {
  auto b = Read(kTwoDocs);
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].ToString();
  ASSERT_EQ(b.docs.size(), 2u);
  const Doc& d = b.docs[0];
  EXPECT_EQ(d.id, "train-1");
  EXPECT_EQ(b.docs[1].id, "train-2");
  EXPECT_EQ(d.text, "Jan Peeters woont in Gent .\nHij werkt");
  ASSERT_EQ(d.tokens.size(), 8u);
  ASSERT_EQ(d.sentences.size(), 2u);
  EXPECT_EQ(d.sentences[1].token_begin, 6u);
  EXPECT_EQ(d.source_pos[4], "N");
  EXPECT_EQ(d.space_after[5], 1);
  EXPECT_EQ(d.space_after[7], 0);
  EXPECT_TRUE(d.Has(Layer::kMentions));
  ASSERT_EQ(d.mentions.size(), 2u);
  EXPECT_EQ(MentionText(d, 0), "PER:Jan Peeters");
  EXPECT_EQ(d.mentions[0].token_begin, 0u);
  EXPECT_EQ(d.mentions[0].token_end, 2u);
  EXPECT_EQ(MentionText(d, 1), "LOC:Gent");
  EXPECT_EQ(MentionText(b.docs[1], 0), "ORG:Morgen");
}

TEST(Conll2002ReaderTest, Iob1TagsAreUnderstood) {
  auto b = Read(
      "Jan N I-PER\nPeeters N I-PER\nen Conj O\nPiet N I-PER\nJanssens N B-PER\n"
      "Gent N I-LOC\nBrussel N I-ORG\n\n");
  ASSERT_EQ(b.docs.size(), 1u);
  const Doc& d = b.docs[0];
  EXPECT_EQ(d.id, "train-1");  // tokens before any -DOCSTART- make the first document
  ASSERT_EQ(d.mentions.size(), 5u);
  EXPECT_EQ(MentionText(d, 0), "PER:Jan Peeters");
  EXPECT_EQ(MentionText(d, 1), "PER:Piet");
  EXPECT_EQ(MentionText(d, 2), "PER:Janssens");
  EXPECT_EQ(MentionText(d, 3), "LOC:Gent");
  EXPECT_EQ(MentionText(d, 4), "ORG:Brussel");
}

TEST(Conll2002ReaderTest, ABadLineSkipsItsSentenceOnly) {
  std::string s =
      "-DOCSTART- -DOCSTART- O\n"
      "Een Art O\n\n"
      "Twee Num\n"  // line 4: two columns
      "drie Num O\n\n"
      "Vier Num X-PER\n\n"  // line 7: not a BIO tag
      "Vijf Num O\n\n";
  auto b = Read(s);
  ASSERT_EQ(b.errors.size(), 2u);
  EXPECT_EQ(b.errors[0].error_id(), 110);
  EXPECT_EQ(b.errors[0].message().rfind("ner/train.conll:4: ", 0), 0u) << b.errors[0].message();
  EXPECT_NE(b.errors[0].message().find("sentence skipped"), std::string::npos);
  EXPECT_EQ(b.errors[1].message().rfind("ner/train.conll:7: ", 0), 0u) << b.errors[1].message();
  EXPECT_NE(b.errors[1].message().find("'X-PER'"), std::string::npos);
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "Een\nVijf");
}

TEST(Conll2002ReaderTest, BadBytesSkipTheirSentence) {
  std::string s = "A N O\n\nB\0 N O\n\nC N O\n\nD\xFF N O\n\nE N O\n"s;
  auto b = Read(s);
  ASSERT_EQ(b.errors.size(), 2u);
  EXPECT_EQ(b.errors[0].error_id(), 106);
  EXPECT_EQ(b.errors[0].message().rfind("ner/train.conll:3: ", 0), 0u) << b.errors[0].message();
  EXPECT_EQ(b.errors[1].error_id(), 101);
  EXPECT_EQ(b.errors[1].message().rfind("ner/train.conll:7: ", 0), 0u) << b.errors[1].message();
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "A\nC\nE");
  ReadOptions lenient;
  lenient.lenient = true;
  b = Read(s, lenient);
  ASSERT_EQ(b.errors.size(), 1u);  // the NUL byte stays an error
  EXPECT_EQ(b.errors[0].error_id(), 106);
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "A\nC\nD\xEF\xBF\xBD\nE");
}

TEST(Conll2002ReaderTest, EmptyDocumentsAreSkippedButCounted) {
  auto b = Read("-DOCSTART- -DOCSTART- O\n\n-DOCSTART- -DOCSTART- O\nA N O\n", {}, "-");
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, "doc-2");
  EXPECT_TRUE(Read("").docs.empty());
  EXPECT_TRUE(Read("\n\n").errors.empty());
}

TEST(Conll2002ReaderTest, OverLongDocuments) {
  ReadOptions small;
  small.max_doc_bytes = 12;
  auto b = Read(kTwoDocs, small);
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].error_id(), 107);
  EXPECT_EQ(b.errors[0].message().rfind("ner/train.conll:1: document 'train-1'", 0), 0u)
      << b.errors[0].message();
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, "train-2");
}

// Reading the shared CoNLL-2002 files and writing them back gives the files byte for byte.
TEST(Conll2002ReaderTest, SharedFilesRoundTripExactly) {
  KRONIEK_SKIP_WITHOUT_SHARED();
  for (const char* f : {"train.txt", "dev.txt"}) {
    std::string path = testing::SharedDir() + "/data/conll2002-nl/" + f;
    std::string content = testing::ReadFile(path);
    ASSERT_FALSE(content.empty()) << path;
    Batch b = Read(content, {}, path);
    ASSERT_TRUE(b.errors.empty()) << b.errors[0].ToString();
    std::string out;
    size_t tokens = 0;
    for (const Doc& d : b.docs) {
      io::AppendConll2002(d, &out);
      tokens += d.tokens.size();
    }
    EXPECT_TRUE(out == content) << f << ": the written file differs from the input";
    if (std::string(f) == "train.txt") {
      EXPECT_EQ(b.docs.size(), 287u);
      EXPECT_EQ(tokens, 202644u);  // shared/data/README.md
      size_t names = 0;
      for (const Doc& d : b.docs) names += d.mentions.size();
      EXPECT_EQ(names, 13344u);
    }
  }
}

}  // namespace
}  // namespace kroniek
