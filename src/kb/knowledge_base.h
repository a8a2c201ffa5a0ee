// The knowledge base: curated countries, places, organisations, persons and their terms of
// office, plus the small word lexicons the entity extractor needs (titles, ministry
// portfolios, given names and surnames, common words). Loaded once from TSV files under
// models/kb (and models/lexicons beside it); read-only afterwards, so one instance is
// shared by every thread without locking.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/status.h"

namespace claimgraph::kb {

// How an alias names its entry; the extractor treats demonyms and capitals differently.
enum class AliasKind : uint8_t {
  kName,     // the canonical name or an alternative name / acronym
  kDemonym,  // "North Korean", "Russian": names the country of a GPE entry
  kCapital,  // "Moscow", "Washington": a country's seat of government used as a metonym
};

struct Entry {
  std::string id;       // "PRK", "UA-14", "L:gaza-strip", "O:nato", "P:joe-biden"
  std::string name;     // canonical name
  std::string type;     // GPE | LOC | ORG | PERSON
  std::string country;  // alpha-3 the entry belongs to (countries: their own code; "" when international)
  std::string demonym;  // countries: the first demonym ("South Korean"), else ""
  int priority = 0;     // lower wins when two entries share an alias: country 0, organisation 1,
                        // person 2, curated place 3, generated subdivision 4
};

struct AliasHit {
  uint32_t entry = 0;  // index for KnowledgeBase::entry()
  AliasKind kind = AliasKind::kName;
  // A generic name ("Congress", "Treasury", "Commission"; written "~Congress" in the TSV):
  // it names this entry only in a document that names the entry or its country otherwise.
  bool generic = false;
};

// One term of office: `person` held `office` of `country` from `start` to `end`
// (YYYY-MM-DD; end empty = still in office). Country is an alpha-3 code or an
// organisation id ("O:un") for offices of international bodies.
struct Term {
  uint32_t person = 0;
  std::string office;
  std::string country;
  std::string start;
  std::string end;
};

// A ministry portfolio ("foreign", "defence") and its short code ("MFA", "MOD").
struct Portfolio {
  std::string code;
  std::string name;
};

class KnowledgeBase {
 public:
  KnowledgeBase();  // empty: every lookup misses
  ~KnowledgeBase();
  KnowledgeBase(KnowledgeBase&&) noexcept;
  KnowledgeBase& operator=(KnowledgeBase&&) noexcept;

  // Reads dir/{countries,places,organisations,persons,offices,titles,ministries}.tsv, the
  // optional dir/subdivisions.tsv, and the optional lexicons dir/../lexicons/
  // {person_names,common_words}.tsv. A missing required file or a malformed row is an
  // error whose message names the file and the line.
  static Result<KnowledgeBase> Load(const std::string& dir);

  // Text as aliases are keyed: curly quotes and dashes folded to ASCII, runs of white
  // space collapsed to one space, trimmed.
  static std::string Normalise(std::string_view text);

  size_t size() const;
  const Entry& entry(uint32_t index) const;
  std::optional<uint32_t> FindId(std::string_view id) const;

  // Entries whose alias equals `text` exactly (after Normalise), best priority first;
  // nullptr when none. Case-sensitive: "US" is the country, "us" is not.
  const std::vector<AliasHit>* Lookup(std::string_view text) const;
  // True when some alias starts with `text` followed by a non-word character (or is
  // `text`): a matcher extending word by word can stop as soon as this is false.
  bool IsAliasPrefix(std::string_view text) const;
  // The same for text in capitals ("NORTH KOREA"): lower-cased match, limited to aliases
  // of four or more letters that are not themselves acronyms.
  const std::vector<AliasHit>* LookupCaseless(std::string_view text) const;
  // Longest alias in bytes: the matcher never needs to look further.
  size_t max_alias_bytes() const;

  // The person who held `office` of `country` on `date` (YYYY-MM-DD); the latest
  // starting term wins when terms overlap (acting holders). nullopt when unknown.
  std::optional<uint32_t> HolderOn(std::string_view office, std::string_view country, std::string_view date) const;
  // Every term of `person`, in file order.
  std::vector<const Term*> TermsOf(uint32_t person) const;
  // Terms of `office` (any country) that include `date`.
  std::vector<const Term*> TermsOn(std::string_view office, std::string_view date) const;

  // Titles ("President", "Defense Minister", "Gen.", "spokesman"), looked up by their lower-
  // cased text: nullptr when `lower` is not a title, else the office code it names ("" for
  // a title that names no resolvable office).
  const std::string* TitleOffice(std::string_view lower) const;
  size_t max_title_words() const;
  // True when `lower` is a title or the first words of one ("vice minister of").
  bool IsTitlePrefix(std::string_view lower) const;

  // Ministry portfolio named by lower-case words ("foreign affairs"), or nullptr.
  const Portfolio* FindPortfolio(std::string_view lower) const;

  // Word lexicons: how often a word was seen as a given name / surname; whether a lower-
  // case word is an ordinary English word.
  int GivenNameCount(std::string_view word) const;
  int SurnameCount(std::string_view word) const;
  bool IsCommonWord(std::string_view lower) const;

 private:
  struct Data;
  std::unique_ptr<Data> data_;
};

}  // namespace claimgraph::kb
