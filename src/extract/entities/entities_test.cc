#include "extract/entities/entities.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

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

Document Analyse(const std::string& text, const std::string& published = "2024-06-20", uint32_t body_start = 0) {
  Document doc;
  doc.text = text;
  doc.published = published;
  doc.body_start = body_start;
  text::Segment(doc);
  ExtractEntities(doc, Kb());
  return doc;
}

const Entity* Find(const Document& doc, const std::string& name) {
  for (const auto& e : doc.entities)
    if (e.name == name) return &e;
  return nullptr;
}

std::set<std::string> Texts(const Entity& e) {
  std::set<std::string> out;
  for (const auto& m : e.mentions) out.insert(m.text);
  return out;
}

std::string Dump(const Document& doc) {
  std::ostringstream out;
  for (const auto& e : doc.entities) {
    out << e.id << " " << e.type << " " << e.name << " [" << e.kb << "]:";
    for (const auto& m : e.mentions) out << " '" << m.text << "'";
    out << "\n";
  }
  return out.str();
}

TEST(EntitiesTest, CountriesWithDemonymsPossessivesAndCompounds) {
  auto doc = Analyse(
      "Iran's drones were seen over the city. Officials said Iranian-made drones hit Russian-held "
      "positions, and N Korea sent shells to Russia. U.S.-supplied rockets were used against "
      "pro-Russian units. The Russian army denied it.");
  const Entity* iran = Find(doc, "Iran");
  ASSERT_NE(iran, nullptr) << Dump(doc);
  EXPECT_EQ(iran->type, "GPE");
  EXPECT_EQ(iran->kb, "IRN");
  EXPECT_EQ(Texts(*iran), (std::set<std::string>{"Iran", "Iranian"}));
  const Entity* russia = Find(doc, "Russia");
  ASSERT_NE(russia, nullptr) << Dump(doc);
  EXPECT_EQ(russia->kb, "RUS");
  EXPECT_EQ(Texts(*russia), (std::set<std::string>{"Russian", "Russia"}));
  EXPECT_EQ(russia->mentions.size(), 4u) << Dump(doc);
  const Entity* nk = Find(doc, "North Korea");
  ASSERT_NE(nk, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*nk), (std::set<std::string>{"N Korea"}));
  const Entity* us = Find(doc, "United States");
  ASSERT_NE(us, nullptr) << Dump(doc);
  EXPECT_EQ(us->kb, "USA");
  // mention offsets point at the text
  for (const auto& e : doc.entities)
    for (const auto& m : e.mentions) EXPECT_EQ(doc.slice(m.span), m.text);
  EXPECT_EQ(doc.entities.size(), 4u) << Dump(doc);
  EXPECT_EQ(doc.entities.front().id, "e1");
  EXPECT_EQ(doc.entities.front().name, "Iran");  // ids follow first mention
}

TEST(EntitiesTest, CapitalsAsMetonymsAndAsPlaces) {
  auto doc = Analyse(
      "Moscow said the talks had failed, while Washington, D.C., urged restraint. A missile later "
      "struck a power plant in Kyiv. Beijing has not commented.");
  const Entity* russia = Find(doc, "Russia");
  ASSERT_NE(russia, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*russia), (std::set<std::string>{"Moscow"}));
  const Entity* us = Find(doc, "United States");
  ASSERT_NE(us, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*us), (std::set<std::string>{"Washington, D.C."}));
  const Entity* kyiv = Find(doc, "Kyiv");
  ASSERT_NE(kyiv, nullptr) << Dump(doc);
  EXPECT_EQ(kyiv->type, "GPE");
  EXPECT_EQ(kyiv->kb, "UA-30");
  EXPECT_EQ(Find(doc, "Ukraine"), nullptr) << Dump(doc);
  ASSERT_NE(Find(doc, "China"), nullptr) << Dump(doc);
}

TEST(EntitiesTest, RegionsAndPlacesAreTyped) {
  auto doc = Analyse(
      "Fighting continued in the Donetsk region and near the Black Sea. Troops also advanced near "
      "Velyka Novosilka region, officials said. Texas sent aid.");
  const Entity* donetsk = Find(doc, "Donetsk region");
  ASSERT_NE(donetsk, nullptr) << Dump(doc);
  EXPECT_EQ(donetsk->type, "LOC");
  EXPECT_EQ(donetsk->kb, "UA-14");
  const Entity* sea = Find(doc, "Black Sea");
  ASSERT_NE(sea, nullptr) << Dump(doc);
  EXPECT_EQ(sea->type, "LOC");
  const Entity* unknown = Find(doc, "Velyka Novosilka region");
  ASSERT_NE(unknown, nullptr) << Dump(doc);
  EXPECT_EQ(unknown->type, "LOC");
  const Entity* texas = Find(doc, "Texas");
  ASSERT_NE(texas, nullptr) << Dump(doc);
  EXPECT_EQ(texas->type, "GPE");
  EXPECT_EQ(texas->kb, "US-TX");
}

TEST(EntitiesTest, MinistriesByPattern) {
  auto doc = Analyse(
      "Japan's defence ministry said it was tracking the launch. The foreign ministry summoned the "
      "ambassador. Later the Japanese Defense Ministry added details. The Ministry of Foreign Affairs "
      "of Ukraine welcomed the move.");
  const Entity* jmod = Find(doc, "Japanese defence ministry");
  ASSERT_NE(jmod, nullptr) << Dump(doc);
  EXPECT_EQ(jmod->type, "ORG");
  EXPECT_EQ(jmod->kb, "JPN-MOD");
  EXPECT_EQ(Texts(*jmod), (std::set<std::string>{"Japan's defence ministry", "Japanese Defense Ministry"}));
  const Entity* umfa = Find(doc, "Ukrainian foreign ministry");
  ASSERT_NE(umfa, nullptr) << Dump(doc);
  EXPECT_EQ(umfa->kb, "UKR-MFA");
  EXPECT_EQ(Texts(*umfa), (std::set<std::string>{"Ministry of Foreign Affairs of Ukraine", "foreign ministry"}));
  // the countries inside stay mentions of their own
  ASSERT_NE(Find(doc, "Japan"), nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*Find(doc, "Japan")), (std::set<std::string>{"Japan", "Japanese"}));
  ASSERT_NE(Find(doc, "Ukraine"), nullptr) << Dump(doc);
}

TEST(EntitiesTest, OwnerlessMinistryStandsAlone) {
  auto doc = Analyse("The health ministry said 40 people were hurt.");
  const Entity* moh = Find(doc, "health ministry");
  ASSERT_NE(moh, nullptr) << Dump(doc);
  EXPECT_EQ(moh->type, "ORG");
  EXPECT_EQ(moh->kb, "");
}

TEST(EntitiesTest, OwnerlessMinistryBelongsToTheArticlesCountry) {
  auto doc = Analyse(
      "Turkey's exports rose in May. The trade ministry said shipments to Germany grew, and Turkish "
      "firms expect more. Ankara plans new deals.");
  const Entity* trade = Find(doc, "Turkish trade ministry");
  ASSERT_NE(trade, nullptr) << Dump(doc);
  EXPECT_EQ(trade->kb, "TUR-MOT");
  EXPECT_EQ(Texts(*trade), (std::set<std::string>{"trade ministry"}));
  // two countries equally present: no owner is guessed
  auto doc2 = Analyse("Turkey and Germany signed a deal. The trade ministry welcomed it.");
  ASSERT_NE(Find(doc2, "trade ministry"), nullptr) << Dump(doc2);
}

TEST(EntitiesTest, OfficeTitlesResolveByArticleDate) {
  auto doc = Analyse(
      "President Joe Biden met aides on Monday. The president later said Vladimir Putin had "
      "miscalculated. The Russian president did not respond.",
      "2024-06-18");
  const Entity* biden = Find(doc, "Joe Biden");
  ASSERT_NE(biden, nullptr) << Dump(doc);
  EXPECT_EQ(biden->kb, "P:joe-biden");
  EXPECT_EQ(biden->type, "PERSON");
  EXPECT_EQ(Texts(*biden), (std::set<std::string>{"Joe Biden", "president"}));
  const Entity* putin = Find(doc, "Vladimir Putin");
  ASSERT_NE(putin, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*putin), (std::set<std::string>{"Vladimir Putin", "president"}));
  EXPECT_EQ(Find(doc, "Monday"), nullptr);

  // a different date, a different holder; not named in the text: no mention added
  auto doc2 = Analyse("The president said the deal was dead. Donald Trump left early.", "2019-05-01");
  const Entity* trump = Find(doc2, "Donald Trump");
  ASSERT_NE(trump, nullptr) << Dump(doc2);
  EXPECT_EQ(Texts(*trump), (std::set<std::string>{"president", "Donald Trump"}));
  auto doc3 = Analyse("The president said the deal was dead. Donald Trump left early.", "2022-05-01");
  ASSERT_NE(Find(doc3, "Donald Trump"), nullptr);
  EXPECT_EQ(Texts(*Find(doc3, "Donald Trump")), (std::set<std::string>{"Donald Trump"})) << Dump(doc3);
  // "former president" is someone else
  auto doc4 = Analyse("Joe Biden spoke. The former president was absent.", "2024-06-18");
  EXPECT_EQ(Texts(*Find(doc4, "Joe Biden")), (std::set<std::string>{"Joe Biden"})) << Dump(doc4);
}

TEST(EntitiesTest, TitledSurnameLinksToHolderOnDate) {
  auto doc = Analyse("Defence Secretary Healey said Britain would send more shells.", "2024-09-01");
  const Entity* healey = Find(doc, "John Healey");
  ASSERT_NE(healey, nullptr) << Dump(doc);
  EXPECT_EQ(healey->kb, "P:john-healey");
  EXPECT_EQ(Texts(*healey), (std::set<std::string>{"Healey"}));
}

TEST(EntitiesTest, UnknownNamesFromTitlesAndAppositions) {
  auto doc = Analyse(
      "Ri Chol Man, one of the army's senior commanders, said the drills would go on. "
      "The country's deputy minister of defence, Sok Tae Hyon, called it a provocation. "
      "Gen. Oleksandr Tarnavskyi said his troops held the line. Spokesman Tom Brenner declined to "
      "comment, and Brenner later added that Tarnavskyi had been briefed.");
  const Entity* ri = Find(doc, "Ri Chol Man");
  ASSERT_NE(ri, nullptr) << Dump(doc);
  EXPECT_EQ(ri->type, "PERSON");
  EXPECT_EQ(ri->kb, "");
  const Entity* sok = Find(doc, "Sok Tae Hyon");
  ASSERT_NE(sok, nullptr) << Dump(doc);
  EXPECT_EQ(sok->type, "PERSON");
  const Entity* gen = Find(doc, "Oleksandr Tarnavskyi");
  ASSERT_NE(gen, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*gen), (std::set<std::string>{"Oleksandr Tarnavskyi", "Tarnavskyi"}));
  const Entity* tom = Find(doc, "Tom Brenner");
  ASSERT_NE(tom, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*tom), (std::set<std::string>{"Tom Brenner", "Brenner"}));
  EXPECT_EQ(doc.entities.size(), 4u) << Dump(doc);
}

TEST(EntitiesTest, KnownPersonsMergeAcrossForms) {
  auto doc = Analyse(
      "Defense Minister Shin Won-sik visited the base. According to Won-sik, the shipments grew. "
      "Shin also met Kim Jong-un's envoy. Kim Jong Un did not attend.");
  const Entity* shin = Find(doc, "Shin Won-sik");
  ASSERT_NE(shin, nullptr) << Dump(doc);
  EXPECT_EQ(shin->kb, "P:shin-won-sik");
  EXPECT_EQ(Texts(*shin), (std::set<std::string>{"Shin Won-sik", "Won-sik", "Shin"}));
  const Entity* kim = Find(doc, "Kim Jong Un");
  ASSERT_NE(kim, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*kim), (std::set<std::string>{"Kim Jong-un", "Kim Jong Un"}));
  EXPECT_EQ(doc.entities.size(), 2u) << Dump(doc);
}

TEST(EntitiesTest, OrganisationsKnownAndByHeadWord) {
  auto doc = Analyse(
      "NATO and the International Atomic Energy Agency met at the White House. The Eastern Shield "
      "Brigade (ESB) claimed the attack, and ESB fighters later withdrew. Analysts at Kharkiv Polytechnic "
      "University disagreed.");
  ASSERT_NE(Find(doc, "NATO"), nullptr) << Dump(doc);
  const Entity* iaea = Find(doc, "International Atomic Energy Agency");
  ASSERT_NE(iaea, nullptr) << Dump(doc);
  EXPECT_EQ(iaea->kb, "O:iaea");
  const Entity* wh = Find(doc, "White House");
  ASSERT_NE(wh, nullptr) << Dump(doc);
  EXPECT_EQ(wh->type, "ORG");
  const Entity* esb = Find(doc, "Eastern Shield Brigade");
  ASSERT_NE(esb, nullptr) << Dump(doc);
  EXPECT_EQ(esb->type, "ORG");
  EXPECT_EQ(Texts(*esb), (std::set<std::string>{"Eastern Shield Brigade", "ESB"}));
  const Entity* uni = Find(doc, "Kharkiv Polytechnic University");
  ASSERT_NE(uni, nullptr) << Dump(doc);
  EXPECT_EQ(uni->type, "ORG");
  EXPECT_EQ(Find(doc, "Kharkiv"), nullptr) << Dump(doc);
}

TEST(EntitiesTest, NoSpuriousEntitiesFromHeadlinesAndOrdinaryWords) {
  std::string text =
      "Experts Warn Of New Attacks On Power Grid As Winter Nears\n\n"
      "According to the report, the attacks will continue. The Report said in March that World War III "
      "was unlikely. Copyright 2024. However, nothing changed on Tuesday.\n";
  auto doc = Analyse(text, "2024-06-20", static_cast<uint32_t>(text.find("According")));
  EXPECT_TRUE(doc.entities.empty()) << Dump(doc);
}

TEST(EntitiesTest, HeadlineKeepsKnowledgeBaseMatches) {
  std::string text =
      "Report Claims N Korea Will Send Troops To Russia\n\n"
      "A new report claims North Korea will send troops to Russia.\n";
  auto doc = Analyse(text, "2024-06-20", static_cast<uint32_t>(text.find("A new")));
  ASSERT_EQ(doc.entities.size(), 2u) << Dump(doc);
  EXPECT_EQ(doc.entities[0].name, "North Korea");
  EXPECT_EQ(Texts(doc.entities[0]), (std::set<std::string>{"N Korea", "North Korea"}));
  EXPECT_EQ(doc.entities[1].name, "Russia");
}

TEST(EntitiesTest, ShortAliasesAreCaseSensitive) {
  auto doc = Analyse("Let us see what the US does. The WHO said who knows.");
  ASSERT_NE(Find(doc, "United States"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "United States")->mentions.size(), 1u);
  ASSERT_NE(Find(doc, "World Health Organization"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "World Health Organization")->mentions.size(), 1u);
}

TEST(EntitiesTest, NamesThatContainPlaceNames) {
  auto doc = Analyse("Actor Denzel Washington said he would vote. The China Daily reported it.");
  EXPECT_EQ(Find(doc, "United States"), nullptr) << Dump(doc);
  EXPECT_EQ(Find(doc, "China"), nullptr) << Dump(doc);
  const Entity* denzel = Find(doc, "Denzel Washington");
  ASSERT_NE(denzel, nullptr) << Dump(doc);
  EXPECT_EQ(denzel->type, "PERSON");
  const Entity* daily = Find(doc, "China Daily");
  ASSERT_NE(daily, nullptr) << Dump(doc);
  EXPECT_EQ(daily->type, "ORG");
}

TEST(EntitiesTest, DatelinesAndCityNamesInPersonNames) {
  auto doc = Analyse(
      "KYIV, Ukraine - Officials met Paraguayan President Santiago Pe\u00F1a on Monday. Forces took the "
      "village of Staromaiorske, the ministry of defence said.");
  const Entity* kyiv = Find(doc, "Kyiv");
  ASSERT_NE(kyiv, nullptr) << Dump(doc);
  EXPECT_EQ(kyiv->kb, "UA-30");
  EXPECT_EQ(Find(doc, "Chile"), nullptr) << Dump(doc);
  const Entity* pena = Find(doc, "Santiago Pe\u00F1a");
  ASSERT_NE(pena, nullptr) << Dump(doc);
  EXPECT_EQ(pena->type, "PERSON");
  const Entity* village = Find(doc, "Staromaiorske");
  ASSERT_NE(village, nullptr) << Dump(doc);
  EXPECT_EQ(village->type, "GPE");
}

TEST(EntitiesTest, MinistryAnaphoraJoinsTheMinistryNamedBefore) {
  auto doc =
      Analyse("Taiwan's Ministry of National Defense said it saw 34 aircraft. \"We condemn this,\" the ministry said.");
  const Entity* mod = Find(doc, "Taiwanese defence ministry");
  ASSERT_NE(mod, nullptr) << Dump(doc);
  EXPECT_EQ(Texts(*mod), (std::set<std::string>{"Taiwan's Ministry of National Defense", "ministry"}));
}

TEST(EntitiesTest, SurnameAliasOfKnownPersonDefersToFullNameInText) {
  auto doc = Analyse(
      "First Minister Jack McConnell said the ban would start in March. McConnell added that pubs would "
      "adapt.");
  const Entity* jack = Find(doc, "Jack McConnell");
  ASSERT_NE(jack, nullptr) << Dump(doc);
  EXPECT_EQ(jack->kb, "");
  EXPECT_EQ(Texts(*jack), (std::set<std::string>{"Jack McConnell", "McConnell"}));
  EXPECT_EQ(doc.entities.size(), 1u) << Dump(doc);
}

TEST(EntitiesTest, LaterTitleMakesAnEarlierFullNameAPerson) {
  auto doc = Analyse(
      "Former WorldCom chief Bernie Ebbers has denied the charges. But Mr Ebbers said he knew nothing. "
      "Mr Herron disagreed.");
  const Entity* ebbers = Find(doc, "Bernie Ebbers");
  ASSERT_NE(ebbers, nullptr) << Dump(doc);
  EXPECT_EQ(ebbers->type, "PERSON");
  EXPECT_EQ(Texts(*ebbers), (std::set<std::string>{"Bernie Ebbers", "Ebbers"}));
  const Entity* herron = Find(doc, "Herron");
  ASSERT_NE(herron, nullptr) << Dump(doc);
  EXPECT_EQ(herron->type, "PERSON");
}

TEST(EntitiesTest, EmptyDocumentAndEmptyKnowledgeBase) {
  Document empty;
  ExtractEntities(empty, Kb());
  EXPECT_TRUE(empty.entities.empty());
  Document doc;
  doc.text = "Gen. Oleksandr Tarnavskyi said Russia attacked.";
  text::Segment(doc);
  kb::KnowledgeBase none;
  ExtractEntities(doc, none);
  EXPECT_TRUE(doc.entities.empty() || doc.entities.front().name != "Russia") << Dump(doc);
}

// Development check against CoNLL-2003 (English dev split), run only when
// CLAIMGRAPH_CONLL_DEV points at eng.testa.iob2.txt. Reports span F1 for PER/ORG/LOC
// (GPE and LOC both count as LOC; demonyms, which CoNLL tags MISC, are left out).
TEST(EntitiesTest, ConllDevelopmentFigures) {
  const char* path = std::getenv("CLAIMGRAPH_CONLL_DEV");
  if (!path || !*path) GTEST_SKIP() << "set CLAIMGRAPH_CONLL_DEV to eng.testa.iob2.txt";
  std::ifstream in(path);
  ASSERT_TRUE(in) << path;
  struct Gold {
    uint32_t start, end;
    std::string type;
  };
  std::string line;
  Document doc;
  std::vector<Gold> gold;
  std::map<std::string, std::array<int, 3>> tally;  // type -> tp, fp, fn
  std::string open_type;
  uint32_t open_start = 0;
  auto close_span = [&] {
    if (!open_type.empty()) gold.push_back({open_start, static_cast<uint32_t>(doc.text.size()), open_type});
    open_type.clear();
  };
  auto score = [&] {
    close_span();
    if (doc.text.empty()) return;
    doc.published = "1996-08-30";
    text::Segment(doc);
    ExtractEntities(doc, Kb());
    std::set<std::tuple<uint32_t, uint32_t, std::string>> g, p;
    for (const auto& x : gold) g.insert({x.start, x.end, x.type});
    for (const auto& e : doc.entities) {
      std::string t = e.type == "PERSON" ? "PER" : e.type == "ORG" ? "ORG" : "LOC";
      for (const auto& m : e.mentions) {
        bool demonym = false;
        if (const auto* hits = Kb().Lookup(m.text)) demonym = hits->front().kind == kb::AliasKind::kDemonym;
        if (!demonym) p.insert({m.span.start, m.span.end, t});
      }
    }
    bool verbose = std::getenv("CLAIMGRAPH_CONLL_VERBOSE") != nullptr;
    auto show = [&](const char* what, const auto& x) {
      if (verbose)
        std::printf("%s %s %s\n", what, std::get<2>(x).c_str(),
                    doc.text.substr(std::get<0>(x), std::get<1>(x) - std::get<0>(x)).c_str());
    };
    for (const auto& x : p) {
      (g.count(x) ? tally[std::get<2>(x)][0] : tally[std::get<2>(x)][1])++;
      if (!g.count(x)) show("FP", x);
    }
    for (const auto& x : g)
      if (!p.count(x)) {
        tally[std::get<2>(x)][2]++;
        show("FN", x);
      }
    doc = Document();
    gold.clear();
  };
  while (std::getline(in, line)) {
    std::istringstream cols(line);
    std::vector<std::string> c;
    for (std::string w; cols >> w;) c.push_back(w);
    if (c.empty()) {
      close_span();
      doc.text += "\n";
      continue;
    }
    if (c[0] == "-DOCSTART-") {
      score();
      continue;
    }
    const std::string& tag = c.back();
    if (tag == "O" || tag[0] == 'B' || tag.substr(2) != open_type) close_span();
    if (!doc.text.empty() && doc.text.back() != '\n') doc.text += ' ';
    if (tag != "O" && tag.substr(2) != "MISC" && open_type.empty()) {
      open_type = tag.substr(2);
      open_start = static_cast<uint32_t>(doc.text.size());
    }
    doc.text += c[0];
  }
  score();
  int tp = 0, fp = 0, fn = 0;
  for (const auto& [type, t] : tally) {
    tp += t[0];
    fp += t[1];
    fn += t[2];
    double p = t[0] ? double(t[0]) / (t[0] + t[1]) : 0, r = t[0] ? double(t[0]) / (t[0] + t[2]) : 0;
    std::printf("%-4s P %.3f R %.3f F1 %.3f\n", type.c_str(), p, r, p + r ? 2 * p * r / (p + r) : 0.0);
  }
  double p = double(tp) / (tp + fp), r = double(tp) / (tp + fn);
  std::printf("all  P %.3f R %.3f F1 %.3f\n", p, r, 2 * p * r / (p + r));
  EXPECT_GT(2 * p * r / (p + r), 0.5);
}

}  // namespace
}  // namespace claimgraph::extract
