#include "learn/model_file.h"

#include <cstdio>
#include <cstring>
#include <filesystem>

#include "core/files.h"
#include "learn/hash.h"

namespace claimgraph::learn {

void ByteWriter::String(std::string_view s) {
  U32(static_cast<uint32_t>(s.size()));
  data_.append(s);
}

bool ByteReader::Raw(void* out, size_t n, const char* what) {
  if (!ok()) return false;
  if (remaining() < n) {
    return Fail("truncated: needed " + std::to_string(n) + " bytes for " + what + " at payload byte " +
                std::to_string(pos_) + ", " + std::to_string(remaining()) + " left");
  }
  std::memcpy(out, data_.data() + pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::String(std::string* s, size_t max_length) {
  uint32_t n = 0;
  if (!U32(&n)) return false;
  if (n > max_length)
    return Fail("string of " + std::to_string(n) + " bytes exceeds the limit of " + std::to_string(max_length));
  if (remaining() < n) {
    return Fail("truncated: string of " + std::to_string(n) + " bytes at payload byte " + std::to_string(pos_) + ", " +
                std::to_string(remaining()) + " left");
  }
  s->assign(data_.data() + pos_, n);
  pos_ += n;
  return true;
}

bool ByteReader::Count(uint64_t* n, size_t item_size, const char* what) {
  if (!U64(n)) return false;
  if (item_size && *n > remaining() / item_size) {
    return Fail("truncated: " + std::to_string(*n) + " " + what + " of " + std::to_string(item_size) +
                " bytes cannot fit in the " + std::to_string(remaining()) + " bytes left");
  }
  return true;
}

bool ByteReader::Fail(const std::string& message) {
  if (error_.empty()) error_ = message;
  return false;
}

Status ByteReader::status() const {
  if (ok()) return Status::Ok();
  return Status::InvalidInput(source_ + ": " + error_);
}

Status ByteReader::Finish() {
  if (ok() && pos_ != data_.size()) {
    Fail(std::to_string(data_.size() - pos_) + " unread bytes at the end of the payload");
  }
  return status();
}

namespace {
constexpr size_t kHeaderFixed = sizeof(kModelMagic) + 4 + 4;  // magic, version, kind length
}

std::string EncodeModel(std::string_view kind, std::string_view payload) {
  assert(kind.size() <= kMaxKindLength);
  ByteWriter w;
  w.Raw(kModelMagic, sizeof(kModelMagic));
  w.U32(kModelFormatVersion);
  w.String(kind);
  w.U64(payload.size());
  w.Raw(payload.data(), payload.size());
  w.U64(Checksum(w.data()));
  return w.Take();
}

Result<std::string> DecodeModel(std::string_view bytes, std::string_view expected_kind, const std::string& source) {
  auto bad = [&](const std::string& m) { return Status::InvalidInput(source + ": " + m); };
  if (bytes.size() < sizeof(kModelMagic) && std::memcmp(bytes.data(), kModelMagic, bytes.size()) == 0) {
    return bad("truncated: the file ends inside the magic bytes");
  }
  if (bytes.size() < sizeof(kModelMagic) || std::memcmp(bytes.data(), kModelMagic, sizeof(kModelMagic)) != 0) {
    return bad("not a claimgraph model (wrong magic bytes)");
  }
  if (bytes.size() < kHeaderFixed) return bad("truncated: the header is incomplete");
  ByteReader r(bytes, source);
  char magic[sizeof(kModelMagic)];
  uint32_t version = 0;
  r.Raw(magic, sizeof magic, "magic");
  r.U32(&version);
  if (version != kModelFormatVersion) {
    return Status::Unsupported(source + ": model format version " + std::to_string(version) +
                               " is not supported (this build reads version " + std::to_string(kModelFormatVersion) +
                               ")");
  }
  std::string kind;
  uint64_t payload_size = 0;
  if (!r.String(&kind, kMaxKindLength) || !r.U64(&payload_size)) return bad("truncated: the header is incomplete");
  if (kind != expected_kind) {
    return bad("model kind is '" + kind + "', expected '" + std::string(expected_kind) + "'");
  }
  size_t payload_start = r.position();
  size_t left = bytes.size() - payload_start;
  if (left < 8 || payload_size > left - 8) {
    return bad("truncated: the header announces " + std::to_string(payload_size) +
               " payload bytes and a checksum, but " + std::to_string(left) + " bytes follow");
  }
  if (payload_size != left - 8) {
    return bad(std::to_string(left - 8 - payload_size) + " unexpected bytes after the checksum");
  }
  uint64_t stored = 0;
  std::memcpy(&stored, bytes.data() + payload_start + payload_size, 8);
  if (stored != Checksum(bytes.substr(0, payload_start + payload_size))) {
    return bad("checksum mismatch: the file is corrupted");
  }
  return std::string(bytes.substr(payload_start, payload_size));
}

Status WriteModelFile(const std::string& path, std::string_view kind, std::string_view payload) {
  std::string bytes = EncodeModel(kind, payload);
  std::error_code ec;
  auto parent = std::filesystem::path(path).parent_path();
  if (!parent.empty()) std::filesystem::create_directories(parent, ec);
  std::string tmp = path + ".tmp";
  FILE* f = std::fopen(tmp.c_str(), "wb");
  if (!f) return Status::IoError(path + ": cannot write (" + std::strerror(errno) + ")");
  bool ok = std::fwrite(bytes.data(), 1, bytes.size(), f) == bytes.size();
  ok = (std::fclose(f) == 0) && ok;
  if (!ok) {
    std::remove(tmp.c_str());
    return Status::IoError(path + ": write failed");
  }
  std::filesystem::rename(tmp, path, ec);
  if (ec) return Status::IoError(path + ": cannot rename the temporary file (" + ec.message() + ")");
  return Status::Ok();
}

Result<std::string> ReadModelFile(const std::string& path, std::string_view expected_kind) {
  auto bytes = ReadFile(path);
  if (!bytes.ok()) return bytes.status();
  return DecodeModel(*bytes, expected_kind, path);
}

}  // namespace claimgraph::learn
