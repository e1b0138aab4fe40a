#!/usr/bin/env bash
# Benchmark (not a test): the launcher's glibc.malloc.hugetlb=1 (docs/adr/0031) against the same
# commands with it off, side by side in one run: wall time and peak resident memory of calibrating
# the bundled MobileNet and MobileNetV1-32 and of evaluating the MobileNetV1-32 float SNN, and
# whether both settings write byte-identical .snn files.
# Writes bench/results/huge-pages.{json,md}.
# Usage: bench/huge-pages.sh [FASHION_MNIST_DIR] [RGB_DATA_DIR]   (RGB data: bench/fashion-rgb.sh)
set -euo pipefail
cd "$(dirname "$0")/.."
gray="${1:-/usr/share/datasets/fashion-mnist}"
rgb="${2:-/tmp/fashion-rgb-cifar}"
[ -d "$rgb" ] || { echo "SNNC-E: no RGB data at $rgb; make it with: bench/fashion-rgb.sh $rgb" >&2; exit 2; }
./snnc --version >/dev/null
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
rows="$work/rows.tsv"
: > "$rows"

# run LABEL SETTING COMMAND...: wall seconds and peak RSS of one command under GLIBC_TUNABLES=SETTING
run() {
  local label="$1" setting="$2"
  shift 2
  local start end
  start=$(date +%s%3N)
  GLIBC_TUNABLES="$setting" /usr/bin/time -f '%M' -o "$work/rss" "$@" > "$work/out" 2> "$work/err" \
    || { tail -c 2000 "$work/err" >&2; exit 1; }
  end=$(date +%s%3N)
  printf '%s\t%s\t%s\t%s\t%s\n' "$label" "$setting" "$(( end - start ))" "$(tail -1 "$work/rss")" \
    "$(grep -o '"accuracy" *: *[0-9.]*' "$work/out" | head -1 | grep -o '[0-9.]*$' || true)" >> "$rows"
}

for setting in glibc.malloc.hugetlb=0 glibc.malloc.hugetlb=1; do
  tag="${setting##*=}"
  run "calibrate bundled MobileNet, light, T=32, 1,024 images" "$setting" \
    ./snnc calibrate models/mobilenet-fashion.onnx --data "$gray" --T 32 --method light -o "$work/b$tag.snn" --json -q
  run "calibrate MobileNetV1-32, light --channel-wise, T=32, 256 images" "$setting" \
    ./snnc calibrate models/mobilenet-v1-32-fashion-rgb.onnx --data "$rgb" --T 32 --method light --channel-wise \
    --calib-images 256 -o "$work/v$tag.snn" --json -q
  run "eval MobileNetV1-32 float SNN, first 1,000 test images" "$setting" \
    ./snnc eval "$work/v$tag.snn" --data "$rgb" --limit 1000 --json -q
done
same=yes
cmp -s "$work/b0.snn" "$work/b1.snn" && cmp -s "$work/v0.snn" "$work/v1.snn" || same=no

mkdir -p bench/results
python3 - "$rows" "$same" <<'PY'
import json, sys, datetime, os
rows = [l.rstrip("\n").split("\t") for l in open(sys.argv[1])]
machine = open('/proc/cpuinfo').read().split('model name')[1].split('\n')[0].strip(' :\t')
thp = open('/sys/kernel/mm/transparent_hugepage/enabled').read().strip()
date = datetime.datetime.utcnow().strftime("%Y-%m-%dT%H:%M:%SZ")
by = {}
for label, setting, secs, rss, acc in rows:
    by.setdefault(label, {})[setting.split("=")[1]] = {"seconds": round(int(secs) / 1000, 1), "peak_rss_mb": int(rss) // 1024,
                                                       "accuracy": acc or None}
out = {"benchmark": "huge-pages", "date": date, "machine": f"{os.cpu_count()} cores, {machine}",
       "transparent_hugepage": thp, "command": "bench/huge-pages.sh", "identical_snn_files": sys.argv[2] == "yes",
       "rows": by}
json.dump(out, open("bench/results/huge-pages.json", "w"), indent=2)
with open("bench/results/huge-pages.md", "w") as f:
    f.write("# glibc.malloc.hugetlb=1 (the launcher's setting) against off\n\n")
    f.write(f"Measured {date} on {out['machine']}, THP `{thp}`. Reproduce with `bench/huge-pages.sh` "
            "(each command runs with `GLIBC_TUNABLES=glibc.malloc.hugetlb=0`, then all with `=1`).\n\n")
    f.write("| command | off s | on s | speed-up | off peak RSS MB | on peak RSS MB | accuracy off / on |\n|---|---|---|---|---|---|---|\n")
    for label, r in by.items():
        a, b = r["0"], r["1"]
        acc = f"{a['accuracy']} / {b['accuracy']}" if a["accuracy"] else ""
        f.write(f"| {label} | {a['seconds']} | {b['seconds']} | {a['seconds'] / b['seconds']:.2f}x | "
                f"{a['peak_rss_mb']} | {b['peak_rss_mb']} | {acc} |\n")
    f.write(f"\nThe .snn files written with it off and on are byte-identical: {sys.argv[2]}.\n")
PY
cat bench/results/huge-pages.md
