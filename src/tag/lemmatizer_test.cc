#include "tag/lemmatizer.h"

#include <gtest/gtest.h>

#include "base/errors.h"
#include "tag/corpus.h"
#include "test_util.h"

namespace kroniek::tag {
namespace {

std::vector<AnnotatedSentence> Tiny() {
  auto s = ReadAnnotated(testing::SourceDir() + "/src/tag/testdata/tiny.conllu");
  EXPECT_TRUE(s.ok()) << s.status().ToString();
  return s.ok() ? s.value() : std::vector<AnnotatedSentence>{};
}

std::shared_ptr<const Lemmatizer> TrainTiny() {
  LemmatizerTrainOptions o;
  o.epochs = 5;
  auto lem = TrainLemmatizer(Tiny(), {}, o, nullptr);
  EXPECT_TRUE(lem.ok()) << lem.status().ToString();
  return lem.ok() ? lem.value() : nullptr;
}

TEST(EditScriptTest, BetweenAndApply) {
  struct Case {
    const char* form;
    const char* lemma;
  } cases[] = {{"woningen", "woning"},   {"gegaan", "gaan"}, {"De", "de"},
               {"studenten", "student"}, {"liep", "lopen"},  {"Utrecht", "Utrecht"},
               {"cafés", "café"}};
  for (const Case& c : cases) {
    EditScript e = EditScript::Between(c.form, c.lemma);
    std::string out;
    ASSERT_TRUE(e.Apply(c.form, &out)) << c.form;
    EXPECT_EQ(out, c.lemma) << c.form << " " << e.Encode();
    EditScript d;
    ASSERT_TRUE(EditScript::Decode(e.Encode(), &d));
    EXPECT_EQ(d.Encode(), e.Encode());
  }
  // Scripts generalise: the plural -en script of "woningen" fits "regeringen".
  std::string out;
  ASSERT_TRUE(EditScript::Between("woningen", "woning").Apply("regeringen", &out));
  EXPECT_EQ(out, "regering");
  // The "ge-" script does not fit a form without "ge".
  EXPECT_FALSE(EditScript::Between("gegaan", "gaan").Apply("lopen", &out));
  EditScript bad;
  EXPECT_FALSE(EditScript::Decode("x|1|2|a", &bad));
  EXPECT_FALSE(EditScript::Decode("=|1", &bad));
}

TEST(LemmatizerTest, LexiconCompoundsAndParticles) {
  auto lem = TrainTiny();
  ASSERT_NE(lem, nullptr);
  // Known words.
  EXPECT_EQ(lem->Lemmatize("studenten", "NOUN", "N|soort|mv|basis"), "student");
  EXPECT_EQ(lem->Lemmatize("De", "DET", "LID|bep|stan|rest"), "de");
  // An unseen compound of known parts: stem + known head with the same tag.
  EXPECT_EQ(lem->Lemmatize("stadsbrug", "NOUN", "N|soort|ev|basis|zijd|stan"), "stad_brug");
  // Hyphenated.
  EXPECT_EQ(lem->Lemmatize("VVD-burgemeester", "NOUN", "N|soort|ev|basis|zijd|stan"),
            "VVD_burgemeester");
  // The lexicon keeps "stelde" without the particle it had in its training sentence...
  EXPECT_EQ(lem->Lemmatize("stelde", "VERB", "WW|pv|verl|ev"), "stellen");
  // ...and the sentence pass joins a separated particle again.
  std::vector<std::string> out;
  lem->LemmatizeSentence({"Zij", "stelde", "een", "plan", "op", "."},
                         {"PRON", "VERB", "DET", "NOUN", "ADP", "PUNCT"},
                         {"VNW|pers|pron|nomin|vol|3v|ev", "WW|pv|verl|ev", "LID|onbep|stan|agr",
                          "N|soort|ev|basis|onz|stan", "VZ|fin", "LET"},
                         &out);
  ASSERT_EQ(out.size(), 6u);
  EXPECT_EQ(out[1], "op_stellen");
  EXPECT_EQ(out[4], "op");
  // A preposition (VZ|init) is not a separated particle.
  lem->LemmatizeSentence({"Zij", "stelde", "vragen", "in", "de", "raad", "."},
                         {"PRON", "VERB", "NOUN", "ADP", "DET", "NOUN", "PUNCT"},
                         {"VNW|pers|pron|nomin|vol|3v|ev", "WW|pv|verl|ev", "N|soort|mv|basis",
                          "VZ|init", "LID|bep|stan|rest", "N|soort|ev|basis|zijd|stan", "LET"},
                         &out);
  EXPECT_EQ(out[1], "stellen");
  // An unseen participle with an attached particle is split after the particle.
  EXPECT_TRUE(lem->Lemmatize("opgebouwd", "VERB", "WW|vd|vrij|zonder").starts_with("op_"));
  // Three separated particles occur once only, below the twice-seen threshold.
  EXPECT_GT(ScoreLemmatizer(*lem, Tiny()), 97.0);
}

TEST(LemmatizerTest, SaveLoadLemmatizesIdentically) {
  auto lem = TrainTiny();
  ASSERT_NE(lem, nullptr);
  learn::ModelWriter w(kLemmatizerStage, kLemmatizerFeatureSet);
  lem->Save(&w);
  std::string bytes = w.Serialize();
  auto r = learn::ModelReader::Parse(bytes, kLemmatizerStage, "lem.kmodel");
  ASSERT_TRUE(r.ok()) << r.status().ToString();
  auto back = Lemmatizer::FromModel(r.value());
  ASSERT_TRUE(back.ok()) << back.status().ToString();
  const char* words[][3] = {{"regeringen", "NOUN", "N|soort|mv|basis"},
                            {"wandelde", "VERB", "WW|pv|verl|ev"},
                            {"gewandeld", "VERB", "WW|vd|vrij|zonder"},
                            {"Rotterdam", "PROPN", "N|eigen|ev|basis|onz|stan"},
                            {"huurwoningen", "NOUN", "N|soort|mv|basis"}};
  for (const auto& x : words) {
    EXPECT_EQ(lem->Lemmatize(x[0], x[1], x[2]), back.value()->Lemmatize(x[0], x[1], x[2])) << x[0];
  }
  learn::ModelWriter w2(kLemmatizerStage, kLemmatizerFeatureSet);
  back.value()->Save(&w2);
  EXPECT_EQ(w2.Serialize().size(), bytes.size());
}

TEST(LemmatizerTest, NoLemmasIsAnError) {
  AnnotatedSentence s;
  s.form = {"a"};
  s.lemma = {"_"};
  s.upos = {"X"};
  s.xpos = {"SPEC|vreemd"};
  s.feats = {"_"};
  s.deprel = {"root"};
  s.head = {-1};
  auto lem = TrainLemmatizer({s}, {}, LemmatizerTrainOptions{}, nullptr);
  ASSERT_FALSE(lem.ok());
  EXPECT_EQ(lem.status().error_id(), static_cast<int>(ErrorId::kTrainData));
}

}  // namespace
}  // namespace kroniek::tag
