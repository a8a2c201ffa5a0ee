// claimgraph extract: one article in, its analysis out (JSON contract or a readable report).
#include <fmt/core.h>

#include <iostream>

#include "claimgraph/pipeline.h"
#include "claimgraph/readers.h"
#include "commands.h"
#include "core/document_json.h"

namespace claimgraph::cli {
namespace {

std::string Trunc(std::string_view s, size_t n) {
  std::string out(s.substr(0, n));
  for (auto& c : out)
    if (c == '\n') c = ' ';
  if (s.size() > n) out += "...";
  return out;
}

void PrintReport(const Document& doc) {
  fmt::print("{}\n", doc.title.empty() ? doc.path : doc.title);
  fmt::print("published {} ({}){}{}\n", doc.published.empty() ? "unknown" : doc.published,
             doc.published_method.empty() ? "-" : doc.published_method,
             doc.source.empty() ? "" : ", source " + doc.source, doc.author.empty() ? "" : ", by " + doc.author);
  fmt::print("\nCLAIMS ({})\n", doc.claims.size());
  for (const auto& c : doc.claims) {
    std::string src = c.source ? c.source->text : "(no source named)";
    for (const auto& e : doc.entities)
      if (e.id == c.source_entity && (!c.source || e.name != c.source->text)) src += " [" + e.name + "]";
    fmt::print("  - {}{} --{}--> \"{}\"\n", src, c.anonymous ? " (unnamed)" : "", c.cue_lemma, Trunc(c.content.text, 160));
  }
  fmt::print("\nENTITIES ({})\n", doc.entities.size());
  for (const auto& e : doc.entities)
    fmt::print("  {:<7} {:<32} {:<10} {} mention(s)\n", e.type, e.name, e.kb.empty() ? "-" : e.kb, e.mentions.size());
  fmt::print("\nTIMES ({})\n", doc.times.size());
  for (const auto& t : doc.times) fmt::print("  {:<24} {:<9} {}\n", Trunc(t.text, 24), t.type, t.value);
  fmt::print("\nAMOUNTS ({})\n", doc.amounts.size());
  for (const auto& a : doc.amounts)
    fmt::print("  {:<40} {} {}{}{}\n", Trunc(a.text, 40), a.value_max ? fmt::format("{}-{}", a.value, *a.value_max) : fmt::format("{}", a.value),
               a.unit, a.approx == "exact" ? "" : " (" + a.approx + ")", a.per.empty() ? "" : " per " + a.per);
  fmt::print("\nSIGNALS ({})\n", doc.signals.size());
  for (const auto& s : doc.signals) fmt::print("  {:<20} {}\n", s.kind, s.text.empty() ? s.note : Trunc(s.text, 60));
}

}  // namespace

int RunExtract(const ExtractOptions& options) {
  ReadOptions ro;
  ro.published = options.date;
  auto pipeline = Pipeline::Create();
  if (!pipeline.ok()) {
    std::cerr << "claimgraph: " << pipeline.status().message() << "\n";
    return 1;
  }
  int failures = 0, documents = 0;
  ReadInput(
      options.path, ro,
      [&](Document&& doc) {
        (*pipeline)->Analyse(doc);
        ++documents;
        if (options.format == "json") {
          std::cout << ToJson(doc).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
        } else {
          if (documents > 1) fmt::print("\n{}\n\n", std::string(72, '='));
          PrintReport(doc);
        }
      },
      [&](ReadProblem p) {
        ++failures;
        std::cerr << "claimgraph: " << p.where << ": " << p.message << "\n";
      });
  return failures ? 1 : 0;
}

}  // namespace claimgraph::cli
