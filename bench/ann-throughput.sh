#!/usr/bin/env bash
# Benchmark (not a test): float ANN evaluation throughput of the bundled MobileNet on DJL/libtorch
# over the full 10k Fashion-MNIST test set (Debian dataset-fashion-mnist), for 1 and 2 libtorch
# threads, plus peak RSS on the 10k test set vs the 60k training set (flat native memory).
# Writes bench/results/ann-throughput.{json,md}.  Usage: bench/ann-throughput.sh
set -euo pipefail
cd "$(dirname "$0")/.."
./snnc --version >/dev/null   # build first, outside the timings
out=bench/results
mkdir -p "$out"
model=models/mobilenet-fashion.onnx
machine="$(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//'), $(free -g | awk '/Mem:/{print $2}') GiB"
rows=()
json_rows=()
for threads in 1 2; do
  for split in test train; do
    cmd="./snnc eval $model --split $split --threads $threads --batch-size 256 --json -q"
    /usr/bin/time -f '%M' -o /tmp/snnc-rss.txt $cmd > /tmp/snnc-eval.json
    rss_mb=$(( $(cat /tmp/snnc-rss.txt) / 1024 ))
    read -r images acc ips < <(python3 -c "import json;d=json.load(open('/tmp/snnc-eval.json'));print(d['images'],round(100*d['accuracy'],2),round(d['images_per_second']))")
    rows+=("| $threads | $split | $images | $acc | $ips | $rss_mb | \`$cmd\` |")
    json_rows+=("{\"threads\": $threads, \"split\": \"$split\", \"images\": $images, \"accuracy_percent\": $acc, \"images_per_second\": $ips, \"peak_rss_mb\": $rss_mb, \"command\": \"$cmd\"}")
  done
done
date="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
{
  echo "{\"benchmark\": \"ann-throughput\", \"date\": \"$date\", \"machine\": \"$machine\", \"results\": ["
  (IFS=$',\n'; echo "${json_rows[*]}")
  echo "]}"
} | python3 -m json.tool > "$out/ann-throughput.json"
{
  echo "# ANN evaluation throughput (bundled MobileNet, DJL/libtorch, float32)"
  echo
  echo "Measured $date on: $machine. Reproduce with \`bench/ann-throughput.sh\`."
  echo "Throughput counts the evaluation loop only (preprocessing included, model loading excluded);"
  echo "peak RSS is the whole JVM process (\`/usr/bin/time -f %M\`)."
  echo
  echo "| libtorch threads | split | images | top-1 % | images/s | peak RSS MB | command |"
  echo "|---|---|---|---|---|---|---|"
  printf '%s\n' "${rows[@]}"
} > "$out/ann-throughput.md"
cat "$out/ann-throughput.md"
