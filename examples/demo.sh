#!/usr/bin/env bash
# `make demo`: run nnid on the bundled examples. Each command is echoed before its output.
# The walkthroughs in examples/*.md explain each network (index: examples/README.md).
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
run eval examples/skip-relu.json --input 0,0
run eval examples/tanh-1-3-1.json --input 1/2
run canon examples/tanh-cascade.json
run canon examples/tanh-constant-unit.json
run equiv examples/relu-2-2-1.json examples/relu-2-2-1-rescaled.json
run equiv examples/relu-2-2-1.json examples/skip-relu.json
run equiv examples/relu-opposite-pair.json examples/linear-one-unit.json
# `check`: canonical form + exact or numeric rank + verdict. Exit 0 identifiable, 1 findings.
run check examples/relu-2-2-1.json
run check examples/tanh-duplicate-pair.json
run check examples/relu-opposite-pair.json
