// Shared parts of `kroniek train <stage>` (src/cli/train.cc). A new trainable stage (the parser,
// the NER labeller) adds its sub-subcommand in RegisterTrain, with AddCommonOptions for the
// shared flags and LoadTrainData/CommandLine for the data and the provenance.
#ifndef KRONIEK_CLI_TRAIN_H_
#define KRONIEK_CLI_TRAIN_H_

#include <string>
#include <utility>
#include <vector>

#include "cli/commands.h"
#include "learn/model_file.h"
#include "tag/corpus.h"

namespace kroniek::cli {

struct TrainCommon {
  std::vector<std::string> train;
  std::vector<std::string> dev;
  std::string output;
  uint64_t seed = 1;
  int epochs = 10;
};

// The command line of this process, as typed (the binary named "kroniek").
std::string CommandLine();
// Adds --train, --dev, -o, --seed and --epochs.
void AddCommonOptions(CLI::App* cmd, TrainCommon* c);
// Reads the training and dev CoNLL-U files and fills the provenance (command, time, seed, data
// digests). Prints an error and returns false when a file is unusable.
bool LoadTrainData(const std::string& command, const TrainCommon& c,
                   std::vector<tag::AnnotatedSentence>* train,
                   std::vector<std::pair<std::string, std::vector<tag::AnnotatedSentence>>>* dev,
                   learn::Provenance* prov);

// Registers `train parser` (src/cli/train_parser.cc) under `train`.
void RegisterTrainParser(CLI::App* train, int* exit_code);

}  // namespace kroniek::cli

#endif  // KRONIEK_CLI_TRAIN_H_
