"""Builds the small ONNX models the Java tests import, with PyTorch reference outputs.

Usage (from the repository root):
  /usr/bin/python3 models/tools/make_test_models.py --out testdata/models
For each model NAME it writes NAME.onnx and NAME.expected.json holding a fixed input batch
(seeded) and PyTorch's output for it. Weights are random with non-trivial BatchNorm statistics;
no training is needed to test import and execution.
"""
import argparse
import json
import os

import torch
from torch import nn

from models import ARCHITECTURES


def randomize_bn(model, gen):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d) or isinstance(m, nn.BatchNorm1d):
            n = m.num_features
            m.running_mean.copy_(torch.randn(n, generator=gen) * 0.2)
            m.running_var.copy_(torch.rand(n, generator=gen) + 0.5)
            m.weight.data.copy_(torch.rand(n, generator=gen) + 0.5)
            m.bias.data.copy_(torch.randn(n, generator=gen) * 0.2)


class ResidualBlockNet(nn.Module):
    """conv-bn-relu, then a residual block with identity shortcut and one with a 1x1 downsample."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(nn.Conv2d(1, 8, 3, padding=1), nn.BatchNorm2d(8), nn.ReLU())
        self.a = nn.Sequential(nn.Conv2d(8, 8, 3, padding=1, bias=False), nn.BatchNorm2d(8))
        self.b = nn.Sequential(nn.Conv2d(8, 16, 3, stride=2, padding=1, bias=False), nn.BatchNorm2d(16))
        self.down = nn.Sequential(nn.Conv2d(8, 16, 1, stride=2, bias=False), nn.BatchNorm2d(16))
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        x = self.stem(x)
        x = torch.relu(self.a(x) + x)
        x = torch.relu(self.b(x) + self.down(x))
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(x, 1), 1))


class AvgPoolStackNet(nn.Module):
    """Average-pool stacks (with padding, strides, ceil mode), ReLU6, Flatten -> Gemm -> Dropout -> Gemm."""

    def __init__(self):
        super().__init__()
        self.c1 = nn.Conv2d(1, 6, 5, padding=2)
        self.c2 = nn.Conv2d(6, 12, 3, stride=1, padding=(1, 0))
        self.fc1 = nn.Linear(12 * 4 * 3, 32)
        self.drop = nn.Dropout(0.3)
        self.fc2 = nn.Linear(32, 10)

    def forward(self, x):
        x = nn.functional.relu6(self.c1(x))
        x = nn.functional.avg_pool2d(x, 2)
        x = nn.functional.avg_pool2d(x, 3, stride=2, padding=1, ceil_mode=True, count_include_pad=False)
        x = torch.relu(self.c2(x))
        x = nn.functional.avg_pool2d(x, 2, stride=2, ceil_mode=True)
        x = torch.flatten(x, 1)
        return self.fc2(self.drop(torch.relu(self.fc1(x))))


class MatMulAddNet(nn.Module):
    """A dense network written so the exporter emits MatMul + Add and a reshape-style flatten."""

    def __init__(self, gen):
        super().__init__()
        self.w1 = nn.Parameter(torch.randn(28 * 28, 20, generator=gen) * 0.05)
        self.b1 = nn.Parameter(torch.randn(20, generator=gen) * 0.1)
        self.w2 = nn.Parameter(torch.randn(20, 10, generator=gen) * 0.2)
        self.b2 = nn.Parameter(torch.randn(10, generator=gen) * 0.1)

    def forward(self, x):
        x = x.reshape(-1, 28 * 28)
        x = torch.relu(torch.matmul(x, self.w1) + self.b1)
        return torch.matmul(x, self.w2) + self.b2


class MaxPoolNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 4, 3)
        self.fc = nn.Linear(4 * 13 * 13, 10)

    def forward(self, x):
        x = nn.functional.max_pool2d(torch.relu(self.c(x)), 2)
        return self.fc(torch.flatten(x, 1))


class TinyRgbNet(nn.Module):
    """3x32x32 colour input: stride-2 stem, one depthwise-separable block, GAP, linear (pipeline tests)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            nn.Conv2d(3, 8, 3, 2, 1, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 8, 3, 2, 1, groups=8, bias=False), nn.BatchNorm2d(8), nn.ReLU(),
            nn.Conv2d(8, 16, 1, bias=False), nn.BatchNorm2d(16), nn.ReLU())
        self.head = nn.Linear(16, 10)

    def forward(self, x):
        return self.head(torch.flatten(nn.functional.adaptive_avg_pool2d(self.features(x), 1), 1))


class MaxPoolOnInputNet(nn.Module):
    """Max pooling of the image itself (no spiking layer before it): not convertible, for the error path."""

    def __init__(self):
        super().__init__()
        self.c = nn.Conv2d(1, 4, 3)
        self.fc = nn.Linear(4 * 12 * 12, 10)

    def forward(self, x):
        x = torch.relu(self.c(nn.functional.max_pool2d(x, 2)))
        return self.fc(torch.flatten(x, 1))


def export(model, name, out, gen, fold_bn, shape=(1, 28, 28)):
    model.eval()
    x = torch.randn(4, *shape, generator=gen)
    with torch.no_grad():
        y = model(x)
    mode = torch.onnx.TrainingMode.EVAL if fold_bn else torch.onnx.TrainingMode.PRESERVE
    path = os.path.join(out, name + ".onnx")
    torch.onnx.export(model, x[:1], path, opset_version=13, input_names=["input"], output_names=["output"],
                      dynamic_axes={"input": {0: "batch"}, "output": {0: "batch"}}, training=mode,
                      do_constant_folding=True)
    with open(os.path.join(out, name + ".expected.json"), "w") as f:
        json.dump({"input_shape": list(x.shape), "input": [float(v) for v in x.flatten()],
                   "output_shape": list(y.shape), "output": [float(v) for v in y.flatten()]}, f)


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--out", required=True)
    p.add_argument("--only", help="write only this model (tiny_rgb, maxpool_on_input: each with its own seed)")
    a = p.parse_args()
    os.makedirs(a.out, exist_ok=True)
    if a.only == "maxpool_on_input":
        torch.manual_seed(4)
        export(MaxPoolOnInputNet(), "maxpool_on_input", a.out, torch.Generator().manual_seed(4), fold_bn=False)
        return
    if a.only == "tiny_rgb":
        torch.manual_seed(3)
        gen = torch.Generator().manual_seed(3)
        rgb = TinyRgbNet()
        randomize_bn(rgb, gen)
        export(rgb, "tiny_rgb", a.out, gen, fold_bn=False, shape=(3, 32, 32))
        return
    torch.manual_seed(1)
    gen = torch.Generator().manual_seed(1)

    mobile = ARCHITECTURES["mobilenet"]()
    randomize_bn(mobile, gen)
    export(mobile, "mobilenet_bn_unfolded", a.out, gen, fold_bn=False)
    export(mobile, "mobilenet_bn_folded", a.out, gen, fold_bn=True)
    res = ResidualBlockNet()
    randomize_bn(res, gen)
    export(res, "residual", a.out, gen, fold_bn=False)
    export(AvgPoolStackNet(), "avgpool_stack", a.out, gen, fold_bn=False)
    export(MatMulAddNet(gen), "matmul_add", a.out, gen, fold_bn=False)
    export(MaxPoolNet(), "maxpool", a.out, gen, fold_bn=False)


if __name__ == "__main__":
    main()
