// Readers and writers: bytes per second of the formats kroniek reads and writes in batch.
//
//   build/kroniek_bench --benchmark_filter='Read|Write'
#include <benchmark/benchmark.h>

#include <string>

#include "kroniek/io.h"

namespace kroniek {
namespace {

// A Dutch-looking sentence of about 120 bytes, with a non-ASCII letter.
const char kSentence[] =
    "De ministers van Defensie praten in Brussel over de luchtverdediging van Oekraïne en over "
    "de munitievoorraden. ";

std::string Article(int sentences) {
  std::string s;
  for (int i = 0; i < sentences; ++i) s += kSentence;
  return s;
}

void BM_ReadJsonl(benchmark::State& state) {
  std::string batch;
  for (int i = 0; i < 1000; ++i) {
    batch += "{\"id\":\"a" + std::to_string(i) +
             "\",\"date\":\"2022-03-24\",\"title\":\"De top\","
             "\"section\":\"buitenland\",\"text\":\"" +
             Article(20) + "\"}\n";
  }
  size_t docs = 0;
  for (auto _ : state) {
    Status st = ReadBuffer(batch, "bench.jsonl", InputFormat::kJsonl, {}, [&](ReadItem&& item) {
      docs += item.doc.ok();
      return true;
    });
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * batch.size()));
  state.counters["docs/s"] =
      benchmark::Counter(static_cast<double>(docs), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_ReadJsonl);

void BM_ReadText(benchmark::State& state) {
  std::string text = " date 2022-03 " + Article(40);
  for (auto _ : state) {
    Status st = ReadBuffer(text, "bench.txt", InputFormat::kText, {}, [](ReadItem&& item) {
      benchmark::DoNotOptimize(item);
      return true;
    });
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}
BENCHMARK(BM_ReadText);

void BM_ReadConll2002(benchmark::State& state) {
  std::string data;
  for (int d = 0; d < 50; ++d) {
    data += "-DOCSTART- -DOCSTART- O\n";
    for (int s = 0; s < 20; ++s) {
      data += "Jan N B-PER\nPeeters N I-PER\nwoont V O\nin Prep O\nGent N B-LOC\n. Punc O\n\n";
    }
  }
  for (auto _ : state) {
    Status st = ReadBuffer(data, "bench.conll", InputFormat::kConll2002, {}, [](ReadItem&& item) {
      benchmark::DoNotOptimize(item);
      return true;
    });
    benchmark::DoNotOptimize(st);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * data.size()));
}
BENCHMARK(BM_ReadConll2002);

// A tokenised article (one token per word, one sentence per kSentence).
Doc Tokenised() {
  Doc d;
  d.id = "bench";
  d.text = Article(40);
  size_t i = 0;
  while (i < d.text.size()) {
    size_t b = i;
    while (i < d.text.size() && d.text[i] != ' ') ++i;
    if (i > b) d.tokens.push_back(Span{static_cast<uint32_t>(b), static_cast<uint32_t>(i)});
    d.space_after.push_back(1);
    while (i < d.text.size() && d.text[i] == ' ') ++i;
  }
  d.space_after.resize(d.tokens.size());
  for (uint32_t t = 0; t < d.tokens.size(); t += 16) {
    d.sentences.push_back(
        Sentence{t, std::min<uint32_t>(t + 16, static_cast<uint32_t>(d.tokens.size())), 0, ""});
  }
  d.Set(Layer::kTokens);
  d.Set(Layer::kSentences);
  return d;
}

void BM_Write(benchmark::State& state, OutputFormat format) {
  Doc d = Tokenised();
  std::string out;
  for (auto _ : state) {
    out.clear();
    WriteDoc(d, format, {}, &out);
    benchmark::DoNotOptimize(out);
  }
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * out.size()));
  state.counters["tokens/s"] = benchmark::Counter(
      static_cast<double>(state.iterations() * d.tokens.size()), benchmark::Counter::kIsRate);
}
BENCHMARK_CAPTURE(BM_Write, Json, OutputFormat::kJsonl);
BENCHMARK_CAPTURE(BM_Write, Conllu, OutputFormat::kConllu);
BENCHMARK_CAPTURE(BM_Write, Conll2002, OutputFormat::kConll2002);
BENCHMARK_CAPTURE(BM_Write, Text, OutputFormat::kText);

}  // namespace
}  // namespace kroniek
