#!/usr/bin/env bash
# Startup time of `kroniek analyze` on a one-line article (the target: at most 0.1 s).
# Uses hyperfine when installed (apt-get install hyperfine), else a loop timed with `date`.
# On a busy machine the wall-clock figures wait for a CPU; the CPU time (hyperfine) does not.
# KRONIEK_MODELS=/empty/dir measures the start without loading any model.
#
#   bash bench/startup.sh [path/to/kroniek]     (default: build/kroniek)
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${1:-build/kroniek}"
if [ ! -x "$BIN" ]; then
  echo "startup.sh: $BIN not found; build first (cmake --build build)" >&2
  exit 1
fi
INPUT="$(mktemp /tmp/kroniek-startup-XXXXXX.txt)"
trap 'rm -f "$INPUT"' EXIT
echo ' date 2022-03 Alle leiders van de dertig NAVO-landen zijn in Brussel bijeen.' > "$INPUT"
CMD="$BIN analyze --format jsonl $INPUT"
if command -v hyperfine >/dev/null; then
  hyperfine --warmup 5 --runs 50 -N --export-json "$INPUT.json" "$CMD" >&2
  python3 -c "import json,sys; r=json.load(open(sys.argv[1]))['results'][0]; \
print('startup: mean %.1f ms, min %.1f ms, max %.1f ms over %d runs (target <= 100 ms); CPU user %.1f ms + system %.1f ms' % \
(r['mean']*1e3, r['min']*1e3, r['max']*1e3, len(r['times']), r['user']*1e3, r['system']*1e3))" "$INPUT.json"
  rm -f "$INPUT.json"
else
  RUNS=50
  $CMD >/dev/null  # warm the page cache
  start=$(date +%s%N)
  for _ in $(seq $RUNS); do $CMD >/dev/null; done
  end=$(date +%s%N)
  echo "startup: mean $(( (end - start) / RUNS / 1000 )) us over $RUNS runs (target <= 100 ms)"
fi
