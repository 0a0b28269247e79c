#include "synth/synth_news.h"

#include <array>
#include <cstdio>
#include <optional>
#include <string_view>
#include <vector>

#include "base/json_util.h"

namespace kroniek::synth {
namespace {

// ------------------------------------------------------------------ word lists (written for
// kroniek)
constexpr std::array<const char*, 40> kFirst = {
    "Anna",    "Sanne",  "Fatima",  "Eva",     "Lotte",   "Noor",     "Iris",  "Mila",
    "Sara",    "Yara",   "Esther",  "Marieke", "Ingrid",  "Hanneke",  "Petra", "Jan",
    "Pieter",  "Willem", "Mohamed", "Daan",    "Bram",    "Ruben",    "Thijs", "Jeroen",
    "Kees",    "Hans",   "Mark",    "Erik",    "Youssef", "Ahmed",    "Stijn", "Joris",
    "Maarten", "Koen",   "Sven",    "Lucas",   "Tim",     "Annelies", "Karin", "Linda"};
// {particle, surname}: "Jan van den Berg", alone "Van den Berg".
constexpr std::array<std::pair<const char*, const char*>, 50> kLast = {
    {{"de", "Vries"},  {"", "Jansen"},      {"van den", "Berg"},   {"", "Bakker"},
     {"", "Visser"},   {"", "Smit"},        {"", "Meijer"},        {"de", "Boer"},
     {"", "Mulder"},   {"de", "Groot"},     {"", "Bos"},           {"", "Vos"},
     {"", "Peters"},   {"", "Hendriks"},    {"van", "Leeuwen"},    {"", "Dekker"},
     {"", "Brouwer"},  {"de", "Wit"},       {"", "Dijkstra"},      {"", "Smits"},
     {"de", "Graaf"},  {"van der", "Meer"}, {"van der", "Linden"}, {"", "Kok"},
     {"", "Jacobs"},   {"de", "Haan"},      {"", "Vermeulen"},     {"van", "Dijk"},
     {"", "Schouten"}, {"", "Willems"},     {"", "Hoekstra"},      {"", "Koster"},
     {"", "Prins"},    {"", "Huisman"},     {"", "Kuipers"},       {"van", "Beek"},
     {"", "Postma"},   {"el", "Amrani"},    {"", "Yilmaz"},        {"", "Bouali"},
     {"", "Kaya"},     {"", "Verhoeven"},   {"", "Timmermans"},    {"van", "Vliet"},
     {"", "Wouters"},  {"", "Maas"},        {"", "Post"},          {"", "Kramer"},
     {"", "Veenstra"}, {"", "Gerritsen"}}};
constexpr std::array<const char*, 10> kRoles = {
    "de minister",   "de burgemeester", "de woordvoerder",
    "de directeur",  "de onderzoeker",  "de wethouder",
    "de voorzitter", "de advocaat",     "de officier van justitie",
    "de hoogleraar"};
constexpr std::array<const char*, 40> kPlaces = {
    "Amsterdam",  "Rotterdam",  "Den Haag",   "Utrecht",   "Eindhoven", "Groningen", "Tilburg",
    "Almere",     "Breda",      "Nijmegen",   "Arnhem",    "Haarlem",   "Enschede",  "Zwolle",
    "Leeuwarden", "Maastricht", "Middelburg", "Den Bosch", "Leiden",    "Delft",     "Apeldoorn",
    "Amersfoort", "Dordrecht",  "Assen",      "Lelystad",  "Brussel",   "Antwerpen", "Gent",
    "Berlijn",    "Parijs",     "Londen",     "Madrid",    "Rome",      "Warschau",  "Kiev",
    "Moskou",     "Washington", "Peking",     "Ankara",    "Caïro"};
constexpr std::array<const char*, 40> kOrgs = {"Rijkswaterstaat",
                                               "NS",
                                               "ProRail",
                                               "Schiphol",
                                               "KLM",
                                               "Philips",
                                               "ASML",
                                               "Shell",
                                               "Ahold Delhaize",
                                               "ING",
                                               "Rabobank",
                                               "ABN AMRO",
                                               "De Nederlandsche Bank",
                                               "RIVM",
                                               "GGD",
                                               "FNV",
                                               "CNV",
                                               "VNO-NCW",
                                               "Greenpeace",
                                               "Milieudefensie",
                                               "Europese Commissie",
                                               "NAVO",
                                               "Verenigde Naties",
                                               "Ajax",
                                               "Feyenoord",
                                               "PSV",
                                               "Openbaar Ministerie",
                                               "Nationale Politie",
                                               "Raad van State",
                                               "Autoriteit Persoonsgegevens",
                                               "Centraal Planbureau",
                                               "CBS",
                                               "Universiteit Utrecht",
                                               "TU Delft",
                                               "Erasmus MC",
                                               "UMC Utrecht",
                                               "Tweede Kamer",
                                               "Eerste Kamer",
                                               "Algemene Rekenkamer",
                                               "Kiesraad"};
constexpr std::array<const char*, 13> kSources = {"NRC",
                                                  "de Volkskrant",
                                                  "Trouw",
                                                  "Het Parool",
                                                  "AD",
                                                  "De Telegraaf",
                                                  "NOS",
                                                  "RTL Nieuws",
                                                  "Het Financieele Dagblad",
                                                  "Dagblad van het Noorden",
                                                  "De Gelderlander",
                                                  "Leeuwarder Courant",
                                                  "ANP"};
constexpr std::array<const char*, 20> kTopics = {"de woningnood",
                                                 "de stikstofregels",
                                                 "de zorgkosten",
                                                 "het klimaatbeleid",
                                                 "de energierekening",
                                                 "de asielopvang",
                                                 "de vaccinatiecampagne",
                                                 "het lerarentekort",
                                                 "de spoorstaking",
                                                 "de bouw van windparken",
                                                 "de hervorming van de toeslagen",
                                                 "de drugsbestrijding",
                                                 "de begroting",
                                                 "de pensioenen",
                                                 "de inflatie",
                                                 "de luchtkwaliteit",
                                                 "het openbaar vervoer",
                                                 "de jeugdzorg",
                                                 "de digitale veiligheid",
                                                 "de landbouw"};
constexpr std::array<const char*, 15> kTimes = {
    "gisteren",          "vandaag",       "maandag",         "dinsdagavond",      "vorige week",
    "afgelopen vrijdag", "op 12 maart",   "eind vorig jaar", "volgende maand",    "deze week",
    "in 2019",           "sinds januari", "woensdagochtend", "twee jaar geleden", "begin juni"};
constexpr std::array<const char*, 20> kQuotes = {
    "We kunnen niet langer wachten, de mensen in de wijk verdienen duidelijkheid",
    "Dit is geen oplossing, dit is uitstel",
    "Ik begrijp de zorgen, maar we moeten eerlijk zijn over wat haalbaar is",
    "Het geld is er, het gaat erom hoe we het verdelen",
    "We hebben dit signaal al twee jaar geleden afgegeven",
    "Niemand wil dat dit nog een keer gebeurt",
    "De cijfers laten zien dat we op de goede weg zijn",
    "Ik ben blij dat er eindelijk een besluit ligt",
    "Hier is niet goed over nagedacht",
    "We gaan de komende weken met alle partijen om tafel",
    "Dit raakt duizenden gezinnen direct in hun portemonnee",
    "Het vertrouwen is ernstig beschadigd",
    "We zijn het verplicht aan de volgende generatie",
    "Als er niets verandert, lopen we vast",
    "Dit voorstel is een stap in de goede richting, maar het is niet genoeg",
    "Ik heb daar alle vertrouwen in",
    "Het is te vroeg om conclusies te trekken",
    "We willen eerst alle feiten op een rij hebben",
    "Dat is precies waar wij al jaren voor waarschuwen",
    "De regels zijn te ingewikkeld geworden voor gewone mensen"};
constexpr std::array<const char*, 12> kIndirect = {
    "de maatregelen voorlopig van kracht blijven",
    "er volgend jaar meer geld beschikbaar komt",
    "het kabinet de gevolgen heeft onderschat",
    "de situatie in de regio snel verslechtert",
    "er nog geen sprake is van een akkoord",
    "de wachtlijsten de komende maanden verder groeien",
    "het onderzoek naar verwachting in het najaar klaar is",
    "de organisatie geen fouten heeft gemaakt",
    "de kosten hoger uitvallen dan begroot",
    "de plannen opnieuw moeten worden bekeken",
    "het aantal klachten sterk is gedaald",
    "de gemeente meer bevoegdheden nodig heeft"};
constexpr std::array<const char*, 6> kIndirectV2 = {"is de situatie onhoudbaar",
                                                    "moet er snel meer geld komen",
                                                    "ligt de verantwoordelijkheid bij het kabinet",
                                                    "zijn de risico's beperkt",
                                                    "is het plan niet uitvoerbaar",
                                                    "gaat het om een tijdelijk probleem"};
constexpr std::array<const char*, 25> kFiller = {
    "Het gaat om {N} woningen in {L0}, meldt {O0}.",
    "De kosten lopen volgens eerdere ramingen op tot {N} miljoen euro.",
    "{O0} onderzoekt {T} hoe het verder moet met {X}.",
    "In {L0} leidde {X} al langer tot onrust onder bewoners.",
    "Het aantal meldingen steeg {T} met {N} procent.",
    "{P0} is al jaren betrokken bij het dossier.",
    "Critici vinden dat {O0} te lang heeft gewacht.",
    "De gemeenteraad van {L0} debatteert {T} over {X}.",
    "Uit cijfers van {O1} blijkt dat het probleem groter is dan gedacht.",
    "Omwonenden klagen al maanden over overlast en lange wachttijden.",
    "Volgens deskundigen is er geen snelle oplossing voor {X}.",
    "Het plan moet {T} worden uitgewerkt door ambtenaren van {O0}.",
    "{P1} noemde de uitkomst teleurstellend maar niet verrassend.",
    "De maatregel geldt voorlopig alleen voor {L1} en omliggende gemeenten.",
    "Bij de bijeenkomst in {L0} waren ongeveer {N} mensen aanwezig.",
    "Het onderzoek wordt uitgevoerd in samenwerking met {O1}.",
    "Er is nog geen besluit genomen over de financiering.",
    "{O0} wil de resultaten {T} openbaar maken.",
    "De afgelopen jaren verdubbelde het budget voor {X} bijna.",
    "Ook in {L1} wordt gekeken naar vergelijkbare maatregelen.",
    "Het debat over {X} verliep {T} opvallend rustig.",
    "{P0} wees erop dat de cijfers nog voorlopig zijn.",
    "Inwoners van {L0} kunnen tot eind volgende maand reageren op het voorstel.",
    "Het is niet de eerste keer dat {O0} in het nieuws komt met {X}.",
    "{P2} houdt de ontwikkelingen namens {O1} nauwlettend in de gaten."};
constexpr std::array<const char*, 16> kEvents = {
    "{O0} en {O1} {EV:AGREE:bereikten} {T} een akkoord over {X}.",
    "{P0} {EV:CONSULT:sprak} {T} in {L0} met {P1} over {X}.",
    "{P0} {EV:SUPPORT:steunt} het voorstel van {P1} om {X} aan te pakken.",
    "{O0} {EV:CONCEDE:gaf} {T} toe aan de eisen van {O1}.",
    "{O0} {EV:COOPERATE:werkt} voortaan samen met {O1} in {L0}.",
    "{O0} {EV:AID:stuurt} extra hulp naar {L0}.",
    "{O0} {EV:RETREAT:trekt} zich {T} terug uit het overleg over {X}.",
    "{P0} {EV:REQUEST:vroeg} {P1} om opheldering over {X}.",
    "{P0} {EV:ACCUSE:beschuldigde} {O0} van het achterhouden van informatie.",
    "{O0} {EV:REJECT:verwierp} {T} het voorstel van {P0}.",
    "{O0} {EV:THREATEN:dreigt} met een rechtszaak tegen {O1}.",
    "Honderden inwoners van {L0} {EV:PROTEST:demonstreerden} {T} tegen {X}.",
    "{O0} {EV:SANCTION:beboette} {O1} {T} voor {N} duizend euro.",
    "{O0} {EV:MOBILIZE:zette} {T} in {L0} extra agenten in.",
    "{O0} {EV:COERCE:arresteerde} {T} in {L0} drie verdachten.",
    "In {L0} werd {T} een agent {EV:ASSAULT:aangevallen} door een groep jongeren."};
constexpr std::array<const char*, 7> kQuoteTemplates = {
    "„{Q}”, {CUE:zei} {P0}.",       "„{Q}”, {CUE:aldus} {P0}.",
    "{P0} {CUE:zei}: „{Q}.”",       "„{Q}”, {CUE:zegt} {P0} namens {O0}.",
    "{P0} {CUE:zei} dat {IQ}.",     "{CUE:Volgens} {P0} {IQV}.",
    "{P1} {CUE:verwacht} dat {IQ}."};
constexpr std::array<const char*, 9> kTitles = {
    "{O0} onder vuur na besluit over {X}",  "Kritiek op aanpak van {X} in {L0}",
    "{O0} en {O1} eens over {X}",           "Onrust in {L0} over {X}",
    "{P0} wil snel duidelijkheid over {X}", "Nieuwe cijfers over {X} baren zorgen",
    "{O0} komt met plan voor {X}",          "Debat over {X} laait op",
    "{L0} wacht op besluit over {X}"};

// ------------------------------------------------------------------ randomness
struct Rng {
  uint64_t s;
  uint64_t Next() {
    uint64_t z = (s += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  double Uniform() { return static_cast<double>(Next() >> 11) * (1.0 / 9007199254740992.0); }
  // Skewed towards 0: a few items are very frequent, as news names are.
  size_t Skewed(size_t n) {
    return std::min(n - 1, static_cast<size_t>(n * Uniform() * Uniform() * Uniform()));
  }
};

uint64_t SeedOf(uint64_t seed, uint64_t index, uint64_t salt) {
  Rng r{seed * 0x100000001b3ULL + index * 0x9e3779b97f4a7c15ULL + salt};
  return r.Next();
}

std::string CivilDate(int64_t z) {  // days since 1970-01-01 -> YYYY-MM-DD
  z += 719468;
  const int64_t era = (z >= 0 ? z : z - 146096) / 146097;
  const auto doe = static_cast<unsigned>(z - era * 146097);
  const unsigned yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
  const int64_t y = static_cast<int64_t>(yoe) + era * 400;
  const unsigned doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
  const unsigned mp = (5 * doy + 2) / 153;
  const unsigned d = doy - (153 * mp + 2) / 5 + 1;
  const unsigned m = mp < 10 ? mp + 3 : mp - 9;
  char buf[48];
  std::snprintf(buf, sizeof buf, "%04d-%02u-%02u", static_cast<int>(y + (m <= 2)), m, d);
  return buf;
}

constexpr size_t kPeople = kFirst.size() * kLast.size();

std::string Capitalise(std::string s) {
  if (!s.empty() && s[0] >= 'a' && s[0] <= 'z') s[0] = static_cast<char>(s[0] - 'a' + 'A');
  return s;
}

// ------------------------------------------------------------------ the article builder
class Builder {
 public:
  Builder(Doc* doc, Rng* rng, bool layers) : doc_(doc), rng_(rng), layers_(layers) {}
  // Switches the random stream (a copy's own edits must not disturb the story's stream).
  Rng* SetRng(Rng* rng) {
    Rng* old = rng_;
    rng_ = rng;
    return old;
  }

  // The article's cast: persons, organisations and places by slot.
  std::array<size_t, 3> person{};
  std::array<size_t, 2> org{}, place{};
  size_t topic = 0;

  void Paragraph() {
    if (!doc_->text.empty()) doc_->text += "\n\n";
  }
  void Space() {
    if (!doc_->text.empty() && doc_->text.back() != '\n' && doc_->text.back() != ' ')
      doc_->text += ' ';
  }

  // Renders one sentence template at the end of the text.
  void Sentence(std::string_view tmpl) {
    Space();
    struct Slot {
      char kind;
      int32_t entity;
      Span mention;
    };
    std::vector<Slot> before, after;  // agent slots before / after an event trigger
    bool seen_trigger = false;
    std::optional<Span> trigger, quote, cue;
    std::string event_type;
    QuoteKind quote_kind = QuoteKind::kDirect;
    int32_t location = -1;
    std::optional<Slot> first_person;
    size_t i = 0;
    while (i < tmpl.size()) {
      if (tmpl[i] != '{') {
        size_t j = tmpl.find('{', i);
        if (j == std::string_view::npos) j = tmpl.size();
        Append(tmpl.substr(i, j - i));
        i = j;
        continue;
      }
      size_t close = tmpl.find('}', i);
      std::string_view key = tmpl.substr(i + 1, close - i - 1);
      i = close + 1;
      if (key.size() == 2 && (key[0] == 'P' || key[0] == 'O' || key[0] == 'L')) {
        Slot s{key[0], -1, {}};
        size_t k = static_cast<size_t>(key[1] - '0');
        s.mention = Name(key[0], k, &s.entity);
        if (key[0] == 'L') {
          if (location < 0) location = s.entity;
        } else {
          (seen_trigger ? after : before).push_back(s);
          if (key[0] == 'P' && !first_person) first_person = s;
        }
      } else if (key == "T") {
        Append(kTimes[rng_->Below(kTimes.size())]);
      } else if (key == "N") {
        Append(std::to_string(2 + rng_->Below(948)));
      } else if (key == "X") {
        Append(kTopics[topic]);
      } else if (key == "Q" || key == "IQ" || key == "IQV") {
        uint32_t b = Size();
        if (key == "Q")
          Append(kQuotes[rng_->Below(kQuotes.size())]);
        else if (key == "IQ")
          Append(kIndirect[rng_->Below(kIndirect.size())]);
        else
          Append(kIndirectV2[rng_->Below(kIndirectV2.size())]);
        quote = Span{b, Size()};
        quote_kind = key == "Q" ? QuoteKind::kDirect : QuoteKind::kIndirect;
      } else if (key.substr(0, 4) == "CUE:") {
        uint32_t b = Size();
        Append(key.substr(4));
        cue = Span{b, Size()};
      } else if (key.substr(0, 3) == "EV:") {
        size_t colon = key.find(':', 3);
        event_type = std::string(key.substr(3, colon - 3));
        uint32_t b = Size();
        Append(key.substr(colon + 1));
        trigger = Span{b, Size()};
        seen_trigger = true;
      }
    }
    if (!layers_) return;
    if (quote) {
      Quote q;
      q.span = *quote;
      q.kind = quote_kind;
      q.cue = cue;
      if (first_person) {
        q.speaker = first_person->entity;
        q.speaker_mention = first_person->mention;
      }
      doc_->quotes.push_back(q);
    }
    if (trigger) {
      Event v;
      v.type = event_type;
      v.trigger = *trigger;
      for (const Slot& s : before) v.actors.push_back(s.entity);
      for (const Slot& s : after) v.targets.push_back(s.entity);
      v.location = location;
      doc_->events.push_back(v);
    }
  }

  // Appends text, capitalising it at the start of a sentence.
  void Append(std::string_view s) {
    if (s.empty()) return;
    if (AtSentenceStart()) {
      doc_->text += Capitalise(std::string(s));
    } else {
      doc_->text += s;
    }
  }

  uint32_t Size() const { return static_cast<uint32_t>(doc_->text.size()); }

  // The mention of cast member `k` of kind P/O/L, added as a Mention of its entity.
  Span Name(char kind, size_t k, int32_t* entity_out) {
    size_t id = kind == 'P' ? person[k] : kind == 'O' ? org[k] : place[k];
    std::string key = std::string(1, kind) + std::to_string(id);
    int32_t e = -1;
    for (size_t i = 0; i < keys_.size(); ++i) {
      if (keys_[i] == key) e = static_cast<int32_t>(i);
    }
    bool first = e < 0;
    if (first) {
      e = static_cast<int32_t>(keys_.size());
      keys_.push_back(key);
      Entity ent;
      if (kind == 'P') {
        const auto& [particle, core] = kLast[id / kFirst.size()];
        ent.name = std::string(kFirst[id % kFirst.size()]) + " " +
                   (*particle ? std::string(particle) + " " : "") + core;
        ent.type = "PER";
        if (id < 300) ent.kb = "Q" + std::to_string(7000000 + id);
      } else if (kind == 'O') {
        ent.name = kOrgs[id];
        ent.type = "ORG";
        if (id < 25) ent.kb = "Q" + std::to_string(8000000 + id);
      } else {
        ent.name = kPlaces[id];
        ent.type = "LOC";
        if (id < 30) ent.kb = "Q" + std::to_string(9000000 + id);
      }
      entities_.push_back(ent);
    }
    std::string surface = entities_[static_cast<size_t>(e)].name;
    MentionKind mk = MentionKind::kName;
    if (kind == 'P' && !first) {
      double u = rng_->Uniform();
      const auto& [particle, core] = kLast[id / kFirst.size()];
      if (u < 0.7) {
        surface = (*particle ? Capitalise(particle) + " " : "") + core;
      } else if (u < 0.9) {
        surface = kRoles[id % kRoles.size()];
        mk = MentionKind::kNominal;
      }
    }
    uint32_t b = Size();
    Append(surface);
    Span sp{b, Size()};
    if (layers_) {
      Mention m;
      m.span = sp;
      m.type = entities_[static_cast<size_t>(e)].type;
      m.kind = mk;
      m.entity = e;
      doc_->mentions.push_back(m);
    }
    *entity_out = e;
    return sp;
  }

  void Finish() {
    if (!layers_) return;
    // Mentions are in text order already; group them under their entities.
    for (size_t m = 0; m < doc_->mentions.size(); ++m) {
      entities_[static_cast<size_t>(doc_->mentions[m].entity)].mentions.push_back(
          static_cast<uint32_t>(m));
    }
    doc_->entities = std::move(entities_);
    for (Layer l : {Layer::kMentions, Layer::kEntities, Layer::kQuotes, Layer::kEvents})
      doc_->Set(l);
  }

 private:
  bool AtSentenceStart() const {
    const std::string& t = doc_->text;
    if (t.empty()) return true;
    size_t i = t.size();
    while (i > 0 && (t[i - 1] == ' ' || t[i - 1] == '\n')) --i;
    if (i == 0) return true;
    if (i == t.size()) return false;  // directly after a character
    char c = t[i - 1];
    if (c == '.' || c == '?' || c == '!' || c == '-') return true;
    // After „ at the start of a sentence.
    return false;
  }

  Doc* doc_;
  Rng* rng_;
  bool layers_;
  std::vector<std::string> keys_;
  std::vector<Entity> entities_;
};

void Render(Doc& doc, std::string_view tmpl, const Builder& cast, Rng& rng, std::string* out) {
  (void)doc;
  size_t i = 0;
  while (i < tmpl.size()) {
    if (tmpl[i] != '{') {
      size_t j = tmpl.find('{', i);
      if (j == std::string_view::npos) j = tmpl.size();
      out->append(tmpl.substr(i, j - i));
      i = j;
      continue;
    }
    size_t close = tmpl.find('}', i);
    std::string_view key = tmpl.substr(i + 1, close - i - 1);
    i = close + 1;
    std::string piece;
    if (key == "X")
      piece = kTopics[cast.topic];
    else if (key[0] == 'O')
      piece = kOrgs[cast.org[static_cast<size_t>(key[1] - '0')]];
    else if (key[0] == 'L')
      piece = kPlaces[cast.place[static_cast<size_t>(key[1] - '0')]];
    else if (key[0] == 'P') {
      size_t id = cast.person[static_cast<size_t>(key[1] - '0')];
      const auto& [particle, core] = kLast[id / kFirst.size()];
      piece = (*particle ? Capitalise(particle) + " " : "") + core;
    }
    (void)rng;
    if (out->empty()) piece = Capitalise(piece);
    out->append(piece);
  }
}

Doc Generate(uint64_t index, const SynthOptions& o, uint64_t content_index, bool copy) {
  Doc doc;
  char id[32];
  std::snprintf(id, sizeof id, "synth-%07llu", static_cast<unsigned long long>(index));
  doc.id = id;
  Rng rng{SeedOf(o.seed, content_index, 1)};
  Rng edit{SeedOf(o.seed, index, 2)};  // the copy's own edits, independent of the story
  Builder b(&doc, &rng, o.layers);
  for (auto& p : b.person) p = rng.Skewed(kPeople);
  for (auto& p : b.org) p = rng.Skewed(kOrgs.size());
  for (auto& p : b.place) p = rng.Skewed(kPlaces.size());
  if (b.person[1] == b.person[0]) b.person[1] = (b.person[0] + 41) % kPeople;
  if (b.person[2] == b.person[0] || b.person[2] == b.person[1])
    b.person[2] = (b.person[1] + 83) % kPeople;
  if (b.org[1] == b.org[0]) b.org[1] = (b.org[0] + 1) % kOrgs.size();
  if (b.place[1] == b.place[0]) b.place[1] = (b.place[0] + 1) % kPlaces.size();
  b.topic = rng.Below(kTopics.size());
  int64_t day = 16436 + static_cast<int64_t>(rng.Below(3653));  // 2015-01-01 .. 2024-12-31
  std::string title;
  Render(doc, kTitles[rng.Below(kTitles.size())], b, rng, &title);
  size_t source = rng.Below(kSources.size());
  if (copy) {
    day += static_cast<int64_t>(edit.Below(2));
    source = (source + 1 + edit.Below(kSources.size() - 1)) % kSources.size();
  }
  doc.meta.date = CivilDate(day);
  doc.meta.title = title;
  doc.meta.source = kSources[source];
  doc.meta.url = "https://nieuws.example/" + std::string(id);
  // Dateline and lead.
  std::string dateline = kPlaces[b.place[0]];
  for (char& c : dateline) {
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  }
  doc.text = dateline + " - ";
  const size_t lead = rng.Below(kEvents.size());
  if (copy && edit.Uniform() < 0.7) {
    Rng* story = b.SetRng(&edit);
    b.Sentence(kFiller[edit.Below(kFiller.size())]);  // the outlet's own opening line
    b.SetRng(story);
  }
  b.Sentence(kEvents[lead]);
  b.Sentence(kQuoteTemplates[rng.Below(kQuoteTemplates.size())]);
  // About 450 words in 10 to 16 paragraphs; roughly one sentence in five is a quote and one in
  // eight an event, as in political and local news.
  size_t paragraphs = 10 + rng.Below(7);
  if (copy && paragraphs > 10) --paragraphs;  // the copy drops the closing paragraph
  for (size_t p = 0; p < paragraphs; ++p) {
    b.Paragraph();
    size_t sentences = 2 + rng.Below(2);
    for (size_t s = 0; s < sentences; ++s) {
      double u = rng.Uniform();
      if (u < 0.2)
        b.Sentence(kQuoteTemplates[rng.Below(kQuoteTemplates.size())]);
      else if (u < 0.32)
        b.Sentence(kEvents[rng.Below(kEvents.size())]);
      else
        b.Sentence(kFiller[rng.Below(kFiller.size())]);
    }
  }
  b.Finish();
  return doc;
}

}  // namespace

bool IsNearDuplicate(uint64_t index, const SynthOptions& options, uint64_t* original) {
  if (index < 20) return false;
  Rng r{SeedOf(options.seed, index, 3)};
  if (r.Uniform() >= options.near_duplicate_rate) return false;
  *original = index - 1 - r.Below(std::min<uint64_t>(index - 1, 200));
  // An original is never itself a copy, so copies of copies do not chain.
  uint64_t dummy;
  if (IsNearDuplicate(*original, options, &dummy)) return false;
  return true;
}

Doc MakeArticle(uint64_t index, const SynthOptions& options) {
  uint64_t original = 0;
  if (IsNearDuplicate(index, options, &original)) return Generate(index, options, original, true);
  return Generate(index, options, index, false);
}

std::string ToInputJsonl(const Doc& doc) {
  std::string out = "{\"id\":";
  json::AppendString(doc.id, &out);
  auto field = [&](const char* name, const std::optional<std::string>& v) {
    if (!v) return;
    out += ",\"";
    out += name;
    out += "\":";
    json::AppendString(*v, &out);
  };
  field("date", doc.meta.date);
  field("title", doc.meta.title);
  field("source", doc.meta.source);
  field("url", doc.meta.url);
  out += ",\"text\":";
  json::AppendString(doc.text, &out);
  out += "}";
  return out;
}

}  // namespace kroniek::synth
