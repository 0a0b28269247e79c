// Tagger + lemmatizer throughput on one thread, in tokens per second (target: >= 300,000).
// Uses the committed models (models/tagger.kmodel, models/lemmatizer.kmodel, or $KRONIEK_MODELS)
// and the UD Alpino dev text from ../shared when present, else a built-in Dutch paragraph.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"

namespace {

using kroniek::Doc;

struct Fixture {
  std::shared_ptr<const kroniek::tag::Tagger> tagger;
  std::shared_ptr<const kroniek::tag::Lemmatizer> lemmatizer;
  std::vector<Doc> docs;
  size_t tokens = 0;
  std::string error;
};

const Fixture& Get() {
  static Fixture f = [] {
    Fixture f;
    std::string dir = kroniek::FindModelsDir("");
    auto t = kroniek::tag::Tagger::Load(dir + "/tagger.kmodel");
    auto l = kroniek::tag::Lemmatizer::Load(dir + "/lemmatizer.kmodel");
    if (!t.ok() || !l.ok()) {
      f.error = "models not found in '" + dir + "'";
      return f;
    }
    f.tagger = t.value();
    f.lemmatizer = l.value();
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
          "1\tDe\t_\t_\t_\t_\t_\t_\t_\t_\n2\tgemeenteraad\t_\t_\t_\t_\t_\t_\t_\t_\n"
          "3\tbesloot\t_\t_\t_\t_\t_\t_\t_\t_\n4\tgisteren\t_\t_\t_\t_\t_\t_\t_\t_\n"
          "5\tde\t_\t_\t_\t_\t_\t_\t_\t_\n6\tnieuwe\t_\t_\t_\t_\t_\t_\t_\t_\n"
          "7\tbrug\t_\t_\t_\t_\t_\t_\t_\t_\n8\tte\t_\t_\t_\t_\t_\t_\t_\t_\n"
          "9\tbouwen\t_\t_\t_\t_\t_\t_\t_\t_\n10\t.\t_\t_\t_\t_\t_\t_\t_\t_\n\n";
      std::string many;
      for (int i = 0; i < 500; ++i) many += text;
      (void)kroniek::ReadBuffer(many, "bench.conllu", kroniek::InputFormat::kConllu, ro,
                                [&](kroniek::ReadItem&& item) {
                                  if (item.doc.ok()) f.docs.push_back(std::move(item.doc).value());
                                  return true;
                                });
    }
    for (Doc& d : f.docs) {
      f.tokens += d.tokens.size();
      d.Clear(kroniek::Layer::kUpos);
      d.Clear(kroniek::Layer::kXpos);
      d.Clear(kroniek::Layer::kFeats);
      d.Clear(kroniek::Layer::kLemma);
      d.Clear(kroniek::Layer::kDeps);
    }
    return f;
  }();
  return f;
}

void BM_Tagger(benchmark::State& state) {
  const Fixture& f = Get();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<Doc> docs = f.docs;
  for (auto _ : state) {
    for (Doc& d : docs) f.tagger->Tag(d);
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(f.tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Tagger)->Unit(benchmark::kMillisecond);

void BM_TaggerAndLemmatizer(benchmark::State& state) {
  const Fixture& f = Get();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<Doc> docs = f.docs;
  for (auto _ : state) {
    for (Doc& d : docs) {
      f.tagger->Tag(d);
      f.lemmatizer->Lemmatize(d);
    }
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(f.tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_TaggerAndLemmatizer)->Unit(benchmark::kMillisecond);

void BM_LoadModels(benchmark::State& state) {
  std::string dir = kroniek::FindModelsDir("");
  for (auto _ : state) {
    auto t = kroniek::tag::Tagger::Load(dir + "/tagger.kmodel");
    auto l = kroniek::tag::Lemmatizer::Load(dir + "/lemmatizer.kmodel");
    if (!t.ok() || !l.ok()) {
      state.SkipWithError("models not found");
      return;
    }
    benchmark::DoNotOptimize(t);
  }
}
BENCHMARK(BM_LoadModels)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
