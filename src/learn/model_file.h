// The versioned binary container every learned model is stored in (see
// doc/formats/model_format.md): magic, format version, model kind, payload, checksum.
// ByteWriter/ByteReader encode the payload (little-endian, fixed-width fields).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "claimgraph/status.h"

namespace claimgraph::learn {

inline constexpr char kModelMagic[8] = {'C', 'G', 'M', 'O', 'D', 'E', 'L', '\x1a'};
inline constexpr uint32_t kModelFormatVersion = 1;
inline constexpr size_t kMaxKindLength = 64;

// Appends fixed-width little-endian values to a growing byte string.
class ByteWriter {
 public:
  void U8(uint8_t v) { data_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Raw(&v, 2); }
  void I16(int16_t v) { Raw(&v, 2); }
  void U32(uint32_t v) { Raw(&v, 4); }
  void U64(uint64_t v) { Raw(&v, 8); }
  void F32(float v) { Raw(&v, 4); }
  void F64(double v) { Raw(&v, 8); }
  // u32 length, then the bytes.
  void String(std::string_view s);
  void Raw(const void* p, size_t n) { data_.append(static_cast<const char*>(p), n); }
  const std::string& data() const { return data_; }
  std::string Take() { return std::move(data_); }

 private:
  std::string data_;
};

// Reads what ByteWriter wrote from a buffer it does not own. The first failure
// (truncation or a Fail() by the caller) is kept; later reads return false.
// `source` names the file in messages.
class ByteReader {
 public:
  ByteReader(std::string_view data, std::string source) : data_(data), source_(std::move(source)) {}

  bool U8(uint8_t* v) { return Raw(v, 1, "u8"); }
  bool U16(uint16_t* v) { return Raw(v, 2, "u16"); }
  bool I16(int16_t* v) { return Raw(v, 2, "i16"); }
  bool U32(uint32_t* v) { return Raw(v, 4, "u32"); }
  bool U64(uint64_t* v) { return Raw(v, 8, "u64"); }
  bool F32(float* v) { return Raw(v, 4, "f32"); }
  bool F64(double* v) { return Raw(v, 8, "f64"); }
  // A string of at most max_length bytes.
  bool String(std::string* s, size_t max_length = 1u << 30);
  bool Raw(void* out, size_t n, const char* what);
  // A count of items of `item_size` bytes each; fails when they cannot fit in what is left.
  bool Count(uint64_t* n, size_t item_size, const char* what);

  // Records a failure ("<source>: <message>") unless one is already recorded; returns false.
  bool Fail(const std::string& message);
  bool ok() const { return error_.empty(); }
  size_t position() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  const std::string& source() const { return source_; }
  // Ok when every byte was consumed and nothing failed.
  Status Finish();
  Status status() const;

 private:
  std::string_view data_;
  std::string source_;
  size_t pos_ = 0;
  std::string error_;
};

// Wraps a payload in the container. `kind` names the model type ("pos-tagger").
std::string EncodeModel(std::string_view kind, std::string_view payload);
// Checks magic, version, kind, length and checksum; returns the payload.
// `source` names the file in error messages.
Result<std::string> DecodeModel(std::string_view bytes, std::string_view expected_kind, const std::string& source);

// Writes atomically (temporary file, then rename) so readers never see half a model.
Status WriteModelFile(const std::string& path, std::string_view kind, std::string_view payload);
Result<std::string> ReadModelFile(const std::string& path, std::string_view expected_kind);

// A model file of `kind` deserialised by M::Load(ByteReader&, M*), which reports
// problems through the reader; every byte must be consumed.
template <class M>
Result<std::shared_ptr<const M>> LoadModel(const std::string& path, std::string_view kind) {
  auto payload = ReadModelFile(path, kind);
  if (!payload.ok()) return payload.status();
  ByteReader in(*payload, path);
  auto model = std::make_shared<M>();
  M::Load(in, model.get());
  if (Status s = in.Finish(); !s.ok()) return s;
  return std::shared_ptr<const M>(std::move(model));
}

// M::Save(ByteWriter&) written as a model file of `kind`.
template <class M>
Status SaveModel(const std::string& path, std::string_view kind, const M& model) {
  ByteWriter out;
  model.Save(out);
  return WriteModelFile(path, kind, out.data());
}

}  // namespace claimgraph::learn
