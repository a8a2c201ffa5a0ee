// Hand-built documents and a scratch directory for the store tests (test-only; not
// part of cg_store). Offsets are found by searching the text, so fixtures stay
// readable and cannot drift from their spans.
#pragma once

#include <gtest/gtest.h>
#include <stdlib.h>

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "claimgraph/document.h"

namespace claimgraph::store_test {

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::path(::testing::TempDir()) / "cg_store_XXXXXX").string();
    char* made = mkdtemp(pattern.data());
    EXPECT_NE(made, nullptr);
    path_ = pattern;
  }
  ~TempDir() {
    std::error_code ec;
    // Read-only copies made by a test must not stop the cleanup.
    for (const auto& entry : std::filesystem::recursive_directory_iterator(path_, ec)) {
      std::filesystem::permissions(entry.path(), std::filesystem::perms::owner_all,
                                   std::filesystem::perm_options::add, ec);
    }
    std::filesystem::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

struct DocBuilder {
  Document doc;

  DocBuilder(std::string id, std::string text, std::string published) {
    doc.url = "https://news.example/" + id;
    doc.path = id + ".txt";
    doc.id = std::move(id);
    doc.text = std::move(text);
    doc.published = std::move(published);
    doc.published_method = doc.published.empty() ? "" : "option";
    doc.title = doc.text.substr(0, doc.text.find('.'));
    doc.source = "Example News";
    doc.format = "text";
  }

  // The first occurrence of `needle` at or after byte `from`.
  Span Find(std::string_view needle, size_t from = 0) const {
    size_t at = doc.text.find(needle, from);
    EXPECT_NE(at, std::string::npos) << "fixture text lacks '" << needle << "'";
    if (at == std::string::npos) return {};
    return {static_cast<uint32_t>(at), static_cast<uint32_t>(at + needle.size())};
  }

  void AddSentence(std::string_view text, uint32_t paragraph = 0, bool headline = false) {
    Sentence s;
    s.span = Find(text, doc.sentences.empty() ? 0 : doc.sentences.back().span.end);
    s.paragraph = paragraph;
    s.headline = headline;
    doc.sentences.push_back(s);
  }

  // Each mention is the next unused occurrence of its text.
  void AddEntity(std::string id, std::string name, std::string type, std::string kb,
                 const std::vector<std::string>& mentions) {
    Entity e{std::move(id), std::move(name), std::move(type), std::move(kb), {}};
    for (const std::string& m : mentions) {
      size_t& from = next_mention_[m];
      Span span = Find(m, from);
      from = span.end;
      e.mentions.push_back({span, m});
    }
    doc.entities.push_back(std::move(e));
  }

  // Parts are searched in order (source, cue, content) from the sentence start.
  Claim& AddClaim(std::string_view source, std::string source_entity, bool anonymous, std::string_view cue,
                  std::string cue_lemma, std::string_view content, uint32_t sentence,
                  std::string kind = "indirect") {
    Claim c;
    uint32_t from = sentence < doc.sentences.size() ? doc.sentences[sentence].span.start : 0;
    if (!source.empty()) {
      Span s = Find(source, from);
      c.source = ClaimPart{s, std::string(source)};
      from = s.end;
    }
    c.source_entity = std::move(source_entity);
    c.anonymous = anonymous;
    c.cue = {Find(cue, from), std::string(cue)};
    c.cue_lemma = std::move(cue_lemma);
    c.content = {Find(content, from), std::string(content)};
    c.kind = std::move(kind);
    c.sentence = sentence;
    doc.claims.push_back(std::move(c));
    return doc.claims.back();
  }

 private:
  std::map<std::string, size_t> next_mention_;
};

// Two sentences, three entities (one unlinked person, two linked places) with four
// mentions, a named and an anonymous claim, one time, one amount, one signal.
inline Document MinisterDocument(const std::string& id, const std::string& published) {
  DocBuilder b(id,
               "Minister Olena Marchenko said negotiations with Ukraine's neighbours would resume in July. "
               "In Kharkiv, officials said about 300 troops had arrived from Ukraine’s west — more than expected.",
               published);
  b.AddSentence("Minister Olena Marchenko said negotiations with Ukraine's neighbours would resume in July.");
  b.AddSentence("In Kharkiv, officials said about 300 troops had arrived from Ukraine’s west — more than expected.",
                1);
  b.AddEntity("e1", "Olena Marchenko", "PERSON", "", {"Olena Marchenko"});
  b.AddEntity("e2", "Ukraine", "GPE", "UKR", {"Ukraine", "Ukraine"});
  b.AddEntity("e3", "Kharkiv", "GPE", "UA-63", {"Kharkiv"});
  b.AddClaim("Minister Olena Marchenko", "e1", false, "said", "say",
             "negotiations with Ukraine's neighbours would resume in July", 0);
  b.AddClaim("officials", "", true, "said", "say", "about 300 troops had arrived from Ukraine’s west", 1);
  Timex t;
  t.span = b.Find("July");
  t.text = "July";
  t.type = "DATE";
  t.value = "2024-07";
  t.anchor = published;
  t.certainty = 0.9;
  b.doc.times.push_back(t);
  Amount a;
  a.span = b.Find("about 300 troops");
  a.text = "about 300 troops";
  a.value = 300;
  a.unit = "troops";
  a.approx = "about";
  b.doc.amounts.push_back(a);
  Signal s;
  s.kind = "unnamed_source";
  s.span = b.Find("officials");
  s.text = "officials";
  s.note = "source not named";
  b.doc.signals.push_back(s);
  return b.doc;
}

}  // namespace claimgraph::store_test
