#!/usr/bin/env bash
# Benchmark (not a test): what max pooling costs after conversion (spiking max pool, ADR 0021).
# The VGG-style model trained with max pooling (models/vgg-maxpool-fashion.onnx, same recipe as
# models/vgg-fashion.onnx: train.py, 8 epochs, seed 0) against the average-pooling original:
# ANN and `light` float SNN at T, full test set (bench calibration suite), then the max-pool model
# quantized for loihi2 (8-bit, integer recalibration) and simulated bit-exactly.
# Writes bench/results/maxpool-vgg.{json,md} and bench/results/maxpool-vgg-fixed-point.md.
# Usage: bench/maxpool-vgg.sh [T] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
t="${1:-32}"; data="${2:-/usr/share/datasets/fashion-mnist}"
./snnc bench calibration --models models/vgg-fashion.onnx,models/vgg-maxpool-fashion.onnx --timesteps "$t" \
  --methods light --data "$data" --name maxpool-vgg
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
./snnc calibrate models/vgg-maxpool-fashion.onnx --T "$t" --method light --calib-images 1024 --data "$data" -o "$work/m.snn" -q >/dev/null
./snnc quantize "$work/m.snn" --target loihi2 --data "$data" -o "$work/m.fx" -q >/dev/null
./snnc simulate "$work/m.fx" --data "$data" --json -q > "$work/sim.json"
python3 - "$work/sim.json" "$t" "$data" <<'PY'
import json, sys
d = json.load(open(sys.argv[1]))
with open("bench/results/maxpool-vgg-fixed-point.md", "w") as f:
    f.write(f"# VGG-style model with max pooling in fixed point (loihi2, 8-bit, bit-exact), T={sys.argv[2]}\n\n")
    f.write(f"command: `bench/maxpool-vgg.sh {sys.argv[2]} {sys.argv[3]}`\n\n")
    f.write("| model | target | top-1 % | images | steps | synaptic ops per image |\n|---|---|---|---|---|---|\n")
    f.write(f"| vgg-maxpool-fashion | loihi2 (spiking max pool, simulator only: no backend prints it) | "
            f"{100 * d['accuracy']:.2f} | {d['images']} | {d['steps_run']} | {d['synaptic_ops'] / d['images']:.4g} |\n")
PY
echo "wrote bench/results/maxpool-vgg.{json,md} and maxpool-vgg-fixed-point.md"
