#!/usr/bin/env bash
# Builds the benchmarks in release mode, compiles the C baselines, runs everything and prints a
# table: Swift time, baseline time and their ratio (Swift / C; 1.0 means no overhead).
# Usage: Benchmarks/run.sh [Name …]   (default: every Sources/*/main.swift)
set -euo pipefail
cd "$(dirname "$0")"

if [ $# -gt 0 ]; then names=("$@"); else
    names=()
    for dir in Sources/*/; do [ -f "$dir/main.swift" ] && names+=("$(basename "$dir")"); done
fi

echo "building (release)…" >&2
swift build -c release --scratch-path .build >&2
mkdir -p .build/c
gmp_flags=$(pkg-config --cflags --libs gmp 2>/dev/null || echo "-lgmp")
gcc -O2 -o .build/c/mpq_muladd C/mpq_muladd.c $gmp_flags
gcc -O2 -o .build/c/svd C/svd.c -llapacke -lm
gcc -O2 -o .build/c/nmod_rank C/nmod_rank.c -lflint $gmp_flags
gcc -O2 -o .build/c/pivoted_cholesky C/pivoted_cholesky.c -llapacke -lblas -lm -ldl

results=$(mktemp)
trap 'rm -f "$results"' EXIT
# Each program's output is copied to stderr through a process, not `tee /dev/stderr`: reopening
# /dev/stderr truncates a log file that both streams are redirected to.
for name in "${names[@]}"; do
    echo "== $name" >&2
    .build/release/"$name" | tee >(cat >&2) | awk '/^RESULT/ { print "swift", $2, $3, $4 }' >> "$results"
done
for baseline in .build/c/*; do
    echo "== C: $(basename "$baseline")" >&2
    "$baseline" | tee >(cat >&2) | awk '/^RESULT/ { print "c", $2, $3, $4 }' >> "$results"
done

echo
awk '
    $1 == "swift" { s[$2] = $3; ops[$2] = $4; order[++n] = $2 }
    $1 == "c"     { c[$2] = $3 }
    END {
        printf "%-28s %12s %14s %12s %8s\n", "benchmark", "swift (s)", "swift ops/s", "C (s)", "ratio"
        for (i = 1; i <= n; i++) {
            k = order[i]
            if (k in c) printf "%-28s %12.6f %14.4g %12.6f %8.2f\n", k, s[k], ops[k] / s[k], c[k], s[k] / c[k]
            else        printf "%-28s %12.6f %14.4g %12s %8s\n", k, s[k], ops[k] / s[k], "-", "-"
        }
    }' "$results"
