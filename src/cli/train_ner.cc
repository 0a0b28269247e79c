// kroniek train ner: the named-entity recognizer from CoNLL-2002 data, with optional name lists
// and word clusters compiled into the model; kroniek train clusters: word clusters from raw text.
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/train.h"
#include "kroniek/io.h"
#include "learn/model_file.h"
#include "ner/clusters.h"
#include "ner/gazetteer.h"
#include "ner/ner.h"

namespace kroniek::cli {
namespace {

struct TrainNerArgs {
  TrainCommon common;
  std::string gazetteers;  // Alpino's PER/ORG/LOC/MISC.txt
  std::string name_lists;  // Frog's *.ner lists
  std::string clusters;
  int folds = 4;
  int mix = 3;
  double gaz_dropout = 0.9;
};

bool ReadBytes(const std::string& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return false;
  std::ostringstream ss;
  ss << in.rdbuf();
  *out = std::move(ss).str();
  return !in.bad();
}

bool ReadConll(const std::string& cmd, const std::string& path, std::vector<Doc>* docs) {
  ReadOptions ro;
  ro.format = InputFormat::kConll2002;
  ro.max_doc_bytes = size_t{1} << 34;
  size_t skipped = 0;
  Status st = ReadInputs({path}, ro, [&](ReadItem&& item) {
    if (!item.doc.ok()) {
      PrintWarning(cmd, item.doc.status().ToString());
      ++skipped;
      return true;
    }
    docs->push_back(std::move(item.doc).value());
    return true;
  });
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return false;
  }
  if (docs->empty()) {
    PrintError(cmd, path + ": no documents [E206]");
    return false;
  }
  return true;
}

void AddDigest(learn::Provenance* prov, const std::string& what, const std::string& path) {
  auto d = learn::FileDigest(path);
  prov->data.emplace_back(what + ":" + path, d.ok() ? d.value() : "?");
}

int RunTrainNer(const TrainNerArgs& a) {
  const std::string cmd = "train ner";
  auto t0 = std::chrono::steady_clock::now();
  auto say = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  learn::ModelWriter w(ner::kNerStage, ner::kNerFeatureSet);
  learn::Provenance& prov = w.provenance();
  prov.command = CommandLine();
  prov.created = learn::UtcNow();
  prov.seed = a.common.seed;
  std::vector<Doc> train, dev;
  for (const std::string& p : a.common.train) {
    if (!ReadConll(cmd, p, &train)) return kExitFailed;
    AddDigest(&prov, "train", p);
  }
  for (const std::string& p : a.common.dev) {
    if (!ReadConll(cmd, p, &dev)) return kExitFailed;
    AddDigest(&prov, "dev", p);
  }
  say(std::to_string(train.size()) + " training documents, " + std::to_string(dev.size()) +
      " dev documents");
  ner::NerTrainOptions o;
  o.epochs = a.common.epochs;
  o.seed = a.common.seed;
  o.folds = a.folds;
  o.mix = a.mix;
  o.gaz_dropout = a.gaz_dropout;
  o.progress = say;
  namespace fs = std::filesystem;
  if (!a.gazetteers.empty()) {
    // Alpino's lists: categories 0-3, the ones gazetteer dropout applies to.
    for (const char* t : {"PER", "ORG", "LOC", "MISC"}) {
      std::string path = a.gazetteers + "/" + t + ".txt", text;
      if (!ReadBytes(path, &text)) {
        PrintError(cmd, path + ": cannot read the name list [E108]");
        return kExitFailed;
      }
      uint32_t c = o.gazetteer.AddCategory(std::string("alpino.") + t);
      size_t n = o.gazetteer.AddList(c, text);
      say(path + ": " + std::to_string(n) + " names");
      AddDigest(&prov, "gazetteer", path);
    }
  }
  o.dropout_categories = 0xf;
  if (!a.name_lists.empty()) {
    // Frog's lists: first names, family names, places (not derived from CoNLL-2002).
    const std::vector<std::pair<std::string, std::vector<std::string>>> groups = {
        {"frog.first", {"voornamen.ner"}},
        {"frog.family", {"familienamen.ner"}},
        {"frog.place",
         {"geonames-be.ner", "geonames-nl.ner", "plaatsen-nld.ner", "gemeenten-nld.ner",
          "provincies-nld.ner", "regios-nld.ner", "landen-europa.ner"}},
    };
    for (const auto& [name, files] : groups) {
      uint32_t c = o.gazetteer.AddCategory(name);
      for (const std::string& f : files) {
        std::string path = a.name_lists + "/" + f, text;
        if (!ReadBytes(path, &text)) {
          PrintError(cmd, path + ": cannot read the name list [E108]");
          return kExitFailed;
        }
        size_t n = o.gazetteer.AddList(c, text);
        say(path + ": " + std::to_string(n) + " names");
        AddDigest(&prov, "names", path);
      }
    }
  }
  if (!a.clusters.empty()) {
    std::string tsv;
    if (!ReadBytes(a.clusters, &tsv)) {
      PrintError(cmd, a.clusters + ": cannot read the clusters [E108]");
      return kExitFailed;
    }
    auto wc = ner::WordClusters::FromTsv(tsv);
    if (!wc.ok()) {
      PrintError(cmd, a.clusters + ": " + wc.status().ToString());
      return kExitFailed;
    }
    o.clusters = std::move(wc).value();
    say(a.clusters + ": " + std::to_string(o.clusters.size()) + " words in " +
        std::to_string(o.clusters.levels()) + " cluster levels");
    AddDigest(&prov, "clusters", a.clusters);
  }
  ner::NerScores scores;
  auto rec = ner::TrainRecognizer(train, dev, o, dev.empty() ? nullptr : &scores);
  if (!rec.ok()) {
    PrintError(cmd, rec.status().ToString());
    return kExitFailed;
  }
  if (!dev.empty()) {
    prov.scores.emplace_back("dev.P", scores.overall.P());
    prov.scores.emplace_back("dev.R", scores.overall.R());
    prov.scores.emplace_back("dev.F1", scores.overall.F1());
    for (const auto& [t, p] : scores.per_type) prov.scores.emplace_back("dev.F1." + t, p.F1());
    std::fputs(ner::FormatNerScores(scores).c_str(), stderr);
  }
  prov.notes.emplace_back("passes", rec.value()->two_pass() ? "2" : "1");
  prov.notes.emplace_back("folds", std::to_string(a.folds));
  prov.notes.emplace_back("mix", std::to_string(a.mix));
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.2f", a.gaz_dropout);
  prov.notes.emplace_back("gazetteer_dropout", buf);
  rec.value()->Save(&w);
  Status st = w.WriteFile(a.common.output);
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  say("wrote " + a.common.output);
  return kExitOk;
}

struct TrainClustersArgs {
  std::vector<std::string> raw;
  std::vector<std::string> conll;
  std::string output;
  std::vector<uint32_t> levels = {1024, 256, 64};
  uint32_t min_count = 3;
  int iterations = 10;
};

int RunTrainClusters(const TrainClustersArgs& a) {
  const std::string cmd = "train clusters";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<std::string> texts;
  for (const std::string& p : a.raw) {
    std::string t;
    if (!ReadBytes(p, &t)) {
      PrintError(cmd, p + ": cannot read [E108]");
      return kExitFailed;
    }
    texts.push_back(std::move(t));
  }
  for (const std::string& p : a.conll) {
    std::vector<Doc> docs;
    if (!ReadConll(cmd, p, &docs)) return kExitFailed;
    std::string t;
    for (const Doc& d : docs) {
      for (const Sentence& s : d.sentences) {
        for (uint32_t i = s.token_begin; i < s.token_end; ++i) {
          if (i > s.token_begin) t.push_back(' ');
          t.append(d.TokenText(i));
        }
        t.push_back('\n');
      }
    }
    texts.push_back(std::move(t));
  }
  ner::ClusterOptions o;
  o.levels = a.levels;
  o.min_count = a.min_count;
  o.iterations = a.iterations;
  o.progress = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  auto tsv = ner::ClusterWords(texts, o);
  if (!tsv.ok()) {
    PrintError(cmd, tsv.status().ToString());
    return kExitFailed;
  }
  std::ofstream out(a.output, std::ios::binary);
  out << tsv.value();
  out.close();
  if (!out) {
    PrintError(cmd, a.output + ": cannot write [E502]");
    return kExitFailed;
  }
  return kExitOk;
}

}  // namespace

void RegisterTrainNer(CLI::App& train, int* exit_code) {
  {
    auto a = std::make_shared<TrainNerArgs>();
    a->common.epochs = 10;
    CLI::App* cmd =
        train.add_subcommand("ner", "Train the named-entity recognizer (CoNLL-2002 data)");
    cmd->add_option("--train", a->common.train, "Training data (CoNLL-2002); repeat for several")
        ->required();
    cmd->add_option("--dev", a->common.dev, "Development data (CoNLL-2002) choosing the epochs");
    cmd->add_option("-o,--output", a->common.output, "Model file to write")->required();
    cmd->add_option("--seed", a->common.seed, "Random seed")->capture_default_str();
    cmd->add_option("--epochs", a->common.epochs, "Training epochs per pass (at most)")
        ->capture_default_str();
    cmd->add_option("--gazetteers", a->gazetteers,
                    "Directory with Alpino's name lists PER.txt, ORG.txt, LOC.txt, MISC.txt");
    cmd->add_option("--name-lists", a->name_lists,
                    "Directory with Frog's name lists (voornamen.ner, familienamen.ner, "
                    "geonames-*.ner, ...; /usr/share/frog/nld from the frogdata package)");
    cmd->add_option("--clusters", a->clusters, "Word clusters from `kroniek train clusters`");
    cmd->add_option("--folds", a->folds,
                    "Cross-fitting folds for the document-level second pass (0: one pass)")
        ->capture_default_str();
    cmd->add_option("--mix", a->mix,
                    "Models per pass trained on different shuffles and averaged")
        ->capture_default_str();
    cmd->add_option("--gazetteer-dropout", a->gaz_dropout,
                    "Chance to hide an Alpino list hit on a training name found in one document "
                    "only")
        ->capture_default_str();
    cmd->callback([a, exit_code] { *exit_code = RunTrainNer(*a); });
  }
  {
    auto a = std::make_shared<TrainClustersArgs>();
    CLI::App* cmd = train.add_subcommand(
        "clusters", "Cluster words of raw text (exchange algorithm) for the NER features");
    cmd->add_option("--raw", a->raw, "Raw text, one tokenised sentence per line; repeat");
    cmd->add_option("--conll2002", a->conll, "Also the words of a CoNLL-2002 file; repeat");
    cmd->add_option("-o,--output", a->output, "TSV file to write")->required();
    cmd->add_option("--levels", a->levels, "Classes per level, finest first")
        ->capture_default_str();
    cmd->add_option("--min-count", a->min_count, "Rarer words get no cluster")
        ->capture_default_str();
    cmd->add_option("--iterations", a->iterations, "Exchange passes per level")
        ->capture_default_str();
    cmd->callback([a, exit_code] { *exit_code = RunTrainClusters(*a); });
  }
}

}  // namespace kroniek::cli
