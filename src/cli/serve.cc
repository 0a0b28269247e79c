// kroniek serve: the read-only JSON HTTP API over a corpus store (docs/api.md).
#include <pthread.h>
#include <signal.h>
#include <unistd.h>

#include <cstdio>
#include <memory>
#include <string>
#include <thread>

#include "base/errors.h"
#include "cli/commands.h"
#include "server/api_server.h"

namespace kroniek::cli {
namespace {

struct ServeArgs {
  std::string db = "kroniek.db";
  server::ServerOptions o;
  int64_t time_limit_ms = 2000;
};

bool IsLoopback(const std::string& host) {
  return host == "localhost" || host == "::1" || host.rfind("127.", 0) == 0;
}

int RunServe(const ServeArgs& a) {
  const char* cmd = "serve";
  if (a.o.port < 0 || a.o.port > 65535 || a.o.threads < 1 || a.o.threads > 256 ||
      a.o.max_page < 1 || a.time_limit_ms < 1) {
    PrintError(cmd,
               "--port must be 0..65535, --threads 1..256, --max-page and --time-limit-ms "
               "at least 1 [E501]");
    return kExitUsage;
  }
  if (access(a.db.c_str(), F_OK) != 0) {
    PrintError(cmd, a.db + ": no such store (make one with 'kroniek ingest') [E301]");
    return kExitFailed;
  }
  server::ServerOptions o = a.o;
  o.time_limit = std::chrono::milliseconds(a.time_limit_ms);
  if (!IsLoopback(o.host)) {
    PrintWarning(cmd, "listening on " + o.host +
                          ", not loopback: every machine that can reach it can read the store");
  }
  auto srv = server::ApiServer::Create(a.db, o);
  if (!srv.ok()) {
    PrintError(cmd, srv.status().ToString());
    return kExitFailed;
  }
  // SIGINT and SIGTERM stop the server cleanly; block them in every thread but the waiter.
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGTERM);
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
  auto port = (*srv)->Bind();
  if (!port.ok()) {
    PrintError(cmd, port.status().ToString());
    return kExitFailed;
  }
  std::fprintf(stderr, "kroniek serve: %s read-only on http://%s:%d/v1 (Ctrl-C stops)\n",
               a.db.c_str(), o.host.c_str(), *port);
  std::fflush(stderr);
  server::ApiServer* s = srv->get();
  std::thread waiter([s, set] {
    int sig = 0;
    sigwait(&set, &sig);
    s->Stop();
  });
  Status st = s->Listen();
  // Wake the waiter if the server stopped by itself.
  pthread_kill(waiter.native_handle(), SIGTERM);
  waiter.join();
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterServe(CLI::App& app, int* exit_code) {
  auto a = std::make_shared<ServeArgs>();
  CLI::App* c = app.add_subcommand(
      "serve", "Serve the corpus store as a read-only JSON HTTP API (docs/api.md)");
  c->add_option("--db", a->db, "The store")->capture_default_str();
  c->add_option("--host", a->o.host, "Address to listen on (loopback by default)")
      ->capture_default_str();
  c->add_option("--port", a->o.port, "Port (0: any free port, printed on stderr)")
      ->capture_default_str();
  c->add_option("--threads", a->o.threads, "Worker threads")->capture_default_str();
  c->add_option("--max-page", a->o.max_page, "Largest page size (limit)")->capture_default_str();
  c->add_option("--time-limit-ms", a->time_limit_ms, "Time limit of one query")
      ->capture_default_str();
  c->callback([a, exit_code] { *exit_code = RunServe(*a); });
}

}  // namespace kroniek::cli
