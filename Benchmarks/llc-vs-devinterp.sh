#!/usr/bin/env bash
# SGLD throughput of nnid's LearningCoefficient against devinterp's sampler, in one run, on the
# same network, inputs, minibatch, chains and draws: the peer writes them, both sides time them.
# Needs python3 with torch and devinterp (pip install devinterp).
# Usage: Benchmarks/llc-vs-devinterp.sh
set -euo pipefail
cd "$(dirname "$0")"
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
echo "building (release)…" >&2
swift build -c release --scratch-path .build --product LLCBenchmark >&2
echo "== devinterp" >&2
peer=$(python3 peers/devinterp_sample.py --write "$dir" | tee /dev/stderr | awk '/^RESULT/ { print $3, $4 }')
echo "== nnid" >&2
ours=$(.build/release/LLCBenchmark "$dir" | tee /dev/stderr | awk '/^RESULT/ { print $3, $4 }')
echo "$ours $peer" | awk '{ printf "\nSGLD steps/s: nnid %.4g, devinterp %.4g, ratio %.2f\n", $2 / $1, $4 / $3, ($2 / $1) / ($4 / $3) }'
