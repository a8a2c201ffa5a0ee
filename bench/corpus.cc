#include "corpus.h"

#include <array>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <initializer_list>
#include <nlohmann/json.hpp>
#include <span>
#include <string_view>
#include <vector>

namespace claimgraph::bench {
namespace {

// ---------------------------------------------------------------------------------
// Random numbers: splitmix64, so the corpus for a seed is the same on every platform
// (std::uniform_*_distribution is implementation-defined).
class Rng {
 public:
  explicit Rng(uint64_t seed) : state_(seed) {}
  uint64_t Next() {
    uint64_t z = (state_ += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  uint32_t Below(uint32_t n) { return static_cast<uint32_t>((static_cast<unsigned __int128>(Next()) * n) >> 64); }
  uint32_t Between(uint32_t lo, uint32_t hi) { return lo + Below(hi - lo + 1); }  // inclusive
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Unit() < p; }
  template <class T>
  const T& Pick(std::span<const T> items) { return items[Below(static_cast<uint32_t>(items.size()))]; }
  const char* PickOf(std::initializer_list<const char*> items) {
    return items.begin()[Below(static_cast<uint32_t>(items.size()))];
  }

 private:
  uint64_t state_;
};

using Words = std::span<const char* const>;

// ---------------------------------------------------------------------------------
// Word lists. Real countries and organisations; people and companies are invented.
struct Country {
  const char* name;  // as used mid-sentence ("the Philippines")
  const char* adj;
  const char* capital;
};
constexpr Country kCountries[] = {
    {"Kenya", "Kenyan", "Nairobi"},           {"Nigeria", "Nigerian", "Abuja"},
    {"Ghana", "Ghanaian", "Accra"},           {"Ethiopia", "Ethiopian", "Addis Ababa"},
    {"South Africa", "South African", "Pretoria"}, {"Egypt", "Egyptian", "Cairo"},
    {"Morocco", "Moroccan", "Rabat"},         {"Senegal", "Senegalese", "Dakar"},
    {"Brazil", "Brazilian", "Brasilia"},      {"Argentina", "Argentine", "Buenos Aires"},
    {"Chile", "Chilean", "Santiago"},         {"Colombia", "Colombian", "Bogota"},
    {"Mexico", "Mexican", "Mexico City"},     {"Canada", "Canadian", "Ottawa"},
    {"the United States", "U.S.", "Washington"}, {"the United Kingdom", "British", "London"},
    {"France", "French", "Paris"},            {"Germany", "German", "Berlin"},
    {"Italy", "Italian", "Rome"},             {"Spain", "Spanish", "Madrid"},
    {"Poland", "Polish", "Warsaw"},           {"Ukraine", "Ukrainian", "Kyiv"},
    {"Romania", "Romanian", "Bucharest"},     {"Greece", "Greek", "Athens"},
    {"Turkey", "Turkish", "Ankara"},          {"Sweden", "Swedish", "Stockholm"},
    {"Norway", "Norwegian", "Oslo"},          {"India", "Indian", "New Delhi"},
    {"Pakistan", "Pakistani", "Islamabad"},   {"Bangladesh", "Bangladeshi", "Dhaka"},
    {"Indonesia", "Indonesian", "Jakarta"},   {"the Philippines", "Philippine", "Manila"},
    {"Vietnam", "Vietnamese", "Hanoi"},       {"Japan", "Japanese", "Tokyo"},
    {"South Korea", "South Korean", "Seoul"}, {"Australia", "Australian", "Canberra"},
    {"Saudi Arabia", "Saudi", "Riyadh"},      {"Jordan", "Jordanian", "Amman"},
    {"Kazakhstan", "Kazakh", "Astana"},       {"Peru", "Peruvian", "Lima"},
};

// Bare names; {ORG} adds "the" where English wants it, {ORGN} is the bare name for
// attributive use ("the {ORGN} observer mission").
struct Organisation {
  const char* name;
  bool takes_the;
};
constexpr Organisation kOrganisations[] = {
    {"United Nations", true},         {"International Monetary Fund", true}, {"World Bank", true},
    {"European Union", true},         {"African Union", true},               {"European Commission", true},
    {"World Trade Organization", true}, {"NATO", false},                     {"Asian Development Bank", true},
    {"Organization of American States", true}, {"ASEAN", false},            {"UN Security Council", true},
};
constexpr const char* kHealthOrganisations[] = {
    "the World Health Organization", "UNICEF", "Medecins Sans Frontieres", "the Red Cross",
    "the Africa Centres for Disease Control and Prevention", "Gavi, the Vaccine Alliance",
};
constexpr const char* kAidOrganisations[] = {
    "the World Food Programme", "the UN refugee agency", "the International Committee of the Red Cross",
    "UNICEF", "the UN humanitarian office", "the International Organization for Migration",
};
constexpr const char* kOutlets[] = {
    "The Daily Meridian", "Harbour Ledger", "Northern Markets Daily", "Continental Wire",
    "The Evening Courier", "Global Dispatch", "Lowlands Port News", "The Sentinel Review",
};
constexpr const char* kMaleFirst[] = {
    "Daniel", "Ahmed", "Tomas", "Kwame", "Rafael", "Hiroshi", "Pavel", "Omar", "Luca",
    "Samuel", "Arjun", "Mateo", "Yusuf", "Henrik", "David", "Joseph", "Malik", "Andrei",
};
constexpr const char* kFemaleFirst[] = {
    "Amina", "Sofia", "Elena", "Grace", "Mariam", "Ingrid", "Priya", "Lucia", "Fatima",
    "Olga", "Nadia", "Claire", "Akosua", "Mei", "Teresa", "Hanna", "Leyla", "Beatriz",
};
constexpr const char* kSurnames[] = {
    "Okafor", "Mensah", "Kowalski", "Haddad", "Silva", "Tanaka", "Novak", "Rahman", "Moreau",
    "Bianchi", "Petrov", "Osei", "Lindqvist", "Costa", "Mwangi", "Reyes", "Hassan", "Nakamura",
    "Dubois", "Fischer", "Popescu", "Kariuki", "Santos", "Chowdhury", "Alvarez", "Yilmaz",
    "Nguyen", "Adeyemi", "Banda", "Eriksen", "Demir", "Okoro", "Varga", "Castillo",
};
constexpr const char* kCompanyHeads[] = {"Nord", "Atlas", "Meridian", "Sahara", "Pacific", "Andes",
                                         "Baltic", "Sunrise", "Crescent", "Summit", "Harbour", "Delta"};
constexpr const char* kCompanyTails[] = {" Telecom", " Steel", " Logistics", " Foods", " Energy", " Cement",
                                         " Airlines", " Pharma", " Bank", " Shipping", " Media", " Mining"};
constexpr const char* kMonths[] = {"January", "February", "March", "April", "May", "June",
                                   "July", "August", "September", "October", "November", "December"};
constexpr const char* kWeekdays[] = {"Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"};

// Reporting verbs for indirect speech, past tense.
constexpr const char* kIndirectVerbs[] = {
    "said", "said", "said", "told reporters", "announced", "warned", "claimed", "noted", "added",
    "insisted", "denied", "argued", "stressed", "confirmed", "estimated", "acknowledged", "suggested",
};
// Cues after a direct quotation: “...,” X <cue>.
constexpr const char* kDirectCues[] = {"said", "said", "said", "told reporters", "added", "warned",
                                       "insisted", "said in a statement", "told a news conference"};
// Unnamed sources, each with its own cue.
constexpr const char* kAnonymousSubjects[] = {
    "Officials said",
    "{ADJ} officials told reporters",
    "A senior diplomat who asked not to be named said",
    "Sources familiar with the matter said",
    "A government source, speaking on condition of anonymity, said",
    "People close to the talks said",
    "Analysts warned",
    "Critics claimed",
    "Local media reported",
    "A new report claims",
    "A report published {PAST} by {ORG} estimated",
    "Two officials who spoke on condition of anonymity said",
};
constexpr const char* kTrailingAnonymous[] = {
    "officials said", "sources familiar with the matter said", "a senior official told reporters",
    "diplomats said", "according to people familiar with the plans", "a new report claims",
};
constexpr const char* kAccordingTo[] = {
    "{ORG}", "the {ADJ} statistics office", "figures from the {ADJ} finance ministry", "local media",
    "a report by {ORG}", "the interior ministry", "data compiled by the central bank", "police",
};

// Direct quotations, without final punctuation; written for this corpus.
constexpr const char* kGenericQuotes[] = {
    "We will not back down",
    "This is a difficult moment, but we have been through worse",
    "Nobody should be surprised by what happened",
    "We are ready to talk, but not at any price",
    "The numbers speak for themselves",
    "Our priority is to protect people, not to win arguments",
    "There is no quick fix",
    "We have asked for clarity and we have not received it",
    "It is too early to say what this means",
    "We expect our partners to keep their promises",
    "The decision was not taken lightly",
    "This is a step in the right direction",
    "We cannot accept this",
    "People are tired of waiting",
    "Everything is on the table",
    "The next few weeks will be decisive",
};
constexpr const char* kSplitQuotes[][2] = {
    {"The deal", "is finished"},
    {"The problem", "is not money but access"},
    {"If the talks fail", "the consequences will be felt far beyond our borders"},
    {"We have done our part", "now it is their turn"},
    {"This decision", "will be remembered for years"},
    {"In the short term", "prices will stay high"},
    {"The situation", "is worse than the official figures suggest"},
    {"Our message is simple", "keep your promises"},
    {"Frankly", "nobody expected it to take this long"},
    {"What matters now", "is that help arrives before the rains"},
};

// Count units with the magnitudes they come in.
struct Unit {
  std::string_view key;
  const char* text;
  uint32_t lo, hi;
};
constexpr Unit kUnits[] = {
    {"troops", "troops", 200, 40000},         {"people", "people", 100, 2000000},
    {"times", "times", 3, 90},                {"soldiers", "soldiers", 5, 400},
    {"kilometres", "kilometres", 5, 40},      {"jobs", "jobs", 150, 30000},
    {"cases", "suspected cases", 80, 150000}, {"children", "children", 1000, 900000},
    {"patients", "patients", 20, 600},        {"doctors", "doctors", 10, 400},
    {"objections", "written objections", 200, 9000}, {"seats", "seats", 12, 280},
    {"complaints", "complaints", 40, 3000},   {"voters", "voters", 5000, 900000},
    {"customers", "customers", 200000, 9000000}, {"homes", "homes", 300, 80000},
    {"villages", "villages", 4, 120},         {"tonnes", "tonnes of grain", 1000, 5000000},
    {"deaths", "deaths", 5, 900},             {"vessels", "vessels", 4, 140},
};

// ---------------------------------------------------------------------------------
// Topics: headlines, indirect-speech contents, topic quotes, background sentences and
// the roles of the people quoted. Slots are expanded by Article::Expand.
struct Topic {
  const char* name;
  Words headlines;
  Words clauses;      // contents of indirect speech, lower-case start
  Words quotes;       // topic quotes, no final punctuation
  Words background;   // unattributed sentences
  Words titles;       // title before the name: "{ADJ} Foreign Minister"
  Words appositions;  // after the name: "a spokes{MAN} for {ORG}"
};

constexpr const char* kPoliticsHeadlines[] = {
    "{C} and {C2} agree to resume talks as fighting continues",
    "{ADJ} minister warns of new clashes on the border with {C2}",
    "{ORG} calls for ceasefire as {C} sends troops to the border",
    "Talks between {C} and {C2} stall over prisoner exchange",
};
constexpr const char* kPoliticsClauses[] = {
    "{C} would send {N:troops} to the border {FUT}",
    "talks with {C2} would resume in {CAP} {FUT}",
    "{N:people} had fled the fighting {SINCE}",
    "the ceasefire had been broken {N:times} {SINCE}",
    "the government was ready to discuss a prisoner exchange with {C2}",
    "{C2} had supplied weapons worth {MONEY} to armed groups",
    "{ORG} would send observers to the region {FUT}",
    "{N:soldiers} had been killed in clashes {PAST}",
    "the two sides had agreed on a buffer zone {R:kilometres} wide",
    "the embassy in {CAP} had been closed {PAST}",
};
constexpr const char* kPoliticsQuotes[] = {
    "Any attack on our territory will receive a response",
    "The ceasefire exists on paper only",
    "Dialogue is the only way out of this conflict",
    "We have not seen any withdrawal of troops",
    "Our soldiers are not there, and they never were",
};
constexpr const char* kPoliticsBackground[] = {
    "{C} and {C2} have disputed the border region for decades.",
    "The last round of talks collapsed {PAST}.",
    "Fighting has displaced {N:people} {SINCE}.",
    "{ORG} has kept a monitoring mission in the area since 2019.",
    "Both governments accuse each other of breaking earlier agreements.",
};
constexpr const char* kPoliticsTitles[] = {"{ADJ} Foreign Minister", "{ADJ} Defence Minister",
                                           "{ADJ} Interior Minister", "{ADJ} envoy"};
constexpr const char* kPoliticsAppositions[] = {
    "a spokes{MAN} for the {ADJ} foreign ministry", "a senior adviser to the {ADJ} government",
    "a security analyst in {CAP}", "the head of the {ORGN} mission in {CAP}"};

constexpr const char* kEconomyHeadlines[] = {
    "{ADJ} central bank holds rates as inflation slows",
    "{C}'s trade deficit widens to {MONEY}",
    "{ADJ} exports fall {PCT} as demand weakens",
    "{C} raises growth forecast despite tariff worries",
};
constexpr const char* kEconomyClauses[] = {
    "inflation would slow to {PCT} {FUT}",
    "the trade deficit had widened to {MONEY} in {MONTH}",
    "exports rose {PCT} to {MONEY} {PAST}",
    "the central bank would keep its main interest rate at {PCT} {FUT}",
    "the government planned to borrow {MONEY} {FUT}",
    "foreign investment had fallen by {PCT} {SINCE}",
    "the budget deficit would reach {MONEY} this year",
    "{C} could lose {MONEYB} a year in tariff revenue",
    "the currency had lost {PCT} against the dollar {SINCE}",
    "{N:jobs} were at risk in the car industry",
};
constexpr const char* kEconomyQuotes[] = {
    "Inflation is coming down, but the job is not finished",
    "Households are feeling the pressure every day",
    "We see no reason to change course",
    "Exporters need a stable currency more than a cheap one",
    "The risks are tilted to the downside",
};
constexpr const char* kEconomyBackground[] = {
    "The economy grew {PCT} last year.",
    "The {ADJ} currency has weakened {SINCE}.",
    "{C} is one of the largest trading partners of {C2}.",
    "Interest rates were last changed {PAST}.",
    "Energy imports account for {PCT} of the import bill.",
};
constexpr const char* kEconomyTitles[] = {"{ADJ} Finance Minister", "{ADJ} central bank Governor",
                                          "{ADJ} Trade Minister", "Deputy Finance Minister"};
constexpr const char* kEconomyAppositions[] = {
    "chief economist at a bank in {CAP}", "an analyst at a brokerage in {CAP}",
    "head of the {ADJ} exporters' association", "a member of the central bank's rate-setting committee"};

constexpr const char* kHealthHeadlines[] = {
    "{HORG} warns of cholera outbreak in {C}",
    "{ADJ} hospitals struggle as measles cases rise",
    "Vaccination campaign in {C} falls short, report says",
    "{C} declares health emergency after disease spreads",
};
constexpr const char* kHealthClauses[] = {
    "{N:cases} of cholera had been recorded {SINCE}",
    "the agency needed {MONEY} to vaccinate {N:children}",
    "hospitals in {CAP} were treating {R:patients} a day",
    "{N:deaths} had been confirmed {SINCE}",
    "vaccination rates had fallen to {PCT} {PAST}",
    "{HORG} would send {N:doctors} to the region {FUT}",
    "the outbreak could cost the economy {MONEYRATE}",
};
constexpr const char* kHealthQuotes[] = {
    "Every one of these deaths could have been prevented",
    "Vaccines work, but only if they reach people",
    "Hospitals are full and staff are exhausted",
    "We need more money and we need it now",
};
constexpr const char* kHealthBackground[] = {
    "The disease spreads through contaminated water.",
    "The last large outbreak in {C} was recorded in 2017.",
    "Health workers have been on strike {SINCE}.",
    "{HORG} declared the outbreak a regional emergency {PAST}.",
};
constexpr const char* kHealthTitles[] = {"{ADJ} Health Minister", "Dr.", "{ADJ} chief medical officer"};
constexpr const char* kHealthAppositions[] = {
    "a doctor at the main hospital in {CAP}", "an epidemiologist at {HORG}",
    "head of the {ADJ} public health institute", "a spokes{MAN} for {HORG}"};

constexpr const char* kCourtHeadlines[] = {
    "{ADJ} court strikes down tax law",
    "Court orders {ADJ} government to pay damages",
    "{ADJ} judges suspend deportation rules pending appeal",
    "Supreme Court in {C} rules election law unconstitutional",
};
constexpr const char* kCourtClauses[] = {
    "the ruling would be appealed {FUT}",
    "the company must pay damages of {MONEY}",
    "the law breached the constitution",
    "{N:people} had been detained without charge {SINCE}",
    "the government had ignored {N:objections} from the public",
    "the case would be heard again {FUT}",
    "the fine of {MONEY} imposed {PAST} was unlawful",
};
constexpr const char* kCourtQuotes[] = {
    "The law applies to everyone, including the government",
    "This ruling restores the rights of ordinary citizens",
    "We respect the court but we disagree with its reasoning",
    "Justice delayed is justice denied",
};
constexpr const char* kCourtBackground[] = {
    "The case was filed {PAST}.",
    "The law was passed by parliament in {MONTH} after a heated debate.",
    "The court has nine judges, appointed for life.",
    "Similar cases are pending before courts in {C2}.",
};
constexpr const char* kCourtTitles[] = {"Judge", "Justice", "{ADJ} Attorney General", "Chief Justice"};
constexpr const char* kCourtAppositions[] = {
    "a lawyer for the plaintiffs", "a professor of constitutional law in {CAP}",
    "a spokes{MAN} for the justice ministry", "a lawyer representing the government"};

constexpr const char* kElectionHeadlines[] = {
    "{ADJ} ruling party wins most seats in regional vote",
    "Opposition in {C} rejects election result",
    "Turnout falls in {ADJ} parliamentary election",
    "{C} heads for runoff after close first round",
};
constexpr const char* kElectionClauses[] = {
    "turnout had reached {PCT}",
    "the ruling party had won {N:seats} in parliament",
    "{N:complaints} had been filed {SINCE}",
    "the results would be published {FUT}",
    "the opposition had spent {MONEY} on the campaign",
    "{N:voters} had registered to vote abroad",
    "a runoff would be held {FUT}",
};
constexpr const char* kElectionQuotes[] = {
    "The people have spoken and we accept the result",
    "This election was neither free nor fair",
    "We will form a government that serves everyone",
    "Turnout shows that people still believe in democracy",
};
constexpr const char* kElectionBackground[] = {
    "Polls opened at 7 a.m. and closed at 6 p.m.",
    "The last election was held {PAST}.",
    "Observers from {ORG} monitored the vote in several provinces.",
    "Parliament has {N:seats} in total.",
};
constexpr const char* kElectionTitles[] = {"{ADJ} election commission chair", "opposition leader",
                                           "party secretary-general"};
constexpr const char* kElectionAppositions[] = {
    "a spokes{MAN} for the opposition alliance", "head of the {ORGN} observer mission",
    "a political scientist at the university in {CAP}", "a candidate for the ruling party"};

constexpr const char* kMergerHeadlines[] = {
    "{CO} agrees to buy {CO2} for {MONEY}",
    "{CO} and {CO2} agree to merge",
    "Regulators in {C} open review of {CO} takeover",
    "{CO} shareholders back merger with {CO2}",
};
constexpr const char* kMergerClauses[] = {
    "the combined company would have annual revenue of {MONEY}",
    "the deal would cut {N:jobs} over three years",
    "regulators would review the deal {FUT}",
    "{CO} would pay {MONEY} in cash for {CO2}",
    "savings would reach {MONEYRATE} by the third year",
    "shares in {CO2} had risen {PCT} {PAST}",
    "the merger would give the group {N:customers}",
};
constexpr const char* kMergerQuotes[] = {
    "Together we will be stronger and more competitive",
    "No plant will close as a result of this deal",
    "The price reflects the quality of the business",
    "Customers will benefit from lower prices",
};
constexpr const char* kMergerBackground[] = {
    "{CO} was founded in 1962 and is listed in {CAP}.",
    "The two companies held talks {PAST}.",
    "{CO2} has struggled with high debt {SINCE}.",
    "The sector has seen a wave of consolidation in recent years.",
};
constexpr const char* kMergerTitles[] = {"{CO} chief executive", "{CO2} chair", "{ADJ} Economy Minister"};
constexpr const char* kMergerAppositions[] = {
    "chief executive of {CO2}", "an analyst at a bank in {CAP}", "chair of {CO}",
    "a spokes{MAN} for the competition authority"};

constexpr const char* kDisasterHeadlines[] = {
    "Floods in {C} displace {N:people}",
    "Aid reaches earthquake survivors in {C}",
    "Storm leaves thousands without power in {C}",
    "{AORG} appeals for {MONEY} after landslides in {C}",
};
constexpr const char* kDisasterClauses[] = {
    "{N:people} had been evacuated {SINCE}",
    "damage was estimated at {MONEY}",
    "{N:homes} had been destroyed",
    "aid worth {MONEY} would arrive {FUT}",
    "{R:people} were still without electricity",
    "{N:people} were still missing {PAST}",
    "rescue teams had reached {N:villages} {PAST}",
};
constexpr const char* kDisasterQuotes[] = {
    "The water came up so fast that we could not save anything",
    "Roads are cut and we are using boats to reach villages",
    "We need clean water, tents and medicine",
    "The scale of the damage is beyond anything we have seen",
};
constexpr const char* kDisasterBackground[] = {
    "Heavy rain has fallen across the region {SINCE}.",
    "The area was hit by a similar storm two years ago.",
    "{AORG} has set up camps in {N:villages}.",
    "Forecasters expect more rain {FUT}.",
};
constexpr const char* kDisasterTitles[] = {"{ADJ} Interior Minister", "Governor", "{ADJ} disaster agency head"};
constexpr const char* kDisasterAppositions[] = {
    "a spokes{MAN} for {AORG}", "the governor of the worst-hit province", "a volunteer with the Red Cross",
    "a resident of a village near {CAP}"};

// Contents that fit any topic, mixed in with the topic's own.
constexpr const char* kGenericClauses[] = {
    "the government had not been consulted",
    "{C} would raise the issue with {ORG} {FUT}",
    "the figures were preliminary and could be revised",
    "a decision was expected {FUT}",
    "{N:people} had signed a petition {SINCE}",
    "the talks in {CAP} had made little progress",
    "the plan would cost {MONEYB} over five years",
    "{C2} had offered to help",
};

template <class A>
constexpr Words W(const A& a) { return Words(a); }

const Topic kTopics[] = {
    {"politics", W(kPoliticsHeadlines), W(kPoliticsClauses), W(kPoliticsQuotes), W(kPoliticsBackground),
     W(kPoliticsTitles), W(kPoliticsAppositions)},
    {"economy", W(kEconomyHeadlines), W(kEconomyClauses), W(kEconomyQuotes), W(kEconomyBackground),
     W(kEconomyTitles), W(kEconomyAppositions)},
    {"health", W(kHealthHeadlines), W(kHealthClauses), W(kHealthQuotes), W(kHealthBackground),
     W(kHealthTitles), W(kHealthAppositions)},
    {"court", W(kCourtHeadlines), W(kCourtClauses), W(kCourtQuotes), W(kCourtBackground), W(kCourtTitles),
     W(kCourtAppositions)},
    {"election", W(kElectionHeadlines), W(kElectionClauses), W(kElectionQuotes), W(kElectionBackground),
     W(kElectionTitles), W(kElectionAppositions)},
    {"merger", W(kMergerHeadlines), W(kMergerClauses), W(kMergerQuotes), W(kMergerBackground),
     W(kMergerTitles), W(kMergerAppositions)},
    {"disaster", W(kDisasterHeadlines), W(kDisasterClauses), W(kDisasterQuotes), W(kDisasterBackground),
     W(kDisasterTitles), W(kDisasterAppositions)},
};

// ---------------------------------------------------------------------------------
constexpr std::string_view kOpenQuote = "\u201C";
constexpr std::string_view kCloseQuote = "\u201D";

std::string Capitalise(std::string s) {
  size_t i = s.compare(0, kOpenQuote.size(), kOpenQuote) == 0 ? kOpenQuote.size() : 0;
  if (i < s.size() && s[i] >= 'a' && s[i] <= 'z') s[i] = static_cast<char>(s[i] - 'a' + 'A');
  return s;
}

std::string WithCommas(uint64_t n) {
  std::string digits = std::to_string(n);
  std::string out;
  for (size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out += ',';
    out += digits[i];
  }
  return out;
}

// One decimal, dropped when it is zero: 2.4 -> "2.4", 12.0 -> "12".
std::string OneDecimal(double v) {
  char buf[32];
  double r = std::round(v * 10) / 10;
  if (r == std::floor(r)) std::snprintf(buf, sizeof buf, "%.0f", r);
  else std::snprintf(buf, sizeof buf, "%.1f", r);
  return buf;
}

size_t CountWords(std::string_view s) {
  size_t n = 0;
  bool in_word = false;
  for (char c : s) {
    bool space = c == ' ' || c == '\n' || c == '\t' || c == '\r';
    if (!space && !in_word) ++n;
    in_word = !space;
  }
  return n;
}

struct Person {
  std::string first_mention_subject;  // before a verb: "X, a spokesman for Y,"
  std::string first_mention_end;      // at the end of a sentence: "X, a spokesman for Y"
  std::string surname;
  bool female = false;
  bool mentioned = false;
  std::string Subject() const { return mentioned ? surname : first_mention_subject; }
  std::string End() const { return mentioned ? surname : first_mention_end; }
};

// One article being written: its topic, cast and random stream.
class Article {
 public:
  Article(uint64_t seed, uint32_t index)
      : rng_(seed * 0x100000001B3ull ^ (static_cast<uint64_t>(index) + 1) * 0x9E3779B97F4A7C15ull) {
    topic_ = &kTopics[rng_.Below(std::size(kTopics))];
    main_ = rng_.Below(std::size(kCountries));
    do other_ = rng_.Below(std::size(kCountries));
    while (other_ == main_);
    company_ = Company();
    do company2_ = Company();
    while (company2_ == company_);
  }

  GeneratedArticle Write(uint64_t seed, uint32_t index) {
    GeneratedArticle a;
    a.id = "synthetic-" + std::to_string(seed) + "-" + std::to_string(index);
    a.url = "https://synthetic.example.net/" + std::string(topic_->name) + "/" + std::to_string(index);
    a.topic = topic_->name;
    a.source = rng_.Pick(Words(kOutlets));
    char date[16];
    std::snprintf(date, sizeof date, "%04u-%02u-%02u", 2024 + rng_.Below(2), rng_.Between(1, 12),
                  rng_.Between(1, 28));
    a.published = date;
    a.title = Capitalise(Expand(rng_.Pick(topic_->headlines)));

    const size_t target = rng_.Between(420, 860);
    size_t words = 0;
    std::vector<std::string> paragraphs;
    paragraphs.push_back(Lead());
    words += CountWords(paragraphs.back());
    while (words < target) {
      std::string p = Paragraph();
      size_t w = CountWords(p);
      if (words + w > 890) {
        if (words >= 400) break;
        p = Sentence();  // one short sentence to cross the lower bound
        w = CountWords(p);
      }
      words += w;
      paragraphs.push_back(std::move(p));
    }
    for (size_t i = 0; i < paragraphs.size(); ++i) {
      if (i) a.body += "\n\n";
      a.body += paragraphs[i];
    }
    a.words = static_cast<uint32_t>(CountWords(a.title) + CountWords(a.body));
    return a;
  }

 private:
  const Country& C() { return kCountries[rng_.Chance(0.75) ? main_ : other_]; }

  std::string Company() {
    return std::string(rng_.Pick(Words(kCompanyHeads))) + rng_.Pick(Words(kCompanyTails));
  }

  std::string Time(std::string_view kind) {
    if (kind == "PAST") {
      switch (rng_.Below(8)) {
        case 0: case 1: return "on " + std::string(rng_.Pick(Words(kWeekdays)));
        case 2: return "last week";
        case 3: return "last month";
        case 4: return std::string(rng_.PickOf({"two", "three", "four"})) + " years ago";
        case 5: return "in " + std::string(rng_.Pick(Words(kMonths)));
        case 6: return "earlier this month";
        default: return "in " + std::to_string(2015 + rng_.Below(9));
      }
    }
    if (kind == "FUT") {
      switch (rng_.Below(7)) {
        case 0: return "next year";
        case 1: return "next month";
        case 2: return "next week";
        case 3: return "by the end of the year";
        case 4: return "in " + std::string(rng_.Pick(Words(kMonths)));
        case 5: return "on " + std::string(rng_.Pick(Words(kWeekdays)));
        default: return "early next year";
      }
    }
    // SINCE
    switch (rng_.Below(5)) {
      case 0: case 1: return "since " + std::string(rng_.Pick(Words(kMonths)));
      case 2: return "since the start of the year";
      case 3: return "since " + std::to_string(2016 + rng_.Below(8));
      default: return "since last week";
    }
  }

  // A number with two significant digits in [lo, hi].
  uint64_t RoundNumber(uint32_t lo, uint32_t hi) {
    double v = std::exp(std::log(lo) + rng_.Unit() * (std::log(hi) - std::log(lo)));
    double scale = std::pow(10.0, std::floor(std::log10(v)) - 1);
    if (scale < 1) scale = 1;
    return static_cast<uint64_t>(std::round(v / scale) * scale);
  }

  std::string NumberText(uint64_t n) {
    if (n >= 1000000 && rng_.Chance(0.5)) return OneDecimal(n / 1e6) + " million";
    return WithCommas(n);
  }

  const Unit& FindUnit(std::string_view key) {
    for (const Unit& u : kUnits)
      if (u.key == key) return u;
    std::fprintf(stderr, "corpus: unknown unit slot %.*s\n", static_cast<int>(key.size()), key.data());
    std::abort();  // a template names a unit that is not in kUnits: a bug in this file
  }

  std::string Count(std::string_view key) {
    static constexpr const char* kBounds[] = {"", "", "more than ", "at least ", "as many as ",
                                              "nearly ", "about ", "almost ", "up to ", "fewer than "};
    const Unit& u = FindUnit(key);
    return rng_.Pick(Words(kBounds)) + NumberText(RoundNumber(u.lo, u.hi)) + " " + u.text;
  }

  std::string Range(std::string_view key) {
    const Unit& u = FindUnit(key);
    uint64_t a = RoundNumber(u.lo, u.hi);
    uint64_t b = static_cast<uint64_t>(a * (1.2 + rng_.Unit()));
    b = RoundNumber(static_cast<uint32_t>(std::max<uint64_t>(b, a + 1)),
                    static_cast<uint32_t>(std::max<uint64_t>(b, a + 1)));
    if (b <= a) b = a + 1;
    return "between " + WithCommas(a) + " and " + WithCommas(b) + " " + u.text;
  }

  std::string Money() {
    bool billions = rng_.Chance(0.5);
    std::string m = billions ? OneDecimal(1.1 + rng_.Unit() * 60) : std::to_string(RoundNumber(5, 950));
    switch (rng_.Below(14)) {
      case 0: return "$" + m + (billions ? "bn" : "m");
      case 1: return "$" + m + (billions ? " billion" : " million");
      case 2: return m + (billions ? " bln dlrs" : " mln dlrs");
      case 3: return m + (billions ? " billion euros" : " million euros");
      case 4: return "\u20AC" + m + (billions ? "bn" : " million");
      case 5: return "\u00A3" + m + (billions ? " billion" : " million");
      case 6: return m + (billions ? " billion yen" : " million yen");
      case 7: return m + (billions ? " billion Swiss francs" : " million Swiss francs");
      case 8: return m + (billions ? " billion rupees" : " million rupees");
      case 9: return "R" + m + (billions ? "bn" : "m");
      case 10: return m + (billions ? " billion shillings" : " million shillings");
      case 11: return m + (billions ? " billion reais" : " million reais");
      case 12: return m + (billions ? " billion dollars" : " million dollars");
      default: return "US$" + m + (billions ? " billion" : " million");
    }
  }

  std::string Percent() {
    std::string v = rng_.Chance(0.5) ? std::to_string(rng_.Between(1, 45)) : OneDecimal(0.2 + rng_.Unit() * 15);
    switch (rng_.Below(4)) {
      case 0: return v + " pct";
      case 1: return v + " per cent";
      case 2: return v + "%";
      default: return v + " percent";
    }
  }

  // Expands {SLOT}s; anything else is copied.
  std::string Expand(std::string_view tmpl) {
    std::string out;
    const Country& c = C();
    size_t i = 0;
    while (i < tmpl.size()) {
      if (tmpl[i] != '{') {
        out += tmpl[i++];
        continue;
      }
      size_t close = tmpl.find('}', i);
      std::string_view slot = tmpl.substr(i + 1, close - i - 1);
      i = close + 1;
      if (slot == "C") out += c.name;
      else if (slot == "C2") out += kCountries[other_].name == c.name ? kCountries[main_].name : kCountries[other_].name;
      else if (slot == "ADJ") out += c.adj;
      else if (slot == "CAP") out += c.capital;
      else if (slot == "ORG" || slot == "ORGN") {
        const Organisation& org = kOrganisations[rng_.Below(std::size(kOrganisations))];
        if (slot == "ORG" && org.takes_the) out += "the ";
        out += org.name;
      }
      else if (slot == "HORG") out += rng_.Pick(Words(kHealthOrganisations));
      else if (slot == "AORG") out += rng_.Pick(Words(kAidOrganisations));
      else if (slot == "CO") out += company_;
      else if (slot == "CO2") out += company2_;
      else if (slot == "PAST" || slot == "FUT" || slot == "SINCE") out += Time(slot);
      else if (slot == "MONTH") out += rng_.Pick(Words(kMonths));
      else if (slot == "MONEY") out += Money();
      else if (slot == "MONEYB") out += rng_.PickOf({"", "about ", "more than ", "nearly ", "as much as ", "up to "}) + Money();
      else if (slot == "MONEYRATE") out += Money() + rng_.PickOf({" a year", " a month", " per year", " annually"});
      else if (slot == "PCT") out += Percent();
      else if (slot == "MAN") out += current_female_ ? "woman" : "man";
      else if (slot.starts_with("N:")) out += Count(slot.substr(2));
      else if (slot.starts_with("R:")) out += Range(slot.substr(2));
      else {
        std::fprintf(stderr, "corpus: unknown slot {%.*s}\n", static_cast<int>(slot.size()), slot.data());
        std::abort();  // template typo: a bug in this file
      }
    }
    return out;
  }

  Person NewPerson() {
    Person p;
    p.female = rng_.Chance(0.5);
    current_female_ = p.female;
    std::string first = p.female ? rng_.Pick(Words(kFemaleFirst)) : rng_.Pick(Words(kMaleFirst));
    p.surname = rng_.Pick(Words(kSurnames));
    std::string name = first + " " + p.surname;
    if (rng_.Chance(0.5)) {
      std::string title = Expand(rng_.Pick(topic_->titles));
      p.first_mention_subject = p.first_mention_end = title + " " + name;
    } else {
      std::string app = Expand(rng_.Pick(topic_->appositions));
      p.first_mention_subject = name + ", " + app + ",";
      p.first_mention_end = name + ", " + app;
    }
    return p;
  }

  // An earlier speaker (by surname) or a new one.
  Person& Speaker() {
    if (!cast_.empty() && rng_.Chance(0.35)) {
      last_ = rng_.Below(static_cast<uint32_t>(cast_.size()));
    } else {
      cast_.push_back(NewPerson());
      last_ = cast_.size() - 1;
    }
    current_female_ = cast_[last_].female;
    return cast_[last_];
  }

  std::string Quote() {
    return rng_.Chance(0.5) ? rng_.Pick(Words(kGenericQuotes)) : rng_.Pick(topic_->quotes);
  }
  std::string Clause() {
    return Expand(rng_.Chance(0.25) ? rng_.Pick(Words(kGenericClauses)) : rng_.Pick(topic_->clauses));
  }

  // ---- sentence patterns ----
  std::string DirectAfter() {
    std::string q = Quote();
    if (rng_.Chance(0.25)) q += ". " + Quote();
    Person& p = Speaker();
    std::string s;
    if (rng_.Chance(0.3)) s = std::string(kOpenQuote) + q + "," + std::string(kCloseQuote) + " said " + p.End();
    else s = std::string(kOpenQuote) + q + "," + std::string(kCloseQuote) + " " + p.Subject() + " " + rng_.Pick(Words(kDirectCues));
    if (rng_.Chance(0.3)) s += " " + Time("PAST");
    p.mentioned = true;
    return s + ".";
  }
  std::string DirectBefore() {
    Person& p = Speaker();
    std::string cue = rng_.Chance(0.7) ? "said" : "told reporters in " + std::string(C().capital);
    std::string s = Capitalise(p.Subject()) + " " + cue + ": " + std::string(kOpenQuote) + Quote() + ".";
    if (rng_.Chance(0.5)) s += " " + Quote() + ".";
    p.mentioned = true;
    return s + std::string(kCloseQuote);
  }
  std::string SplitQuote() {
    const auto& pair = kSplitQuotes[rng_.Below(std::size(kSplitQuotes))];
    std::string who;
    if (last_ != kNone && rng_.Chance(0.5)) {
      who = cast_[last_].female ? "she" : "he";
    } else {
      Person& p = Speaker();
      who = p.End();
      p.mentioned = true;
    }
    return std::string(kOpenQuote) + pair[0] + "," + std::string(kCloseQuote) + " " + who + " said, " +
           std::string(kOpenQuote) + pair[1] + "." + std::string(kCloseQuote);
  }
  std::string Indirect() {
    Person& p = Speaker();
    std::string verb = rng_.Pick(Words(kIndirectVerbs));
    std::string s = Capitalise(p.Subject()) + " " + verb;
    if (verb == "said" && rng_.Chance(0.3)) s += " " + Time("PAST") + " that ";  // "that" keeps the time on the verb
    else s += rng_.Chance(0.6) ? " that " : " ";
    p.mentioned = true;
    return s + Clause() + ".";
  }
  std::string Pronoun() {
    if (last_ == kNone) return Indirect();
    std::string s = cast_[last_].female ? "She " : "He ";
    return s + rng_.Pick(Words(kIndirectVerbs)) + (rng_.Chance(0.5) ? " that " : " ") + Clause() + ".";
  }
  std::string Anonymous() {
    if (rng_.Chance(0.35)) return Capitalise(Clause()) + ", " + rng_.Pick(Words(kTrailingAnonymous)) + ".";
    return Expand(rng_.Pick(Words(kAnonymousSubjects))) + (rng_.Chance(0.5) ? " that " : " ") + Clause() + ".";
  }
  std::string AccordingTo() {
    std::string src = Expand(rng_.Pick(Words(kAccordingTo)));
    if (rng_.Chance(0.5)) return "According to " + src + ", " + Clause() + ".";
    return Capitalise(Clause()) + ", according to " + src + ".";
  }
  std::string Background() { return Capitalise(Expand(rng_.Pick(topic_->background))); }

  std::string Sentence() {
    uint32_t r = rng_.Below(100);
    if (r < 16) return DirectAfter();
    if (r < 26) return DirectBefore();
    if (r < 34) return SplitQuote();
    if (r < 52) return Indirect();
    if (r < 60) return Pronoun();
    if (r < 74) return Anonymous();
    if (r < 84) return AccordingTo();
    return Background();
  }

  std::string Lead() {
    std::string s = Capitalise(Clause());
    s += ", " + std::string(rng_.PickOf({"officials said", "the government announced", "according to officials"}));
    return s + ". " + Background();
  }

  std::string Paragraph() {
    std::string p = Sentence();
    uint32_t more = rng_.Below(3);
    for (uint32_t i = 0; i < more; ++i) {
      p += ' ';
      p += Sentence();
    }
    return p;
  }

  static constexpr size_t kNone = static_cast<size_t>(-1);
  Rng rng_;
  const Topic* topic_ = nullptr;
  uint32_t main_ = 0, other_ = 0;
  std::string company_, company2_;
  std::vector<Person> cast_;
  size_t last_ = kNone;
  bool current_female_ = false;
};

std::string HtmlEscape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace

GeneratedArticle GenerateArticle(uint64_t seed, uint32_t index) {
  return Article(seed, index).Write(seed, index);
}

std::string ToPlainText(const GeneratedArticle& article) {
  return article.title + "\n\n" + article.body + "\n";
}

std::string ToJsonLine(const GeneratedArticle& article, bool as_html) {
  nlohmann::ordered_json rec = {{"id", article.id},
                        {"url", article.url},
                        {"title", article.title},
                        {"published", article.published},
                        {"source", article.source}};
  if (!as_html) {
    rec["text"] = article.body;
  } else {
    std::string title = HtmlEscape(article.title);
    std::string html = "<!doctype html><html><head><meta charset=\"utf-8\"><title>" + title +
                       "</title><meta property=\"og:title\" content=\"" + title +
                       "\"><meta property=\"og:site_name\" content=\"" + HtmlEscape(article.source) +
                       "\"></head><body><header><nav><a href=\"/\">Home</a> <a href=\"/world\">World</a> "
                       "<a href=\"/business\">Business</a></nav></header><article><h1>" + title + "</h1>";
    size_t start = 0;
    while (start <= article.body.size()) {
      size_t end = article.body.find("\n\n", start);
      if (end == std::string::npos) end = article.body.size();
      html += "<p>" + HtmlEscape(std::string_view(article.body).substr(start, end - start)) + "</p>";
      start = end + 2;
    }
    html += "</article><aside><h2>Related</h2><ul><li><a href=\"/more\">More stories</a></li></ul></aside>"
            "<footer><p>Synthetic benchmark text.</p></footer></body></html>";
    rec["html"] = html;
  }
  return rec.dump();
}

Document ToDocument(const GeneratedArticle& article) {
  Document doc;
  doc.path = article.id + ".txt";
  doc.id = doc.path;
  doc.format = "text";
  doc.title = article.title;
  doc.text = ToPlainText(article);
  doc.body_start = static_cast<uint32_t>(article.title.size() + 2);
  return doc;
}

}  // namespace claimgraph::bench
