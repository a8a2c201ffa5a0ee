// Input expansion, format detection and the plain-text / JSON Lines readers.
#include "claimgraph/readers.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdint>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "core/files.h"
#include "core/utf8.h"
#include "readers/inflate.h"
#include "readers/charset.h"
#include "readers/feed_reader.h"
#include "readers/html_reader.h"
#include "readers/warc_reader.h"

namespace claimgraph {
namespace {

namespace fs = std::filesystem;

constexpr size_t kMaxTitleBytes = 300;  // a longer first line is a paragraph, not a headline

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v';
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

enum class Format { kText, kHtml, kJsonl, kJson, kFeed, kXml, kWarc, kUnknown };

// Format from the file name, ignoring a trailing ".gz".
Format FormatFromName(std::string name) {
  name = Lower(std::move(name));
  if (EndsWith(name, ".gz")) name.resize(name.size() - 3);
  std::string ext = fs::path(name).extension().string();
  if (ext == ".txt" || ext == ".text" || ext == ".md") return Format::kText;
  if (ext == ".html" || ext == ".htm") return Format::kHtml;
  if (ext == ".jsonl" || ext == ".ndjson") return Format::kJsonl;
  if (ext == ".json") return Format::kJson;
  if (ext == ".rss" || ext == ".atom") return Format::kFeed;
  if (ext == ".xml") return Format::kXml;  // a feed or not: sniffed
  if (ext == ".warc") return Format::kWarc;
  return Format::kUnknown;
}

// Format from the first non-blank bytes, for stdin and unknown extensions.
Format SniffFormat(std::string_view data) {
  size_t i = 0;
  if (data.substr(0, 3) == "\xEF\xBB\xBF") i = 3;
  while (i < data.size() && IsAsciiSpace(data[i])) ++i;
  if (i >= data.size()) return Format::kText;
  if (data[i] == '{' || data[i] == '[') {
    // Prose can start with a bracket too ("[Updated] ..."): JSON only if it parses.
    if (nlohmann::json::accept(data.substr(i))) return Format::kJson;
    size_t nl = data.find('\n', i);
    std::string_view first = data.substr(i, nl == std::string_view::npos ? std::string_view::npos : nl - i);
    if (first.front() == '{' && nlohmann::json::accept(first)) return Format::kJsonl;
    return Format::kText;
  }
  if (data[i] == '<') {
    if (readers::LooksLikeFeed(data)) return Format::kFeed;
    std::string head = Lower(std::string(data.substr(i, 2048)));
    for (const char* marker : {"<!doctype html", "<html", "<head", "<body", "<meta", "<article", "<p>", "<div",
                               "<title", "<!--"}) {
      if (head.find(marker) != std::string::npos) return Format::kHtml;
    }
  }
  return Format::kText;
}

bool IsGzip(std::string_view data) { return data.size() >= 2 && data[0] == '\x1f' && data[1] == '\x8b'; }

constexpr size_t kMaxInflatedBytes = size_t{1} << 30;  // no article is this big; a gzip bomb is

Result<std::string> Gunzip(std::string_view data) { return readers::Inflate(data, kMaxInflatedBytes); }

// Valid UTF-8 can still be binary data: any NUL byte, or C0 control bytes (other than
// whitespace) in more than 1% of the bytes. A few stray controls in prose are tolerated.
// Returns the offset of the first suspicious byte.
std::optional<size_t> FindBinaryByte(std::string_view s) {
  std::optional<size_t> first;
  size_t controls = 0;
  for (size_t i = 0; i < s.size(); ++i) {
    // Eight bytes at a time while none is below 0x20 (most of any text).
    while (i + 8 <= s.size()) {
      uint64_t word;
      std::memcpy(&word, s.data() + i, 8);
      constexpr uint64_t kOnes = 0x0101010101010101ull;
      if (((word - kOnes * 0x20) & ~word & (kOnes * 0x80)) != 0) break;
      i += 8;
    }
    if (i >= s.size()) break;
    unsigned char c = static_cast<unsigned char>(s[i]);
    if (c >= 0x20 || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v') continue;
    if (c == 0) return i;
    if (!first) first = i;
    ++controls;
  }
  if (controls > 8 && controls * 100 > s.size()) return first;
  return std::nullopt;
}

// Empty, whitespace-only, not UTF-8 or binary: the message, or nullopt when the text is usable.
// `base` is added to offsets so a JSON Lines line reports offsets into its file.
// `known_utf8`: the caller has validated (or produced) the bytes as UTF-8 already.
std::optional<std::string> CheckText(std::string_view s, size_t base = 0, bool known_utf8 = false) {
  if (s.empty()) return "empty file";
  if (auto bad = known_utf8 ? std::nullopt : utf8::FindInvalid(s)) {
    char msg[96];
    std::snprintf(msg, sizeof msg, "not UTF-8: invalid byte 0x%02X at offset %zu",
                  static_cast<unsigned>(static_cast<unsigned char>(s[*bad])), base + *bad);
    return std::string(msg);
  }
  if (auto bin = FindBinaryByte(s)) {
    char msg[96];
    std::snprintf(msg, sizeof msg, "looks binary: control byte 0x%02X at offset %zu",
                  static_cast<unsigned>(static_cast<unsigned char>(s[*bin])), base + *bin);
    return std::string(msg);
  }
  if (std::all_of(s.begin(), s.end(), IsAsciiSpace)) return "file has only whitespace";
  return std::nullopt;
}

// Plain-text title rule: a first line (a UTF-8 BOM aside) that is followed by a blank
// line and then more text is the headline; the body starts at the first non-blank byte
// after the blank line(s).
void ApplyTitleRule(Document& doc) {
  const std::string& t = doc.text;
  size_t start = t.compare(0, 3, "\xEF\xBB\xBF") == 0 ? 3 : 0;
  size_t nl = t.find('\n', start);
  if (nl == std::string::npos) return;
  size_t line_end = nl;
  while (line_end > start && IsAsciiSpace(t[line_end - 1])) --line_end;
  size_t line_start = start;
  while (line_start < line_end && IsAsciiSpace(t[line_start])) ++line_start;
  if (line_start == line_end || line_end - line_start > kMaxTitleBytes) return;
  size_t next_nl = t.find('\n', nl + 1);
  size_t next_end = next_nl == std::string::npos ? t.size() : next_nl;
  for (size_t i = nl + 1; i < next_end; ++i) {
    if (!IsAsciiSpace(t[i])) return;  // second line has text: no blank line after the first
  }
  size_t body = next_end;
  while (body < t.size() && IsAsciiSpace(t[body])) ++body;
  if (body >= t.size()) return;  // a lone line is the text itself, not a headline
  doc.title = t.substr(line_start, line_end - line_start);
  doc.body_start = static_cast<uint32_t>(body);
}

// Sets text = title + "\n\n" + body, body_start after the blank line.
void SetTitledText(Document& doc, const std::string& title, const std::string& body) {
  doc.title = title;
  if (title.empty()) {
    doc.text = body;
    doc.body_start = 0;
    return;
  }
  doc.text = title + "\n\n" + body;
  doc.body_start = static_cast<uint32_t>(title.size() + 2);
}

// A record's text with its separate title: kept as is when its first line is the title
// (body_start then skips the title and the blank space after it).
void SetRecordText(Document& doc, const std::string& title, const std::string& text) {
  if (title.empty()) {
    doc.text = text;
    ApplyTitleRule(doc);
    return;
  }
  if (text == title) {  // nothing but the headline: all of it is analysed as body
    doc.text = text;
    doc.title = title;
    doc.body_start = 0;
    return;
  }
  bool first_line_is_title = text.size() > title.size() && text.compare(0, title.size(), title) == 0 &&
                             (text[title.size()] == '\n' || text[title.size()] == '\r');
  if (first_line_is_title) {
    doc.text = text;
    doc.title = title;
    size_t body = title.size();
    while (body < text.size() && IsAsciiSpace(text[body])) ++body;
    doc.body_start = static_cast<uint32_t>(std::min(body, text.size()));
    return;
  }
  SetTitledText(doc, title, text);
}

struct Reader {
  const ReadOptions& opts;
  const std::function<void(Document&&, const ReadDetails&)>& on_document;
  const std::function<void(ReadProblem)>& on_problem;
  std::optional<std::string> forced_date;
  ReadDetails details;  // of the document being read; reset per document
  std::string bom_charset;  // "utf-16le"/"utf-16be" when the file was decoded from UTF-16
  std::string page_url;     // where the page being read was fetched from (WARC), else empty

  void Problem(const std::string& where, std::string message) { on_problem({where, std::move(message)}); }

  // A unit of input (file, record, item) lost: reported and counted under `reason`.
  void Skip(const char* reason, const std::string& where, std::string message) {
    if (opts.counts) ++opts.counts->skipped[reason];
    Problem(where, std::move(message));
  }

  // CheckText's message: nothing to read, or bytes that are not text.
  static const char* TextProblemReason(const std::string& message) {
    return message == "empty file" || message == "file has only whitespace" ? kSkipEmptyText : kSkipNotText;
  }

  void Emit(Document&& doc) {
    if (opts.counts) ++opts.counts->documents;
    if (forced_date) {
      doc.published = *forced_date;
      doc.published_method = "option";
    }
    if (doc.id.empty()) doc.id = !doc.url.empty() ? doc.url : doc.path;
    on_document(std::move(doc), details);
    details = ReadDetails{};
  }

  void ReadText(const std::string& path, std::string data) {
    Document doc;
    doc.path = path;
    doc.format = "text";
    doc.text = std::move(data);
    ApplyTitleRule(doc);
    Emit(std::move(doc));
  }

  // HTML into doc (title, text, metadata); false and a problem when there is no body text.
  bool FillFromHtml(const std::string& where, std::string_view html, Document& doc) {
    readers::HtmlArticle a = readers::ExtractHtml(html, page_url.empty() ? opts.url : page_url);
    if (a.body.empty()) {
      Skip(kSkipEmptyText, where, "HTML has no body text");
      return false;
    }
    SetTitledText(doc, a.title, a.body);
    doc.url = a.url;
    doc.source = a.site_name;
    doc.author = a.author;
    doc.published = a.published;
    doc.published_method = a.published_method;
    details.lang = a.lang;
    details.modified = a.modified;
    return true;
  }

  // The encoding an XML declaration names ("<?xml version="1.0" encoding="ISO-8859-1"?>"),
  // lower case; utf-8 when none.
  static std::string XmlDeclaredEncoding(std::string_view data) {
    if (data.substr(0, 5) != "<?xml") return "utf-8";
    std::string decl = Lower(std::string(data.substr(0, data.find("?>"))));
    size_t at = decl.find("encoding");
    if (at == std::string::npos) return "utf-8";
    size_t q = decl.find_first_of("\"'", at);
    if (q == std::string::npos) return "utf-8";
    size_t end = decl.find(decl[q], q + 1);
    if (end == std::string::npos) return "utf-8";
    std::string name = decl.substr(q + 1, end - q - 1);
    if (name == "iso-8859-1" || name == "latin1" || name == "us-ascii") name = "windows-1252";
    return name;
  }

  // Every item of an RSS/RDF/Atom feed becomes a Document named "path#N".
  void ReadFeed(const std::string& path, std::string data) {
    if (data.compare(0, 3, "\xEF\xBB\xBF") == 0) data.erase(0, 3);
    std::string charset = XmlDeclaredEncoding(data);
    bool valid = !utf8::FindInvalid(data);
    if (charset != "utf-8" || !valid) {
      if (charset == "utf-8") charset = "windows-1252";  // stray Latin-1 bytes in a feed said to be UTF-8
      Result<std::string> decoded = readers::ToUtf8(data, charset);
      if (!decoded.ok()) {
        Skip(kSkipNotText, path, decoded.status().message());
        return;
      }
      data = std::move(decoded.value());
    }
    readers::Feed feed = readers::ParseFeed(data);
    if (!feed.error.empty()) {
      // The items before the error still count; with none, the file was lost.
      if (feed.entries.empty()) Skip(kSkipBadRecord, path, feed.error);
      else Problem(path, feed.error);
    }
    if (feed.kind.empty()) return;
    if (feed.entries.empty() && feed.error.empty()) Skip(kSkipEmptyText, path, "feed has no items");
    for (const readers::FeedEntry& e : feed.entries) {
      std::string where = path + "#" + std::to_string(e.index);
      std::string body;
      for (const std::string* html : {&e.content, &e.summary}) {
        if (html->empty()) continue;
        body = readers::ExtractHtml(*html).body;
        if (!body.empty()) break;
      }
      if (body.empty() && e.title.empty()) {
        Skip(kSkipEmptyText, where, "item has neither title nor text");
        continue;
      }
      Document doc;
      doc.path = where;
      doc.format = "feed";
      if (body.empty()) {
        doc.text = e.title;  // a headline-only item: the headline is all there is to analyse
        doc.title = e.title;
      } else {
        SetTitledText(doc, e.title, body);
      }
      doc.url = e.link;
      doc.id = e.id;
      doc.source = feed.title;
      doc.author = e.author;
      if (!e.date.empty()) {
        if (auto d = NormaliseDate(e.date)) {
          doc.published = *d;
          doc.published_method = "feed";
        } else if (!forced_date) {
          Problem(where, "date \"" + e.date + "\" is not a date; ignored");
        }
      }
      details.lang = feed.lang;
      details.charset = charset;
      details.charset_method = charset == "utf-8" ? "default" : "meta";
      Emit(std::move(doc));
    }
  }

  void ReadWarcFile(const std::string& path) {
    readers::WarcCounts counts = readers::ReadWarc(
        path,
        [&](readers::WarcPage&& page) {
          std::string where = path + "#" + std::to_string(page.record);
          page_url = page.target_uri;
          std::optional<readers::Charset> http_charset;
          if (!page.charset.empty()) http_charset = readers::Charset{page.charset, "http"};
          std::string fetched = NormaliseDate(page.warc_date).value_or("");
          ReadHtml(where, std::move(page.html), http_charset, fetched);
          page_url.clear();
        },
        [&](uint64_t record, std::string message) {
          Problem(record ? path + "#" + std::to_string(record) : path, std::move(message));
        });
    // Pages became documents or were skipped by ReadHtml; the other records are counted here.
    if (opts.counts) {
      for (const auto& [reason, count] : counts.skipped) opts.counts->skipped[reason] += count;
    }
  }

  // Pages come in many encodings: decoded to UTF-8 first, never rejected for their bytes.
  // `declared` is the HTTP header's charset when the page came with one (it wins, as in browsers).
  void ReadHtml(const std::string& path, std::string data, std::optional<readers::Charset> declared = std::nullopt,
                const std::string& fetched = "") {
    readers::Charset cs = declared ? *declared : readers::DetectHtmlCharset(data);
    if (declared && (cs.name == "iso-8859-1" || cs.name == "us-ascii" || cs.name == "latin1")) cs.name = "windows-1252";
    bool valid = !utf8::FindInvalid(data);
    if (cs.name != "utf-8" || !valid) {
      // A page declared UTF-8 that is not: stray Latin-1 bytes are far more common than
      // anything else, and a page declared otherwise is decoded as declared.
      std::string from = cs.name == "utf-8" && !valid && cs.method != "bom" ? "windows-1252" : cs.name;
      Result<std::string> decoded = readers::ToUtf8(data, from);
      if (!decoded.ok() && from != "windows-1252") {
        from = "windows-1252";
        decoded = readers::ToUtf8(data, from);
      }
      if (!decoded.ok()) {
        Skip(kSkipNotText, path, decoded.status().message());
        return;
      }
      if (from != cs.name) cs = {from, "sniffed"};
      data = std::move(decoded.value());
    }
    // Valid as read, or decoded to UTF-8 above.
    if (auto bad = CheckText(data, 0, /*known_utf8=*/true)) {
      Skip(TextProblemReason(*bad), path, *bad);
      return;
    }
    details.fetched = fetched;
    details.charset = bom_charset.empty() ? cs.name : bom_charset;
    details.charset_method = bom_charset.empty() ? cs.method : "bom";
    Document doc;
    doc.path = path;
    doc.format = "html";
    if (FillFromHtml(path, data, doc)) Emit(std::move(doc));
  }

  static std::string StringField(const nlohmann::json& rec, const char* key) {
    auto it = rec.find(key);
    if (it == rec.end() || it->is_null()) return "";
    if (it->is_string()) return it->get<std::string>();
    if (it->is_number_integer() || it->is_number_unsigned()) return it->dump();
    return "";
  }

  // One record (an object from a JSON Lines line or a JSON array); `where` names it.
  void ReadRecord(const std::string& where, const nlohmann::json& rec) {
    if (!rec.is_object()) {
      Skip(kSkipBadRecord, where, "record is not a JSON object");
      return;
    }
    for (const char* key : {"text", "html"}) {
      auto it = rec.find(key);
      if (it != rec.end() && !it->is_null() && !it->is_string()) {
        Skip(kSkipBadRecord, where, std::string("field \"") + key + "\" is not a string");
        return;
      }
    }
    std::string text = StringField(rec, "text");
    std::string html = StringField(rec, "html");
    if (text.empty() && html.empty()) {
      bool present = rec.contains("text") || rec.contains("html");
      Skip(kSkipEmptyText, where, present ? "record has empty text" : "record has neither \"text\" nor \"html\"");
      return;
    }
    Document doc;
    doc.path = where;
    doc.format = "jsonl";
    std::string title = StringField(rec, "title");
    if (!text.empty()) {
      if (std::all_of(text.begin(), text.end(), IsAsciiSpace)) {
        Skip(kSkipEmptyText, where, "record text has only whitespace");
        return;
      }
      SetRecordText(doc, title, text);
    } else {
      if (!FillFromHtml(where, html, doc)) return;
      if (!title.empty() && title != doc.title) {
        std::string body = doc.text.substr(doc.body_start);
        SetTitledText(doc, title, body);
      }
    }
    if (auto url = StringField(rec, "url"); !url.empty()) doc.url = url;
    if (auto source = StringField(rec, "source"); !source.empty()) doc.source = source;
    if (auto author = StringField(rec, "author"); !author.empty()) doc.author = author;
    if (auto published = StringField(rec, "published"); !published.empty()) {
      if (auto date = NormaliseDate(published)) {
        doc.published = *date;
        doc.published_method = "meta";
      } else if (!forced_date) {
        // The record is still analysed; the caller learns why it has no date.
        Problem(where, "published \"" + published + "\" is not a date; ignored");
      }
    }
    doc.id = StringField(rec, "id");
    Emit(std::move(doc));
  }

  void ReadJsonLines(const std::string& path, std::string_view data) {
    size_t line_no = 0;
    size_t pos = 0;
    while (pos < data.size()) {
      ++line_no;
      size_t nl = data.find('\n', pos);
      size_t end = nl == std::string_view::npos ? data.size() : nl;
      std::string_view line = data.substr(pos, end - pos);
      size_t line_offset = pos;
      pos = end + 1;
      if (line_no == 1 && line.substr(0, 3) == "\xEF\xBB\xBF") {
        line.remove_prefix(3);
        line_offset += 3;
      }
      if (std::all_of(line.begin(), line.end(), IsAsciiSpace)) continue;
      std::string where = path + ":" + std::to_string(line_no);
      if (auto bad = utf8::FindInvalid(line)) {
        char msg[96];
        std::snprintf(msg, sizeof msg, "not UTF-8: invalid byte 0x%02X at offset %zu",
                      static_cast<unsigned>(static_cast<unsigned char>(line[*bad])), line_offset + *bad);
        Skip(kSkipNotText, where, msg);
        continue;
      }
      nlohmann::json rec = nlohmann::json::parse(line, nullptr, /*allow_exceptions=*/false);
      if (rec.is_discarded()) {
        Skip(kSkipBadRecord, where, "malformed JSON record");
        continue;
      }
      ReadRecord(where, rec);
    }
  }

  // A .json file: one object, an array of objects, or JSON Lines after all.
  void ReadJson(const std::string& path, std::string_view data) {
    nlohmann::json whole = nlohmann::json::parse(data, nullptr, /*allow_exceptions=*/false);
    if (whole.is_discarded()) {
      ReadJsonLines(path, data);
      return;
    }
    if (whole.is_array()) {
      for (size_t i = 0; i < whole.size(); ++i) ReadRecord(path + "#" + std::to_string(i + 1), whole[i]);
      if (whole.empty()) Skip(kSkipEmptyText, path, "JSON array has no records");
      return;
    }
    std::string where = path;
    ReadRecord(where, whole);
  }

  void Read(const std::string& path) {
    if (!opts.published.empty()) {
      forced_date = NormaliseDate(opts.published);
      if (!forced_date) {
        Skip(kSkipBadOption, path, "--date \"" + opts.published + "\" is not a date (want YYYY-MM-DD)");
        return;
      }
    }
    if (path != "-" && FormatFromName(path) == Format::kWarc) {
      ReadWarcFile(path);  // streamed: archives are too big to hold
      return;
    }
    Result<std::string> read = ReadFile(path);
    if (!read.ok()) {
      std::string msg = read.status().message();
      if (msg.rfind(path + ": ", 0) == 0) msg.erase(0, path.size() + 2);
      Skip(kSkipUnreadable, path, msg);
      return;
    }
    std::string data = std::move(read.value());
    if (IsGzip(data)) {
      Result<std::string> plain = Gunzip(data);
      if (!plain.ok()) {
        Skip(kSkipUnreadable, path, plain.status().message());
        return;
      }
      data = std::move(plain.value());
    }
    if (data.size() >= 2 && (data.compare(0, 2, "\xFF\xFE") == 0 || data.compare(0, 2, "\xFE\xFF") == 0)) {
      // UTF-16 with a byte-order mark: decoded before anything looks at the bytes.
      std::string charset = data[0] == '\xFF' ? "utf-16le" : "utf-16be";
      Result<std::string> decoded = readers::ToUtf8(data, charset);
      if (!decoded.ok()) {
        Skip(kSkipNotText, path, decoded.status().message());
        return;
      }
      data = std::move(decoded.value());
      bom_charset = charset;
    }
    Format format = path == "-" ? Format::kUnknown : FormatFromName(path);
    if (format == Format::kUnknown) format = SniffFormat(data);
    if (format == Format::kJsonl) {
      // Each line is checked on its own so one bad record does not lose the file.
      if (data.empty()) Skip(kSkipEmptyText, path, "empty file");
      else if (std::all_of(data.begin(), data.end(), IsAsciiSpace)) Skip(kSkipEmptyText, path, "file has only whitespace");
      else ReadJsonLines(path, data);
      return;
    }
    if (format == Format::kHtml) {
      ReadHtml(path, std::move(data));
      return;
    }
    if (format == Format::kXml) {
      if (!readers::LooksLikeFeed(data)) {
        Skip(kSkipNotFeed, path, "XML file is not an RSS or Atom feed");
        return;
      }
      format = Format::kFeed;
    }
    if (format == Format::kFeed) {
      if (data.empty()) Skip(kSkipEmptyText, path, "empty file");
      else ReadFeed(path, std::move(data));
      return;
    }
    if (format == Format::kJson && !data.empty() && utf8::FindInvalid(data)) {
      ReadJsonLines(path, data);  // reports the bad line, keeps the good ones
      return;
    }
    if (auto bad = CheckText(data)) {
      Skip(TextProblemReason(*bad), path, *bad);
      return;
    }
    switch (format) {
      case Format::kJson: ReadJson(path, data); break;
      default: ReadText(path, std::move(data)); break;
    }
  }
};

bool IsHidden(const fs::path& p) {
  std::string name = p.filename().string();
  return !name.empty() && name[0] == '.';
}

// Folders of articles also hold their own documentation: README, LICENSE, SOURCE.md...
// are not articles. Markdown is read only when named explicitly.
bool IsProjectDocument(const fs::path& p) {
  std::string name = p.filename().string();
  for (auto& ch : name) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
  return name.rfind("README", 0) == 0 || name.rfind("LICENSE", 0) == 0 || name.rfind("LICENCE", 0) == 0 ||
         name.rfind("SOURCE.", 0) == 0 || name.rfind("CHANGELOG", 0) == 0 || name.ends_with(".MD") ||
         name.ends_with(".MD.GZ");
}

bool HasReadableExtension(const fs::path& p) {
  return FormatFromName(p.filename().string()) != Format::kUnknown && !IsProjectDocument(p);
}

void CollectFolder(const fs::path& dir, std::vector<std::string>* files, std::vector<ReadProblem>* problems) {
  std::error_code ec;
  fs::directory_iterator it(dir, ec);
  if (ec) {
    problems->push_back({dir.string(), "cannot read folder: " + ec.message()});
    return;
  }
  for (; it != fs::directory_iterator(); it.increment(ec)) {
    const fs::directory_entry& entry = *it;
    if (IsHidden(entry.path())) continue;
    std::error_code type_ec;
    if (entry.is_symlink(type_ec) && entry.is_directory(type_ec)) continue;  // avoid cycles
    if (entry.is_directory(type_ec)) {
      CollectFolder(entry.path(), files, problems);
    } else if (entry.is_regular_file(type_ec) && HasReadableExtension(entry.path())) {
      files->push_back(entry.path().string());
    }
  }
  if (ec) problems->push_back({dir.string(), "cannot read folder: " + ec.message()});
}

}  // namespace

std::vector<std::string> ExpandInputs(const std::vector<std::string>& args, std::vector<ReadProblem>* problems) {
  std::vector<std::string> out;
  for (const std::string& arg : args) {
    if (arg == "-") {
      out.push_back(arg);
      continue;
    }
    std::error_code ec;
    fs::file_status st = fs::status(arg, ec);
    if (ec || !fs::exists(st)) {
      problems->push_back({arg, "no such file or folder"});
      continue;
    }
    if (fs::is_directory(st)) {
      std::vector<std::string> files;
      CollectFolder(arg, &files, problems);
      std::sort(files.begin(), files.end());
      out.insert(out.end(), files.begin(), files.end());
    } else {
      out.push_back(arg);
    }
  }
  return out;
}

void ReadInputDetailed(const std::string& path, const ReadOptions& opts,
                       const std::function<void(Document&&, const ReadDetails&)>& on_document,
                       const std::function<void(ReadProblem)>& on_problem) {
  Reader reader{opts, on_document, on_problem, std::nullopt, {}, {}, {}};
  reader.Read(path);
}

void ReadInput(const std::string& path, const ReadOptions& opts, const std::function<void(Document&&)>& on_document,
               const std::function<void(ReadProblem)>& on_problem) {
  ReadInputDetailed(
      path, opts, [&](Document&& doc, const ReadDetails&) { on_document(std::move(doc)); }, on_problem);
}

}  // namespace claimgraph
