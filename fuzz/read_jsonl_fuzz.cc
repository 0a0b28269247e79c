// libFuzzer target: JSON Lines, through the in-memory reader and the streaming reader.
#include <sys/mman.h>
#include <unistd.h>

#include <cstddef>
#include <cstdint>

#include "fuzz_check.h"
#include "io/readers.h"

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
  using namespace kroniek;
  std::string_view in(reinterpret_cast<const char*>(data), size);
  auto check = [](const Doc& d, const ReadOptions&) {
    if (d.meta.date && !IsValidDate(*d.meta.date)) fuzz::Fail("an invalid date was accepted");
    if (d.text.find('\0') != std::string::npos) fuzz::Fail("a NUL byte in the text");
  };
  fuzz::ReadAndCheck(in, "fuzz.jsonl", InputFormat::kJsonl, check);
  // The streaming reader over the same bytes.
  int fd = memfd_create("fuzz", 0);
  if (fd < 0) return 0;
  size_t off = 0;
  while (off < size) {
    ssize_t n = write(fd, data + off, size - off);
    if (n <= 0) break;
    off += static_cast<size_t>(n);
  }
  lseek(fd, 0, SEEK_SET);
  ReadOptions options;
  options.max_doc_bytes = 1024;
  Status st = io::ReadJsonlStream(fd, "", "fuzz.jsonl", options, [&](ReadItem&& item) {
    if (!item.doc.ok()) {
      fuzz::CheckError(item.doc.status(), "fuzz.jsonl", options);
    } else {
      fuzz::CheckDoc(item.doc.value());
      check(item.doc.value(), options);
    }
    return true;
  });
  close(fd);
  if (!st.ok()) fuzz::Fail("the stream reader failed: " + st.ToString());
  return 0;
}
