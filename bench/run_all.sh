#!/usr/bin/env bash
# Builds the benchmarks and runs them the way bench/README.md's Baselines were taken.
# Usage: bench/run_all.sh [BUILD_DIR] [ARTICLES]   (defaults: build-bench, 1000)
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-bench}"
articles="${2:-1000}"
corpus="$(mktemp -d /tmp/claimgraph_corpus.XXXXXX)"
trap 'rm -rf "$corpus"' EXIT

cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLAIMGRAPH_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target claimgraph_corpus_gen claimgraph_micro_bench claimgraph_throughput -j2

"$build/bench/claimgraph_corpus_gen" --out "$corpus" --articles "$articles" --seed 1
"$build/bench/claimgraph_micro_bench" --benchmark_min_time=2 --benchmark_repetitions=3 \
  --benchmark_report_aggregates_only=true
"$build/bench/claimgraph_throughput" --corpus "$corpus" --jobs "$(nproc)"
