#include "eval/ud_eval.h"

#include <gtest/gtest.h>

#include "test_util.h"

namespace kroniek::eval {
namespace {

Doc One(const std::string& conllu) {
  auto docs = testing::ReadAll(conllu, "x.conllu", InputFormat::kConllu);
  EXPECT_EQ(docs.size(), 1u);
  return docs.empty() ? Doc() : docs[0];
}

const char* kGold =
    "1\tZe\tze\tPRON\tVNW\tPerson=3\t2\tnsubj\t_\t_\n"
    "2\tlazen\tlezen\tVERB\tWW|pv\tTense=Past\t0\troot\t_\t_\n"
    "3\tdagbladen\tdag_blad\tNOUN\tN|soort\tNumber=Plur\t2\tobj\t_\tSpaceAfter=No\n"
    "4\t.\t.\tPUNCT\tLET\t_\t2\tpunct\t_\t_\n\n"
    "1\tKlaar\tklaar\tADJ\tADJ\tDegree=Pos|ExtPos=ADJ\t0\troot\t_\tSpaceAfter=No\n"
    "2\t!\t!\tPUNCT\tLET\t_\t1\tpunct\t_\t_\n\n";

TEST(UdEvalTest, PerfectSystemScoresHundred) {
  Doc g = One(kGold);
  UdScores s = ScoreUd({g}, {g});
  for (const UdMetric& m : s.metrics) EXPECT_DOUBLE_EQ(m.f1(), 100.0) << m.name;
  EXPECT_TRUE(s.has_deps);
}

TEST(UdEvalTest, AlignsByCharactersAcrossTokenisations) {
  Doc g = One(kGold);
  // The system glues "dagbladen." together, gets one lemma and one head wrong, and splits the
  // text into one sentence.
  const char* sys =
      "1\tZe\tze\tPRON\tVNW\tPerson=3\t2\tnsubj:x\t_\t_\n"
      "2\tlazen\tlazen\tVERB\tWW|pv\tTense=Past\t0\troot\t_\t_\n"
      "3\tdagbladen.\tdagblad\tNOUN\tN|soort\tNumber=Plur\t2\tobj\t_\t_\n"
      "4\tKlaar\tklaar\tADJ\tADJ\tDegree=Pos\t2\tconj\t_\tSpaceAfter=No\n"
      "5\t!\t!\tPUNCT\tLET\t_\t4\tpunct\t_\t_\n\n";
  Doc s = One(sys);
  UdScores r = ScoreUd({g}, {s});
  const UdMetric* tok = r.Find("Tokens");
  ASSERT_NE(tok, nullptr);
  EXPECT_EQ(tok->correct, 4u);  // Ze, lazen, Klaar, !
  EXPECT_EQ(tok->gold, 6u);
  EXPECT_EQ(tok->system, 5u);
  EXPECT_NEAR(tok->f1(), 200.0 * 4 / 11, 1e-9);
  EXPECT_EQ(r.Find("Sentences")->correct, 0u);
  EXPECT_EQ(r.Find("UPOS")->correct, 4u);
  EXPECT_EQ(r.Find("Lemmas")->correct, 3u);  // lazen is wrong
  // UFeats: "Klaar" lacks ExtPos=ADJ, which only the stripped comparison forgives.
  EXPECT_EQ(r.Find("UFeats")->correct, 3u);
  UdEvalOptions o;
  o.strip_caveat_feats = true;
  EXPECT_EQ(ScoreUd({g}, {s}, o).Find("UFeats")->correct, 4u);
  // Heads: Ze -> lazen (right, nsubj:x counts as nsubj), lazen root (right),
  // Klaar -> lazen (wrong: gold root), ! -> Klaar (right).
  EXPECT_EQ(r.Find("UAS")->correct, 3u);
  EXPECT_EQ(r.Find("LAS")->correct, 3u);
}

TEST(UdEvalTest, NoParseMeansNoDeps) {
  Doc g = One(kGold);
  Doc s = g;
  s.Clear(Layer::kDeps);
  UdScores r = ScoreUd({g}, {s});
  EXPECT_FALSE(r.has_deps);
  EXPECT_EQ(r.Find("UAS")->correct, 0u);
  std::string table = FormatUdScores(r);
  EXPECT_NE(table.find("UPOS       |    100.00"), std::string::npos) << table;
  EXPECT_NE(table.find("LAS        |         -"), std::string::npos) << table;
}

TEST(UdEvalTest, StripCaveatFeats) {
  EXPECT_EQ(StripCaveatFeats("Mood=Ind|Number=Sing|Tense=Pres|VerbForm=Fin"),
            "Number=Sing|Tense=Pres|VerbForm=Fin");
  EXPECT_EQ(StripCaveatFeats("Definite=Def|PronType=Art"), "Definite=Def");
  EXPECT_EQ(StripCaveatFeats("ExtPos=ADP"), "_");
  EXPECT_EQ(StripCaveatFeats("_"), "_");
  EXPECT_EQ(StripCaveatFeats("Person=3|PronType=Prs"), "Person=3|PronType=Prs");
}

}  // namespace
}  // namespace kroniek::eval
