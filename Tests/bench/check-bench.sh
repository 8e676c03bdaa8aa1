#!/usr/bin/env bash
# Benchmark of stages load + validate (`atlas check`) on the real data, release build.
# Prints figures; asserts nothing about time (speed targets live here, not in unit tests).
#
# Three runs: the bundled definition (Data/); the same without the indicators that
# read the 33 MB GENESIS flat export of Schutzsuchende (its cost is the difference;
# target for the whole check: <= 0.3 s on 2 cores); and a generated definition that
# reads all 30 INKAR columns (400 Kreise x 27 years x 30 columns).
# Usage: Tests/bench/check-bench.sh [runs]   (default 7)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-7}
swift build -c release --product atlas >/dev/null
bin=.build/release/atlas
real=$(cd ../shared/data/real && pwd)

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/Data/indicators"
sed "s#^sources: .*#sources: $real#" Data/atlas.yaml > "$tmp/Data/atlas.yaml"
cp Data/themes.yaml "$tmp/Data/themes.yaml"
head -1 "$real/indicators/inkar_kreise_1995-2021.csv" | tr ',' '\n' | tail -n +3 | while read -r col; do
  id=$(echo "$col" | tr '_' '-')
  cat > "$tmp/Data/indicators/$id.yaml" <<YAML
id: $id
title: {de: "$col", en: "$col"}
short: {de: "$col", en: "$col"}
definition: {de: "$col", en: "$col"}
unit: "-"
decimals: 2
theme: demografie
polarity: neutral
years: {from: 1995, to: 2021}
reference: median
source: {publisher: BBSR INKAR, licence: dl-de/by-2-0, datenstand: 2021-12-31}
values: {table: inkar, key_column: ags, year_column: year, value_column: $col}
YAML
done

measure() {
  local label=$1; shift
  local times=()
  for _ in $(seq "$runs"); do
    local s e
    s=$(date +%s.%N)
    "$bin" check "$@" >/dev/null 2>&1
    e=$(date +%s.%N)
    times+=("$(echo "$e - $s" | bc)")
  done
  local median
  median=$(printf '%s\n' "${times[@]}" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}')
  local summary
  summary=$("$bin" check "$@" 2>/dev/null | tail -1)
  /usr/bin/time -f "%M" -o "$tmp/rss" "$bin" check "$@" >/dev/null 2>&1 || true
  printf '%-32s median %.3f s wall over %d runs, peak RSS %d MiB\n  %s\n' \
    "$label" "$median" "$runs" "$(( $(cat "$tmp/rss") / 1024 ))" "$summary"
}

mkdir -p "$tmp/noflat"
cp -r Data/. "$tmp/noflat"
sed -i "s#^sources: .*#sources: $real#" "$tmp/noflat/atlas.yaml"
rm "$tmp/noflat/indicators"/schutzsuchende*.yaml

echo "atlas check benchmark, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m)"
measure "bundled Data/" --data Data
measure "without the GENESIS flat file" --data "$tmp/noflat"
measure "all 30 INKAR columns" --data "$tmp/Data"
