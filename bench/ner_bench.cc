// Named-entity recognition throughput on one thread, in tokens per second (target: >= 200,000),
// both passes included. Uses the committed model (models/ner.kmodel, or $KRONIEK_MODELS) and the
// CoNLL-2002 dev text from ../shared when present, else a built-in Dutch paragraph.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "kroniek/io.h"
#include "kroniek/pipeline.h"
#include "ner/ner.h"

namespace {

using kroniek::Doc;

struct NerFixture {
  std::shared_ptr<const kroniek::ner::Recognizer> rec;
  std::vector<Doc> docs;
  size_t tokens = 0;
  std::string error;
};

const NerFixture& GetNer() {
  static NerFixture f = [] {
    NerFixture f;
    std::string dir = kroniek::FindModelsDir("");
    auto r = kroniek::ner::Recognizer::Load(dir + "/ner.kmodel");
    if (!r.ok()) {
      f.error = "NER model not found in '" + dir + "'";
      return f;
    }
    f.rec = r.value();
    std::string shared = std::string(KRONIEK_SOURCE_DIR) + "/../shared";
    if (const char* e = std::getenv("KRONIEK_SHARED")) shared = e;
    std::string path = shared + "/data/conll2002-nl/dev.txt";
    kroniek::ReadOptions ro;
    ro.format = kroniek::InputFormat::kConll2002;
    std::error_code ec;
    if (std::filesystem::exists(path, ec)) {
      (void)kroniek::ReadInputs({path}, ro, [&](kroniek::ReadItem&& item) {
        if (item.doc.ok()) f.docs.push_back(std::move(item.doc).value());
        return true;
      });
    }
    if (f.docs.empty()) {
      std::string one =
          "-DOCSTART- -DOCSTART- O\nMinister X O\nJanssens X O\nsprak X O\nin X O\nGent X O\n"
          "met X O\nde X O\nVlaamse X O\nregering X O\nover X O\nde X O\nnieuwe X O\nbrug X O\n"
          ". X O\n\nVolgens X O\nde X O\nNAVO X O\nblijft X O\nRusland X O\neen X O\n"
          "gevaar X O\n. X O\n\n";
      std::string many;
      for (int i = 0; i < 300; ++i) many += one;
      (void)kroniek::ReadBuffer(many, "bench.conll2002", kroniek::InputFormat::kConll2002, ro,
                                [&](kroniek::ReadItem&& item) {
                                  if (item.doc.ok()) f.docs.push_back(std::move(item.doc).value());
                                  return true;
                                });
    }
    for (Doc& d : f.docs) {
      f.tokens += d.tokens.size();
      d.Clear(kroniek::Layer::kMentions);
    }
    return f;
  }();
  return f;
}

void BM_Ner(benchmark::State& state) {
  const NerFixture& f = GetNer();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<Doc> docs = f.docs;
  for (auto _ : state) {
    for (Doc& d : docs) f.rec->Recognize(d);
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(f.tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_Ner)->Unit(benchmark::kMillisecond);

void BM_NerFirstPassOnly(benchmark::State& state) {
  const NerFixture& f = GetNer();
  if (!f.error.empty()) {
    state.SkipWithError(f.error.c_str());
    return;
  }
  std::vector<Doc> docs = f.docs;
  for (auto _ : state) {
    for (Doc& d : docs) f.rec->RecognizeFirstPass(d);
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(f.tokens) * static_cast<double>(state.iterations()),
                         benchmark::Counter::kIsRate);
}
BENCHMARK(BM_NerFirstPassOnly)->Unit(benchmark::kMillisecond);

void BM_LoadNerModel(benchmark::State& state) {
  std::string dir = kroniek::FindModelsDir("");
  for (auto _ : state) {
    auto r = kroniek::ner::Recognizer::Load(dir + "/ner.kmodel");
    if (!r.ok()) {
      state.SkipWithError("NER model not found");
      return;
    }
    benchmark::DoNotOptimize(r);
  }
}
BENCHMARK(BM_LoadNerModel)->Unit(benchmark::kMillisecond);

}  // namespace
