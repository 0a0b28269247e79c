// Dependency parser throughput on one thread, in tokens per second (target: >= 50,000).
// Uses the committed model (models/parser.kmodel, or $KRONIEK_MODELS) and the UD Alpino dev
// file from ../shared when present (with the tagger's tags when models/tagger.kmodel is there,
// else the file's own), else a built-in Dutch sentence with hand-written tags.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "parse/parser.h"
#include "tag/tagger.h"

namespace {

using kroniek::Doc;

struct Fixture {
  std::shared_ptr<const kroniek::parse::Parser> parser;
  std::vector<Doc> docs;
  size_t tokens = 0;
  std::string error;
};

const Fixture& Get() {
  static Fixture f = [] {
    Fixture f;
    std::string dir = kroniek::FindModelsDir("");
    auto p = kroniek::parse::Parser::Load(dir + "/parser.kmodel");
    if (!p.ok()) {
      f.error = "parser model not found in '" + dir + "'";
      return f;
    }
    f.parser = p.value();
    std::string shared = std::string(KRONIEK_SOURCE_DIR) + "/../shared";
    if (const char* e = std::getenv("KRONIEK_SHARED")) shared = e;
    std::string path = shared + "/data/ud-nl-alpino/nl_alpino-ud-dev.conllu";
    kroniek::ReadOptions ro;
    ro.format = kroniek::InputFormat::kConllu;
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      (void)kroniek::ReadInputs({path}, ro, [&](kroniek::ReadItem&& item) {
        if (item.doc.ok()) f.docs.push_back(std::move(item.doc).value());
        return true;
      });
    }
    if (f.docs.empty()) {
      std::string text =
          "1\tDe\t_\tDET\tLID|bep|stan|rest\t_\t_\t_\t_\t_\n"
          "2\tgemeenteraad\t_\tNOUN\tN|soort|ev|basis|zijd|stan\t_\t_\t_\t_\t_\n"
          "3\tbesloot\t_\tVERB\tWW|pv|verl|ev\t_\t_\t_\t_\t_\n"
          "4\tgisteren\t_\tADV\tBW\t_\t_\t_\t_\t_\n"
          "5\tde\t_\tDET\tLID|bep|stan|rest\t_\t_\t_\t_\t_\n"
          "6\tnieuwe\t_\tADJ\tADJ|prenom|basis|met-e|stan\t_\t_\t_\t_\t_\n"
          "7\tbrug\t_\tNOUN\tN|soort|ev|basis|zijd|stan\t_\t_\t_\t_\t_\n"
          "8\tte\t_\tADP\tVZ|init\t_\t_\t_\t_\t_\n"
          "9\tbouwen\t_\tVERB\tWW|inf|vrij|zonder\t_\t_\t_\t_\t_\n"
          "10\t.\t_\tPUNCT\tLET\t_\t_\t_\t_\t_\n\n";
      std::string many;
      for (int i = 0; i < 1000; ++i) many += text;
      (void)kroniek::ReadBuffer(many, "bench.conllu", kroniek::InputFormat::kConllu, ro,
                                [&](kroniek::ReadItem&& item) {
                                  if (item.doc.ok()) f.docs.push_back(std::move(item.doc).value());
                                  return true;
                                });
    }
    auto tagger = kroniek::tag::Tagger::Load(dir + "/tagger.kmodel");
    for (Doc& d : f.docs) {
      f.tokens += d.tokens.size();
      if (tagger.ok()) tagger.value()->Tag(d);
      d.Clear(kroniek::Layer::kDeps);
    }
    return f;
  }();
  return f;
}

void BM_Parser(benchmark::State& state) {
  const Fixture& f = Get();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<Doc> docs = f.docs;
  for (auto _ : state) {
    for (Doc& d : docs) f.parser->Parse(d);
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(f.tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Parser)->Unit(benchmark::kMillisecond);

void BM_LoadParser(benchmark::State& state) {
  std::string dir = kroniek::FindModelsDir("");
  for (auto _ : state) {
    auto p = kroniek::parse::Parser::Load(dir + "/parser.kmodel");
    if (!p.ok()) {
      state.SkipWithError("parser model not found");
      return;
    }
    benchmark::DoNotOptimize(p);
  }
}
BENCHMARK(BM_LoadParser)->Unit(benchmark::kMillisecond);

}  // namespace

// main() comes from tagger_bench.cc (one benchmark binary).
