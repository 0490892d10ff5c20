#!/usr/bin/env bash
# The rank table of Benchmarks/README.md, measured side by side in one run: for each network,
# `nnid check` (release build; --factorization streaming and qr, or gram at P > 8,000, where the
# other engines' plans exceed the targets' memory), the JAX peer
# (peers/jax_rank.py: jacrev + matrix_rank, or --gram: Gram + eigvalsh) and one bare dgesdd of a
# ceil(1.25·P) x P matrix (C/dgesdd_shape.c); wall time and peak resident memory (GNU time).
# Usage: Benchmarks/rank-table.sh [case …]   cases: relu2328 relu3968 digits tanh3968 acas mnist
# Runs at `nice`, one job at a time. Output: one line per measurement, then the table.
set -uo pipefail
cd "$(dirname "$0")"
root=..
out=.build/rank-table
mkdir -p "$out"
cases=("$@"); [ ${#cases[@]} -gt 0 ] || cases=(relu2328 relu3968 digits tanh3968 acas mnist)
(cd "$root" && swift build -c release --product nnid >&2) || exit 1
nnid="$root/.build/release/nnid"
gcc -O2 -o "$out/dgesdd_shape" C/dgesdd_shape.c -llapacke -lm || exit 1
gcc -O2 -o "$out/gram_shape" C/gram_shape.c -llapacke -lblas -lm || exit 1
lock=(); [ -e /work/bigmem.lock ] && lock=(flock /work/bigmem.lock)
timed() {  # label command…  → "label seconds peakGB cpu-seconds status" (CPU: user + system, for a loaded machine)
    local label=$1; shift
    "${lock[@]}" /usr/bin/time -f "%e %M %U %S" -o "$out/time.txt" nice -n 19 "$@" > "$out/$label.out" 2> "$out/$label.err"
    local status=$?
    read -r secs kb user sys < <(tail -1 "$out/time.txt")
    printf "%-26s %9.1f s %7.2f GB  cpu %8.1f s  exit %s\n" "$label" "$secs" "$(echo "$kb / 1048576" | bc -l)" \
        "$(echo "$user + $sys" | bc -l)" "$status"
}
for c in "${cases[@]}"; do
    case $c in
        relu2328) python3 peers/make_net.py relu 8,40,40,8 "$out/$c.json" ;;
        relu3968) python3 peers/make_net.py relu 8,40,40,40,8 "$out/$c.json" ;;
        tanh3968) python3 peers/make_net.py tanh 8,40,40,40,8 "$out/$c.json" ;;
        acas)     python3 peers/make_net.py relu 5,50,50,50,50,50,50,5 "$out/$c.json" ;;
        mnist)    python3 peers/make_net.py relu 784,30,30,30,10 "$out/$c.json" ;;
        digits)   python3 peers/make_net.py digits "$out/$c.json" ;;
    esac >&2
    rm -f "$out/$c".*.out
    P=$(python3 -c "import json; d=json.load(open('$out/$c.json')); print(sum(len(l['weights'])*len(l['weights'][0])+len(l['bias']) for l in d['layers']))")
    exact=--no-exact; [ "$c" = digits ] && exact=--exact
    limit="--max-analysis-parameters 30000"
    if [ "$P" -gt 8000 ]; then
        timed "$c.nnid.gram" "$nnid" check "$out/$c.json" --factorization gram $exact --verbose ${NNID_BUDGET:-}
    else
        timed "$c.nnid.streaming" "$nnid" check "$out/$c.json" --factorization streaming $exact $limit ${NNID_BUDGET:-}
        timed "$c.nnid.qr" "$nnid" check "$out/$c.json" $exact $limit ${NNID_BUDGET:-}
    fi
    gram=; [ "$P" -gt 5000 ] && gram=--gram
    timed "$c.jax" python3 peers/jax_rank.py "$out/$c.json" 1.25 $gram
    m=$(( (P * 5 + 3) / 4 ))
    if [ "$P" -gt 8000 ]; then
        rows=$(grep -o "[0-9]*×$P Jacobian" "$out/$c.nnid.gram.out" | head -1 | cut -d× -f1)
        timed "$c.gram-bare" "$out/gram_shape" "${rows:-$m}" "$P"
        grep -h "dsyrk" "$out/$c.gram-bare.out" | sed 's/^/    bare:    /'
    else
        timed "$c.dgesdd" "$out/dgesdd_shape" "$m" "$P"
    fi
    [ -f "$out/$c.nnid.gram.out" ] && grep -h "functional dimension\|^bracket\|^batch\|Gram method\|spectrum at\|tolerance\|verdict" "$out/$c.nnid.gram.out" | sed 's/^/    gram:      /'
    [ -f "$out/$c.nnid.streaming.out" ] && grep -h "functional dimension\|^bracket\|^batch\|row selection\|verdict" "$out/$c.nnid.streaming.out" | sed 's/^/    streaming: /'
    [ -f "$out/$c.nnid.qr.out" ] && grep -h "functional dimension\|^batch\|verdict" "$out/$c.nnid.qr.out" | sed 's/^/    qr:        /'
    grep -h "JAX" "$out/$c.jax.out" | sed 's/^/    /'
done
