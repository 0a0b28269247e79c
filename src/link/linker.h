// The entity linker: groups an article's mentions into entities with canonical names, linked to
// the bundled knowledge base (link/kb.h), and adds the nominal mentions that refer to them.
//
// Input: the names the NER stage found (Layer::kMentions, kind name), the tokens and sentences,
// and the tags when present. Steps:
//  1. Clean the names: a title or a ministry's portfolio is not part of a name ("minister van
//     Welzijn Wouter Beke" -> "Wouter Beke"), a possessive 's is cut ("IBM's"), the name part of
//     a hyphenated compound is the mention ("NAVO" in "NAVO-landen", "GroenLinks" in
//     "GroenLinks-leider"), and nationality words and adjectives are no entities ("Russische",
//     "Belgen"); those NER mentions stay in Doc::mentions without an entity.
//  2. Find knowledge-base names the NER missed or cut short ("Vlaamse regering", "Europees
//     parlement", "NAVO" inside "NAVO-hoofdkwartier").
//  3. Decide each name's type from the knowledge base, a type noun in front of it
//     ("kledingketen Coolcat" ORG, "het tv-programma Jinek" MISC, "burgemeester Hoes" PER), a
//     first name ("Darren Elias" PER), and the NER votes of all its mentions.
//  4. Group: the same name in any case or spelling variant the knowledge base knows, a surname
//     after the full name ("Stoltenberg" after "Jens Stoltenberg", "Van Zetten" after "Ronald
//     van Zetten"), an abbreviation and its expansion, aliases of one knowledge-base entry.
//  5. Canonical name: the knowledge base's, else the fullest form in the article; `kb` is the
//     Wikidata QID when known. A surname alone is linked to a knowledge-base person only when
//     that person held a role in the article's year.
//  6. Nominal mentions: a person noun with a determiner that refers to a named person of the
//     article: by apposition ("de Noor Jens Stoltenberg", "zijn kompaan ..., Joel Matip"),
//     by nationality ("de Noor" -> the Norwegian of the article), by the titles the article gives
//     ("Premier Rutte" ... "de premier") or by the knowledge base's roles at the article's date
//     ("de Oekraïense president", "de NAVO-chef"). Pronouns are not added (the quotes stage
//     resolves them for speakers).
//
// The Linker is immutable and thread-safe; Link() is linear in the document's length apart from
// small per-entity work.
#ifndef KRONIEK_LINK_LINKER_H_
#define KRONIEK_LINK_LINKER_H_

#include <memory>

#include "kroniek/doc.h"
#include "kroniek/pipeline.h"
#include "kroniek/status.h"
#include "link/kb.h"
#include "link/lexicon.h"

namespace kroniek::link {

class Linker {
 public:
  // The linker over the knowledge base and word lists compiled into the library.
  static Result<std::shared_ptr<const Linker>> Create();
  static std::shared_ptr<const Linker> CreateWith(std::shared_ptr<const KnowledgeBase> kb,
                                                  std::shared_ptr<const LinkLexicon> lexicon);

  // Rewrites doc.mentions (cleaned names, knowledge-base names and nominal mentions, in text
  // order; NER names that are no entity keep entity -1) and replaces doc.entities. Needs tokens,
  // sentences and mentions; uses tags when present.
  void Link(Doc& doc) const;

  const KnowledgeBase& kb() const { return *kb_; }
  const LinkLexicon& lexicon() const { return *lex_; }

 private:
  Linker(std::shared_ptr<const KnowledgeBase> kb, std::shared_ptr<const LinkLexicon> lex)
      : kb_(std::move(kb)), lex_(std::move(lex)) {}
  std::shared_ptr<const KnowledgeBase> kb_;
  std::shared_ptr<const LinkLexicon> lex_;
};

// The pipeline stage "entities": reads tokens, sentences and mentions; writes mentions and
// entities.
std::unique_ptr<Stage> MakeLinkerStage(std::shared_ptr<const Linker> linker);

}  // namespace kroniek::link

#endif  // KRONIEK_LINK_LINKER_H_
