// Hand-made analysed articles for the store, query and server tests (no models needed).
#ifndef KRONIEK_TESTS_STORE_TEST_UTIL_H_
#define KRONIEK_TESTS_STORE_TEST_UTIL_H_

#include <unistd.h>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

#include "kroniek/doc.h"

namespace kroniek::testing {

// Builds a Doc whose layers are placed by searching their text in the body.
class DocBuilder {
 public:
  DocBuilder(std::string id, std::string date, std::string text) {
    doc_.id = std::move(id);
    if (!date.empty()) doc_.meta.date = std::move(date);
    doc_.meta.source = "Testkrant";
    doc_.text = std::move(text);
    for (Layer l :
         {Layer::kMentions, Layer::kEntities, Layer::kQuotes, Layer::kTimes, Layer::kEvents}) {
      doc_.Set(l);
    }
  }
  // The byte span of the n-th (0-based) occurrence of `s` in the text.
  Span Find(std::string_view s, int nth = 0) const {
    size_t pos = doc_.text.find(s);
    for (int i = 0; i < nth && pos != std::string::npos; ++i) pos = doc_.text.find(s, pos + 1);
    if (pos == std::string::npos) return Span{0, 0};
    return Span{static_cast<uint32_t>(pos), static_cast<uint32_t>(pos + s.size())};
  }
  // Adds an entity with a mention at each occurrence of each surface form; returns its index.
  int32_t Entity(std::string type, std::string name, std::optional<std::string> kb,
                 std::initializer_list<std::pair<std::string_view, int>> surfaces) {
    auto e = static_cast<int32_t>(doc_.entities.size());
    kroniek::Entity ent;
    ent.type = type;
    ent.name = name;
    ent.kb = kb;
    doc_.entities.push_back(ent);
    for (const auto& [surface, nth] : surfaces) {
      Mention m;
      m.span = Find(surface, nth);
      m.type = type;
      m.entity = e;
      m.kind = surface == name || (!surface.empty() && surface[0] >= 'A' && surface[0] <= 'Z')
                   ? MentionKind::kName
                   : MentionKind::kNominal;
      doc_.mentions.push_back(m);
    }
    return e;
  }
  void Quote(std::string_view content, int32_t speaker, std::string_view speaker_surface,
             std::string_view cue, QuoteKind kind = QuoteKind::kDirect) {
    kroniek::Quote q;
    q.span = Find(content);
    q.kind = kind;
    q.speaker = speaker;
    if (!speaker_surface.empty()) q.speaker_mention = Find(speaker_surface);
    if (!cue.empty()) q.cue = Find(cue);
    doc_.quotes.push_back(q);
  }
  int32_t Time(std::string_view surface, std::string type, std::string value) {
    doc_.times.push_back({Find(surface), std::move(type), std::move(value)});
    return static_cast<int32_t>(doc_.times.size()) - 1;
  }
  void Event(std::string type, std::string_view trigger, std::vector<int32_t> actors,
             std::vector<int32_t> targets, int32_t location = -1, int32_t time = -1) {
    kroniek::Event v;
    v.type = std::move(type);
    v.trigger = Find(trigger);
    v.actors = std::move(actors);
    v.targets = std::move(targets);
    v.location = location;
    v.time = time;
    doc_.events.push_back(v);
  }
  // Sorts mentions into text order and links entities to them.
  Doc Build() {
    std::vector<size_t> order(doc_.mentions.size());
    for (size_t i = 0; i < order.size(); ++i) order[i] = i;
    std::sort(order.begin(), order.end(), [&](size_t a, size_t b) {
      return doc_.mentions[a].span.begin < doc_.mentions[b].span.begin;
    });
    std::vector<Mention> sorted;
    for (size_t i : order) sorted.push_back(doc_.mentions[i]);
    doc_.mentions = sorted;
    for (auto& e : doc_.entities) e.mentions.clear();
    for (size_t m = 0; m < doc_.mentions.size(); ++m) {
      doc_.entities[static_cast<size_t>(doc_.mentions[m].entity)].mentions.push_back(
          static_cast<uint32_t>(m));
    }
    return doc_;
  }

 private:
  Doc doc_;
};

// A fresh temporary directory, removed on destruction.
class TempDir {
 public:
  TempDir() {
    char tmpl[] = "/tmp/kroniek_store_test_XXXXXX";
    const char* d = mkdtemp(tmpl);
    path_ = d ? d : "/tmp";
  }
  ~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(path_, ec);
  }
  const std::string& path() const { return path_; }
  std::string File(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// Three articles about a summit, a protest and a fine, with names, quotes, times and events.
// Non-ASCII text ("Poetin", "„", "ë") checks the code-point offsets.
inline std::vector<Doc> SampleDocs() {
  std::vector<Doc> docs;
  {
    DocBuilder b("navo-1", "2022-03-24",
                 "BRUSSEL - Jens Stoltenberg sprak donderdag in Brussel met Mark Rutte over "
                 "Oekraïne. „Wij zijn het sterkste bondgenootschap ter wereld”, zei de Noor. "
                 "Rutte zei dat Nederland extra steun geeft.");
    int32_t js =
        b.Entity("PER", "Jens Stoltenberg", "Q57", {{"Jens Stoltenberg", 0}, {"de Noor", 0}});
    int32_t mr = b.Entity("PER", "Mark Rutte", "Q57792", {{"Mark Rutte", 0}, {"Rutte", 1}});
    int32_t br = b.Entity("LOC", "Brussel", "Q239", {{"Brussel", 0}});
    b.Entity("LOC", "Oekraïne", "Q212", {{"Oekraïne", 0}});
    b.Entity("LOC", "Nederland", "Q55", {{"Nederland", 0}});
    int32_t t = b.Time("donderdag", "DATE", "2022-03-24");
    b.Quote("Wij zijn het sterkste bondgenootschap ter wereld", js, "de Noor", "zei");
    b.Quote("Nederland extra steun geeft", mr, "Rutte zei", "zei", QuoteKind::kIndirect);
    b.Event("CONSULT", "sprak", {js}, {mr}, br, t);
    docs.push_back(b.Build());
  }
  {
    DocBuilder b("boeren-1", "2022-06-22",
                 "STROE - Duizenden boeren demonstreerden woensdag in Stroe tegen de "
                 "stikstofplannen. Premier Rutte noemde het protest begrijpelijk. "
                 "„We laten ons niet wegzetten”, zei Bart Kemp.");
    int32_t st = b.Entity("LOC", "Stroe", std::nullopt, {{"Stroe", 0}});
    int32_t mr = b.Entity("PER", "Mark Rutte", "Q57792", {{"Rutte", 0}});
    int32_t bk = b.Entity("PER", "Bart Kemp", std::nullopt, {{"Bart Kemp", 0}});
    int32_t t = b.Time("woensdag", "DATE", "2022-06-22");
    b.Quote("We laten ons niet wegzetten", bk, "Bart Kemp", "zei");
    b.Event("PROTEST", "demonstreerden", {bk}, {mr}, st, t);
    docs.push_back(b.Build());
  }
  {
    DocBuilder b("boete-1", "2023-01",
                 "DEN HAAG - De Autoriteit Persoonsgegevens legde het bedrijf een boete op. "
                 "Bart Kemp zei dat de boete terecht is. Poetin en Rutte kwamen niet ter sprake.");
    int32_t ap = b.Entity("ORG", "Autoriteit Persoonsgegevens", std::nullopt,
                          {{"Autoriteit Persoonsgegevens", 0}});
    int32_t bk = b.Entity("PER", "Bart Kemp", std::nullopt, {{"Bart Kemp", 0}});
    b.Entity("PER", "Vladimir Poetin", "Q7747", {{"Poetin", 0}});
    b.Entity("PER", "Mark Rutte", "Q57792", {{"Rutte", 0}});
    b.Quote("de boete terecht is", bk, "Bart Kemp", "zei", QuoteKind::kIndirect);
    b.Event("SANCTION", "legde", {ap}, {}, -1, -1);
    docs.push_back(b.Build());
  }
  return docs;
}

}  // namespace kroniek::testing

#endif  // KRONIEK_TESTS_STORE_TEST_UTIL_H_
