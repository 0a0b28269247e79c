// A Doc is one article: its text, its metadata and every analysis layer added to it.
//
// Readers make Docs; pipeline stages each add a layer; writers and the store read them. A Doc
// owns all its data. Offsets inside a Doc are UTF-8 *byte* offsets into `text`; the JSON writer
// turns them into Unicode code-point offsets, the unit of the document contract
// (shared/spec/document-json.md).
//
// Token attributes are columns (struct-of-arrays): `tokens` is the tokenisation and every other
// token-level layer is a vector of the same length, or empty while that layer is absent. Whether a
// layer is present is recorded explicitly (Has/Set), because an empty list of entities ("none
// found") differs from an absent entities layer ("not analysed").
//
// Entities, quotes, times and events are span structs with one source of truth each; BIO tags
// and code-point offsets are derived by the writers, never stored.
//
// Many threads may read a Doc that no one modifies. A Doc is movable and copyable (copying a
// large Doc is expensive; move it where you can).
#ifndef KRONIEK_DOC_H_
#define KRONIEK_DOC_H_

#include <cstdint>
#include <initializer_list>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace kroniek {

// A half-open byte range [begin, end) of Doc::text.
struct Span {
  uint32_t begin = 0;
  uint32_t end = 0;
  uint32_t size() const { return end - begin; }
  bool empty() const { return begin >= end; }
  friend bool operator==(const Span&, const Span&) = default;
};

// The analysis layers a Doc can carry. A stage declares which it reads and writes.
enum class Layer : uint32_t {
  kTokens = 0,   // tokens, space_after
  kSentences,    // sentences (and their paragraph numbers)
  kLemma,        // lemma
  kUpos,         // upos
  kXpos,         // xpos
  kFeats,        // feats
  kDeps,         // head, deprel
  kMentions,     // mentions found by NER (and later by the entity linker)
  kEntities,     // entities grouping mentions
  kQuotes,       // quotes
  kTimes,        // times
  kEvents,       // events
  kCount
};

// A small set of layers (a bit mask).
class LayerSet {
 public:
  constexpr LayerSet() = default;
  constexpr LayerSet(std::initializer_list<Layer> layers) {
    for (Layer l : layers) bits_ |= Bit(l);
  }
  constexpr bool Has(Layer l) const { return (bits_ & Bit(l)) != 0; }
  constexpr void Add(Layer l) { bits_ |= Bit(l); }
  constexpr void Remove(Layer l) { bits_ &= ~Bit(l); }
  constexpr bool Contains(LayerSet other) const { return (bits_ & other.bits_) == other.bits_; }
  constexpr LayerSet Union(LayerSet other) const {
    LayerSet s;
    s.bits_ = bits_ | other.bits_;
    return s;
  }
  constexpr bool empty() const { return bits_ == 0; }
  constexpr uint32_t bits() const { return bits_; }
  friend constexpr bool operator==(LayerSet, LayerSet) = default;

 private:
  static constexpr uint32_t Bit(Layer l) { return 1u << static_cast<uint32_t>(l); }
  uint32_t bits_ = 0;
};

// The name of a layer as used in messages and docs ("tokens", "lemma", ...).
const char* LayerName(Layer layer);

// A sentence: the half-open range [token_begin, token_end) of Doc::tokens.
struct Sentence {
  uint32_t token_begin = 0;
  uint32_t token_end = 0;
  uint32_t paragraph = 0;  // 0-based paragraph number (paragraphs are split by blank lines)
  std::string id;          // the input's sentence id (CoNLL-U sent_id), empty when none
};

// Metadata of an article. The known fields are optional strings (JSON null when absent);
// every other field of the input is kept in `extra` as key and JSON-encoded value, in input order.
struct Meta {
  std::optional<std::string> date;  // exactly as given: "2022", "2022-03", "2022-03-24", ISO time
  std::optional<std::string> title;
  std::optional<std::string> source;
  std::optional<std::string> url;
  std::vector<std::pair<std::string, std::string>> extra;  // key -> JSON text of the value
};

enum class MentionKind : uint8_t { kName, kNominal, kPronoun };
const char* MentionKindName(MentionKind kind);  // "name", "nominal", "pronoun"

// One mention of a named thing: a span of text with a CoNLL-2002 type.
struct Mention {
  Span span;                              // bytes of Doc::text
  uint32_t token_begin = 0;               // tokens covered, half-open
  uint32_t token_end = 0;
  std::string type;                       // PER, ORG, LOC or MISC
  MentionKind kind = MentionKind::kName;
  int32_t entity = -1;                    // index into Doc::entities, -1 while ungrouped
  float score = 1.0f;                     // model confidence, 1 for rules
};

// A thing the article talks about: mentions grouped under one canonical name.
struct Entity {
  std::string type;                 // PER, ORG, LOC or MISC
  std::string name;                 // canonical name
  std::optional<std::string> kb;    // knowledge-base id (a Wikidata QID) when linked
  std::vector<uint32_t> mentions;   // indexes into Doc::mentions, in text order
};

enum class QuoteKind : uint8_t { kDirect, kIndirect };
const char* QuoteKindName(QuoteKind kind);  // "direct", "indirect"

// Something someone said or wrote.
struct Quote {
  Span span;                            // the content, without the outer quotation marks
  QuoteKind kind = QuoteKind::kDirect;
  int32_t speaker = -1;                 // index into Doc::entities, -1 when unknown
  std::optional<Span> speaker_mention;  // where the speaker is named for this quote
  std::optional<Span> cue;              // the reporting verb or phrase ("zei", "volgens")
};

// A time expression normalised to TIMEX3.
struct TimeExpr {
  Span span;
  std::string type;   // DATE, TIME, DURATION or SET
  std::string value;  // TIMEX3 value: 2022-03-24, 2022-03-XXT16:30, P1Y, PRESENT_REF, ...
};

// A PLOVER event: who did what to whom, where and when.
struct Event {
  std::string type;              // one of PLOVER's sixteen (CONSULT, ASSAULT, ...)
  Span trigger;                  // the word(s) expressing the event
  std::vector<int32_t> actors;   // indexes into Doc::entities
  std::vector<int32_t> targets;  // indexes into Doc::entities
  int32_t location = -1;         // index into Doc::entities, -1 when none
  int32_t time = -1;             // index into Doc::times, -1 when none
  std::string status = "asserted";  // asserted, planned, hypothetical or negated
  int32_t sentence = -1;         // index into Doc::sentences
};

class Doc {
 public:
  // Identity and content.
  std::string id;       // the input's id, else the file name without extension, else doc-N
  std::string lang = "nl";
  Meta meta;
  std::string text;     // the body as analysed, valid UTF-8

  // Token layer (Layer::kTokens).
  std::vector<Span> tokens;
  std::vector<uint8_t> space_after;  // 1 when white space follows the token in `text`
  // The POS column of CoNLL-2002 input, kept only so that the CoNLL-2002 writer can give it back;
  // empty for other inputs. Not a CGN tag: never use it as a feature.
  std::vector<std::string> source_pos;

  // Sentence layer (Layer::kSentences).
  std::vector<Sentence> sentences;

  // Token-level columns: each is empty or has tokens.size() entries.
  std::vector<std::string> lemma;   // Layer::kLemma; UD Dutch style (compound parts joined by _)
  std::vector<std::string> upos;    // Layer::kUpos
  std::vector<std::string> xpos;    // Layer::kXpos; CGN/Lassy tag
  std::vector<std::string> feats;   // Layer::kFeats; "_" when none
  std::vector<int32_t> head;        // Layer::kDeps; document-level index, a root points to itself
  std::vector<std::string> deprel;  // Layer::kDeps

  // Span layers.
  std::vector<Mention> mentions;  // Layer::kMentions, in text order
  std::vector<Entity> entities;   // Layer::kEntities
  std::vector<Quote> quotes;      // Layer::kQuotes
  std::vector<TimeExpr> times;    // Layer::kTimes
  std::vector<Event> events;      // Layer::kEvents

  // Layer bookkeeping.
  bool Has(Layer layer) const { return layers_.Has(layer); }
  LayerSet layers() const { return layers_; }
  void Set(Layer layer) { layers_.Add(layer); }
  // Marks a layer absent and clears its data.
  void Clear(Layer layer);

  // Convenience views.
  std::string_view TokenText(size_t i) const {
    return std::string_view(text).substr(tokens[i].begin, tokens[i].size());
  }
  std::string_view SpanText(Span s) const {
    return std::string_view(text).substr(s.begin, s.size());
  }
  // Byte span of sentence i (from its first token's start to its last token's end).
  Span SentenceSpan(size_t i) const;
  // Index of the sentence holding token t (binary search), or -1.
  int32_t SentenceOf(uint32_t token) const;
  // Index of the first token whose end is after byte `offset` (tokens.size() if none).
  uint32_t TokenAtOrAfter(uint32_t offset) const;

  // Checks the invariants: valid UTF-8 text, token spans in order and inside text on code-point
  // boundaries, sentences covering tokens in order, columns of the right length, heads in their
  // sentence, span layers inside text and their indexes in range. Returns a description of the
  // first violation, or an empty string when the Doc is well formed. Used by tests and the fuzzers.
  std::string Validate() const;

 private:
  LayerSet layers_;
};

}  // namespace kroniek

#endif  // KRONIEK_DOC_H_
