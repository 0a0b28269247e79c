#include "kroniek/pipeline.h"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <future>

#include "base/errors.h"
#include "events/event_finder.h"
#include "link/linker.h"
#include "ner/ner.h"
#include "parse/parser.h"
#include "quotes/quote_finder.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"
#include "times/time_tagger.h"
#include "tokenize/tokenizer.h"

namespace kroniek {

Result<Pipeline> Pipeline::Create(std::vector<std::unique_ptr<Stage>> stages,
                                  LayerSet input_layers) {
  LayerSet have = input_layers;
  for (const auto& s : stages) {
    LayerSet need = s->Reads();
    for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
      auto layer = static_cast<Layer>(l);
      if (need.Has(layer) && !have.Has(layer)) {
        return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                         "pipeline stage '" + s->Name() + "' needs the " + LayerName(layer) +
                             " layer, which no earlier stage writes");
      }
    }
    have = have.Union(s->Writes());
  }
  Pipeline p;
  p.stages_ = std::move(stages);
  return p;
}

Status Pipeline::Process(Doc& doc) const {
  for (const auto& s : stages_) {
    Status st = s->Process(doc);
    if (!st.ok()) {
      LayerSet w = s->Writes();
      for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
        if (w.Has(static_cast<Layer>(l))) doc.Clear(static_cast<Layer>(l));
      }
      return st.WithContext(s->Name());
    }
    for (uint32_t l = 0; l < static_cast<uint32_t>(Layer::kCount); ++l) {
      if (s->Writes().Has(static_cast<Layer>(l))) doc.Set(static_cast<Layer>(l));
    }
  }
  return Status();
}

std::vector<std::string> Pipeline::StageNames() const {
  std::vector<std::string> names;
  for (const auto& s : stages_) names.push_back(s->Name());
  return names;
}

std::string FindModelsDir(const std::string& requested) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!requested.empty()) return requested;
  if (const char* env = std::getenv("KRONIEK_MODELS"); env && *env) return env;
  std::vector<fs::path> candidates;
  char buf[4096];
  ssize_t n = readlink("/proc/self/exe", buf, sizeof buf - 1);
  if (n > 0) {
    fs::path exe_dir = fs::path(std::string(buf, static_cast<size_t>(n))).parent_path();
    candidates.push_back(exe_dir / "../share/kroniek/models");
    candidates.push_back(exe_dir / "../models");
  }
#ifdef KRONIEK_SOURCE_DIR
  candidates.push_back(fs::path(KRONIEK_SOURCE_DIR) / "models");
#endif
  for (const auto& c : candidates) {
    if (fs::is_directory(c, ec)) return fs::weakly_canonical(c, ec).string();
  }
  return "";
}

Result<Pipeline> Pipeline::Default(const PipelineOptions& options,
                                   std::vector<std::string>* warnings) {
  std::vector<std::unique_ptr<Stage>> stages;
  LayerSet input;
  if (options.pretokenized) {
    input = {Layer::kTokens, Layer::kSentences};
  } else {
    TokenizerOptions to;
    to.sentence_model = options.sentence_model;
    auto tok = Tokenizer::Create(to);
    if (!tok.ok()) return tok.status();
    stages.push_back(MakeTokenizerStage(std::move(tok).value()));
  }
  // The tagger (UPOS, XPOS, UFeats) and the lemmatizer, each when its model is found.
  const std::string dir = FindModelsDir(options.models_dir);
  // Loading the models is most of a short run's time (`kroniek analyze` on one line), and
  // the loads are independent, so they run on their own threads while the stages are put
  // together in order below. A stage after `last_stage` is not loaded at all.
  static constexpr const char* kOrder[] = {"tokenizer", "tagger",   "lemmatizer", "parser",
                                           "ner",       "entities", "quotes"};
  auto wanted = [&](std::string_view stage) {
    if (options.last_stage.empty()) return true;
    for (const char* s : kOrder) {
      if (stage == s) return true;
      if (options.last_stage == s) return false;  // `stage` comes after the last stage
    }
    return true;
  };
  auto later = [&](bool load, auto fn) {
    using R = decltype(fn());
    if (!load) return std::future<R>();
    return std::async(std::launch::async, std::move(fn));
  };
  auto tagger_f =
      later(wanted("tagger"), [&] { return tag::Tagger::Load(dir + "/tagger.kmodel"); });
  auto lem_f = later(wanted("lemmatizer"),
                     [&] { return tag::Lemmatizer::Load(dir + "/lemmatizer.kmodel"); });
  auto parser_f =
      later(wanted("parser"), [&] { return parse::Parser::Load(dir + "/parser.kmodel"); });
  auto ner_f = later(wanted("ner"), [&] { return ner::Recognizer::Load(dir + "/ner.kmodel"); });
  auto linker_f = later(wanted("entities"), [] { return link::Linker::Create(); });
  auto warn = [&](const std::string& w) {
    if (warnings) warnings->push_back(w);
  };
  bool stop = options.last_stage == "tokenizer";
  bool tagged = false;
  if (!stop) {
    auto tagger = tagger_f.get();
    if (tagger.ok()) {
      stages.push_back(tag::MakeTaggerStage(std::move(tagger).value()));
      tagged = true;
    } else {
      warn("tagger skipped: " + tagger.status().ToString());
    }
    stop = options.last_stage == "tagger";
  }
  if (!stop && tagged) {
    auto lem = lem_f.get();
    if (lem.ok()) {
      stages.push_back(tag::MakeLemmatizerStage(std::move(lem).value()));
    } else {
      warn("lemmatizer skipped: " + lem.status().ToString());
    }
    stop = options.last_stage == "lemmatizer";
  }
  // The dependency parser reads the tagger's UPOS and XPOS.
  if (!stop && tagged) {
    auto parser = parser_f.get();
    if (parser.ok()) {
      stages.push_back(parse::MakeParserStage(std::move(parser).value()));
    } else {
      warn("parser skipped: " + parser.status().ToString());
    }
    stop = options.last_stage == "parser";
  }
  stop = stop || options.last_stage == "lemmatizer";
  // Named entities (reads only tokens and sentences).
  bool named = false;
  if (!stop) {
    auto rec = ner_f.get();
    if (rec.ok()) {
      stages.push_back(ner::MakeNerStage(std::move(rec).value()));
      named = true;
    } else {
      warn("ner skipped: " + rec.status().ToString());
    }
    stop = options.last_stage == "ner";
  }
  // Entities linked to the knowledge base (needs the NER's names).
  if (!stop && named) {
    auto linker = linker_f.get();
    if (!linker.ok()) return linker.status();
    stages.push_back(link::MakeLinkerStage(std::move(linker).value()));
    stop = options.last_stage == "entities";
  }
  // Quotes (speakers need the entities; without them every speaker is unknown).
  if (!stop) {
    auto finder = quotes::QuoteFinder::Create();
    if (!finder.ok()) return finder.status();
    stages.push_back(quotes::MakeQuoteStage(std::move(finder).value()));
    stop = options.last_stage == "quotes";
  }
  // Time expressions need only tokens and sentences.
  auto times = TimeTagger::Create();
  if (!times.ok()) return times.status();
  stages.push_back(MakeTimeTaggerStage(std::move(times).value()));
  stop = stop || options.last_stage == "times";
  // PLOVER events (need the parse; they use entities, quotes and times when present).
  if (!stop) {
    auto finder = events::EventFinder::Create();
    if (!finder.ok()) return finder.status();
    stages.push_back(events::MakeEventStage(std::move(finder).value()));
  }
  return Create(std::move(stages), input);
}

}  // namespace kroniek
