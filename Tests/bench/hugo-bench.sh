#!/usr/bin/env bash
# Benchmark: atlas build against the Hugo reference (../shared/bench), same
# machine, same run, alternating runs; plus the real atlas (full build, no-op
# rebuild, one-value change). Prints medians; asserts nothing.
# Usage: Tests/bench/hugo-bench.sh [runs]   (default 5; installs Debian's hugo if missing)
set -euo pipefail
cd "$(dirname "$0")/../.."
runs=${1:-5}
repo=$(pwd)
command -v hugo >/dev/null || { apt-get update -qq && apt-get install -y -qq hugo >/dev/null; }
swift build -c release --product atlas >/dev/null
atlas=$repo/.build/release/atlas
# BENCH_TMP=/dev/shm runs it on tmpfs, where file creation does not depend on the
# state of the disk (ext4 here: see the README).
work=$(mktemp -d -p "${BENCH_TMP:-${TMPDIR:-/tmp}}")
trap 'rm -rf "$work"' EXIT
cp -r ../shared/bench "$work/bench"
chmod -R u+w "$work/bench"

measure() {  # measure OUTFILE CMD...: wall user sys peakKiB appended to OUTFILE
  local out=$1; shift
  /usr/bin/time -o "$work/t" -f "%e %U %S %M" "$@" >/dev/null 2>&1
  cat "$work/t" >> "$out"
}
median() {  # median COLUMN FILE
  awk -v c="$1" '{print $c}' "$2" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'
}
cpu() { awk '{print $2+$3}' "$1" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
report() {  # report LABEL FILE SITE
  local pages bytes
  pages=$(find "$3" -name '*.html' | wc -l)
  bytes=$(find "$3" -type f -printf '%s\n' | awk '{s+=$1} END {print s}')
  printf '  %-34s wall %6.3f s  cpu %6.3f s  peak %5d MiB  %6d pages  %11d bytes\n' \
    "$1" "$(median 1 "$2")" "$(cpu "$2")" "$(( $(median 4 "$2") / 1024 ))" "$pages" "$bytes"
}

echo "atlas vs Hugo, $(date -u +%Y-%m-%d), $(nproc) cores, $(uname -m), $(hugo version | cut -d' ' -f1-2), $runs runs each"
for size in ${SIZES-small large}; do
  data=$work/bench/data/$size
  python3 "$work/bench/gen_data.py" --preset $size --out "$data" >/dev/null
  python3 "$repo/Tests/bench/bench_definition.py" "$data" "$work/def-$size"
  "$atlas" check --data "$work/def-$size" >/dev/null
  : > "$work/atlas-$size"; : > "$work/hugo-$size"
  # The large preset takes Hugo about a minute a run: fewer runs there.
  n=$runs; [ "$size" = large ] && n=${LARGE_RUNS:-3}
  # Each run writes into a new folder; the old ones are deleted after the
  # last run. Deleting a site just before building the next one makes ext4
  # skip the freshly freed inodes one by one (recently_deleted() in the
  # kernel profile): the same build then measured 2.7 s or 4.6 s by chance.
  for i in $(seq "$n"); do
    measure "$work/atlas-$size" "$atlas" build --data "$work/def-$size" --themes "$repo/Themes" --output "$work/out-atlas-$i"
    measure "$work/hugo-$size" sh -c "python3 '$work/bench/hugo-ref/prepare.py' '$data' '$work/bench/hugo-ref' && hugo --source '$work/bench/hugo-ref' --destination '$work/out-hugo-$i' --quiet"
  done
  rm -rf "$work/out-atlas" "$work/out-hugo"
  mv "$work/out-atlas-$n" "$work/out-atlas"; mv "$work/.out-atlas-$n.fingerprint" "$work/.out-atlas.fingerprint"
  mv "$work/out-hugo-$n" "$work/out-hugo"
  rm -rf "$work"/out-atlas-* "$work"/.out-atlas-* "$work"/out-hugo-*
  regions=$(($(wc -l < "$data/districts.csv") - 1))
  echo "$size: $regions regions x 12 indicators x 5 years, $n runs (atlas: German only, like the reference)"
  report "atlas build (clean)" "$work/atlas-$size" "$work/out-atlas"
  report "Hugo: prepare.py + hugo (clean)" "$work/hugo-$size" "$work/out-hugo"
  awk -v a="$(median 1 "$work/atlas-$size")" -v h="$(median 1 "$work/hugo-$size")" 'BEGIN {printf "  ratio Hugo/atlas (wall): %.2f\n", h/a}'
  rm -f "$work/.out-atlas.fingerprint"
  echo "  atlas stages (rebuild without the fingerprint): $("$atlas" build --data "$work/def-$size" --themes "$repo/Themes" --output "$work/out-atlas" | head -1 | sed 's/.* in //')"
done

# The real atlas: a writable copy of the source root, so one value can change.
cp -r ../shared/data/real "$work/real"
chmod -R u+w "$work/real"
inkar="$work/real/indicators/inkar_kreise_1995-2021.csv"
cp "$inkar" "$work/inkar.orig"
set_flensburg() {  # Flensburg's unemployment rate 2021 (13th column; 8.45 in the source)
  sed -i "s/^\(01001,2021,\([^,]*,\)\{10\}\)[0-9.]*,/\1$1,/" "$inkar"
}
: > "$work/full"; : > "$work/noop"; : > "$work/within"; : > "$work/across"
for i in $(seq "$runs"); do
  cp "$work/inkar.orig" "$inkar"
  # A clean build: no previous site or fingerprint (moved aside, see above).
  [ -d "$work/site" ] && mv "$work/site" "$work/old-site-$i"
  rm -f "$work/.site.fingerprint"
  measure "$work/full" "$atlas" build --sources "$work/real" --output "$work/site"
  measure "$work/noop" "$atlas" build --sources "$work/real" --output "$work/site"
  # Within its histogram bin (8.40-8.44): only Flensburg's pages, the indicator's
  # page, its Land's page and the downloads change.
  set_flensburg "8.4$((i % 5))"
  measure "$work/within" "$atlas" build --sources "$work/real" --output "$work/site"
  # Into another bin (10.5-14.5): the histogram on every Steckbrief changes.
  set_flensburg "$((9 + i)).5"
  measure "$work/across" "$atlas" build --sources "$work/real" --output "$work/site"
done
echo "real atlas: 400 Kreise, all indicators and years, maps, keys, de + en"
rm -rf "$work"/old-site-*
report "full build (clean)" "$work/full" "$work/site"
report "no-op rebuild" "$work/noop" "$work/site"
report "one value, same histogram bin" "$work/within" "$work/site"
report "one value, into another bin" "$work/across" "$work/site"
set_flensburg 8.43
"$atlas" build --sources "$work/real" --output "$work/site" | tail -3
