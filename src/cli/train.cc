// kroniek train <stage>: train a model from annotated data and write a .kmodel file.
//
// Each trainable stage registers one sub-subcommand here (tagger, lemmatizer; later parser and
// ner). They share the options of TrainCommon: training files, dev files, output, seed, epochs;
// and the provenance every model records (the command line, the digests of the data files, the
// seed and the dev scores). `train sentences` (train_sentences.cc) has options of its own.
#include "cli/train.h"

#include <chrono>
#include <cstdio>
#include <fstream>
#include <sstream>

#include "learn/model_file.h"
#include "tag/corpus.h"
#include "tag/lemmatizer.h"
#include "tag/tagger.h"

namespace kroniek::cli {

std::string CommandLine() {
  std::ifstream in("/proc/self/cmdline", std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  std::string raw = ss.str();
  std::string out;
  size_t start = 0;
  bool first = true;
  while (start < raw.size()) {
    size_t end = raw.find('\0', start);
    if (end == std::string::npos) end = raw.size();
    std::string arg = raw.substr(start, end - start);
    if (first) {
      arg = "kroniek";
      first = false;
    } else {
      out.push_back(' ');
    }
    bool quote = arg.empty() || arg.find_first_of(" \t'\"$") != std::string::npos;
    out += quote ? "'" + arg + "'" : arg;
    start = end + 1;
  }
  return out;
}

bool LoadTrainData(const std::string& command, const TrainCommon& c,
                   std::vector<tag::AnnotatedSentence>* train,
                   std::vector<std::pair<std::string, std::vector<tag::AnnotatedSentence>>>* dev,
                   learn::Provenance* prov) {
  prov->command = CommandLine();
  prov->created = learn::UtcNow();
  prov->seed = c.seed;
  for (const std::string& path : c.train) {
    size_t skipped = 0;
    auto s = tag::ReadAnnotated(path, &skipped);
    if (!s.ok()) {
      PrintError(command, s.status().ToString());
      return false;
    }
    std::fprintf(stderr, "kroniek %s: %s: %zu sentences%s\n", command.c_str(), path.c_str(),
                 s->size(), skipped ? (", " + std::to_string(skipped) + " skipped").c_str() : "");
    for (auto& x : s.value()) train->push_back(std::move(x));
    auto d = learn::FileDigest(path);
    prov->data.emplace_back("train:" + path, d.ok() ? d.value() : "?");
  }
  for (const std::string& path : c.dev) {
    auto s = tag::ReadAnnotated(path);
    if (!s.ok()) {
      PrintError(command, s.status().ToString());
      return false;
    }
    std::string name = path.substr(path.find_last_of('/') + 1);
    if (name.size() > 7 && name.ends_with(".conllu")) name.resize(name.size() - 7);
    dev->emplace_back(name, std::move(s).value());
    auto d = learn::FileDigest(path);
    prov->data.emplace_back("dev:" + path, d.ok() ? d.value() : "?");
  }
  return true;
}

void AddCommonOptions(CLI::App* cmd, TrainCommon* c) {
  cmd->add_option("--train", c->train, "Training data (CoNLL-U); repeat for several files")
      ->required();
  cmd->add_option("--dev", c->dev, "Development data (CoNLL-U) scored after each epoch; repeat");
  cmd->add_option("-o,--output", c->output, "Model file to write")->required();
  cmd->add_option("--seed", c->seed, "Random seed (shuffling)")->capture_default_str();
  cmd->add_option("--epochs", c->epochs, "Training epochs")->capture_default_str();
}

namespace {

int RunTrainTagger(const TrainCommon& c, const std::string& frog_lexicon, uint32_t min_count,
                   float min_weight) {
  const std::string cmd = "train tagger";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<tag::AnnotatedSentence> train;
  std::vector<std::pair<std::string, std::vector<tag::AnnotatedSentence>>> dev;
  learn::ModelWriter w(tag::kTaggerStage, tag::kTaggerFeatureSet);
  if (!LoadTrainData(cmd, c, &train, &dev, &w.provenance())) return kExitFailed;
  if (!frog_lexicon.empty()) {
    auto d = learn::FileDigest(frog_lexicon);
    if (!d.ok()) {
      PrintError(cmd, d.status().ToString());
      return kExitFailed;
    }
    w.provenance().data.emplace_back("lexicon:" + frog_lexicon, d.value());
  }
  std::vector<tag::DevSet> devsets;
  for (auto& [name, s] : dev) devsets.push_back(tag::DevSet{name, &s});
  tag::TaggerTrainOptions o;
  o.epochs = c.epochs;
  o.seed = c.seed;
  o.frog_lexicon = frog_lexicon;
  o.lexicon_min_count = min_count;
  o.min_abs_weight = min_weight;
  if (!frog_lexicon.empty()) {
    w.provenance().notes.emplace_back("lexicon-min-count", std::to_string(min_count));
  }
  o.progress = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  std::vector<tag::TagScores> scores;
  auto tagger = tag::TrainTagger(train, devsets, o, &scores);
  if (!tagger.ok()) {
    PrintError(cmd, tagger.status().ToString());
    return kExitFailed;
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    w.provenance().scores.emplace_back(devsets[i].name + ".UPOS", scores[i].upos);
    w.provenance().scores.emplace_back(devsets[i].name + ".XPOS", scores[i].xpos);
    w.provenance().scores.emplace_back(devsets[i].name + ".UFeats", scores[i].feats);
  }
  tagger.value()->Save(&w);
  Status st = w.WriteFile(c.output);
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "kroniek %s: wrote %s in %.0f s\n", cmd.c_str(), c.output.c_str(), sec);
  return kExitOk;
}

int RunTrainLemmatizer(const TrainCommon& c) {
  const std::string cmd = "train lemmatizer";
  auto t0 = std::chrono::steady_clock::now();
  std::vector<tag::AnnotatedSentence> train;
  std::vector<std::pair<std::string, std::vector<tag::AnnotatedSentence>>> dev;
  learn::ModelWriter w(tag::kLemmatizerStage, tag::kLemmatizerFeatureSet);
  if (!LoadTrainData(cmd, c, &train, &dev, &w.provenance())) return kExitFailed;
  std::vector<tag::DevSet> devsets;
  for (auto& [name, s] : dev) devsets.push_back(tag::DevSet{name, &s});
  tag::LemmatizerTrainOptions o;
  o.epochs = c.epochs;
  o.seed = c.seed;
  o.progress = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  std::vector<double> scores;
  auto lem = tag::TrainLemmatizer(train, devsets, o, &scores);
  if (!lem.ok()) {
    PrintError(cmd, lem.status().ToString());
    return kExitFailed;
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    w.provenance().scores.emplace_back(devsets[i].name + ".Lemmas(gold tags)", scores[i]);
  }
  lem.value()->Save(&w);
  Status st = w.WriteFile(c.output);
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
  std::fprintf(stderr, "kroniek %s: wrote %s in %.0f s\n", cmd.c_str(), c.output.c_str(), sec);
  return kExitOk;
}

}  // namespace

void RegisterTrain(CLI::App& app, int* exit_code) {
  CLI::App* train = app.add_subcommand("train", "Train a model from annotated data");
  train->require_subcommand(1);
  {
    auto c = std::make_shared<TrainCommon>();
    auto lex = std::make_shared<std::string>();
    auto min_count = std::make_shared<uint32_t>(1);
    auto min_weight = std::make_shared<float>(0.0f);
    c->epochs = 10;
    CLI::App* cmd = train->add_subcommand("tagger", "Train the UPOS/XPOS/UFeats tagger");
    AddCommonOptions(cmd, c.get());
    cmd->add_option("--lexicon", *lex,
                    "Frog's MBT tag lexicon (Frog.mbt.1.0.lex from the frogdata package) to "
                    "compile into the model as a word -> possible CGN tags feature");
    cmd->add_option("--lexicon-min-count", *min_count,
                    "Leave out lexicon words seen fewer times in Frog's corpus")
        ->capture_default_str();
    cmd->add_option("--min-weight", *min_weight,
                    "Drop averaged weights smaller than this in absolute value (smaller, faster "
                    "models)")
        ->capture_default_str();
    cmd->callback([c, lex, min_count, min_weight, exit_code] {
      *exit_code = RunTrainTagger(*c, *lex, *min_count, *min_weight);
    });
  }
  {
    auto c = std::make_shared<TrainCommon>();
    c->epochs = 8;
    CLI::App* cmd = train->add_subcommand("lemmatizer", "Train the lemmatizer");
    AddCommonOptions(cmd, c.get());
    cmd->callback([c, exit_code] { *exit_code = RunTrainLemmatizer(*c); });
  }
  RegisterTrainSentences(*train, exit_code);
  RegisterTrainNer(*train, exit_code);
  RegisterTrainParser(train, exit_code);
}

}  // namespace kroniek::cli
