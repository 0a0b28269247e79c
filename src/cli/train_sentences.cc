// kroniek train sentences: train the sentence boundary model (src/tokenize/sentence_model.h)
// from sentence-split text and write a .kmodel file. The model shipped with kroniek is compiled
// in from src/tokenize/data/sentences.kmodel; models/MODELS.md has the command that made it.
#include <chrono>
#include <cstdio>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <vector>

#include "cli/commands.h"
#include "cli/train.h"
#include "kroniek/io.h"
#include "learn/model_file.h"
#include "tokenize/sentence_model.h"
#include "tokenize/sentence_train.h"
#include "tokenize/tokenizer.h"

namespace kroniek::cli {
namespace {

struct TrainSentencesArgs {
  std::vector<std::string> train;
  std::vector<std::string> train_sorted;
  std::vector<std::string> train_lines;
  std::vector<std::string> dev;
  std::vector<std::string> lexicon_text;
  std::vector<std::string> lexicon_names;
  uint32_t lexicon_min_count = 2;
  std::string learner = "logistic";
  float l2 = 1e-4f;
  float rate = 0.1f;
  std::string output;
  uint64_t seed = 1;
  int epochs = 10;
  int history_rounds = 1;
  size_t piece = 200;
  float min_weight = 0.0f;
  uint32_t min_count = 1;
  float threshold = 0.0f;
  bool tune_threshold = false;
};

// "dir/name.conllu@cdb" -> "name@cdb".
std::string BaseName(const std::string& arg) {
  const size_t at = arg.rfind('@');
  std::string name = arg.substr(0, at);
  name = name.substr(name.find_last_of('/') + 1);
  for (const char* ext : {".conllu", ".txt"}) {
    if (name.ends_with(ext)) name.resize(name.size() - std::string_view(ext).size());
  }
  return at == std::string::npos ? name : name + arg.substr(at);
}

// Reads the sentences of a CoNLL-U file; prints an error and returns false when it is unusable.
// "FILE@PREFIX" keeps only the sentences whose sent_id starts with PREFIX.
bool ReadConllu(const std::string& cmd, const std::string& arg,
                std::vector<tok::GoldSentence>* out) {
  const size_t at = arg.rfind('@');
  const std::string path = at == std::string::npos ? arg : arg.substr(0, at);
  const std::string prefix = at == std::string::npos ? "" : arg.substr(at + 1);
  ReadOptions ro;
  ro.format = InputFormat::kConllu;
  ro.max_doc_bytes = size_t{1} << 31;
  std::vector<Doc> docs;
  std::vector<std::string> problems;
  Status st = ReadInputs({path}, ro, [&](ReadItem&& item) {
    if (item.doc.ok()) {
      docs.push_back(std::move(item.doc).value());
    } else {
      problems.push_back(item.doc.status().ToString());
    }
    return true;
  });
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return false;
  }
  if (!problems.empty()) {
    for (const auto& p : problems) PrintError(cmd, p);
    PrintError(cmd, path + ": the file has malformed parts [E206]");
    return false;
  }
  *out = tok::SentencesOf(docs);
  if (!prefix.empty()) {
    std::erase_if(*out, [&](const tok::GoldSentence& g) { return !g.id.starts_with(prefix); });
  }
  if (out->empty()) {
    PrintError(cmd, arg + ": no sentences [E206]");
    return false;
  }
  return true;
}

bool ReadLines(const std::string& cmd, const std::string& path,
               std::vector<tok::GoldSentence>* out) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream ss;
  ss << in.rdbuf();
  if (!in.good() && !in.eof()) {
    PrintError(cmd, path + ": cannot read the file [E108]");
    return false;
  }
  *out = tok::SentencesOfLines(ss.str());
  if (out->empty()) {
    PrintError(cmd, path + ": no sentences (or cannot read the file) [E206]");
    return false;
  }
  return true;
}

int RunTrainSentences(const TrainSentencesArgs& a) {
  const std::string cmd = "train sentences";
  const auto t0 = std::chrono::steady_clock::now();
  auto log = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  if (a.learner != "logistic" && a.learner != "perceptron") {
    PrintError(cmd, "unknown --learner '" + a.learner + "' (choose logistic or perceptron) [E501]");
    return kExitUsage;
  }
  if (a.train.empty() && a.train_sorted.empty() && a.train_lines.empty()) {
    PrintError(cmd, "give training data with --train, --train-sorted or --train-lines [E501]");
    return kExitUsage;
  }
  learn::ModelWriter w(tok::kSentenceStage, tok::kSentenceFeatureSet);
  learn::Provenance& prov = w.provenance();
  prov.command = CommandLine();
  prov.created = learn::UtcNow();
  prov.seed = a.seed;
  auto digest = [&](const std::string& role, const std::string& arg) {
    auto d = learn::FileDigest(arg.substr(0, arg.rfind('@')));
    prov.data.emplace_back(role + ":" + arg, d.ok() ? d.value() : "?");
  };
  std::vector<tok::SentenceTrainSet> train, dev;
  auto add_train = [&](const std::string& path, int kind) {
    tok::SentenceTrainSet set{BaseName(path), {}};
    bool ok =
        kind == 2 ? ReadLines(cmd, path, &set.sentences) : ReadConllu(cmd, path, &set.sentences);
    if (!ok) return false;
    if (kind == 1) tok::SortById(&set.sentences);
    log(path + ": " + std::to_string(set.sentences.size()) + " sentences" +
        (kind == 1 ? " (sorted by id)" : ""));
    digest(kind == 0 ? "train" : kind == 1 ? "train-sorted" : "train-lines", path);
    train.push_back(std::move(set));
    return true;
  };
  for (const auto& p : a.train) {
    if (!add_train(p, 0)) return kExitFailed;
  }
  for (const auto& p : a.train_sorted) {
    if (!add_train(p, 1)) return kExitFailed;
  }
  for (const auto& p : a.train_lines) {
    if (!add_train(p, 2)) return kExitFailed;
  }
  for (const auto& p : a.dev) {
    tok::SentenceTrainSet set{BaseName(p), {}};
    if (!ReadConllu(cmd, p, &set.sentences)) return kExitFailed;
    digest("dev", p);
    dev.push_back(std::move(set));
  }
  std::vector<std::vector<tok::GoldSentence>> lexicon_text;
  for (const auto& p : a.lexicon_text) {
    lexicon_text.emplace_back();
    if (!ReadLines(cmd, p, &lexicon_text.back())) return kExitFailed;
    digest("lexicon", p);
  }
  std::vector<const std::vector<tok::GoldSentence>*> lexicon_corpora, name_lists;
  for (const auto& l : lexicon_text) lexicon_corpora.push_back(&l);
  std::vector<std::vector<tok::GoldSentence>> names;
  for (const auto& p : a.lexicon_names) {
    names.emplace_back();
    if (!ReadLines(cmd, p, &names.back())) return kExitFailed;
    digest("names", p);
  }
  for (const auto& l : names) name_lists.push_back(&l);
  TokenizerOptions to;
  to.sentence_model = "none";
  auto tokenizer = Tokenizer::Create(to);
  if (!tokenizer.ok()) {
    PrintError(cmd, tokenizer.status().ToString());
    return kExitFailed;
  }
  for (const auto& d : dev) {
    TokenizeScore s = tok::ScoreSentenceSplit(**tokenizer, nullptr, d.sentences);
    char buf[160];
    std::snprintf(buf, sizeof(buf), "%s with the rules only: Sentences F1 %.2f (P %.2f R %.2f)",
                  d.name.c_str(), 100 * s.sentences.F1(), 100 * s.sentences.Precision(),
                  100 * s.sentences.Recall());
    log(buf);
  }
  tok::SentenceTrainOptions o;
  o.epochs = a.epochs;
  o.history_rounds = a.history_rounds;
  o.seed = a.seed;
  o.piece_sentences = a.piece;
  o.min_abs_weight = a.min_weight;
  o.min_feature_count = a.min_count;
  o.threshold = a.threshold;
  o.tune_threshold = a.tune_threshold;
  o.lexicon_min_count = a.lexicon_min_count;
  o.learner = a.learner;
  o.l2 = a.l2;
  o.rate = a.rate;
  o.progress = log;
  std::vector<tok::SentenceDevScore> scores;
  auto model =
      tok::TrainSentenceModel(**tokenizer, train, dev, lexicon_corpora, name_lists, o, &scores);
  if (!model.ok()) {
    PrintError(cmd, model.status().ToString());
    return kExitFailed;
  }
  for (const auto& s : scores) {
    prov.scores.emplace_back("dev." + s.name + ".Tokens", 100 * s.score.tokens.F1());
    prov.scores.emplace_back("dev." + s.name + ".Sentences", 100 * s.score.sentences.F1());
  }
  prov.notes.emplace_back("piece-sentences", std::to_string(a.piece));
  prov.notes.emplace_back("history-rounds", std::to_string(a.history_rounds));
  prov.notes.emplace_back("threshold", std::to_string((*model)->threshold()));
  prov.notes.emplace_back("lexicon-forms", std::to_string((*model)->lexicon().size()));
  prov.notes.emplace_back("features", std::to_string((*model)->linear().num_features()));
  (*model)->Save(&w);
  Status st = w.WriteFile(a.output);
  if (!st.ok()) {
    PrintError(cmd, st.ToString());
    return kExitFailed;
  }
  log("wrote " + a.output + " (" + std::to_string((*model)->linear().num_features()) +
      " features)");
  return kExitOk;
}

}  // namespace

void RegisterTrainSentences(CLI::App& train, int* exit_code) {
  auto a = std::make_shared<TrainSentencesArgs>();
  CLI::App* cmd = train.add_subcommand(
      "sentences",
      "Train the sentence boundary model (headings, titles and list items without final "
      "punctuation) from sentence-split text, joined by spaces as in `eval tokenize`");
  cmd->add_option("--train", a->train, "Training data (CoNLL-U), in file order; repeat");
  cmd->add_option("--train-sorted", a->train_sorted,
                  "Training data (CoNLL-U) whose sentences are first put in the natural order "
                  "of their sent_id (for shuffled files); repeat");
  cmd->add_option("--train-lines", a->train_lines,
                  "Training data with one tokenised sentence per line; repeat");
  cmd->add_option("--dev", a->dev,
                  "Development data (CoNLL-U) scored after each epoch; the best epoch is kept. "
                  "FILE@PREFIX uses only the sentences whose sent_id starts with PREFIX "
                  "(also for --train and --train-sorted); repeat");
  cmd->add_option("--lexicon-text", a->lexicon_text,
                  "Text with one tokenised sentence per line to count the word statistics on "
                  "(keep the training data out of it); repeat");
  cmd->add_option("--lexicon-names", a->lexicon_names,
                  "List of person names, one a line, for the first-name and surname statistics; "
                  "repeat");
  cmd->add_option("--lexicon-min-count", a->lexicon_min_count,
                  "Leave forms seen fewer times out of the word statistics")
      ->capture_default_str();
  cmd->add_option("--learner", a->learner,
                  "logistic (regression with AdaGrad and an L2 penalty) or perceptron (averaged)")
      ->capture_default_str();
  cmd->add_option("--l2", a->l2, "L2 penalty of the logistic learner")->capture_default_str();
  cmd->add_option("--rate", a->rate, "Learning rate of the logistic learner (AdaGrad)")
      ->capture_default_str();
  cmd->add_option("-o,--output", a->output, "Model file to write")->required();
  cmd->add_option("--seed", a->seed, "Random seed (shuffling)")->capture_default_str();
  cmd->add_option("--epochs", a->epochs, "Training epochs")->capture_default_str();
  cmd->add_option("--piece", a->piece, "Sentences per training text")->capture_default_str();
  cmd->add_option("--history-rounds", a->history_rounds,
                  "Training rounds: each after the first adds the gaps seen when following the "
                  "previous round's model")
      ->capture_default_str();
  cmd->add_option("--min-weight", a->min_weight,
                  "Drop averaged weights smaller than this in absolute value")
      ->capture_default_str();
  cmd->add_option("--min-count", a->min_count,
                  "Leave out features seen in fewer training gaps (smaller models)")
      ->capture_default_str();
  cmd->add_option("--threshold", a->threshold,
                  "Added to the boundary score (negative: fewer splits)")
      ->capture_default_str();
  cmd->add_flag("--tune-threshold", a->tune_threshold,
                "Choose the threshold in [-2, 1] with the best mean Sentences F1 on the dev sets");
  cmd->callback([a, exit_code] { *exit_code = RunTrainSentences(*a); });
}

}  // namespace kroniek::cli
