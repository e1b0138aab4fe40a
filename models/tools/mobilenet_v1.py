"""MobileNetV1 (Howard et al. 2017) as in the SNN Calibration method's ImageNet experiments.

A 3x3 stem convolution and 13 depthwise-separable blocks (3x3 depthwise conv + BN + ReLU, then 1x1
pointwise conv + BN + ReLU): 27 spiking layers after conversion, then global average pooling and a
linear classifier. `width` multiplies every channel count (1.0: 4.2 M parameters, ~570 M MACs at
3x224x224). `cifar=True` keeps the first two strides at 1 (stem and block 2) for 32x32 input, so the
last blocks still see 2x2 feature maps instead of 1x1.
"""
import torch
from torch import nn


class TrainedClip(nn.Module):
    """ReLU clipped at a trained level `lam` (one per layer), for conversion-ready training.

    Eval and ONNX export compute clamp(x, 0, lam), an ONNX Clip(0, lam) that snnc converts like a ReLU
    whose threshold search never needs to look above lam. In training with `levels` > 0 the output is
    also rounded to `levels` steps of lam/levels with a straight-through gradient (quantization-clip-
    floor-shift, Bu et al. 2022), meant to teach the network the rate quantization a spiking neuron
    adds. Measured on MobileNetV1-32 after one epoch of fine-tuning it did not narrow the `light` T=32
    gap (bench/results/mobilenet-v1-32-clip.md); kept as an option for longer training runs.
    """

    def __init__(self, levels, init=4.0):
        super().__init__()
        self.levels = levels
        self.lam = nn.Parameter(torch.tensor(float(init)))

    def forward(self, x):
        if not self.training:  # lam as a number: the export holds Clip(0, lam) with constant bounds
            return torch.clamp(x, 0.0, float(self.lam))
        y = torch.clamp(x / self.lam, 0, 1)
        if self.levels:
            y = y + (torch.floor(y * self.levels + 0.5) / self.levels - y).detach()
        return y * self.lam


# (output channels at width 1.0, stride) of the 13 depthwise-separable blocks
BLOCKS = [(64, 1), (128, 2), (128, 1), (256, 2), (256, 1), (512, 2),
          (512, 1), (512, 1), (512, 1), (512, 1), (512, 1), (1024, 2), (1024, 1)]


def _conv_bn_relu(cin, cout, kernel, stride, groups=1, clip_levels=None):
    act = nn.ReLU(inplace=True) if clip_levels is None else TrainedClip(clip_levels)
    return [nn.Conv2d(cin, cout, kernel, stride, kernel // 2, groups=groups, bias=False), nn.BatchNorm2d(cout), act]


class MobileNetV1(nn.Module):
    def __init__(self, width=1.0, classes=1000, cifar=False, clip_levels=None):
        """clip_levels: None for ReLU (as in the method's code); an int for TrainedClip activations
        (0: clipped only; L > 0: also quantized to L levels while training)."""
        super().__init__()
        channels = lambda c: max(8, int(c * width))
        cin = channels(32)
        layers = _conv_bn_relu(3, cin, 3, 1 if cifar else 2, clip_levels=clip_levels)
        for i, (cout, stride) in enumerate(BLOCKS):
            if cifar and i == 1:
                stride = 1
            cout = channels(cout)
            layers += _conv_bn_relu(cin, cin, 3, stride, groups=cin, clip_levels=clip_levels)  # depthwise
            layers += _conv_bn_relu(cin, cout, 1, 1, clip_levels=clip_levels)  # pointwise
            cin = cout
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(cin, classes)

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.features(x)), 1))


def count(model, size):
    """(parameters, multiply-accumulates) for one image of 3 x size x size."""
    macs = 0

    def hook(module, inputs, output):
        nonlocal macs
        if isinstance(module, nn.Conv2d):
            macs += output.numel() * module.in_channels // module.groups * module.kernel_size[0] * module.kernel_size[1]
        elif isinstance(module, nn.Linear):
            macs += module.in_features * module.out_features

    handles = [m.register_forward_hook(hook) for m in model.modules() if isinstance(m, (nn.Conv2d, nn.Linear))]
    with torch.no_grad():
        model.eval()(torch.zeros(1, 3, size, size))
    for h in handles:
        h.remove()
    return sum(p.numel() for p in model.parameters()), macs


if __name__ == "__main__":
    for w, s, cifar in [(1.0, 224, False), (0.5, 224, False), (1.0, 32, True), (0.5, 32, True)]:
        p, m = count(MobileNetV1(w, 1000 if not cifar else 10, cifar), s)
        print(f"width {w} input {s} cifar={cifar}: {p / 1e6:.2f} M parameters, {m / 1e6:.0f} M MACs")
