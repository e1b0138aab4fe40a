"""Writes the Fashion-MNIST subset bundled with snnc: the first 1,024 training images (for
calibration) and the first 1,000 test images, as gzip IDX files with fixed gzip headers.

Usage (from the repository root):
  /usr/bin/python3 models/tools/make_subset.py --out data/fashion-mnist-subset
"""
import argparse
import os

import fashion_data


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--data", default=fashion_data.DEFAULT_DIR)
    p.add_argument("--out", required=True)
    p.add_argument("--train", type=int, default=1024)
    p.add_argument("--test", type=int, default=1000)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for split, prefix, n in (("train", "train", a.train), ("test", "t10k", a.test)):
        images, labels = fashion_data.load(split, a.data)
        fashion_data.write_idx_gz(os.path.join(a.out, f"{prefix}-images-idx3-ubyte.gz"), images[:n])
        fashion_data.write_idx_gz(os.path.join(a.out, f"{prefix}-labels-idx1-ubyte.gz"), labels[:n])


if __name__ == "__main__":
    main()
