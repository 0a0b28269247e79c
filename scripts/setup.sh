#!/usr/bin/env bash
# First command of README.md: installs what kroniek needs, builds it, and analyses the example
# article. Safe to run again.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=Release -DKRONIEK_BUILD_TESTS=OFF >/dev/null
cmake --build build -j"$(nproc)" --target kroniek
echo "== build/kroniek analyze examples/navo-top.txt =="
./build/kroniek analyze --format text examples/navo-top.txt
