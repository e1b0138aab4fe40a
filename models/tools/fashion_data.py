"""Fashion-MNIST IDX loading shared by the model-building scripts (Debian dataset-fashion-mnist)."""
import gzip
import os
import struct

import numpy as np

DEFAULT_DIR = os.environ.get("SNNC_FASHION_MNIST", "/usr/share/datasets/fashion-mnist")


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        magic = struct.unpack(">I", f.read(4))[0]
        ndim = magic & 0xFF
        dims = struct.unpack(">" + "I" * ndim, f.read(4 * ndim))
        return np.frombuffer(f.read(), dtype=np.uint8).reshape(dims)


def load(split, data_dir=DEFAULT_DIR):
    prefix = "train" if split == "train" else "t10k"
    images = read_idx(os.path.join(data_dir, f"{prefix}-images-idx3-ubyte.gz"))
    labels = read_idx(os.path.join(data_dir, f"{prefix}-labels-idx1-ubyte.gz"))
    return images, labels


def write_idx_gz(path, array):
    """Writes an IDX file with a fixed gzip mtime so the output is byte-identical run to run."""
    header = struct.pack(">I", 0x0800 | array.ndim) + struct.pack(">" + "I" * array.ndim, *array.shape)
    with open(path, "wb") as raw, gzip.GzipFile(fileobj=raw, mode="wb", mtime=0, filename="") as f:
        f.write(header + np.ascontiguousarray(array, dtype=np.uint8).tobytes())
