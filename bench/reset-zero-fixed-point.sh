#!/usr/bin/env bash
# Benchmark (not a test): a model (default the bundled MobileNet) calibrated for reset to zero (light, fire ratios
# searched per channel) at T, evaluated as a float SNN and bit-exactly on stock loihi2 LIF and netx,
# on the full test set, next to the subtractive float SNN (the reference the targets are measured
# against) calibrated in the same run. Writes bench/results/reset-zero-fixed-point-T<T>.{json,md}.
# Usage: bench/reset-zero-fixed-point.sh T [DATA_DIR] [TARGETS] [QUANTIZE_OPTIONS]
#   DATA_DIR default: Debian's fashion-mnist; TARGETS default: "loihi2 netx";
#   QUANTIZE_OPTIONS default: none, i.e. snnc quantize's defaults (integer recalibration settings).
# Environment: KEEP=DIR keeps the calibrated .snn files in DIR and reuses them when they are already
# there, with their float SNN accuracies (to compare quantization settings without calibrating again; the calibration seconds are then
# those of the run that made them, read from DIR/calibration-seconds). NAME=N writes bench/results/N.{json,md}
# instead of reset-zero-fixed-point-T<T> (reset-zero-fixed-point-<model>-T<T> for another MODEL).
# MODEL=PATH.onnx: the model to convert (default models/mobilenet-fashion.onnx). CALIB_IMAGES=N calibration
# images for both models (default 1024). RZ_OPTS='...' more snnc calibrate options for the reset-to-zero
# model only (e.g. '--phase-copies 2'). RZ_FLOAT_LIMIT=N evaluates the reset-to-zero float SNN on the first N
# test images only (its row says how many; a split network's float eval costs hours on the full set).
set -euo pipefail
cd "$(dirname "$0")/.."
model="${MODEL:-models/mobilenet-fashion.onnx}"; calib_images="${CALIB_IMAGES:-1024}"; rz_opts="${RZ_OPTS:-}"
t="$1"; data="${2:-/usr/share/datasets/fashion-mnist}"; targets="${3:-loihi2 netx}"; qopts="${4:-}"
if [ -n "${KEEP:-}" ]; then
  work="$KEEP"; mkdir -p "$work"; rm -f "$work/rows.jsonl"
else
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
fi
rows="$work/rows.jsonl"
[ -f "$work/ref.snn" ] || ./snnc calibrate "$model" --T "$t" --method light --calib-images "$calib_images" \
  --data "$data" -o "$work/ref.snn" -q > /dev/null
[ -f "$work/ref.row" ] || ./snnc eval "$work/ref.snn" --data "$data" --json -q | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(json.dumps({'variant':'float SNN, subtractive reset (reference)','accuracy_percent':round(100*d['accuracy'],2),'images':d['images']}))" > "$work/ref.row"
cat "$work/ref.row" >> "$rows"
if [ ! -f "$work/m.snn" ]; then
  start=$(date +%s)
  # shellcheck disable=SC2086
  ./snnc calibrate "$model" --T "$t" --method light --reset zero --compare gt --calib-images "$calib_images" $rz_opts \
    --data "$data" -o "$work/m.snn" -q > /dev/null
  echo $(( $(date +%s) - start )) > "$work/calibration-seconds"
fi
calib=$(cat "$work/calibration-seconds")
[ -f "$work/m.row" ] || ./snnc eval "$work/m.snn" --data "$data" ${RZ_FLOAT_LIMIT:+--limit "$RZ_FLOAT_LIMIT"} --json -q | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(json.dumps({'variant':'float SNN, reset to zero, fire ratios per channel${rz_opts:+ ($rz_opts)}','accuracy_percent':round(100*d['accuracy'],2),'images':d['images']}))" > "$work/m.row"
cat "$work/m.row" >> "$rows"
for target in $targets; do
  # shellcheck disable=SC2086
  ./snnc quantize "$work/m.snn" --target "$target" --reset zero $qopts --data "$data" -o "$work/$target.fx" -q > /dev/null
  ./snnc simulate "$work/$target.fx" --data "$data" --json -q | python3 -c "
import json,sys; d=json.load(sys.stdin)
print(json.dumps({'variant':'$target stock LIF, 8-bit fixed point, bit-exact (${qopts:-defaults})','accuracy_percent':round(100*d['accuracy'],2),'images':d['images'],'steps':d['steps_run']}))" >> "$rows"
done
stem="$(basename "$model" .onnx)"
if [ "$model" = models/mobilenet-fashion.onnx ]; then default_name="reset-zero-fixed-point-T$t"; else default_name="reset-zero-fixed-point-$stem-T$t"; fi
name="${NAME:-$default_name}"
python3 - "$rows" "$t" "$data" "$calib" "$targets" "$qopts" "$name" "$model" "$default_name" <<'PY'
import json, sys, datetime, os, platform
rows = [json.loads(l) for l in open(sys.argv[1])]
t, data, calib, targets, qopts, name, model, default_name = sys.argv[2:10]
env = ("" if model == "models/mobilenet-fashion.onnx" else f"MODEL={model} ") + (f"NAME={name} " if name != default_name else "") \
    + (f"CALIB_IMAGES={os.environ['CALIB_IMAGES']} " if os.environ.get('CALIB_IMAGES') else "") \
    + (f"RZ_OPTS='{os.environ['RZ_OPTS']}' " if os.environ.get('RZ_OPTS') else "") \
    + (f"RZ_FLOAT_LIMIT={os.environ['RZ_FLOAT_LIMIT']} " if os.environ.get('RZ_FLOAT_LIMIT') else "")
out = {"benchmark": "reset-zero-fixed-point", "model": model, "command": env + f"bench/reset-zero-fixed-point.sh {t} {data} '{targets}' '{qopts}'",
       "machine": f"{os.cpu_count()} cores, {platform.machine()}", "date": datetime.date.today().isoformat(),
       "timesteps": int(t), "test_data": data, "calibration_seconds": int(calib), "rows": rows}
json.dump(out, open(f"bench/results/{name}.json", "w"), indent=1)
with open(f"bench/results/{name}.md", "w") as f:
    f.write(f"# Reset to zero with per-channel fire ratios, {os.path.basename(model)}, T={t} ({data}, test split)\n\n")
    f.write("| variant | top-1 % | images | steps |\n|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['variant']} | {r['accuracy_percent']} | {r['images']} | {r.get('steps', t)} |\n")
    ref = rows[0]["accuracy_percent"]
    # a difference means something only on the same test images (RZ_FLOAT_LIMIT evaluates fewer)
    f.write("\nPoints below the subtractive reference: " + "; ".join(
        f"{r['variant']}: {ref - r['accuracy_percent']:.2f}" if r["images"] == rows[0]["images"]
        else f"{r['variant']}: not compared (first {r['images']} test images, the reference on {rows[0]['images']})"
        for r in rows[1:]) + ".\n")
    f.write(f"\nCalibration (light, {os.environ.get('CALIB_IMAGES', '1024')} training images, fire ratios searched): {calib} s. Command: `{out['command']}`; machine: {out['machine']}.\n")
PY
echo "wrote bench/results/$name.{json,md}"
