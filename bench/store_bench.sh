#!/usr/bin/env bash
# The corpus store's benchmark (issue 8), re-runnable as the pipeline grows:
#   1. ingest N synthetic Dutch articles (default 10,000): analysis time alone vs analysis + store,
#      the database size against the input, and query latencies (search, timeline, quotes, ...);
#   2. a bounded loopback load test of `kroniek serve`: 50 concurrent clients for 10 s, then
#      malformed and oversized requests, each of which must get its 4xx and a JSON error.
#
#   bash bench/store_bench.sh                  # after cmake --build build
#   DOCS=20000 CLIENTS=50 SECONDS_=10 bash bench/store_bench.sh
#   KEEP_DIR=/tmp/sb bash bench/store_bench.sh  # keep the store (and the paths) in that directory
#
# The articles go in as text and metadata only; every layer the default pipeline has a stage for
# (tokens to times: mentions, entities and quotes included) is the pipeline's. While there is no
# events stage the events are the generator's (src/synth/), their actors, targets and locations
# mapped onto the pipeline's entities; the benchmark prints which. The store's share of the time
# is measured inside one run with the thread CPU clock (the difference of two runs is printed
# too, but is noise on a shared machine). Everything runs on this machine; the load test talks to
# 127.0.0.1 only and stops by itself.
set -euo pipefail
cd "$(dirname "$0")/.."
BIN="${KRONIEK:-build/kroniek}"
DOCS="${DOCS:-10000}"
CLIENTS="${CLIENTS:-50}"
SECONDS_="${SECONDS_:-10}"
if [[ -n "${KEEP_DIR:-}" ]]; then
  DIR="$KEEP_DIR"
  mkdir -p "$DIR"
  rm -f "$DIR/store.db" "$DIR/store.db-wal" "$DIR/store.db-shm"
  CLEAN=':'
else
  DIR="$(mktemp -d /tmp/kroniek-store-bench.XXXXXX)"
  CLEAN='rm -rf "$DIR"'
fi
trap "$CLEAN" EXIT

echo "== kroniek bench store --docs $DOCS =="
"$BIN" bench store --docs "$DOCS" --keep --db "$DIR/store.db"
echo
echo "== kroniek bench load --clients $CLIENTS --seconds $SECONDS_ =="
"$BIN" bench load --db "$DIR/store.db" --clients "$CLIENTS" --seconds "$SECONDS_"

# The same load with wrk (apt-get install wrk), against `kroniek serve` as its own process.
if command -v wrk >/dev/null; then
  echo
  echo "== wrk -c $CLIENTS -d ${SECONDS_}s against kroniek serve =="
  "$BIN" bench load --db "$DIR/store.db" --paths-out "$DIR/paths.txt"
  "$BIN" serve --db "$DIR/store.db" --port 0 2> "$DIR/serve.err" &
  SERVE=$!
  trap 'kill "$SERVE" 2>/dev/null || true; '"$CLEAN" EXIT
  for _ in $(seq 300); do grep -q "http://" "$DIR/serve.err" && break; sleep 0.1; done
  URL="$(grep -o 'http://[0-9.:]*' "$DIR/serve.err" | head -1)"
  KRONIEK_PATHS="$DIR/paths.txt" wrk -t 2 -c "$CLIENTS" -d "${SECONDS_}s" -s bench/load.lua "$URL"
  kill "$SERVE"
  wait "$SERVE" || true
fi
