#!/usr/bin/env bash
# Benchmark (not a test): one calibration variant of a model, quick and paired: `light` (or METHOD) on 256
# training images, then the float SNN's top-1 on the first N test images (the same images for every
# variant, so differences between variants are paired). For exploring conversion options before a
# full-test-set run (bench/reset-zero-fixed-point.sh); not a substitute for it.
# Usage: bench/calibration-variant.sh NAME T [N] -- [snnc calibrate options...]
#   e.g. bench/calibration-variant.sh rz-cw 128 2000 -- --reset zero --compare gt --channel-wise
# Environment: METHOD=M calibration method (default light), MODEL=PATH.onnx (default models/mobilenet-fashion.onnx), DATA=DIR (default Debian's
# fashion-mnist), OUT=FILE: the line appended per variant (default bench/results/calibration-variants.txt).
set -euo pipefail
cd "$(dirname "$0")/.."
name="$1"; t="$2"; shift 2
n=2000
if [ "$#" -gt 0 ] && [ "$1" != -- ]; then n="$1"; shift; fi
if [ "${1:-}" = -- ]; then shift; fi
method="${METHOD:-light}"; model="${MODEL:-models/mobilenet-fashion.onnx}"; data="${DATA:-/usr/share/datasets/fashion-mnist}"
out="${OUT:-bench/results/calibration-variants.txt}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
start=$(date +%s)
./snnc calibrate "$model" --T "$t" --method "$method" --calib-images 256 --data "$data" -o "$work/m.snn" -q "$@" > "$work/report.txt"
calib=$(( $(date +%s) - start ))
read -r acc images < <(./snnc eval "$work/m.snn" --data "$data" --limit "$n" --json -q | python3 -c \
  "import json,sys; d=json.load(sys.stdin); print(round(100*d['accuracy'],2), d['images'])")
[ -n "${images:-}" ] || { echo "calibration-variant: snnc eval gave no result (see above); nothing written" >&2; exit 1; }
line="$(date -u +%F) $name: $(basename "$model") T=$t $method, 256 calibration images [$*]: float SNN $acc% on the first $images test images; calibration ${calib} s; command: METHOD=$method MODEL=$model DATA=$data bench/calibration-variant.sh $name $t $n -- $*"
echo "$line" | tee -a "$out"
cat "$work/report.txt"
