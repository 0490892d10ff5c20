#!/usr/bin/env bash
# SGLD throughput of `nnid llc` against devinterp's sampler, in one run, on the same network,
# inputs, minibatch, chains and draws (tanh 8-32-32-4, n = 10,000; 4 chains × 2000 draws,
# minibatch 256, ε = 1e-5, γ = 100, nβ = n/log n): see peers/devinterp_sample.py.
# The nnid side is the release CLI timed end to end (process start, reading the files and
# computing the targets included); the peer's time is its sampling loop alone.
# Needs python3 with torch and devinterp (pip install devinterp), and `make release` first.
# Usage: Benchmarks/llc-vs-devinterp.sh [path/to/nnid]
set -euo pipefail
cd "$(dirname "$0")"
exec python3 peers/devinterp_sample.py --nnid "${1:-../.build/release/nnid}"
