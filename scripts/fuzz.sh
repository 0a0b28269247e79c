#!/usr/bin/env bash
# Builds the libFuzzer targets (fuzz/*_fuzz.cc) with clang, ASan and UBSan, and runs each for
# SECONDS seconds (default 60) on its corpus in fuzz/corpus/<target>/. New interesting inputs
# are kept in build-fuzz/corpus/<target>/ (copy the worthwhile ones into fuzz/corpus by hand);
# crashers are written to build-fuzz/artifacts/ and make the script fail.
#
#   bash scripts/fuzz.sh [SECONDS] [TARGET...]
set -euo pipefail
cd "$(dirname "$0")/.."
SECONDS_EACH="${1:-60}"
shift || true
cmake -S . -B build-fuzz -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_CXX_COMPILER=clang++ \
  -DKRONIEK_FUZZ=ON -DKRONIEK_BUILD_TESTS=OFF -DKRONIEK_BUILD_BENCH=OFF >/dev/null
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  for f in fuzz/*_fuzz.cc; do targets+=("$(basename "$f" .cc)"); done
fi
cmake --build build-fuzz -j"$(nproc)" --target "${targets[@]}"
mkdir -p build-fuzz/artifacts
status=0
for t in "${targets[@]}"; do
  mkdir -p "build-fuzz/corpus/$t" "fuzz/corpus/$t"
  dict=()
  [ -f "fuzz/$t.dict" ] && dict=(-dict="fuzz/$t.dict")
  echo "-- $t: ${SECONDS_EACH}s"
  if ! ASAN_OPTIONS=detect_leaks=1 "build-fuzz/$t" -max_total_time="$SECONDS_EACH" -max_len=65536 \
      -timeout=10 -rss_limit_mb=4096 -artifact_prefix="build-fuzz/artifacts/$t-" "${dict[@]}" \
      -print_final_stats=1 "build-fuzz/corpus/$t" "fuzz/corpus/$t" 2>"build-fuzz/$t.log"; then
    echo "!! $t found a problem; see build-fuzz/$t.log and build-fuzz/artifacts/"
    tail -n 30 "build-fuzz/$t.log"
    status=1
  else
    grep -E "stat::number_of_executed_units|stat::peak_rss_mb" "build-fuzz/$t.log" || true
  fi
done
exit $status
