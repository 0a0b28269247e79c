#include "server/api_server.h"

#include <httplib.h>
#include <sys/socket.h>

#include <atomic>
#include <condition_variable>
#include <deque>
#include <map>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "base/errors.h"
#include "base/json_util.h"
#include "base/utf8.h"
#include "store/format.h"
#include "store/store_reader.h"

namespace kroniek::server {
namespace {

constexpr int kListenBacklog = 1024;  // connections waiting to be accepted (the kernel may cap it)

// httplib's task queue with a fixed number of threads and a bounded queue: when the queue is
// full the accepting thread waits, so the kernel's listen backlog absorbs the excess instead of
// memory.
class BoundedPool : public httplib::TaskQueue {
 public:
  BoundedPool(size_t threads, size_t max_queued) : max_queued_(max_queued) {
    for (size_t i = 0; i < threads; ++i) {
      threads_.emplace_back([this] {
        for (;;) {
          std::function<void()> fn;
          {
            std::unique_lock<std::mutex> lock(mu_);
            cv_.wait(lock, [&] { return shutdown_ || !queue_.empty(); });
            if (queue_.empty()) return;
            fn = std::move(queue_.front());
            queue_.pop_front();
          }
          not_full_.notify_one();
          fn();
        }
      });
    }
  }
  void enqueue(std::function<void()> fn) override {
    {
      std::unique_lock<std::mutex> lock(mu_);
      not_full_.wait(lock, [&] { return shutdown_ || queue_.size() < max_queued_; });
      queue_.push_back(std::move(fn));
    }
    cv_.notify_one();
  }
  void shutdown() override {
    {
      std::lock_guard<std::mutex> lock(mu_);
      shutdown_ = true;
    }
    cv_.notify_all();
    not_full_.notify_all();
    for (auto& t : threads_) t.join();
  }

 private:
  size_t max_queued_;
  std::mutex mu_;
  std::condition_variable cv_, not_full_;
  std::deque<std::function<void()>> queue_;
  std::vector<std::thread> threads_;
  bool shutdown_ = false;
};

const char* ReasonPhrase(int status) {
  switch (status) {
    case 400:
      return "bad request";
    case 404:
      return "not found";
    case 405:
      return "method not allowed";
    case 413:
      return "request too large";
    case 414:
      return "request URI too long";
    case 431:
      return "request header fields too large";
    case 500:
      return "internal error";
    case 503:
      return "service unavailable";
    default:
      return "error";
  }
}

void SetJson(httplib::Response& res, int status, std::string body) {
  res.status = status;
  res.set_header("Cache-Control", "no-store");
  res.set_header("X-Content-Type-Options", "nosniff");
  res.set_content(std::move(body), "application/json; charset=utf-8");
}

void SetError(httplib::Response& res, int status, int error_id, const std::string& message) {
  std::string body = "{\"error\":{\"status\":" + std::to_string(status) + ",\"id\":";
  if (error_id > 0) {
    char buf[16];
    std::snprintf(buf, sizeof buf, "E%03d", error_id);
    json::AppendString(buf, &body);
  } else {
    body += "null";
  }
  body += ",\"message\":";
  json::AppendString(utf8::IsValid(message) ? message : utf8::Sanitize(message), &body);
  body += "}}";
  SetJson(res, status, std::move(body));
}

void SetStatusError(httplib::Response& res, const Status& s) {
  int status = 500;
  if (s.error_id() == static_cast<int>(ErrorId::kBadParameter))
    status = 400;
  else if (s.error_id() == static_cast<int>(ErrorId::kQueryTimeout))
    status = 503;
  else if (s.code() == StatusCode::kNotFound)
    status = 404;
  SetError(res, status, s.error_id(), s.message());
}

bool ParseInt(const std::string& s, int64_t* out) {
  if (s.empty() || s.size() > 9 || s.find_first_not_of("0123456789") != std::string::npos) {
    return false;
  }
  *out = std::stoll(s);
  return true;
}

}  // namespace

struct ApiServer::Impl {
  std::string db_path;
  ServerOptions options;
  httplib::Server http;
  socket_t listen_socket = INVALID_SOCKET;  // the last socket httplib set up to listen
  std::mutex pool_mu;
  std::vector<std::unique_ptr<store::StoreReader>> readers;  // idle connections

  Result<std::unique_ptr<store::StoreReader>> Acquire() {
    {
      std::lock_guard<std::mutex> lock(pool_mu);
      if (!readers.empty()) {
        auto r = std::move(readers.back());
        readers.pop_back();
        return r;
      }
    }
    auto r = store::StoreReader::Open(db_path);
    if (!r.ok()) return r.status();
    (*r)->SetTimeLimit(options.time_limit);
    return std::move(r).value();
  }
  void Release(std::unique_ptr<store::StoreReader> r) {
    std::lock_guard<std::mutex> lock(pool_mu);
    readers.push_back(std::move(r));
  }

  // Reads the query parameters allowed for an endpoint into `p`. Unknown or repeated parameters
  // and malformed values are errors (E401).
  Status ReadParams(const httplib::Request& req, const std::set<std::string>& allowed,
                    store::QueryParams* p) {
    auto bad = [](const std::string& m) { return InvalidInput(ErrorId::kBadParameter, m); };
    std::set<std::string> seen;
    p->limit = options.default_page;
    for (const auto& [key, value] : req.params) {
      if (!allowed.count(key)) {
        std::string list;
        for (const auto& a : allowed) list += (list.empty() ? "" : ", ") + a;
        return bad("unknown parameter '" + key + "' (this endpoint takes: " + list + ")");
      }
      if (!seen.insert(key).second) return bad("parameter '" + key + "' is given twice");
      if (key == "limit" || key == "offset") {
        int64_t v = 0;
        if (!ParseInt(value, &v)) return bad("parameter '" + key + "' must be a whole number");
        (key == "limit" ? p->limit : p->offset) = v;
      } else if (key == "unique") {
        if (value == "true" || value == "1")
          p->unique = true;
        else if (value == "false" || value == "0")
          p->unique = false;
        else
          return bad("parameter 'unique' must be true or false");
      } else if (key == "q")
        p->q = value;
      else if (key == "entity")
        p->entity = value;
      else if (key == "from")
        p->from = value;
      else if (key == "to")
        p->to = value;
      else if (key == "type")
        p->type = value;
      else if (key == "speaker")
        p->speaker = value;
      else if (key == "about")
        p->about = value;
      else if (key == "actor")
        p->actor = value;
      else if (key == "by")
        p->by = value;
    }
    return Status();
  }

  void Query(store::QueryKind kind, const std::set<std::string>& allowed,
             const httplib::Request& req, httplib::Response& res) {
    store::QueryParams p;
    Status s = ReadParams(req, allowed, &p);
    if (s.ok()) s = store::ValidateParams(kind, p, options.max_page, false);
    if (!s.ok()) return SetStatusError(res, s);
    auto reader = Acquire();
    if (!reader.ok()) return SetStatusError(res, reader.status());
    auto t = (*reader)->Run(kind, p);
    Release(std::move(reader).value());
    if (!t.ok()) return SetStatusError(res, t.status());
    SetJson(res, 200, store::FormatJsonPage(*t, store::QueryKindName(kind), p.offset, p.limit));
  }

  void Doc(const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) {
      return SetStatusError(
          res, InvalidInput(ErrorId::kBadParameter, "this endpoint takes no parameters"));
    }
    std::string id = req.matches.size() > 1 ? std::string(req.matches[1]) : "";
    if (id.empty() || id.size() > 1000 || !utf8::IsValid(id)) {
      return SetStatusError(res, InvalidInput(ErrorId::kBadParameter, "malformed article id"));
    }
    auto reader = Acquire();
    if (!reader.ok()) return SetStatusError(res, reader.status());
    auto d = (*reader)->GetDoc(id);
    Release(std::move(reader).value());
    if (!d.ok()) return SetStatusError(res, d.status());
    if (!*d)
      return SetError(res, 404, static_cast<int>(ErrorId::kNotFoundRoute),
                      "no article with id '" + id + "'");
    SetJson(res, 200, store::FormatStoredDocJson(**d));
  }

  void Stats(const httplib::Request& req, httplib::Response& res) {
    if (!req.params.empty()) {
      return SetStatusError(
          res, InvalidInput(ErrorId::kBadParameter, "this endpoint takes no parameters"));
    }
    auto reader = Acquire();
    if (!reader.ok()) return SetStatusError(res, reader.status());
    auto s = (*reader)->Stats();
    Release(std::move(reader).value());
    if (!s.ok()) return SetStatusError(res, s.status());
    SetJson(res, 200, store::FormatStatsJson(*s));
  }
};

Result<std::unique_ptr<ApiServer>> ApiServer::Create(const std::string& db_path,
                                                     const ServerOptions& options) {
  std::unique_ptr<ApiServer> srv(new ApiServer());
  srv->impl_ = std::make_unique<Impl>();
  Impl* im = srv->impl_.get();
  im->db_path = db_path;
  im->options = options;
  // Fail now, not at the first request, when the store cannot be read.
  auto first = store::StoreReader::Open(db_path);
  if (!first.ok()) return first.status();
  (*first)->SetTimeLimit(options.time_limit);
  im->readers.push_back(std::move(first).value());

  httplib::Server& h = im->http;
  const size_t threads = static_cast<size_t>(std::max(1, options.threads));
  const size_t queued = std::max<size_t>(1, options.max_queued);
  h.new_task_queue = [threads, queued] { return new BoundedPool(threads, queued); };
  h.set_payload_max_length(options.max_body_bytes);
  h.set_keep_alive_max_count(static_cast<size_t>(std::max(1, options.keep_alive_max)));
  h.set_keep_alive_timeout(5);
  h.set_read_timeout(5, 0);
  h.set_write_timeout(5, 0);
  h.set_tcp_nodelay(true);
  // httplib listens with a backlog of 5 (fixed in Debian's compiled library): a burst of new
  // connections (50 clients starting, or reconnecting after keep_alive_max requests) overflows
  // it and the dropped handshakes are retried a second or more later. Bind() raises it.
  h.set_socket_options([im](socket_t sock) {
    httplib::default_socket_options(sock);
    im->listen_socket = sock;
  });

  h.set_pre_routing_handler([](const httplib::Request& req, httplib::Response& res) {
    if (req.method != "GET" && req.method != "HEAD") {
      res.set_header("Allow", "GET, HEAD");
      SetError(res, 405, static_cast<int>(ErrorId::kMethodNotAllowed),
               "method " + req.method + " is not allowed: the API is read-only (GET only)");
      return httplib::Server::HandlerResponse::Handled;
    }
    // The API takes no request body: refuse one (unread, and the connection is closed).
    const std::string length = req.get_header_value("Content-Length");
    if (!req.body.empty() || (!length.empty() && length != "0") ||
        req.has_header("Transfer-Encoding")) {
      res.set_header("Connection", "close");
      SetError(res, 413, static_cast<int>(ErrorId::kRequestTooLarge),
               "requests to this API take no body");
      return httplib::Server::HandlerResponse::Handled;
    }
    return httplib::Server::HandlerResponse::Unhandled;
  });
  h.set_error_handler([](const httplib::Request&, httplib::Response& res) {
    if (!res.body.empty()) return;
    int id = static_cast<int>(ErrorId::kBadParameter);
    if (res.status == 404) id = static_cast<int>(ErrorId::kNotFoundRoute);
    if (res.status == 413 || res.status == 414 || res.status == 431) {
      id = static_cast<int>(ErrorId::kRequestTooLarge);
    }
    if (res.status >= 500) id = static_cast<int>(ErrorId::kInternal);
    std::string msg = res.status == 404 ? "no such endpoint (see /v1)" : ReasonPhrase(res.status);
    SetError(res, res.status, id, msg);
  });
  h.set_exception_handler([](const httplib::Request&, httplib::Response& res, std::exception_ptr) {
    SetError(res, 500, static_cast<int>(ErrorId::kInternal), "internal error");
  });

  using K = store::QueryKind;
  auto route = [im](const char* path, K kind, std::set<std::string> allowed) {
    allowed.insert("limit");
    allowed.insert("offset");
    im->http.Get(path, [im, kind, allowed](const httplib::Request& req, httplib::Response& res) {
      im->Query(kind, allowed, req, res);
    });
  };
  route("/v1/search", K::kSearch, {"q", "from", "to", "entity", "unique"});
  route("/v1/entities", K::kEntities, {"type", "from", "to"});
  route("/v1/timeline", K::kTimeline, {"entity", "by", "from", "to"});
  route("/v1/quotes", K::kQuotes, {"speaker", "about", "from", "to"});
  route("/v1/cooccur", K::kCooccur, {"entity", "type", "from", "to"});
  route("/v1/events", K::kEvents, {"type", "actor", "from", "to"});
  h.Get(R"(/v1/docs/([^/]+))",
        [im](const httplib::Request& req, httplib::Response& res) { im->Doc(req, res); });
  h.Get("/v1/stats",
        [im](const httplib::Request& req, httplib::Response& res) { im->Stats(req, res); });
  h.Get("/v1", [](const httplib::Request&, httplib::Response& res) {
    SetJson(res, 200,
            "{\"endpoints\":[\"/v1/search\",\"/v1/entities\",\"/v1/timeline\",\"/v1/quotes\","
            "\"/v1/cooccur\",\"/v1/events\",\"/v1/docs/{id}\",\"/v1/stats\"]}");
  });
  return srv;
}

ApiServer::~ApiServer() {
  if (impl_) impl_->http.stop();
}

Result<int> ApiServer::Bind() {
  Impl& im = *impl_;
  int port = im.options.port;
  bool ok;
  if (port == 0) {
    port = im.http.bind_to_any_port(im.options.host);
    ok = port > 0;
  } else {
    ok = im.http.bind_to_port(im.options.host, port);
  }
  if (ok && im.listen_socket != INVALID_SOCKET) {
    (void)::listen(im.listen_socket, kListenBacklog);  // a listening socket takes a new backlog
  }
  if (!ok) {
    return MakeError(StatusCode::kIOError, ErrorId::kServerListen,
                     "cannot listen on " + im.options.host + ":" + std::to_string(im.options.port) +
                         " (in use, or not an address of this machine)");
  }
  return port;
}

Status ApiServer::Listen() {
  if (!impl_->http.listen_after_bind()) {
    return MakeError(StatusCode::kIOError, ErrorId::kServerListen,
                     "the server stopped with an error");
  }
  return Status();
}

void ApiServer::Stop() { impl_->http.stop(); }

bool ApiServer::running() const { return impl_->http.is_running(); }

}  // namespace kroniek::server
