#!/usr/bin/env bash
# Benchmark (not a test): MobileNetV1-32 (width 0.5, CIFAR strides) on Fashion-MNIST in colour.
# ANN in snnc against PyTorch's recorded accuracy (full test set); then per calibration variant
# (T and calibrate options; 1,024 calibration images) the float SNN on the full test set, and
# loihi2 and fpga 8-bit with integer recalibration simulated bit-exactly on the first FIXED images
# next to the float SNN on the same images. Writes bench/results/NAME.{json,md}.
# Usage: bench/mobilenet-v1-32.sh DATA_DIR [FIXED_IMAGES] [VARIANTS] [NAME]
#   DATA_DIR from bench/fashion-rgb.sh; FIXED_IMAGES default 2000, "all" for the full test set (then
#   every row is on the full set and no "(first N)" rows are written); VARIANTS: ';'-separated "T:calibrate options",
#   default "32:--method light" (e.g. "32:--method light --channel-wise;64:--method light --channel-wise");
#   NAME default mobilenet-v1-32
# Environment: MODEL=PATH.onnx (default models/mobilenet-v1-32-fashion-rgb.onnx; PyTorch's accuracy is read
# from PATH's .reference.json).
set -euo pipefail
cd "$(dirname "$0")/.."
data="$1"; fixed="${2:-2000}"; variants="${3:-32:--method light}"; name="${4:-mobilenet-v1-32}"
model="${MODEL:-models/mobilenet-v1-32-fashion-rgb.onnx}"
if [ "$fixed" = all ]; then limit=(); sub=""; else limit=(--limit "$fixed"); sub=" (first $fixed)"; fi
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
rows="$work/rows.jsonl"
row() { python3 -c "import json,sys; d=json.load(open(sys.argv[1])); print(json.dumps({'variant': sys.argv[2], 'accuracy_percent': round(100*d['accuracy'],2), 'images': d['images'], 'seconds': round(d.get('seconds', 0), 1), 'calibration_seconds': int(sys.argv[3])}))" "$1" "$2" "${3:-0}" >> "$rows"; }
./snnc eval "$model" --data "$data" --json -q > "$work/ann.json"; row "$work/ann.json" "ANN (snnc, DJL)"
if [ -n "$sub" ]; then
  ./snnc eval "$model" --data "$data" "${limit[@]}" --json -q > "$work/ann-sub.json"; row "$work/ann-sub.json" "ANN (snnc, DJL)$sub"
fi
IFS=';' read -ra list <<< "$variants"
for v in "${list[@]}"; do
  t="${v%%:*}"; opts="${v#*:}"; label="T=$t $opts"
  start=$(date +%s)
  # shellcheck disable=SC2086
  ./snnc calibrate "$model" --T "$t" $opts --calib-images 1024 --data "$data" -o "$work/m.snn" -q > /dev/null
  calib=$(( $(date +%s) - start ))
  ./snnc eval "$work/m.snn" --data "$data" --json -q > "$work/snn.json"; row "$work/snn.json" "float SNN, $label" "$calib"
  if [ -n "$sub" ]; then
    ./snnc eval "$work/m.snn" --data "$data" "${limit[@]}" --json -q > "$work/snn-sub.json"
    row "$work/snn-sub.json" "float SNN, $label$sub"
  fi
  for target in loihi2 fpga; do
    ./snnc quantize "$work/m.snn" --target "$target" --data "$data" -o "$work/$target.fx" -q > /dev/null
    ./snnc simulate "$work/$target.fx" --data "$data" "${limit[@]}" --json -q > "$work/$target.json"
    row "$work/$target.json" "$target 8-bit, recalibrated, bit-exact, $label$sub"
  done
done
python3 - "$rows" "$data" "$fixed" "$variants" "$name" "$model" <<'PY'
import json, sys, datetime, os
rows = [json.loads(l) for l in open(sys.argv[1])]
name, model = sys.argv[5], sys.argv[6]
ref = json.load(open(model[:-len(".onnx")] + ".reference.json"))
env = "" if model == "models/mobilenet-v1-32-fashion-rgb.onnx" else f"MODEL={model} "
out = {"benchmark": "mobilenet-v1-32", "model": model, "activation": ref.get("activation", "relu"),
       "command": env + f"bench/mobilenet-v1-32.sh {sys.argv[2]} {sys.argv[3]} '{sys.argv[4]}' {name}",
       "machine": f"{os.cpu_count()} cores", "date": datetime.date.today().isoformat(),
       "pytorch_test_accuracy_percent": round(100 * ref["test_accuracy"], 2), "rows": rows}
json.dump(out, open(f"bench/results/{name}.json", "w"), indent=1)
with open(f"bench/results/{name}.md", "w") as f:
    f.write(f"# MobileNetV1-32 (width 0.5, {out['activation']}) on Fashion-MNIST in colour ({os.path.basename(model)})\n\n")
    f.write(f"command: `{out['command']}`; PyTorch's test accuracy (train_mobilenet_v1.py): "
            f"{out['pytorch_test_accuracy_percent']}%; 1,024 calibration images; machine: {out['machine']}\n\n")
    f.write("| variant | top-1 % | images | eval seconds | calibration seconds |\n|---|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['variant']} | {r['accuracy_percent']} | {r['images']} | {r['seconds']} | {r['calibration_seconds'] or ''} |\n")
PY
echo "wrote bench/results/$name.{json,md}"
