#!/usr/bin/env bash
# Draws the example pictures with nnid and renders each SVG to PNG with rsvg-convert (librsvg),
# which fails on malformed SVG. Not part of `make test`: it needs librsvg2-bin
# (`apt-get install -y librsvg2-bin`).
#
# Usage: scripts/render-pictures.sh [NNID] [OUTDIR]
#   NNID    the nnid binary (default .build/debug/nnid)
#   OUTDIR  where the SVG and PNG files go (default a fresh temporary folder)
set -euo pipefail
cd "$(dirname "$0")/.."
NNID=${1:-.build/debug/nnid}
OUT=${2:-$(mktemp -d)}
mkdir -p "$OUT"
command -v rsvg-convert >/dev/null || { echo "render-pictures: rsvg-convert not found (apt-get install -y librsvg2-bin)" >&2; exit 2; }

for net in relu-2-2-1 relu-2-3-1-regions relu-2-3-2-1-regions leaky-abs-skip-regions skip-relu; do
    "$NNID" plot regions "examples/$net.json" -o "$OUT/regions-$net.svg" --points 40
done
"$NNID" plot regions examples/relu-2-3-2-1-regions.json -o "$OUT/regions-zoom.svg" --box=-1/4,1/2,-1/2,1/4

status=0
for svg in "$OUT"/*.svg; do
    if rsvg-convert "$svg" -o "${svg%.svg}.png"; then
        echo "rendered ${svg%.svg}.png"
    else
        echo "render-pictures: $svg does not render" >&2
        status=1
    fi
done
exit $status
