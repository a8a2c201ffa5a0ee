#!/usr/bin/env bash
# Side by side, in one run, on the same BBC news articles: claimgraph's POS tagger and
# entity recogniser (bench/tagger_speed.cc, text already segmented, one thread) against
# wink-nlp's tokenise + POS + entity pipeline (../shared/peers/nlp_wink.js, one thread).
# Words are runs of non-space characters for both. Prints words/s and the ratio.
# Usage: bench/compare_taggers.sh [BUILD_DIR] [MAX_WORDS]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-bench}"
max_words="${2:-300000}"
peers="$root/../shared/peers"
news="$root/../shared/data/unlabelled-news/bbc"
[ -d "$peers" ] || { echo "skipped: $peers not present"; exit 0; }
[ -d "$news" ] || { echo "skipped: $news not present"; exit 0; }
export PEERS_HOME="${PEERS_HOME:-$HOME/.cache/claimgraph-peers}"
[ -d "$PEERS_HOME/node_modules/wink-nlp" ] || "$peers/install.sh" >/dev/null

work="$(mktemp -d /tmp/claimgraph_taggers.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLAIMGRAPH_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target claimgraph_tagger_speed -j2 >/dev/null

cd "$root"
"$build/bench/claimgraph_tagger_speed" --dir "$news" --max-words "$max_words" --repeat 3 \
  --jsonl "$work/texts.jsonl" | tee "$work/cg.out"
node "$peers/nlp_wink.js" "$work/texts.jsonl" --warmup 1 --repeat 3 --out /dev/null 2>"$work/wink.err"
wink=$(sed -n 's/.*words_per_sec=\([0-9.]*\).*/\1/p' "$work/wink.err" | tail -1)
# wink-nlp's CPU time per word: the CPU seconds (user + system, whole process) that 4
# more timed passes add, so loading and warm-up cancel out.
cpu_seconds() {  # node args...
  local TIMEFORMAT='%U %S'
  { time node "$peers/nlp_wink.js" "$work/texts.jsonl" "$@" --out /dev/null 2>/dev/null; } 2>&1 | awk '{ print $1 + $2 }'
}
short=$(cpu_seconds --warmup 1 --repeat 1)
long=$(cpu_seconds --warmup 1 --repeat 5)
words=$(sed -n 's/.*words \([0-9]*\) .*/\1/p' "$work/cg.out" | head -1)
wink_cpu=$(awk -v w="$words" -v a="$short" -v b="$long" 'BEGIN { printf "%.0f", 4 * w / (b - a) }')
both_cpu=$(awk '/^pos \+ entities +[0-9]/ { print $NF }' "$work/cg.out")
# Wall-time words/s (the column wink-nlp's runner reports too).
both=$(awk '/^pos \+ entities +[0-9]/ { print $(NF-2) }' "$work/cg.out")
parsed_cpu=$(awk '/^pos \+ entities \+ parser/ { print $NF }' "$work/cg.out")
all=$(awk '/^segment \+ pos \+ entities/ { print $(NF-2) }' "$work/cg.out")
echo
printf '%-46s %12.0f words/s  %12.0f words/cpu-s\n' "wink-nlp 2.4.0 tokens+POS+entities (1 thread)" "$wink" "$wink_cpu"
awk -v a="$both" -v c="$all" -v b="$wink" -v ac="$both_cpu" -v bc="$wink_cpu" 'BEGIN {
  printf "ratio claimgraph (pos + entities) / wink-nlp, wall time:           %.2f\n", a / b
  printf "ratio claimgraph (segment + pos + entities) / wink-nlp, wall time: %.2f\n", c / b
  printf "ratio claimgraph (pos + entities) / wink-nlp, CPU time:            %.2f\n", ac / bc }'
awk -v p="$parsed_cpu" -v bc="$wink_cpu" 'BEGIN {
  printf "ratio claimgraph (pos + entities + parser) / wink-nlp, CPU time:   %.2f\n", p / bc }'
