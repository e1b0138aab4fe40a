#!/usr/bin/env bash
# Benchmark (not a test): MobileNetV1-32 (width 0.5, CIFAR strides) on Fashion-MNIST in colour.
# ANN in snnc against PyTorch's recorded accuracy (full test set); then per calibration variant
# (T and calibrate options; 1,024 calibration images) the float SNN on the full test set, and
# loihi2 and fpga 8-bit with integer recalibration simulated bit-exactly on the first FIXED images
# next to the float SNN on the same images. Writes bench/results/NAME.{json,md}.
# Usage: bench/mobilenet-v1-32.sh DATA_DIR [FIXED_IMAGES] [VARIANTS] [NAME]
#   DATA_DIR from bench/fashion-rgb.sh; VARIANTS: ';'-separated "T:calibrate options",
#   default "32:--method light" (e.g. "32:--method light --channel-wise;64:--method light --channel-wise");
#   NAME default mobilenet-v1-32
set -euo pipefail
cd "$(dirname "$0")/.."
data="$1"; fixed="${2:-2000}"; variants="${3:-32:--method light}"; name="${4:-mobilenet-v1-32}"
model=models/mobilenet-v1-32-fashion-rgb.onnx
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
rows="$work/rows.jsonl"
row() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({'variant': sys.argv[2], 'accuracy_percent': round(100*d['accuracy'],2), 'images': d['images'], 'seconds': round(d.get('seconds', 0), 1), 'calibration_seconds': int(sys.argv[3])}))" "$1" "$2" "${3:-0}" >> "$rows"; }
./snnc eval "$model" --data "$data" --json -q > "$work/ann.json"; row "$work/ann.json" "ANN (snnc, DJL)"
./snnc eval "$model" --data "$data" --limit "$fixed" --json -q > "$work/ann-sub.json"; row "$work/ann-sub.json" "ANN (snnc, DJL) (first $fixed)"
IFS=';' read -ra list <<< "$variants"
for v in "${list[@]}"; do
  t="${v%%:*}"; opts="${v#*:}"; label="T=$t $opts"
  start=$(date +%s)
  # shellcheck disable=SC2086
  ./snnc calibrate "$model" --T "$t" $opts --calib-images 1024 --data "$data" -o "$work/m.snn" -q > /dev/null
  calib=$(( $(date +%s) - start ))
  ./snnc eval "$work/m.snn" --data "$data" --json -q > "$work/snn.json"; row "$work/snn.json" "float SNN, $label" "$calib"
  ./snnc eval "$work/m.snn" --data "$data" --limit "$fixed" --json -q > "$work/snn-sub.json"
  row "$work/snn-sub.json" "float SNN, $label (first $fixed)"
  for target in loihi2 fpga; do
    ./snnc quantize "$work/m.snn" --target "$target" --data "$data" -o "$work/$target.fx" -q > /dev/null
    ./snnc simulate "$work/$target.fx" --data "$data" --limit "$fixed" --json -q > "$work/$target.json"
    row "$work/$target.json" "$target 8-bit, recalibrated, bit-exact, $label (first $fixed)"
  done
done
python3 - "$rows" "$data" "$fixed" "$variants" "$name" <<'PY'
import json, sys, datetime, os
rows = [json.loads(l) for l in open(sys.argv[1])]
ref = json.load(open("models/mobilenet-v1-32-fashion-rgb.reference.json"))
name = sys.argv[5]
out = {"benchmark": "mobilenet-v1-32", "command": f"bench/mobilenet-v1-32.sh {sys.argv[2]} {sys.argv[3]} '{sys.argv[4]}' {name}",
       "machine": f"{os.cpu_count()} cores", "date": datetime.date.today().isoformat(),
       "pytorch_test_accuracy_percent": round(100 * ref["test_accuracy"], 2), "rows": rows}
json.dump(out, open(f"bench/results/{name}.json", "w"), indent=1)
with open(f"bench/results/{name}.md", "w") as f:
    f.write("# MobileNetV1-32 (width 0.5) on Fashion-MNIST in colour\n\n")
    f.write(f"command: `{out['command']}`; PyTorch's test accuracy (train_mobilenet_v1.py): "
            f"{out['pytorch_test_accuracy_percent']}%; 1,024 calibration images; machine: {out['machine']}\n\n")
    f.write("| variant | top-1 % | images | eval seconds | calibration seconds |\n|---|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['variant']} | {r['accuracy_percent']} | {r['images']} | {r['seconds']} | {r['calibration_seconds'] or ''} |\n")
PY
echo "wrote bench/results/$name.{json,md}"
