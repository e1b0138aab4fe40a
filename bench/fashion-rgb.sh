#!/usr/bin/env bash
# Makes the full Fashion-MNIST-in-colour set (60,000 + 10,000 images, 3x32x32; recipe in
# models/tools/fashion_rgb.py) from Debian's dataset-fashion-mnist, as CIFAR-10 binary batches
# (default) or an image folder. Deterministic: the same input files give the same bytes.
# Usage: bench/fashion-rgb.sh OUT_DIR [cifar|folder]
set -euo pipefail
out="$(realpath -m "$1")"; format="${2:-cifar}"
cd "$(dirname "$0")/../models/tools"
/usr/bin/python3 fashion_rgb.py --format "$format" --out "$out"
