#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/Harnesses and runs each for a while.
#
#   Fuzz/run.sh [SECONDS] [HARNESS…]        e.g. Fuzz/run.sh 600            (all, one after another)
#                                                Fuzz/run.sh 60 json rational
#   make fuzz SECONDS=600
#
# The package's modules are built once with `-sanitize=fuzzer,address` (coverage instrumentation
# plus AddressSanitizer) into .build-fuzz; each harness is then linked against their object files
# with libFuzzer's main. Corpora grow under .build-fuzz/corpus/NAME (seeded from Fuzz/seeds/NAME,
# examples/ and the bad-input corpus Tests/CLITests/Corpus), crashes land in
# .build-fuzz/artifacts/NAME, logs in .build-fuzz/logs/NAME.log. The script exits non-zero when
# any harness crashed; a crash input must then become a regression file in
# Tests/CLITests/Corpus (see Fuzz/README.md).
#
# Environment: JOBS (harnesses run at once, default 1), NICE (default 19: the machine may be shared), SWIFT (default swift),
# RSS_LIMIT_MB (default 2048), BUILD_ONLY=1 (build, do not run), RUN_ONLY=1 (run the harnesses
# built last time, without rebuilding: the sources may change meanwhile).
set -euo pipefail

cd "$(dirname "$0")/.."
ROOT=$PWD
DURATION=${1:-60}
shift || true
SWIFT=${SWIFT:-swift}
NICE=${NICE:-19}
JOBS=${JOBS:-1}
RSS_LIMIT_MB=${RSS_LIMIT_MB:-2048}
SCRATCH=$ROOT/.build-fuzz
BIN=$SCRATCH/release
OUT=$SCRATCH/bin

# name : seed sources (besides Fuzz/seeds/NAME) : max_len : dictionary
harness_config() {
    case $1 in
        native-json) echo "examples Tests/CLITests/Corpus:json|4096|Fuzz/seeds/dict-json.txt" ;;
        json)        echo "examples Tests/CLITests/Corpus:json|4096|Fuzz/seeds/dict-json.txt" ;;
        rational)    echo "|256|" ;;
        options)     echo "|1024|Fuzz/seeds/dict-options.txt" ;;
        input-data)  echo "Tests/CLITests/Corpus: Tests/NetworkFormatsTests/Fixtures: Tests/NetworkFormatsTests/Fixtures/Malformed:|8192|Fuzz/seeds/dict-npy.txt" ;;
        network)     echo "examples Tests/CLITests/Corpus: Tests/NetworkFormatsTests/Fixtures: Tests/NetworkFormatsTests/Fixtures/Malformed:|8192|Fuzz/seeds/dict-json.txt" ;;
        safetensors) echo "Tests/CLITests/Corpus:safetensors Tests/NetworkFormatsTests/Fixtures:safetensors Tests/NetworkFormatsTests/Fixtures/Malformed:safetensors|8192|Fuzz/seeds/dict-safetensors.txt" ;;
        npy)         echo "Tests/CLITests/Corpus:npy Tests/NetworkFormatsTests/Fixtures:npy Tests/NetworkFormatsTests/Fixtures/Malformed:npy|4096|Fuzz/seeds/dict-npy.txt" ;;
        pytorch)     echo "Tests/CLITests/Corpus:pt Tests/NetworkFormatsTests/Fixtures/Frameworks:pt|8192|Fuzz/seeds/dict-pickle.txt" ;;
        pickle)      echo "Tests/CLITests/Corpus:pkl|8192|Fuzz/seeds/dict-pickle.txt" ;;
        onnx)        echo "Tests/CLITests/Corpus:onnx Tests/NetworkFormatsTests/Fixtures/Frameworks:onnx|8192|Fuzz/seeds/dict-onnx.txt" ;;
        nnet)        echo "Tests/NetworkFormatsTests/Fixtures/Frameworks:nnet|4096|Fuzz/seeds/dict-nnet.txt" ;;
        npz)         echo "Tests/CLITests/Corpus:npz Tests/NetworkFormatsTests/Fixtures:npz Tests/NetworkFormatsTests/Fixtures/Malformed:npz|16384|Fuzz/seeds/dict-npy.txt" ;;
        # Every fixture and corpus file, any format: detection is part of what is fuzzed.
        *)           echo "|4096|" ;;
    esac
}

all_harnesses() {
    for f in Fuzz/Harnesses/*.swift; do basename "$f" .swift; done
}

HARNESSES=("$@")
if [ ${#HARNESSES[@]} -eq 0 ]; then mapfile -t HARNESSES < <(all_harnesses); fi

build_all() {
mkdir -p "$SCRATCH"
echo "== building modules with -sanitize=fuzzer,address (.build-fuzz)"
nice -n "$NICE" "$SWIFT" build --scratch-path "$SCRATCH" -c release --target NetworkFormats \
    -Xswiftc -sanitize=fuzzer,address -Xcc -fsanitize=fuzzer-no-link,address >"$SCRATCH/build.log" 2>&1 \
    || { cat "$SCRATCH/build.log"; exit 1; }

# Object files of NetworkFormats and everything it depends on (C targets included).
OBJECTS=()
for module in Exact LinearAlgebra Networks NetworkFormats CZlib SwiftProtobuf; do
    [ -d "$BIN/$module.build" ] || continue
    while IFS= read -r -d '' o; do OBJECTS+=("$o"); done < <(find "$BIN/$module.build" -name '*.o' -print0)
done
LIBS=(-lgmp -llapacke -lflint)
if ldconfig -p 2>/dev/null | grep -q 'libz\.so'; then LIBS+=(-lz); fi

mkdir -p "$OUT"
for name in "${HARNESSES[@]}"; do
    src=Fuzz/Harnesses/$name.swift
    [ -f "$src" ] || { echo "no harness $src" >&2; exit 1; }
    echo "== linking $name"
    nice -n "$NICE" swiftc -sanitize=fuzzer,address -parse-as-library -O -module-name "Fuzz_${name//-/_}" \
        -I "$BIN/Modules" -I Sources/CGMP -I Sources/CLAPACKE -I Sources/CFLINT $( [ -d Sources/CZlib ] && echo -I Sources/CZlib ) \
        "$src" "${OBJECTS[@]}" "${LIBS[@]}" -o "$OUT/fuzz-$name" 2> >(grep -v 'Cannot export local symbol' >&2)
done
}
[ "${RUN_ONLY:-0}" = 1 ] || build_all
[ "${BUILD_ONLY:-0}" = 1 ] && exit 0

run_one() {
    local name=$1 config sources maxlen dict corpus artifacts log
    config=$(harness_config "$name")
    sources=${config%%|*}; config=${config#*|}
    maxlen=${config%%|*}; dict=${config#*|}
    corpus=$SCRATCH/corpus/$name
    artifacts=$SCRATCH/artifacts/$name
    log=$SCRATCH/logs/$name.log
    mkdir -p "$corpus" "$artifacts" "$SCRATCH/logs"
    # Seed: committed seeds, plus files from the listed folders (`dir:ext` keeps one extension).
    [ -d "Fuzz/seeds/$name" ] && cp -n Fuzz/seeds/"$name"/* "$corpus"/ 2>/dev/null || true
    for s in $sources; do
        local dir=${s%%:*} ext=""
        [[ $s == *:* ]] && ext=${s#*:}
        [ -d "$dir" ] || continue
        find "$dir" -maxdepth 1 -type f ${ext:+-name "*.$ext"} ! -name '*.md' ! -name '*.sh' ! -name '*.tsv' \
            -exec cp -n {} "$corpus"/ \; 2>/dev/null || true
    done
    local args=(-max_total_time="$DURATION" -max_len="$maxlen" -timeout=10 -rss_limit_mb="$RSS_LIMIT_MB"
        -print_final_stats=1 -artifact_prefix="$artifacts/")
    [ -n "$dict" ] && args+=(-dict="$dict")
    echo "== fuzzing $name for ${DURATION}s (log: ${log#$ROOT/})"
    local status=0
    nice -n "$NICE" "$OUT/fuzz-$name" "${args[@]}" "$corpus" >"$log" 2>&1 || status=$?
    local summary
    summary=$(grep -E '^#[0-9]+' "$log" | tail -1 || true)
    local execs
    execs=$(grep -E 'stat::number_of_executed_units' "$log" | awk '{print $2}' || true)
    echo "   $name: exit $status; executions ${execs:-?}; corpus $(ls "$corpus" | wc -l) files; last: $summary"
    if [ $status -ne 0 ]; then
        echo "   $name: CRASH — see $log and $artifacts" >&2
        return 1
    fi
}

failed=0
running=0
for name in "${HARNESSES[@]}"; do
    if [ "$JOBS" -le 1 ]; then
        run_one "$name" || failed=1
    else
        run_one "$name" &
        running=$((running + 1))
        if [ $running -ge "$JOBS" ]; then wait -n || failed=1; running=$((running - 1)); fi
    fi
done
while [ $running -gt 0 ]; do wait -n || failed=1; running=$((running - 1)); done
exit $failed
