#!/usr/bin/env bash
# Benchmark (not a test): fixed-point accuracy of the bundled MobileNet calibrated with light at T=32,
# for each target / weight width / reset, plain rounding and integer recalibration, simulated
# bit-exactly. Writes bench/results/quantize-<name>.{json,md}.
# Usage: bench/quantize-matrix.sh NAME DATA_DIR [TEST_IMAGES]   (e.g. subset data/fashion-mnist-subset 1000)
set -euo pipefail
cd "$(dirname "$0")/.."
name="$1"; data="$2"; limit="${3:-}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
lim=${limit:+--limit $limit}
./snnc calibrate models/mobilenet-fashion.onnx --T 32 --method light --calib-images 1024 \
  --data data/fashion-mnist-subset -o "$work/m.snn" -q > /dev/null
float=$(./snnc eval "$work/m.snn" --data "$data" $lim --json -q | python3 -c 'import json,sys; print(json.load(sys.stdin)["accuracy"])')
rows="$work/rows.jsonl"
for cfg in "loihi2 8 subtract" "loihi2 8 zero" "fpga 8 subtract" "fpga 4 subtract"; do
  set -- $cfg
  for it in 0 2; do
    ./snnc quantize "$work/m.snn" --target "$1" --weight-bits "$2" --reset "$3" --iterations "$it" \
      --data data/fashion-mnist-subset -o "$work/m.fx" -q --allow-overflow > /dev/null
    ./snnc simulate "$work/m.fx" --data "$data" $lim --json -q | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(json.dumps({'target':'$1','weight_bits':$2,'reset':'$3','recalibration_iterations':$it,'accuracy_percent':round(100*d['accuracy'],2),
 'images':d['images'],'steps':d['steps_run'],'synaptic_ops_per_second':round(d['synaptic_ops_per_second']),'image_steps_per_second':round(d['image_steps_per_second'])}))" >> "$rows"
  done
done
python3 - "$rows" "$name" "$float" "$data" <<'PY'
import json, sys, datetime, os, platform
rows = [json.loads(l) for l in open(sys.argv[1])]
name, flt, data = sys.argv[2], float(sys.argv[3]), sys.argv[4]
out = {"benchmark": "quantize", "command": "bench/quantize-matrix.sh " + " ".join(sys.argv[2:]),
       "machine": f"{os.cpu_count()} cores, {platform.machine()}", "date": datetime.date.today().isoformat(),
       "test_data": data, "float_snn_accuracy_percent": round(100 * flt, 2), "rows": rows}
json.dump(out, open(f"bench/results/quantize-{name}.json", "w"), indent=1)
with open(f"bench/results/quantize-{name}.md", "w") as f:
    f.write(f"# Fixed point, MobileNet light T=32 ({data}; float SNN {100*flt:.2f}%)\n\n")
    f.write("| target | bits | reset | recal. iterations | top-1 % | steps | synaptic ops/s | images x T/s |\n|---|---|---|---|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['target']} | {r['weight_bits']} | {r['reset']} | {r['recalibration_iterations']} | {r['accuracy_percent']} | {r['steps']} | {r['synaptic_ops_per_second']:.3g} | {r['image_steps_per_second']} |\n")
    f.write(f"\nCommand: `{out['command']}`; machine: {out['machine']}.\n")
PY
echo "wrote bench/results/quantize-$name.{json,md}"
