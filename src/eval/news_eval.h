// Scoring of the news layers (entities, mentions, quotes, times, events) against the gold-dev
// annotation, exactly as shared/tools/score.py `news` defines them (a test checks both agree).
#ifndef KRONIEK_EVAL_NEWS_EVAL_H_
#define KRONIEK_EVAL_NEWS_EVAL_H_

#include <string>
#include <string_view>
#include <vector>

#include "kroniek/status.h"

namespace kroniek::eval {

// Precision, recall and F1 with the counts behind them.
struct Prf {
  int gold = 0;
  int system = 0;
  int tp_gold = 0;    // gold items matched
  int tp_system = 0;  // system items matched
  double P() const { return system ? static_cast<double>(tp_system) / system : 0.0; }
  double R() const { return gold ? static_cast<double>(tp_gold) / gold : 0.0; }
  double F1() const {
    double p = P(), r = R();
    return p + r == 0 ? 0.0 : 2 * p * r / (p + r);
  }
};

struct NewsScores {
  int docs = 0;
  int docs_missing = 0;
  Prf entities, mentions, quotes, times, events;
  int quote_speaker_ok = 0, quote_speaker_n = 0;
  int time_value_ok = 0;
  int event_actor_ok = 0;

  double QuoteSpeakerAcc() const {
    return quote_speaker_n ? 1.0 * quote_speaker_ok / quote_speaker_n : 0;
  }
  double TimeValueAcc() const { return times.tp_gold ? 1.0 * time_value_ok / times.tp_gold : 0; }
  double EventActorAcc() const {
    return events.tp_gold ? 1.0 * event_actor_ok / events.tp_gold : 0;
  }

  // The JSON object score.py prints (same keys, same rounding).
  std::string ToJson() const;
  // A table for people.
  std::string ToText() const;
};

// One gold article (shared/gold-dev/*.json) as JSON text, and the system output for the same
// id (one line of document-contract JSON, or empty when the system produced nothing).
struct NewsPair {
  std::string gold_json;
  std::string system_json;
};

// Scores all pairs. Fails when a gold or system document is not valid JSON of the right shape.
Result<NewsScores> ScoreNews(const std::vector<NewsPair>& docs);

// The normalisation of score.py: NFC, curly quotes folded, white space collapsed, surrounding
// punctuation (space . , ; : " ') trimmed, lower case.
std::string NormalizeForScoring(std::string_view s);

// The word-set overlap of score.py (Jaccard, or 0.5 when one nearly contains the other).
double WordOverlap(std::string_view a, std::string_view b);

}  // namespace kroniek::eval

#endif  // KRONIEK_EVAL_NEWS_EVAL_H_
