#include "tag/lemmatizer.h"

#include <algorithm>
#include <cstdio>
#include <map>

#include "base/errors.h"
#include "learn/bytes.h"
#include "learn/features.h"
#include "learn/random.h"
#include "tag/text.h"

namespace kroniek::tag {
namespace {

using learn::FeatureVector;

// Feature templates of lemmatizer.v1. Never renumber.
enum Templ : uint32_t {
  kBias = 1,
  kXpos,
  kUpos,
  kSuf1,                  // + k - 1, k = 1..7
  kSufXpos1 = kSuf1 + 7,  // + k - 1, k = 1..4
  kPre1 = kSufXpos1 + 4,  // + k - 1, k = 1..3
  kCapUpos = kPre1 + 3,
  kAllCap,
  kLen,
  kHyphen,
  kWord,
};

inline bool IsCont(char c) { return (static_cast<unsigned char>(c) & 0xc0) == 0x80; }

std::string LowerFirst(std::string_view s) {
  std::string_view first = PrefixCp(s, 1);
  return Lower(first) + std::string(s.substr(first.size()));
}

std::string CaseOf(std::string_view form, char lower) {
  if (lower == 'f') return LowerFirst(form);
  if (lower == 'a') return Lower(form);
  return std::string(form);
}

std::string Key(std::string_view form, std::string_view xpos) {
  std::string k(form);
  k.push_back('\t');
  k.append(xpos);
  return k;
}

std::string StripUnderscores(std::string_view s) {
  std::string out;
  for (char c : s) {
    if (c != '_') out.push_back(c);
  }
  return out;
}

void Features(std::string_view form, std::string_view upos, std::string_view xpos,
              FeatureVector* fv) {
  fv->clear();
  std::string low = Lower(form);
  fv->AddInt(kBias, 0);
  fv->Add(kXpos, xpos);
  fv->Add(kUpos, upos);
  fv->Add(kWord, low);
  for (uint32_t k = 1; k <= 7; ++k) fv->Add(kSuf1 + k - 1, SuffixCp(low, k));
  for (uint32_t k = 1; k <= 4; ++k) fv->Add(kSufXpos1 + k - 1, SuffixCp(low, k), xpos);
  for (uint32_t k = 1; k <= 3; ++k) fv->Add(kPre1 + k - 1, PrefixCp(low, k), xpos);
  fv->Add(kCapUpos, StartsUpper(form) ? "C" : "c", upos);
  if (AllUpper(form)) fv->AddInt(kAllCap, 1);
  fv->AddInt(kLen, std::min<size_t>(CodePoints(form), 12));
  if (form.find('-') != std::string_view::npos) fv->Add(kHyphen, upos);
}

struct Scratch {
  FeatureVector fv;
  std::vector<float> scores;
};

}  // namespace

// ---------------------------------------------------------------- EditScript

std::string EditScript::Encode() const {
  return std::string(1, lower) + "|" + std::to_string(strip_prefix) + "|" + std::to_string(cut) +
         "|" + append;
}

bool EditScript::Decode(std::string_view s, EditScript* out) {
  if (s.size() < 6 || (s[0] != '=' && s[0] != 'f' && s[0] != 'a') || s[1] != '|') return false;
  size_t b1 = s.find('|', 2);
  if (b1 == std::string_view::npos) return false;
  size_t b2 = s.find('|', b1 + 1);
  if (b2 == std::string_view::npos) return false;
  auto num = [](std::string_view d, uint32_t* v) {
    if (d.empty() || d.size() > 4) return false;
    *v = 0;
    for (char c : d) {
      if (c < '0' || c > '9') return false;
      *v = *v * 10 + static_cast<uint32_t>(c - '0');
    }
    return true;
  };
  EditScript e;
  e.lower = s[0];
  if (!num(s.substr(2, b1 - 2), &e.strip_prefix) || !num(s.substr(b1 + 1, b2 - b1 - 1), &e.cut)) {
    return false;
  }
  e.append = std::string(s.substr(b2 + 1));
  *out = std::move(e);
  return true;
}

EditScript EditScript::Between(std::string_view form, std::string_view lemma) {
  EditScript best;
  size_t best_lcp = 0;
  bool have = false;
  for (char lower : {'=', 'f', 'a'}) {
    std::string cf = CaseOf(form, lower);
    if (lower != '=' && cf == form) continue;
    for (uint32_t p : {0u, 2u}) {
      if (p == 2 && cf.compare(0, 2, "ge") != 0) continue;
      std::string_view rest = std::string_view(cf).substr(p);
      size_t lcp = 0;
      while (lcp < rest.size() && lcp < lemma.size() && rest[lcp] == lemma[lcp]) ++lcp;
      while (lcp > 0 && ((lcp < rest.size() && IsCont(rest[lcp])) ||
                         (lcp < lemma.size() && IsCont(lemma[lcp])))) {
        --lcp;
      }
      // Prefer keeping the case and the prefix unless that loses at least two characters.
      size_t bonus = (lower == '=' ? 0 : 1) + (p ? 1 : 0);
      if (!have || lcp > best_lcp + bonus) {
        have = true;
        best_lcp = lcp;
        best.lower = lower;
        best.strip_prefix = p;
        best.cut = static_cast<uint32_t>(rest.size() - lcp);
        best.append = std::string(lemma.substr(lcp));
      }
    }
  }
  return best;
}

bool EditScript::Apply(std::string_view form, std::string* lemma) const {
  std::string cf = CaseOf(form, lower);
  if (strip_prefix) {
    if (cf.size() < strip_prefix || cf.compare(0, 2, "ge") != 0) return false;
    cf.erase(0, strip_prefix);
  }
  if (cut > cf.size()) return false;
  size_t keep = cf.size() - cut;
  if (keep < cf.size() && IsCont(cf[keep])) return false;
  if (keep == 0 && append.empty()) return false;
  *lemma = cf.substr(0, keep) + append;
  return true;
}

// ---------------------------------------------------------------- Lemmatizer

std::optional<std::string_view> Lemmatizer::Lookup(std::string_view form,
                                                   std::string_view xpos) const {
  thread_local std::string key;
  key.assign(form);
  key.push_back('\t');
  key.append(xpos);
  return lexicon_.Find(key);
}

std::string Lemmatizer::Classify(std::string_view form, std::string_view upos,
                                 std::string_view xpos) const {
  thread_local Scratch s;
  Features(form, upos, xpos, &s.fv);
  const uint32_t n = model_.num_classes();
  s.scores.assign(n, 0.0f);
  model_.AddScores(s.fv.keys(), s.scores.data());
  std::string out;
  // The best script that fits the form.
  for (int tries = 0; tries < 8; ++tries) {
    uint32_t best = learn::LinearModel::ArgMax(s.scores.data(), n);
    if (scripts_[best].Apply(form, &out)) return out;
    s.scores[best] = -1e30f;
  }
  return std::string(form);
}

bool Lemmatizer::Compound(std::string_view form, std::string_view upos, std::string_view xpos,
                          std::string* out) const {
  const bool verb = xpos.starts_with("WW");
  const bool noun = xpos.starts_with("N|soort") || xpos.starts_with("ADJ");
  if ((!noun && !verb) || upos == "PROPN") return false;
  // Hyphenated: "BSE-onderzoek" -> "BSE_onderzoek", "derde-rondepartij" -> "derde_ronde_partij".
  size_t dash = form.rfind('-');
  if (dash != std::string_view::npos && dash > 0 && dash + 1 < form.size()) {
    std::string_view head = form.substr(dash + 1);
    std::string hl;
    if (auto h = Lookup(head, xpos)) {
      hl = std::string(*h);
    } else if (!Compound(head, upos, xpos, &hl)) {
      hl = Classify(head, upos, xpos);
    }
    std::string first(form.substr(0, dash));
    std::replace(first.begin(), first.end(), '-', '_');
    *out = first + "_" + hl;
    return true;
  }
  std::string low = Lower(form);
  if (verb) {
    // Separable verbs with the particle attached: "afhaken", "afgetroefd", "ingecalculeerde".
    for (const std::string& p : particles_) {
      if (low.size() < p.size() + 3 || low.compare(0, p.size(), p) != 0) continue;
      std::string_view rest = std::string_view(low).substr(p.size());
      std::optional<std::string_view> r = Lookup(rest, xpos);
      if (!r) r = verb_forms_.Find(rest);
      std::string guess;
      if (!r && xpos.starts_with("WW|vd") && rest.starts_with("ge") && CodePoints(rest) >= 5) {
        guess = Classify(rest, upos, xpos);
        r = guess;
      }
      if (r && r->find('_') == std::string_view::npos) {
        *out = p + "_" + std::string(*r);
        return true;
      }
    }
    return false;
  }
  // Compound: the longest known head word after a known stem, with an optional linking s/en.
  std::string_view lv = low;
  int guesses = 0;  // classifier calls for unknown heads, at most two per word
  for (size_t j = 1; j + 3 <= lv.size(); ++j) {
    if (IsCont(lv[j])) continue;
    std::string_view a = lv.substr(0, j), b = lv.substr(j);
    if (CodePoints(a) < 3 || CodePoints(b) < 3) continue;
    std::string_view stem;
    for (std::string_view link : {"en", "s"}) {
      if (a.size() > link.size() + 2 && a.ends_with(link) &&
          stems_.Contains(a.substr(0, a.size() - link.size()))) {
        stem = a.substr(0, a.size() - link.size());
        break;
      }
    }
    if (stem.empty() && stems_.Contains(a)) stem = a;
    if (stem.empty()) continue;
    std::string lb;
    if (auto l = Lookup(b, xpos)) {
      if (CodePoints(b) < 4 && CodePoints(a) < 4) continue;
      lb = std::string(*l);
    } else if (CodePoints(b) >= 6 && guesses < 2) {
      ++guesses;
      lb = Classify(b, upos, xpos);
      if (!stems_.Contains(lb)) continue;
    } else {
      continue;
    }
    *out = std::string(stem) + "_" + lb;
    return true;
  }
  return false;
}

std::string Lemmatizer::Lemmatize(std::string_view form, std::string_view upos,
                                  std::string_view xpos) const {
  if (auto l = Lookup(form, xpos)) return std::string(*l);
  if (StartsUpper(form)) {
    std::string low = LowerFirst(form);
    if (auto l = Lookup(low, xpos)) return std::string(*l);
  }
  std::string out;
  if (Compound(form, upos, xpos, &out)) return out;
  return Classify(form, upos, xpos);
}

void Lemmatizer::LemmatizeSentence(const std::vector<std::string_view>& forms,
                                   const std::vector<std::string_view>& upos,
                                   const std::vector<std::string_view>& xpos,
                                   std::vector<std::string>* lemmas) const {
  const size_t n = forms.size();
  lemmas->resize(n);
  for (size_t i = 0; i < n; ++i) (*lemmas)[i] = Lemmatize(forms[i], upos[i], xpos[i]);
  if (particle_rate_.empty()) return;
  // Separated particles: "spoorde haar aan" and "om op te stappen".
  thread_local std::string low, key;
  for (size_t j = 0; j < n; ++j) {
    if (xpos[j].starts_with("WW")) continue;
    if (forms[j].size() > 12) continue;  // no particle is that long
    low = Lower(forms[j]);
    key.assign(low);
    key.push_back('\t');
    key.append(xpos[j]);
    auto pr = particle_rate_.find(key);
    if (pr == particle_rate_.end() || pr->second < 0.05f) continue;
    size_t verb = n;
    if (j + 2 < n && forms[j + 1] == "te" && xpos[j + 2].starts_with("WW|inf")) {
      verb = j + 2;
    } else {
      for (size_t k = j; k-- > 0;) {
        std::string_view f = forms[k];
        if (f == "," || f == ";" || f == ":" || f == "(" || f == ")" || upos[k] == "SCONJ") break;
        if (xpos[k].starts_with("WW")) {
          if (xpos[k].starts_with("WW|pv")) verb = k;
          break;
        }
      }
    }
    if (verb == n) continue;
    std::string& vl = (*lemmas)[verb];
    if (vl.find('_') != std::string::npos) continue;
    std::string joined = low + "_" + vl;
    if (particle_verbs_.empty()) continue;
    if (particle_verbs_.Contains(joined) || pr->second >= 0.5f) vl = std::move(joined);
  }
}

void Lemmatizer::Lemmatize(Doc& doc) const {
  doc.lemma.resize(doc.tokens.size());
  std::vector<std::string_view> forms, upos, xpos;
  std::vector<std::string> lemmas;
  for (const Sentence& s : doc.sentences) {
    forms.clear();
    upos.clear();
    xpos.clear();
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      forms.push_back(doc.TokenText(t));
      upos.push_back(doc.upos[t]);
      xpos.push_back(doc.xpos[t]);
    }
    LemmatizeSentence(forms, upos, xpos, &lemmas);
    for (size_t i = 0; i < lemmas.size(); ++i) doc.lemma[s.token_begin + i] = std::move(lemmas[i]);
  }
}

Result<std::shared_ptr<const Lemmatizer>> Lemmatizer::Load(const std::string& path) {
  auto r = learn::ModelReader::Open(path, kLemmatizerStage);
  if (!r.ok()) return r.status();
  return FromModel(r.value());
}

Result<std::shared_ptr<const Lemmatizer>> Lemmatizer::FromModel(const learn::ModelReader& model) {
  if (model.info().feature_set != kLemmatizerFeatureSet) {
    return MakeError(StatusCode::kUnsupported, ErrorId::kModelVersion,
                     "lemmatizer model has feature set '" + model.info().feature_set +
                         "', this kroniek computes '" + kLemmatizerFeatureSet + "'");
  }
  std::shared_ptr<Lemmatizer> lem(new Lemmatizer());
  const bool flat = model.Section("LEMF").has_value();
  for (const char* tag : {"SCRP", "LINM"}) {
    auto s = model.Require(tag);
    if (!s.ok()) return s.status();
  }
  if (flat) {
    // Format 2: particles and rates, then the word lists used in place.
    std::string_view bytes = *model.Section("LEMF");
    learn::ByteReader r(bytes);
    uint64_t m = r.Count(1);
    for (uint64_t i = 0; i < m && r.ok(); ++i) lem->particles_.emplace_back(r.Str());
    uint64_t n = r.Count(2);
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      std::string k(r.Str());
      float rate = static_cast<float>(r.U8()) / 100.0f;
      lem->particle_rate_.emplace(std::move(k), rate);
    }
    if (!r.ok()) return model.Corrupt("LEMF", "does not decode");
    size_t pos = r.pos();
    const size_t pad = (8 - pos % 8) % 8;
    if (bytes.size() - pos < pad ||
        bytes.substr(pos, pad).find_first_not_of('\0') != std::string_view::npos) {
      return model.Corrupt("LEMF", "does not decode");
    }
    pos += pad;
    for (learn::StringMap* sm :
         {&lem->lexicon_, &lem->stems_, &lem->particle_verbs_, &lem->verb_forms_}) {
      if (!learn::StringMap::ReadFrom(bytes, &pos, sm, model.owner())) {
        return model.Corrupt("LEMF", "does not decode");
      }
    }
    if (pos != bytes.size()) return model.Corrupt("LEMF", "does not decode");
  } else {
    for (const char* tag : {"LEXI", "STEM", "PART"}) {
      auto s = model.Require(tag);
      if (!s.ok()) return s.status();
    }
    learn::ByteReader r(*model.Section("LEXI"));
    uint64_t n = r.Count(3);
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      std::string_view k = r.Str();
      std::string_view v = r.Str();
      lem->lexicon_.Insert(k, v);
    }
    if (!r.ok() || !r.AtEnd()) return model.Corrupt("LEXI", "does not decode");
  }
  if (!flat) {
    learn::ByteReader r(*model.Section("STEM"));
    uint64_t n = r.Count(1);
    for (uint64_t i = 0; i < n && r.ok(); ++i) lem->stems_.Insert(r.Str());
    uint64_t m = r.Count(1);
    for (uint64_t i = 0; i < m && r.ok(); ++i) lem->particles_.emplace_back(r.Str());
    if (!r.ok() || !r.AtEnd()) return model.Corrupt("STEM", "does not decode");
  }
  if (!flat) {
    learn::ByteReader r(*model.Section("PART"));
    uint64_t n = r.Count(2);
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      std::string k(r.Str());
      float rate = static_cast<float>(r.U8()) / 100.0f;
      lem->particle_rate_.emplace(std::move(k), rate);
    }
    uint64_t m = r.Count(1);
    for (uint64_t i = 0; i < m && r.ok(); ++i) lem->particle_verbs_.Insert(r.Str());
    uint64_t v = r.Count(2);
    for (uint64_t i = 0; i < v && r.ok(); ++i) {
      std::string_view k = r.Str();
      std::string_view l = r.Str();
      lem->verb_forms_.Insert(k, l);
    }
    if (!r.ok() || !r.AtEnd()) return model.Corrupt("PART", "does not decode");
    for (learn::StringMap* sm :
         {&lem->lexicon_, &lem->stems_, &lem->verb_forms_, &lem->particle_verbs_}) {
      if (!sm->Freeze()) return model.Corrupt("LEXI", "two words with the same hash");
    }
  }
  {
    learn::ByteReader r(*model.Section("SCRP"));
    uint64_t n = r.Count(1);
    for (uint64_t i = 0; i < n && r.ok(); ++i) {
      EditScript e;
      if (!EditScript::Decode(r.Str(), &e)) return model.Corrupt("SCRP", "bad edit script");
      lem->scripts_.push_back(std::move(e));
    }
    if (!r.ok() || !r.AtEnd() || lem->scripts_.empty()) {
      return model.Corrupt("SCRP", "does not decode");
    }
  }
  if (!learn::LinearModel::Deserialize(*model.Section("LINM"), &lem->model_, model.owner()) ||
      lem->model_.num_classes() != lem->scripts_.size()) {
    return model.Corrupt("LINM", "does not decode");
  }
  return std::shared_ptr<const Lemmatizer>(std::move(lem));
}

namespace {

template <typename Map>
std::vector<std::pair<std::string_view, float>> SortedRates(const Map& m) {
  std::vector<std::pair<std::string_view, float>> rates(m.begin(), m.end());
  std::sort(rates.begin(), rates.end());
  return rates;
}

uint8_t Percent(float r) { return static_cast<uint8_t>(std::min(100.0f, r * 100.0f + 0.5f)); }

}  // namespace

void Lemmatizer::Save(learn::ModelWriter* w) const {
  {
    learn::ByteWriter b;
    b.Var(particles_.size());
    for (const auto& p : particles_) b.Str(p);
    auto rates = SortedRates(particle_rate_);
    b.Var(rates.size());
    for (const auto& [k, r] : rates) {
      b.Str(k);
      b.U8(Percent(r));
    }
    std::string out = b.Take();
    out.resize((out.size() + 7) / 8 * 8, '\0');
    for (const learn::StringMap* sm : {&lexicon_, &stems_, &particle_verbs_, &verb_forms_}) {
      sm->AppendTo(&out);
    }
    w->AddSection("LEMF", std::move(out), learn::SectionCodec::kStored);
  }
  {
    learn::ByteWriter b;
    b.Var(scripts_.size());
    for (const auto& e : scripts_) b.Str(e.Encode());
    w->AddSection("SCRP", b.Take());
  }
  w->AddSection("LINM", model_.Serialize(), learn::SectionCodec::kStored);
}

void Lemmatizer::SaveCompact(learn::ModelWriter* w) const {
  {
    learn::ByteWriter b;
    auto v = lexicon_.Entries();
    b.Var(v.size());
    for (const auto& [k, l] : v) {
      b.Str(k);
      b.Str(l);
    }
    w->AddSection("LEXI", b.Take());
  }
  {
    auto v = stems_.Entries();
    learn::ByteWriter b;
    b.Var(v.size());
    for (const auto& [s, unused] : v) b.Str(s);
    b.Var(particles_.size());
    for (const auto& p : particles_) b.Str(p);
    w->AddSection("STEM", b.Take());
  }
  {
    learn::ByteWriter b;
    auto rates = SortedRates(particle_rate_);
    b.Var(rates.size());
    for (const auto& [k, r] : rates) {
      b.Str(k);
      b.U8(Percent(r));
    }
    auto pv = particle_verbs_.Entries();
    b.Var(pv.size());
    for (const auto& [x, unused] : pv) b.Str(x);
    auto vf = verb_forms_.Entries();
    b.Var(vf.size());
    for (const auto& [k, l] : vf) {
      b.Str(k);
      b.Str(l);
    }
    w->AddSection("PART", b.Take());
  }
  {
    learn::ByteWriter b;
    b.Var(scripts_.size());
    for (const auto& e : scripts_) b.Str(e.Encode());
    w->AddSection("SCRP", b.Take());
  }
  w->AddSection("LINM", model_.SerializeCompact());
}

double ScoreLemmatizer(const Lemmatizer& lem, const std::vector<AnnotatedSentence>& gold) {
  size_t n = 0, ok = 0;
  std::vector<std::string> out;
  for (const auto& s : gold) {
    std::vector<std::string_view> f(s.form.begin(), s.form.end()), u(s.upos.begin(), s.upos.end()),
        x(s.xpos.begin(), s.xpos.end());
    lem.LemmatizeSentence(f, u, x, &out);
    for (size_t i = 0; i < s.size(); ++i) {
      ++n;
      ok += out[i] == s.lemma[i];
    }
  }
  return n ? 100.0 * static_cast<double>(ok) / static_cast<double>(n) : 0.0;
}

// ---------------------------------------------------------------- training

class LemmatizerTrainer {
 public:
  static Result<std::shared_ptr<const Lemmatizer>> Train(
      const std::vector<AnnotatedSentence>& train, const std::vector<DevSet>& dev,
      const LemmatizerTrainOptions& o, std::vector<double>* dev_scores) {
    auto say = [&](const std::string& s) {
      if (o.progress) o.progress(s);
    };
    std::shared_ptr<Lemmatizer> lem(new Lemmatizer());
    // (form, xpos) -> lemma counts, in a deterministic order.
    std::map<std::string, std::map<std::string, size_t>> counts;
    std::map<std::string, std::pair<std::string, std::string>> key_tags;  // key -> upos, xpos
    std::map<std::string, size_t> particle_counts;
    std::map<std::string, std::pair<size_t, size_t>> separated;  // form -> (as particle, all)
    std::map<std::string, std::map<std::string, size_t>> verb_forms;
    for (const auto& s : train) {
      for (size_t i = 0; i < s.size(); ++i) {
        if (s.lemma[i].empty() || (s.lemma[i] == "_" && s.form[i] != "_")) continue;
        std::string k = Key(Lower(s.form[i]), s.xpos[i]);
        ++separated[k].second;
        if (s.deprel[i] == "compound:prt") ++separated[k].first;
      }
      for (size_t i = 0; i < s.size(); ++i) {
        if (s.lemma[i].empty() || (s.lemma[i] == "_" && s.form[i] != "_")) continue;
        std::string l = s.lemma[i];
        const bool verb = s.xpos[i].starts_with("WW");
        if (verb && l.find('_') != std::string::npos) {
          lem->particle_verbs_.Insert(Lower(l));
          ++particle_counts[Lower(l.substr(0, l.find('_')))];
          // A particle that stands apart in this sentence is not part of this word's lemma:
          // "spoorde" is "sporen" here, the sentence pass adds "aan_" again.
          std::string low = Lower(s.form[i]);
          size_t us;
          while ((us = l.find('_')) != std::string::npos &&
                 low.compare(0, us, Lower(l.substr(0, us))) != 0) {
            l.erase(0, us + 1);
          }
        }
        std::string k = Key(s.form[i], s.xpos[i]);
        ++counts[k][l];
        key_tags.emplace(k, std::make_pair(s.upos[i], s.xpos[i]));
        if (verb) ++verb_forms[Lower(s.form[i])][l];
        // Compound stems: every part of a compound lemma, and the lemmas of content words.
        if (l.find('_') != std::string::npos || s.upos[i] == "NOUN" || s.upos[i] == "ADJ" ||
            s.upos[i] == "VERB" || s.upos[i] == "NUM" || s.upos[i] == "ADV") {
          size_t start = 0;
          while (start <= l.size()) {
            size_t e = l.find('_', start);
            if (e == std::string::npos) e = l.size();
            std::string part = Lower(l.substr(start, e - start));
            if (CodePoints(part) >= 3) lem->stems_.Insert(part);
            start = e + 1;
          }
        }
      }
    }
    for (const auto& [f, c] : separated) {
      if (c.first >= 2) {
        lem->particle_rate_.emplace(f, static_cast<float>(c.first) / static_cast<float>(c.second));
      }
    }
    for (const auto& [f, ls] : verb_forms) {
      if (ls.size() == 1) lem->verb_forms_.Insert(f, ls.begin()->first);
    }
    for (const auto& [p, c] : particle_counts) {
      if (c >= 3 && CodePoints(p) >= 2) lem->particles_.push_back(p);
    }
    std::sort(lem->particles_.begin(), lem->particles_.end(),
              [](const std::string& a, const std::string& b) {
                return a.size() != b.size() ? a.size() > b.size() : a < b;
              });
    // Lexicon and edit-script training types.
    struct Example {
      std::string form, upos, xpos;
      uint32_t script;
    };
    std::map<std::string, size_t> script_counts;
    std::vector<std::tuple<std::string, std::string, std::string, std::string>> types;
    for (const auto& [k, lemmas] : counts) {
      std::string best;
      size_t bc = 0;
      for (const auto& [l, c] : lemmas) {
        if (c > bc) bc = c, best = l;
      }
      std::string form = k.substr(0, k.find('\t'));
      lem->lexicon_.Insert(k, best);
      const auto& [upos, xpos] = key_tags[k];
      std::string plain = StripUnderscores(best);
      if (plain.empty()) continue;
      ++script_counts[EditScript::Between(form, plain).Encode()];
      types.emplace_back(form, upos, xpos, plain);
    }
    std::map<std::string, uint32_t> script_ids;
    for (const auto& [code, c] : script_counts) {
      if (c < o.min_script_count) continue;
      EditScript e;
      if (!EditScript::Decode(code, &e)) continue;
      script_ids[code] = static_cast<uint32_t>(lem->scripts_.size());
      lem->scripts_.push_back(std::move(e));
    }
    if (lem->scripts_.empty()) {
      return InvalidInput(ErrorId::kTrainData, "the training data has no lemmas to learn from");
    }
    std::vector<Example> examples;
    for (auto& [form, upos, xpos, plain] : types) {
      auto it = script_ids.find(EditScript::Between(form, plain).Encode());
      if (it == script_ids.end()) continue;
      examples.push_back(Example{form, upos, xpos, it->second});
    }
    // The word lists are complete: to the layout a loaded model has.
    for (learn::StringMap* m :
         {&lem->lexicon_, &lem->stems_, &lem->verb_forms_, &lem->particle_verbs_}) {
      if (!m->Freeze()) {
        return MakeError(StatusCode::kInternal, ErrorId::kInternal,
                         "two lemmatizer words have the same 64-bit hash");
      }
    }
    say("lexicon " + std::to_string(lem->lexicon_.size()) + " entries, " +
        std::to_string(lem->stems_.size()) + " stems, " + std::to_string(lem->particles_.size()) +
        " particles, " + std::to_string(lem->scripts_.size()) + " edit scripts, " +
        std::to_string(examples.size()) + " training types");
    const uint32_t nc = static_cast<uint32_t>(lem->scripts_.size());
    learn::PerceptronTrainer trainer(nc);
    learn::Rng rng(o.seed);
    std::vector<size_t> order(examples.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    FeatureVector fv;
    std::vector<float> scores(nc);
    for (int epoch = 1; epoch <= o.epochs; ++epoch) {
      learn::Shuffle(order, rng);
      size_t ok = 0;
      for (size_t i : order) {
        const Example& e = examples[i];
        Features(e.form, e.upos, e.xpos, &fv);
        std::fill(scores.begin(), scores.end(), 0.0f);
        trainer.AddScores(fv.keys(), scores.data());
        uint32_t guess = learn::LinearModel::ArgMax(scores.data(), nc);
        trainer.Update(fv.keys(), e.script, guess);
        trainer.NextExample();
        ok += guess == e.script;
      }
      char buf[128];
      std::snprintf(buf, sizeof buf, "epoch %d: train types %.2f%%", epoch,
                    100.0 * ok / std::max<size_t>(examples.size(), 1));
      say(buf);
    }
    lem->model_ = trainer.Average();
    if (dev_scores) dev_scores->clear();
    for (const DevSet& d : dev) {
      double s = ScoreLemmatizer(*lem, *d.sentences);
      if (dev_scores) dev_scores->push_back(s);
      char buf[128];
      std::snprintf(buf, sizeof buf, "%s: Lemmas %.2f (gold tags)", d.name.c_str(), s);
      say(buf);
    }
    return std::shared_ptr<const Lemmatizer>(std::move(lem));
  }
};

Result<std::shared_ptr<const Lemmatizer>> TrainLemmatizer(
    const std::vector<AnnotatedSentence>& train, const std::vector<DevSet>& dev,
    const LemmatizerTrainOptions& options, std::vector<double>* dev_scores) {
  if (train.empty()) return InvalidInput(ErrorId::kTrainData, "no training sentences");
  return LemmatizerTrainer::Train(train, dev, options, dev_scores);
}

namespace {
class LemmatizerStage : public Stage {
 public:
  explicit LemmatizerStage(std::shared_ptr<const Lemmatizer> l) : l_(std::move(l)) {}
  std::string Name() const override { return "lemmatizer"; }
  LayerSet Reads() const override {
    return {Layer::kTokens, Layer::kSentences, Layer::kUpos, Layer::kXpos};
  }
  LayerSet Writes() const override { return {Layer::kLemma}; }
  Status Process(Doc& doc) const override {
    l_->Lemmatize(doc);
    return Status();
  }

 private:
  std::shared_ptr<const Lemmatizer> l_;
};
}  // namespace

std::unique_ptr<Stage> MakeLemmatizerStage(std::shared_ptr<const Lemmatizer> lemmatizer) {
  return std::make_unique<LemmatizerStage>(std::move(lemmatizer));
}

}  // namespace kroniek::tag
