#!/usr/bin/env python3
"""Benchmark (not a test): how snnc's cost grows with input resolution and image count.

MobileNetV1 (ImageNet strides, width --width; weights from models/tools/mobilenet_v1_scale.py) at
each --sizes resolution, on the bundled colour Fashion-MNIST folder resized to that size. Every
stage runs as its own `./snnc` process under /usr/bin/time, so each row has the stage's wall time
and peak resident memory (JVM included):
  eval (import + ANN on --test images), calibrate (light, T=--T, --calib images), quantize (loihi2,
  integer recalibration), compile for loihi1, loihi2 and fpga (mapping and printing: cores, chips),
  simulate (loihi2 .fx, bit-exact, --test images: synaptic events/s).
Writes bench/results/scale-<name>.{json,md}.

Usage: /usr/bin/python3 bench/scale.py [--sizes 32,64,128,224] [--width 1.0] [--calib 256] [--test 100]
                                       [--T 32] [--data DIR] [--name NAME]
"""
import argparse
import datetime
import json
import os
import re
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def timed(cmd, log):
    """Runs cmd under /usr/bin/time -v; returns (seconds, peak RSS MiB, stdout)."""
    start = time.time()
    p = subprocess.run(["/usr/bin/time", "-v"] + cmd, cwd=ROOT, capture_output=True, text=True)
    seconds = time.time() - start
    log.write("$ " + " ".join(cmd) + "\n" + p.stdout + p.stderr + "\n")
    if p.returncode != 0:
        sys.exit(f"failed ({p.returncode}): {' '.join(cmd)}\n{p.stderr[-3000:]}")
    rss_kb = int(re.search(r"Maximum resident set size \(kbytes\): (\d+)", p.stderr).group(1))
    return seconds, rss_kb / 1024.0, p.stdout


def main():
    a = argparse.ArgumentParser()
    a.add_argument("--sizes", default="32,64,128,224")
    a.add_argument("--width", type=float, default=1.0)
    a.add_argument("--calib", type=int, default=256)
    a.add_argument("--test", type=int, default=100)
    a.add_argument("--T", type=int, default=32)
    a.add_argument("--data", default="data/fashion-rgb-subset/folder")
    a.add_argument("--name", default=None)
    args = a.parse_args()
    name = args.name or f"scale-w{args.width}"
    work = tempfile.mkdtemp(prefix="snnc-scale-")
    log = open(os.path.join(work, "log.txt"), "w")
    rows = []
    snnc = "./snnc"
    for size in [int(s) for s in args.sizes.split(",")]:
        onnx = os.path.join(work, f"mnv1-{size}.onnx")
        subprocess.run(["/usr/bin/python3", "models/tools/mobilenet_v1_scale.py", "--size", str(size), "--width",
                        str(args.width), "--out", onnx], cwd=ROOT, check=True, capture_output=True)
        snn, fx = os.path.join(work, f"m{size}.snn"), os.path.join(work, f"m{size}.fx")
        data = ["--data", args.data]

        def row(stage, seconds, rss, **extra):
            r = {"size": size, "width": args.width, "stage": stage, "seconds": round(seconds, 1),
                 "peak_rss_mib": round(rss), **extra}
            rows.append(r)
            print(json.dumps(r), flush=True)

        s, m, out = timed([snnc, "eval", onnx, *data, "--limit", str(args.test), "--json", "-q"], log)
        ev = json.loads(out)
        inspect = subprocess.run([snnc, "inspect", onnx, "--json"], cwd=ROOT, capture_output=True, text=True).stdout
        macs = json.loads(inspect).get("macs") if inspect.strip().startswith("{") else None
        row("import + ANN", s, m, images=args.test, ann_accuracy=ev["accuracy"], macs_per_image=macs)
        s, m, _ = timed([snnc, "calibrate", onnx, *data, "--T", str(args.T), "--method", "light", "--calib-images",
                         str(args.calib), "-o", snn, "-q"], log)
        row("calibrate (light)", s, m, images=args.calib)
        s, m, _ = timed([snnc, "quantize", snn, "--target", "loihi2", *data, "--calib-images", "32", "-o", fx, "-q"], log)
        row("quantize (loihi2)", s, m, images=32)
        for target in ("loihi1", "loihi2", "fpga"):
            src = fx
            if target != "loihi2":
                src = os.path.join(work, f"m{size}-{target}.fx")
                timed([snnc, "quantize", snn, "--target", target, *data, "--calib-images", "32", "--iterations", "0",
                       "-o", src, "-q"], log)
            out_dir = os.path.join(work, f"out{size}-{target}")
            chips = ["--max-chips", "0"] if target.startswith("loihi") else []  # chips needed, not one board's
            s, m, _ = timed([snnc, "compile", src, "-o", out_dir, *data, "--energy-images", "0", *chips, "-q"], log)
            report = json.load(open(os.path.join(out_dir, "report.json")))["report"]
            facts = {k: v for k, v in report.items() if isinstance(v, (int, float)) and k not in ("timesteps",)}
            row(f"backend ({target})", s, m, **facts)
        s, m, out = timed([snnc, "simulate", fx, *data, "--limit", str(args.test), "--json", "-q"], log)
        sim = json.loads(out)
        row("simulate (loihi2, bit-exact)", s, m, images=args.test, accuracy=sim["accuracy"],
            synaptic_ops_per_second=sim.get("synaptic_ops_per_second"))
    machine = open("/proc/cpuinfo").read().split("model name")[1].split("\n")[0].strip(" :\t")
    result = {"benchmark": "scale", "command": "/usr/bin/python3 bench/scale.py " + " ".join(sys.argv[1:]),
              "date": datetime.date.today().isoformat(), "machine": f"{os.cpu_count()} cores, {machine}",
              "model": f"MobileNetV1 width {args.width}, ImageNet strides (models/tools/mobilenet_v1_scale.py)",
              "data": args.data, "timesteps": args.T, "rows": rows}
    os.makedirs(os.path.join(ROOT, "bench/results"), exist_ok=True)
    json.dump(result, open(os.path.join(ROOT, f"bench/results/{name}.json"), "w"), indent=1)
    with open(os.path.join(ROOT, f"bench/results/{name}.md"), "w") as f:
        f.write(f"# Cost against input resolution: {result['model']}\n\n")
        f.write(f"command: `{result['command']}`  \nmachine: {result['machine']}  \ndata: {args.data} "
                f"(resized), T={args.T}\n\n")
        f.write("| size | stage | seconds | peak RSS MiB | details |\n|---|---|---|---|---|\n")
        for r in rows:
            details = ", ".join(f"{k} {v}" for k, v in r.items()
                                if k not in ("size", "width", "stage", "seconds", "peak_rss_mib") and v is not None)
            f.write(f"| {r['size']} | {r['stage']} | {r['seconds']} | {r['peak_rss_mib']} | {details} |\n")
    print(f"wrote bench/results/{name}.{{json,md}}; stage logs in {log.name}")


if __name__ == "__main__":
    main()
