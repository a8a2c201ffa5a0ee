#!/usr/bin/env bash
# Side by side, in one run, on the same generated corpus: claimgraph end to end
# (read, analyse, store; one job) against the NLP peers of ../shared/peers (wink-nlp,
# compromise: tokens, tags and entities only, no storage). Prints words/s of each and
# the ratio. Usage: bench/compare_peers.sh [BUILD_DIR] [ARTICLES]
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
build="${1:-$root/build-bench}"
articles="${2:-500}"
peers="$root/../shared/peers"
[ -d "$peers" ] || { echo "skipped: $peers not present"; exit 0; }
export PEERS_HOME="${PEERS_HOME:-$HOME/.cache/claimgraph-peers}"
[ -d "$PEERS_HOME/node_modules" ] || "$peers/install.sh" >/dev/null

work="$(mktemp -d /tmp/claimgraph_peers.XXXXXX)"
trap 'rm -rf "$work"' EXIT
cmake -S "$root" -B "$build" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCLAIMGRAPH_BUILD_BENCH=ON >/dev/null
cmake --build "$build" --target claimgraph_corpus_gen claimgraph_throughput -j2 >/dev/null
"$build/bench/claimgraph_corpus_gen" --out "$work/corpus" --articles "$articles" --seed 1 >/dev/null
rm -f "$work/corpus/corpus.jsonl"  # plain-text articles only, the same input for every tool
python3 - "$work/corpus" > "$work/texts.jsonl" <<'PY'
import json, os, sys
d = sys.argv[1]
for name in sorted(os.listdir(d)):
    with open(os.path.join(d, name), encoding="utf-8") as f:
        print(json.dumps({"id": name, "text": f.read()}))
PY

wps() { sed -n 's/.*words_per_sec=\([0-9.]*\).*/\1/p' "$1" | tail -1; }
node "$peers/nlp_wink.js" "$work/texts.jsonl" --warmup 1 --repeat 3 --out /dev/null 2>"$work/wink.err"
node "$peers/nlp_compromise.js" "$work/texts.jsonl" --warmup 1 --repeat 1 --out /dev/null 2>"$work/compromise.err"
"$build/bench/claimgraph_throughput" --corpus "$work/corpus" --jobs 1 >"$work/cg.out" 2>&1
cg=$(awk '$1 == "1" && NF >= 9 { print $6; exit }' "$work/cg.out")
wink=$(wps "$work/wink.err")
comp=$(wps "$work/compromise.err")
printf '%-34s %14s\n' tool words/s
printf '%-34s %14.0f\n' "claimgraph (end to end, 1 job)" "$cg" "wink-nlp 2.4.0 (1 thread)" "$wink" "compromise 14.17.0 (1 thread)" "$comp"
awk -v a="$cg" -v b="$wink" -v c="$comp" 'BEGIN { printf "ratio claimgraph/wink-nlp: %.2f   claimgraph/compromise: %.2f\n", a/b, a/c }'
