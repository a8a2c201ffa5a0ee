// WARC archives (.warc, .warc.gz with one gzip member per record or one for all), read
// record by record from disk with bounded memory (internal to the readers stage).
#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>

#include "claimgraph/readers.h"

namespace claimgraph::readers {

// One HTML page fetched into the archive.
struct WarcPage {
  uint64_t record = 0;      // 1-based number of the record in the file
  std::string target_uri;   // WARC-Target-URI
  std::string warc_date;    // WARC-Date as written
  std::string charset;      // from the HTTP Content-Type, lower case; empty when none
  std::string html;         // the HTTP body, de-chunked and decompressed
};

struct WarcCounts {
  uint64_t records = 0;  // records seen (warcinfo, request, response, metadata...)
  uint64_t pages = 0;    // of which passed to on_page
  // The others by reason (kSkipNotResponse, kSkipNon2xx, kSkipNotHtml, kSkipTooBig, kSkipBadRecord).
  std::map<std::string, uint64_t> skipped;
};

// Streams the WARC file at `path`: calls on_page for each response record whose HTTP
// payload is HTML, and on_problem(record number or 0 for the file, message) for a record
// whose Content-Length lies (the reader resynchronises on the next "WARC/" line), a
// truncated record or gzip member (reading stops there), or an unreadable file.
// Memory is bounded by kMaxRecordBytes for one record; bigger records are skipped.
// Returns the counts. Thread-safe for distinct paths.
inline constexpr uint64_t kMaxRecordBytes = uint64_t{64} << 20;
WarcCounts ReadWarc(const std::string& path, const std::function<void(WarcPage&&)>& on_page,
                    const std::function<void(uint64_t record, std::string message)>& on_problem);

}  // namespace claimgraph::readers
