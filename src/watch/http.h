// A small HTTP/HTTPS client over libcurl for polling feeds (internal to the watch stage).
#pragma once

#include <chrono>
#include <string>
#include <vector>

namespace claimgraph::watch {

struct FetchLimits {
  std::chrono::milliseconds connect_timeout{10000};
  std::chrono::milliseconds total_timeout{30000};
  size_t max_bytes = 8 * 1024 * 1024;  // larger bodies fail rather than fill memory
  long max_redirects = 5;
  std::string user_agent = "claimgraph-watch/0.1";
};

struct FetchRequest {
  std::string url;
  std::string if_none_match;      // ETag from the previous answer, when any
  std::string if_modified_since;  // Last-Modified from the previous answer, when any
};

struct FetchResponse {
  std::string error;     // non-empty when no usable answer: transport error or HTTP status >= 400
  long status = 0;       // final HTTP status (0 when none came)
  std::string etag;      // of the final answer
  std::string last_modified;
  std::string final_url; // after redirects
  std::string body;
  bool not_modified() const { return status == 304; }
};

// Fetches one URL (http/https only), following at most limits.max_redirects redirects.
// Blocking; thread-safe (one curl handle per call).
FetchResponse Fetch(const FetchRequest& request, const FetchLimits& limits);

// `ref` (absolute, or relative such as "/news/1" or "../a.html") resolved against `base`;
// "" when either cannot be parsed.
std::string ResolveUrl(const std::string& base, const std::string& ref);

// The host part of an http(s) URL, lower case ("" when there is none).
std::string HostOf(const std::string& url);

}  // namespace claimgraph::watch
