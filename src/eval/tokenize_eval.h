// Scoring a tokenizer and sentence splitter against CoNLL-U gold, as the CoNLL 2018 shared task
// and shared/tools/score.py `ud` do: tokens are aligned by their character spans over the text
// with all white space removed, a system token counts when its span equals a gold token's, and
// a sentence counts when its span equals a gold sentence's.
#ifndef KRONIEK_EVAL_TOKENIZE_EVAL_H_
#define KRONIEK_EVAL_TOKENIZE_EVAL_H_

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "kroniek/doc.h"
#include "kroniek/status.h"

namespace kroniek {

struct PrecisionRecall {
  size_t gold = 0;
  size_t system = 0;
  size_t matched = 0;
  double Precision() const { return system == 0 ? 0.0 : static_cast<double>(matched) / system; }
  double Recall() const { return gold == 0 ? 0.0 : static_cast<double>(matched) / gold; }
  double F1() const {
    double p = Precision(), r = Recall();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct TokenizeScore {
  PrecisionRecall tokens;
  PrecisionRecall sentences;
};

// The raw text a tokenizer is evaluated on: every gold sentence's text (its forms joined by a
// space, or by nothing after a SpaceAfter=No token) joined by `separator` (a single space by
// default), over all documents in order. Joined by spaces, the text has no line breaks, so
// sentence ends must come from the text itself; joined by "\n" it has the layout of a text with
// one sentence (or headline) per line.
std::string JoinedSentenceText(const std::vector<Doc>& gold, std::string_view separator = " ");

// Compares the tokens and sentences of `system` with those of the gold documents. Fails when the
// two differ in anything but white space (they must be tokenisations of the same text).
Result<TokenizeScore> ScoreTokenization(const std::vector<Doc>& gold, const Doc& system);

// The score as readable lines, or as one JSON object (with `name` as "gold").
std::string FormatTokenizeScore(const TokenizeScore& score, const std::string& name, bool json);

}  // namespace kroniek

#endif  // KRONIEK_EVAL_TOKENIZE_EVAL_H_
