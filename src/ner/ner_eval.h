// Exact-match named-entity scores in the style of conlleval (and of shared/tools/score.py ner):
// the IOB2 tags of all documents are concatenated, chunks are read from them (a chunk starts at
// B-X, at I-X after O or after another type, and ends before the next O, B- or type change), and a
// system chunk counts when a gold chunk has the same start, end and type.
#ifndef KRONIEK_NER_NER_EVAL_H_
#define KRONIEK_NER_NER_EVAL_H_

#include <cstddef>
#include <map>
#include <string>
#include <vector>

#include "kroniek/doc.h"

namespace kroniek::ner {

struct Prf {
  size_t gold = 0, system = 0, correct = 0;
  double P() const { return system ? 100.0 * static_cast<double>(correct) / system : 0.0; }
  double R() const { return gold ? 100.0 * static_cast<double>(correct) / gold : 0.0; }
  double F1() const {
    double p = P(), r = R();
    return p + r > 0 ? 2 * p * r / (p + r) : 0.0;
  }
};

struct NerScores {
  Prf overall;
  std::map<std::string, Prf> per_type;  // PER, ORG, LOC, MISC and any other type seen
  size_t tokens = 0;
};

// Scores tag sequences (one tag per token, all documents concatenated).
NerScores ScoreTags(const std::vector<std::string>& gold, const std::vector<std::string>& system);

// The IOB2 tags of a document's name mentions ("O" elsewhere), in token order.
std::vector<std::string> MentionTags(const Doc& doc);

// Scores system documents against gold documents with the same tokens (in the same order).
// Returns false (with a message) when the token counts differ.
bool ScoreDocs(const std::vector<Doc>& gold, const std::vector<Doc>& system, NerScores* out,
               std::string* error);

// The conlleval-like table: overall and per type P, R, F1, counts.
std::string FormatNerScores(const NerScores& s);

}  // namespace kroniek::ner

#endif  // KRONIEK_NER_NER_EVAL_H_
