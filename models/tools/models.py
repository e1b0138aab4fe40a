"""The demo architectures snnc ships and benchmarks, all for 1x28x28 input and 10 classes."""
import torch
from torch import nn


def conv_bn_relu(cin, cout, k, stride=1, groups=1):
    return [nn.Conv2d(cin, cout, k, stride, k // 2, groups=groups, bias=False), nn.BatchNorm2d(cout), nn.ReLU()]


class MobileNetFashion(nn.Module):
    """MobileNetV1-style: conv3x3 1->32, five depthwise-separable blocks, GAP, linear 256->10."""

    BLOCKS = [(32, 64, 1), (64, 128, 2), (128, 128, 1), (128, 256, 2), (256, 256, 1)]

    def __init__(self):
        super().__init__()
        layers = conv_bn_relu(1, 32, 3)
        for cin, cout, stride in self.BLOCKS:
            layers += conv_bn_relu(cin, cin, 3, stride, groups=cin)
            layers += conv_bn_relu(cin, cout, 1)
        self.features = nn.Sequential(*layers)
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(256, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.features(x)), 1))


class VggFashion(nn.Module):
    """VGG-style: 3x3 conv stacks with average pooling, Flatten -> Linear -> ReLU -> Linear."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *conv_bn_relu(1, 32, 3), *conv_bn_relu(32, 32, 3), nn.AvgPool2d(2),
            *conv_bn_relu(32, 64, 3), *conv_bn_relu(64, 64, 3), nn.AvgPool2d(2),
            *conv_bn_relu(64, 128, 3), nn.AvgPool2d(2))
        self.classifier = nn.Sequential(nn.Flatten(), nn.Linear(128 * 3 * 3, 256), nn.ReLU(), nn.Linear(256, 10))

    def forward(self, x):
        return self.classifier(self.features(x))


class VggMaxPoolFashion(VggFashion):
    """VggFashion with max pooling in place of average pooling (measures what spiking max pooling costs)."""

    def __init__(self):
        super().__init__()
        self.features = nn.Sequential(
            *conv_bn_relu(1, 32, 3), *conv_bn_relu(32, 32, 3), nn.MaxPool2d(2),
            *conv_bn_relu(32, 64, 3), *conv_bn_relu(64, 64, 3), nn.MaxPool2d(2),
            *conv_bn_relu(64, 128, 3), nn.MaxPool2d(2))


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Sequential(*conv_bn_relu(cin, cout, 3, stride))
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.shortcut = nn.Sequential()
        if stride != 1 or cin != cout:
            self.shortcut = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))
        self.relu = nn.ReLU()

    def forward(self, x):
        return self.relu(self.bn2(self.conv2(self.conv1(x))) + self.shortcut(x))


class ResNetFashion(nn.Module):
    """ResNet-style: stem conv, three residual stages (identity and 1x1-downsample shortcuts), GAP, linear."""

    def __init__(self):
        super().__init__()
        self.stem = nn.Sequential(*conv_bn_relu(1, 32, 3))
        self.stages = nn.Sequential(BasicBlock(32, 32, 1), BasicBlock(32, 64, 2), BasicBlock(64, 128, 2))
        self.pool = nn.AdaptiveAvgPool2d(1)
        self.classifier = nn.Linear(128, 10)

    def forward(self, x):
        return self.classifier(torch.flatten(self.pool(self.stages(self.stem(x))), 1))


ARCHITECTURES = {"mobilenet": MobileNetFashion, "vgg": VggFashion, "vgg-maxpool": VggMaxPoolFashion,
                 "resnet": ResNetFashion}
