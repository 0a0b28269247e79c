#!/usr/bin/env bash
# The time-expression figures on shared/gold-dev, measured the way the project is judged:
# the gold texts are turned into JSON Lines ({"id","date","text"}), analysed by
# `kroniek analyze --format jsonl`, and scored by shared/tools/score.py (news). Prints the
# times P/R/F1 and the value accuracy (the other layers are scored too but not printed).
#
#   bash scripts/gold-dev-times.sh [SHARED_DIR]      default: ../shared
#
# Until the JSON Lines reader exists, it falls back to `kroniek eval news --write-system`, which
# builds the same documents (id, meta.date, text) from the gold files.
set -euo pipefail
cd "$(dirname "$0")/.."
SHARED="${1:-${KRONIEK_SHARED:-../shared}}"
BIN="${KRONIEK_BINARY:-build/kroniek}"
TMP="$(mktemp -d)"
trap 'rm -rf "$TMP"' EXIT

python3 - "$SHARED/gold-dev" >"$TMP/in.jsonl" <<'PY'
import glob, json, os, sys
for f in sorted(glob.glob(os.path.join(sys.argv[1], "*.json"))):
    g = json.load(open(f, encoding="utf-8"))
    print(json.dumps({"id": g["id"], "date": g["meta"].get("date"), "text": g["text"]},
                     ensure_ascii=False))
PY

if ! "$BIN" analyze --format jsonl "$TMP/in.jsonl" >"$TMP/out.jsonl" 2>"$TMP/err" ||
   [ ! -s "$TMP/out.jsonl" ]; then
  echo "(kroniek analyze could not read JSON Lines: $(head -n 1 "$TMP/err"); using eval news)" >&2
  "$BIN" eval news --gold "$SHARED/gold-dev" --format json --write-system "$TMP/out.jsonl" >/dev/null
fi
python3 "$SHARED/tools/score.py" news "$SHARED/gold-dev" "$TMP/out.jsonl" | python3 -c '
import json, sys
d = json.load(sys.stdin)
t = d["times"]
print("times  P %.1f  R %.1f  F1 %.1f  (gold %d, system %d)   value accuracy %.1f" %
      (t["P"], t["R"], t["F1"], t["gold"], t["system"], d["time_value_acc"]))'
