#!/usr/bin/env bash
# TempEval-3 time-expression figures of claimgraph on TimeBank and AQUAINT (TBAQ-cleaned),
# scored by shared/eval/score_timex.py. The scorer writes each document's TEXT to a file
# and passes its creation time (the DCT, TIMEX3 t0) as {published}: relative expressions
# are anchored on the DCT, as in TempEval-3. `claimgraph extract` runs the whole pipeline,
# so the times stage sees the tagger's and parser's output (doc.tagged, doc.parsed) as it
# does in production; every model under models/ must load.
#
# usage: scripts/eval_timex.sh [BINARY] [--show N]
#   BINARY   claimgraph executable (default build/claimgraph, else build/tools/claimgraph)
#   --show N list up to N misses and wrong values per corpus
# Env: TEMPEVAL_DIR (default /work/shared/data/tempeval3/TBAQ-cleaned),
#      SCORER (default /work/shared/eval/score_timex.py).
set -euo pipefail
cd "$(dirname "$0")/.."

bin=""
show=0
while [[ $# -gt 0 ]]; do
  case "$1" in
    --show) show="$2"; shift 2 ;;
    -h|--help) sed -n '2,13p' "$0"; exit 0 ;;
    *) bin="$1"; shift ;;
  esac
done
if [[ -z "$bin" ]]; then
  bin=build/claimgraph
  [[ -x "$bin" ]] || bin=build/tools/claimgraph
fi
[[ -x "$bin" ]] || { echo "error: $bin is not an executable (build claimgraph or pass its path)" >&2; exit 2; }
bin="$(cd "$(dirname "$bin")" && pwd)/$(basename "$bin")"

data="${TEMPEVAL_DIR:-/work/shared/data/tempeval3/TBAQ-cleaned}"
scorer="${SCORER:-/work/shared/eval/score_timex.py}"
status=0
for corpus in TimeBank AQUAINT; do
  echo "== $corpus"
  python3 "$scorer" --tml-dir "$data/$corpus" --show "$show" \
    --run "$(printf '%q' "$bin") extract --format json --date {published} {article}" || status=1
done
exit $status
