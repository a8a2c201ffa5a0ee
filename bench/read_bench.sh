#!/usr/bin/env bash
# Main-text extraction speed of claimgraph against the extraction peers, same pages, same run.
#
#   bench/read_bench.sh [CLAIMGRAPH_BINARY] [READ_SPEED_BINARY] [PAGES_DIR]
#
# Defaults: build/claimgraph, build/bench/claimgraph_read_speed (built with
# CLAIMGRAPH_BUILD_BENCH=ON), /work/shared/data/article-extraction-benchmark/html.
# Env: WARMUP (default 1), REPEAT (default 5) passes for the in-process runs and the peers;
# CLI_REPEAT (default 3) passes of `claimgraph read` processes; PEERS_DIR (default
# /work/shared/peers); SKIP_JSDOM=1 leaves out the slowest peer.
#
# Rows:
#  - claimgraph (in-process): ReadInput on every file, timed inside one process
#    (claimgraph_read_speed "read"); this is the figure compared with the peers.
#  - claimgraph extract only: decoding + extraction of pages already in memory, the same
#    work the peers' clocks cover.
#  - claimgraph read (processes): one `claimgraph read --format json` per page (it takes one
#    file), wall time minus the same number of `claimgraph --help` runs (process start-up).
#  - the peers, with their own --warmup/--repeat timing (module loading, input reading and
#    output writing are outside their clocks).
# The ratio column is claimgraph (in-process) pages/s over that row's pages/s; the last lines
# give it against the fastest peer (target: >= 20), and the extract-only one beside it
# (in-process also reads and gunzips the files, which the peers do outside their clocks).
set -euo pipefail

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN=${1:-$ROOT/build/claimgraph}
SPEED=${2:-$ROOT/build/bench/claimgraph_read_speed}
PAGES=${3:-/work/shared/data/article-extraction-benchmark/html}
WARMUP=${WARMUP:-1}
REPEAT=${REPEAT:-5}
CLI_REPEAT=${CLI_REPEAT:-3}
PEERS_DIR=${PEERS_DIR:-/work/shared/peers}
OUT=$(mktemp -d)
trap 'rm -rf "$OUT"' EXIT

for f in "$BIN" "$SPEED"; do
  [[ -x $f ]] || { echo "read_bench.sh: $f not found or not executable" >&2; exit 2; }
done
mapfile -t FILES < <(find "$PAGES" -maxdepth 1 -type f \( -name '*.html' -o -name '*.html.gz' -o -name '*.htm' \) | sort)
N=${#FILES[@]}
(( N > 0 )) || { echo "read_bench.sh: no pages in $PAGES" >&2; exit 2; }
HTML_BYTES=0
for f in "${FILES[@]}"; do
  if [[ $f == *.gz ]]; then b=$(gzip -dc "$f" | wc -c); else b=$(wc -c < "$f"); fi
  HTML_BYTES=$((HTML_BYTES + b))
done
echo "pages: $N from $PAGES ($(awk -v b=$HTML_BYTES 'BEGIN{printf "%.1f", b/1e6}') MB of HTML); warmup=$WARMUP repeat=$REPEAT" >&2

ROWS=$OUT/rows.tsv   # tool <tab> pages/s <tab> MB/s
: > "$ROWS"

# The peers' and read_speed's line "peer=... docs_per_sec=X ... html_mb_per_sec=Y".
row_from_line() {  # name file
  local line
  line=$(grep -E '^peer=.*docs_per_sec=' "$2" | tail -1)
  [[ -n $line ]] || { echo "read_bench.sh: no throughput line from $1:" >&2; tail -5 "$2" >&2; return 1; }
  local dps mbps
  dps=$(sed -E 's/.*docs_per_sec=([0-9.]+).*/\1/' <<<"$line")
  if [[ $line == *html_mb_per_sec=* ]]; then
    mbps=$(sed -E 's/.*html_mb_per_sec=([0-9.]+).*/\1/' <<<"$line")
  else
    mbps=$(awk -v d="$dps" -v b=$HTML_BYTES -v n=$N 'BEGIN{printf "%.2f", d*b/n/1e6}')
  fi
  printf '%s\t%s\t%s\n' "$1" "$dps" "$mbps" >> "$ROWS"
}

# claimgraph in-process (both measurements come from one run).
"$SPEED" --warmup "$WARMUP" --repeat "$REPEAT" "$PAGES" > "$OUT/speed.txt"
grep '^peer=claimgraph-read ' "$OUT/speed.txt" > "$OUT/read.txt"
grep '^peer=claimgraph-extract ' "$OUT/speed.txt" > "$OUT/extract.txt"
row_from_line "claimgraph (in-process)" "$OUT/read.txt"
row_from_line "claimgraph extract only" "$OUT/extract.txt"

# claimgraph read, one process per page, net of process start-up.
now() { date +%s.%N; }
"$BIN" --help > /dev/null  # warm the page cache
t0=$(now)
for ((r = 0; r < CLI_REPEAT; r++)); do for f in "${FILES[@]}"; do "$BIN" --help > /dev/null; done; done
t1=$(now)
for ((r = 0; r < CLI_REPEAT; r++)); do for f in "${FILES[@]}"; do "$BIN" read --format json "$f" > /dev/null 2>>"$OUT/cli_err.txt" || true; done; done
t2=$(now)
awk -v a=$t0 -v b=$t1 -v c=$t2 -v n=$N -v r=$CLI_REPEAT -v bytes=$HTML_BYTES 'BEGIN{
  base = b - a; gross = c - b; net = gross - base; if (net <= 0) net = 1e-9;
  printf "claimgraph read (processes)\t%.1f\t%.2f\n", n*r/net, bytes*r/1e6/net;
  printf "claimgraph read (processes, gross)\t%.1f\t%.2f\n", n*r/gross, bytes*r/1e6/gross;
  printf "start-up: %.1f ms per process (claimgraph --help)\n", 1000*base/(n*r) > "/dev/stderr" }' >> "$ROWS"

# The peers.
run_peer() {  # name command...
  local name=$1; shift
  if "$@" --warmup "$WARMUP" --repeat "$REPEAT" --out /dev/null 2> "$OUT/peer.txt"; then
    row_from_line "$name" "$OUT/peer.txt"
  else
    echo "read_bench.sh: $name failed:" >&2; tail -5 "$OUT/peer.txt" >&2
  fi
}
run_peer "readability-lxml" /usr/bin/python3 "$PEERS_DIR/extract_readability_lxml.py" "$PAGES"
run_peer "Readability.js + linkedom" node "$PEERS_DIR/extract_readability.js" "$PAGES" --dom linkedom
[[ ${SKIP_JSDOM:-0} == 1 ]] || run_peer "Readability.js + jsdom" node "$PEERS_DIR/extract_readability.js" "$PAGES"

awk -F'\t' '
  { name[NR] = $1; dps[NR] = $2; mbps[NR] = $3 }
  $1 == "claimgraph (in-process)" { ours = $2 }
  $1 == "claimgraph extract only" { extract = $2 }
  $1 !~ /^claimgraph/ && $2 > best { best = $2; bestname = $1 }
  END {
    printf "%-36s %10s %8s %12s\n", "tool", "pages/s", "MB/s", "claimgraph x"
    for (i = 1; i <= NR; i++)
      printf "%-36s %10.1f %8.2f %12.2f\n", name[i], dps[i], mbps[i], (dps[i] > 0 ? ours / dps[i] : 0)
    if (best > 0) {
      printf "\nclaimgraph (in-process) / fastest peer (%s): %.2fx (target >= 20x)\n", bestname, ours / best
      printf "claimgraph extract only (the work the peers time) / fastest peer: %.2fx\n", extract / best
    }
  }' "$ROWS"
