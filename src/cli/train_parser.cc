// kroniek train parser: train the dependency parser on CoNLL-U trees with predicted tags.
//
// The parser must learn from the tags it will see at run time, the tagger's, not the gold ones:
// --tagger names the tagger model whose predictions replace the gold tags of the dev files (and
// of the training files, unless --jackknife K is given, in which case K taggers, each trained
// on K-1 folds of the training data with the tagger's recipe, tag the fold they have not seen).
#include <chrono>
#include <cstdio>

#include "cli/train.h"
#include "parse/parser.h"
#include "tag/tagger.h"

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
};

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
  learn::ModelWriter w(parse::kParserStage, parse::kParserFeatureSet);
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
  if (a.jackknife >= 2) {
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
  if (tagger) {
    for (auto& [name, s] : dev) parse::Retag(*tagger, &s);
    w.provenance().notes.emplace_back("dev tags", "predicted by the --tagger model");
  } else {
    w.provenance().notes.emplace_back("dev tags", "gold");
  }
  say("tags ready");
  std::vector<tag::DevSet> devsets;
  for (auto& [name, s] : dev) devsets.push_back(tag::DevSet{name, &s});
  parse::ParserTrainOptions o;
  o.epochs = c.epochs;
  o.seed = c.seed;
  o.explore_from_epoch = a.explore_from;
  o.explore_p = a.explore_p;
  o.min_abs_weight = a.min_weight;
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
  cmd->callback([a, exit_code] { *exit_code = RunTrainParser(*a); });
}

}  // namespace kroniek::cli
