// The HTTP API, through a real HTTP client on a free loopback port.
#include <gtest/gtest.h>
#include <httplib.h>
#include <sqlite3.h>
#include <sys/stat.h>

#include <atomic>
#include <nlohmann/json.hpp>
#include <thread>

#include "server/api_server.h"
#include "store/near_dup.h"
#include "store/store_writer.h"
#include "store_test_util.h"

namespace kroniek::server {
namespace {

using nlohmann::json;

class ServerTest : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("k.db");
    auto w = store::StoreWriter::Open(path_);
    ASSERT_TRUE(w.ok());
    ASSERT_TRUE((*w)->Begin().ok());
    for (const Doc& d : testing::SampleDocs()) {
      ASSERT_TRUE((*w)->Put(d, store::ContentHash(d), store::ComputeMinHash(d.text)).ok());
    }
    ASSERT_TRUE((*w)->Finish().ok());
    w->reset();
    ServerOptions o;
    o.port = 0;
    o.threads = 4;
    o.max_page = 50;
    auto s = ApiServer::Create(path_, o);
    ASSERT_TRUE(s.ok()) << s.status().ToString();
    server_ = std::move(s).value();
    auto port = server_->Bind();
    ASSERT_TRUE(port.ok());
    port_ = *port;
    listener_ = std::thread([this] { (void)server_->Listen(); });
    client_ = std::make_unique<httplib::Client>("127.0.0.1", port_);
    client_->set_read_timeout(10, 0);
  }
  void TearDown() override {
    if (server_) server_->Stop();
    if (listener_.joinable()) listener_.join();
  }
  // GET `path`; expects `status` and a JSON body, which it returns.
  json Get(const std::string& path, int status) {
    auto res = client_->Get(path.c_str());
    EXPECT_TRUE(res) << path;
    if (!res) return json();
    EXPECT_EQ(res->status, status) << path << ": " << res->body;
    EXPECT_EQ(res->get_header_value("Content-Type"), "application/json; charset=utf-8") << path;
    json j = json::parse(res->body, nullptr, false);
    EXPECT_FALSE(j.is_discarded()) << path << ": " << res->body;
    if (status >= 400) {
      EXPECT_TRUE(j.contains("error")) << res->body;
      if (j.contains("error")) {
        EXPECT_EQ(j["error"]["status"], status);
      }
    }
    return j;
  }
  testing::TempDir dir_;
  std::string path_;
  std::unique_ptr<ApiServer> server_;
  std::thread listener_;
  int port_ = 0;
  std::unique_ptr<httplib::Client> client_;
};

TEST_F(ServerTest, AnswersTheQueries) {
  json j = Get("/v1/search?q=rutte&limit=2", 200);
  EXPECT_EQ(j["query"], "search");
  ASSERT_EQ(j["results"].size(), 2u);
  EXPECT_EQ(j["next_offset"], 2);
  j = Get("/v1/search?q=rutte&limit=2&offset=2", 200);
  EXPECT_EQ(j["results"].size(), 1u);
  EXPECT_TRUE(j["next_offset"].is_null());
  j = Get("/v1/search?q=%22sterkste%20bondgenootschap%22&from=2022&to=2022-12", 200);
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["id"], "navo-1");
  j = Get("/v1/entities?type=PER&limit=1", 200);
  EXPECT_EQ(j["results"][0]["name"], "Mark Rutte");
  j = Get("/v1/timeline?entity=Mark%20Rutte&by=month", 200);
  EXPECT_EQ(j["results"].size(), 3u);
  j = Get("/v1/quotes?speaker=Q57", 200);
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["quote"], "Wij zijn het sterkste bondgenootschap ter wereld");
  j = Get("/v1/cooccur?entity=Bart%20Kemp", 200);
  EXPECT_FALSE(j["results"].empty());
  j = Get("/v1/events?type=PROTEST", 200);
  ASSERT_EQ(j["results"].size(), 1u);
  EXPECT_EQ(j["results"][0]["actors"], "Bart Kemp");
  j = Get("/v1/docs/navo-1", 200);
  EXPECT_EQ(j["doc"]["schema"], "kroniek/1");
  EXPECT_EQ(j["doc"]["entities"][0]["name"], "Jens Stoltenberg");
  EXPECT_EQ(j["doc"]["quotes"][0]["speaker"], "e1");
  j = Get("/v1/stats", 200);
  EXPECT_EQ(j["docs"], 3);
  EXPECT_EQ(j["first_day"], "2022-03-24");
  Get("/v1", 200);
}

TEST_F(ServerTest, MalformedRequestsGet400WithAJsonError) {
  for (const char* path :
       {"/v1/search", "/v1/search?q=%20%20", "/v1/search?q=x&limit=abc", "/v1/search?q=x&limit=0",
        "/v1/search?q=x&limit=51", "/v1/search?q=x&offset=-1", "/v1/search?q=x&from=2022-02-30",
        "/v1/search?q=x&from=2023&to=2022", "/v1/search?q=x&unique=maybe", "/v1/search?q=x&q=y",
        "/v1/search?q=x&colour=red", "/v1/timeline?entity=NS&by=year", "/v1/timeline",
        "/v1/entities?type=PARTY", "/v1/events?type=DANCE", "/v1/stats?verbose=1",
        "/v1/docs/navo-1?x=1"}) {
    json j = Get(path, 400);
    EXPECT_EQ(j["error"]["id"], "E401") << path;
    EXPECT_FALSE(j["error"]["message"].get<std::string>().empty());
  }
  json j = Get("/v1/search?q=x&colour=red", 400);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("colour"), std::string::npos);
  // SQL in a parameter is only ever a value.
  j = Get("/v1/quotes?speaker=x'%3B%20DROP%20TABLE%20doc%3B--", 200);
  EXPECT_TRUE(j["results"].empty());
  Get("/v1/stats", 200);
}

TEST_F(ServerTest, UnknownPathsAndArticlesGet404) {
  json j = Get("/v1/nothing", 404);
  EXPECT_EQ(j["error"]["id"], "E403");
  j = Get("/v1/docs/no-such-article", 404);
  EXPECT_NE(j["error"]["message"].get<std::string>().find("no-such-article"), std::string::npos);
}

TEST_F(ServerTest, IsReadOnlyAndRefusesOversizedRequests) {
  struct stat before {};
  ASSERT_EQ(stat(path_.c_str(), &before), 0);
  for (const char* method : {"POST", "PUT", "DELETE", "PATCH"}) {
    httplib::Request req;
    req.method = method;
    req.path = "/v1/docs/navo-1";
    auto res = client_->send(req);
    ASSERT_TRUE(res) << method;
    EXPECT_EQ(res->status, 405) << method;
    json j = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    EXPECT_EQ(j["error"]["id"], "E406");
  }
  {
    httplib::Request req;
    req.method = "GET";
    req.path = "/v1/stats";
    req.body = std::string(100000, 'x');
    req.set_header("Content-Type", "text/plain");
    auto res = client_->send(req);
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 413);
    json j = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    EXPECT_EQ(j["error"]["id"], "E402");
  }
  {
    std::string path = "/v1/search?q=" + std::string(20000, 'a');
    auto res = client_->Get(path.c_str());
    ASSERT_TRUE(res);
    EXPECT_EQ(res->status, 414);
    json j = json::parse(res->body, nullptr, false);
    ASSERT_FALSE(j.is_discarded()) << res->body;
    EXPECT_EQ(j["error"]["id"], "E402");
  }
  // Nothing changed: the same rows, and the file was not written.
  json j = Get("/v1/stats", 200);
  EXPECT_EQ(j["docs"], 3);
  struct stat after {};
  ASSERT_EQ(stat(path_.c_str(), &after), 0);
  EXPECT_EQ(before.st_mtime, after.st_mtime);
  EXPECT_EQ(before.st_size, after.st_size);
}

TEST_F(ServerTest, ServesConcurrentClients) {
  std::atomic<int> ok{0}, bad{0};
  std::vector<std::thread> threads;
  for (int c = 0; c < 8; ++c) {
    threads.emplace_back([&, c] {
      httplib::Client cli("127.0.0.1", port_);
      cli.set_keep_alive(true);
      for (int i = 0; i < 25; ++i) {
        auto res = cli.Get(c % 2 ? "/v1/search?q=rutte" : "/v1/quotes?speaker=Bart%20Kemp");
        (res && res->status == 200 ? ok : bad)++;
      }
    });
  }
  for (auto& t : threads) t.join();
  EXPECT_EQ(ok, 200);
  EXPECT_EQ(bad, 0);
}

TEST(ServerOptionsTest, BindsToLoopbackByDefaultAndFailsOnABadStore) {
  ServerOptions o;
  EXPECT_EQ(o.host, "127.0.0.1");
  testing::TempDir dir;
  auto s = ApiServer::Create(dir.File("missing.db"), o);
  ASSERT_FALSE(s.ok());
  EXPECT_EQ(s.status().error_id(), 301);
}

}  // namespace
}  // namespace kroniek::server
