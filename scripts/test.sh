#!/usr/bin/env bash
# The whole test suite: installs what is missing, builds with tests, runs CTest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh --deps-only
cmake -S . -B build -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLAIMGRAPH_BUILD_TESTS=ON
cmake --build build -j"$(nproc)"
ctest --test-dir build --output-on-failure -j"$(nproc)"
