#!/usr/bin/env bash
# `make demo`: run nnid on the bundled examples.
set -u
nnid=${1:-.build/release/nnid}
cd "$(dirname "$0")/.."
echo "nnid demo"
