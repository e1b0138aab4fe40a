#!/usr/bin/env bash
# Benchmark (not a test): where a conversion loses accuracy. For each calibrated .snn, on the same
# test images: the ANN (the ONNX model), the quantized ANN at the SNN's thresholds and T
# (`snnc eval --quantized-ann`: clipping and T levels, no temporal error) and the float SNN.
# ANN minus quantized ANN is the cost of the thresholds and T; quantized ANN minus SNN is the error
# from inputs that vary in time.
# Usage: bench/conversion-error.sh NAME MODEL.onnx DATA_DIR LIMIT SNN_FILE...
#   LIMIT: the first LIMIT test images (0: all). Writes bench/results/NAME.{json,md}.
set -euo pipefail
cd "$(dirname "$0")/.."
[ $# -ge 5 ] || { echo "usage: bench/conversion-error.sh NAME MODEL.onnx DATA_DIR LIMIT SNN_FILE..." >&2; exit 2; }
name="$1"; model="$2"; data="$3"; limit="$4"
shift 4
limit_opt=()
[ "$limit" = 0 ] || limit_opt=(--limit "$limit")
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT

# accuracy LABEL FILE OPTIONS...: one row of JSON lines with the command's accuracy and seconds
accuracy() {
  local label="$1" file="$2"
  shift 2
  ./snnc eval "$file" --data "$data" "${limit_opt[@]}" --json -q "$@" > "$work/out" 2> "$work/err" \
    || { tail -c 2000 "$work/err" >&2; exit 1; }
  python3 - "$label" "$file" "$work/out" "$*" >> "$work/rows.jsonl" <<'PY'
import json, sys
label, file, out, opts = sys.argv[1:5]
d = json.load(open(out))
print(json.dumps({"row": label, "file": file, "options": opts, "accuracy_percent": round(100 * d["accuracy"], 2),
                  "images": d["images"], "timesteps": d.get("timesteps"), "seconds": round(d["seconds"], 1)}))
PY
}

accuracy "ANN" "$model"
for snn in "$@"; do
  accuracy "quantized ANN" "$snn" --quantized-ann
  accuracy "float SNN" "$snn"
done
python3 - "$work/rows.jsonl" "$name" "$model" "$data" "$limit" "$@" <<'PY'
import json, os, platform, sys
rows_file, name, model, data, limit = sys.argv[1:6]
snns = sys.argv[6:]
rows = [json.loads(l) for l in open(rows_file)]
ann = rows[0]["accuracy_percent"]
command = f"bench/conversion-error.sh {name} {model} {data} {limit} " + " ".join(snns)
images = rows[0]["images"]
json.dump({"command": command, "machine": f"{os.cpu_count()} cores, {platform.machine()}", "rows": rows},
          open(f"bench/results/{name}.json", "w"), indent=1)
with open(f"bench/results/{name}.md", "w") as md:
    md.write(f"# Where the conversion loses accuracy: {os.path.basename(model)}, {images} test images\n\n")
    md.write(f"command: `{command}`; machine: {os.cpu_count()} cores, {platform.machine()}\n\n")
    md.write(f"ANN (`snnc eval {model}`): {ann:.2f}%\n\n")
    md.write("| .snn file | T | quantized ANN % | float SNN % | ANN - quantized (thresholds, T) | quantized - SNN (temporal) |\n")
    md.write("|---|---|---|---|---|---|\n")
    for q, s in zip(rows[1::2], rows[2::2]):
        md.write(f"| {os.path.basename(q['file'])} | {q['timesteps']} | {q['accuracy_percent']:.2f} | "
                 f"{s['accuracy_percent']:.2f} | {ann - q['accuracy_percent']:.2f} | "
                 f"{q['accuracy_percent'] - s['accuracy_percent']:.2f} |\n")
    md.write("\nThe quantized ANN is the model at the SNN's thresholds with each activation rounded to T levels as a "
             "subtractive neuron fires from a constant input (`snnc eval FILE --quantized-ann`); bias corrections "
             "and initial potentials are left out.\n")
print(open(f"bench/results/{name}.md").read())
PY
