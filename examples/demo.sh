#!/usr/bin/env bash
# `make demo`: run nnid on the bundled examples. Each command is echoed before its output.
set -u
nnid=${1:-.build/release/nnid}
cd "$(dirname "$0")/.."
run() {
  echo "\$ nnid $*"
  "$nnid" "$@"
  echo "(exit $?)"
  echo
}
run info examples/relu-2-2-1.json
run eval examples/relu-2-2-1.json --input 1/2,-1
run info examples/skip-relu.json
run eval examples/skip-relu.json --input 0,0
run eval examples/tanh-1-3-1.json --input 1/2
