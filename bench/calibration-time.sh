#!/usr/bin/env bash
# Benchmark (not a test): wall time of `light` calibration of the bundled MobileNet on 1,024
# unlabeled training images at T=32 (2 cores), as reported by the calibrate command itself
# (thresholds + per-layer passes; model loading and JVM start excluded), and the whole command.
# Writes bench/results/calibration-time.{json,md}.  Usage: bench/calibration-time.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/usr/share/datasets/fashion-mnist}"
./snnc --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
cmd="./snnc calibrate models/mobilenet-fashion.onnx --T 32 --method light --calib-images 1024 --data $data -o m.snn --json"
start=$(date +%s.%N)
./snnc calibrate models/mobilenet-fashion.onnx --T 32 --method light --calib-images 1024 --data "$data" \
  -o "$work/m.snn" --json > "$work/report.json"
end=$(date +%s.%N)
mkdir -p bench/results
python3 - "$work/report.json" "$cmd" "$start" "$end" <<'PY'
import json, sys, datetime, os
r = json.load(open(sys.argv[1]))
machine = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :\t')
out = {"benchmark": "calibration-time", "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
       "machine": f"{os.cpu_count()} cores, {machine}", "command": sys.argv[2], "images": r["images"],
       "timesteps": r["timesteps"], "method": r["method"], "threshold_seconds": round(r["threshold_seconds"], 1),
       "layer_seconds": round(r["layer_seconds"], 1),
       "calibration_seconds": round(r["threshold_seconds"] + r["layer_seconds"], 1),
       "whole_command_seconds": round(float(sys.argv[4]) - float(sys.argv[3]), 1)}
json.dump(out, open("bench/results/calibration-time.json", "w"), indent=2)
with open("bench/results/calibration-time.md", "w") as f:
    f.write("# `light` calibration time (bundled MobileNet, T=32, 1,024 images)\n\n")
    f.write(f"Measured {out['date']} on {out['machine']}. Reproduce with `bench/calibration-time.sh`.\n\n")
    f.write("| thresholds s | per-layer passes s | calibration s | whole command s (JVM, model, data, file) |\n|---|---|---|---|\n")
    f.write(f"| {out['threshold_seconds']} | {out['layer_seconds']} | {out['calibration_seconds']} | {out['whole_command_seconds']} |\n")
PY
cat bench/results/calibration-time.md
