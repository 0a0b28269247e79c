// The readable view of `kroniek analyze` on a terminal (OutputFormat::kText).
//
// One block per document: a header with the id and the metadata, then one compact section per
// analysis layer the Doc carries (a layer that is present but empty says "none found"; an absent
// layer is not shown), then the sentences with their tokens:
//
//   ━━ seed ━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━
//     date       2022-03
//     text       2002 characters, 4 paragraphs, 12 sentences, 339 tokens
//     people     Jens Stoltenberg ×3, Vladimir Poetin
//     places     Brussel, Oekraïne ×5
//     quotes     Jens Stoltenberg: “Wij zijn het sterkste bondgenootschap …” (direct)
//     times      vandaag = 2022-03-24 (DATE)
//     events     NAVO — CONSULT — in Brussel — 2022-03-XX  “topoverleg”
//
//      1  Alle/al/DET leiders/leider/NOUN van/ADP ...
//
// Tokens are separated by spaces, so the tokenisation shows; lemma and UPOS follow a token
// when those layers are present (the lemma only when it differs from the word). With colours
// (WriteOptions::color) names are coloured by type, also inside the sentences.
#include <algorithm>
#include <map>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "io/writers.h"

namespace kroniek::io {
namespace {

constexpr const char* kBold = "1";
constexpr const char* kDim = "2";

const char* TypeColor(std::string_view type) {
  if (type == "PER") return "33";
  if (type == "ORG") return "36";
  if (type == "LOC") return "32";
  if (type == "MISC") return "35";
  return "34";
}

const char* TypeLabel(std::string_view type) {
  if (type == "PER") return "people";
  if (type == "ORG") return "organisations";
  if (type == "LOC") return "places";
  if (type == "MISC") return "other names";
  return nullptr;
}

int TypeRank(std::string_view type) {
  if (type == "PER") return 0;
  if (type == "ORG") return 1;
  if (type == "LOC") return 2;
  if (type == "MISC") return 3;
  return 4;
}

class View {
 public:
  View(const Doc& doc, const WriteOptions& options, std::string* out)
      : d_(doc), color_(options.color), o_(*out) {}

  void Write() {
    Header();
    Names();
    Quotes();
    Times();
    Events();
    Sentences();
  }

 private:
  // Appends `s` in colour `code` (when colours are on).
  void Paint(const char* code, std::string_view s) {
    if (color_) o_.append("\x1b[").append(code).append("m");
    o_.append(s);
    if (color_) o_.append("\x1b[0m");
  }
  // Starts a section line: two spaces and a label padded to a column.
  void Label(std::string_view label) {
    o_.append("  ");
    Paint(kDim, label);
    o_.append(label.size() < 14 ? 14 - label.size() : 1, ' ');
  }
  // Appends `s` on one line: runs of white space become one space; longer than `max` code
  // points is cut with an ellipsis.
  void Clipped(std::string_view s, size_t max) {
    size_t cps = 0;
    bool space = false;
    size_t i = 0;
    while (i < s.size()) {
      unsigned char c = static_cast<unsigned char>(s[i]);
      if (c == ' ' || c == '\n' || c == '\r' || c == '\t') {
        space = true;
        ++i;
        continue;
      }
      if (space && cps > 0) {
        o_.push_back(' ');
        ++cps;
      }
      space = false;
      if (cps >= max) {
        o_.append("…");
        return;
      }
      size_t len = utf8::SequenceLength(s, i);
      if (len == 0) len = 1;
      // Control characters would upset the terminal.
      if (c < 0x20 || c == 0x7F) {
        o_.push_back('?');
      } else {
        o_.append(s.substr(i, len));
      }
      i += len;
      ++cps;
    }
  }
  // "1 token", "2 tokens".
  void Count(size_t n, std::string_view noun) {
    o_.append(std::to_string(n)).push_back(' ');
    o_.append(noun);
    if (n != 1) o_.push_back('s');
  }
  std::string_view EntityName(int32_t e) const {
    if (e < 0 || static_cast<size_t>(e) >= d_.entities.size()) return "?";
    return d_.entities[e].name;
  }

  void Header() {
    o_.append(color_ ? "\x1b[1m" : "").append("━━ ");
    const size_t before = o_.size();
    Clipped(d_.id, 200);
    const size_t used = 4 + utf8::CountCodePoints(std::string_view(o_).substr(before));
    o_.push_back(' ');
    for (size_t i = used; i < 78; ++i) o_.append("━");
    o_.append(color_ ? "\x1b[0m\n" : "\n");
    auto field = [&](std::string_view label, const std::optional<std::string>& v) {
      if (!v) return;
      Label(label);
      Clipped(*v, 200);
      o_.push_back('\n');
    };
    field("date", d_.meta.date);
    field("title", d_.meta.title);
    field("source", d_.meta.source);
    field("url", d_.meta.url);
    if (d_.lang != "nl") field("lang", d_.lang);
    for (const auto& [k, v] : d_.meta.extra) {
      Label(k);
      Clipped(v, 120);
      o_.push_back('\n');
    }
    Label("text");
    size_t paragraphs = 0;
    if (!d_.sentences.empty()) paragraphs = d_.sentences.back().paragraph + 1;
    Count(utf8::CountCodePoints(d_.text), "character");
    if (d_.Has(Layer::kSentences)) {
      if (paragraphs > 1) o_.append(", "), Count(paragraphs, "paragraph");
      o_.append(", ");
      Count(d_.sentences.size(), "sentence");
    }
    if (d_.Has(Layer::kTokens)) {
      o_.append(", ");
      Count(d_.tokens.size(), "token");
    }
    o_.push_back('\n');
  }

  // Names grouped by type: entities when grouped, else mentions counted by their text.
  void Names() {
    struct Item {
      std::string text;
      size_t count = 0;
      std::optional<std::string> kb;
    };
    std::map<std::pair<int, std::string>, std::vector<Item>> groups;  // (rank, type) -> items
    if (d_.Has(Layer::kEntities)) {
      for (const Entity& e : d_.entities) {
        groups[{TypeRank(e.type), e.type}].push_back(Item{e.name, e.mentions.size(), e.kb});
      }
    } else if (d_.Has(Layer::kMentions)) {
      std::map<std::pair<std::string, std::string>, size_t> first;  // (type, text) -> index
      for (const Mention& m : d_.mentions) {
        if (m.kind != MentionKind::kName) continue;
        auto& items = groups[{TypeRank(m.type), m.type}];
        std::string text(d_.SpanText(m.span));
        auto [it, added] = first.emplace(std::make_pair(m.type, text), items.size());
        if (added) items.push_back(Item{text, 0, std::nullopt});
        ++items[it->second].count;
      }
    } else {
      return;
    }
    if (groups.empty()) {
      Label("names");
      Paint(kDim, "none found");
      o_.push_back('\n');
      return;
    }
    for (auto& [key, items] : groups) {
      const char* label = TypeLabel(key.second);
      Label(label ? std::string_view(label) : std::string_view(key.second));
      // Most mentioned first, then by name.
      std::stable_sort(items.begin(), items.end(), [](const Item& a, const Item& b) {
        return a.count != b.count ? a.count > b.count : a.text < b.text;
      });
      for (size_t i = 0; i < items.size(); ++i) {
        if (i) o_.append(", ");
        if (color_) o_.append("\x1b[").append(TypeColor(key.second)).append("m");
        Clipped(items[i].text, 60);
        if (color_) o_.append("\x1b[0m");
        if (items[i].count > 1) o_.append(" ×").append(std::to_string(items[i].count));
        if (items[i].kb) {
          o_.push_back(' ');
          Paint(kDim, "[" + *items[i].kb + "]");
        }
      }
      o_.push_back('\n');
    }
  }

  // A section of one line per item, or "none found".
  template <typename F>
  void ListSection(std::string_view label, size_t n, F item) {
    if (n == 0) {
      Label(label);
      Paint(kDim, "none found");
      o_.push_back('\n');
      return;
    }
    for (size_t i = 0; i < n; ++i) {
      Label(i == 0 ? label : "");
      item(i);
      o_.push_back('\n');
    }
  }

  void Quotes() {
    if (!d_.Has(Layer::kQuotes)) return;
    ListSection("quotes", d_.quotes.size(), [&](size_t i) {
      const Quote& q = d_.quotes[i];
      if (q.speaker >= 0) {
        Paint("33", EntityName(q.speaker));
      } else if (q.speaker_mention) {
        Clipped(d_.SpanText(*q.speaker_mention), 40);
      } else {
        Paint(kDim, "unknown speaker");
      }
      o_.append(": “");
      Clipped(d_.SpanText(q.span), 100);
      o_.append("” ");
      std::string how = std::string("(") + QuoteKindName(q.kind);
      if (q.cue) how += ", " + std::string(d_.SpanText(*q.cue));
      Paint(kDim, how + ")");
    });
  }

  void Times() {
    if (!d_.Has(Layer::kTimes)) return;
    ListSection("times", d_.times.size(), [&](size_t i) {
      const TimeExpr& t = d_.times[i];
      Clipped(d_.SpanText(t.span), 60);
      o_.append(" = ");
      Paint(kBold, t.value);
      Paint(kDim, " (" + t.type + ")");
    });
  }

  // One short sentence per event, in reading order: who — what (→ whom) — where — when, then
  // the trigger and a status other than asserted:
  //   NAVO — CONSULT — in Brussel — 2022-03-XX  “topoverleg”
  void Events() {
    if (!d_.Has(Layer::kEvents)) return;
    std::vector<size_t> order(d_.events.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return d_.events[a].trigger.begin < d_.events[b].trigger.begin;
    });
    constexpr const char* kDash = " — ";
    ListSection("events", d_.events.size(), [&](size_t i) {
      const Event& v = d_.events[order[i]];
      auto names = [&](const std::vector<int32_t>& ids) {
        for (size_t k = 0; k < ids.size(); ++k) {
          if (k) o_.append(", ");
          o_.append(EntityName(ids[k]));
        }
      };
      if (v.actors.empty()) {
        Paint(kDim, "?");
      } else {
        names(v.actors);
      }
      o_.append(kDash);
      Paint(kBold, v.type);
      if (!v.targets.empty()) {
        o_.append(" → ");
        names(v.targets);
      }
      if (v.location >= 0) o_.append(kDash).append("in ").append(EntityName(v.location));
      if (v.time >= 0 && static_cast<size_t>(v.time) < d_.times.size()) {
        o_.append(kDash).append(d_.times[v.time].value);
      } else if (d_.meta.date) {
        o_.append(kDash).append(*d_.meta.date);
      }
      o_.append("  “");
      Clipped(d_.SpanText(v.trigger), 40);
      o_.append("”");
      if (v.status != "asserted") Paint(kDim, " [" + v.status + "]");
    });
  }

  void Sentences() {
    o_.push_back('\n');
    if (!d_.Has(Layer::kTokens) || d_.sentences.empty()) {
      // Not tokenised: the text itself, paragraph by paragraph.
      o_.append("  ");
      for (char c : d_.text) {
        o_.push_back(c);
        if (c == '\n') o_.append("  ");
      }
      o_.push_back('\n');
      return;
    }
    const bool lemma = d_.Has(Layer::kLemma), upos = d_.Has(Layer::kUpos);
    // The mention type of each token, to colour names.
    std::vector<const std::string*> type(color_ ? d_.tokens.size() : 0, nullptr);
    if (color_) {
      for (const Mention& m : d_.mentions) {
        for (uint32_t t = m.token_begin; t < m.token_end && t < type.size(); ++t) type[t] = &m.type;
      }
    }
    const size_t width = std::to_string(d_.sentences.size()).size();
    for (size_t si = 0; si < d_.sentences.size(); ++si) {
      const Sentence& s = d_.sentences[si];
      if (si > 0 && s.paragraph != d_.sentences[si - 1].paragraph) o_.push_back('\n');
      std::string num = std::to_string(si + 1);
      o_.append(2 + width - num.size(), ' ');
      Paint(kDim, num);
      o_.append("  ");
      for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
        if (t > s.token_begin) o_.push_back(' ');
        std::string_view word = d_.TokenText(t);
        if (color_ && type[t]) {
          o_.append("\x1b[").append(TypeColor(*type[t])).append("m");
          Clipped(word, 80);
          o_.append("\x1b[0m");
        } else {
          Clipped(word, 80);
        }
        std::string tags;
        if (lemma && !d_.lemma[t].empty() && d_.lemma[t] != word &&
            !EqualsLower(d_.lemma[t], word)) {
          tags.append("/").append(d_.lemma[t]);
        }
        if (upos && !d_.upos[t].empty()) tags.append("/").append(d_.upos[t]);
        if (!tags.empty()) Paint(kDim, tags);
      }
      o_.push_back('\n');
    }
  }

  // True when `lemma` is `word` in lower case (ASCII letters only).
  static bool EqualsLower(std::string_view lemma, std::string_view word) {
    if (lemma.size() != word.size()) return false;
    for (size_t i = 0; i < word.size(); ++i) {
      char c = word[i];
      if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
      if (c != lemma[i]) return false;
    }
    return true;
  }

  const Doc& d_;
  const bool color_;
  std::string& o_;
};

}  // namespace

void AppendTextView(const Doc& doc, const WriteOptions& options, std::string* out) {
  View(doc, options, out).Write();
  out->push_back('\n');
}

}  // namespace kroniek::io
