#!/usr/bin/env bash
# Installs the Debian 12 packages kroniek needs to build, test, benchmark and fuzz.
# Idempotent: does nothing when everything is already installed. Run as root (or with sudo).
set -euo pipefail
PACKAGES=(
  build-essential cmake pkg-config git
  clang libclang-rt-14-dev            # libFuzzer and the sanitizer runtimes
  libicu-dev libsqlite3-dev libzstd-dev libxxhash-dev
  nlohmann-json3-dev libcli11-dev libcpp-httplib-dev
  libgtest-dev libgmock-dev libbenchmark-dev
  python3 zstd sqlite3
  wrk                                 # bench/store_bench.sh (HTTP load test)
  hyperfine                           # bench/startup.sh (start-up time)
)
missing=()
for p in "${PACKAGES[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi
SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-deps: installing ${missing[*]}"
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
$SUDO apt-get install -y -q --no-install-recommends "${missing[@]}"
