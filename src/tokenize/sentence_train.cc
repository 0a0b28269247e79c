#include "tokenize/sentence_train.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <unordered_map>
#include <utility>

#include "base/errors.h"
#include "learn/random.h"

namespace kroniek::tok {
namespace {

// The gold text with its token and sentence spans, for scoring.
struct ScoredText {
  GoldText gold;
  std::vector<std::pair<uint32_t, uint32_t>> tokens;
  std::vector<std::pair<uint32_t, uint32_t>> sentences;
};

ScoredText JoinForScoring(const std::vector<GoldSentence>& s) {
  ScoredText out;
  std::string& text = out.gold.text;
  for (const GoldSentence& g : s) {
    if (g.tokens.empty()) continue;
    if (!text.empty()) text.push_back(' ');
    out.gold.starts.push_back(static_cast<uint32_t>(text.size()));
    const uint32_t begin = static_cast<uint32_t>(text.size());
    for (size_t t = 0; t < g.tokens.size(); ++t) {
      if (t > 0 && g.space_after[t - 1]) text.push_back(' ');
      out.tokens.emplace_back(static_cast<uint32_t>(text.size()),
                              static_cast<uint32_t>(text.size() + g.tokens[t].size()));
      text.append(g.tokens[t]);
    }
    out.sentences.emplace_back(begin, static_cast<uint32_t>(text.size()));
  }
  return out;
}

// Gold tokens may hold spaces ("10 000" in some treebanks); spans are compared on the text, so a
// token with a space is one span either way.
size_t Matches(const std::vector<std::pair<uint32_t, uint32_t>>& a,
               const std::vector<std::pair<uint32_t, uint32_t>>& b) {
  size_t i = 0, j = 0, m = 0;
  while (i < a.size() && j < b.size()) {
    if (a[i] == b[j]) {
      ++m;
      ++i;
      ++j;
    } else if (a[i] < b[j]) {
      ++i;
    } else {
      ++j;
    }
  }
  return m;
}

TokenizeScore Score(const ScoredText& st, const Doc& doc) {
  std::vector<std::pair<uint32_t, uint32_t>> toks, sents;
  toks.reserve(doc.tokens.size());
  for (const Span& s : doc.tokens) toks.emplace_back(s.begin, s.end);
  for (const Sentence& s : doc.sentences) {
    sents.emplace_back(doc.tokens[s.token_begin].begin, doc.tokens[s.token_end - 1].end);
  }
  TokenizeScore r;
  r.tokens.gold = st.tokens.size();
  r.tokens.system = toks.size();
  r.tokens.matched = Matches(st.tokens, toks);
  r.sentences.gold = st.sentences.size();
  r.sentences.system = sents.size();
  r.sentences.matched = Matches(st.sentences, sents);
  return r;
}

// The training decider: records the features of every open gap with its gold label and answers
// with the gold label, or with the decision of `guide` when there is one (the splitter then goes
// on as it would at run time, so that the features of the sentence so far show the model's own
// earlier decisions).
class Recorder : public GapDecider {
 public:
  explicit Recorder(const SentenceLexicon* lexicon) : lexicon_(lexicon) {}
  const SentenceLexicon* lexicon() const override { return lexicon_; }
  void set_guide(const SentenceModel* guide) { guide_ = guide; }
  void Start(const Doc* doc, const std::vector<uint32_t>* starts) {
    doc_ = doc;
    starts_ = starts;
  }
  bool EndsBefore(std::span<const uint64_t> keys, size_t next) override {
    const uint32_t b = doc_->tokens[next].begin;
    const bool gold = std::binary_search(starts_->begin(), starts_->end(), b);
    keys_.insert(keys_.end(), keys.begin(), keys.end());
    offsets_.push_back(keys_.size());
    labels_.push_back(gold ? 1 : 0);
    return guide_ ? guide_->EndsBefore(keys) : gold;
  }
  size_t size() const { return labels_.size(); }
  std::span<const uint64_t> Keys(size_t i) const {
    return std::span<const uint64_t>(keys_).subspan(offsets_[i], offsets_[i + 1] - offsets_[i]);
  }
  uint32_t Label(size_t i) const { return labels_[i]; }
  // Drops the features seen in fewer than `min_count` gaps; returns how many distinct remain.
  size_t Prune(uint32_t min_count) {
    std::unordered_map<uint64_t, uint32_t> count;
    for (uint64_t k : keys_) ++count[k];
    std::vector<uint64_t> kept;
    std::vector<size_t> offsets{0};
    kept.reserve(keys_.size());
    for (size_t i = 0; i + 1 < offsets_.size(); ++i) {
      for (size_t x = offsets_[i]; x < offsets_[i + 1]; ++x) {
        if (count[keys_[x]] >= min_count) kept.push_back(keys_[x]);
      }
      offsets.push_back(kept.size());
    }
    keys_ = std::move(kept);
    offsets_ = std::move(offsets);
    size_t distinct = 0;
    for (const auto& [k, c] : count) distinct += c >= min_count;
    return distinct;
  }
  size_t positives() const {
    return static_cast<size_t>(std::count(labels_.begin(), labels_.end(), 1));
  }

 private:
  const SentenceLexicon* lexicon_;
  const SentenceModel* guide_ = nullptr;
  const Doc* doc_ = nullptr;
  const std::vector<uint32_t>* starts_ = nullptr;
  std::vector<uint64_t> keys_;
  std::vector<size_t> offsets_{0};
  std::vector<uint8_t> labels_;
};

// Splits an id into text and number parts for natural ordering.
std::vector<std::pair<std::string, uint64_t>> IdKey(std::string_view id) {
  std::vector<std::pair<std::string, uint64_t>> key;
  size_t i = 0;
  while (i < id.size()) {
    size_t j = i;
    while (j < id.size() && !(id[j] >= '0' && id[j] <= '9')) ++j;
    std::string text(id.substr(i, j - i));
    uint64_t num = 0;
    size_t k = j;
    while (k < id.size() && id[k] >= '0' && id[k] <= '9' && k - j < 18) {
      num = num * 10 + static_cast<uint64_t>(id[k] - '0');
      ++k;
    }
    key.emplace_back(std::move(text), num);
    i = k;  // > the old i: a text part, a number or both were read
  }
  return key;
}

std::string Percent(double v) {
  char buf[32];
  std::snprintf(buf, sizeof(buf), "%.2f", 100 * v);
  return buf;
}

}  // namespace

std::vector<GoldSentence> SentencesOf(const std::vector<Doc>& docs) {
  std::vector<GoldSentence> out;
  for (const Doc& d : docs) {
    for (const Sentence& s : d.sentences) {
      GoldSentence g;
      g.id = s.id;
      for (uint32_t t = s.token_begin; t < s.token_end && t < d.tokens.size(); ++t) {
        g.tokens.emplace_back(d.TokenText(t));
        g.space_after.push_back(d.space_after.size() == d.tokens.size() ? d.space_after[t] : 1);
      }
      if (!g.tokens.empty()) out.push_back(std::move(g));
    }
  }
  return out;
}

std::vector<GoldSentence> SentencesOfLines(std::string_view text) {
  std::vector<GoldSentence> out;
  while (!text.empty()) {
    size_t nl = text.find('\n');
    std::string_view line = text.substr(0, nl);
    text = nl == std::string_view::npos ? std::string_view() : text.substr(nl + 1);
    GoldSentence g;
    size_t i = 0;
    while (i < line.size()) {
      while (i < line.size() && (line[i] == ' ' || line[i] == '\t' || line[i] == '\r')) ++i;
      size_t j = i;
      while (j < line.size() && line[j] != ' ' && line[j] != '\t' && line[j] != '\r') ++j;
      if (j > i) {
        g.tokens.emplace_back(line.substr(i, j - i));
        g.space_after.push_back(1);
      }
      i = j;
    }
    if (!g.tokens.empty()) out.push_back(std::move(g));
  }
  return out;
}

void SortById(std::vector<GoldSentence>* sentences) {
  std::vector<std::pair<std::vector<std::pair<std::string, uint64_t>>, size_t>> keys;
  keys.reserve(sentences->size());
  for (size_t i = 0; i < sentences->size(); ++i) {
    const std::string& id = (*sentences)[i].id;
    keys.emplace_back(
        id.empty() ? std::vector<std::pair<std::string, uint64_t>>{{"\xff", 0}} : IdKey(id), i);
  }
  std::stable_sort(keys.begin(), keys.end());
  std::vector<GoldSentence> sorted;
  sorted.reserve(sentences->size());
  for (auto& [k, i] : keys) sorted.push_back(std::move((*sentences)[i]));
  *sentences = std::move(sorted);
}

GoldText JoinSentences(const std::vector<GoldSentence>& s, size_t begin, size_t end) {
  std::vector<GoldSentence> part(s.begin() + static_cast<std::ptrdiff_t>(begin),
                                 s.begin() + static_cast<std::ptrdiff_t>(end));
  return JoinForScoring(part).gold;
}

TokenizeScore ScoreSentenceSplit(const Tokenizer& tokenizer, const SentenceModel* model,
                                 const std::vector<GoldSentence>& gold) {
  ScoredText st = JoinForScoring(gold);
  Doc doc;
  doc.text = st.gold.text;
  if (model) {
    ModelDecider d(*model);
    tokenizer.TokenizeWith(doc, &d);
  } else {
    tokenizer.TokenizeWith(doc, nullptr);
  }
  return Score(st, doc);
}

Result<std::unique_ptr<SentenceModel>> TrainSentenceModel(
    const Tokenizer& tokenizer, const std::vector<SentenceTrainSet>& train,
    const std::vector<SentenceTrainSet>& dev,
    const std::vector<const std::vector<GoldSentence>*>& lexicon_corpora,
    const std::vector<const std::vector<GoldSentence>*>& name_lists, const SentenceTrainOptions& o,
    std::vector<SentenceDevScore>* dev_scores) {
  auto progress = [&](const std::string& s) {
    if (o.progress) o.progress(s);
  };
  // The word statistics.
  SentenceLexicon lexicon;
  size_t lexicon_sentences = 0;
  for (const auto* corpus : lexicon_corpora) {
    for (const GoldSentence& g : *corpus) lexicon.Count(g.tokens);
    lexicon_sentences += corpus->size();
  }
  for (const auto* names : name_lists) {
    for (const GoldSentence& g : *names) lexicon.CountName(g.tokens);
  }
  lexicon.Finish(o.lexicon_min_count);
  if (lexicon_sentences > 0) {
    progress("word statistics of " + std::to_string(lexicon_sentences) +
             " sentences: " + std::to_string(lexicon.size()) + " forms");
  }
  // The examples: every open gap of the training texts.
  Recorder rec(&lexicon);
  size_t texts = 0;
  auto record = [&]() {
    for (const SentenceTrainSet& set : train) {
      const size_t piece = std::max<size_t>(1, o.piece_sentences);
      for (size_t b = 0; b < set.sentences.size(); b += piece) {
        GoldText g = JoinSentences(set.sentences, b, std::min(set.sentences.size(), b + piece));
        Doc doc;
        doc.text = std::move(g.text);
        rec.Start(&doc, &g.starts);
        tokenizer.TokenizeWith(doc, &rec);
        ++texts;
      }
    }
  };
  record();
  if (rec.size() == 0 || rec.positives() == 0 || rec.positives() == rec.size()) {
    return MakeError(StatusCode::kInvalidInput, ErrorId::kTrainData,
                     "the training data has no open gaps with both outcomes (" +
                         std::to_string(rec.size()) + " gaps, " + std::to_string(rec.positives()) +
                         " sentence starts)");
  }
  progress(std::to_string(texts) + " training texts, " + std::to_string(rec.size()) +
           " open gaps, " + std::to_string(rec.positives()) + " of them sentence starts");
  std::unique_ptr<SentenceModel> best;
  double best_f1 = -1;
  std::vector<SentenceDevScore> best_scores;
  for (int round = 1; round <= std::max(1, o.history_rounds); ++round) {
    if (round > 1) {
      // The examples of the model's own history are added to those of the gold history.
      const size_t before = rec.size();
      rec.set_guide(best.get());
      record();
      rec.set_guide(nullptr);
      progress("round " + std::to_string(round) + ": " + std::to_string(rec.size() - before) +
               " more open gaps with the history of the model so far");
    }
    if (o.min_feature_count > 1) {
      const size_t kept = rec.Prune(o.min_feature_count);
      progress(std::to_string(kept) + " features seen in at least " +
               std::to_string(o.min_feature_count) + " gaps");
    }

    learn::PerceptronTrainer trainer(2);
    std::unordered_map<uint64_t, std::pair<float, float>> lr;  // logistic: weight, AdaGrad sum
    const bool logistic = o.learner == "logistic";
    learn::Rng rng(o.seed);
    std::vector<uint32_t> order(rec.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = static_cast<uint32_t>(i);
    for (int epoch = 1; epoch <= std::max(1, o.epochs); ++epoch) {
      learn::Shuffle(order, rng);
      size_t errors = 0;
      for (uint32_t i : order) {
        std::span<const uint64_t> keys = rec.Keys(i);
        if (logistic) {
          float z = 0;
          for (uint64_t k : keys) {
            auto it = lr.find(k);
            if (it != lr.end()) z += it->second.first;
          }
          const float y = static_cast<float>(rec.Label(i));
          if ((z > 0) != (y > 0)) ++errors;
          const float g = 1.0f / (1.0f + std::exp(-z)) - y;
          for (uint64_t k : keys) {
            auto& [wk, gk] = lr[k];
            const float grad = g + o.l2 * wk;
            gk += grad * grad;
            wk -= o.rate * grad / std::sqrt(gk + 1e-6f);
          }
          continue;
        }
        float s[2] = {0.0f, 0.0f};
        trainer.AddScores(keys, s);
        const uint32_t guess = s[1] - s[0] + o.threshold > 0.0f ? 1 : 0;
        const uint32_t gold = rec.Label(i);
        if (guess != gold) {
          ++errors;
          trainer.Update(keys, gold, guess);
        }
        trainer.NextExample();
      }
      learn::LinearModel linear;
      if (logistic) {
        std::vector<uint64_t> keys;
        for (const auto& [k, v] : lr) {
          if (std::fabs(v.first) >= std::max(o.min_abs_weight, 1e-6f)) keys.push_back(k);
        }
        std::sort(keys.begin(), keys.end());
        std::vector<uint32_t> row_begin{0};
        std::vector<uint16_t> classes;
        std::vector<float> weights;
        for (uint64_t k : keys) {
          classes.push_back(1);
          weights.push_back(lr[k].first);
          row_begin.push_back(static_cast<uint32_t>(classes.size()));
        }
        linear = learn::LinearModel::FromRows(2, std::move(keys), std::move(row_begin),
                                              std::move(classes), std::move(weights));
      } else {
        linear = trainer.Average(o.min_abs_weight);
      }
      auto model = std::make_unique<SentenceModel>(std::move(linear), o.threshold, lexicon);
      std::string line = "epoch " + std::to_string(epoch) + ": training errors " +
                         std::to_string(errors) + "/" + std::to_string(rec.size());
      std::vector<SentenceDevScore> scores;
      double sum = 0;
      for (const SentenceTrainSet& d : dev) {
        SentenceDevScore ds{d.name, ScoreSentenceSplit(tokenizer, model.get(), d.sentences)};
        sum += ds.score.sentences.F1();
        line += "; " + d.name + " Sentences F1 " + Percent(ds.score.sentences.F1()) + " (P " +
                Percent(ds.score.sentences.Precision()) + " R " +
                Percent(ds.score.sentences.Recall()) + ")";
        scores.push_back(std::move(ds));
      }
      progress(line);
      // Without dev data the last epoch is kept.
      const double f1 = dev.empty() ? epoch : sum / static_cast<double>(dev.size());
      if (f1 > best_f1) {
        best_f1 = f1;
        best = std::move(model);
        best_scores = std::move(scores);
        if (!dev.empty()) progress("epoch " + std::to_string(epoch) + " is the best so far");
      }
    }
  }
  // The threshold: the value in [-2, 1] (steps of 0.25) with the best mean dev Sentences F1;
  // ties go to the value nearest 0.
  if (o.tune_threshold && !dev.empty()) {
    double tuned_f1 = -1;
    float tuned = best->threshold();
    std::vector<float> order;
    for (int k = 0; k <= 8; ++k) {
      // 0, 0.25, -0.25, 0.5, -0.5, ...: nearer 0 first.
      const float t = static_cast<float>((k + 1) / 2) * 0.25f * (k % 2 ? 1.0f : -1.0f);
      order.push_back(t);
    }
    for (int k = 9; k <= 12; ++k) order.push_back(-0.25f * static_cast<float>(k - 4));
    std::vector<SentenceDevScore> tuned_scores;
    for (float t : order) {
      best->set_threshold(t);
      std::vector<SentenceDevScore> scores;
      double sum = 0;
      for (const SentenceTrainSet& d : dev) {
        scores.push_back({d.name, ScoreSentenceSplit(tokenizer, best.get(), d.sentences)});
        sum += scores.back().score.sentences.F1();
      }
      const double f1 = sum / static_cast<double>(dev.size());
      if (f1 > tuned_f1 + 1e-9) {
        tuned_f1 = f1;
        tuned = t;
        tuned_scores = std::move(scores);
      }
    }
    best->set_threshold(tuned);
    best_scores = std::move(tuned_scores);
    progress("threshold " + std::to_string(tuned) + ": mean dev Sentences F1 " + Percent(tuned_f1));
  }
  if (dev_scores) *dev_scores = std::move(best_scores);
  return best;
}

}  // namespace kroniek::tok
