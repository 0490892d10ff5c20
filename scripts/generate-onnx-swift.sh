#!/usr/bin/env bash
# Regenerates Sources/NetworkFormats/OnnxSubset.pb.swift from Protos/onnx-subset.proto.
# Run by hand only when the .proto changes: the generated file is committed, so building nnid
# needs neither protoc nor the code generator.
#
# Needs protoc (Debian: protobuf-compiler) and protoc-gen-swift of the same swift-protobuf
# version as Package.swift (1.39.0), built outside this repository, e.g.
#   git clone --branch 1.39.0 https://github.com/apple/swift-protobuf /tmp/swift-protobuf
#   (cd /tmp/swift-protobuf && swift build -c release --product protoc-gen-swift)
#   PROTOC_GEN_SWIFT=/tmp/swift-protobuf/.build/release/protoc-gen-swift scripts/generate-onnx-swift.sh
set -euo pipefail
cd "$(dirname "$0")/.."
plugin=${PROTOC_GEN_SWIFT:-protoc-gen-swift}
out=$(mktemp -d)
protoc --plugin=protoc-gen-swift="$plugin" --swift_opt=Visibility=Internal --swift_out="$out" \
  -I Protos Protos/onnx-subset.proto
mv "$out/onnx-subset.pb.swift" Sources/NetworkFormats/OnnxSubset.pb.swift
rm -rf "$out"
echo "wrote Sources/NetworkFormats/OnnxSubset.pb.swift"
