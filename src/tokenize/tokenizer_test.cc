#include "tokenize/tokenizer.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

#include "base/utf8.h"
#include "tokenize/char_class.h"
#include "tokenize/token_info.h"

namespace kroniek {
namespace {

using Tokens = std::vector<std::string>;
using Sentences = std::vector<Tokens>;

// The tokenizer with the compiled-in sentence model (most tests here); RulesTok() is the default.
const Tokenizer& Tok() {
  static std::shared_ptr<const Tokenizer> t = [] {
    TokenizerOptions o;
    o.sentence_model = "builtin";
    auto r = Tokenizer::Create(o);
    EXPECT_TRUE(r.ok()) << r.status().ToString();
    return r.value();
  }();
  return *t;
}

Doc TokenizeText(const std::string& text) {
  Doc doc;
  doc.text = text;
  Tok().Tokenize(doc);
  EXPECT_EQ(doc.Validate(), "") << text;
  return doc;
}

Tokens TokensOf(const std::string& text) {
  Doc doc = TokenizeText(text);
  Tokens out;
  for (size_t i = 0; i < doc.tokens.size(); ++i) out.emplace_back(doc.TokenText(i));
  return out;
}

Sentences SentencesOf(const std::string& text) {
  Doc doc = TokenizeText(text);
  Sentences out;
  for (const Sentence& s : doc.sentences) {
    Tokens t;
    for (uint32_t i = s.token_begin; i < s.token_end; ++i) t.emplace_back(doc.TokenText(i));
    out.push_back(t);
  }
  return out;
}

// True when `tokens` contains `part` as a contiguous run.
bool HasRun(const Tokens& tokens, const Tokens& part) {
  for (size_t i = 0; i + part.size() <= tokens.size(); ++i) {
    bool ok = true;
    for (size_t k = 0; k < part.size() && ok; ++k) ok = tokens[i + k] == part[k];
    if (ok) return true;
  }
  return false;
}

#define EXPECT_RUN(text, ...)                                \
  do {                                                       \
    Tokens toks_ = TokensOf(text);                           \
    Tokens want_ = __VA_ARGS__;                              \
    std::string got_;                                        \
    for (const auto& t_ : toks_) got_ += t_ + " | ";         \
    EXPECT_TRUE(HasRun(toks_, want_)) << "tokens: " << got_; \
  } while (0)

TEST(TokenizerTest, SplitsWordsAndPunctuation) {
  EXPECT_EQ(TokensOf("De kat zat op de mat."),
            (Tokens{"De", "kat", "zat", "op", "de", "mat", "."}));
  EXPECT_EQ(
      TokensOf("Ja, nee; misschien: (soms) [vaak]!"),
      (Tokens{"Ja", ",", "nee", ";", "misschien", ":", "(", "soms", ")", "[", "vaak", "]", "!"}));
  EXPECT_EQ(TokensOf("Echt?!"), (Tokens{"Echt", "?", "!"}));
  EXPECT_TRUE(TokensOf("").empty());
  EXPECT_TRUE(TokensOf(" \n\n\t ").empty());
}

TEST(TokenizerTest, KeepsAbbreviationsTogether) {
  Tokens t = TokensOf(
      "De minister sprak o.a. met mr. Jansen, dr. Pietersen en prof. De Vries, d.w.z. met bijv. "
      "de advocaten m.b.t. de zaak, de getuigen enz. in de rechtszaal.");
  for (const char* a : {"o.a.", "mr.", "dr.", "prof.", "d.w.z.", "bijv.", "m.b.t.", "enz."}) {
    EXPECT_NE(std::find(t.begin(), t.end(), a), t.end()) << a;
  }
  // Capitalised at the start of a sentence.
  EXPECT_RUN("Bijv. een fiets of een auto.", {"Bijv.", "een"});
  // A word that is also an abbreviation keeps its period only where a sentence goes on.
  EXPECT_RUN("Zie art. 12 van de wet.", {"art.", "12"});
  EXPECT_RUN("Hij werkt aan zijn art. De rest volgt.", {"art", ".", "De"});
}

TEST(TokenizerTest, KeepsInitialsTogether) {
  EXPECT_RUN("Premier J.P. Balkenende sprak met W. Kok.", {"J.P.", "Balkenende"});
  EXPECT_RUN("Premier J.P. Balkenende sprak met W. Kok.", {"W.", "Kok", "."});
  EXPECT_RUN("Het gebeurde in de V.S. en in de U.S.A.", {"V.S.", "en"});
  // A letter before a sentence opener is not an initial.
  EXPECT_RUN("Dat geldt voor eigenschap B. Maar niet voor C.", {"B", ".", "Maar"});
  // An initial before a name particle stays one.
  EXPECT_RUN("Zij sprak met B. De Wever.", {"B.", "De", "Wever"});
}

TEST(TokenizerTest, KeepsNumbersTimesAndMoneyWhole) {
  EXPECT_RUN("Om 16.30 uur telde men 1.000.000 bezoekers, 3,5 procent meer.", {"16.30", "uur"});
  EXPECT_RUN("Om 16.30 uur telde men 1.000.000 bezoekers, 3,5 procent meer.",
             {"1.000.000", "bezoekers", ","});
  EXPECT_RUN("Om 16.30 uur telde men 1.000.000 bezoekers, 3,5 procent meer.", {"3,5", "procent"});
  EXPECT_RUN("Een kop koffie kost € 2,50 en een taartje €3,-.", {"€", "2,50", "en"});
  EXPECT_RUN("Een kop koffie kost € 2,50 en een taartje €3,-.", {"€", "3,-", "."});
  EXPECT_RUN("De rente steeg tot 5%.", {"5%", "."});
  EXPECT_RUN("Het eindigde in 1995.", {"1995", "."});
  EXPECT_RUN("De wedstrijd begint om 20:45 uur.", {"20:45", "uur"});
  EXPECT_RUN("De temperatuur daalde tot -3 graden.", {"-3", "graden"});
}

TEST(TokenizerTest, KeepsDatesAndOrdinalsWhole) {
  EXPECT_RUN("Het vonnis volgt op 24-03-2022 in Den Haag.", {"24-03-2022", "in"});
  EXPECT_RUN("Zij werd 2e in de 21ste editie van de 1e divisie.", {"2e", "in", "de", "21ste"});
  EXPECT_RUN("In de periode 1985-1990 groeide de stad.", {"1985-1990"});
  EXPECT_RUN("1. Inleiding van het rapport", {"1.", "Inleiding"});
}

TEST(TokenizerTest, HandlesApostropheForms) {
  EXPECT_EQ(TokensOf("'s Avonds reed hij naar 's-Hertogenbosch."),
            (Tokens{"'s", "Avonds", "reed", "hij", "naar", "'s-Hertogenbosch", "."}));
  EXPECT_EQ(TokensOf("Met z'n auto's en zo'n fiets, m'n vriend."),
            (Tokens{"Met", "z'n", "auto's", "en", "zo'n", "fiets", ",", "m'n", "vriend", "."}));
  EXPECT_RUN("Het is 't beste wat 'n mens kan doen.", {"'t", "beste"});
  EXPECT_RUN("Het is 't beste wat 'n mens kan doen.", {"'n", "mens"});
  EXPECT_RUN("Muziek uit de jaren '80 blijft populair.", {"'80", "blijft"});
  EXPECT_RUN("De typografische ’s avonds en auto’s.", {"’s", "avonds", "en", "auto’s"});
  // A possessive apostrophe after s stays with the name.
  EXPECT_RUN("Dat is Jenkins' eigen plan.", {"Jenkins'", "eigen"});
}

TEST(TokenizerTest, KeepsHyphenatedCompoundsTogether) {
  EXPECT_RUN("Alle NAVO-landen en de EU-top stemden in.", {"NAVO-landen", "en", "de", "EU-top"});
  EXPECT_RUN("Zowel land- en tuinbouw als Noord-Holland.", {"land-", "en", "tuinbouw"});
  EXPECT_RUN("Zowel land- en tuinbouw als Noord-Holland.", {"Noord-Holland", "."});
  EXPECT_RUN("Komt -ie nog?", {"-ie", "nog"});
}

TEST(TokenizerTest, SplitsEveryQuotationStyle) {
  EXPECT_EQ(TokensOf(",,Ja,'' zei hij."), (Tokens{",,", "Ja", ",", "''", "zei", "hij", "."}));
  EXPECT_EQ(TokensOf("„Nee,” zei zij."), (Tokens{"„", "Nee", ",", "”", "zei", "zij", "."}));
  EXPECT_EQ(TokensOf("“Goed”, zei ik."), (Tokens{"“", "Goed", "”", ",", "zei", "ik", "."}));
  EXPECT_EQ(TokensOf("Hij zag 'rood' en \"groen\"."),
            (Tokens{"Hij", "zag", "'", "rood", "'", "en", "\"", "groen", "\"", "."}));
  EXPECT_EQ(TokensOf("De « Vlaamse » zaak en ‘die’ ook."),
            (Tokens{"De", "«", "Vlaamse", "»", "zaak", "en", "‘", "die", "’", "ook", "."}));
  EXPECT_EQ(TokensOf("Met een knipoog:,,Dat hoort niet''"),
            (Tokens{"Met", "een", "knipoog", ":", ",,", "Dat", "hoort", "niet", "''"}));
}

TEST(TokenizerTest, KeepsUrlsEmailsHashtagsAndMentionsWhole) {
  EXPECT_EQ(TokensOf("Lees https://nos.nl/artikel/2279150-rutte.html of mail info@nos.nl."),
            (Tokens{"Lees", "https://nos.nl/artikel/2279150-rutte.html", "of", "mail",
                    "info@nos.nl", "."}));
  EXPECT_RUN("Zie www.rijksoverheid.nl, daar staat het.", {"www.rijksoverheid.nl", ","});
  EXPECT_RUN("(zie https://example.org/pad)", {"zie", "https://example.org/pad", ")"});
  EXPECT_RUN("Trending: #Prinsjesdag volgens @NOS.", {"#Prinsjesdag", "volgens", "@NOS", "."});
}

TEST(TokenizerTest, SplitsEllipsesAndDashes) {
  EXPECT_RUN("Hij dacht... en toen…", {"dacht", "...", "en", "toen", "…"});
  EXPECT_RUN("Het plan – dat al klaar lag — ging niet door.", {"plan", "–", "dat"});
  EXPECT_RUN("Het plan – dat al klaar lag — ging niet door.", {"lag", "—", "ging"});
  EXPECT_RUN("Wie -- zo bleek -- wist het?", {"Wie", "--", "zo"});
}

TEST(TokenizerTest, NeverLosesOrAltersText) {
  const std::string text =
      "  ,,Zo'n 40%  van de €1.000,-'' (zei hij)...\n\n"
      "„Échec” voor Curaçao’s café – 24-03-2022 \t om 16.30u; e-mail: a.b@c.nl!?\r\n"
      "Einde\xC2\xA0zin\xE2\x80\x83met rare spaties en 😀 emoji.";
  Doc doc = TokenizeText(text);
  // Tokens are in order, never overlap, and between them is only white space.
  size_t pos = 0;
  for (size_t i = 0; i < doc.tokens.size(); ++i) {
    const Span& s = doc.tokens[i];
    for (size_t k = pos; k < s.begin;) {
      size_t len;
      EXPECT_TRUE(tok::IsSpace(tok::DecodeAt(text, k, &len))) << "lost text at byte " << k;
      k += len;
    }
    std::string_view t = doc.TokenText(i);
    for (size_t k = 0; k < t.size();) {
      size_t len;
      EXPECT_FALSE(tok::IsSpace(tok::DecodeAt(t, k, &len))) << "space inside token " << i;
      k += len;
    }
    bool space_follows = false;
    if (s.end < text.size()) {
      size_t len;
      space_follows = tok::IsSpace(tok::DecodeAt(text, s.end, &len));
    }
    EXPECT_EQ(doc.space_after[i] != 0, space_follows) << i;
    pos = s.end;
  }
  for (size_t k = pos; k < text.size(); ++k) EXPECT_TRUE(tok::IsSpace(text[k]));
  // Non-breaking and em spaces separate tokens too.
  EXPECT_RUN(text, {"Einde", "zin", "met"});
  EXPECT_RUN(text, {"😀", "emoji", "."});
}

TEST(TokenizerTest, EndsSentencesAfterClosingQuotes) {
  EXPECT_EQ(SentencesOf(",,Ja.'' Hij vertrok."),
            (Sentences{{",,", "Ja", ".", "''"}, {"Hij", "vertrok", "."}}));
  EXPECT_EQ(SentencesOf("\"Nooit!\" De zaal was stil."),
            (Sentences{{"\"", "Nooit", "!", "\""}, {"De", "zaal", "was", "stil", "."}}));
  // A quote that goes on after its punctuation does not end the sentence.
  EXPECT_EQ(SentencesOf(",,Waarom?'' vroeg ze."),
            (Sentences{{",,", "Waarom", "?", "''", "vroeg", "ze", "."}}));
  // A quotation over two sentences: the closing quote goes with the last one.
  EXPECT_EQ(SentencesOf(",,Het was zwaar. Ik ben blij.'' Daarna vertrok hij."),
            (Sentences{{",,", "Het", "was", "zwaar", "."},
                       {"Ik", "ben", "blij", ".", "''"},
                       {"Daarna", "vertrok", "hij", "."}}));
  // A quotation without final punctuation before a new sentence.
  EXPECT_EQ(SentencesOf(",,Hij heeft er zin in'' De premier vertrok gisteren."),
            (Sentences{{",,", "Hij", "heeft", "er", "zin", "in", "''"},
                       {"De", "premier", "vertrok", "gisteren", "."}}));
}

// Straight quotes standing alone between spaces: the words around them decide, so that one
// unbalanced quote earlier in the text does not turn every later one around.
TEST(TokenizerTest, DecidesLoneStraightQuotesByTheirNeighbours) {
  // The first quote is never closed; the second, after a colon, still opens.
  EXPECT_EQ(SentencesOf("Ze riep \" Weg hier. De buurman zei : \" Ik blijf. \" Toen ging hij."),
            (Sentences{{"Ze", "riep", "\"", "Weg", "hier", "."},
                       {"De", "buurman", "zei", ":", "\"", "Ik", "blijf", ".", "\""},
                       {"Toen", "ging", "hij", "."}}));
  // Before a lowercase word a lone quote closes; the next one then opens a sentence.
  EXPECT_EQ(SentencesOf("\" Het regent \" zei ze. \" Neem een jas mee. \""),
            (Sentences{{"\"", "Het", "regent", "\"", "zei", "ze", "."},
                       {"\"", "Neem", "een", "jas", "mee", ".", "\""}}));
}

TEST(TokenizerTest, SplitsSentencesAtTerminalPunctuation) {
  EXPECT_EQ(SentencesOf("Waarom? Daarom! Zo gaat dat. Einde"),
            (Sentences{{"Waarom", "?"}, {"Daarom", "!"}, {"Zo", "gaat", "dat", "."}, {"Einde"}}));
  // Abbreviations: a title never ends a sentence, "enz." does before a capital.
  EXPECT_EQ(SentencesOf("Gisteren sprak mr. Jansen. Hij kocht appels, peren enz. Toen ging hij."),
            (Sentences{{"Gisteren", "sprak", "mr.", "Jansen", "."},
                       {"Hij", "kocht", "appels", ",", "peren", "enz."},
                       {"Toen", "ging", "hij", "."}}));
  EXPECT_EQ(SentencesOf("Hij zag o.a. Rutte en Kaag."),
            (Sentences{{"Hij", "zag", "o.a.", "Rutte", "en", "Kaag", "."}}));
  EXPECT_EQ(SentencesOf("Dit was het... Of toch niet?").size(), 2u);
  EXPECT_EQ(SentencesOf("Wacht even... en dan verder.").size(), 1u);
  // Closing brackets stay with their sentence.
  EXPECT_EQ(SentencesOf("Het kost veel. (Zie de tabel.) Daarna volgt meer."),
            (Sentences{{"Het", "kost", "veel", "."},
                       {"(", "Zie", "de", "tabel", ".", ")"},
                       {"Daarna", "volgt", "meer", "."}}));
}

TEST(TokenizerTest, EndsHeadlinesAndCaptionsAtLineBreaks) {
  Sentences s = SentencesOf(
      "Kabinet valt over stikstof\n"
      "Premier Rutte biedt vandaag zijn ontslag aan.\n"
      "Foto: ANP\n"
      "Volgens ingewijden was het onvermijdelijk.");
  ASSERT_EQ(s.size(), 4u);
  EXPECT_EQ(s[0], (Tokens{"Kabinet", "valt", "over", "stikstof"}));
  EXPECT_EQ(s[2], (Tokens{"Foto", ":", "ANP"}));
  // Hard-wrapped text: line breaks inside sentences are not sentence ends.
  Sentences w = SentencesOf(
      "Dit is een lange zin die over\nmeerdere regels loopt en pas aan\nhet einde van "
      "Nederland\nstopt. Daarna volgt er\nnog een zin.");
  EXPECT_EQ(w.size(), 2u);
}

TEST(TokenizerTest, EndsHeadingsWithoutPunctuationInRunningText) {
  EXPECT_EQ(
      SentencesOf("Geschiedenis In 1921 werd het circuit aangelegd."),
      (Sentences{{"Geschiedenis"}, {"In", "1921", "werd", "het", "circuit", "aangelegd", "."}}));
  EXPECT_EQ(
      SentencesOf("Landbouw Landbouw is het verbouwen van gewassen."),
      (Sentences{{"Landbouw"}, {"Landbouw", "is", "het", "verbouwen", "van", "gewassen", "."}}));
  // Capitalised function words in names do not start sentences.
  EXPECT_EQ(SentencesOf("Hij sprak met Bart De Wever en met Van der Vaart.").size(), 1u);
}

// The sentence model compiled into the library splits off headings and list items that the rules
// cannot tell from running text, and keeps names together.
TEST(TokenizerTest, SentenceModelSplitsOffHeadings) {
  ASSERT_NE(Tok().sentence_model(), nullptr);
  Sentences s = SentencesOf("Het dorp telt drie scholen. Economie Tuinbouw is er belangrijk.");
  ASSERT_EQ(s.size(), 3u);
  EXPECT_EQ(s[1], (Tokens{"Economie"}));
  EXPECT_EQ(s[2][0], "Tuinbouw");
  Sentences link = SentencesOf("Externe link Officiële website van de gemeente");
  ASSERT_EQ(link.size(), 2u);
  EXPECT_EQ(link[0], (Tokens{"Externe", "link"}));
  Sentences list = SentencesOf("Bekende inwoners Jan Peters ( 1901-1980 ) , schilder");
  ASSERT_EQ(list.size(), 2u);
  EXPECT_EQ(list[0], (Tokens{"Bekende", "inwoners"}));
  EXPECT_EQ(SentencesOf("Volgens PSV-trainer Peter Bosz en minister Hugo de Jonge gaat de "
                        "wedstrijd gewoon door.")
                .size(),
            1u);
}

// The compiled-in sentence model is the default, with or without options.
TEST(TokenizerTest, UsesTheSentenceModelByDefault) {
  auto plain = Tokenizer::Create();
  ASSERT_TRUE(plain.ok()) << plain.status().ToString();
  EXPECT_NE((*plain)->sentence_model(), nullptr);
  auto empty = Tokenizer::Create(TokenizerOptions());
  ASSERT_TRUE(empty.ok()) << empty.status().ToString();
  EXPECT_NE((*empty)->sentence_model(), nullptr);
  // A heading before a sentence with a finite verb ends without punctuation.
  Doc doc;
  doc.text = "Bosbouw Bosbouw is het gebruik van bossen. Landbouw in Europa De boeren werken hard.";
  (*plain)->Tokenize(doc);
  ASSERT_GE(doc.sentences.size(), 3u);
}

TEST(TokenizerTest, WorksWithTheRulesOnly) {
  TokenizerOptions o;
  o.sentence_model = "none";
  auto rules = Tokenizer::Create(o);
  ASSERT_TRUE(rules.ok()) << rules.status().ToString();
  EXPECT_EQ((*rules)->sentence_model(), nullptr);
  const std::string text =
      "Geschiedenis In 1921 werd het circuit aangelegd. Economie Tuinbouw is er belangrijk.";
  Doc with_rules;
  with_rules.text = text;
  (*rules)->Tokenize(with_rules);
  EXPECT_EQ(with_rules.Validate(), "");
  Doc with_model = TokenizeText(text);
  // The model only moves sentence boundaries; the tokens are the same.
  ASSERT_EQ(with_rules.tokens.size(), with_model.tokens.size());
  for (size_t i = 0; i < with_rules.tokens.size(); ++i) {
    EXPECT_EQ(with_rules.tokens[i].begin, with_model.tokens[i].begin);
    EXPECT_EQ(with_rules.tokens[i].end, with_model.tokens[i].end);
  }
  EXPECT_EQ(with_rules.space_after, with_model.space_after);
  // The rules' heading heuristic still splits "Geschiedenis In 1921"; only the model splits
  // "Economie Tuinbouw".
  ASSERT_EQ(with_rules.sentences.size(), 3u);
  EXPECT_EQ(with_rules.sentences[0].token_end, 1u);
  EXPECT_EQ(with_model.sentences.size(), 4u);
  // A model file that is not there is an error, not a silent fallback.
  o.sentence_model = "/nonexistent/sentences.kmodel";
  auto missing = Tokenizer::Create(o);
  ASSERT_FALSE(missing.ok());
  EXPECT_EQ(missing.status().error_id(), 201);
}

TEST(TokenizerTest, KeepsDatelinesWithTheirSentence) {
  EXPECT_EQ(SentencesOf("BRUSSEL - De Europese Commissie wil strengere regels."),
            (Sentences{{"BRUSSEL", "-", "De", "Europese", "Commissie", "wil", "strengere", "regels",
                        "."}}));
  Sentences s = SentencesOf("SCHIPHOL (ANP) - Tientallen vluchten zijn vertraagd.");
  ASSERT_EQ(s.size(), 1u);
  EXPECT_EQ(s[0][0], "SCHIPHOL");
  // A headline without punctuation before the dateline ends there.
  Sentences h = SentencesOf(
      "Storing legt vliegverkeer plat SCHIPHOL (ANP) - Tientallen vluchten "
      "zijn vertraagd.");
  ASSERT_EQ(h.size(), 2u);
  EXPECT_EQ(h[0], (Tokens{"Storing", "legt", "vliegverkeer", "plat"}));
  EXPECT_EQ(h[1][0], "SCHIPHOL");
  // A match between club acronyms is no dateline.
  EXPECT_EQ(SentencesOf("Na de wedstrijd AZ - Ajax ging de trainer weg.").size(), 1u);
}

TEST(TokenizerTest, NumbersParagraphsAndAlwaysEndsThem) {
  Doc doc = TokenizeText(
      "Eerste alinea zonder punt\n\nTweede alinea. Nog een zin\n\n\n  Derde, en\r\n\r\nvierde");
  ASSERT_EQ(doc.sentences.size(), 5u);
  EXPECT_EQ(doc.sentences[0].paragraph, 0u);
  EXPECT_EQ(doc.sentences[1].paragraph, 1u);
  EXPECT_EQ(doc.sentences[2].paragraph, 1u);
  EXPECT_EQ(doc.sentences[3].paragraph, 2u);
  EXPECT_EQ(doc.sentences[4].paragraph, 3u);
  EXPECT_EQ(doc.TokenText(doc.sentences[4].token_begin), "vierde");
  // A paragraph break ends a sentence even after a comma.
  EXPECT_EQ(SentencesOf("Hij zei,\n\nen toen niets").size(), 2u);
}

TEST(TokenizerTest, HandlesUnicodeLettersMarksAndSymbols) {
  EXPECT_EQ(TokensOf("Oekraïne, België en Curaçao."),
            (Tokens{"Oekraïne", ",", "België", "en", "Curaçao", "."}));
  // A combining accent stays on its letter; a superscript stays in its word.
  EXPECT_EQ(TokensOf("Cafe\xCC\x81 van 13.521 km²."),
            (Tokens{"Cafe\xCC\x81", "van", "13.521", "km²", "."}));
  EXPECT_EQ(TokensOf("Москва и 北京 😀👍🏽"),
            (Tokens{"Москва", "и", "北京", "😀", "👍🏽"}));
  // Invalid UTF-8 never makes it read out of bounds.
  Doc doc;
  doc.text = "abc\xFF\xC3";
  Tok().Tokenize(doc);
  EXPECT_FALSE(doc.tokens.empty());
}

TEST(TokenizerTest, RecordsSpaceAfter) {
  Doc doc = TokenizeText("Ja, hij (zei) het.");
  ASSERT_EQ(doc.tokens.size(), 8u);
  std::vector<uint8_t> want = {0, 1, 1, 0, 0, 1, 0, 0};
  EXPECT_EQ(doc.space_after, want);
}

TEST(TokenizerTest, StageWritesTokensAndSentences) {
  auto t = Tokenizer::Create();
  ASSERT_TRUE(t.ok());
  auto stage = MakeTokenizerStage(t.value());
  EXPECT_EQ(stage->Name(), "tokenizer");
  EXPECT_TRUE(stage->Reads().empty());
  EXPECT_TRUE(stage->Writes().Has(Layer::kTokens));
  EXPECT_TRUE(stage->Writes().Has(Layer::kSentences));
  Doc doc;
  doc.text = "Een zin. Nog een.";
  ASSERT_TRUE(stage->Process(doc).ok());
  EXPECT_TRUE(doc.Has(Layer::kTokens));
  EXPECT_TRUE(doc.Has(Layer::kSentences));
  EXPECT_EQ(doc.sentences.size(), 2u);
  // Tokenising again replaces the layers.
  ASSERT_TRUE(stage->Process(doc).ok());
  EXPECT_EQ(doc.tokens.size(), 6u);
  EXPECT_EQ(doc.Validate(), "");
}

TEST(TokenizerTest, WordTableFindsLowercasedWordsAndHashes) {
  tok::WordTable t;
  for (int i = 0; i < 300; ++i) t.Insert("woord" + std::to_string(i), 1);  // makes it grow
  t.Insert("werd", 2);
  t.Insert("heeft", 3);
  EXPECT_EQ(t.size(), 302u);
  EXPECT_EQ(t.FindLower("Werd"), 2);
  EXPECT_EQ(t.FindLower("HEEFT"), 3);
  EXPECT_EQ(t.FindLower("WOORD17"), 1);
  EXPECT_EQ(t.FindLower("werdt"), 0);
  EXPECT_EQ(t.FindLower("wer"), 0);
  EXPECT_EQ(t.Find("Werd"), 0);  // Find itself is exact
  EXPECT_TRUE(tok::InTableLower(t, "Heeft"));
  EXPECT_TRUE(t.ContainsHash(tok::WordTable::KeyHash("werd")));
  EXPECT_TRUE(t.ContainsHash(tok::WordTable::KeyHash("woord299")));
  EXPECT_FALSE(t.ContainsHash(tok::WordTable::KeyHash("Werd")));
  EXPECT_FALSE(t.ContainsHash(tok::WordTable::KeyHash("woord300")));
  EXPECT_FALSE(tok::WordTable().ContainsHash(tok::WordTable::KeyHash("werd")));
}

}  // namespace
}  // namespace kroniek
