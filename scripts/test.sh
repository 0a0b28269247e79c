#!/usr/bin/env bash
# Second command of README.md (and what CI runs through .ci/run): builds kroniek and runs the
# whole test suite twice, once in a Release build and once under AddressSanitizer + UBSan,
# then replays the fuzz corpora through the fuzz targets (clang + libFuzzer) for a short time.
#
#   bash scripts/test.sh            everything
#   QUICK=1 bash scripts/test.sh    the Release build's tests only
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
JOBS="$(nproc)"

echo "== Release build and tests =="
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release >/dev/null
cmake --build build -j"$JOBS"
ctest --test-dir build --output-on-failure -j"$JOBS"

if [ "${QUICK:-0}" = "1" ]; then exit 0; fi

echo "== ASan + UBSan build and tests =="
cmake -S . -B build-asan -DCMAKE_BUILD_TYPE=RelWithDebInfo -DKRONIEK_SANITIZE=ON \
  -DKRONIEK_BUILD_BENCH=OFF >/dev/null
cmake --build build-asan -j"$JOBS"
ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
  ctest --test-dir build-asan --output-on-failure -j"$JOBS"

if ls fuzz/*_fuzz.cc >/dev/null 2>&1; then
  echo "== fuzz targets (${FUZZ_SECONDS:-20} s each) =="
  bash scripts/fuzz.sh "${FUZZ_SECONDS:-20}"
fi
echo "== all tests passed =="
