// kroniek bench: the corpus store's benchmarks (bench/store_bench.sh runs them all).
//
//   kroniek bench corpus --docs N [-o FILE]   synthetic Dutch articles as JSON Lines
//   kroniek bench store  --docs N            analysis vs analysis+store time, size, query latency
//   kroniek bench load   --db DB             50 concurrent HTTP clients for 10 s on loopback
#include <httplib.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <nlohmann/json.hpp>
#include <string>
#include <thread>
#include <unordered_map>
#include <vector>

#include "cli/commands.h"
#include "kroniek/pipeline.h"
#include "server/api_server.h"
#include "store/ingest.h"
#include "store/store_reader.h"
#include "synth/synth_news.h"

namespace kroniek::cli {
namespace {

using Clock = std::chrono::steady_clock;
double Seconds(Clock::time_point a, Clock::time_point b) {
  return std::chrono::duration<double>(b - a).count();
}

// CPU seconds used by the process (robust to other programs competing for the cores).
double CpuSeconds() {
  timespec ts;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
  return static_cast<double>(ts.tv_sec) + static_cast<double>(ts.tv_nsec) * 1e-9;
}

struct Percentiles {
  double p50 = 0, p95 = 0, p99 = 0, max = 0;
};
Percentiles Summarise(std::vector<double> v) {
  Percentiles p;
  if (v.empty()) return p;
  std::sort(v.begin(), v.end());
  auto at = [&](double q) {
    return v[std::min(v.size() - 1, static_cast<size_t>(q * static_cast<double>(v.size())))];
  };
  p.p50 = at(0.5);
  p.p95 = at(0.95);
  p.p99 = at(0.99);
  p.max = v.back();
  return p;
}

// ------------------------------------------------------------------ corpus
struct CorpusArgs {
  int64_t docs = 1000;
  uint64_t seed = 1;
  std::string out;
  std::string format = "jsonl";
};

int RunCorpus(const CorpusArgs& a) {
  if (a.format == "txt") {
    // One plain-text file per article (the body only) in the directory a.out.
    if (a.out.empty()) {
      PrintError("bench corpus", "--format txt needs --out DIR [E501]");
      return kExitUsage;
    }
    std::error_code ec;
    std::filesystem::create_directories(a.out, ec);
    synth::SynthOptions o;
    o.seed = a.seed;
    o.layers = false;
    for (int64_t i = 0; i < a.docs; ++i) {
      Doc d = synth::MakeArticle(static_cast<uint64_t>(i), o);
      std::string path = a.out + "/" + d.id + ".txt";
      FILE* f = std::fopen(path.c_str(), "wb");
      bool ok = f && std::fwrite(d.text.data(), 1, d.text.size(), f) == d.text.size();
      if (f) ok = std::fclose(f) == 0 && ok;
      if (!ok) {
        PrintError("bench corpus", path + ": cannot write [E502]");
        return kExitFailed;
      }
    }
    return kExitOk;
  }
  if (a.format != "jsonl") {
    PrintError("bench corpus", "unknown --format '" + a.format + "' (choose jsonl or txt) [E501]");
    return kExitUsage;
  }
  FILE* f = a.out.empty() || a.out == "-" ? stdout : std::fopen(a.out.c_str(), "wb");
  if (!f) {
    PrintError("bench corpus", a.out + ": cannot write [E502]");
    return kExitFailed;
  }
  synth::SynthOptions o;
  o.seed = a.seed;
  o.layers = false;
  bool ok = true;
  for (int64_t i = 0; i < a.docs && ok; ++i) {
    std::string line = synth::ToInputJsonl(synth::MakeArticle(static_cast<uint64_t>(i), o)) + "\n";
    ok = std::fwrite(line.data(), 1, line.size(), f) == line.size();
  }
  if (f != stdout) ok = std::fclose(f) == 0 && ok;
  if (!ok) {
    PrintError("bench corpus", "cannot write the output [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

// ------------------------------------------------------------------ store
// A generator's event with its entities given by the spans of their mentions, so that it can
// be put on a Doc whose entities came from the pipeline.
struct SynthEvent {
  Event event;  // actors, targets and location emptied
  std::vector<std::vector<Span>> actors, targets;
  std::vector<Span> location;
};

std::vector<Span> MentionSpans(const Doc& d, int32_t entity) {
  std::vector<Span> out;
  if (entity < 0 || static_cast<size_t>(entity) >= d.entities.size()) return out;
  for (uint32_t m : d.entities[static_cast<size_t>(entity)].mentions) {
    if (m < d.mentions.size()) out.push_back(d.mentions[m].span);
  }
  return out;
}

std::vector<SynthEvent> TakeSynthEvents(const Doc& d) {
  std::vector<SynthEvent> out;
  for (const Event& v : d.events) {
    SynthEvent e;
    e.event = v;
    e.event.actors.clear();
    e.event.targets.clear();
    e.event.location = -1;
    for (int32_t x : v.actors) e.actors.push_back(MentionSpans(d, x));
    for (int32_t x : v.targets) e.targets.push_back(MentionSpans(d, x));
    e.location = MentionSpans(d, v.location);
    out.push_back(std::move(e));
  }
  return out;
}

// The pipeline's entity with a mention overlapping one of `spans` (-1 when none).
int32_t EntityAt(const Doc& d, const std::vector<Span>& spans) {
  for (const Span& s : spans) {
    for (const Mention& m : d.mentions) {
      if (m.entity >= 0 && m.span.begin < s.end && s.begin < m.span.end) return m.entity;
    }
  }
  return -1;
}

void AddSynthEvents(const std::vector<SynthEvent>& events, Doc& d) {
  for (const SynthEvent& e : events) {
    Event v = e.event;
    for (const auto& spans : e.actors) {
      if (int32_t x = EntityAt(d, spans); x >= 0) v.actors.push_back(x);
    }
    for (const auto& spans : e.targets) {
      if (int32_t x = EntityAt(d, spans); x >= 0) v.targets.push_back(x);
    }
    v.location = EntityAt(d, e.location);
    for (size_t i = 0; i < d.sentences.size(); ++i) {
      Span span = d.SentenceSpan(i);
      if (span.begin <= v.trigger.begin && v.trigger.begin < span.end) {
        v.sentence = static_cast<int32_t>(i);
        break;
      }
    }
    d.events.push_back(std::move(v));
  }
  d.Set(Layer::kEvents);
}

struct StoreArgs {
  int64_t docs = 10000;
  uint64_t seed = 1;
  std::string db;
  int threads = 1;
  int queries = 100;
  bool keep = false;
};

int64_t FileSize(const std::string& path) {
  struct stat st;
  return stat(path.c_str(), &st) == 0 ? static_cast<int64_t>(st.st_size) : 0;
}

void RemoveStore(const std::string& path) {
  for (const char* suffix : {"", "-wal", "-shm"}) std::remove((path + suffix).c_str());
}

int RunStoreBench(const StoreArgs& a) {
  const char* cmd = "bench store";
  std::string db = a.db.empty() ? "/tmp/kroniek-bench-" + std::to_string(getpid()) + ".db" : a.db;
  auto pipeline = Pipeline::Default(PipelineOptions{});
  if (!pipeline.ok()) {
    PrintError(cmd, pipeline.status().ToString());
    return kExitFailed;
  }
  std::string stages;
  bool has_events = false;
  for (const auto& s : pipeline->StageNames()) {
    stages += (stages.empty() ? "" : ", ") + s;
    has_events = has_events || s == "events";
  }
  std::printf("pipeline stages: %s\n", stages.c_str());
  // 1. The corpus, in memory (generation is not timed): text and metadata only, as real input
  // is. Every layer the pipeline has a stage for is the pipeline's. The generator's events are
  // kept aside while the pipeline has no events stage: after the analysis they are added with
  // their actors, targets and location mapped onto the pipeline's entities (through the
  // generator's mention spans), so that the store holds events as it will once the stage lands.
  synth::SynthOptions so;
  so.seed = a.seed;
  std::vector<Doc> corpus;
  std::vector<std::vector<SynthEvent>> synth_events;
  std::unordered_map<std::string, size_t> index_of;
  corpus.reserve(static_cast<size_t>(a.docs));
  int64_t text_bytes = 0, jsonl_bytes = 0;
  for (int64_t i = 0; i < a.docs; ++i) {
    Doc d = synth::MakeArticle(static_cast<uint64_t>(i), so);
    if (!has_events) synth_events.push_back(TakeSynthEvents(d));
    for (Layer l : {Layer::kMentions, Layer::kEntities, Layer::kQuotes, Layer::kEvents}) d.Clear(l);
    index_of.emplace(d.id, corpus.size());
    text_bytes += static_cast<int64_t>(d.text.size());
    jsonl_bytes += static_cast<int64_t>(synth::ToInputJsonl(d).size()) + 1;
    corpus.push_back(std::move(d));
  }
  std::function<void(Doc&)> add_events;
  if (!has_events) {
    add_events = [&](Doc& d) {
      auto it = index_of.find(d.id);
      if (it != index_of.end()) AddSynthEvents(synth_events[it->second], d);
    };
  }
  std::printf("corpus: %lld synthetic articles, %.1f MB of text (%.1f MB as JSON Lines input)\n",
              static_cast<long long>(a.docs), static_cast<double>(text_bytes) / 1e6,
              static_cast<double>(jsonl_bytes) / 1e6);
  if (has_events) {
    std::printf("layers: all from the pipeline (tokens to events)\n");
  } else {
    std::printf(
        "layers: tokens to times from the pipeline; events from the generator (no events stage "
        "yet), their actors, targets and locations mapped onto the pipeline's entities\n");
  }
  // 2. Analysis alone, on one thread, after a few untimed articles (the first touches of the
  // models' memory would otherwise count against the analysis alone).
  for (size_t i = 0; i < corpus.size() && i < 50; ++i) {
    Doc copy = corpus[i];
    (void)pipeline->Process(copy);
  }
  auto t0 = Clock::now();
  double c0 = CpuSeconds();
  size_t tokens = 0;
  for (const Doc& d : corpus) {
    Doc copy = d;
    Status s = pipeline->Process(copy);
    if (!s.ok()) {
      PrintError(cmd, s.ToString());
      return kExitFailed;
    }
    if (add_events) add_events(copy);
    tokens += copy.tokens.size();
  }
  double analysis = Seconds(t0, Clock::now());
  double analysis_cpu = CpuSeconds() - c0;
  std::printf(
      "analysis only (1 thread):          wall %6.2f s  cpu %6.2f s  (%.0f docs/s, %.0f "
      "tokens/s of cpu)\n",
      analysis, analysis_cpu, static_cast<double>(a.docs) / analysis_cpu,
      static_cast<double>(tokens) / analysis_cpu);
  // 3. Analysis and store, on the same thread, then with analysis on worker threads.
  double ingest_times[2] = {0, 0}, ingest_cpu[2] = {0, 0};
  int thread_counts[2] = {0, std::max(1, a.threads)};
  store::IngestStats stats, same_thread;
  for (int run = 0; run < 2; ++run) {
    RemoveStore(db);
    store::IngestOptions io;
    io.threads = thread_counts[run];
    io.after_analysis = add_events;
    auto in = store::Ingester::Create(db, &pipeline.value(), io);
    if (!in.ok()) {
      PrintError(cmd, in.status().ToString());
      return kExitFailed;
    }
    auto t1 = Clock::now();
    double c1 = CpuSeconds();
    for (const Doc& d : corpus) {
      Status s = (*in)->Add(Doc(d));
      if (!s.ok()) {
        PrintError(cmd, s.ToString());
        return kExitFailed;
      }
    }
    Status s = (*in)->Finish();
    if (!s.ok()) {
      PrintError(cmd, s.ToString());
      return kExitFailed;
    }
    ingest_times[run] = Seconds(t1, Clock::now());
    ingest_cpu[run] = CpuSeconds() - c1;
    stats = (*in)->stats();
    if (run == 0) same_thread = stats;
  }
  const double per_doc = 1000.0 / static_cast<double>(a.docs);
  std::printf(
      "analysis + store (same thread):    wall %6.2f s  cpu %6.2f s  (%+.1f %% on the analysis "
      "alone: the difference of two runs, noisy on a shared machine)\n",
      ingest_times[0], ingest_cpu[0], 100.0 * (ingest_cpu[0] - analysis_cpu) / analysis_cpu);
  std::printf(
      "  within that run (thread cpu clock): analysis %.2f s, store %.2f s = %.2f ms per "
      "article: the store adds %.1f %% to the analysis\n",
      same_thread.analysis_cpu, same_thread.store_cpu, same_thread.store_cpu * per_doc,
      100.0 * same_thread.store_cpu / same_thread.analysis_cpu);
  std::printf("analysis + store (%d worker(s) + writer): wall %6.2f s  cpu %6.2f s\n",
              thread_counts[1], ingest_times[1], ingest_cpu[1]);
  std::printf("stored: %lld added, %lld near-duplicates flagged (generator made %lld)\n",
              static_cast<long long>(stats.added), static_cast<long long>(stats.near_duplicates),
              static_cast<long long>([&] {
                int64_t n = 0;
                uint64_t o;
                for (int64_t i = 0; i < a.docs; ++i)
                  n += synth::IsNearDuplicate(static_cast<uint64_t>(i), so, &o);
                return n;
              }()));
  int64_t words = 0;
  for (const Doc& d : corpus) {
    bool in_word = false;
    for (char ch : d.text) {
      bool space = ch == ' ' || ch == '\n';
      if (!space && !in_word) ++words;
      in_word = !space;
    }
  }
  int64_t size = FileSize(db) + FileSize(db + "-wal");
  std::printf("database: %.1f MB = %.2f x the text (%.2f x the JSON Lines input)\n",
              static_cast<double>(size) / 1e6,
              static_cast<double>(size) / static_cast<double>(text_bytes),
              static_cast<double>(size) / static_cast<double>(jsonl_bytes));
  // 4. Query latencies on the store.
  auto reader = store::StoreReader::Open(db);
  if (!reader.ok()) {
    PrintError(cmd, reader.status().ToString());
    return kExitFailed;
  }
  if (auto st = (*reader)->Stats(); st.ok()) {
    double per = 1000.0 / static_cast<double>(words);
    std::printf(
        "stored per 1000 words: %.0f mentions, %.1f quotes, %.1f times, %.1f events; %lld "
        "corpus entities; %.0f words per article\n",
        static_cast<double>(st->mentions) * per, static_cast<double>(st->quotes) * per,
        static_cast<double>(st->times) * per, static_cast<double>(st->events) * per,
        static_cast<long long>(st->entities), static_cast<double>(words) * per_doc / 1000.0);
  }
  store::QueryParams ep;
  ep.limit = 200;
  auto top = (*reader)->Run(store::QueryKind::kEntities, ep);
  ep.type = "PER";
  auto people = (*reader)->Run(store::QueryKind::kEntities, ep);
  if (!top.ok() || !people.ok() || top->rows.empty() || people->rows.empty()) {
    PrintError(cmd, "the store has no entities to query");
    return kExitFailed;
  }
  const char* kSearches[] = {"woningnood",
                             "akkoord",
                             "\"extra hulp\"",
                             "stikstofregels",
                             "demonstreerden",
                             "Rotterdam",
                             "begroting OR pensioenen",
                             "wacht*",
                             "vertrouwen beschadigd",
                             "Greenpeace rechtszaak"};
  auto measure = [&](const char* name, auto make_params, store::QueryKind kind) {
    std::vector<double> ms;
    size_t rows = 0;
    for (int i = 0; i < a.queries; ++i) {
      store::QueryParams p = make_params(i);
      auto t = Clock::now();
      auto r = (*reader)->Run(kind, p);
      ms.push_back(1000.0 * Seconds(t, Clock::now()));
      if (r.ok()) rows += r->rows.size();
    }
    Percentiles pc = Summarise(ms);
    std::printf("  %-34s p50 %6.2f ms  p95 %6.2f ms  max %6.2f ms  (%d queries, %.1f rows each)\n",
                name, pc.p50, pc.p95, pc.max, a.queries, static_cast<double>(rows) / a.queries);
  };
  auto name_of = [](const store::Table& t, int i) {
    return std::get<std::string>(t.rows[static_cast<size_t>(i) % t.rows.size()][0]);
  };
  std::printf("query latency (one connection):\n");
  measure(
      "search (20 best)",
      [&](int i) {
        store::QueryParams p;
        p.q = kSearches[i % 10];
        return p;
      },
      store::QueryKind::kSearch);
  measure(
      "search --from --to",
      [&](int i) {
        store::QueryParams p;
        p.q = kSearches[i % 10];
        p.from = std::to_string(2015 + i % 9);
        p.to = std::to_string(2016 + i % 9);
        return p;
      },
      store::QueryKind::kSearch);
  measure(
      "search --entity",
      [&](int i) {
        store::QueryParams p;
        p.q = kSearches[i % 10];
        p.entity = name_of(*top, i);
        return p;
      },
      store::QueryKind::kSearch);
  measure(
      "timeline --by month",
      [&](int i) {
        store::QueryParams p;
        p.entity = name_of(*top, i);
        p.limit = 1000;
        return p;
      },
      store::QueryKind::kTimeline);
  measure(
      "timeline --by week",
      [&](int i) {
        store::QueryParams p;
        p.entity = name_of(*top, i);
        p.by = "week";
        p.limit = 1000;
        return p;
      },
      store::QueryKind::kTimeline);
  measure(
      "quotes --speaker",
      [&](int i) {
        store::QueryParams p;
        p.speaker = name_of(*people, i);
        return p;
      },
      store::QueryKind::kQuotes);
  measure(
      "quotes --speaker --from --to",
      [&](int i) {
        store::QueryParams p;
        p.speaker = name_of(*people, i);
        p.from = "2018";
        p.to = "2020-06";
        return p;
      },
      store::QueryKind::kQuotes);
  measure(
      "entities --top 20",
      [&](int i) {
        store::QueryParams p;
        if (i % 2) p.type = "ORG";
        return p;
      },
      store::QueryKind::kEntities);
  measure(
      "cooccur",
      [&](int i) {
        store::QueryParams p;
        p.entity = name_of(*top, i);
        return p;
      },
      store::QueryKind::kCooccur);
  measure(
      "events --type --actor",
      [&](int i) {
        store::QueryParams p;
        p.type = i % 2 ? "PROTEST" : "SANCTION";
        if (i % 3 == 0) p.actor = name_of(*top, i);
        return p;
      },
      store::QueryKind::kEvents);
  if (!a.keep) {
    reader->reset();
    RemoveStore(db);
  } else {
    std::printf("kept the store at %s\n", db.c_str());
  }
  return kExitOk;
}

// ------------------------------------------------------------------ load
struct LoadArgs {
  std::string db;
  int clients = 50;
  double seconds = 10;
  int threads = 64;
  std::string paths_out;  // write the request paths (for wrk) and stop
};

int RunLoad(const LoadArgs& a) {
  const char* cmd = "bench load";
  if (a.clients < 1 || a.clients > 500 || a.seconds <= 0 || a.seconds > 120) {
    PrintError(cmd, "--clients must be 1..500 and --seconds 0..120 [E501]");
    return kExitUsage;
  }
  server::ServerOptions so;
  so.host = "127.0.0.1";
  so.port = 0;
  so.threads = a.threads;
  auto srv = server::ApiServer::Create(a.db, so);
  if (!srv.ok()) {
    PrintError(cmd, srv.status().ToString());
    return kExitFailed;
  }
  auto port = (*srv)->Bind();
  if (!port.ok()) {
    PrintError(cmd, port.status().ToString());
    return kExitFailed;
  }
  std::thread listener([&] { (void)(*srv)->Listen(); });
  // Requests built from what the store holds.
  std::vector<std::string> paths;
  {
    auto reader = store::StoreReader::Open(a.db);
    if (!reader.ok()) {
      PrintError(cmd, reader.status().ToString());
      (*srv)->Stop();
      listener.join();
      return kExitFailed;
    }
    store::QueryParams p;
    p.limit = 50;
    auto top = (*reader)->Run(store::QueryKind::kEntities, p);
    p.type = "PER";
    auto people = (*reader)->Run(store::QueryKind::kEntities, p);
    store::QueryParams s;
    s.q = "akkoord";
    s.limit = 20;
    auto docs = (*reader)->Run(store::QueryKind::kSearch, s);
    const char* words[] = {"woningnood",     "akkoord",   "%22extra%20hulp%22",
                           "stikstofregels", "Rotterdam", "begroting%20OR%20pensioenen",
                           "vertrouwen",     "wacht*"};
    for (int i = 0; i < 8; ++i) paths.push_back(std::string("/v1/search?q=") + words[i]);
    paths.push_back("/v1/search?q=akkoord&from=2018&to=2019-06");
    paths.push_back("/v1/entities?limit=20");
    paths.push_back("/v1/entities?type=ORG&limit=10");
    paths.push_back("/v1/events?type=PROTEST");
    paths.push_back("/v1/stats");
    auto enc = [](const std::string& s) { return httplib::detail::encode_query_param(s); };
    if (top.ok()) {
      for (size_t i = 0; i < top->rows.size() && i < 20; ++i) {
        std::string name = enc(std::get<std::string>(top->rows[i][0]));
        paths.push_back("/v1/timeline?entity=" + name);
        if (i % 4 == 0) paths.push_back("/v1/cooccur?entity=" + name + "&limit=10");
      }
    }
    if (people.ok()) {
      for (size_t i = 0; i < people->rows.size() && i < 20; ++i) {
        paths.push_back("/v1/quotes?speaker=" + enc(std::get<std::string>(people->rows[i][0])));
      }
    }
    if (docs.ok()) {
      for (size_t i = 0; i < docs->rows.size() && i < 5; ++i) {
        paths.push_back("/v1/docs/" + enc(std::get<std::string>(docs->rows[i][0])));
      }
    }
  }
  if (!a.paths_out.empty()) {
    FILE* f = std::fopen(a.paths_out.c_str(), "wb");
    for (const auto& path : paths) {
      if (f) std::fprintf(f, "%s\n", path.c_str());
    }
    bool ok = f && std::fclose(f) == 0;
    (*srv)->Stop();
    listener.join();
    return ok ? kExitOk : kExitFailed;
  }
  std::printf(
      "load: %d clients for %.0f s against http://127.0.0.1:%d (%d server threads, %zu "
      "different requests)\n",
      a.clients, a.seconds, *port, a.threads, paths.size());
  std::atomic<int64_t> ok{0}, errors{0};
  std::mutex mu;
  std::vector<double> latencies;
  auto start = Clock::now();
  double cpu0 = CpuSeconds();
  auto deadline =
      start + std::chrono::duration_cast<Clock::duration>(std::chrono::duration<double>(a.seconds));
  std::vector<std::thread> clients;
  for (int c = 0; c < a.clients; ++c) {
    clients.emplace_back([&, c] {
      httplib::Client cli("127.0.0.1", *port);
      cli.set_keep_alive(true);
      cli.set_read_timeout(10, 0);
      std::vector<double> mine;
      size_t i = static_cast<size_t>(c) * 7;
      while (Clock::now() < deadline) {
        const std::string& path = paths[i++ % paths.size()];
        auto t = Clock::now();
        auto res = cli.Get(path.c_str());
        mine.push_back(1000.0 * Seconds(t, Clock::now()));
        if (res && res->status == 200) {
          ++ok;
        } else {
          ++errors;
        }
      }
      std::lock_guard<std::mutex> lock(mu);
      latencies.insert(latencies.end(), mine.begin(), mine.end());
    });
  }
  for (auto& t : clients) t.join();
  double elapsed = Seconds(start, Clock::now());
  double cpu = CpuSeconds() - cpu0;
  Percentiles pc = Summarise(latencies);
  std::printf(
      "  %lld requests in %.1f s = %.0f requests/s; %lld errors; latency p50 %.2f ms, p99 "
      "%.2f ms, max %.1f ms\n",
      static_cast<long long>(ok + errors), elapsed, static_cast<double>(ok + errors) / elapsed,
      static_cast<long long>(errors.load()), pc.p50, pc.p99, pc.max);
  std::printf(
      "  cpu used by server and clients together: %.1f s (%.2f cores); %.0f requests per "
      "cpu-second\n",
      cpu, cpu / elapsed, static_cast<double>(ok + errors) / cpu);
  // Malformed and oversized requests: each must get its status and a JSON error body.
  struct Probe {
    const char* what;
    std::string method, path, body;
    int want;
  };
  std::vector<Probe> probes = {
      {"missing q", "GET", "/v1/search", "", 400},
      {"non-numeric limit", "GET", "/v1/search?q=akkoord&limit=abc", "", 400},
      {"limit above maximum", "GET", "/v1/search?q=akkoord&limit=100000", "", 400},
      {"bad date", "GET", "/v1/quotes?from=2020-13-45", "", 400},
      {"bad bucket", "GET", "/v1/timeline?entity=NS&by=year", "", 400},
      {"unknown parameter", "GET", "/v1/entities?typo=1", "", 400},
      {"unknown path", "GET", "/v1/nothing", "", 404},
      {"POST (read-only API)", "POST", "/v1/search?q=akkoord", "x", 405},
      {"oversized body", "GET", "/v1/stats", std::string(4096, 'x'), 413},
      {"oversized URI", "GET", "/v1/search?q=" + std::string(20000, 'a'), "", 414},
  };
  int failed = 0;
  httplib::Client cli("127.0.0.1", *port);
  for (const Probe& p : probes) {
    httplib::Result res = p.method == "POST"
                              ? cli.Post(p.path.c_str(), p.body, "text/plain")
                              : (p.body.empty() ? cli.Get(p.path.c_str()) : cli.send([&] {
                                  httplib::Request r;
                                  r.method = "GET";
                                  r.path = p.path;
                                  r.body = p.body;
                                  r.set_header("Content-Type", "text/plain");
                                  return r;
                                }()));
    int status = res ? res->status : -1;
    bool json_error = false;
    if (res) {
      auto j = nlohmann::json::parse(res->body, nullptr, false);
      json_error = j.is_object() && j.contains("error") && j["error"].contains("id");
    }
    bool good = status == p.want && json_error;
    failed += !good;
    std::printf("  %-22s -> %d %s\n", p.what, status,
                good ? "with a JSON error (ok)" : "UNEXPECTED");
  }
  (*srv)->Stop();
  listener.join();
  return errors == 0 && failed == 0 ? kExitOk : kExitFailed;
}

}  // namespace

void RegisterBench(CLI::App& app, int* exit_code) {
  CLI::App* b =
      app.add_subcommand("bench", "Benchmarks of the corpus store (bench/store_bench.sh)");
  b->require_subcommand(1);
  {
    auto a = std::make_shared<CorpusArgs>();
    auto* c = b->add_subcommand("corpus", "Write synthetic Dutch news articles as JSON Lines");
    c->add_option("--docs", a->docs, "How many")->capture_default_str();
    c->add_option("--seed", a->seed, "Random seed")->capture_default_str();
    c->add_option("-o,--out", a->out,
                  "Output file (jsonl; default standard output) or directory (txt)");
    c->add_option("--format", a->format,
                  "jsonl (one record per article) or txt (one file per article)")
        ->capture_default_str();
    c->callback([a, exit_code] { *exit_code = RunCorpus(*a); });
  }
  {
    auto a = std::make_shared<StoreArgs>();
    auto* c = b->add_subcommand("store", "Ingest synthetic articles; time, size and query latency");
    c->add_option("--docs", a->docs, "How many articles")->capture_default_str();
    c->add_option("--seed", a->seed, "Random seed")->capture_default_str();
    c->add_option("--db", a->db, "Store path (default a temporary file)");
    c->add_option("--threads", a->threads, "Analysis threads of the second ingest run")
        ->capture_default_str();
    c->add_option("--queries", a->queries, "Queries per kind")->capture_default_str();
    c->add_flag("--keep", a->keep, "Keep the store");
    c->callback([a, exit_code] { *exit_code = RunStoreBench(*a); });
  }
  {
    auto a = std::make_shared<LoadArgs>();
    auto* c =
        b->add_subcommand("load", "HTTP load test of `serve` on loopback, and malformed requests");
    c->add_option("--db", a->db, "The store")->required();
    c->add_option("--clients", a->clients, "Concurrent clients")->capture_default_str();
    c->add_option("--seconds", a->seconds, "Duration")->capture_default_str();
    c->add_option("--threads", a->threads, "Server worker threads")->capture_default_str();
    c->add_option("--paths-out", a->paths_out,
                  "Only write the request paths to this file (for wrk, bench/load.lua)");
    c->callback([a, exit_code] { *exit_code = RunLoad(*a); });
  }
}

}  // namespace kroniek::cli
