// Speed of the tokenizer and sentence splitter on one thread, in tokens per second.
//
//   build/kroniek_bench --benchmark_filter=Tokenizer
//
// BM_TokenizerNews tokenises about 4 MB of Dutch news text built from the sentences below
// (written for this benchmark), shuffled and grouped into paragraphs; BM_TokenizerUdDev does
// the same with the raw text of the UD Dutch dev files when ../shared is present. The *RulesOnly
// variants leave out the sentence boundary model (src/tokenize/sentence_model.h).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "eval/tokenize_eval.h"
#include "kroniek/io.h"
#include "tokenize/tokenizer.h"

namespace kroniek {
namespace {

const char* const kSentences[] = {
    "DEN HAAG - Het kabinet wil dat gemeenten vanaf 1 januari 2023 meer geld krijgen voor de "
    "opvang van asielzoekers.",
    ",,We hebben geen keus'', zei minister De Jonge dinsdag na afloop van de ministerraad.",
    "Volgens het CBS steeg de inflatie in maart naar 11,9 procent, het hoogste niveau sinds "
    "1975.",
    "De NAVO-landen spraken o.a. over de levering van wapens aan Oekraïne.",
    "Prof. dr. J.P. van der Meer (62) leidt sinds 2019 het onderzoek naar de gevolgen van de "
    "gaswinning.",
    "Een liter benzine kost nu gemiddeld € 2,15; vorig jaar was dat nog € 1,78.",
    "'s Avonds om 16.30 uur verzamelden zich ruim 1.000 demonstranten op het Malieveld.",
    "Het OM eist tegen de 34-jarige verdachte uit 's-Hertogenbosch een celstraf van 3 jaar.",
    "\"Dit is een historische dag\", zegt burgemeester Halsema in een verklaring op "
    "www.amsterdam.nl.",
    "De wedstrijd eindigde in 2-1, na een doelpunt in de 88e minuut van invaller Bergwijn.",
    "Wie vragen heeft, kan mailen naar redactie@voorbeeldkrant.nl of bellen met 020-1234567.",
    "Zo'n 40 procent van de auto's in de binnenstad rijdt inmiddels elektrisch, d.w.z. zonder "
    "uitstoot.",
    "Het rapport (128 pagina's) verschijnt op 24-03-2022 en is m.b.t. de stikstof vernietigend.",
    "Waarom duurde het zo lang? Dat is de vraag die iedereen bezighoudt...",
    "„Het vertrouwen is weg,” aldus Kamerlid Omtzigt tijdens het debat over de toeslagenaffaire.",
    "De beurs in Tokio sloot 1,3% lager; de AEX won daarentegen 0,4 procent tot 712,35 punten.",
    "Op #Prinsjesdag deelde @MinFin de Miljoenennota al vroeg met zijn volgers.",
    "SCHIPHOL (ANP) - Door een storing in het bagagesysteem zijn zaterdag tientallen vluchten "
    "vertraagd.",
    "Hij kwam om 8 u. aan, maar m'n collega's waren er toen al lang.",
    "De Tweede Kamer stemde met 76 tegen 74 stemmen in met het wetsvoorstel.",
};

std::string NewsText(size_t target_bytes) {
  std::mt19937 rng(12345);
  const size_t n = sizeof(kSentences) / sizeof(kSentences[0]);
  std::uniform_int_distribution<size_t> pick(0, n - 1);
  std::uniform_int_distribution<int> par_len(2, 6);
  std::string text;
  text.reserve(target_bytes + 1024);
  text += "Kabinet trekt extra geld uit voor opvang\n\n";
  while (text.size() < target_bytes) {
    int k = par_len(rng);
    for (int i = 0; i < k; ++i) {
      if (i > 0) text += ' ';
      text += kSentences[pick(rng)];
    }
    text += "\n\n";
  }
  return text;
}

// With the compiled-in sentence model, or with the rules only (the default) when `rules_only`.
void RunTokenizer(benchmark::State& state, const std::string& text, bool rules_only = false) {
  TokenizerOptions options;
  options.sentence_model = rules_only ? "none" : "builtin";
  auto tokenizer = Tokenizer::Create(options);
  if (!tokenizer.ok()) {
    state.SkipWithError(tokenizer.status().ToString().c_str());
    return;
  }
  Doc doc;
  doc.text = text;
  size_t tokens = 0;
  for (auto _ : state) {
    (*tokenizer)->Tokenize(doc);
    tokens += doc.tokens.size();
    benchmark::DoNotOptimize(doc.sentences.data());
  }
  state.counters["tokens/s"] =
      benchmark::Counter(static_cast<double>(tokens), benchmark::Counter::kIsRate);
  state.counters["sentences"] = static_cast<double>(doc.sentences.size());
  state.SetBytesProcessed(static_cast<int64_t>(state.iterations() * text.size()));
}

void BM_TokenizerNews(benchmark::State& state) {
  static const std::string text = NewsText(4 << 20);
  RunTokenizer(state, text);
}
BENCHMARK(BM_TokenizerNews)->Unit(benchmark::kMillisecond);

void BM_TokenizerNewsRulesOnly(benchmark::State& state) {
  static const std::string text = NewsText(4 << 20);
  RunTokenizer(state, text, true);
}
BENCHMARK(BM_TokenizerNewsRulesOnly)->Unit(benchmark::kMillisecond);

std::string SharedDir() {
  if (const char* env = std::getenv("KRONIEK_SHARED"); env && *env) return env;
  std::filesystem::path p = std::filesystem::path(KRONIEK_SOURCE_DIR) / ".." / "shared";
  return p.lexically_normal().string();
}

const std::string& UdDevText() {
  static const std::string text = [] {
    std::string all;
    for (const char* f : {"data/ud-nl-alpino/nl_alpino-ud-dev.conllu",
                          "data/ud-nl-lassysmall/nl_lassysmall-ud-dev.conllu"}) {
      std::vector<Doc> docs;
      ReadOptions ro;
      ro.format = InputFormat::kConllu;
      ro.max_doc_bytes = size_t{1} << 30;
      Status st = ReadInputs({SharedDir() + "/" + f}, ro, [&](ReadItem&& item) {
        if (item.doc.ok()) docs.push_back(std::move(item.doc).value());
        return true;
      });
      if (!st.ok() || docs.empty()) return std::string();
      all += JoinedSentenceText(docs);
      all += "\n\n";
    }
    std::string text;
    while (!all.empty() && text.size() < (size_t{4} << 20)) text += all;
    return text;
  }();
  return text;
}

void BM_TokenizerUdDev(benchmark::State& state) {
  if (UdDevText().empty()) {
    state.SkipWithError("needs ../shared (set KRONIEK_SHARED)");
    return;
  }
  RunTokenizer(state, UdDevText());
}
BENCHMARK(BM_TokenizerUdDev)->Unit(benchmark::kMillisecond);

void BM_TokenizerUdDevRulesOnly(benchmark::State& state) {
  if (UdDevText().empty()) {
    state.SkipWithError("needs ../shared (set KRONIEK_SHARED)");
    return;
  }
  RunTokenizer(state, UdDevText(), true);
}
BENCHMARK(BM_TokenizerUdDevRulesOnly)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kroniek
