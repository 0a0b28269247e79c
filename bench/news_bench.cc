// Cost of the news layers (entities, quotes, times) against the whole default pipeline.
//
//   build/kroniek_bench --benchmark_filter=News
//
// BM_NewsPipeline runs the whole default pipeline (tokenizer, tagger, lemmatizer, NER, entity
// linker, quotes, times, and the parser once it is in the pipeline) on a news article written
// for this benchmark; BM_NewsLayers runs only the news stages (entities, quotes, times) on the
// same article analysed up to them. BM_NewsStageShare runs the pipeline stage by stage and
// reports each stage's share of the time in its counters; "news_share" is the share of the news
// stages, which the issue wants at most 0.20, and "events" the share of the PLOVER events stage
// (issue 7 wants at most 0.10). BM_EventsLayer runs only the events stage on the article
// analysed by every stage before it. Needs the models in models/.
#include <benchmark/benchmark.h>

#include <chrono>
#include <map>
#include <string>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"

namespace kroniek {
namespace {

constexpr const char* kArticle =
    "Kabinet en oppositie botsen over nieuwe stikstofregels\n\n"
    "DEN HAAG - Het kabinet wil de uitstoot van stikstof sneller terugdringen dan eerder werd "
    "afgesproken. Minister van Landbouw Karin Veldhuis maakte dinsdagmiddag bekend dat boeren in "
    "de buurt van natuurgebieden vanaf volgend jaar extra steun krijgen als ze hun bedrijf "
    "verplaatsen. \"We kunnen niet langer wachten\", zei Veldhuis na afloop van de ministerraad. "
    "\"Elk jaar uitstel maakt het probleem groter.\"\n\n"
    "Premier Rutte sloot zich daarbij aan. Volgens de premier is het plan \"eerlijk en "
    "uitvoerbaar\". Hij verwacht dat de Tweede Kamer er voor de zomer over stemt. De VVD en het "
    "CDA steunen het voorstel, maar de PVV en de BBB zijn fel tegen. BBB-leider Caroline van der "
    "Plas noemde het plan \"een klap in het gezicht van het platteland\". Zij wil dat de minister "
    "eerst met de provincies praat.\n\n"
    "Ook in Brussel wordt het plan gevolgd. De Europese Commissie laat weten dat Nederland zich "
    "aan de afspraken over natuurbescherming moet houden. Een woordvoerder van de Commissie zei "
    "woensdag dat de lidstaten tot eind 2025 de tijd hebben.\n\n"
    "'Zorgen in de regio'\n\n"
    "In Gelderland en Overijssel is de onrust groot. \"Mensen weten niet waar ze aan toe zijn\", "
    "zegt gedeputeerde Peter Smeets. \"Sommige gezinnen boeren hier al vier generaties.\" De "
    "provincie organiseert de komende weken bijeenkomsten voor boeren. De eerste is op 14 "
    "maart in Apeldoorn, rond 19.30 uur.\n\n"
    "Landbouworganisatie LTO reageerde gematigd. Voorzitter Sjaak van der Tak zegt de richting "
    "te begrijpen, maar hij mist een duidelijke planning. \"Boeren willen best meewerken\", aldus "
    "Van der Tak. \"Maar dan moet de overheid ook haar beloftes nakomen.\"\n\n";

std::vector<Doc> Articles(int n) {
  std::vector<Doc> docs(n);
  for (int i = 0; i < n; ++i) {
    docs[i].id = "bench-" + std::to_string(i);
    docs[i].text = kArticle;
    docs[i].meta.date = "2023-03-07";
  }
  return docs;
}

bool IsNewsStage(const std::string& name) {
  return name == "entities" || name == "quotes" || name == "times";
}

const Pipeline* Shared(benchmark::State& state) {
  static Result<Pipeline>* p = new Result<Pipeline>(Pipeline::Default(PipelineOptions()));
  if (!p->ok()) {
    state.SkipWithError(p->status().ToString().c_str());
    return nullptr;
  }
  return &p->value();
}

size_t CountTokens(const Pipeline& pipeline) {
  std::vector<Doc> docs = Articles(1);
  (void)pipeline.Process(docs[0]);
  return docs[0].tokens.size();
}

void BM_NewsPipeline(benchmark::State& state) {
  const Pipeline* p = Shared(state);
  if (!p) return;
  const size_t tokens = CountTokens(*p);
  for (auto _ : state) {
    std::vector<Doc> docs = Articles(1);
    benchmark::DoNotOptimize(p->Process(docs[0]).ok());
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * tokens));
  state.counters["tokens"] = static_cast<double>(tokens);
}
BENCHMARK(BM_NewsPipeline)->Unit(benchmark::kMillisecond);

void BM_NewsLayers(benchmark::State& state) {
  const Pipeline* p = Shared(state);
  if (!p) return;
  // The article analysed by every stage before the news stages.
  Doc before = Articles(1)[0];
  for (const auto& s : p->stages()) {
    if (IsNewsStage(s->Name())) continue;
    (void)s->Process(before);
    for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
      if (s->Writes().Has(static_cast<Layer>(l))) before.Set(static_cast<Layer>(l));
    }
  }
  for (auto _ : state) {
    state.PauseTiming();
    Doc doc = before;
    state.ResumeTiming();
    for (const auto& s : p->stages()) {
      if (!IsNewsStage(s->Name())) continue;
      benchmark::DoNotOptimize(s->Process(doc).ok());
      for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
        if (s->Writes().Has(static_cast<Layer>(l))) doc.Set(static_cast<Layer>(l));
      }
    }
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * before.tokens.size()));
}
BENCHMARK(BM_NewsLayers)->Unit(benchmark::kMicrosecond);

void BM_NewsStageShare(benchmark::State& state) {
  const Pipeline* p = Shared(state);
  if (!p) return;
  std::map<std::string, double> seconds;
  double total = 0;
  for (auto _ : state) {
    Doc doc = Articles(1)[0];
    for (const auto& s : p->stages()) {
      auto t0 = std::chrono::steady_clock::now();
      benchmark::DoNotOptimize(s->Process(doc).ok());
      double dt = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
      for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
        if (s->Writes().Has(static_cast<Layer>(l))) doc.Set(static_cast<Layer>(l));
      }
      seconds[s->Name()] += dt;
      total += dt;
    }
  }
  double news = 0;
  for (const auto& [name, sec] : seconds) {
    state.counters[name] = total > 0 ? sec / total : 0;
    if (IsNewsStage(name)) news += sec;
  }
  state.counters["news_share"] = total > 0 ? news / total : 0;
  state.counters["events_share"] = total > 0 ? seconds["events"] / total : 0;
}
BENCHMARK(BM_NewsStageShare)->Unit(benchmark::kMillisecond);

void BM_EventsLayer(benchmark::State& state) {
  const Pipeline* p = Shared(state);
  if (!p) return;
  Doc before = Articles(1)[0];
  const Stage* events = nullptr;
  for (const auto& s : p->stages()) {
    if (s->Name() == "events") {
      events = s.get();
      continue;
    }
    (void)s->Process(before);
    for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
      if (s->Writes().Has(static_cast<Layer>(l))) before.Set(static_cast<Layer>(l));
    }
  }
  if (!events) {
    state.SkipWithError("no events stage in the pipeline");
    return;
  }
  size_t found = 0;
  for (auto _ : state) {
    state.PauseTiming();
    Doc doc = before;
    state.ResumeTiming();
    benchmark::DoNotOptimize(events->Process(doc).ok());
    found = doc.events.size();
  }
  state.SetItemsProcessed(static_cast<int64_t>(state.iterations() * before.tokens.size()));
  state.counters["events"] = static_cast<double>(found);
}
BENCHMARK(BM_EventsLayer)->Unit(benchmark::kMicrosecond);

}  // namespace
}  // namespace kroniek
