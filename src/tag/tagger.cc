#include "tag/tagger.h"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <map>
#include <sstream>
#include <unordered_set>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/features.h"
#include "learn/random.h"
#include "tag/text.h"

namespace kroniek::tag {
namespace {

using learn::FeatureKey;
using learn::FeatureVector;

// Feature templates of tagger.v1. Never renumber: the numbers are part of the model.
enum Templ : uint32_t {
  kBias = 1,
  kWord,
  kRaw,
  kSuf1,              // kSuf1 + k - 1 for k = 1..5
  kPre1 = kSuf1 + 5,  // kPre1 + k - 1 for k = 1..3
  kShape = kPre1 + 3,
  kFlags,
  kWm1,
  kWp1,
  kWm2,
  kWp2,
  kTm1,
  kTm2,
  kTm1Tm2,
  kTm1W,
  kSuf3m1,
  kSuf3p1,
  kWm1W,
  kWWp1,
  kAmb,
  kTop,
  kAmbm1,
  kAmbp1,
  kAmbTm1,
  kAmbAmbp1,
  kSuf3Tm1,
  kShapeTm1,
  kWp1Wp2,
  kShapes,     // shapes of the previous, this and the next word
  kRightVerb,  // the word and the lexicon tag of the nearest verb to its right in the clause
  kLeftVerb,   // the same to its left
  kVerbs,      // the word's lexicon class and both verbs
};

constexpr uint32_t kNone = 0xffffffffu;  // "no label": before the sentence

struct TokenInfo {
  uint64_t word;  // hash of the lower-cased form
  uint64_t raw;   // hash of the form
  uint64_t suf[5];
  uint64_t pre[3];
  uint64_t shape;
  uint64_t flags;
  uint32_t amb;  // lexicon class id + 1, 0 unknown
  uint32_t top;
  uint32_t verb;                   // top + 1 when the lexicon's top tag is a verb tag, else 0
  uint32_t left_verb, right_verb;  // `verb` of the nearest verb left / right in the clause
  bool clause_break;               // , ; : and the like end the search for verbs
};

uint64_t H(std::string_view s) { return XXH3_64bits(s.data(), s.size()); }

void Prepare(const std::vector<std::string_view>& words, const TagLexicon& lex,
             std::vector<TokenInfo>* out) {
  out->resize(words.size());
  for (size_t i = 0; i < words.size(); ++i) {
    std::string_view w = words[i];
    std::string low = Lower(w);
    TokenInfo& t = (*out)[i];
    t.word = H(low);
    t.raw = H(w);
    for (size_t k = 0; k < 5; ++k) t.suf[k] = H(SuffixCp(low, k + 1));
    for (size_t k = 0; k < 3; ++k) t.pre[k] = H(PrefixCp(low, k + 1));
    t.shape = H(Shape(w));
    uint64_t f = 0;
    if (StartsUpper(w)) f |= 1;
    if (AllUpper(w)) f |= 2;
    if (w.find('-') != std::string_view::npos) f |= 4;
    for (char c : w) {
      if (c >= '0' && c <= '9') {
        f |= 8;
        break;
      }
    }
    if (i == 0) f |= 16;
    size_t n = CodePoints(w);
    f |= static_cast<uint64_t>(std::min<size_t>(n, 8)) << 5;
    t.flags = f;
    t.top = 0;
    t.amb = 0;
    if (!lex.empty()) {
      t.amb = lex.Find(w, &t.top);
      if (t.amb == 0 && low != w) t.amb = lex.Find(low, &t.top);
    }
    t.verb = t.top && lex.IsVerbTag(t.top - 1) ? t.top : 0;
    t.clause_break = w == "," || w == ";" || w == ":" || w == "(" || w == ")";
  }
  // Nearest verbs within the clause, for auxiliary versus main verb decisions.
  const size_t n = out->size();
  uint32_t last = 0;
  for (size_t i = 0; i < n; ++i) {
    TokenInfo& t = (*out)[i];
    if (t.clause_break) last = 0;
    t.left_verb = last;
    if (t.verb) last = t.verb;
  }
  last = 0;
  for (size_t i = n; i-- > 0;) {
    TokenInfo& t = (*out)[i];
    if (t.clause_break) last = 0;
    t.right_verb = last;
    if (t.verb) last = t.verb;
  }
}

// The features of token i given the labels of the two tokens before it.
void Features(const std::vector<TokenInfo>& toks, size_t i, uint32_t t1, uint32_t t2,
              FeatureVector* fv) {
  fv->clear();
  const TokenInfo& t = toks[i];
  static const TokenInfo kPad = [] {
    TokenInfo p{};
    p.word = H("<pad>");
    p.suf[2] = H("<pad>");
    p.amb = 0xfffffffe;
    return p;
  }();
  const TokenInfo& m1 = i >= 1 ? toks[i - 1] : kPad;
  const TokenInfo& m2 = i >= 2 ? toks[i - 2] : kPad;
  const TokenInfo& p1 = i + 1 < toks.size() ? toks[i + 1] : kPad;
  const TokenInfo& p2 = i + 2 < toks.size() ? toks[i + 2] : kPad;
  fv->AddInt(kBias, 0);
  fv->AddInt(kWord, t.word);
  if (t.raw != t.word) fv->AddInt(kRaw, t.raw);
  for (uint32_t k = 0; k < 5; ++k) fv->AddInt(kSuf1 + k, t.suf[k]);
  for (uint32_t k = 0; k < 3; ++k) fv->AddInt(kPre1 + k, t.pre[k]);
  fv->AddInt(kShape, t.shape);
  fv->AddInt(kFlags, t.flags);
  fv->AddInt(kWm1, m1.word);
  fv->AddInt(kWp1, p1.word);
  fv->AddInt(kWm2, m2.word);
  fv->AddInt(kWp2, p2.word);
  fv->AddInt(kTm1, t1);
  fv->AddInt(kTm2, t2);
  fv->Add(FeatureKey(FeatureKey(kTm1Tm2, t1), kTm1Tm2, t2));
  fv->Add(FeatureKey(t.word, kTm1W, t1));
  fv->AddInt(kSuf3m1, m1.suf[2]);
  fv->AddInt(kSuf3p1, p1.suf[2]);
  fv->Add(FeatureKey(m1.word, kWm1W, t.word));
  fv->Add(FeatureKey(t.word, kWWp1, p1.word));
  fv->Add(FeatureKey(p1.word, kWp1Wp2, p2.word));
  fv->Add(FeatureKey(t.suf[2], kSuf3Tm1, t1));
  fv->Add(FeatureKey(t.shape, kShapeTm1, t1));
  if (t.amb) {
    fv->AddInt(kAmb, t.amb);
    fv->AddInt(kTop, t.top);
    fv->Add(FeatureKey(FeatureKey(kAmbTm1, t.amb), kAmbTm1, t1));
  }
  fv->Add(
      FeatureKey(FeatureKey(FeatureKey(kShapes, m1.shape), kShapes, t.shape), kShapes, p1.shape));
  if (t.verb) {
    fv->Add(FeatureKey(t.word, kRightVerb, t.right_verb));
    fv->Add(FeatureKey(t.word, kLeftVerb, t.left_verb));
    fv->Add(FeatureKey(FeatureKey(FeatureKey(kVerbs, t.amb), kVerbs, t.left_verb), kVerbs,
                       t.right_verb));
  }
  fv->AddInt(kAmbm1, m1.amb);
  fv->AddInt(kAmbp1, p1.amb);
  fv->Add(FeatureKey(FeatureKey(kAmbAmbp1, t.amb), kAmbAmbp1, p1.amb));
}

// Per-thread scratch for tagging.
struct Scratch {
  std::vector<TokenInfo> toks;
  FeatureVector fv;
  std::vector<float> scores;
};

Scratch& ThreadScratch() {
  thread_local Scratch s;
  return s;
}

// Labels a sentence with any scorer (the frozen model or the trainer's current weights).
template <typename ScoreFn>
void Decode(const std::vector<TokenInfo>& toks, uint32_t num_labels, FeatureVector* fv,
            std::vector<float>* scores, ScoreFn&& score, std::vector<uint32_t>* out) {
  out->resize(toks.size());
  scores->resize(num_labels);
  uint32_t t1 = kNone, t2 = kNone;
  for (size_t i = 0; i < toks.size(); ++i) {
    Features(toks, i, t1, t2, fv);
    std::fill(scores->begin(), scores->end(), 0.0f);
    score(fv->keys(), scores->data());
    uint32_t best = learn::LinearModel::ArgMax(scores->data(), num_labels);
    (*out)[i] = best;
    t2 = t1;
    t1 = best;
  }
}

Status Bad(const learn::ModelReader& r, const char* tag, const char* what) {
  return r.Corrupt(tag, what);
}

}  // namespace

// ---------------------------------------------------------------- TagLexicon

namespace {
uint64_t HashWord(std::string_view w) {
  uint64_t h = XXH3_64bits_withSeed(w.data(), w.size(), 0x5eed);
  return h == 0 ? 1 : h;
}
}  // namespace

Result<TagLexicon> TagLexicon::FromFrogLex(const std::string& path, double min_share,
                                           uint32_t min_count) {
  std::ifstream in(path);
  if (!in) {
    return MakeError(StatusCode::kNotFound, ErrorId::kCannotOpen,
                     path + ": cannot open the tag lexicon");
  }
  TagLexicon lex;
  std::map<std::string, uint32_t> tag_ids, class_ids;
  std::string line;
  std::vector<std::pair<uint64_t, std::string>> tags;
  std::vector<std::pair<uint64_t, Value>> pending;
  std::unordered_set<uint64_t> seen;
  while (std::getline(in, line)) {
    std::istringstream ls(line);
    uint64_t total = 0;
    std::string word, item;
    if (!(ls >> total >> word) || total < min_count) continue;
    tags.clear();
    while (ls >> item) {
      size_t colon = item.rfind(':');
      if (colon == std::string::npos) continue;
      uint64_t c = std::strtoull(item.c_str() + colon + 1, nullptr, 10);
      tags.emplace_back(c, item.substr(0, colon));
    }
    if (tags.empty()) continue;
    std::stable_sort(tags.begin(), tags.end(),
                     [](const auto& a, const auto& b) { return a.first > b.first; });
    std::string cls;
    for (const auto& [c, tag] : tags) {
      if (&tag != &tags.front().second && static_cast<double>(c) < min_share * total) continue;
      if (!cls.empty()) cls.push_back(';');
      cls += tag;
    }
    auto tid = tag_ids.emplace(tags.front().second, static_cast<uint32_t>(lex.tags_.size()));
    if (tid.second) lex.tags_.push_back(tags.front().second);
    auto cid = class_ids.emplace(cls, static_cast<uint32_t>(lex.classes_.size()));
    if (cid.second) lex.classes_.push_back(cls);
    if (seen.insert(HashWord(word)).second) {  // the first line of a word counts
      pending.emplace_back(HashWord(word), Value{cid.first->second, tid.first->second});
    }
  }
  lex.table_ = learn::FlatTable<Value>::Build(std::move(pending));
  lex.size_ = lex.table_.size();
  if (lex.empty()) {
    return InvalidInput(ErrorId::kTrainData, path + ": no entries in the tag lexicon");
  }
  return lex;
}

bool TagLexicon::IsVerbTag(uint32_t tag) const {
  return tag < tags_.size() && tags_[tag].starts_with("WW");
}

uint32_t TagLexicon::Find(std::string_view word, uint32_t* top) const {
  if (size_ == 0) return 0;
  const Value* v = table_.find(HashWord(word));
  if (v == nullptr) return 0;
  *top = v->top + 1;
  return v->cls + 1;
}

namespace {

void WriteNames(learn::ByteWriter& w, const std::vector<std::string>& tags,
                const std::vector<std::string>& classes) {
  w.Var(tags.size());
  for (const auto& t : tags) w.Str(t);
  w.Var(classes.size());
  for (const auto& c : classes) w.Str(c);
}

bool ReadNames(learn::ByteReader& r, std::vector<std::string>* tags,
               std::vector<std::string>* classes) {
  uint64_t nt = r.Count(1);
  for (uint64_t i = 0; i < nt && r.ok(); ++i) tags->emplace_back(r.Str());
  uint64_t nc = r.Count(1);
  for (uint64_t i = 0; i < nc && r.ok(); ++i) classes->emplace_back(r.Str());
  return r.ok();
}

}  // namespace

std::string TagLexicon::Serialize() const {
  learn::ByteWriter w;
  WriteNames(w, tags_, classes_);
  std::string out = w.Take();
  out.resize((out.size() + 7) / 8 * 8, '\0');
  table_.AppendTo(&out);
  return out;
}

bool TagLexicon::Deserialize(std::string_view bytes, TagLexicon* out,
                             std::shared_ptr<const void> owner) {
  learn::ByteReader r(bytes);
  TagLexicon lex;
  if (!ReadNames(r, &lex.tags_, &lex.classes_)) return false;
  size_t pos = r.pos();
  const size_t pad = (8 - pos % 8) % 8;
  if (bytes.size() - pos < pad ||
      bytes.substr(pos, pad).find_first_not_of('\0') != std::string_view::npos) {
    return false;
  }
  pos += pad;
  if (!learn::FlatTable<Value>::ReadFrom(bytes, &pos, &lex.table_, std::move(owner)) ||
      pos != bytes.size()) {
    return false;
  }
  bool bad = false;
  for (const Value& v : lex.table_.values()) {
    bad |= v.cls >= lex.classes_.size();
    bad |= v.top >= lex.tags_.size();
  }
  if (bad) return false;
  lex.size_ = lex.table_.size();
  *out = std::move(lex);
  return true;
}

std::string TagLexicon::SerializeCompact() const {
  learn::ByteWriter w;
  WriteNames(w, tags_, classes_);
  std::vector<std::pair<uint64_t, Value>> sorted;
  for (size_t i = 0; i < table_.size(); ++i) {
    sorted.emplace_back(table_.keys()[i], table_.values()[i]);
  }
  std::sort(sorted.begin(), sorted.end(),
            [](const auto& a, const auto& b) { return a.first < b.first; });
  w.Var(sorted.size());
  for (const auto& [h, v] : sorted) {
    w.U64(h);
    w.Var(v.cls);
    w.Var(v.top);
  }
  return w.Take();
}

bool TagLexicon::DeserializeCompact(std::string_view bytes, TagLexicon* out) {
  learn::ByteReader r(bytes);
  TagLexicon lex;
  if (!ReadNames(r, &lex.tags_, &lex.classes_)) return false;
  const uint64_t nt = lex.tags_.size(), nc = lex.classes_.size();
  uint64_t nw = r.Count(10);
  if (!r.ok()) return false;
  std::vector<std::pair<uint64_t, Value>> entries;
  entries.reserve(nw);
  for (uint64_t i = 0; i < nw && r.ok(); ++i) {
    uint64_t h = r.U64();
    uint64_t c = r.Var(), t = r.Var();
    if (h == 0 || c >= nc || t >= nt) return false;
    entries.emplace_back(h, Value{static_cast<uint32_t>(c), static_cast<uint32_t>(t)});
  }
  if (!r.ok() || !r.AtEnd()) return false;
  std::vector<uint64_t> keys;
  keys.reserve(entries.size());
  for (const auto& e : entries) keys.push_back(e.first);
  std::sort(keys.begin(), keys.end());
  if (std::adjacent_find(keys.begin(), keys.end()) != keys.end()) return false;  // a word twice
  lex.table_ = learn::FlatTable<Value>::Build(std::move(entries));
  lex.size_ = lex.table_.size();
  *out = std::move(lex);
  return true;
}

// ---------------------------------------------------------------- Tagger

Result<std::shared_ptr<const Tagger>> Tagger::Load(const std::string& path) {
  auto r = learn::ModelReader::Open(path, kTaggerStage);
  if (!r.ok()) return r.status();
  return FromModel(r.value());
}

Result<std::shared_ptr<const Tagger>> Tagger::FromModel(const learn::ModelReader& model) {
  if (model.info().feature_set != kTaggerFeatureSet) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     "tagger model has feature set '" + model.info().feature_set +
                         "', this kroniek computes '" + kTaggerFeatureSet + "'");
  }
  std::shared_ptr<Tagger> t(new Tagger());
  auto labl = model.Require("LABL");
  if (!labl.ok()) return labl.status();
  {
    learn::ByteReader r(labl.value());
    uint64_t n = r.Count(3);
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      TagLabel l;
      l.upos = std::string(r.Str());
      l.xpos = std::string(r.Str());
      l.feats = std::string(r.Str());
      t->labels_.push_back(std::move(l));
    }
    if (!r.ok() || !r.AtEnd() || t->labels_.empty()) return Bad(model, "LABL", "does not decode");
  }
  auto linm = model.Require("LINM");
  if (!linm.ok()) return linm.status();
  if (!learn::LinearModel::Deserialize(linm.value(), &t->model_, model.owner()) ||
      t->model_.num_classes() != t->labels_.size()) {
    return Bad(model, "LINM", "does not decode");
  }
  // TLXF (format 2) is used in place; TLEX is its compact form.
  if (auto tlxf = model.Section("TLXF")) {
    if (!TagLexicon::Deserialize(*tlxf, &t->lexicon_, model.owner())) {
      return Bad(model, "TLXF", "does not decode");
    }
  } else if (auto tlex = model.Section("TLEX")) {
    if (!TagLexicon::DeserializeCompact(*tlex, &t->lexicon_)) {
      return Bad(model, "TLEX", "does not decode");
    }
  }
  return std::shared_ptr<const Tagger>(std::move(t));
}

void Tagger::Save(learn::ModelWriter* w) const {
  learn::ByteWriter l;
  l.Var(labels_.size());
  for (const TagLabel& x : labels_) {
    l.Str(x.upos);
    l.Str(x.xpos);
    l.Str(x.feats);
  }
  w->AddSection("LABL", l.Take());
  w->AddSection("LINM", model_.Serialize(), learn::SectionCodec::kStored);
  if (!lexicon_.empty()) {
    w->AddSection("TLXF", lexicon_.Serialize(), learn::SectionCodec::kStored);
  }
}

void Tagger::TagSentence(const std::vector<std::string_view>& words,
                         std::vector<uint32_t>* out) const {
  Scratch& s = ThreadScratch();
  Prepare(words, lexicon_, &s.toks);
  Decode(
      s.toks, static_cast<uint32_t>(labels_.size()), &s.fv, &s.scores,
      [this](std::span<const uint64_t> keys, float* sc) { model_.AddScores(keys, sc); }, out);
}

void Tagger::Tag(Doc& doc) const {
  const size_t n = doc.tokens.size();
  doc.upos.assign(n, "_");
  doc.xpos.assign(n, "_");
  doc.feats.assign(n, "_");
  std::vector<std::string_view> words;
  std::vector<uint32_t> labels;
  for (const Sentence& s : doc.sentences) {
    words.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) words.push_back(doc.TokenText(t));
    TagSentence(words, &labels);
    for (size_t i = 0; i < labels.size(); ++i) {
      const TagLabel& l = labels_[labels[i]];
      doc.upos[s.token_begin + i] = l.upos;
      doc.xpos[s.token_begin + i] = l.xpos;
      doc.feats[s.token_begin + i] = l.feats;
    }
  }
}

TagScores ScoreTagger(const Tagger& tagger, const std::vector<AnnotatedSentence>& gold) {
  size_t n = 0, upos = 0, xpos = 0, feats = 0, joint = 0;
  std::vector<std::string_view> words;
  std::vector<uint32_t> labels;
  for (const AnnotatedSentence& s : gold) {
    words.assign(s.form.begin(), s.form.end());
    tagger.TagSentence(words, &labels);
    for (size_t i = 0; i < s.size(); ++i) {
      const TagLabel& l = tagger.labels()[labels[i]];
      ++n;
      bool u = l.upos == s.upos[i], x = l.xpos == s.xpos[i];
      upos += u;
      xpos += x;
      feats += l.feats == s.feats[i];
      joint += u && x;
    }
  }
  auto pct = [n](size_t k) { return n ? 100.0 * static_cast<double>(k) / n : 0.0; };
  return TagScores{pct(upos), pct(xpos), pct(feats), pct(joint)};
}

// ---------------------------------------------------------------- training

class TaggerTrainer {
 public:
  static Result<std::shared_ptr<const Tagger>> Train(const std::vector<AnnotatedSentence>& train,
                                                     const std::vector<DevSet>& dev,
                                                     const TaggerTrainOptions& o,
                                                     std::vector<TagScores>* best_scores) {
    auto say = [&](const std::string& s) {
      if (o.progress) o.progress(s);
    };
    std::shared_ptr<Tagger> tagger(new Tagger());
    if (!o.frog_lexicon.empty()) {
      auto lex = TagLexicon::FromFrogLex(o.frog_lexicon, 0.05, o.lexicon_min_count);
      if (!lex.ok()) return lex.status();
      tagger->lexicon_ = std::move(lex).value();
      say("tag lexicon: " + std::to_string(tagger->lexicon_.size()) + " words");
    }
    // Labels: every UPOS+XPOS pair of the training data, in order of first appearance; the
    // features of a label are the most frequent feature set seen with it.
    std::map<std::pair<std::string, std::string>, uint32_t> ids;
    std::vector<std::map<std::string, size_t>> feat_counts;
    std::vector<std::vector<uint32_t>> gold(train.size());
    for (size_t si = 0; si < train.size(); ++si) {
      const AnnotatedSentence& s = train[si];
      for (size_t i = 0; i < s.size(); ++i) {
        auto [it, fresh] = ids.emplace(std::make_pair(s.upos[i], s.xpos[i]),
                                       static_cast<uint32_t>(tagger->labels_.size()));
        if (fresh) {
          tagger->labels_.push_back(TagLabel{s.upos[i], s.xpos[i], "_"});
          feat_counts.emplace_back();
        }
        gold[si].push_back(it->second);
        ++feat_counts[it->second][s.feats[i]];
      }
    }
    for (size_t l = 0; l < tagger->labels_.size(); ++l) {
      size_t best = 0;
      for (const auto& [f, c] : feat_counts[l]) {
        if (c > best) best = c, tagger->labels_[l].feats = f;
      }
    }
    const uint32_t num_labels = static_cast<uint32_t>(tagger->labels_.size());
    say("labels: " + std::to_string(num_labels) + " UPOS+XPOS pairs from " +
        std::to_string(train.size()) + " sentences");
    // Token features do not depend on the weights: prepare each sentence once.
    std::vector<std::vector<TokenInfo>> prepared(train.size());
    std::vector<std::string_view> words;
    for (size_t si = 0; si < train.size(); ++si) {
      words.assign(train[si].form.begin(), train[si].form.end());
      Prepare(words, tagger->lexicon_, &prepared[si]);
    }
    learn::PerceptronTrainer trainer(num_labels);
    learn::Rng rng(o.seed);
    std::vector<size_t> order(train.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    FeatureVector fv;
    std::vector<float> scores(num_labels);
    double best_joint = -1;
    learn::LinearModel best_model;
    int best_epoch = 0;
    if (best_scores) best_scores->clear();
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      learn::Shuffle(order, rng);
      size_t n = 0, correct = 0;
      for (size_t si : order) {
        const auto& toks = prepared[si];
        uint32_t t1 = kNone, t2 = kNone;
        for (size_t i = 0; i < toks.size(); ++i) {
          Features(toks, i, t1, t2, &fv);
          std::fill(scores.begin(), scores.end(), 0.0f);
          trainer.AddScores(fv.keys(), scores.data());
          uint32_t guess = learn::LinearModel::ArgMax(scores.data(), num_labels);
          uint32_t g = gold[si][i];
          trainer.Update(fv.keys(), g, guess);
          trainer.NextExample();
          ++n;
          correct += guess == g;
          t2 = t1;
          t1 = guess;
        }
      }
      tagger->model_ = trainer.Average(o.min_abs_weight);
      char buf[256];
      std::snprintf(buf, sizeof buf, "epoch %d: train %.2f%%, %zu features, %zu weights", epoch,
                    100.0 * correct / std::max<size_t>(n, 1), tagger->model_.num_features(),
                    tagger->model_.num_weights());
      std::string line = buf;
      std::vector<TagScores> sc;
      for (const DevSet& d : dev) {
        TagScores s = ScoreTagger(*tagger, *d.sentences);
        sc.push_back(s);
        std::snprintf(buf, sizeof buf, "; %s UPOS %.2f XPOS %.2f UFeats %.2f", d.name.c_str(),
                      s.upos, s.xpos, s.feats);
        line += buf;
      }
      say(line);
      double joint = sc.empty() ? epoch : sc[0].joint;
      if (joint > best_joint) {
        best_joint = joint;
        best_model = tagger->model_;
        best_epoch = epoch;
        if (best_scores) *best_scores = sc;
      }
    }
    tagger->model_ = std::move(best_model);
    say("kept the model of epoch " + std::to_string(best_epoch));
    return std::shared_ptr<const Tagger>(std::move(tagger));
  }
};

Result<std::shared_ptr<const Tagger>> TrainTagger(const std::vector<AnnotatedSentence>& train,
                                                  const std::vector<DevSet>& dev,
                                                  const TaggerTrainOptions& options,
                                                  std::vector<TagScores>* best_scores) {
  if (train.empty()) return InvalidInput(ErrorId::kTrainData, "no training sentences");
  return TaggerTrainer::Train(train, dev, options, best_scores);
}

// ---------------------------------------------------------------- stage

namespace {
class TaggerStage : public Stage {
 public:
  explicit TaggerStage(std::shared_ptr<const Tagger> t) : t_(std::move(t)) {}
  std::string Name() const override { return "tagger"; }
  LayerSet Reads() const override { return {Layer::kTokens, Layer::kSentences}; }
  LayerSet Writes() const override { return {Layer::kUpos, Layer::kXpos, Layer::kFeats}; }
  Status Process(Doc& doc) const override {
    t_->Tag(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Tagger> t_;
};
}  // namespace

std::unique_ptr<Stage> MakeTaggerStage(std::shared_ptr<const Tagger> tagger) {
  return std::make_unique<TaggerStage>(std::move(tagger));
}

}  // namespace kroniek::tag
