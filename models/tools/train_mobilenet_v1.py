"""Trains MobileNetV1 for 3x32x32 on Fashion-MNIST rendered in colour (fashion_rgb.py) and exports ONNX.

Usage (from the repository root):
  /usr/bin/python3 models/tools/train_mobilenet_v1.py --width 0.5 --epochs 4 --out models/mobilenet-v1-32-fashion-rgb
The conversion-ready variant (trained clip levels, TrainedClip in mobilenet_v1.py), fine-tuned for one
epoch from that model:
  /usr/bin/python3 models/tools/train_mobilenet_v1.py --width 0.5 --epochs 1 --lr 0.005 --clip-levels 8 \
      --init-from models/mobilenet-v1-32-fashion-rgb.onnx --out models/mobilenet-v1-32-clip-fashion-rgb
Writes OUT.onnx (BatchNorm kept, dynamic batch; preprocessing metadata with per-channel mean and std
of the rendered training set), OUT.reference.json (PyTorch's accuracy on the full 10k test set and
its logits for the first 100 test images) and OUT.pt.
"""
import argparse
import json

import numpy as np
import torch

import fashion_data
import fashion_rgb
import onnx_metadata
from mobilenet_v1 import MobileNetV1
from training import evaluate, fit


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--width", type=float, default=0.5)
    p.add_argument("--epochs", type=int, default=4)
    p.add_argument("--batch", type=int, default=128)
    p.add_argument("--lr", type=float, default=0.05)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=fashion_data.DEFAULT_DIR)
    p.add_argument("--clip-levels", type=int, default=None,
                   help="train with TrainedClip activations instead of ReLU (mobilenet_v1.py): 0 clips only, "
                        "L > 0 also rounds to L levels while training; exported as ONNX Clip(0, lam)")
    p.add_argument("--init-from", default=None,
                   help="start from the weights of an ONNX model this script wrote (same width; BatchNorm kept), "
                        "e.g. to fine-tune a ReLU model with --clip-levels; each clip level starts at the 99.9th "
                        "percentile of its layer's activations on 512 training images")
    p.add_argument("--out", required=True)
    a = p.parse_args()

    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    gen = torch.Generator().manual_seed(a.seed)
    xtr, ytr = fashion_rgb.load("train", a.data)
    xte, yte = fashion_rgb.load("test", a.data)
    mean = (xtr.reshape(len(xtr), 3, -1).mean(axis=(0, 2)) / 255.0).round(4)
    std = ((xtr.reshape(len(xtr), 3, -1) / 255.0).std(axis=(0, 2))).round(4)
    norm = lambda x: (torch.from_numpy(x.astype(np.float32)) / 255.0 - torch.tensor(mean, dtype=torch.float32).view(1, 3, 1, 1)) \
        / torch.tensor(std, dtype=torch.float32).view(1, 3, 1, 1)
    xtr, xte = norm(xtr), norm(xte)
    ytr, yte = torch.from_numpy(ytr.astype(np.int64)), torch.from_numpy(yte.astype(np.int64))
    fill = xtr.mean(dim=(0, 2, 3))

    model = MobileNetV1(a.width, 10, cifar=True, clip_levels=a.clip_levels)
    if a.init_from:
        load_onnx_weights(model, a.init_from)
        if a.clip_levels is not None:
            init_clip_levels(model, xtr[:512])
    fit(model, xtr, ytr, xte, yte, a.epochs, a.batch, a.lr, gen, fill, log_every=100)

    model.eval()
    acc = evaluate(model, xte, yte)
    torch.save(model.state_dict(), a.out + ".pt")
    torch.onnx.export(model, torch.zeros(1, 3, 32, 32), a.out + ".onnx", opset_version=13, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    pre = f"scale={1 / 255.0!r};mean={','.join(repr(float(m)) for m in mean)};std={','.join(repr(float(s)) for s in std)}"
    onnx_metadata.set_preprocessing(a.out + ".onnx", pre)
    with torch.no_grad():
        logits = model(xte[:100]).numpy()
    with open(a.out + ".reference.json", "w") as f:
        activation = "relu" if a.clip_levels is None else f"trained clip, {a.clip_levels} training levels"
        json.dump({"arch": f"mobilenet_v1 width {a.width}, cifar strides", "activation": activation, "dataset": "fashion_rgb (fashion_rgb.py)",
                   "epochs": a.epochs, "lr": a.lr, "init_from": a.init_from, "seed": a.seed, "torch": torch.__version__,
                   "test_accuracy": acc, "test_images": len(xte),
                   "preprocessing": {"scale": 1 / 255.0, "mean": [float(m) for m in mean], "std": [float(s) for s in std]},
                   "logits_first_100": [[float(v) for v in row] for row in logits]}, f, indent=1)
    print(f"final test accuracy {acc * 100:.2f}%")


def load_onnx_weights(model, path):
    """Copies the ONNX initializers into the parameters and BatchNorm statistics of the same name."""
    import onnx
    from onnx import numpy_helper
    weights = {t.name: torch.from_numpy(numpy_helper.to_array(t).copy()) for t in onnx.load(path).graph.initializer}
    state = model.state_dict()
    missing = [k for k in state if k not in weights and not k.endswith((".lam", "num_batches_tracked"))]
    if missing:
        raise SystemExit(f"{path} lacks {len(missing)} weights of this architecture, e.g. {missing[:3]}")
    model.load_state_dict({k: weights.get(k, v) for k, v in state.items()})


def init_clip_levels(model, images):
    """Sets each TrainedClip's level to the 99.9th percentile of its input over `images` (eval mode)."""
    from mobilenet_v1 import TrainedClip
    clips = [m for m in model.modules() if isinstance(m, TrainedClip)]
    for c in clips:
        c.lam.data.fill_(float("inf"))
    seen = {}
    hooks = [c.register_forward_hook(lambda m, i, o: seen.setdefault(m, []).append(o.flatten())) for c in clips]
    model.eval()
    with torch.no_grad():
        for i in range(0, len(images), 256):
            model(images[i:i + 256])
    for h in hooks:
        h.remove()
    for c in clips:
        values = torch.cat(seen[c])
        c.lam.data.fill_(float(torch.quantile(values[torch.randperm(len(values))[:1 << 24]], 0.999)))
    print("initial clip levels:", " ".join(f"{float(c.lam):.2f}" for c in clips), flush=True)


if __name__ == "__main__":
    main()
