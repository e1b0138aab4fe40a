"""Trains a demo model on Fashion-MNIST and exports it to ONNX with reference logits.

Usage (from the repository root):
  /usr/bin/python3 models/tools/train.py --arch mobilenet --epochs 12 --out models/mobilenet-fashion
Writes OUT.onnx (BatchNorm kept, dynamic batch), OUT.reference.json (test accuracy of the
PyTorch model on the full 10k test set and its logits for the first 100 test images).
Preprocessing is scale to [0,1] then (x - 0.2860) / 0.3530, stored in the JSON.
"""
import argparse
import json

import numpy as np
import torch

import fashion_data
import onnx_metadata
from models import ARCHITECTURES
from training import evaluate, fit

MEAN, STD = 0.2860, 0.3530
FILL = torch.tensor([(0 - MEAN) / STD])  # a black pixel, normalised: what shifting in pads with


def to_tensor(images):
    return ((torch.from_numpy(images.astype(np.float32)) / 255.0 - MEAN) / STD).unsqueeze(1)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--arch", choices=sorted(ARCHITECTURES), default="mobilenet")
    p.add_argument("--epochs", type=int, default=12)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=fashion_data.DEFAULT_DIR)
    p.add_argument("--out", required=True)
    a = p.parse_args()

    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(a.seed)
    xtr, ytr = fashion_data.load("train", a.data)
    xte, yte = fashion_data.load("test", a.data)
    xtr, xte = to_tensor(xtr), to_tensor(xte)
    ytr, yte = torch.from_numpy(ytr.astype(np.int64)), torch.from_numpy(yte.astype(np.int64))

    model = ARCHITECTURES[a.arch]()
    fit(model, xtr, ytr, xte, yte, a.epochs, a.batch, a.lr, gen, FILL)

    model.eval()
    acc = evaluate(model, xte, yte)
    torch.save(model.state_dict(), a.out + ".pt")
    dummy = torch.zeros(1, 1, 28, 28)
    torch.onnx.export(model, dummy, a.out + ".onnx", opset_version=13, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    with torch.no_grad():
        logits = model(xte[:100]).numpy()
    onnx_metadata.set_preprocessing(a.out + ".onnx", onnx_metadata.preprocessing_string(MEAN, STD))
    with open(a.out + ".reference.json", "w") as f:
        json.dump({"arch": a.arch, "epochs": a.epochs, "seed": a.seed, "torch": torch.__version__,
                   "test_accuracy": acc, "test_images": len(xte),
                   "preprocessing": {"scale": 1 / 255.0, "mean": [MEAN], "std": [STD]},
                   "logits_first_100": [[float(v) for v in row] for row in logits]}, f, indent=1)
    print(f"final test accuracy {acc * 100:.2f}%")


if __name__ == "__main__":
    main()
