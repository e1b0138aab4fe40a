"""MobileNetV1 at ImageNet strides for any input size, with weights from a documented recipe (the scale case).

Training a 224x224 MobileNetV1 is out of reach on a 2-core machine, so its weights come from this
recipe, deterministic for a seed:
  1. PyTorch's default (Kaiming-uniform) initialisation under torch.manual_seed(seed);
  2. BatchNorm running statistics re-estimated (momentum None: exact averages) on the first
     `--bn-images` Fashion-MNIST-in-colour training images (fashion_rgb.py) resized to SIZE;
  3. the classifier fitted by a few epochs of Adam on the frozen, pooled features of those images.
The result is far from a trained network's accuracy but its activations have realistic statistics
for calibration, and every layer has the shapes and costs of the real MobileNetV1.

Usage (from the repository root):
  /usr/bin/python3 models/tools/mobilenet_v1_scale.py --size 224 --width 1.0 --out /tmp/mnv1-224.onnx
"""
import argparse

import numpy as np
import torch
from torch import nn

import fashion_rgb
import onnx_metadata
from mobilenet_v1 import MobileNetV1

MEAN = (0.485, 0.456, 0.406)
STD = (0.229, 0.224, 0.225)


def images_at(size, count, data_dir):
    x, y = fashion_rgb.load("train", data_dir)
    x = torch.from_numpy(x[:count].astype(np.float32)) / 255.0
    x = nn.functional.interpolate(x, size=(size, size), mode="bilinear", align_corners=False)
    x = (x - torch.tensor(MEAN).view(1, 3, 1, 1)) / torch.tensor(STD).view(1, 3, 1, 1)
    return x, torch.from_numpy(y[:count].astype(np.int64))


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--size", type=int, default=224)
    p.add_argument("--width", type=float, default=1.0)
    p.add_argument("--bn-images", type=int, default=512)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--threads", type=int, default=2)
    p.add_argument("--data", default=fashion_rgb.fashion_data.DEFAULT_DIR)
    p.add_argument("--out", required=True)
    a = p.parse_args()
    torch.manual_seed(a.seed)
    torch.set_num_threads(a.threads)
    model = MobileNetV1(a.width, 10, cifar=False)
    x, y = images_at(a.size, a.bn_images, a.data)
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.reset_running_stats()
            m.momentum = None
    model.train()
    with torch.no_grad():
        for i in range(0, len(x), 64):
            model.features(x[i:i + 64])
    model.eval()
    with torch.no_grad():
        feats = torch.cat([torch.flatten(model.pool(model.features(x[i:i + 64])), 1) for i in range(0, len(x), 64)])
    opt = torch.optim.Adam(model.classifier.parameters(), lr=1e-2)
    for _ in range(200):
        loss = nn.functional.cross_entropy(model.classifier(feats), y)
        opt.zero_grad()
        loss.backward()
        opt.step()
    acc = (model.classifier(feats).argmax(1) == y).float().mean().item()
    torch.onnx.export(model, torch.zeros(1, 3, a.size, a.size), a.out, opset_version=13, input_names=["input"],
                      output_names=["logits"], dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                      training=torch.onnx.TrainingMode.PRESERVE, do_constant_folding=True)
    onnx_metadata.set_preprocessing(a.out, f"scale={1 / 255.0!r};mean={','.join(map(str, MEAN))};std={','.join(map(str, STD))}"
                                    f";resize={a.size};crop={a.size}")
    print(f"{a.out}: MobileNetV1 width {a.width} at {a.size}x{a.size}, classifier fits its {len(x)} recipe images "
          f"to {acc * 100:.1f}%")


if __name__ == "__main__":
    main()
