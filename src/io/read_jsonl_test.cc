#include <fcntl.h>
#include <gtest/gtest.h>
#include <unistd.h>

#include <thread>

#include "io/readers.h"
#include "test_util.h"

namespace kroniek {
namespace {

using testing::ReadAll;

struct Batch {
  std::vector<Doc> docs;
  std::vector<Status> errors;
};
Batch Read(std::string_view content, const ReadOptions& options = {},
           std::string_view name = "news.jsonl") {
  Batch b;
  b.docs = ReadAll(content, name, InputFormat::kJsonl, options, &b.errors);
  for (const Doc& d : b.docs) EXPECT_EQ(d.Validate(), "");
  return b;
}

// The single error of `b`: its id, and that it names `where`.
void ExpectError(const Batch& b, int id, const std::string& where) {
  ASSERT_EQ(b.errors.size(), 1u);
  EXPECT_EQ(b.errors[0].error_id(), id) << b.errors[0].ToString();
  EXPECT_EQ(b.errors[0].message().rfind(where + ": ", 0), 0u) << b.errors[0].message();
}

TEST(JsonlReaderTest, FieldsIdsAndExtras) {
  auto b = Read(
      "{\"id\":\"a1\",\"text\":\"De top.\",\"date\":\"2022-03-24\",\"title\":\"Top\","
      "\"source\":\"NOS\",\"url\":\"https://nos.nl/1\",\"lang\":\"nl\",\"section\":\"buitenland\","
      "\"n\":[1,{\"x\":null}],\"ok\":true}\n"
      "{\"text\":\"Geen id.\",\"title\":null}\n");
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].ToString();
  ASSERT_EQ(b.docs.size(), 2u);
  const Doc& d = b.docs[0];
  EXPECT_EQ(d.id, "a1");
  EXPECT_EQ(d.text, "De top.");
  EXPECT_EQ(*d.meta.date, "2022-03-24");
  EXPECT_EQ(*d.meta.title, "Top");
  EXPECT_EQ(*d.meta.source, "NOS");
  EXPECT_EQ(*d.meta.url, "https://nos.nl/1");
  ASSERT_EQ(d.meta.extra.size(), 3u);
  EXPECT_EQ(d.meta.extra[0], (std::pair<std::string, std::string>("section", "\"buitenland\"")));
  EXPECT_EQ(d.meta.extra[1], (std::pair<std::string, std::string>("n", "[1,{\"x\":null}]")));
  EXPECT_EQ(d.meta.extra[2], (std::pair<std::string, std::string>("ok", "true")));
  EXPECT_EQ(b.docs[1].id, "news-2");  // no id: the file stem and the line
  EXPECT_FALSE(b.docs[1].meta.title.has_value());
  b = Read("{\"text\":\"x\"}\n", {}, "-");
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, "doc-1");
}

TEST(JsonlReaderTest, TextIsKeptExactly) {
  auto b = Read("{\"text\":\"  Twee spaties\\n\\nen \\u00e9\\u00e9n \\ud83d\\ude00 emoji.\\n\"}");
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].text, "  Twee spaties\n\nen \xC3\xA9\xC3\xA9n \xF0\x9F\x98\x80 emoji.\n");
}

TEST(JsonlReaderTest, EveryBadRecordIsNamedAndSkipped) {
  const std::string good = "{\"text\":\"Goed.\"}\n";
  struct Case {
    std::string line;
    int id;
    const char* says;
  } cases[] = {
      {"{\"text\":\"kapot\"", 102, "does not parse"},
      {"{\"text\":\"a\",}", 102, "does not parse"},
      {"[1,2]", 102, "array"},
      {"\"tekst\"", 102, "string"},
      {"{\"title\":\"geen tekst\"}", 103, "lacks \"text\""},
      {"{\"text\":null}", 103, "lacks \"text\""},
      {"{\"text\":5}", 103, "number"},
      {"{\"text\":[\"a\"]}", 103, "array"},
      {"{\"text\":\"x\",\"date\":\"24-03-2022\"}", 104, "'24-03-2022'"},
      {"{\"text\":\"x\",\"date\":\"2022-02-30\"}", 104, "is not a date"},
      {"{\"text\":\"\"}", 105, "empty body"},
      {"{\"text\":\" \\n\\t \"}", 105, "empty body"},
      {std::string("{\"text\":\"a\0b\"}", 14), 106, "NUL"},
      {"{\"text\":\"a\\u0000b\"}", 106, "NUL"},
      {"{\"text\":\"caf\xE9\"}", 101, "invalid UTF-8"},
      {"{\"text\":\"x\",\"id\":7}", 111, "\"id\" is a number"},
      {"{\"text\":\"x\",\"date\":20220324}", 111, "\"date\" is a number"},
      {"{\"text\":\"x\",\"meta\":{\"title\":[1]}}", 111, "\"meta.title\" is a array"},
      {std::string(200, '[') + std::string(200, ']'), 102, "levels deep"},
  };
  for (const Case& c : cases) {
    auto b = Read(good + "\n" + c.line + "\n" + good);
    ExpectError(b, c.id, "news.jsonl:3");
    EXPECT_NE(b.errors[0].message().find(c.says), std::string::npos)
        << c.line << " -> " << b.errors[0].message();
    ASSERT_EQ(b.docs.size(), 2u) << c.line;  // the records around it still come out
    EXPECT_EQ(b.docs[0].id, "news-1");
    EXPECT_EQ(b.docs[1].id, "news-4");
  }
}

TEST(JsonlReaderTest, ParseErrorsSayWhere) {
  auto b = Read("{\"text\": \"a\" \"b\"}");
  ExpectError(b, 102, "news.jsonl:1");
  EXPECT_NE(b.errors[0].message().find("(column 16: syntax error"), std::string::npos)
      << b.errors[0].message();
}

TEST(JsonlReaderTest, LenientReplacesInvalidUtf8) {
  ReadOptions lenient;
  lenient.lenient = true;
  std::vector<ReadItem> items;
  ASSERT_TRUE(ReadBuffer("{\"text\":\"ok\"}\n{\"text\":\"caf\xE9!\"}\n", "x.jsonl",
                         InputFormat::kJsonl, lenient,
                         [&](ReadItem&& item) {
                           items.push_back(std::move(item));
                           return true;
                         })
                  .ok());
  ASSERT_EQ(items.size(), 2u);
  ASSERT_TRUE(items[1].doc.ok());
  EXPECT_EQ(items[1].doc->text, "caf\xEF\xBF\xBD!");
  ASSERT_EQ(items[1].warnings.size(), 1u);
  EXPECT_NE(items[1].warnings[0].find("x.jsonl:2"), std::string::npos);
  EXPECT_TRUE(items[0].warnings.empty());
}

TEST(JsonlReaderTest, OverLongDocuments) {
  ReadOptions small;
  small.max_doc_bytes = 10;
  auto b = Read("{\"text\":\"elf bytes!!\"}\n{\"text\":\"tien bytes\"}\n", small);
  ExpectError(b, 107, "news.jsonl:1");
  ASSERT_EQ(b.docs.size(), 1u);
  // A line far beyond the limit is refused unparsed.
  b = Read("{\"text\":\"" + std::string(70000, 'a') + "\"}\n{\"text\":\"kort\"}", small);
  ExpectError(b, 107, "news.jsonl:1");
  EXPECT_EQ(b.docs.size(), 1u);
}

TEST(JsonlReaderTest, BlankLinesAndCrLf) {
  auto b = Read("\n  \n{\"text\":\"a\"}\r\n\r\n{\"text\":\"b\"}");
  ASSERT_TRUE(b.errors.empty());
  ASSERT_EQ(b.docs.size(), 2u);
  EXPECT_EQ(b.docs[0].id, "news-3");
  EXPECT_EQ(b.docs[1].id, "news-5");
  EXPECT_TRUE(Read("").docs.empty());
  EXPECT_TRUE(Read("").errors.empty());
}

TEST(JsonlReaderTest, KroniekOutputReadsBack) {
  Doc d;
  d.id = "seed";
  d.text = "Alle leiders.";
  d.meta.date = "2022-03";
  d.meta.title = "De top";
  d.meta.extra.emplace_back("section", "\"buitenland\"");
  d.tokens = {{0, 4}, {5, 13}};
  d.space_after = {1, 0};
  d.sentences = {Sentence{0, 2, 0, ""}};
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  auto b = Read(ToJson(d));
  ASSERT_EQ(b.docs.size(), 1u);
  const Doc& r = b.docs[0];
  EXPECT_EQ(r.id, "seed");
  EXPECT_EQ(r.text, d.text);
  EXPECT_EQ(*r.meta.date, "2022-03");
  EXPECT_EQ(*r.meta.title, "De top");
  EXPECT_FALSE(r.meta.source.has_value());
  // The layers of the output are not carried into meta; the extra field is.
  ASSERT_EQ(r.meta.extra.size(), 1u);
  EXPECT_EQ(r.meta.extra[0].first, "section");
  EXPECT_EQ(ToJson(r).find("\"tokens\""), std::string::npos);
}

TEST(JsonlReaderTest, APrettyPrintedObjectIsOneRecord) {
  auto b = Read("{\n  \"id\": \"p\",\n  \"text\": \"De top.\",\n  \"date\": \"2022\"\n}\n", {},
                "dir/p.json");
  ASSERT_TRUE(b.errors.empty()) << b.errors[0].ToString();
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, "p");
  EXPECT_EQ(*b.docs[0].meta.date, "2022");
  b = Read("{\n  \"text\": \"De top.\"\n}\n", {}, "dir/p.json");
  ASSERT_EQ(b.docs.size(), 1u);
  EXPECT_EQ(b.docs[0].id, "p");  // one document: the stem alone
}

TEST(JsonlReaderTest, TheSinkCanStopTheReader) {
  int n = 0;
  ASSERT_TRUE(ReadBuffer("{\"text\":\"a\"}\n{\"text\":\"b\"}\n{\"text\":\"c\"}\n", "s.jsonl",
                         InputFormat::kJsonl, {}, [&](ReadItem&&) { return ++n < 2; })
                  .ok());
  EXPECT_EQ(n, 2);
}

// The streaming reader (files and standard input) over a pipe.
TEST(JsonlReaderTest, StreamsFromAFileDescriptor) {
  int fds[2];
  ASSERT_EQ(pipe(fds), 0);
  ReadOptions small;
  small.max_doc_bytes = 10;
  std::string data = "{\"text\":\"een\"}\n\n{\"text\":\"" + std::string(200000, 'x') +
                     "\"}\nnope\n{\"text\":\"vier\"}";
  // Write from another process-free path: the pipe buffer is small, so write in a thread.
  std::thread writer([&] {
    size_t off = 0;
    while (off < data.size()) {
      ssize_t n = write(fds[1], data.data() + off, data.size() - off);
      if (n <= 0) break;
      off += static_cast<size_t>(n);
    }
    close(fds[1]);
  });
  std::vector<ReadItem> items;
  Status st = io::ReadJsonlStream(fds[0], "", "-", small, [&](ReadItem&& item) {
    items.push_back(std::move(item));
    return true;
  });
  writer.join();
  close(fds[0]);
  ASSERT_TRUE(st.ok());
  ASSERT_EQ(items.size(), 4u);
  ASSERT_TRUE(items[0].doc.ok());
  EXPECT_EQ(items[0].doc->id, "doc-1");
  EXPECT_EQ(items[1].doc.status().error_id(), 107);
  EXPECT_EQ(items[1].doc.status().message().rfind("-:3: ", 0), 0u);
  EXPECT_EQ(items[2].doc.status().error_id(), 102);
  EXPECT_EQ(items[2].doc.status().message().rfind("-:4: ", 0), 0u);
  ASSERT_TRUE(items[3].doc.ok());
  EXPECT_EQ(items[3].doc->text, "vier");
  EXPECT_EQ(items[3].doc->id, "doc-5");
}

}  // namespace
}  // namespace kroniek
