#include "read_command.h"

#include <CLI/CLI.hpp>
#include <fmt/core.h>

#include <iostream>
#include <nlohmann/json.hpp>

#include "claimgraph/readers.h"

namespace claimgraph::cli {

CLI::App* AddReadCommand(CLI::App& app, ReadCommandOptions& options) {
  auto* read = app.add_subcommand("read", "Print the main text and metadata read from one page (no analysis)");
  read->add_option("file", options.path, "Page or article file, or - for stdin")->required();
  read->add_option("--format", options.format, "json (one object per document) or text")
      ->check(CLI::IsMember({"json", "text"}));
  read->add_option("--url", options.url, "Address the page was fetched from (fallback URL, dates in its path)");
  return read;
}

int RunRead(const ReadCommandOptions& options) {
  ReadOptions ro;
  ro.url = options.url;
  int problems = 0, documents = 0;
  ReadInputDetailed(
      options.path, ro,
      [&](Document&& doc, const ReadDetails& details) {
        ++documents;
        std::string body = doc.text.substr(doc.body_start);
        if (options.format == "json") {
          nlohmann::json j = {{"text", body},
                              {"title", doc.title},
                              {"author", doc.author},
                              {"published", doc.published},
                              {"published_method", doc.published_method},
                              {"modified", details.modified},
                              {"fetched", details.fetched},
                              {"site", doc.source},
                              {"lang", details.lang},
                              {"url", doc.url},
                              {"id", doc.id},
                              {"path", doc.path},
                              {"format", doc.format},
                              {"charset", details.charset},
                              {"charset_method", details.charset_method}};
          std::cout << j.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace) << "\n";
          return;
        }
        if (documents > 1) fmt::print("\n{}\n\n", std::string(72, '='));
        fmt::print("title      {}\n", doc.title);
        fmt::print("author     {}\n", doc.author);
        fmt::print("published  {} ({})\n", doc.published.empty() ? "unknown" : doc.published,
                   doc.published_method.empty() ? "-" : doc.published_method);
        if (!details.modified.empty()) fmt::print("modified   {}\n", details.modified);
        fmt::print("site       {}\n", doc.source);
        fmt::print("lang       {}\n", details.lang);
        fmt::print("url        {}\n", doc.url);
        if (!details.charset.empty()) fmt::print("charset    {} ({})\n", details.charset, details.charset_method);
        fmt::print("\n{}\n", body);
      },
      [&](ReadProblem p) {
        ++problems;
        std::cerr << "claimgraph: " << p.where << ": " << p.message << "\n";
      });
  return problems ? 1 : 0;
}

}  // namespace claimgraph::cli
