#include "watch/http.h"

#include <curl/curl.h>

#include <algorithm>
#include <cctype>
#include <mutex>

namespace claimgraph::watch {
namespace {

struct Sink {
  std::string body;
  size_t max_bytes = 0;
  bool too_big = false;
  std::string etag, last_modified;
};

size_t OnBody(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  if (sink->body.size() + n > sink->max_bytes) {
    sink->too_big = true;
    return 0;  // aborts the transfer
  }
  sink->body.append(data, n);
  return n;
}

std::string Trim(std::string s) {
  while (!s.empty() && std::isspace(static_cast<unsigned char>(s.back()))) s.pop_back();
  size_t i = 0;
  while (i < s.size() && std::isspace(static_cast<unsigned char>(s[i]))) ++i;
  return s.substr(i);
}

size_t OnHeader(char* data, size_t size, size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  size_t n = size * count;
  std::string line(data, n);
  // each response of a redirect chain starts with a status line: keep only the last one's headers
  if (line.rfind("HTTP/", 0) == 0) {
    sink->etag.clear();
    sink->last_modified.clear();
    return n;
  }
  auto colon = line.find(':');
  if (colon == std::string::npos) return n;
  std::string name = line.substr(0, colon);
  std::transform(name.begin(), name.end(), name.begin(), [](unsigned char c) { return std::tolower(c); });
  if (name == "etag") sink->etag = Trim(line.substr(colon + 1));
  if (name == "last-modified") sink->last_modified = Trim(line.substr(colon + 1));
  return n;
}

}  // namespace

std::string HostOf(const std::string& url) {
  auto scheme = url.find("://");
  if (scheme == std::string::npos) return "";
  size_t start = scheme + 3;
  size_t end = url.find_first_of("/?#", start);
  std::string host = url.substr(start, end == std::string::npos ? std::string::npos : end - start);
  if (auto at = host.rfind('@'); at != std::string::npos) host = host.substr(at + 1);
  std::transform(host.begin(), host.end(), host.begin(), [](unsigned char c) { return std::tolower(c); });
  return host;
}

std::string ResolveUrl(const std::string& base, const std::string& ref) {
  CURLU* url = curl_url();
  if (!url) return "";
  std::string out;
  // setting a relative URL on a handle holding an absolute one resolves it
  if (curl_url_set(url, CURLUPART_URL, base.c_str(), 0) == CURLUE_OK &&
      curl_url_set(url, CURLUPART_URL, ref.c_str(), 0) == CURLUE_OK) {
    char* text = nullptr;
    if (curl_url_get(url, CURLUPART_URL, &text, 0) == CURLUE_OK && text) out = text;
    curl_free(text);
  }
  curl_url_cleanup(url);
  return out;
}

FetchResponse Fetch(const FetchRequest& request, const FetchLimits& limits) {
  static std::once_flag init;
  std::call_once(init, [] { curl_global_init(CURL_GLOBAL_DEFAULT); });

  FetchResponse out;
  CURL* curl = curl_easy_init();
  if (!curl) {
    out.error = "cannot create a curl handle";
    return out;
  }
  Sink sink;
  sink.max_bytes = limits.max_bytes;
  char curl_error[CURL_ERROR_SIZE] = {0};
  curl_slist* headers = nullptr;
  if (!request.if_none_match.empty())
    headers = curl_slist_append(headers, ("If-None-Match: " + request.if_none_match).c_str());
  if (!request.if_modified_since.empty())
    headers = curl_slist_append(headers, ("If-Modified-Since: " + request.if_modified_since).c_str());

  curl_easy_setopt(curl, CURLOPT_URL, request.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts must not use SIGALRM in a threaded program
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_REDIR_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_FOLLOWLOCATION, 1L);
  curl_easy_setopt(curl, CURLOPT_MAXREDIRS, limits.max_redirects);
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(limits.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(limits.total_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(limits.max_bytes));
  curl_easy_setopt(curl, CURLOPT_USERAGENT, limits.user_agent.c_str());
  curl_easy_setopt(curl, CURLOPT_ACCEPT_ENCODING, "");  // any encoding curl can decode
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers);
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, OnBody);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_HEADERFUNCTION, OnHeader);
  curl_easy_setopt(curl, CURLOPT_HEADERDATA, &sink);
  curl_easy_setopt(curl, CURLOPT_ERRORBUFFER, curl_error);

  CURLcode rc = curl_easy_perform(curl);
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &out.status);
  char* final_url = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_EFFECTIVE_URL, &final_url) == CURLE_OK && final_url) out.final_url = final_url;
  if (sink.too_big || rc == CURLE_FILESIZE_EXCEEDED) {
    out.error = "larger than " + std::to_string(limits.max_bytes) + " bytes";
  } else if (rc != CURLE_OK) {
    out.error = curl_error[0] ? curl_error : curl_easy_strerror(rc);
  } else if (out.status >= 400) {
    out.error = "HTTP status " + std::to_string(out.status);
  } else if (out.status >= 300 && out.status != 304) {
    out.error = "redirect without a usable Location (HTTP status " + std::to_string(out.status) + ")";
  }
  out.etag = std::move(sink.etag);
  out.last_modified = std::move(sink.last_modified);
  if (out.error.empty()) out.body = std::move(sink.body);
  curl_slist_free_all(headers);
  curl_easy_cleanup(curl);
  return out;
}

}  // namespace claimgraph::watch
