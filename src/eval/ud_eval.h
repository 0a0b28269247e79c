// The CoNLL 2018 shared task metrics for UD analyses: Tokens, Sentences, UPOS, XPOS, UFeats,
// AllTags, Lemmas, UAS, LAS and CLAS. System words are aligned to gold words by their character
// spans over the text with all white space removed (as shared/tools/score.py and the official
// conll18_ud_eval.py do), so a system that tokenises differently is scored fairly. Relations are
// compared by their universal part (nmod:poss counts as nmod).
#ifndef KRONIEK_EVAL_UD_EVAL_H_
#define KRONIEK_EVAL_UD_EVAL_H_

#include <string>
#include <vector>

#include "kroniek/doc.h"

namespace kroniek::eval {

struct UdMetric {
  std::string name;
  size_t correct = 0;
  size_t system = 0;   // system total (precision denominator)
  size_t gold = 0;     // gold total (recall denominator)
  size_t aligned = 0;  // aligned words (AligndAcc denominator), 0 for Tokens and Sentences
  double precision() const { return system ? 100.0 * correct / system : 0.0; }
  double recall() const { return gold ? 100.0 * correct / gold : 0.0; }
  double f1() const {
    return system + gold ? 200.0 * correct / static_cast<double>(system + gold) : 0.0;
  }
  double aligned_accuracy() const { return aligned ? 100.0 * correct / aligned : 0.0; }
};

struct UdEvalOptions {
  // Remove the features whose labels changed between the converter versions of the Alpino
  // train and the UD dev/test files (ExtPos, Mood=Ind, PronType=Art/Tot/Neg/Exc, Case=Dat;
  // see shared/data/README.md) from both sides before comparing UFeats and AllTags.
  bool strip_caveat_feats = false;
};

struct UdScores {
  std::vector<UdMetric> metrics;  // in the order of the CoNLL 2018 table
  bool has_deps = false;          // the system produced a parse (UAS/LAS/CLAS are meaningful)
  const UdMetric* Find(const std::string& name) const;
};

// Scores system Docs against gold Docs (the same documents in the same order; only their
// concatenated non-space characters must agree). Layers the system lacks score 0.
UdScores ScoreUd(const std::vector<Doc>& gold, const std::vector<Doc>& system,
                 const UdEvalOptions& options = {});

// Removes the caveat features (see UdEvalOptions) from a FEATS string ("_" when none remain).
std::string StripCaveatFeats(const std::string& feats);

// The table printed by `kroniek eval ud`.
std::string FormatUdScores(const UdScores& scores);

}  // namespace kroniek::eval

#endif  // KRONIEK_EVAL_UD_EVAL_H_
