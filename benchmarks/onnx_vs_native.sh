#!/usr/bin/env bash
# The imported ONNX models against the native TorchSharp ones, in one run, alternating, medians: each round runs
# `bench --scenario X --runs 1` (a warm-up and one timed sweep, in a fresh process) for the native and the ONNX
# scenario in turn. Usage: benchmarks/onnx_vs_native.sh [ROUNDS_MNIST] [ROUNDS_CIFAR]   (default 5 and 3)
set -euo pipefail
repo=$(cd "$(dirname "$0")/.." && pwd)
tool="$repo/Adversarial.Cli/bin/Release/net10.0/linux-x64/adversarial"
[ -x "$tool" ] || { echo "error: build first: dotnet build $repo/Adversarial.Cli -c Release" >&2; exit 1; }
work=$(mktemp -d); trap 'rm -rf "$work"' EXIT
seconds() { python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))[0]["runs"][0])' "$1"; }
median() { python3 -c 'import statistics,sys; print(f"{statistics.median(map(float, sys.argv[1:])):.3f}")' "$@"; }
compare() {
  local native=$1 onnx=$2 rounds=$3 a=() b=()
  for round in $(seq "$rounds"); do
    "$tool" bench --scenario "$native" --runs 1 --json "$work/n.json" >/dev/null; a+=("$(seconds "$work/n.json")")
    "$tool" bench --scenario "$onnx" --runs 1 --json "$work/o.json" >/dev/null; b+=("$(seconds "$work/o.json")")
  done
  local mn mo; mn=$(median "${a[@]}"); mo=$(median "${b[@]}")
  echo "$native: ${a[*]} s -> median $mn s | $onnx: ${b[*]} s -> median $mo s | ratio $(python3 -c "print(f'{$mo/$mn:.3f}')")"
}
compare mnist-fgsm mnist-fgsm-onnx "${1:-5}"
compare cifar-fgsm cifar-fgsm-onnx "${2:-3}"
