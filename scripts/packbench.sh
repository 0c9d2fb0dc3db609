#!/usr/bin/env bash
# packbench.sh — time `bgspec pack` against Info-ZIP `zip -q -r -X` on the
# same deterministic seed-like tree, in the same run.
#
#   scripts/packbench.sh [-n REPS] [SCALE ...]      (default: -n 3 1 4)
#
# For each SCALE it generates a tree of about SCALE × 100 MB with
# `go run ./scripts/gentree` (a 40 MB jar, ~3,000 Java sources, a few hundred
# images, nginx and app Docker contexts, valid spec files), warms the page
# cache, then runs zip and pack alternately REPS times under /usr/bin/time -v,
# keeping the best wall time of each (the machine may be shared) and the
# largest peak RSS. It prints wall and CPU times, the speed-up, the output
# size ratio and pack's peak RSS, and checks the targets:
#   speed-up >= 4×, size <= 1.02 × zip's, peak RSS <= 64 MiB at every scale
#   and flat: from the first scale to the last it may grow by at most half
#   while the data grows 4× (what grows is per-file metadata, about 0.5 KB
#   a file: the sorted entry list and the central directory).
# Exit status 0 when every target holds, 1 otherwise.
#
# Pack runs `bgspec pack` when cmd/bgspec builds, else scripts/packmain
# (revision.PackDir in a small main). BENCH_DIR keeps the trees between runs.
set -euo pipefail

reps=3
if [[ "${1:-}" == "-n" ]]; then reps=$2; shift 2; fi
scales=("$@")
[[ ${#scales[@]} -eq 0 ]] && scales=(1 4)

cd "$(dirname "$0")/.."
for tool in zip /usr/bin/time go; do
  command -v "$tool" >/dev/null || { echo "packbench: $tool not found" >&2; exit 2; }
done

work=${BENCH_DIR:-}
if [[ -z "$work" ]]; then
  work=$(mktemp -d)
  trap 'rm -rf "$work"' EXIT
fi
mkdir -p "$work"

pack=("$work/packmain" -o)
go build -o "$work/packmain" ./scripts/packmain
if [[ -d cmd/bgspec ]] && go build -o "$work/bgspec" ./cmd/bgspec 2>/dev/null; then
  pack=("$work/bgspec" pack -o)
fi
echo "pack command: ${pack[*]##*/} OUT DIR; zip: $(zip -v | sed -n 2p | cut -c1-40); $(nproc) CPUs; $(go version | cut -d' ' -f3)"

# measure CMD... → prints "wall user sys maxrss_kb"
measure() {
  local log=$work/time.log
  /usr/bin/time -v -o "$log" "$@" >/dev/null 2>"$work/cmd.err" || { cat "$work/cmd.err" >&2; return 1; }
  awk -F': ' '
    /Elapsed \(wall clock\)/ { n = split($2, p, ":"); w = 0; for (i = 1; i <= n; i++) w = w * 60 + p[i] }
    /User time/ { u = $2 } /System time/ { s = $2 } /Maximum resident/ { m = $2 }
    END { printf "%.2f %.2f %.2f %d\n", w, u, s, m }' "$log"
}

fail=0
first_rss=0
printf '\n| tree | files | zip -q -r -X | bgspec pack | speed-up (wall) | CPU ratio | size zip → pack | size ratio | pack peak RSS |\n'
printf '|---|---|---|---|---|---|---|---|---|\n'
for s in "${scales[@]}"; do
  tree=$work/tree$s
  if [[ ! -f "$tree.complete" ]]; then
    rm -rf "$tree"
    go run ./scripts/gentree -o "$tree" -scale "$s"
    touch "$tree.complete"
  fi
  find "$tree" -type f -exec cat {} + >/dev/null # warm the page cache for both tools
  files=$(find "$tree" -type f | wc -l)
  mb=$(du -sm "$tree" | cut -f1)
  zbest=999999 pbest=999999 zcpu=0 pcpu=0 rss=0
  for ((i = 0; i < reps; i++)); do
    rm -f "$work/zip.zip" "$work/pack.zip"
    read -r w u sy m < <(cd "$tree" && measure zip -q -r -X "$work/zip.zip" .)
    if awk "BEGIN{exit !($w < $zbest)}"; then zbest=$w zcpu=$(awk "BEGIN{print $u+$sy}"); fi
    read -r w u sy m < <(measure "${pack[@]}" "$work/pack.zip" "$tree")
    if awk "BEGIN{exit !($w < $pbest)}"; then pbest=$w pcpu=$(awk "BEGIN{print $u+$sy}"); fi
    (( m > rss )) && rss=$m
  done
  zsize=$(stat -c %s "$work/zip.zip")
  psize=$(stat -c %s "$work/pack.zip")
  speed=$(awk "BEGIN{printf \"%.1f\", $zbest / ($pbest > 0 ? $pbest : 0.01)}")
  cpur=$(awk "BEGIN{printf \"%.1f\", $zcpu / ($pcpu > 0 ? $pcpu : 0.01)}")
  ratio=$(awk "BEGIN{printf \"%.4f\", $psize / $zsize}")
  rssm=$(awk "BEGIN{printf \"%.1f\", $rss / 1024}")
  printf '| %d× (%d MB) | %d | %.2f s (CPU %.2f s) | %.2f s (CPU %.2f s) | %s× | %s× | %d → %d | %s | %s MiB |\n' \
    "$s" "$mb" "$files" "$zbest" "$zcpu" "$pbest" "$pcpu" "$speed" "$cpur" "$zsize" "$psize" "$ratio" "$rssm"
  awk "BEGIN{exit !($speed >= 4)}" || { echo "  target missed: speed-up $speed× < 4×" >&2; fail=1; }
  awk "BEGIN{exit !($ratio <= 1.02)}" || { echo "  target missed: size ratio $ratio > 1.02" >&2; fail=1; }
  awk "BEGIN{exit !($rss <= 65536)}" || { echo "  target missed: peak RSS $rssm MiB > 64 MiB" >&2; fail=1; }
  if (( first_rss == 0 )); then first_rss=$rss
  elif ! awk "BEGIN{exit !($rss <= $first_rss * 1.5)}"; then
    echo "  target missed: peak RSS not flat ($first_rss KB → $rss KB)" >&2; fail=1
  fi
done
printf '\nload average during the run: %s\n' "$(cut -d' ' -f1-3 /proc/loadavg)"
exit $fail
