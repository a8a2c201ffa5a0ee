#include "readers/inflate.h"

#include <zlib.h>

namespace claimgraph::readers {

Result<std::string> Inflate(std::string_view data, size_t max_bytes, bool accept_zlib) {
  z_stream zs{};
  // 16 + MAX_WBITS: gzip only; 32 + MAX_WBITS: detect gzip or zlib
  if (inflateInit2(&zs, (accept_zlib ? 32 : 16) + MAX_WBITS) != Z_OK)
    return Status::IoError("zlib initialisation failed");
  zs.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(data.data()));
  zs.avail_in = static_cast<uInt>(data.size());
  std::string out;
  char buf[1 << 16];
  int rc;
  do {
    zs.next_out = reinterpret_cast<Bytef*>(buf);
    zs.avail_out = sizeof buf;
    rc = inflate(&zs, Z_NO_FLUSH);
    if (rc != Z_OK && rc != Z_STREAM_END) {
      inflateEnd(&zs);
      return Status::InvalidInput(accept_zlib ? "not valid compressed data" : "not a valid gzip file");
    }
    out.append(buf, sizeof buf - zs.avail_out);
    if (out.size() > max_bytes) {
      inflateEnd(&zs);
      return Status::InvalidInput("compressed data inflates to more than " + std::to_string(max_bytes >> 20) + " MiB");
    }
  } while (rc != Z_STREAM_END && (zs.avail_in > 0 || zs.avail_out == 0));
  inflateEnd(&zs);
  if (rc != Z_STREAM_END) return Status::InvalidInput("compressed data is truncated");
  return out;
}

}  // namespace claimgraph::readers
