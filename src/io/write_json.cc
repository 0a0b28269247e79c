// The JSON writer of the document contract (shared/spec/document-json.md, schema kroniek/1).
// Offsets become Unicode code points here, and only here. Absent layers are left out.
#include <string>

#include "base/json_util.h"
#include "base/utf8.h"
#include "io/writers.h"

namespace kroniek {
namespace {

void AppendUint(uint64_t v, std::string* out) { out->append(std::to_string(v)); }
void AppendInt(int64_t v, std::string* out) { out->append(std::to_string(v)); }

class JsonDocWriter {
 public:
  JsonDocWriter(const Doc& d, std::string* out) : d_(d), map_(d.text), out_(out) {}

  void Write() {
    std::string& o = *out_;
    o.append("{\"schema\":\"kroniek/1\",\"id\":");
    json::AppendString(d_.id, &o);
    o.append(",\"lang\":");
    json::AppendString(d_.lang, &o);
    o.append(",\"meta\":{\"date\":");
    json::AppendStringOrNull(d_.meta.date ? &*d_.meta.date : nullptr, &o);
    o.append(",\"title\":");
    json::AppendStringOrNull(d_.meta.title ? &*d_.meta.title : nullptr, &o);
    o.append(",\"source\":");
    json::AppendStringOrNull(d_.meta.source ? &*d_.meta.source : nullptr, &o);
    o.append(",\"url\":");
    json::AppendStringOrNull(d_.meta.url ? &*d_.meta.url : nullptr, &o);
    for (const auto& [k, v] : d_.meta.extra) {
      o.push_back(',');
      json::AppendString(k, &o);
      o.push_back(':');
      o.append(v);
    }
    o.append("},\"text\":");
    json::AppendString(d_.text, &o);
    if (d_.Has(Layer::kSentences)) Sentences();
    if (d_.Has(Layer::kTokens)) Tokens();
    if (d_.Has(Layer::kEntities) || d_.Has(Layer::kMentions)) Entities();
    if (d_.Has(Layer::kQuotes)) Quotes();
    if (d_.Has(Layer::kTimes)) Times();
    if (d_.Has(Layer::kEvents)) Events();
    o.push_back('}');
  }

 private:
  uint32_t Cp(uint32_t byte) const { return map_.ToCodePoint(byte); }

  // "start":S,"end":E,"text":"..."
  void SpanFields(Span s) {
    std::string& o = *out_;
    o.append("\"start\":");
    AppendUint(Cp(s.begin), &o);
    o.append(",\"end\":");
    AppendUint(Cp(s.end), &o);
    o.append(",\"text\":");
    json::AppendString(d_.SpanText(s), &o);
  }
  void SpanObject(const std::optional<Span>& s) {
    if (!s) {
      out_->append("null");
      return;
    }
    out_->push_back('{');
    SpanFields(*s);
    out_->push_back('}');
  }
  static std::string Id(char prefix, int64_t index) {
    return std::string(1, prefix) + std::to_string(index + 1);
  }
  void IdOrNull(char prefix, int64_t index) {
    if (index < 0) {
      out_->append("null");
    } else {
      json::AppendString(Id(prefix, index), out_);
    }
  }

  void Sentences() {
    std::string& o = *out_;
    o.append(",\"sentences\":[");
    for (size_t i = 0; i < d_.sentences.size(); ++i) {
      const Sentence& s = d_.sentences[i];
      if (i) o.push_back(',');
      Span sp = d_.SentenceSpan(i);
      o.append("{\"start\":");
      AppendUint(Cp(sp.begin), &o);
      o.append(",\"end\":");
      AppendUint(Cp(sp.end), &o);
      o.append(",\"tokens\":[");
      AppendUint(s.token_begin, &o);
      o.push_back(',');
      AppendUint(s.token_end, &o);
      o.append("],\"paragraph\":");
      AppendUint(s.paragraph, &o);
      if (!s.id.empty()) {
        o.append(",\"sent_id\":");
        json::AppendString(s.id, &o);
      }
      o.push_back('}');
    }
    o.push_back(']');
  }

  void Tokens() {
    std::string& o = *out_;
    const bool lemma = d_.Has(Layer::kLemma), upos = d_.Has(Layer::kUpos),
               xpos = d_.Has(Layer::kXpos), feats = d_.Has(Layer::kFeats),
               deps = d_.Has(Layer::kDeps);
    o.append(",\"tokens\":[");
    for (size_t i = 0; i < d_.tokens.size(); ++i) {
      if (i) o.push_back(',');
      o.push_back('{');
      SpanFields(d_.tokens[i]);
      if (lemma) o.append(",\"lemma\":"), json::AppendString(d_.lemma[i], &o);
      if (upos) o.append(",\"upos\":"), json::AppendString(d_.upos[i], &o);
      if (xpos) o.append(",\"xpos\":"), json::AppendString(d_.xpos[i], &o);
      if (feats) o.append(",\"feats\":"), json::AppendString(d_.feats[i], &o);
      if (deps) {
        o.append(",\"head\":");
        AppendInt(d_.head[i], &o);
        o.append(",\"deprel\":");
        json::AppendString(d_.deprel[i], &o);
      }
      o.append(",\"space_after\":");
      o.append(d_.space_after.empty() || d_.space_after[i] ? "true" : "false");
      o.push_back('}');
    }
    o.push_back(']');
  }

  void Mention(const kroniek::Mention& m) {
    std::string& o = *out_;
    o.push_back('{');
    SpanFields(m.span);
    o.append(",\"kind\":\"");
    o.append(MentionKindName(m.kind));
    o.append("\"}");
  }

  void Entities() {
    std::string& o = *out_;
    o.append(",\"entities\":[");
    if (d_.Has(Layer::kEntities)) {
      for (size_t i = 0; i < d_.entities.size(); ++i) {
        const Entity& e = d_.entities[i];
        if (i) o.push_back(',');
        o.append("{\"id\":");
        json::AppendString(Id('e', static_cast<int64_t>(i)), &o);
        o.append(",\"type\":");
        json::AppendString(e.type, &o);
        o.append(",\"name\":");
        json::AppendString(e.name, &o);
        o.append(",\"kb\":");
        json::AppendStringOrNull(e.kb ? &*e.kb : nullptr, &o);
        o.append(",\"mentions\":[");
        for (size_t k = 0; k < e.mentions.size(); ++k) {
          if (k) o.push_back(',');
          Mention(d_.mentions[e.mentions[k]]);
        }
        o.append("]}");
      }
    } else {
      // Mentions without grouping: one entity per mention, named by its text.
      for (size_t i = 0; i < d_.mentions.size(); ++i) {
        const kroniek::Mention& m = d_.mentions[i];
        if (i) o.push_back(',');
        o.append("{\"id\":");
        json::AppendString(Id('e', static_cast<int64_t>(i)), &o);
        o.append(",\"type\":");
        json::AppendString(m.type, &o);
        o.append(",\"name\":");
        json::AppendString(d_.SpanText(m.span), &o);
        o.append(",\"kb\":null,\"mentions\":[");
        Mention(m);
        o.append("]}");
      }
    }
    o.push_back(']');
  }

  void Quotes() {
    std::string& o = *out_;
    o.append(",\"quotes\":[");
    for (size_t i = 0; i < d_.quotes.size(); ++i) {
      const Quote& q = d_.quotes[i];
      if (i) o.push_back(',');
      o.append("{\"id\":");
      json::AppendString(Id('q', static_cast<int64_t>(i)), &o);
      o.push_back(',');
      SpanFields(q.span);
      o.append(",\"kind\":\"");
      o.append(QuoteKindName(q.kind));
      o.append("\",\"speaker\":");
      IdOrNull('e', q.speaker);
      o.append(",\"speaker_mention\":");
      SpanObject(q.speaker_mention);
      o.append(",\"cue\":");
      SpanObject(q.cue);
      o.push_back('}');
    }
    o.push_back(']');
  }

  void Times() {
    std::string& o = *out_;
    o.append(",\"times\":[");
    for (size_t i = 0; i < d_.times.size(); ++i) {
      const TimeExpr& t = d_.times[i];
      if (i) o.push_back(',');
      o.append("{\"id\":");
      json::AppendString(Id('t', static_cast<int64_t>(i)), &o);
      o.push_back(',');
      SpanFields(t.span);
      o.append(",\"type\":");
      json::AppendString(t.type, &o);
      o.append(",\"value\":");
      json::AppendString(t.value, &o);
      o.push_back('}');
    }
    o.push_back(']');
  }

  void Events() {
    std::string& o = *out_;
    o.append(",\"events\":[");
    for (size_t i = 0; i < d_.events.size(); ++i) {
      const Event& v = d_.events[i];
      if (i) o.push_back(',');
      o.append("{\"id\":");
      json::AppendString(Id('v', static_cast<int64_t>(i)), &o);
      o.append(",\"type\":");
      json::AppendString(v.type, &o);
      o.append(",\"trigger\":{");
      SpanFields(v.trigger);
      o.append("},\"actors\":[");
      for (size_t k = 0; k < v.actors.size(); ++k) {
        if (k) o.push_back(',');
        json::AppendString(Id('e', v.actors[k]), &o);
      }
      o.append("],\"targets\":[");
      for (size_t k = 0; k < v.targets.size(); ++k) {
        if (k) o.push_back(',');
        json::AppendString(Id('e', v.targets[k]), &o);
      }
      o.append("],\"location\":");
      IdOrNull('e', v.location);
      o.append(",\"time\":");
      IdOrNull('t', v.time);
      o.append(",\"status\":");
      json::AppendString(v.status, &o);
      o.append(",\"sentence\":");
      AppendInt(v.sentence, &o);
      o.push_back('}');
    }
    o.push_back(']');
  }

  const Doc& d_;
  utf8::OffsetMap map_;
  std::string* out_;
};

}  // namespace

void io::AppendJson(const Doc& doc, std::string* out) { JsonDocWriter(doc, out).Write(); }

// Re-lays the one-line JSON out: every top-level key on its own line, and the items of the
// top-level lists (sentences, tokens, entities, ...) one per line. Values inside stay compact.
void io::AppendPrettyJson(const Doc& doc, std::string* out) {
  std::string flat;
  AppendJson(doc, &flat);
  std::string& o = *out;
  o.reserve(o.size() + flat.size() + flat.size() / 8);
  int depth = 0;
  bool in_string = false;
  char top_container = 0;  // the container at depth 2: '[' or '{'
  for (size_t i = 0; i < flat.size(); ++i) {
    const char c = flat[i];
    if (in_string) {
      o.push_back(c);
      if (c == '\\' && i + 1 < flat.size()) {
        o.push_back(flat[++i]);
      } else if (c == '"') {
        in_string = false;
      }
      continue;
    }
    switch (c) {
      case '"':
        in_string = true;
        o.push_back(c);
        break;
      case '{':
      case '[':
        ++depth;
        o.push_back(c);
        if (depth == 1) {
          o.append("\n  ");
        } else if (depth == 2) {
          top_container = c;
          if (c == '[' && i + 1 < flat.size() && flat[i + 1] != ']') o.append("\n    ");
        }
        break;
      case '}':
      case ']':
        if (depth == 1) {
          o.append("\n");
        } else if (depth == 2 && c == ']' && flat[i - 1] != '[') {
          o.append("\n  ");
        }
        --depth;
        o.push_back(c);
        break;
      case ',':
        o.push_back(c);
        if (depth == 1) {
          o.append("\n  ");
        } else if (depth == 2 && top_container == '[') {
          o.append("\n    ");
        }
        break;
      case ':':
        o.push_back(c);
        if (depth == 1) o.push_back(' ');
        break;
      default:
        o.push_back(c);
    }
  }
  o.push_back('\n');
}

std::string ToJson(const Doc& doc) {
  std::string s;
  io::AppendJson(doc, &s);
  return s;
}

}  // namespace kroniek
