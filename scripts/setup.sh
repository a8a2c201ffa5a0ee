#!/usr/bin/env bash
# Set up claimgraph on a fresh Debian 12 machine: install what is missing, build in
# Release, and run the main job (ingest the bundled examples into claimgraph.db and
# show what was found).   Usage: scripts/setup.sh [--deps-only | --build-only]
set -euo pipefail
cd "$(dirname "$0")/.."

PACKAGES=(build-essential cmake ninja-build pkg-config python3
          libicu-dev libsqlite3-dev libgumbo-dev nlohmann-json3-dev libcli11-dev libfmt-dev
          libtbb-dev libxxhash-dev libpugixml-dev zlib1g-dev libzstd-dev libcurl4-openssl-dev
          libgtest-dev libgmock-dev libbenchmark-dev iso-codes)

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "installing: ${missing[*]}"
  local sudo=""
  [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

build() {
  cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release
  cmake --build build -j"$(nproc)"
}

case "${1:-}" in
  --deps-only) install_deps; exit 0 ;;
  --build-only) build; exit 0 ;;
esac

install_deps
build
echo
echo "== ingesting examples/ into claimgraph.db"
build/claimgraph ingest examples --db claimgraph.db
echo
echo "== claims per source"
build/claimgraph sources --db claimgraph.db
echo
echo "== entities"
build/claimgraph entities --db claimgraph.db
