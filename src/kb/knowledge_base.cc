#include "kb/knowledge_base.h"

#include <algorithm>
#include <cctype>
#include <filesystem>
#include <functional>
#include <unordered_map>
#include <unordered_set>

#include "core/files.h"
#include "core/utf8.h"

namespace claimgraph::kb {
namespace {

struct StringHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
};
template <class V>
using StringMap = std::unordered_map<std::string, V, StringHash, std::equal_to<>>;
using StringSet = std::unordered_set<std::string, StringHash, std::equal_to<>>;

std::vector<std::string_view> Split(std::string_view s, char sep) {
  std::vector<std::string_view> out;
  size_t i = 0;
  while (true) {
    size_t j = s.find(sep, i);
    out.push_back(s.substr(i, j == std::string_view::npos ? std::string_view::npos : j - i));
    if (j == std::string_view::npos) break;
    i = j + 1;
  }
  return out;
}

std::string_view Trim(std::string_view s) {
  while (!s.empty() && (s.front() == ' ' || s.front() == '\r')) s.remove_prefix(1);
  while (!s.empty() && (s.back() == ' ' || s.back() == '\r')) s.remove_suffix(1);
  return s;
}

bool IsDate(std::string_view s) {
  if (s.size() != 10 || s[4] != '-' || s[7] != '-') return false;
  for (size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (s[i] < '0' || s[i] > '9') return false;
  int month = (s[5] - '0') * 10 + (s[6] - '0');
  int day = (s[8] - '0') * 10 + (s[9] - '0');
  return month >= 1 && month <= 12 && day >= 1 && day <= 31;
}

bool IsAcronym(std::string_view s) {
  bool any_upper = false;
  for (char c : s) {
    if (c >= 'a' && c <= 'z') return false;
    if (c >= 'A' && c <= 'Z') any_upper = true;
  }
  return any_upper;
}

size_t CountLetters(std::string_view s) {
  size_t n = 0;
  size_t i = 0;
  while (i < s.size())
    if (utf8::IsAlpha(utf8::Next(s, i))) ++n;
  return n;
}

// One row of a TSV file with its location, for error messages.
struct Row {
  std::string file;
  int line = 0;
  std::vector<std::string_view> cols;
  Status Error(const std::string& what) const {
    return Status::InvalidInput(file + ":" + std::to_string(line) + ": " + what);
  }
};

// Calls `fn` for every data row of `path` (blank lines and # comments skipped), checking
// that it has between min_cols and max_cols tab-separated columns.
Status ForEachRow(const std::string& path, size_t min_cols, size_t max_cols,
                  const std::function<Status(const Row&)>& fn) {
  auto text = ReadFile(path);
  if (!text.ok()) return text.status();
  std::string_view s = *text;
  if (auto bad = utf8::FindInvalid(s))
    return Status::InvalidInput(path + ": invalid UTF-8 at byte " + std::to_string(*bad));
  Row row;
  row.file = path;
  size_t i = 0;
  while (i < s.size()) {
    size_t nl = s.find('\n', i);
    std::string_view line = s.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    i = nl == std::string_view::npos ? s.size() : nl + 1;
    ++row.line;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (Trim(line).empty() || line.front() == '#') continue;
    row.cols = Split(line, '\t');
    for (auto& c : row.cols) c = Trim(c);
    if (row.cols.size() < min_cols || row.cols.size() > max_cols) {
      std::string want = min_cols == max_cols ? std::to_string(min_cols)
                                              : std::to_string(min_cols) + " to " + std::to_string(max_cols);
      return row.Error("expected " + want + " tab-separated columns, found " + std::to_string(row.cols.size()));
    }
    row.cols.resize(max_cols);
    if (Status st = fn(row); !st.ok()) return st;
  }
  return Status::Ok();
}

std::vector<std::string_view> Aliases(std::string_view col) {
  std::vector<std::string_view> out;
  if (col.empty()) return out;
  for (auto a : Split(col, '|')) {
    a = Trim(a);
    if (!a.empty()) out.push_back(a);
  }
  return out;
}

// Text that Normalise leaves as it is: ASCII without tabs, line breaks or double spaces.
bool IsPlain(std::string_view text) {
  return std::none_of(
             text.begin(), text.end(),
             [](char c) { return static_cast<unsigned char>(c) >= 0x80 || c == '\n' || c == '\t' || c == '\r'; }) &&
         text.find("  ") == std::string_view::npos;
}

bool IsWordByte(char c) { return std::isalnum(static_cast<unsigned char>(c)) || static_cast<unsigned char>(c) >= 0x80; }

bool IsEntityType(std::string_view t) { return t == "GPE" || t == "LOC" || t == "ORG" || t == "PERSON"; }

}  // namespace

struct KnowledgeBase::Data {
  std::vector<Entry> entries;
  StringMap<uint32_t> by_id;
  StringMap<std::vector<AliasHit>> aliases;
  StringMap<std::vector<AliasHit>> caseless;
  StringSet prefixes;  // every alias cut before a non-word character, and every alias
  size_t max_alias_bytes = 0;
  std::vector<Term> terms;
  StringMap<std::string> titles;
  size_t max_title_words = 0;
  StringSet title_prefixes;  // leading words of multi-word titles
  StringMap<Portfolio> portfolios;
  StringMap<std::pair<int, int>> names;  // given, surname counts
  StringSet common;

  Status AddEntry(const Row& row, Entry e) {
    if (e.id.empty()) return row.Error("empty id");
    if (e.name.empty()) return row.Error("empty name for " + e.id);
    if (!IsEntityType(e.type)) return row.Error("type must be GPE, LOC, ORG or PERSON, found '" + e.type + "'");
    if (by_id.count(e.id)) return row.Error("duplicate id " + e.id);
    by_id.emplace(e.id, static_cast<uint32_t>(entries.size()));
    entries.push_back(std::move(e));
    return Status::Ok();
  }

  void AddAlias(std::string_view text, uint32_t entry, AliasKind kind) {
    bool generic = !text.empty() && text.front() == '~';
    if (generic) text.remove_prefix(1);
    std::string key = Normalise(text);
    if (key.empty()) return;
    for (size_t j = 1; j < key.size(); ++j)
      if (!IsWordByte(key[j])) prefixes.insert(key.substr(0, j));
    prefixes.insert(key);
    auto& hits = aliases[key];
    for (const auto& h : hits)
      if (h.entry == entry) return;
    hits.push_back({entry, kind, generic});
    max_alias_bytes = std::max(max_alias_bytes, key.size());
    if (CountLetters(key) >= 4 && !IsAcronym(key)) {
      auto& folded = caseless[utf8::Lower(key)];
      bool seen = false;
      for (const auto& h : folded) seen = seen || h.entry == entry;
      if (!seen) folded.push_back({entry, kind, generic});
    }
  }

  void SortHits() {
    auto by_priority = [&](const AliasHit& a, const AliasHit& b) {
      return entries[a.entry].priority < entries[b.entry].priority;
    };
    for (auto& [k, v] : aliases) std::stable_sort(v.begin(), v.end(), by_priority);
    for (auto& [k, v] : caseless) std::stable_sort(v.begin(), v.end(), by_priority);
  }

  Status LoadCountries(const std::string& path) {
    return ForEachRow(path, 3, 5, [&](const Row& row) -> Status {
      Entry e;
      e.id = row.cols[0];
      e.name = row.cols[1];
      e.type = "GPE";
      e.country = e.id;
      auto demonyms = Aliases(row.cols[3]);
      if (!demonyms.empty()) e.demonym = demonyms.front();
      if (e.id.size() != 3 || !IsAcronym(e.id))
        return row.Error("country id must be an alpha-3 code, found '" + e.id + "'");
      uint32_t index = static_cast<uint32_t>(entries.size());
      if (Status st = AddEntry(row, e); !st.ok()) return st;
      AddAlias(e.name, index, AliasKind::kName);
      for (auto a : Aliases(row.cols[2])) AddAlias(a, index, AliasKind::kName);
      for (auto a : demonyms) AddAlias(a, index, AliasKind::kDemonym);
      for (auto a : Aliases(row.cols[4])) AddAlias(a, index, AliasKind::kCapital);
      return Status::Ok();
    });
  }

  // places.tsv, subdivisions.tsv, organisations.tsv: id, type, name, country, aliases
  Status LoadEntities(const std::string& path, int priority) {
    return ForEachRow(path, 3, 5, [&](const Row& row) -> Status {
      Entry e;
      e.id = row.cols[0];
      e.type = row.cols[1];
      e.name = row.cols[2];
      e.country = row.cols[3];
      e.priority = priority;
      uint32_t index = static_cast<uint32_t>(entries.size());
      if (Status st = AddEntry(row, e); !st.ok()) return st;
      AddAlias(e.name, index, AliasKind::kName);
      for (auto a : Aliases(row.cols[4])) AddAlias(a, index, AliasKind::kName);
      return Status::Ok();
    });
  }

  Status LoadPersons(const std::string& path) {
    return ForEachRow(path, 2, 4, [&](const Row& row) -> Status {
      Entry e;
      e.id = row.cols[0];
      e.name = row.cols[1];
      e.type = "PERSON";
      e.country = row.cols[2];
      e.priority = 2;
      if (e.id.rfind("P:", 0) != 0) return row.Error("person id must start with P:, found '" + e.id + "'");
      uint32_t index = static_cast<uint32_t>(entries.size());
      if (Status st = AddEntry(row, e); !st.ok()) return st;
      AddAlias(e.name, index, AliasKind::kName);
      for (auto a : Aliases(row.cols[3])) AddAlias(a, index, AliasKind::kName);
      return Status::Ok();
    });
  }

  Status LoadOffices(const std::string& path) {
    return ForEachRow(path, 4, 5, [&](const Row& row) -> Status {
      auto it = by_id.find(row.cols[0]);
      if (it == by_id.end() || entries[it->second].type != "PERSON")
        return row.Error("unknown person id '" + std::string(row.cols[0]) + "' (not in persons.tsv)");
      Term t;
      t.person = it->second;
      t.office = row.cols[1];
      t.country = row.cols[2];
      t.start = row.cols[3];
      t.end = row.cols[4];
      if (t.office.empty() || t.country.empty()) return row.Error("office and country are required");
      if (!IsDate(t.start)) return row.Error("start must be YYYY-MM-DD, found '" + t.start + "'");
      if (!t.end.empty() && !IsDate(t.end)) return row.Error("end must be YYYY-MM-DD or empty, found '" + t.end + "'");
      if (!t.end.empty() && t.end < t.start) return row.Error("end " + t.end + " is before start " + t.start);
      terms.push_back(std::move(t));
      return Status::Ok();
    });
  }

  Status LoadTitles(const std::string& path) {
    return ForEachRow(path, 1, 2, [&](const Row& row) -> Status {
      std::string key = utf8::Lower(Normalise(row.cols[0]));
      if (key.empty()) return row.Error("empty title");
      titles[key] = std::string(row.cols[1]);
      for (size_t j = key.find(' '); j != std::string::npos; j = key.find(' ', j + 1))
        title_prefixes.insert(key.substr(0, j));
      size_t words = 1 + std::count(key.begin(), key.end(), ' ');
      max_title_words = std::max(max_title_words, words);
      return Status::Ok();
    });
  }

  Status LoadPortfolios(const std::string& path) {
    return ForEachRow(path, 3, 3, [&](const Row& row) -> Status {
      std::string key = utf8::Lower(Normalise(row.cols[0]));
      if (key.empty() || row.cols[1].empty() || row.cols[2].empty()) return row.Error("empty portfolio, code or name");
      portfolios[key] = Portfolio{std::string(row.cols[1]), std::string(row.cols[2])};
      return Status::Ok();
    });
  }

  Status LoadNames(const std::string& path) {
    return ForEachRow(path, 3, 3, [&](const Row& row) -> Status {
      int given = 0, surname = 0;
      try {
        given = std::stoi(std::string(row.cols[1]));
        surname = std::stoi(std::string(row.cols[2]));
      } catch (const std::exception&) {
        return row.Error("counts must be integers");
      }
      names[std::string(row.cols[0])] = {given, surname};
      return Status::Ok();
    });
  }

  Status LoadCommon(const std::string& path) {
    return ForEachRow(path, 1, 1, [&](const Row& row) -> Status {
      common.insert(utf8::Lower(row.cols[0]));
      return Status::Ok();
    });
  }
};

KnowledgeBase::KnowledgeBase() : data_(std::make_unique<Data>()) {}
KnowledgeBase::~KnowledgeBase() = default;
KnowledgeBase::KnowledgeBase(KnowledgeBase&&) noexcept = default;
KnowledgeBase& KnowledgeBase::operator=(KnowledgeBase&&) noexcept = default;

std::string KnowledgeBase::Normalise(std::string_view text) {
  std::string folded = utf8::Fold(text);
  std::string out;
  out.reserve(folded.size());
  bool space = false;
  size_t i = 0;
  while (i < folded.size()) {
    size_t start = i;
    char32_t c = utf8::Next(folded, i);
    if (utf8::IsSpace(c)) {
      space = !out.empty();
      continue;
    }
    if (space) out += ' ';
    space = false;
    out.append(folded, start, i - start);
  }
  return out;
}

Result<KnowledgeBase> KnowledgeBase::Load(const std::string& dir) {
  namespace fs = std::filesystem;
  std::error_code ec;
  if (!fs::is_directory(dir, ec)) return Status::NotFound(dir + ": knowledge base directory not found");
  KnowledgeBase kb;
  Data& d = *kb.data_;
  auto file = [&](const char* name) { return (fs::path(dir) / name).string(); };
  // Order sets alias priority among equals: countries, organisations, persons, places.
  if (Status st = d.LoadCountries(file("countries.tsv")); !st.ok()) return st;
  if (Status st = d.LoadEntities(file("organisations.tsv"), 1); !st.ok()) return st;
  if (Status st = d.LoadPersons(file("persons.tsv")); !st.ok()) return st;
  if (Status st = d.LoadEntities(file("places.tsv"), 3); !st.ok()) return st;
  if (fs::exists(file("subdivisions.tsv"), ec))
    if (Status st = d.LoadEntities(file("subdivisions.tsv"), 4); !st.ok()) return st;
  if (Status st = d.LoadOffices(file("offices.tsv")); !st.ok()) return st;
  if (Status st = d.LoadTitles(file("titles.tsv")); !st.ok()) return st;
  if (Status st = d.LoadPortfolios(file("ministries.tsv")); !st.ok()) return st;
  fs::path lexicons = fs::path(dir) / ".." / "lexicons";
  if (fs::exists(lexicons / "person_names.tsv", ec))
    if (Status st = d.LoadNames((lexicons / "person_names.tsv").lexically_normal().string()); !st.ok()) return st;
  if (fs::exists(lexicons / "common_words.tsv", ec))
    if (Status st = d.LoadCommon((lexicons / "common_words.tsv").lexically_normal().string()); !st.ok()) return st;
  d.SortHits();
  return kb;
}

size_t KnowledgeBase::size() const { return data_->entries.size(); }
const Entry& KnowledgeBase::entry(uint32_t index) const {
  assert(index < data_->entries.size());
  return data_->entries[index];
}

std::optional<uint32_t> KnowledgeBase::FindId(std::string_view id) const {
  auto it = data_->by_id.find(id);
  if (it == data_->by_id.end()) return std::nullopt;
  return it->second;
}

const std::vector<AliasHit>* KnowledgeBase::Lookup(std::string_view text) const {
  auto it = data_->aliases.find(text);
  if (it == data_->aliases.end()) {
    if (IsPlain(text)) return nullptr;
    std::string key = Normalise(text);
    if (key == text) return nullptr;
    it = data_->aliases.find(key);
    if (it == data_->aliases.end()) return nullptr;
  }
  return &it->second;
}

bool KnowledgeBase::IsAliasPrefix(std::string_view text) const {
  if (data_->prefixes.count(text)) return true;
  return !IsPlain(text) && data_->prefixes.count(Normalise(text));
}

const std::vector<AliasHit>* KnowledgeBase::LookupCaseless(std::string_view text) const {
  auto it = data_->caseless.find(utf8::Lower(Normalise(text)));
  return it == data_->caseless.end() ? nullptr : &it->second;
}

size_t KnowledgeBase::max_alias_bytes() const { return data_->max_alias_bytes; }

std::optional<uint32_t> KnowledgeBase::HolderOn(std::string_view office, std::string_view country,
                                                std::string_view date) const {
  const Term* best = nullptr;
  for (const auto& t : data_->terms) {
    if (t.office != office || t.country != country) continue;
    if (date < t.start || (!t.end.empty() && date >= t.end)) continue;
    if (!best || t.start > best->start) best = &t;
  }
  if (!best) return std::nullopt;
  return best->person;
}

std::vector<const Term*> KnowledgeBase::TermsOf(uint32_t person) const {
  std::vector<const Term*> out;
  for (const auto& t : data_->terms)
    if (t.person == person) out.push_back(&t);
  return out;
}

std::vector<const Term*> KnowledgeBase::TermsOn(std::string_view office, std::string_view date) const {
  std::vector<const Term*> out;
  for (const auto& t : data_->terms)
    if (t.office == office && date >= t.start && (t.end.empty() || date < t.end)) out.push_back(&t);
  return out;
}

const std::string* KnowledgeBase::TitleOffice(std::string_view lower) const {
  auto it = data_->titles.find(lower);
  return it == data_->titles.end() ? nullptr : &it->second;
}

bool KnowledgeBase::IsTitlePrefix(std::string_view lower) const {
  return data_->title_prefixes.count(lower) > 0 || data_->titles.count(lower) > 0;
}

size_t KnowledgeBase::max_title_words() const { return data_->max_title_words; }

const Portfolio* KnowledgeBase::FindPortfolio(std::string_view lower) const {
  auto it = data_->portfolios.find(lower);
  return it == data_->portfolios.end() ? nullptr : &it->second;
}

int KnowledgeBase::GivenNameCount(std::string_view word) const {
  auto it = data_->names.find(word);
  return it == data_->names.end() ? 0 : it->second.first;
}

int KnowledgeBase::SurnameCount(std::string_view word) const {
  auto it = data_->names.find(word);
  return it == data_->names.end() ? 0 : it->second.second;
}

bool KnowledgeBase::IsCommonWord(std::string_view lower) const { return data_->common.count(lower) > 0; }

}  // namespace claimgraph::kb
