#include "eval/news_eval.h"

#include <unicode/locid.h>
#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cstdio>
#include <map>
#include <nlohmann/json.hpp>
#include <optional>
#include <set>
#include <tuple>

#include "base/errors.h"
#include "base/utf8.h"

namespace kroniek::eval {
namespace {

using nlohmann::json;

// Python's str.isspace for one code point.
bool IsPySpace(uint32_t c) {
  if ((c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0) return true;
  if (c == 0x1680 || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F ||
      c == 0x205F || c == 0x3000) {
    return true;
  }
  return false;
}

std::vector<std::string> SplitPy(std::string_view s) {
  std::vector<std::string> out;
  std::string cur;
  size_t i = 0;
  while (i < s.size()) {
    size_t b = i;
    uint32_t c = utf8::Next(s, i);
    if (IsPySpace(c)) {
      if (!cur.empty()) out.push_back(std::move(cur)), cur.clear();
    } else {
      cur.append(s.substr(b, i - b));
    }
  }
  if (!cur.empty()) out.push_back(std::move(cur));
  return out;
}

std::string Str(const json& j, const char* key) {
  auto it = j.find(key);
  if (it == j.end() || !it->is_string()) return "";
  return it->get<std::string>();
}

std::set<std::string> TokSet(std::string_view s) {
  std::string n = NormalizeForScoring(s);
  for (char& c : n) {
    if (c == '"' || c == '\'') c = ' ';
  }
  std::vector<std::string> words = SplitPy(n);
  return std::set<std::string>(words.begin(), words.end());
}

struct EntityStrings {
  std::string type;
  std::set<std::string> names;
};

// A JSON value compared as Python's str() would print it: strings as themselves, null as None.
std::string PyStr(const json& j) {
  if (j.is_string()) return j.get<std::string>();
  if (j.is_null()) return "None";
  return j.dump();
}

double Round1(double v) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.1f", v);
  return std::strtod(buf, nullptr);
}

}  // namespace

std::string NormalizeForScoring(std::string_view s) {
  UErrorCode err = U_ZERO_ERROR;
  const icu::Normalizer2* nfc = icu::Normalizer2::getNFCInstance(err);
  icu::UnicodeString u =
      icu::UnicodeString::fromUTF8(icu::StringPiece(s.data(), static_cast<int32_t>(s.size())));
  if (U_SUCCESS(err)) {
    icu::UnicodeString n = nfc->normalize(u, err);
    if (U_SUCCESS(err)) u = n;
  }
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2019)), icu::UnicodeString("'"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x2018)), icu::UnicodeString("'"));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x201C)), icu::UnicodeString("\""));
  u.findAndReplace(icu::UnicodeString(static_cast<UChar>(0x201D)), icu::UnicodeString("\""));
  std::string folded;
  u.toUTF8String(folded);
  // " ".join(s.split())
  std::vector<std::string> words = SplitPy(folded);
  std::string joined;
  for (size_t i = 0; i < words.size(); ++i) {
    if (i) joined.push_back(' ');
    joined += words[i];
  }
  // .strip(" .,;:\"'")
  auto strip = [](char c) {
    return std::string_view(" .,;:\"'").find(c) != std::string_view::npos;
  };
  size_t b = 0, e = joined.size();
  while (b < e && strip(joined[b])) ++b;
  while (e > b && strip(joined[e - 1])) --e;
  icu::UnicodeString t = icu::UnicodeString::fromUTF8(
      icu::StringPiece(joined.data() + b, static_cast<int32_t>(e - b)));
  t.toLower(icu::Locale::getRoot());
  std::string out;
  t.toUTF8String(out);
  return out;
}

double WordOverlap(std::string_view a, std::string_view b) {
  std::set<std::string> ta = TokSet(a), tb = TokSet(b);
  if (ta.empty() || tb.empty()) return 0.0;
  size_t inter = 0;
  for (const auto& w : ta) inter += tb.count(w);
  size_t uni = ta.size() + tb.size() - inter;
  double jac = static_cast<double>(inter) / static_cast<double>(uni);
  double small = static_cast<double>(std::min(ta.size(), tb.size()));
  double large = static_cast<double>(std::max(ta.size(), tb.size()));
  if (jac < 0.5 && static_cast<double>(inter) >= 0.9 * small && small / large >= 0.25) return 0.5;
  return jac;
}

Result<NewsScores> ScoreNews(const std::vector<NewsPair>& docs) {
  NewsScores c;
  for (size_t di = 0; di < docs.size(); ++di) {
    json g = json::parse(docs[di].gold_json, nullptr, false);
    if (g.is_discarded() || !g.is_object()) {
      return InvalidInput(ErrorId::kBadGold,
                          "gold document " + std::to_string(di + 1) + " is not a JSON object");
    }
    json d = json::object();
    if (docs[di].system_json.empty()) {
      ++c.docs_missing;
    } else {
      d = json::parse(docs[di].system_json, nullptr, false);
      if (d.is_discarded() || !d.is_object()) {
        return InvalidInput(ErrorId::kBadJson,
                            "system document for '" + Str(g, "id") + "' is not a JSON object");
      }
    }
    ++c.docs;
    auto arr = [](const json& j, const char* key) -> const json& {
      static const json kEmpty = json::array();
      auto it = j.find(key);
      return it != j.end() && it->is_array() ? *it : kEmpty;
    };
    // ---- entities
    std::map<std::string, EntityStrings> ge;  // gold name -> strings (last entity of a name wins)
    for (const json& e : arr(g, "entities")) {
      EntityStrings es;
      es.type = Str(e, "type");
      es.names.insert(NormalizeForScoring(Str(e, "name")));
      for (const json& m : arr(e, "mentions")) {
        if (m.is_string()) es.names.insert(NormalizeForScoring(m.get<std::string>()));
      }
      es.names.erase("");
      ge[Str(e, "name")] = std::move(es);
    }
    std::map<std::string, EntityStrings> se;  // system id -> strings
    for (const json& e : arr(d, "entities")) {
      EntityStrings es;
      es.type = Str(e, "type");
      es.names.insert(NormalizeForScoring(Str(e, "name")));
      for (const json& m : arr(e, "mentions")) es.names.insert(NormalizeForScoring(Str(m, "text")));
      es.names.erase("");
      se[Str(e, "id")] = std::move(es);
    }
    std::vector<std::tuple<size_t, std::string, std::string>> pairs;
    for (const auto& [gname, gs] : ge) {
      for (const auto& [sid, ss] : se) {
        size_t shared = 0;
        for (const auto& x : gs.names) shared += ss.names.count(x);
        if (shared && gs.type == ss.type) pairs.emplace_back(shared, gname, sid);
      }
    }
    std::sort(pairs.rbegin(), pairs.rend());
    std::set<std::string> used_g, used_s;
    std::map<std::string, std::string> id2gold;
    int matched = 0;
    for (const auto& [shared, gname, sid] : pairs) {
      if (used_g.count(gname) || used_s.count(sid)) continue;
      used_g.insert(gname);
      used_s.insert(sid);
      id2gold[sid] = gname;
      ++matched;
    }
    c.entities.gold += static_cast<int>(ge.size());
    c.entities.system += static_cast<int>(se.size());
    c.entities.tp_gold += matched;
    c.entities.tp_system += matched;
    // ---- mentions: distinct (string, type) pairs
    std::set<std::pair<std::string, std::string>> gm, sm;
    for (const auto& [gname, gs] : ge) {
      for (const json& e : arr(g, "entities")) {
        if (Str(e, "name") != gname) continue;
        for (const json& m : arr(e, "mentions")) {
          if (m.is_string()) gm.emplace(NormalizeForScoring(m.get<std::string>()), gs.type);
        }
        break;  // the first entity of that name
      }
    }
    for (const json& e : arr(d, "entities")) {
      for (const json& m : arr(e, "mentions"))
        sm.emplace(NormalizeForScoring(Str(m, "text")), Str(e, "type"));
    }
    int men_tp = 0;
    for (const auto& x : gm) men_tp += static_cast<int>(sm.count(x));
    c.mentions.gold += static_cast<int>(gm.size());
    c.mentions.system += static_cast<int>(sm.size());
    c.mentions.tp_gold += men_tp;
    c.mentions.tp_system += men_tp;
    // ---- quotes
    const json& gq = arr(g, "quotes");
    const json& sq = arr(d, "quotes");
    c.quotes.gold += static_cast<int>(gq.size());
    c.quotes.system += static_cast<int>(sq.size());
    std::set<size_t> used;
    for (const json& q : gq) {
      double best = 0.0;
      std::optional<size_t> bj;
      for (size_t j = 0; j < sq.size(); ++j) {
        if (used.count(j)) continue;
        double o = WordOverlap(Str(q, "text"), Str(sq[j], "text"));
        if (o > best) best = o, bj = j;
      }
      if (best >= 0.5 && bj) {
        ++c.quotes.tp_gold;
        used.insert(*bj);
        std::string speaker = Str(q, "speaker");
        if (!speaker.empty()) {
          ++c.quote_speaker_n;
          const json& sp = sq[*bj].contains("speaker") ? sq[*bj]["speaker"] : json();
          if (sp.is_string()) {
            auto it = id2gold.find(sp.get<std::string>());
            if (it != id2gold.end() && it->second == speaker) ++c.quote_speaker_ok;
          }
        }
      }
    }
    c.quotes.tp_system += static_cast<int>(used.size());
    // ---- times
    const json& gt = arr(g, "times");
    const json& st = arr(d, "times");
    c.times.gold += static_cast<int>(gt.size());
    c.times.system += static_cast<int>(st.size());
    used.clear();
    for (const json& t : gt) {
      std::optional<std::pair<double, size_t>> best;
      for (size_t j = 0; j < st.size(); ++j) {
        if (used.count(j)) continue;
        double o = WordOverlap(Str(t, "text"), Str(st[j], "text"));
        if (o >= 0.5 && (!best || std::make_pair(o, j) > *best)) best = std::make_pair(o, j);
      }
      if (best) {
        size_t j = best->second;
        used.insert(j);
        ++c.times.tp_gold;
        json sv = st[j].contains("value") ? st[j]["value"] : json();
        json gv = t.contains("value") ? t["value"] : json();
        if (PyStr(sv) == PyStr(gv)) ++c.time_value_ok;
      }
    }
    c.times.tp_system += static_cast<int>(used.size());
    // ---- events
    const json& gv = arr(g, "events");
    const json& sv = arr(d, "events");
    c.events.gold += static_cast<int>(gv.size());
    c.events.system += static_cast<int>(sv.size());
    used.clear();
    for (const json& v : gv) {
      for (size_t j = 0; j < sv.size(); ++j) {
        const json& s = sv[j];
        if (used.count(j) || Str(s, "type") != Str(v, "type")) continue;
        std::string trig;
        if (s.contains("trigger") && s["trigger"].is_object()) trig = Str(s["trigger"], "text");
        if (WordOverlap(Str(v, "trigger"), trig) > 0) {
          used.insert(j);
          ++c.events.tp_gold;
          std::set<std::string> ga, sa;
          for (const json& a : arr(v, "actors")) ga.insert(PyStr(a));
          for (const json& a : arr(s, "actors")) {
            auto it = a.is_string() ? id2gold.find(a.get<std::string>()) : id2gold.end();
            sa.insert(it == id2gold.end() ? std::string("\x01None") : it->second);
          }
          if (ga == sa) ++c.event_actor_ok;
          break;
        }
      }
    }
    c.events.tp_system += static_cast<int>(used.size());
  }
  return c;
}

std::string NewsScores::ToJson() const {
  auto prf = [](const Prf& p) {
    nlohmann::ordered_json j;
    j["P"] = Round1(100 * p.P());
    j["R"] = Round1(100 * p.R());
    j["F1"] = Round1(100 * p.F1());
    j["gold"] = p.gold;
    j["system"] = p.system;
    return j;
  };
  nlohmann::ordered_json out = nlohmann::ordered_json::object();
  out["docs"] = docs;
  out["docs_missing"] = docs_missing;
  out["entities"] = prf(entities);
  out["mentions"] = prf(mentions);
  out["quotes"] = prf(quotes);
  out["quote_speaker_acc"] = Round1(100 * QuoteSpeakerAcc());
  out["times"] = prf(times);
  out["time_value_acc"] = Round1(100 * TimeValueAcc());
  out["events"] = prf(events);
  out["event_actor_acc"] = Round1(100 * EventActorAcc());
  return out.dump();
}

std::string NewsScores::ToText() const {
  std::string s;
  char buf[160];
  std::snprintf(buf, sizeof buf, "%zu documents (%d missing from the system output)\n",
                static_cast<size_t>(docs), docs_missing);
  s += buf;
  s += "layer        P      R      F1     gold  system  extra\n";
  auto row = [&](const char* name, const Prf& p, const char* extra_name, double extra) {
    std::snprintf(buf, sizeof buf, "%-9s %6.1f %6.1f %6.1f %7d %7d", name, 100 * p.P(), 100 * p.R(),
                  100 * p.F1(), p.gold, p.system);
    s += buf;
    if (extra_name) {
      std::snprintf(buf, sizeof buf, "  %s %.1f", extra_name, 100 * extra);
      s += buf;
    }
    s += "\n";
  };
  row("entities", entities, nullptr, 0);
  row("mentions", mentions, nullptr, 0);
  row("quotes", quotes, "speaker accuracy", QuoteSpeakerAcc());
  row("times", times, "value accuracy", TimeValueAcc());
  row("events", events, "actor accuracy", EventActorAcc());
  return s;
}

}  // namespace kroniek::eval
