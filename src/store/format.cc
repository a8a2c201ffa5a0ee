// Printable forms of query results: terminal table, CSV, JSON.
#include <fmt/format.h>

#include <algorithm>
#include <cassert>
#include <nlohmann/json.hpp>

#include "claimgraph/query.h"

namespace claimgraph {
namespace {

enum class Format { kTable, kCsv, kJson };

Format ParseFormat(std::string_view format) {
  assert(IsOutputFormat(format) && "unknown output format");
  if (format == "csv") return Format::kCsv;
  if (format == "json") return Format::kJson;
  return Format::kTable;
}

// Terminal columns taken by `s`: one per code point (continuation bytes do not count).
// Good enough for the Latin, Cyrillic and similar scripts of news text.
size_t DisplayWidth(std::string_view s) {
  return static_cast<size_t>(std::count_if(s.begin(), s.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

// One line, at most `max_width` columns: control characters become spaces and the
// tail is replaced by "…" when it does not fit.
std::string Cell(std::string_view s, size_t max_width) {
  std::string flat;
  flat.reserve(s.size());
  for (char c : s) flat += (static_cast<unsigned char>(c) < 0x20 || c == 0x7F) ? ' ' : c;
  if (DisplayWidth(flat) <= max_width) return flat;
  // Cut at a code point boundary, keeping room for the ellipsis.
  size_t width = 0, cut = 0;
  for (size_t i = 0; i < flat.size(); ++i) {
    if ((flat[i] & 0xC0) == 0x80) continue;
    if (width + 1 >= max_width) {
      cut = i;
      break;
    }
    ++width;
  }
  std::string out = flat.substr(0, cut);
  while (!out.empty() && out.back() == ' ') out.pop_back();
  return out + "…";
}

struct Column {
  const char* header;
  size_t max_width;
  bool right_align = false;
};

std::string RenderTable(const std::vector<Column>& columns, const std::vector<std::vector<std::string>>& rows) {
  std::vector<std::vector<std::string>> cells;
  cells.reserve(rows.size());
  std::vector<size_t> widths;
  for (const Column& c : columns) widths.push_back(DisplayWidth(c.header));
  for (const auto& row : rows) {
    assert(row.size() == columns.size());
    std::vector<std::string> line;
    for (size_t i = 0; i < columns.size(); ++i) {
      line.push_back(Cell(row[i], columns[i].max_width));
      widths[i] = std::max(widths[i], DisplayWidth(line.back()));
    }
    cells.push_back(std::move(line));
  }
  auto emit = [&](std::string& out, const std::vector<std::string>& line) {
    std::string text;
    for (size_t i = 0; i < line.size(); ++i) {
      if (i > 0) text += "  ";
      size_t pad = widths[i] - DisplayWidth(line[i]);
      if (columns[i].right_align) text.append(pad, ' ');
      text += line[i];
      if (!columns[i].right_align) text.append(pad, ' ');
    }
    while (!text.empty() && text.back() == ' ') text.pop_back();
    out += text;
    out += '\n';
  };
  std::string out;
  std::vector<std::string> header, rule;
  for (size_t i = 0; i < columns.size(); ++i) {
    header.emplace_back(columns[i].header);
    rule.emplace_back(widths[i], '-');
  }
  emit(out, header);
  emit(out, rule);
  for (const auto& line : cells) emit(out, line);
  return out;
}

std::string CsvField(std::string_view s) {
  if (s.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(s);
  std::string out = "\"";
  for (char c : s) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string RenderCsv(const std::vector<std::string>& header, const std::vector<std::vector<std::string>>& rows) {
  std::string out;
  auto emit = [&](const std::vector<std::string>& line) {
    for (size_t i = 0; i < line.size(); ++i) {
      if (i > 0) out += ',';
      out += CsvField(line[i]);
    }
    out += "\r\n";
  };
  emit(header);
  for (const auto& row : rows) {
    assert(row.size() == header.size());
    emit(row);
  }
  return out;
}

std::string RenderJson(const nlohmann::json& array) {
  // Invalid UTF-8 in stored text becomes U+FFFD instead of throwing.
  return array.dump(2, ' ', false, nlohmann::json::error_handler_t::replace) + "\n";
}

nlohmann::json NullIfEmpty(const std::string& s) { return s.empty() ? nlohmann::json(nullptr) : nlohmann::json(s); }

std::string SourceLabel(const ClaimRow& r) {
  if (!r.source_entity_name.empty()) return r.source_entity_name;
  if (r.has_source) return r.source_text;
  return "(none)";
}

}  // namespace

bool IsOutputFormat(std::string_view format) { return format == "table" || format == "csv" || format == "json"; }

std::string FormatClaims(const std::vector<ClaimRow>& rows, std::string_view format) {
  switch (ParseFormat(format)) {
    case Format::kTable: {
      std::vector<std::vector<std::string>> lines;
      for (const ClaimRow& r : rows) {
        lines.push_back({std::to_string(r.id), r.published, r.doc_id, SourceLabel(r) + (r.anonymous ? " (anon.)" : ""),
                         r.cue_text, r.content_text});
      }
      return RenderTable({{"ID", 8, true}, {"PUBLISHED", 10}, {"DOC", 24}, {"SOURCE", 32}, {"CUE", 16},
                          {"CONTENT", 72}},
                         lines);
    }
    case Format::kCsv: {
      std::vector<std::vector<std::string>> lines;
      for (const ClaimRow& r : rows) {
        auto offset = [&](uint32_t v) { return r.has_source ? std::to_string(v) : std::string(); };
        lines.push_back({std::to_string(r.id), r.doc_id, r.url, r.published, std::to_string(r.sentence),
                         r.source_text, r.source_entity_name, r.source_kb, r.anonymous ? "1" : "0",
                         offset(r.source_start), offset(r.source_end), r.cue_lemma, r.cue_text,
                         std::to_string(r.cue_start), std::to_string(r.cue_end), r.content_text,
                         std::to_string(r.content_start), std::to_string(r.content_end), r.kind, r.sentence_text,
                         r.extractor_version});
      }
      return RenderCsv({"id", "doc_id", "url", "published", "sentence", "source_text", "source_entity", "source_kb",
                        "anonymous", "source_start", "source_end", "cue_lemma", "cue_text", "cue_start", "cue_end",
                        "content_text", "content_start", "content_end", "kind", "sentence_text",
                        "extractor_version"},
                       lines);
    }
    case Format::kJson: {
      nlohmann::json out = nlohmann::json::array();
      for (const ClaimRow& r : rows) {
        nlohmann::json source = {{"text", r.has_source ? nlohmann::json(r.source_text) : nlohmann::json(nullptr)},
                                 {"entity", NullIfEmpty(r.source_entity_name)},
                                 {"kb", NullIfEmpty(r.source_kb)},
                                 {"anonymous", r.anonymous}};
        if (r.has_source) {
          source["start"] = r.source_start;
          source["end"] = r.source_end;
        }
        out.push_back({{"id", r.id},
                       {"doc", r.doc_id},
                       {"url", r.url},
                       {"published", NullIfEmpty(r.published)},
                       {"sentence", {{"index", r.sentence}, {"text", r.sentence_text}}},
                       {"source", std::move(source)},
                       {"cue", {{"text", r.cue_text}, {"lemma", r.cue_lemma}, {"start", r.cue_start},
                                {"end", r.cue_end}}},
                       {"content", {{"text", r.content_text}, {"start", r.content_start}, {"end", r.content_end}}},
                       {"kind", r.kind},
                       {"extractor_version", r.extractor_version}});
      }
      return RenderJson(out);
    }
  }
  return {};
}

std::string FormatEntities(const std::vector<EntityRow>& rows, std::string_view format) {
  switch (ParseFormat(format)) {
    case Format::kTable: {
      std::vector<std::vector<std::string>> lines;
      for (const EntityRow& r : rows) {
        lines.push_back({r.name, r.type, r.kb, std::to_string(r.documents), std::to_string(r.mentions),
                         std::to_string(r.claims_as_source)});
      }
      return RenderTable({{"NAME", 40}, {"TYPE", 6}, {"KB", 16}, {"DOCS", 8, true}, {"MENTIONS", 8, true},
                          {"CLAIMS", 8, true}},
                         lines);
    }
    case Format::kCsv: {
      std::vector<std::vector<std::string>> lines;
      for (const EntityRow& r : rows) {
        lines.push_back({std::to_string(r.id), r.name, r.type, r.kb, std::to_string(r.documents),
                         std::to_string(r.mentions), std::to_string(r.claims_as_source)});
      }
      return RenderCsv({"id", "name", "type", "kb", "documents", "mentions", "claims_as_source"}, lines);
    }
    case Format::kJson: {
      nlohmann::json out = nlohmann::json::array();
      for (const EntityRow& r : rows) {
        out.push_back({{"id", r.id},
                       {"name", r.name},
                       {"type", r.type},
                       {"kb", NullIfEmpty(r.kb)},
                       {"documents", r.documents},
                       {"mentions", r.mentions},
                       {"claims_as_source", r.claims_as_source}});
      }
      return RenderJson(out);
    }
  }
  return {};
}

std::string FormatSources(const std::vector<SourceRow>& rows, std::string_view format) {
  switch (ParseFormat(format)) {
    case Format::kTable: {
      std::vector<std::vector<std::string>> lines;
      for (const SourceRow& r : rows) {
        lines.push_back({r.source, r.kb, std::to_string(r.claims), std::to_string(r.documents),
                         std::to_string(r.anonymous)});
      }
      return RenderTable({{"SOURCE", 48}, {"KB", 16}, {"CLAIMS", 8, true}, {"DOCS", 8, true},
                          {"ANONYMOUS", 9, true}},
                         lines);
    }
    case Format::kCsv: {
      std::vector<std::vector<std::string>> lines;
      for (const SourceRow& r : rows) {
        lines.push_back({r.source, r.kb, std::to_string(r.claims), std::to_string(r.documents),
                         std::to_string(r.anonymous)});
      }
      return RenderCsv({"source", "kb", "claims", "documents", "anonymous"}, lines);
    }
    case Format::kJson: {
      nlohmann::json out = nlohmann::json::array();
      for (const SourceRow& r : rows) {
        out.push_back({{"source", r.source},
                       {"kb", NullIfEmpty(r.kb)},
                       {"claims", r.claims},
                       {"documents", r.documents},
                       {"anonymous", r.anonymous}});
      }
      return RenderJson(out);
    }
  }
  return {};
}

}  // namespace claimgraph
