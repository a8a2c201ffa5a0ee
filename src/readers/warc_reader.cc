#include "readers/warc_reader.h"

#include <zlib.h>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <cstring>
#include <map>
#include <memory>
#include <optional>

#include "readers/inflate.h"

namespace claimgraph::readers {
namespace {

std::string Lower(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

std::string Trim(std::string_view s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.front()))) s.remove_prefix(1);
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.remove_suffix(1);
  return std::string(s);
}

// Bytes of a file, gunzipped on the fly when it is gzip (any number of members).
class Input {
 public:
  Input(FILE* file, bool gzip) : file_(file), gzip_(gzip) {
    if (gzip_ && inflateInit2(&zs_, 16 + MAX_WBITS) != Z_OK) error_ = "zlib initialisation failed";
  }
  ~Input() {
    if (gzip_) inflateEnd(&zs_);
  }
  Input(const Input&) = delete;
  Input& operator=(const Input&) = delete;

  // Up to n bytes into out; 0 at the end of the data or after an error.
  size_t Read(char* out, size_t n) {
    if (!error_.empty()) return 0;
    if (!gzip_) return std::fread(out, 1, n, file_);
    zs_.next_out = reinterpret_cast<Bytef*>(out);
    zs_.avail_out = static_cast<uInt>(n);
    while (zs_.avail_out == n) {
      if (zs_.avail_in == 0) {
        size_t got = std::fread(in_, 1, sizeof in_, file_);
        if (got == 0) {
          if (member_started_) error_ = "gzip member truncated";
          return 0;
        }
        zs_.next_in = reinterpret_cast<Bytef*>(in_);
        zs_.avail_in = static_cast<uInt>(got);
      }
      member_started_ = true;
      int rc = inflate(&zs_, Z_NO_FLUSH);
      if (rc == Z_STREAM_END) {
        // The next member, if any, starts right after: WARC files gzip record by record.
        member_started_ = false;
        inflateReset(&zs_);
      } else if (rc != Z_OK && rc != Z_BUF_ERROR) {
        error_ = "corrupt gzip data";
        break;
      }
    }
    return n - zs_.avail_out;
  }

  const std::string& error() const { return error_; }

 private:
  FILE* file_;
  bool gzip_;
  bool member_started_ = false;
  z_stream zs_{};
  char in_[1 << 16];
  std::string error_;
};

// Line and block reads over Input with a small window.
class Buffered {
 public:
  explicit Buffered(Input& in) : in_(in) {}

  // Ensures `want` bytes are available when the data has them.
  void Fill(size_t want) {
    if (pos_ > (1u << 20)) {
      buf_.erase(0, pos_);
      pos_ = 0;
    }
    char chunk[1 << 16];
    while (buf_.size() - pos_ < want) {
      size_t got = in_.Read(chunk, sizeof chunk);
      if (got == 0) return;
      buf_.append(chunk, got);
    }
  }

  // One line without its "\r\n"; false at the end. Lines longer than max are cut.
  bool ReadLine(std::string& line, size_t max = 1 << 16) {
    line.clear();
    while (true) {
      size_t nl = buf_.find('\n', pos_);
      if (nl != std::string::npos) {
        line.append(buf_, pos_, std::min(nl - pos_, max));
        pos_ = nl + 1;
        if (!line.empty() && line.back() == '\r') line.pop_back();
        return true;
      }
      size_t have = buf_.size() - pos_;
      Fill(have + 1);
      if (buf_.size() - pos_ == have) {  // end of data: the last line has no newline
        if (have == 0) return false;
        line.append(buf_, pos_, std::min(have, max));
        pos_ = buf_.size();
        return true;
      }
      if (buf_.size() - pos_ > max + (1u << 16)) {  // a line too long to be a header: cut it
        line.append(buf_, pos_, max);
        pos_ = buf_.size();
      }
    }
  }

  // n bytes appended to out; returns how many there were.
  uint64_t ReadBlock(uint64_t n, std::string& out) {
    uint64_t done = 0;
    while (done < n) {
      Fill(1);
      size_t have = buf_.size() - pos_;
      if (have == 0) break;
      size_t take = static_cast<size_t>(std::min<uint64_t>(have, n - done));
      out.append(buf_, pos_, take);
      pos_ += take;
      done += take;
    }
    return done;
  }

  // Puts bytes back in front of the unread data.
  void Unread(std::string_view bytes) {
    buf_.insert(pos_, bytes);
  }

 private:
  Input& in_;
  std::string buf_;
  size_t pos_ = 0;
};

std::optional<uint64_t> ParseLength(const std::string& s) {
  if (s.empty() || s.size() > 18) return std::nullopt;
  uint64_t v = 0;
  for (char c : s) {
    if (!std::isdigit(static_cast<unsigned char>(c))) return std::nullopt;
    v = v * 10 + static_cast<uint64_t>(c - '0');
  }
  return v;
}

// Chunked transfer coding undone; nullopt when the chunks do not add up.
std::optional<std::string> Dechunk(std::string_view body) {
  std::string out;
  size_t pos = 0;
  while (pos < body.size()) {
    size_t eol = body.find('\n', pos);
    if (eol == std::string_view::npos) return std::nullopt;
    std::string size_text = Trim(body.substr(pos, eol - pos));
    size_text = size_text.substr(0, size_text.find(';'));
    char* end = nullptr;
    unsigned long long size = std::strtoull(size_text.c_str(), &end, 16);
    if (size_text.empty() || *end != '\0') return std::nullopt;
    pos = eol + 1;
    if (size == 0) return out;
    if (size > body.size() - pos) return std::nullopt;
    out.append(body.substr(pos, size));
    pos += size;
    if (body.substr(pos, 2) == "\r\n") pos += 2;
    else if (body.substr(pos, 1) == "\n") pos += 1;
  }
  return out;
}

std::optional<std::string> Inflate(std::string_view data) {
  auto out = readers::Inflate(data, kMaxRecordBytes, /*accept_zlib=*/true);
  if (!out.ok()) return std::nullopt;
  return std::move(out).value();
}

// The HTML of an HTTP response block, or nullopt (with the skip reason) when it is not a
// 2xx HTML page.
std::optional<WarcPage> HtmlFromHttp(std::string_view block, const char** why) {
  size_t head_end = block.find("\r\n\r\n");
  size_t sep = 4;
  if (head_end == std::string_view::npos) {
    head_end = block.find("\n\n");
    sep = 2;
  }
  if (head_end == std::string_view::npos || block.substr(0, 5) != "HTTP/") {
    *why = kSkipBadRecord;  // not an HTTP response
    return std::nullopt;
  }
  std::string_view head = block.substr(0, head_end);
  size_t sp = head.find(' ');
  if (sp == std::string_view::npos || head.size() < sp + 4 || head[sp + 1] != '2') {
    *why = kSkipNon2xx;
    return std::nullopt;
  }
  std::string content_type, transfer, encoding;
  size_t pos = head.find('\n');
  while (pos != std::string_view::npos && pos < head.size()) {
    size_t next = head.find('\n', pos + 1);
    std::string_view line = head.substr(pos + 1, (next == std::string_view::npos ? head.size() : next) - pos - 1);
    size_t colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string name = Lower(Trim(line.substr(0, colon)));
      std::string value = Trim(line.substr(colon + 1));
      if (name == "content-type") content_type = Lower(value);
      else if (name == "transfer-encoding") transfer = Lower(value);
      else if (name == "content-encoding") encoding = Lower(value);
    }
    pos = next;
  }
  if (content_type.find("html") == std::string::npos) {
    *why = kSkipNotHtml;
    return std::nullopt;
  }
  WarcPage page;
  std::string body(block.substr(head_end + sep));
  if (transfer.find("chunked") != std::string::npos) {
    // Archives sometimes store the payload already de-chunked while keeping the header.
    if (auto d = Dechunk(body)) body = std::move(*d);
  }
  if (encoding == "gzip" || encoding == "x-gzip" || encoding == "deflate") {
    auto plain = Inflate(body);
    if (!plain) {
      *why = kSkipBadRecord;  // content-encoding does not decode
      return std::nullopt;
    }
    body = std::move(*plain);
  }
  if (size_t cs = content_type.find("charset="); cs != std::string::npos) {
    std::string name = content_type.substr(cs + 8);
    name = name.substr(0, name.find_first_of("; "));
    name.erase(std::remove(name.begin(), name.end(), '"'), name.end());
    page.charset = name;
  }
  page.html = std::move(body);
  return page;
}

}  // namespace

WarcCounts ReadWarc(const std::string& path, const std::function<void(WarcPage&&)>& on_page,
                    const std::function<void(uint64_t, std::string)>& on_problem) {
  WarcCounts counts;
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) {
    on_problem(0, std::string("cannot open: ") + std::strerror(errno));
    ++counts.skipped[kSkipUnreadable];  // the file is the unit that was lost
    return counts;
  }
  unsigned char magic[2] = {0, 0};
  size_t got = std::fread(magic, 1, 2, file.get());
  std::rewind(file.get());
  Input input(file.get(), got == 2 && magic[0] == 0x1f && magic[1] == 0x8b);
  Buffered in(input);

  std::string line;
  bool resyncing = false;
  bool input_error_reported = false;
  uint64_t record = 0;
  while (in.ReadLine(line)) {
    if (line.empty()) continue;
    if (line.rfind("WARC/", 0) != 0) {
      if (!resyncing) on_problem(record, "expected a WARC record header after record " + std::to_string(record));
      resyncing = true;
      continue;
    }
    resyncing = false;
    ++record;
    ++counts.records;
    std::map<std::string, std::string> headers;
    size_t header_bytes = 0;
    bool header_ok = false;
    while (in.ReadLine(line)) {
      if (line.empty()) {
        header_ok = true;
        break;
      }
      header_bytes += line.size();
      if (header_bytes > (1u << 16)) break;
      size_t colon = line.find(':');
      if (colon != std::string::npos) headers.emplace(Lower(Trim(line.substr(0, colon))), Trim(line.substr(colon + 1)));
    }
    if (!header_ok) {
      ++counts.skipped[kSkipBadRecord];
      on_problem(record, input.error().empty() ? "record header is truncated or too long" : input.error());
      if (!input.error().empty()) {
        input_error_reported = true;
        break;
      }
      resyncing = true;
      continue;
    }
    std::optional<uint64_t> length = ParseLength(headers["content-length"]);
    if (!length) {
      ++counts.skipped[kSkipBadRecord];
      on_problem(record, "record has no valid Content-Length");
      resyncing = true;
      continue;
    }
    std::string block;
    if (*length > kMaxRecordBytes) {
      // Too big for an article: skipped without holding it.
      uint64_t left = *length;
      while (left > 0) {
        block.clear();
        uint64_t step = std::min<uint64_t>(left, 1 << 20);
        if (in.ReadBlock(step, block) < step) break;
        left -= step;
      }
      block.clear();
      ++counts.skipped[kSkipTooBig];
      if (left > 0) {
        on_problem(record, input.error().empty() ? "record truncated" : input.error());
        input_error_reported = true;
        break;
      }
      continue;
    }
    uint64_t read = in.ReadBlock(*length, block);
    if (read < *length) {
      ++counts.skipped[kSkipBadRecord];
      on_problem(record, "record truncated: Content-Length " + std::to_string(*length) + ", only " +
                             std::to_string(read) + " bytes left" +
                             (input.error().empty() ? "" : " (" + input.error() + ")"));
      input_error_reported = true;
      break;
    }
    // The block ends with "\r\n\r\n"; anything else means Content-Length was wrong.
    std::string trailer;
    in.ReadBlock(4, trailer);
    if (trailer != "\r\n\r\n" && !input.error().empty()) {
      ++counts.skipped[kSkipBadRecord];
      on_problem(record, "record truncated (" + input.error() + ")");
      input_error_reported = true;
      break;
    }
    if (trailer != "\r\n\r\n") {
      ++counts.skipped[kSkipBadRecord];
      on_problem(record, "Content-Length " + std::to_string(*length) + " does not match the record");
      // A length too long swallowed the start of the next record: give it back.
      std::string seen = block + trailer;
      size_t next = seen.find("\nWARC/");
      if (next != std::string::npos) in.Unread(std::string_view(seen).substr(next + 1));
      resyncing = true;
      continue;
    }
    std::string type = Lower(headers["warc-type"]);
    std::string content_type = Lower(headers["content-type"]);
    if (type != "response") {
      ++counts.skipped[kSkipNotResponse];
      continue;
    }
    if (content_type.find("application/http") == std::string::npos) {
      ++counts.skipped[kSkipNotHtml];  // a response stored without its HTTP envelope (DNS, WHOIS...)
      continue;
    }
    const char* why = kSkipBadRecord;
    std::optional<WarcPage> page = HtmlFromHttp(block, &why);
    if (!page) {
      ++counts.skipped[why];
      continue;
    }
    page->record = record;
    page->target_uri = headers["warc-target-uri"];
    if (page->target_uri.size() >= 2 && page->target_uri.front() == '<' && page->target_uri.back() == '>')
      page->target_uri = page->target_uri.substr(1, page->target_uri.size() - 2);  // WARC 1.0 style
    page->warc_date = headers["warc-date"];
    ++counts.pages;
    on_page(std::move(*page));
  }
  // A gzip member cut or corrupt where no record noticed it (between records).
  if (!input.error().empty() && !input_error_reported) on_problem(record, input.error());
  if (counts.records == 0) ++counts.skipped[kSkipBadRecord];  // nothing in the file was a WARC record
  return counts;
}

}  // namespace claimgraph::readers
