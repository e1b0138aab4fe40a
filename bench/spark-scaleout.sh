#!/usr/bin/env bash
# Benchmark (not a test): the distributed module's overhead. The bundled MobileNet, calibrated
# (light, T) and quantized for loihi2 on the bundled subset, then run on the test set three ways in
# one session: one JVM, --spark local[1] and --spark local[2] (same machine, same cores): bit-exact
# simulation and float ANN eval. Images/s from each run's own timing (the Spark runs include
# starting the Spark context) and the wall time of each process; overhead per image against the
# single JVM. Checks that the simulation's counts are identical.
# Writes bench/results/spark-scaleout.{json,md}.
# Usage: bench/spark-scaleout.sh [T] [DATA_DIR] [IMAGES]
set -euo pipefail
cd "$(dirname "$0")/.."
t="${1:-32}"; data="${2:-/usr/share/datasets/fashion-mnist}"; n="${3:-2000}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
./snnc calibrate models/mobilenet-fashion.onnx --T "$t" --method light --data data/fashion-mnist-subset -o "$work/m.snn" -q >/dev/null
./snnc quantize "$work/m.snn" --target loihi2 --data data/fashion-mnist-subset -o "$work/m.fx" -q >/dev/null
run() { # name, command...
  local name="$1"; shift
  local start end
  start=$(date +%s.%N)
  "$@" --json -q > "$work/$name.json" 2>"$work/$name.err"
  end=$(date +%s.%N)
  echo "$end - $start" | bc > "$work/$name.wall"
}
for mode in single "local[1]" "local[2]"; do
  tag="${mode//[^a-z0-9]/}"
  spark=(); [ "$mode" = single ] || spark=(--spark "$mode")
  run "sim-$tag" ./snnc simulate "$work/m.fx" --data "$data" --limit "$n" "${spark[@]}"
  run "ann-$tag" ./snnc eval models/mobilenet-fashion.onnx --data "$data" --limit "$n" "${spark[@]}"
done
python3 - "$work" "$t" "$data" "$n" <<'PY'
import json, sys
work, t, data, n = sys.argv[1:]
rows = []
for job in ("sim", "ann"):
    base = None
    for mode, tag in (("one JVM", "single"), ("--spark local[1]", "local1"), ("--spark local[2]", "local2")):
        r = json.load(open(f"{work}/{job}-{tag}.json"))
        wall = float(open(f"{work}/{job}-{tag}.wall").read())
        row = {"job": "bit-exact simulation (loihi2)" if job == "sim" else "float ANN (DJL)", "mode": mode,
               "images": r["images"], "correct": r["correct"], "seconds": r["seconds"], "wall_seconds": wall,
               "images_per_second": r["images"] / r["seconds"]}
        if job == "sim":
            row["synaptic_ops"] = r["synaptic_ops"]
            row["spikes"] = r["spikes"]
        if base is None:
            base = row
        row["overhead_ms_per_image"] = 1000 * (row["seconds"] - base["seconds"]) / row["images"]
        row["identical_to_one_jvm"] = all(row.get(k) == base.get(k) for k in ("images", "correct", "synaptic_ops", "spikes"))
        rows.append(row)
json.dump({"command": f"bench/spark-scaleout.sh {t} {data} {n}", "T": int(t), "rows": rows},
          open("bench/results/spark-scaleout.json", "w"), indent=1)
with open("bench/results/spark-scaleout.md", "w") as f:
    f.write(f"# Spark scale-out overhead: bundled MobileNet, T={t}, {n} test images, one machine\n\n")
    f.write(f"command: `bench/spark-scaleout.sh {t} {data} {n}`\n\n")
    f.write("| job | mode | images/s | run s | process wall s | overhead ms/image vs one JVM | top-1 | counts identical |\n")
    f.write("|---|---|---|---|---|---|---|---|\n")
    for r in rows:
        f.write(f"| {r['job']} | {r['mode']} | {r['images_per_second']:.1f} | {r['seconds']:.1f} | {r['wall_seconds']:.1f} | "
                f"{r['overhead_ms_per_image']:+.2f} | {100 * r['correct'] / r['images']:.2f}% | "
                f"{'yes' if r['identical_to_one_jvm'] else 'NO'} |\n")
PY
echo "wrote bench/results/spark-scaleout.{json,md}"
