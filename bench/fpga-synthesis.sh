#!/usr/bin/env bash
# Benchmark (not a test): the FPGA engine for the bundled MobileNet through Yosys at 1, 4 and 8 PEs:
# Xilinx 7-series (synth_xilinx: LUTs, flip-flops, block RAM, DSP; fit on named devices) and the
# generic flow (gates, memory macros), with the engine's cycles per image from the cycle model.
# The model is calibrated (light, T) and quantized for fpga on the bundled subset first.
# Writes bench/results/fpga-synthesis.{json,md}.
# Usage: bench/fpga-synthesis.sh [T] [DATA_DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
t="${1:-32}"; data="${2:-data/fashion-mnist-subset}"
work="$(mktemp -d)"; trap 'rm -rf "$work"' EXIT
./snnc calibrate models/mobilenet-fashion.onnx --T "$t" --method light --data "$data" -o "$work/m.snn" -q >/dev/null
./snnc quantize "$work/m.snn" --target fpga --data "$data" -o "$work/m.fx" -q >/dev/null
for pe in 1 4 8; do
  for flow in xc7 generic; do
    ./snnc compile "$work/m.fx" --pe "$pe" --synth "$flow" -o "$work/pe$pe-$flow" -q >/dev/null
  done
done
python3 - "$work" "$t" "$data" <<'PY'
import json, sys
work, t, data = sys.argv[1:]
rows = []
for pe in (1, 4, 8):
    for flow in ("xc7", "generic"):
        r = json.load(open(f"{work}/pe{pe}-{flow}/report.json"))["report"]
        rows.append({"pe": pe, "flow": flow, "cycles_per_image": r["cyclesPerImage"], "synthesis": r["synthesis"],
                     "devices": r["devices"], "weight_bits": r["totalWeightBits"], "state_bits": r["totalStateBits"]})
json.dump({"command": f"bench/fpga-synthesis.sh {t} {data}", "T": int(t), "rows": rows},
          open("bench/results/fpga-synthesis.json", "w"), indent=1)
with open("bench/results/fpga-synthesis.md", "w") as f:
    f.write(f"# FPGA engine synthesis: bundled MobileNet, fpga 8-bit, T={t} (Yosys)\n\n")
    f.write(f"command: `bench/fpga-synthesis.sh {t} {data}`\n\n")
    f.write("| PE | cycles/image | LUTs (as memory) | flip-flops | BRAM36 | DSP48E1 | latches | yosys xc7 s | generic: cells, FFs, memories, latches | generic s |\n")
    f.write("|---|---|---|---|---|---|---|---|---|---|\n")
    for pe in (1, 4, 8):
        x = next(r for r in rows if r["pe"] == pe and r["flow"] == "xc7")
        g = next(r for r in rows if r["pe"] == pe and r["flow"] == "generic")
        s, q = x["synthesis"], g["synthesis"]
        cells = sum(q["cells"].values())
        f.write(f"| {pe} | {x['cycles_per_image']:,} | {s['luts']:,} ({s['lutsAsMemory']:,}) | {s['flipFlops']:,} | "
                f"{s['bram36']:.1f} | {s['dsp']} | {s['latches']} | {s['seconds']:.0f} | {cells:,}, {q['flipFlops']:,}, "
                f"{q['memoryMacros']}, {q['latches']} | {q['seconds']:.0f} |\n")
    f.write("\nFit on named devices (share of each budget; data-sheet budgets in Synthesis.java):\n\n")
    f.write("| PE | device | fits | LUT % | FF % | BRAM % | DSP % |\n|---|---|---|---|---|---|---|\n")
    for r in rows:
        if r["flow"] != "xc7":
            continue
        for d in r["devices"]:
            f.write(f"| {r['pe']} | {d['device']} | {'yes' if d['fits'] else 'no'} | {100 * d['lutShare']:.1f} | "
                    f"{100 * d['flipFlopShare']:.1f} | {100 * d['bramShare']:.1f} | {100 * d['dspShare']:.1f} |\n")
PY
echo "wrote bench/results/fpga-synthesis.{json,md}"
