// The recogniser's spans (Token::ner) merged with the knowledge base and the rules. The
// tags are set by hand here, so these tests say what the merge does with a given
// recognition, whatever the model would have tagged.
#include <gtest/gtest.h>

#include <cstdlib>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include "extract/entities/entities.h"
#include "text/tokenizer.h"

namespace claimgraph::extract {
namespace {

const kb::KnowledgeBase& Kb() {
  static const kb::KnowledgeBase kb = [] {
    std::string dir;
    if (const char* env = std::getenv("CLAIMGRAPH_MODELS"); env && *env)
      dir = std::string(env) + "/kb";
    else
      dir = std::string(CLAIMGRAPH_SOURCE_DIR) + "/models/kb";
    auto r = kb::KnowledgeBase::Load(dir);
    EXPECT_TRUE(r.ok()) << r.status().message();
    return r.ok() ? std::move(r).value() : kb::KnowledgeBase();
  }();
  return kb;
}

using Tags = std::vector<std::pair<std::string, std::string>>;  // phrase, PER|ORG|LOC|MISC

// Segments `text`, tags every occurrence of each phrase with B-/I-<type> (the rest "O"),
// and extracts entities with or without the recogniser.
// Earlier phrases win over later ones that overlap them. `upos` sets the POS tag of words.
Document Analyse(const std::string& text, const Tags& tags, bool use_recognizer = true, uint32_t body_start = 0,
                 const std::map<std::string, std::string>& upos = {}) {
  Document doc;
  doc.text = text;
  doc.published = "2025-03-14";
  doc.body_start = body_start;
  text::Segment(doc);
  for (Token& t : doc.tokens) t.ner = "O";
  for (const auto& [phrase, type] : tags) {
    for (size_t at = text.find(phrase); at != std::string::npos; at = text.find(phrase, at + 1)) {
      Span s{static_cast<uint32_t>(at), static_cast<uint32_t>(at + phrase.size())};
      bool taken = false;
      for (const Token& t : doc.tokens) taken = taken || (s.contains(t.span) && t.ner != "O");
      if (taken) continue;
      bool first = true;
      for (Token& t : doc.tokens) {
        if (!s.contains(t.span)) continue;
        t.ner = (first ? "B-" : "I-") + type;
        first = false;
      }
      EXPECT_FALSE(first) << "no token inside '" << phrase << "'";
    }
  }
  for (Token& t : doc.tokens)
    if (auto it = upos.find(std::string(doc.slice(t.span))); it != upos.end()) t.upos = it->second;
  doc.tagged = true;
  ExtractEntities(doc, Kb(), {.use_recognizer = use_recognizer});
  return doc;
}

const Entity* ByMention(const Document& doc, const std::string& text) {
  for (const auto& e : doc.entities)
    for (const auto& m : e.mentions)
      if (m.text == text) return &e;
  return nullptr;
}

std::string Dump(const Document& doc) {
  std::string out;
  for (const auto& e : doc.entities) {
    out += e.id + " " + e.type + " " + e.name + " [" + e.kb + "]:";
    for (const auto& m : e.mentions) out += " '" + m.text + "'";
    out += "\n";
  }
  return out;
}

TEST(RecognizerMergeTest, UnknownNamesBecomeTypedEntities) {
  const std::string text =
      "Orla Penhaligon met managers of Brackenridge Freight and Tallow Lane Foods on a visit to Tarnowick "
      "on Tuesday.\n";
  const Tags tags = {{"Orla Penhaligon", "PER"},
                     {"Brackenridge Freight", "ORG"},
                     {"Tallow Lane Foods", "ORG"},
                     {"Tarnowick", "LOC"}};
  Document doc = Analyse(text, tags);
  const Entity* person = ByMention(doc, "Orla Penhaligon");
  ASSERT_NE(person, nullptr) << Dump(doc);
  EXPECT_EQ(person->type, "PERSON");
  EXPECT_TRUE(person->kb.empty());
  ASSERT_NE(ByMention(doc, "Brackenridge Freight"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Brackenridge Freight")->type, "ORG");
  ASSERT_NE(ByMention(doc, "Tallow Lane Foods"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Tallow Lane Foods")->type, "ORG");
  ASSERT_NE(ByMention(doc, "Tarnowick"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Tarnowick")->type, "GPE");
  // without the recogniser the same words are not found (or not all of them)
  Document rules_only = Analyse(text, tags, /*use_recognizer=*/false);
  EXPECT_EQ(ByMention(rules_only, "Brackenridge Freight"), nullptr) << Dump(rules_only);
}

TEST(RecognizerMergeTest, KnowledgeBaseKeepsItsIdsAndTypes) {
  // the recogniser calls the country an organisation and splits "North Korea": the
  // knowledge base's longest match and type stand
  Document doc = Analyse("Talks between Ukraine and North Korea stalled, Edda Moravcik said.\n",
                         {{"Ukraine", "ORG"}, {"Korea", "LOC"}, {"Edda Moravcik", "PER"}});
  const Entity* ukraine = ByMention(doc, "Ukraine");
  ASSERT_NE(ukraine, nullptr) << Dump(doc);
  EXPECT_EQ(ukraine->type, "GPE");
  EXPECT_EQ(ukraine->kb, "UKR");
  const Entity* korea = ByMention(doc, "North Korea");
  ASSERT_NE(korea, nullptr) << Dump(doc);
  EXPECT_EQ(korea->kb, "PRK");
  EXPECT_EQ(ByMention(doc, "Korea"), nullptr) << Dump(doc);
  ASSERT_NE(ByMention(doc, "Edda Moravcik"), nullptr) << Dump(doc);
}

TEST(RecognizerMergeTest, LaterSurnameJoinsTheFullName) {
  Document doc = Analyse(
      "Orla Penhaligon, who runs a ferry company, criticised the plan. \"It will not work,\" Penhaligon "
      "said. Later Ms Penhaligon left.\n",
      {{"Orla Penhaligon", "PER"}, {"Penhaligon", "PER"}});
  const Entity* person = ByMention(doc, "Orla Penhaligon");
  ASSERT_NE(person, nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Penhaligon"), person) << Dump(doc);
  int persons = 0;
  for (const auto& e : doc.entities) persons += e.type == "PERSON";
  EXPECT_EQ(persons, 1) << Dump(doc);
  EXPECT_GE(person->mentions.size(), 3u) << Dump(doc);
}

TEST(RecognizerMergeTest, SurnameTaggedAsAnotherTypeStillJoinsThePerson) {
  Document doc = Analyse("Edda Moravcik chairs the board. Moravcik declined to comment.\n",
                         {{"Edda Moravcik", "PER"}, {"Moravcik", "ORG"}});
  const Entity* person = ByMention(doc, "Edda Moravcik");
  ASSERT_NE(person, nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Moravcik"), person) << Dump(doc);
}

TEST(RecognizerMergeTest, SurnameThatIsAPlaceNameJoinsThePerson) {
  const std::string text = "Harlan Jordan runs the port authority. Jordan told reporters the cranes were idle.\n";
  Document doc = Analyse(text, {{"Harlan Jordan", "PER"}, {"Jordan", "PER"}});
  const Entity* person = ByMention(doc, "Harlan Jordan");
  ASSERT_NE(person, nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Jordan"), person) << Dump(doc);
  // without the recogniser the lone "Jordan" is the country
  Document rules_only = Analyse(text, {}, /*use_recognizer=*/false);
  ASSERT_NE(ByMention(rules_only, "Jordan"), nullptr) << Dump(rules_only);
  EXPECT_EQ(ByMention(rules_only, "Jordan")->kb, "JOR") << Dump(rules_only);
}

TEST(RecognizerMergeTest, PlaceNameInsideARecognisedName) {
  // a one-word city alias inside an organisation or person name the recogniser found
  Document doc = Analyse("The Lviv Courier reported that Paris Quillfeather had resigned.\n",
                         {{"Lviv Courier", "ORG"}, {"Paris Quillfeather", "PER"}});
  const Entity* paper = ByMention(doc, "Lviv Courier");
  ASSERT_NE(paper, nullptr) << Dump(doc);
  EXPECT_EQ(paper->type, "ORG");
  EXPECT_EQ(ByMention(doc, "Lviv"), nullptr) << Dump(doc);
  ASSERT_NE(ByMention(doc, "Paris Quillfeather"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Paris Quillfeather")->type, "PERSON");
  EXPECT_EQ(ByMention(doc, "Paris"), nullptr) << Dump(doc);
  // a country name stays: "Bank of <country>" keeps the country as its own entity
  Document bank = Analyse("The Central Reserve of Ukraine raised rates.\n", {{"Central Reserve of Ukraine", "ORG"}});
  ASSERT_NE(ByMention(bank, "Ukraine"), nullptr) << Dump(bank);
}

TEST(RecognizerMergeTest, UnknownPlacesAreGpeOrLocByGeneralRules) {
  Document doc = Analyse(
      "Floods hit Tarnowick and the Vessary River burst its banks across Southern Qeltar, reaching the "
      "Harrowgate Mountains.\n",
      {{"Tarnowick", "LOC"}, {"Vessary River", "LOC"}, {"Southern Qeltar", "LOC"}, {"Harrowgate Mountains", "LOC"}});
  ASSERT_NE(ByMention(doc, "Tarnowick"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Tarnowick")->type, "GPE");
  ASSERT_NE(ByMention(doc, "Vessary River"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Vessary River")->type, "LOC");
  ASSERT_NE(ByMention(doc, "Southern Qeltar"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Southern Qeltar")->type, "LOC");
  ASSERT_NE(ByMention(doc, "Harrowgate Mountains"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Harrowgate Mountains")->type, "LOC");
}

TEST(RecognizerMergeTest, MiscIsDropped) {
  Document doc = Analyse("Qeltari farmers sold Vossberg Lager at the Tarnowick Fair.\n",
                         {{"Qeltari", "MISC"}, {"Vossberg Lager", "MISC"}, {"Tarnowick Fair", "MISC"}});
  EXPECT_EQ(ByMention(doc, "Qeltari"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Vossberg Lager"), nullptr) << Dump(doc);
}

TEST(RecognizerMergeTest, WeakRuleGivesWayToTheRecogniser) {
  // "in <Name>" makes the rules guess a place; the recogniser reads an organisation
  Document tagged = Analyse("Investors have little faith in Brackwater, analysts say.\n",
                            {{"Brackwater", "ORG"}});
  ASSERT_NE(ByMention(tagged, "Brackwater"), nullptr) << Dump(tagged);
  EXPECT_EQ(ByMention(tagged, "Brackwater")->type, "ORG");
  Document rules_only = Analyse("Investors have little faith in Brackwater, analysts say.\n",
                                {{"Brackwater", "ORG"}}, /*use_recognizer=*/false);
  const Entity* guessed = ByMention(rules_only, "Brackwater");
  ASSERT_NE(guessed, nullptr) << Dump(rules_only);
  EXPECT_EQ(guessed->type, "GPE");
}

TEST(RecognizerMergeTest, StrongRuleCueWinsOverTheRecogniser) {
  // an organisation head word settles the type whatever the recogniser says
  Document doc = Analyse("Staff at Tarnowick Polytechnic University went on strike.\n",
                         {{"Tarnowick", "LOC"}, {"Polytechnic University", "ORG"}});
  const Entity* uni = ByMention(doc, "Tarnowick Polytechnic University");
  ASSERT_NE(uni, nullptr) << Dump(doc);
  EXPECT_EQ(uni->type, "ORG");
  EXPECT_EQ(ByMention(doc, "Tarnowick"), nullptr) << Dump(doc);
}

TEST(RecognizerMergeTest, HeadlineAndCapitalsNeedSupportFromTheBody) {
  const std::string title = "Drought Grips Farmers Across Tarnowick\n";
  const std::string body =
      "ORLA PENHALIGON QUITS\nFarmers near Tarnowick said the drought was the worst in decades. Orla "
      "Penhaligon, who chairs the growers' union, resigned.\n";
  Document doc = Analyse(title + body,
                         {{"Drought Grips", "ORG"}, {"Tarnowick", "LOC"}, {"ORLA PENHALIGON", "PER"},
                          {"Orla Penhaligon", "PER"}},
                         true, static_cast<uint32_t>(title.size()));
  EXPECT_EQ(ByMention(doc, "Drought Grips"), nullptr) << Dump(doc);
  const Entity* person = ByMention(doc, "Orla Penhaligon");
  ASSERT_NE(person, nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "ORLA PENHALIGON"), person) << Dump(doc);
  const Entity* place = ByMention(doc, "Tarnowick");
  ASSERT_NE(place, nullptr) << Dump(doc);
  EXPECT_EQ(place->mentions.size(), 2u) << Dump(doc);
  // in capitals with nothing in the body to support it: dropped
  Document alone = Analyse("BRACKWATER HOLDCO COLLAPSES\nShares fell sharply on Monday.\n",
                           {{"BRACKWATER HOLDCO", "ORG"}});
  EXPECT_TRUE(alone.entities.empty()) << Dump(alone);
}

TEST(RecognizerMergeTest, SentenceInitialOrdinaryWordIsNotAName) {
  Document doc = Analyse("Frost damaged the orchards. Growers asked Hollis Vane for help.\n",
                         {{"Frost", "PER"}, {"Growers", "ORG"}, {"Hollis Vane", "PER"}}, true, 0,
                         {{"Growers", "NOUN"}, {"Hollis", "PROPN"}, {"Vane", "PROPN"}});
  EXPECT_EQ(ByMention(doc, "Frost"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Growers"), nullptr) << Dump(doc);
  ASSERT_NE(ByMention(doc, "Hollis Vane"), nullptr) << Dump(doc);
}

TEST(RecognizerMergeTest, OrganisationNamedAfterAKnownPlace) {
  // the whole name is the organisation; the country inside stays an entity of its own
  Document doc = Analyse("Delegates of the Ukraine Harvest Fellowship met in Tarnowick.\n",
                         {{"Ukraine Harvest Fellowship", "ORG"}, {"Tarnowick", "LOC"}});
  const Entity* org = ByMention(doc, "Ukraine Harvest Fellowship");
  ASSERT_NE(org, nullptr) << Dump(doc);
  EXPECT_EQ(org->type, "ORG");
  ASSERT_NE(ByMention(doc, "Ukraine"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Ukraine")->kb, "UKR");
  EXPECT_EQ(ByMention(doc, "Harvest Fellowship"), nullptr) << Dump(doc);
  // a country name that is a given name inside a recognised person's name: "Jordan"
  Document person = Analyse("Officials said Jordan Vossberg spoke.\n", {{"Jordan Vossberg", "PER"}});
  ASSERT_NE(ByMention(person, "Jordan Vossberg"), nullptr) << Dump(person);
  EXPECT_EQ(ByMention(person, "Jordan Vossberg")->type, "PERSON");
  EXPECT_EQ(ByMention(person, "Jordan"), nullptr) << Dump(person);
}

TEST(RecognizerMergeTest, BracketsEndAName) {
  Document doc = Analyse("Goals came for Halvard Rovers (HR) and Penhallow United.\n",
                         {{"Halvard Rovers (HR", "ORG"}, {"Penhallow United", "ORG"}});
  ASSERT_NE(ByMention(doc, "Halvard Rovers"), nullptr) << Dump(doc);
  EXPECT_EQ(ByMention(doc, "Halvard Rovers")->type, "ORG");
  ASSERT_NE(ByMention(doc, "Penhallow United"), nullptr) << Dump(doc);
}

TEST(RecognizerMergeTest, UntaggedDocumentsUseTheRulesAlone) {
  Document doc;
  doc.text = "Orla Penhaligon met managers of Brackenridge Freight.\n";
  doc.published = "2025-03-14";
  text::Segment(doc);
  for (Token& t : doc.tokens) t.ner = "B-ORG";  // ignored: doc.tagged is false
  ExtractEntities(doc, Kb());
  EXPECT_EQ(ByMention(doc, "Brackenridge Freight"), nullptr) << Dump(doc);
  for (const auto& e : doc.entities) EXPECT_NE(e.type, "ORG") << Dump(doc);
}

}  // namespace
}  // namespace claimgraph::extract
