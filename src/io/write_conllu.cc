// CoNLL-U writer: # sent_id, # text, SpaceAfter=No; columns 3-8 from the layers present ("_"
// where a layer is absent). Heads become 1-based sentence positions, 0 for the root.
#include <string>

#include "io/writers.h"

namespace kroniek::io {

void AppendColumn(std::string_view s, bool spaces_too, char replacement, std::string_view empty,
                  std::string* out) {
  if (s.empty()) {
    out->append(empty);
    return;
  }
  for (char c : s) {
    bool bad =
        c == '\t' || c == '\n' || c == '\r' || (spaces_too && (c == ' ' || c == '\v' || c == '\f'));
    out->push_back(bad ? replacement : c);
  }
}

namespace {
// A comment value (# newdoc id, # sent_id, # text) on one line.
void AppendCommentValue(std::string_view s, std::string* out) {
  for (char c : s) out->push_back(c == '\n' || c == '\r' || c == '\t' ? ' ' : c);
}
}  // namespace

std::vector<std::string> BioTags(const Doc& doc) {
  std::vector<std::string> tags(doc.tokens.size(), "O");
  for (const Mention& m : doc.mentions) {
    if (m.kind != MentionKind::kName) continue;
    for (uint32_t t = m.token_begin; t < m.token_end && t < tags.size(); ++t) {
      tags[t] = (t == m.token_begin ? "B-" : "I-") + m.type;
    }
  }
  return tags;
}

void AppendConllu(const Doc& doc, const WriteOptions& options, std::string* out) {
  std::string& o = *out;
  const bool lemma = doc.Has(Layer::kLemma), upos = doc.Has(Layer::kUpos),
             xpos = doc.Has(Layer::kXpos), feats = doc.Has(Layer::kFeats),
             deps = doc.Has(Layer::kDeps);
  std::vector<std::string> bio;
  if (options.ner_in_misc && doc.Has(Layer::kMentions)) bio = BioTags(doc);
  o.append("# newdoc id = ");
  AppendCommentValue(doc.id, &o);
  o.push_back('\n');
  uint32_t paragraph = 0;
  for (size_t si = 0; si < doc.sentences.size(); ++si) {
    const Sentence& s = doc.sentences[si];
    if (si == 0 || s.paragraph != paragraph) o.append("# newpar\n");
    paragraph = s.paragraph;
    o.append("# sent_id = ");
    if (s.id.empty()) {
      AppendCommentValue(doc.id, &o);
      o.append("-").append(std::to_string(si + 1));
    } else {
      AppendCommentValue(s.id, &o);
    }
    o.push_back('\n');
    // # text: the sentence's text with any line breaks inside it turned into spaces.
    o.append("# text = ");
    AppendCommentValue(doc.SpanText(doc.SentenceSpan(si)), &o);
    o.push_back('\n');
    for (uint32_t t = s.token_begin; t < s.token_end; ++t) {
      o.append(std::to_string(t - s.token_begin + 1)).push_back('\t');
      AppendColumn(doc.TokenText(t), false, ' ', "_", &o);
      o.push_back('\t');
      AppendColumn(lemma ? std::string_view(doc.lemma[t]) : "", false, ' ', "_", &o);
      o.push_back('\t');
      AppendColumn(upos ? std::string_view(doc.upos[t]) : "", true, '_', "_", &o);
      o.push_back('\t');
      AppendColumn(xpos ? std::string_view(doc.xpos[t]) : "", true, '_', "_", &o);
      o.push_back('\t');
      AppendColumn(feats ? std::string_view(doc.feats[t]) : "", true, '_', "_", &o);
      o.push_back('\t');
      if (deps) {
        int32_t h = doc.head[t];
        o.append(h == static_cast<int32_t>(t) ? "0" : std::to_string(h - s.token_begin + 1));
        o.push_back('\t');
        AppendColumn(doc.deprel[t], true, '_', "_", &o);
      } else {
        o.append("_\t_");
      }
      o.append("\t_\t");
      std::string misc;
      bool last = t + 1 == s.token_end;
      if (!doc.space_after.empty() && !doc.space_after[t] && !last) misc = "SpaceAfter=No";
      if (!bio.empty()) {
        if (!misc.empty()) misc.push_back('|');
        misc.append("NER=").append(bio[t]);
      }
      AppendColumn(misc, true, '_', "_", &o);
      o.push_back('\n');
    }
    o.push_back('\n');
  }
}

}  // namespace kroniek::io

namespace kroniek {

void WriteDoc(const Doc& doc, OutputFormat format, const WriteOptions& options, std::string* out) {
  switch (format) {
    case OutputFormat::kJson:
      if (options.pretty) {
        io::AppendPrettyJson(doc, out);
        return;
      }
      [[fallthrough]];
    case OutputFormat::kJsonl:
      io::AppendJson(doc, out);
      out->push_back('\n');
      return;
    case OutputFormat::kConllu:
      io::AppendConllu(doc, options, out);
      return;
    case OutputFormat::kConll2002:
      io::AppendConll2002(doc, out);
      return;
    case OutputFormat::kText:
      io::AppendTextView(doc, options, out);
      return;
    case OutputFormat::kPlover:
      io::AppendPlover(doc, out);
      return;
  }
}

}  // namespace kroniek
