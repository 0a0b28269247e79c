// Explicit little-endian encoding for model files: a ByteWriter appends fixed-width integers,
// floats, varints and length-prefixed strings to a string; a ByteReader reads them back with
// every read bounds-checked. A reader never reads past its end: a failed read sets a sticky
// error flag, returns zero/empty, and the caller checks ok() (and AtEnd(), since a decoder must
// consume every byte of a section) once at the end.
#ifndef KRONIEK_LEARN_BYTES_H_
#define KRONIEK_LEARN_BYTES_H_

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace kroniek::learn {

class ByteWriter {
 public:
  void U8(uint8_t v) { out_.push_back(static_cast<char>(v)); }
  void U16(uint16_t v) { Fixed(v, 2); }
  void U32(uint32_t v) { Fixed(v, 4); }
  void U64(uint64_t v) { Fixed(v, 8); }
  void F32(float v) {
    uint32_t u;
    std::memcpy(&u, &v, 4);
    U32(u);
  }
  void F64(double v) {
    uint64_t u;
    std::memcpy(&u, &v, 8);
    U64(u);
  }
  // LEB128 unsigned varint.
  void Var(uint64_t v) {
    while (v >= 0x80) {
      U8(static_cast<uint8_t>(v | 0x80));
      v >>= 7;
    }
    U8(static_cast<uint8_t>(v));
  }
  // A varint length followed by the bytes.
  void Str(std::string_view s) {
    Var(s.size());
    out_.append(s);
  }
  void Raw(std::string_view s) { out_.append(s); }

  const std::string& data() const { return out_; }
  std::string& data() { return out_; }
  std::string Take() { return std::move(out_); }

 private:
  void Fixed(uint64_t v, int n) {
    for (int i = 0; i < n; ++i) out_.push_back(static_cast<char>((v >> (8 * i)) & 0xff));
  }
  std::string out_;
};

class ByteReader {
 public:
  explicit ByteReader(std::string_view data) : data_(data) {}

  uint8_t U8() { return static_cast<uint8_t>(Fixed(1)); }
  uint16_t U16() { return static_cast<uint16_t>(Fixed(2)); }
  uint32_t U32() { return static_cast<uint32_t>(Fixed(4)); }
  uint64_t U64() { return Fixed(8); }
  float F32() {
    uint32_t u = U32();
    float v;
    std::memcpy(&v, &u, 4);
    return v;
  }
  double F64() {
    uint64_t u = U64();
    double v;
    std::memcpy(&v, &u, 8);
    return v;
  }
  uint64_t Var() {
    uint64_t v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos_ >= data_.size()) return Fail();
      uint8_t b = static_cast<uint8_t>(data_[pos_++]);
      v |= static_cast<uint64_t>(b & 0x7f) << shift;
      if (!(b & 0x80)) return v;
    }
    return Fail();
  }
  // A varint-length-prefixed string; fails when longer than what is left.
  std::string_view Str() {
    uint64_t n = Var();
    return Bytes(n);
  }
  std::string_view Bytes(uint64_t n) {
    if (!ok_ || n > data_.size() - pos_) {
      Fail();
      return {};
    }
    std::string_view s = data_.substr(pos_, n);
    pos_ += n;
    return s;
  }
  // A count of items each at least `min_item_bytes` long: fails when the rest cannot hold them,
  // so a damaged count never makes the caller allocate gigabytes.
  uint64_t Count(uint64_t min_item_bytes) {
    uint64_t n = Var();
    if (ok_ && min_item_bytes > 0 && n > (data_.size() - pos_) / min_item_bytes) return Fail();
    return n;
  }

  bool ok() const { return ok_; }
  bool AtEnd() const { return pos_ == data_.size(); }
  size_t pos() const { return pos_; }
  size_t remaining() const { return data_.size() - pos_; }
  // Marks the reader failed (e.g. a decoded value is out of range).
  uint64_t Fail() {
    ok_ = false;
    pos_ = data_.size();
    return 0;
  }

 private:
  uint64_t Fixed(int n) {
    if (!ok_ || static_cast<size_t>(n) > data_.size() - pos_) return Fail();
    uint64_t v = 0;
    for (int i = 0; i < n; ++i)
      v |= static_cast<uint64_t>(static_cast<uint8_t>(data_[pos_ + i])) << (8 * i);
    pos_ += n;
    return v;
  }
  std::string_view data_;
  size_t pos_ = 0;
  bool ok_ = true;
};

}  // namespace kroniek::learn

#endif  // KRONIEK_LEARN_BYTES_H_
