"""Fashion-MNIST rendered as 3x32x32 colour images: a deterministic recipe for a real-data RGB set.

Each 28x28 grayscale image is padded by 2 pixels to 32x32 and used as the opacity of a foreground
colour over a background colour: pixel = bg * (1 - a) + fg * a with a = gray / 255. Both colours are
drawn per image from numpy's PCG64 generator seeded with (2026, split) -- train 0, test 1 --
independently of the label, so the class is still in the shape only:
  foreground: hue uniform in [0, 1), saturation in [0.5, 1), value in [0.7, 1)
  background: hue = foreground hue + 0.25 + U[0, 0.5) (mod 1), saturation in [0.3, 0.8), value in [0.05, 0.4)
Bytes are round(255 * colour). The same Fashion-MNIST files always give the same bytes.

Usage (from the repository root):
  /usr/bin/python3 models/tools/fashion_rgb.py --format cifar --out DIR [--limit N]   # CIFAR-10 binary batches
  /usr/bin/python3 models/tools/fashion_rgb.py --format folder --out DIR [--limit N]  # DIR/{train,test}/<class>/*.png
"""
import argparse
import os
import zlib
import struct

import numpy as np

import fashion_data

CLASSES = ["t-shirt", "trouser", "pullover", "dress", "coat", "sandal", "shirt", "sneaker", "bag", "ankle-boot"]
SEED = 2026


def _hsv_to_rgb(h, s, v):
    i = np.floor(h * 6).astype(int) % 6
    f = h * 6 - np.floor(h * 6)
    p, q, t = v * (1 - s), v * (1 - f * s), v * (1 - (1 - f) * s)
    table = [(v, t, p), (q, v, p), (p, v, t), (p, q, v), (t, p, v), (v, p, q)]
    rgb = np.zeros((len(h), 3))
    for k, (r, g, b) in enumerate(table):
        m = i == k
        rgb[m] = np.stack([r[m], g[m], b[m]], 1)
    return rgb


def render(gray, split):
    """uint8 [N, 28, 28] -> uint8 [N, 3, 32, 32] by the recipe above."""
    n = len(gray)
    rng = np.random.Generator(np.random.PCG64([SEED, 0 if split == "train" else 1]))
    fg_h, fg_s, fg_v = rng.random(n), 0.5 + 0.5 * rng.random(n), 0.7 + 0.3 * rng.random(n)
    bg_h = (fg_h + 0.25 + 0.5 * rng.random(n)) % 1.0
    bg_s, bg_v = 0.3 + 0.5 * rng.random(n), 0.05 + 0.35 * rng.random(n)
    fg, bg = _hsv_to_rgb(fg_h, fg_s, fg_v), _hsv_to_rgb(bg_h, bg_s, bg_v)
    a = np.pad(gray, ((0, 0), (2, 2), (2, 2))).astype(np.float64)[:, None] / 255.0
    out = bg[:, :, None, None] * (1 - a) + fg[:, :, None, None] * a
    return np.rint(out * 255).astype(np.uint8)


def load(split, data_dir=fashion_data.DEFAULT_DIR):
    gray, labels = fashion_data.load(split, data_dir)
    return render(gray, split), labels


def _png(path, chw):
    """A minimal deterministic RGB PNG writer (no timestamps), so the bundled folders are byte-stable."""
    h, w = chw.shape[1:]
    raw = b"".join(b"\x00" + chw[:, y].transpose(1, 0).tobytes() for y in range(h))
    chunk = lambda tag, data: struct.pack(">I", len(data)) + tag + data + struct.pack(">I", zlib.crc32(tag + data))
    with open(path, "wb") as f:
        f.write(b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0))
                + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b""))


def write_cifar(out, split, images, labels):
    records = np.concatenate([labels.astype(np.uint8)[:, None], images.reshape(len(images), -1)], 1)
    if split == "test":
        records.tofile(os.path.join(out, "test_batch.bin"))
    else:
        for b, start in enumerate(range(0, len(records), 10000)):
            records[start:start + 10000].tofile(os.path.join(out, f"data_batch_{b + 1}.bin"))


def class_folder(label):
    """'3-dress': image-folder readers (DJL, torchvision) number classes by sorted folder name."""
    return f"{label}-{CLASSES[label]}"


def write_folder(out, split, images, labels):
    for label in range(len(CLASSES)):
        os.makedirs(os.path.join(out, split, class_folder(label)), exist_ok=True)
    for i, (img, label) in enumerate(zip(images, labels)):
        _png(os.path.join(out, split, class_folder(label), f"{i:05d}.png"), img)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--format", choices=["cifar", "folder"], required=True)
    p.add_argument("--out", required=True)
    p.add_argument("--limit", type=int, help="first N images of each split (default: all)")
    p.add_argument("--data", default=fashion_data.DEFAULT_DIR)
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    for split in ("train", "test"):
        images, labels = load(split, a.data)
        if a.limit:
            images, labels = images[:a.limit], labels[:a.limit]
        (write_cifar if a.format == "cifar" else write_folder)(a.out, split, images, labels)
        print(f"{split}: {len(images)} images -> {a.out}")


if __name__ == "__main__":
    main()
