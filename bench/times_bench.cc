// Speed of the time tagger (tokens per second), on news text.
//
//   build/kroniek_bench --benchmark_filter=Times
//
// BM_TimesOwnText runs on a Dutch news-style text written for this benchmark (dense in time
// expressions); BM_TimesParool on the 2001 Parool news sentences of shared/data/raw-nl (skipped
// without ../shared). Tokenisation is done once, outside the timed loop.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>

#include "kroniek/doc.h"
#include "times/time_tagger.h"
#include "tokenize/tokenizer.h"

namespace kroniek {
namespace {

constexpr const char* kOwnText =
    "Het kabinet neemt vandaag een besluit over de nieuwe maatregelen, zo liet de premier "
    "gisteravond weten. De ministers vergaderden maandag al urenlang, maar kwamen er toen niet "
    "uit. Rond 16.30 uur volgt een persconferentie. Volgens de minister moeten de regels eind "
    "dit jaar ingaan en blijven ze minstens drie maanden van kracht. Vorig jaar werden "
    "vergelijkbare regels na een paar weken weer ingetrokken. De oppositie wil dat de Kamer "
    "volgende week dinsdag debatteert; de coalitie verwacht dat pas begin april. Sinds 2014 "
    "is het aantal klachten elk jaar gestegen, en de afgelopen 2,5 jaar ging het zelfs harder. "
    "Een woordvoerder zei dat de cijfers van het eerste kwartaal op 24 maart 2022 verschijnen. "
    "De burgemeester sprak van een zware winter en hoopt dat het van de zomer rustiger wordt. "
    "Op dit moment werken ruim tweehonderd mensen aan het project, dat in de jaren tachtig "
    "begon en over een week zijn veertigste verjaardag viert. Drie jaar geleden dreigde het "
    "nog stil te vallen. De wekelijkse bijeenkomsten gaan door, om acht uur 's avonds.\n\n";

struct Prepared {
  Doc doc;
  size_t tokens = 0;
};

Prepared Prepare(std::string text) {
  Prepared p;
  p.doc.text = std::move(text);
  p.doc.meta.date = "2022-03-24";
  auto tok = Tokenizer::Create();
  if (tok.ok()) (*tok)->Tokenize(p.doc);
  p.tokens = p.doc.tokens.size();
  return p;
}

void Run(benchmark::State& state, Prepared& p) {
  auto tagger = TimeTagger::Create();
  if (!tagger.ok()) {
    state.SkipWithError("the time lexicon does not load");
    return;
  }
  size_t found = 0;
  for (auto _ : state) {
    (*tagger)->Tag(p.doc);
    found = p.doc.times.size();
    benchmark::DoNotOptimize(p.doc.times.data());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * p.tokens));
  state.counters["tokens"] = static_cast<double>(p.tokens);
  state.counters["times"] = static_cast<double>(found);
}

void BM_TimesOwnText(benchmark::State& state) {
  std::string text;
  for (int i = 0; i < 50; ++i) text += kOwnText;
  Prepared p = Prepare(std::move(text));
  Run(state, p);
}
BENCHMARK(BM_TimesOwnText)->Unit(benchmark::kMicrosecond);

void BM_TimesParool(benchmark::State& state) {
  std::filesystem::path path = std::filesystem::path(KRONIEK_SOURCE_DIR) /
                               "../shared/data/raw-nl/news-parool2001-alpino.txt";
  if (const char* env = std::getenv("KRONIEK_SHARED"); env && *env) {
    path = std::filesystem::path(env) / "data/raw-nl/news-parool2001-alpino.txt";
  }
  std::ifstream in(path, std::ios::binary);
  if (!in) {
    state.SkipWithError("needs ../shared/data/raw-nl (set KRONIEK_SHARED)");
    return;
  }
  std::ostringstream ss;
  ss << in.rdbuf();
  Prepared p = Prepare(ss.str());
  Run(state, p);
}
BENCHMARK(BM_TimesParool)->Unit(benchmark::kMillisecond);

}  // namespace
}  // namespace kroniek
