#!/usr/bin/env bash
# claimgraph beside chrono-node and dateparser on TempEval-3 TimeBank and AQUAINT, all
# scored by shared/eval/score_timex.py on the same documents with the same anchor (the DCT):
# the peers run through shared/peers/doc_json.js, which turns their JSONL into the
# project's document JSON. Prints one table: system, corpus, value P/R/F1, relaxed span F1.
#
# usage: scripts/compare_timex_peers.sh [BINARY]
#   BINARY  claimgraph executable (default build/claimgraph, else build/tools/claimgraph)
# Env: PEERS_DIR (default /work/shared/peers), PEERS_HOME (npm peers, default
#      ~/.cache/claimgraph-peers), TEMPEVAL_DIR, SCORER as in scripts/eval_timex.sh.
# A peer that is not installed is reported as such (dateparser needs
# $PEERS_DIR/install.sh --debian-only); each peer call restarts node/python (~0.3 s a document).
set -uo pipefail
cd "$(dirname "$0")/.."

bin="${1:-}"
if [[ -z "$bin" ]]; then
  bin=build/claimgraph
  [[ -x "$bin" ]] || bin=build/tools/claimgraph
fi
[[ -x "$bin" ]] || { echo "error: $bin is not an executable (build claimgraph or pass its path)" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"
peers="${PEERS_DIR:-/work/shared/peers}"
data="${TEMPEVAL_DIR:-/work/shared/data/tempeval3/TBAQ-cleaned}"
scorer="${SCORER:-/work/shared/eval/score_timex.py}"
out="$(mktemp -d)"
trap 'rm -rf "$out"' EXIT

# name|command template ({article} {published} filled in by the scorer)
systems=("claimgraph|$(printf '%q' "$bin") extract --format json --date {published} {article}")
if node -e "require('path')" 2>/dev/null && [[ -d "${PEERS_HOME:-$HOME/.cache/claimgraph-peers}/node_modules/chrono-node" ]]; then
  systems+=("chrono-node|cd $(printf '%q' "$peers") && node doc_json.js --entities none --times chrono {article} {published}")
else
  echo "note: chrono-node not installed (run $peers/install.sh)" >&2
fi
if /usr/bin/python3 -c 'import dateparser' 2>/dev/null; then
  systems+=("dateparser|cd $(printf '%q' "$peers") && node doc_json.js --entities none --times dateparser {article} {published}")
else
  echo "note: dateparser not installed (run $peers/install.sh --debian-only)" >&2
fi

rows=()
for entry in "${systems[@]}"; do
  name="${entry%%|*}"
  run="${entry#*|}"
  for corpus in TimeBank AQUAINT; do
    log="$out/$name-$corpus.txt"
    python3 "$scorer" --tml-dir "$data/$corpus" --run "$run" >"$log" 2>&1
    value=$(awk '$1 == "value" {print $3, $5, $7}' "$log")
    relaxed=$(awk '$1 == "relaxed" {print $7}' "$log")
    failed=$(sed -n 's/.*failed runs \([0-9]*\).*/\1/p' "$log")
    [[ -n "$value" ]] || { echo "error: scoring $name on $corpus failed:" >&2; tail -5 "$log" >&2; value="- - -"; relaxed="-"; }
    rows+=("$name $corpus $value $relaxed ${failed:--}")
  done
done

printf '%-12s %-9s %7s %7s %7s %11s %7s\n' system corpus value_P value_R value_F1 relaxed_F1 failed
for r in "${rows[@]}"; do
  # shellcheck disable=SC2086
  printf '%-12s %-9s %7s %7s %7s %11s %7s\n' $r
done
