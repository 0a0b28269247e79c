// The read-only JSON HTTP API over a corpus store (`kroniek serve`; endpoints in docs/api.md).
//
// Safety by construction: the store is opened read-only (SQLITE_OPEN_READONLY and PRAGMA
// query_only) and every query is parameterised SQL from src/store/; only GET and HEAD are
// accepted. Bounded: a fixed pool of worker threads with a bounded queue, a maximum page size,
// a per-query time limit (sqlite3_progress_handler), request line, header and body size limits,
// read and write timeouts. Binds to loopback unless told otherwise. Every error is a JSON body
//   {"error": {"status": 400, "id": "E401", "message": "..."}}
// with a 4xx or 5xx status.
#ifndef KRONIEK_SERVER_API_SERVER_H_
#define KRONIEK_SERVER_API_SERVER_H_

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>

#include "kroniek/status.h"

namespace kroniek::server {

struct ServerOptions {
  std::string host = "127.0.0.1";
  int port = 8080;          // 0: any free port (see Bind)
  int threads = 64;         // worker threads (each serves one keep-alive connection at a time)
  size_t max_queued = 512;  // accepted connections waiting for a worker, at most
  int64_t max_page = 100;   // largest `limit`
  int64_t default_page = 20;
  std::chrono::milliseconds time_limit{2000};  // per query
  size_t max_body_bytes = 1024;                // requests carry no body; larger ones get 413
  int keep_alive_max = 100;                    // requests per connection before it is closed
};

class ApiServer {
 public:
  // Checks that the store opens (read-only) and prepares the routes; does not bind yet.
  static Result<std::unique_ptr<ApiServer>> Create(const std::string& db_path,
                                                   const ServerOptions& options);
  ~ApiServer();

  // Binds the listening socket; returns the port (the chosen one when options.port is 0).
  Result<int> Bind();
  // Serves until Stop() is called (from another thread or a signal handler's thread).
  Status Listen();
  void Stop();
  bool running() const;

  struct Impl;

 private:
  ApiServer() = default;
  std::unique_ptr<Impl> impl_;
};

}  // namespace kroniek::server

#endif  // KRONIEK_SERVER_API_SERVER_H_
