#!/usr/bin/env bash
# Benchmark (not a test): the bundled MobileNet's Loihi 2 netlist in real Lava (fixed_pt CPU models,
# through backend-loihi/lava/snnc_lava.py and shared/tools/lava/python3-lava) against
# `snnc simulate` of the same netlist on the first N test images: every spike of every population
# at every step and the readout compared, and both tools' steps per second.
# Writes bench/results/lava-mobilenet.{json,md}.
# Usage: bench/lava-mobilenet.sh [N_IMAGES] [NETLIST] [DATA_DIR] [PYTHON3_LAVA]
set -euo pipefail
cd "$(dirname "$0")/.."
n="${1:-2}"
netlist="${2:-out/mobilenet-fashion-loihi2/netlist.json}"
data="${3:-data/fashion-mnist-subset}"
lava="${4:-../shared/tools/lava/python3-lava}"
[ -x "$lava" ] || { echo "no Lava wrapper at $lava (give its path as the 4th argument)" >&2; exit 2; }
./snnc --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
/usr/bin/python3 - "$data" "$n" "$work/images.json" <<'PY'
import json, sys
sys.path.insert(0, "models/tools")
import fashion_data
images, labels = fashion_data.load("test", sys.argv[1])
n = int(sys.argv[2])
json.dump({"images": [images[i].reshape(-1).tolist() for i in range(n)], "labels": [int(l) for l in labels[:n]]},
          open(sys.argv[3], "w"))
PY
dump=$(seq -s, 0 $((n - 1)))
start=$(date +%s.%N)
"$lava" backend-loihi/lava/snnc_lava.py "$netlist" --images "$work/images.json" --out "$work/lava.json" --trace-neurons 0
lava_seconds=$(echo "$(date +%s.%N) - $start" | bc)
./snnc simulate "$netlist" --data "$data" --limit "$n" --dump "$dump" --dump-file "$work/sim-dump.json" \
  --trace-neurons 0 --json -q > "$work/sim.json"
mkdir -p bench/results
/usr/bin/python3 - "$work" "$lava_seconds" "$netlist" "$n" "$data" <<'PY'
import json, sys, datetime, os
work, lava_seconds, netlist, n, data = sys.argv[1], float(sys.argv[2]), sys.argv[3], int(sys.argv[4]), sys.argv[5]
lava = json.load(open(f"{work}/lava.json"))
dump = json.load(open(f"{work}/sim-dump.json"))
sim = json.load(open(f"{work}/sim.json"))
steps = dump["steps"]
spikes_equal = readout_equal = 0
spikes = 0
for a, b in zip(dump["images"], lava["images"]):
    same = all(x["spike_steps"] == y["spike_steps"] and x["spike_neurons"] == y["spike_neurons"]
               for x, y in zip(a["layers"], b["layers"]))
    spikes_equal += same
    readout_equal += a["readout"] == b["readout"]
    spikes += sum(len(x["spike_steps"]) for x in a["layers"])
machine = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :\t')
out = {"benchmark": "lava-mobilenet", "date": datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ"),
       "machine": f"{os.cpu_count()} cores, {machine}", "netlist": netlist, "data": data, "images": n,
       "steps_per_image": steps, "spikes": spikes, "images_with_all_spikes_equal": spikes_equal,
       "images_with_readout_equal": readout_equal, "lava_seconds": lava_seconds,
       "lava_steps_per_second": n * steps / lava_seconds, "simulator_seconds": sim["seconds"],
       "simulator_steps_per_second": n * steps / sim["seconds"],
       "command": f"bench/lava-mobilenet.sh {n} {netlist} {data}"}
json.dump(out, open("bench/results/lava-mobilenet.json", "w"), indent=2)
with open("bench/results/lava-mobilenet.md", "w") as f:
    f.write("# The bundled MobileNet netlist in real Lava vs snnc simulate\n\n")
    f.write(f"Command: `{out['command']}`; machine: {out['machine']}; {out['date']}.\n\n")
    f.write("| images | steps each | spikes | all spikes equal | readout equal | Lava s | Lava steps/s | simulator s | simulator steps/s |\n")
    f.write("|---|---|---|---|---|---|---|---|---|\n")
    f.write(f"| {n} | {steps} | {spikes:,} | {spikes_equal}/{n} | {readout_equal}/{n} | {lava_seconds:.1f} | "
            f"{out['lava_steps_per_second']:.2f} | {sim['seconds']:.2f} | {out['simulator_steps_per_second']:.0f} |\n")
print(json.dumps(out, indent=2))
PY
