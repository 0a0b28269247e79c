// kroniek train parser: train the dependency parser on CoNLL-U trees with predicted tags.
//
// The parser must learn from the tags it will see at run time, the tagger's, not the gold ones:
// --tagger names the tagger model whose predictions replace the gold tags of the dev files (and
// of the training files, unless --jackknife K is given, in which case K taggers, each trained
// on K-1 folds of the training data with the tagger's recipe, tag the fold they have not seen).
#include <chrono>
#include <cstdio>
#include <fstream>
#include <functional>
#include <memory>
#include <sstream>

#include "cli/train.h"
#include "learn/random.h"
#include "learn/word_clusters.h"
#include "parse/parser.h"
#include "tag/tagger.h"
#include "tag/text.h"

namespace kroniek::cli {
namespace {

struct ParserArgs {
  TrainCommon common;
  std::string tagger;
  int jackknife = 0;
  std::string lexicon;
  int tagger_epochs = 8;
  int threads = 1;
  int explore_from = 2;
  double explore_p = 0.9;
  float min_weight = 0.0f;
  int beam = 1;
  int feature_version = 2;
  std::vector<std::string> cluster_text;
  uint32_t clusters = 256;
  uint32_t cluster_min_count = 3;
  bool keep_train_tags = false;
  std::string write_train_tags;
  // Tri-training: raw sentences that all --auto-parser models parse identically join the
  // training data.
  std::vector<std::string> auto_text, auto_parsers;
  size_t auto_tokens = 200000;
  size_t auto_min_words = 5, auto_max_words = 60;
};

// Reads raw text (one tokenised sentence per line), keeps the sentences of min..max words and
// adds a seeded sample of those all `parsers` parse alike (parse::AgreedParses), up to
// `max_tokens` words, to `train`. Returns false on an unreadable file.
bool AddAgreedParses(const std::vector<std::string>& paths, const tag::Tagger& tagger,
                     const std::vector<std::shared_ptr<const parse::Parser>>& parsers,
                     size_t min_words, size_t max_words, size_t max_tokens, uint64_t seed,
                     std::vector<tag::AnnotatedSentence>* train,
                     const std::function<void(const std::string&)>& say) {
  std::vector<std::vector<std::string>> raw;
  for (const std::string& path : paths) {
    std::ifstream in(path);
    if (!in) return false;
    std::string line, word;
    while (std::getline(in, line)) {
      std::istringstream ls(line);
      std::vector<std::string> s;
      while (ls >> word) s.push_back(word);
      if (s.size() >= min_words && s.size() <= max_words) raw.push_back(std::move(s));
    }
  }
  std::vector<const parse::Parser*> voters;
  for (const auto& p : parsers) voters.push_back(p.get());
  std::vector<tag::AnnotatedSentence> agreed = parse::AgreedParses(raw, tagger, voters);
  const size_t num_agreed = agreed.size();
  learn::Rng rng(seed ^ 0x7472697472616e73ULL);
  learn::Shuffle(agreed, rng);
  size_t tokens = 0, taken = 0;
  for (tag::AnnotatedSentence& s : agreed) {
    if (tokens >= max_tokens) break;
    tokens += s.size();
    ++taken;
    train->push_back(std::move(s));
  }
  say("tri-training: the parsers agree on " + std::to_string(num_agreed) + " of " +
      std::to_string(raw.size()) + " raw sentences; " + std::to_string(taken) + " (" +
      std::to_string(tokens) + " words) join the training data");
  return true;
}

// Writes sentences as CoNLL-U (the columns the parser learns from).
bool WriteConllu(const std::string& path, const std::vector<tag::AnnotatedSentence>& sentences) {
  FILE* f = std::fopen(path.c_str(), "wb");
  if (!f) return false;
  std::string o;
  for (const tag::AnnotatedSentence& s : sentences) {
    for (size_t i = 0; i < s.size(); ++i) {
      o += std::to_string(i + 1) + "\t" + s.form[i] + "\t" + s.lemma[i] + "\t" + s.upos[i] + "\t" +
           s.xpos[i] + "\t" + s.feats[i] + "\t" + std::to_string(s.head[i] + 1) + "\t" +
           s.deprel[i] + "\t_\t_\n";
    }
    o += "\n";
  }
  bool ok = std::fwrite(o.data(), 1, o.size(), f) == o.size();
  return std::fclose(f) == 0 && ok;
}

int RunTrainParser(const ParserArgs& a) {
  const std::string cmd = "train parser";
  const TrainCommon& c = a.common;
  auto t0 = std::chrono::steady_clock::now();
  auto say = [&](const std::string& s) {
    double sec = std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
    std::fprintf(stderr, "kroniek %s: [%.0fs] %s\n", cmd.c_str(), sec, s.c_str());
  };
  std::vector<tag::AnnotatedSentence> train;
  std::vector<std::pair<std::string, std::vector<tag::AnnotatedSentence>>> dev;
  if (a.feature_version != 1 && a.feature_version != 2) {
    PrintError(cmd, "--feature-set must be 1 or 2");
    return kExitUsage;
  }
  learn::ModelWriter w(parse::kParserStage, a.feature_version == 1 ? parse::kParserFeatureSetV1
                                                                   : parse::kParserFeatureSet);
  if (!LoadTrainData(cmd, c, &train, &dev, &w.provenance())) return kExitFailed;
  if (a.jackknife == 1 || a.jackknife < 0) {
    PrintError(cmd, "--jackknife needs at least 2 folds");
    return kExitUsage;
  }
  std::shared_ptr<const tag::Tagger> tagger;
  if (!a.tagger.empty()) {
    auto t = tag::Tagger::Load(a.tagger);
    if (!t.ok()) {
      PrintError(cmd, t.status().ToString());
      return kExitFailed;
    }
    tagger = std::move(t).value();
    auto d = learn::FileDigest(a.tagger);
    w.provenance().data.emplace_back("tagger:" + a.tagger, d.ok() ? d.value() : "?");
  }
  if (!a.lexicon.empty()) {
    auto d = learn::FileDigest(a.lexicon);
    if (!d.ok()) {
      PrintError(cmd, d.status().ToString());
      return kExitFailed;
    }
    w.provenance().data.emplace_back("lexicon:" + a.lexicon, d.value());
  }
  if (a.keep_train_tags) {
    w.provenance().notes.emplace_back("train tags", "as given in the training files");
  } else if (a.jackknife >= 2) {
    tag::TaggerTrainOptions o;
    o.epochs = a.tagger_epochs;
    o.seed = c.seed;
    o.frog_lexicon = a.lexicon;
    say("jackknifing the training tags with " + std::to_string(a.jackknife) + " taggers");
    Status st = parse::JackknifeTags(&train, a.jackknife, o, a.threads);
    if (!st.ok()) {
      PrintError(cmd, st.ToString());
      return kExitFailed;
    }
    w.provenance().notes.emplace_back(
        "train tags", "jackknifed: " + std::to_string(a.jackknife) + " folds, tagger epochs " +
                          std::to_string(a.tagger_epochs) +
                          (a.lexicon.empty() ? "" : ", with the tag lexicon"));
  } else if (tagger) {
    parse::Retag(*tagger, &train);
    w.provenance().notes.emplace_back("train tags", "predicted by the --tagger model");
  } else {
    w.provenance().notes.emplace_back("train tags", "gold");
  }
  if (!a.write_train_tags.empty() && !WriteConllu(a.write_train_tags, train)) {
    PrintError(cmd, a.write_train_tags + ": cannot write [E502]");
    return kExitFailed;
  }
  if (tagger) {
    for (auto& [name, s] : dev) parse::Retag(*tagger, &s);
    w.provenance().notes.emplace_back("dev tags", "predicted by the --tagger model");
  } else {
    w.provenance().notes.emplace_back("dev tags", "gold");
  }
  say("tags ready");
  if (!a.auto_text.empty() || !a.auto_parsers.empty()) {
    if (a.auto_parsers.size() < 2 || a.auto_text.empty() || !tagger) {
      PrintError(cmd, "tri-training needs --auto-text, --tagger and at least two --auto-parser");
      return kExitUsage;
    }
    std::vector<std::shared_ptr<const parse::Parser>> parsers;
    for (const std::string& path : a.auto_parsers) {
      auto p = parse::Parser::Load(path);
      if (!p.ok()) {
        PrintError(cmd, p.status().ToString());
        return kExitFailed;
      }
      parsers.push_back(std::move(p).value());
      auto d = learn::FileDigest(path);
      w.provenance().data.emplace_back("auto-parser:" + path, d.ok() ? d.value() : "?");
    }
    for (const std::string& path : a.auto_text) {
      auto d = learn::FileDigest(path);
      if (!d.ok()) {
        PrintError(cmd, d.status().ToString());
        return kExitFailed;
      }
      w.provenance().data.emplace_back("auto-text:" + path, d.value());
    }
    const size_t before = train.size();
    if (!AddAgreedParses(a.auto_text, *tagger, parsers, a.auto_min_words, a.auto_max_words,
                         a.auto_tokens, c.seed, &train, say)) {
      PrintError(cmd, "an --auto-text file cannot be read [E108]");
      return kExitFailed;
    }
    w.provenance().notes.emplace_back(
        "tri-training", std::to_string(train.size() - before) +
                            " raw sentences parsed identically by the --auto-parser models");
  }
  // Word clusters from raw text (one tokenised sentence per line) and the training words.
  learn::WordClusters clusters;
  if (!a.cluster_text.empty()) {
    std::vector<std::vector<std::string>> text;
    for (const std::string& path : a.cluster_text) {
      std::ifstream in(path);
      if (!in) {
        PrintError(cmd, path + ": cannot open [E108]");
        return kExitFailed;
      }
      std::string line, word;
      while (std::getline(in, line)) {
        std::istringstream ls(line);
        std::vector<std::string> s;
        while (ls >> word) s.push_back(tag::Lower(word));
        if (!s.empty()) text.push_back(std::move(s));
      }
      auto d = learn::FileDigest(path);
      w.provenance().data.emplace_back("clusters:" + path, d.ok() ? d.value() : "?");
    }
    for (const tag::AnnotatedSentence& s : train) {
      std::vector<std::string> low;
      for (const std::string& f : s.form) low.push_back(tag::Lower(f));
      text.push_back(std::move(low));
    }
    learn::ClusterOptions co;
    co.classes = a.clusters;
    co.min_count = a.cluster_min_count;
    co.progress = say;
    clusters = learn::WordClusters::Train(text, co);
    w.provenance().notes.emplace_back("clusters",
                                      std::to_string(clusters.classes()) + " exchange classes of " +
                                          std::to_string(clusters.size()) + " words (min count " +
                                          std::to_string(a.cluster_min_count) + ")");
  }
  std::vector<tag::DevSet> devsets;
  for (auto& [name, s] : dev) devsets.push_back(tag::DevSet{name, &s});
  parse::ParserTrainOptions o;
  o.epochs = c.epochs;
  o.seed = c.seed;
  o.explore_from_epoch = a.explore_from;
  o.explore_p = a.explore_p;
  o.min_abs_weight = a.min_weight;
  o.beam = a.beam;
  o.feature_version = a.feature_version;
  o.clusters = clusters.empty() ? nullptr : &clusters;
  o.progress = say;
  std::vector<parse::ParseScores> scores;
  auto parser = parse::TrainParser(train, devsets, o, &scores);
  if (!parser.ok()) {
    PrintError(cmd, parser.status().ToString());
    return kExitFailed;
  }
  for (size_t i = 0; i < scores.size(); ++i) {
    w.provenance().scores.emplace_back(devsets[i].name + ".UAS", scores[i].uas);
    w.provenance().scores.emplace_back(devsets[i].name + ".LAS", scores[i].las);
    w.provenance().scores.emplace_back(devsets[i].name + ".CLAS", scores[i].clas);
    w.provenance().scores.emplace_back(devsets[i].name + ".LAS(full label)", scores[i].las_full);
  }
  parser.value()->Save(&w);
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

void RegisterTrainParser(CLI::App* train, int* exit_code) {
  auto a = std::make_shared<ParserArgs>();
  a->common.epochs = 15;
  CLI::App* cmd = train->add_subcommand("parser", "Train the dependency parser");
  AddCommonOptions(cmd, &a->common);
  cmd->add_option("--tagger", a->tagger,
                  "Tagger model whose predicted tags replace the gold ones of the dev files "
                  "(and of the training files without --jackknife)");
  cmd->add_option("--jackknife", a->jackknife,
                  "Tag the training files with K taggers, each trained on the other K-1 folds")
      ->capture_default_str();
  cmd->add_option("--lexicon", a->lexicon,
                  "Frog's tag lexicon for the jackknife taggers (as for `train tagger`)");
  cmd->add_option("--tagger-epochs", a->tagger_epochs, "Epochs of each jackknife tagger")
      ->capture_default_str();
  cmd->add_option("--threads", a->threads, "Jackknife taggers trained at once")
      ->capture_default_str();
  cmd->add_option("--explore-from", a->explore_from,
                  "First epoch that follows the parser's own predictions (dynamic oracle)")
      ->capture_default_str();
  cmd->add_option("--explore-p", a->explore_p,
                  "Probability of following a wrong prediction while exploring")
      ->capture_default_str();
  cmd->add_option("--min-weight", a->min_weight,
                  "Drop averaged weights smaller than this (smaller model)")
      ->capture_default_str();
  cmd->add_option("--beam", a->beam,
                  "Beam width (1: greedy with the dynamic oracle; more: beam search, global "
                  "training with early update)")
      ->capture_default_str();
  cmd->add_option("--feature-set", a->feature_version,
                  "Feature set version: 2 (current) or 1 (parser.v1, without lookahead)")
      ->capture_default_str();
  cmd->add_option("--cluster-text", a->cluster_text,
                  "Raw text (one tokenised sentence per line) to learn word clusters from, "
                  "with the training words; repeat for several files");
  cmd->add_option("--clusters", a->clusters, "Number of word clusters")->capture_default_str();
  cmd->add_option("--cluster-min-count", a->cluster_min_count,
                  "Words seen fewer times get no cluster")
      ->capture_default_str();
  cmd->add_option("--auto-text", a->auto_text,
                  "Tri-training: raw text (one tokenised sentence per line) whose sentences "
                  "join the training data when all --auto-parser models parse them alike");
  cmd->add_option("--auto-parser", a->auto_parsers,
                  "Tri-training: a parser model that votes (give at least two)");
  cmd->add_option("--auto-tokens", a->auto_tokens,
                  "Tri-training: at most this many words of agreed sentences")
      ->capture_default_str();
  cmd->add_option("--auto-min-words", a->auto_min_words,
                  "Tri-training: shorter raw sentences are skipped")
      ->capture_default_str();
  cmd->add_option("--auto-max-words", a->auto_max_words,
                  "Tri-training: longer raw sentences are skipped")
      ->capture_default_str();
  cmd->add_flag("--keep-train-tags", a->keep_train_tags,
                "Learn from the tags of the training files as they are (e.g. a file written by "
                "--write-train-tags)");
  cmd->add_option("--write-train-tags", a->write_train_tags,
                  "Also write the training sentences with the tags the parser learns from");
  cmd->callback([a, exit_code] { *exit_code = RunTrainParser(*a); });
}

}  // namespace kroniek::cli
