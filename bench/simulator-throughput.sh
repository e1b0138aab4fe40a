#!/usr/bin/env bash
# Benchmark (not a test): the integer simulator (ideal profile) against the float SNN on DJL for
# the bundled MobileNet calibrated with `light` at T=32, on the first 1,000 Fashion-MNIST test
# images: accuracy, prediction agreement, synaptic operations per second, images x T per second.
# Writes bench/results/simulator-throughput.{json,md}.  Usage: bench/simulator-throughput.sh [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
data="${1:-/usr/share/datasets/fashion-mnist}"
./snnc --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
./snnc calibrate models/mobilenet-fashion.onnx --T 32 --method light --data "$data" -o "$work/m.snn" -q > /dev/null
cmd="./snnc simulate MODEL.snn --data $data --limit 1000 --compare-float --json -q"
./snnc simulate "$work/m.snn" --data "$data" --limit 1000 --compare-float --json -q > "$work/sim.json"
mkdir -p bench/results
python3 - "$work/sim.json" "$cmd" <<'PY'
import json, sys, datetime, os
d = json.load(open(sys.argv[1]))
machine = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :\t')
out = {"benchmark": "simulator-throughput", "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
       "machine": f"{os.cpu_count()} cores, {machine}",
       "model": "models/mobilenet-fashion.onnx calibrated: ./snnc calibrate ... --T 32 --method light",
       "command": sys.argv[2]}
for k in ["target", "timesteps", "images", "accuracy", "float_snn_accuracy", "prediction_agreement", "synaptic_ops",
          "neuron_updates", "seconds", "synaptic_ops_per_second", "image_steps_per_second",
          "float_snn_image_steps_per_second", "firing_rates"]:
    out[k] = d[k]
json.dump(out, open("bench/results/simulator-throughput.json", "w"), indent=2)
with open("bench/results/simulator-throughput.md", "w") as f:
    f.write("# Integer simulator vs float SNN (bundled MobileNet, light, T=32)\n\n")
    f.write(f"Measured {out['date']} on {out['machine']}. Reproduce with `bench/simulator-throughput.sh`.\n\n")
    f.write("| what | value |\n|---|---|\n")
    f.write(f"| images | {d['images']} |\n| simulator top-1 % (ideal profile) | {100*d['accuracy']:.2f} |\n")
    f.write(f"| float SNN top-1 % (DJL) | {100*d['float_snn_accuracy']:.2f} |\n")
    f.write(f"| prediction agreement % | {100*d['prediction_agreement']:.2f} |\n")
    f.write(f"| synaptic operations | {d['synaptic_ops']:.4g} |\n| neuron updates | {d['neuron_updates']:.4g} |\n")
    f.write(f"| simulator wall time s | {d['seconds']:.1f} |\n")
    f.write(f"| synaptic ops per second | {d['synaptic_ops_per_second']:.3g} |\n")
    f.write(f"| simulator images x T per second | {d['image_steps_per_second']:.0f} |\n")
    f.write(f"| float SNN (DJL/libtorch) images x T per second | {d['float_snn_image_steps_per_second']:.0f} |\n")
PY
cat bench/results/simulator-throughput.md
