"""Writes the PyTorch-exported ONNX models the onnx module's tests import (PyTorchModelsTest).

Run with Debian's PyTorch (apt-get install python3-torch python3-onnx; torch 1.13.1):
    /usr/bin/python3 make_models.py
Each model NAME.onnx comes with NAME.npz holding 'input' (4 samples) and 'output', PyTorch's own
result on them, so the tests compare the float engine with PyTorch as well as with ONNX Runtime.
"""
import math
import sys

import numpy as np
import torch
import torch.nn as nn
import torch.nn.functional as F


class LeNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(1, 6, 5, padding=2)
        self.conv2 = nn.Conv2d(6, 16, 5)
        self.fc1 = nn.Linear(16 * 4 * 4, 32)
        self.fc2 = nn.Linear(32, 10)
        self.dropout = nn.Dropout(0.25)

    def forward(self, x):
        x = F.max_pool2d(F.relu(self.conv1(x)), 2)
        x = F.max_pool2d(F.relu(self.conv2(x)), 2)
        x = torch.flatten(x, 1)
        x = self.dropout(F.relu(self.fc1(x)))
        return self.fc2(x)


class BasicBlock(nn.Module):
    def __init__(self, cin, cout, stride):
        super().__init__()
        self.conv1 = nn.Conv2d(cin, cout, 3, stride, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(cout)
        self.relu = nn.ReLU(inplace=True)
        self.conv2 = nn.Conv2d(cout, cout, 3, 1, 1, bias=False)
        self.bn2 = nn.BatchNorm2d(cout)
        self.downsample = nn.Sequential(nn.Conv2d(cin, cout, 1, stride, bias=False), nn.BatchNorm2d(cout))

    def forward(self, x):
        out = self.relu(self.bn1(self.conv1(x)))
        out = self.bn2(self.conv2(out))
        return self.relu(out + self.downsample(x))


class TinyResNet(nn.Module):
    def __init__(self):
        super().__init__()
        self.conv1 = nn.Conv2d(3, 8, 3, 1, 1, bias=False)
        self.bn1 = nn.BatchNorm2d(8)
        self.relu = nn.ReLU(inplace=True)
        self.maxpool = nn.MaxPool2d(3, 2, 1)
        self.layer1 = nn.Sequential(BasicBlock(8, 16, 2))
        self.avgpool = nn.AdaptiveAvgPool2d((1, 1))
        self.fc = nn.Linear(16, 10)

    def forward(self, x):
        x = self.maxpool(self.relu(self.bn1(self.conv1(x))))
        x = self.layer1(x)
        x = torch.flatten(self.avgpool(x), 1)
        return self.fc(x)


class Mlp(nn.Module):
    """A Sequential MLP without biases in the last layer, ending in softmax; reshaped with view(-1, 64)."""

    def __init__(self):
        super().__init__()
        self.net = nn.Sequential(nn.Linear(64, 32), nn.Sigmoid(), nn.Linear(32, 16), nn.Tanh(),
                                 nn.Linear(16, 10, bias=False), nn.Softmax(dim=1))

    def forward(self, x):
        return self.net(x.view(-1, 64))


class Branches(nn.Module):
    """Inception-like: two branches joined along channels, average pooling counting its padding."""

    def __init__(self):
        super().__init__()
        self.a = nn.Conv2d(4, 6, 3, padding=1, groups=2)
        self.b = nn.Conv2d(4, 4, 1)
        self.pool = nn.AvgPool2d(3, 2, 1)
        self.head = nn.Linear(10 * 4 * 4, 5)

    def forward(self, x):
        x = torch.cat([F.relu(self.a(x)), torch.tanh(self.b(x))], dim=1)
        return self.head(torch.flatten(self.pool(x), 1))


class TinyEncoder(nn.Module):
    """A BERT-like encoder block written batch first, post-norm as nn.TransformerEncoderLayer: 2 heads of 8 split
    with view(b, t, h, d) (PyTorch exports the x.size() chain as Shape, Gather, Unsqueeze, Concat), scores scaled
    by 1 / sqrt(8), softmax, A V, the heads merged, out projection, residual, LayerNorm, exact GELU feed-forward."""

    def __init__(self, d=16, heads=2, ff=32):
        super().__init__()
        self.heads, self.dh = heads, d // heads
        self.q, self.k, self.v, self.o = (nn.Linear(d, d) for _ in range(4))
        self.ln1, self.ln2 = nn.LayerNorm(d), nn.LayerNorm(d)
        self.ff1, self.ff2 = nn.Linear(d, ff), nn.Linear(ff, d)
        self.act = nn.GELU()

    def split(self, x):
        b, t, _ = x.shape
        return x.view(b, t, self.heads, self.dh).transpose(1, 2)

    def forward(self, x):
        b, t, d = x.shape
        q, k, v = self.split(self.q(x)), self.split(self.k(x)), self.split(self.v(x))
        a = torch.softmax(q @ k.transpose(-2, -1) / math.sqrt(self.dh), dim=-1)
        ctx = (a @ v).transpose(1, 2).reshape(b, t, d)
        x = self.ln1(x + self.o(ctx))
        return self.ln2(x + self.ff2(self.act(self.ff1(x))))


def randomise_batchnorm(model):
    for m in model.modules():
        if isinstance(m, nn.BatchNorm2d):
            m.weight.data.uniform_(0.5, 1.5)
            m.bias.data.uniform_(-0.5, 0.5)
            m.running_mean.uniform_(-0.5, 0.5)
            m.running_var.uniform_(0.2, 1.2)


def export(name, model, shape, opset, training=torch.onnx.TrainingMode.EVAL, dynamic=True):
    """In EVAL mode PyTorch folds each batch norm into the convolution before it; PRESERVE keeps them. Without
    a dynamic batch the model is exported for a batch of 1 (as torchvision's zoo is)."""
    model.eval()
    randomise_batchnorm(model)
    x = torch.rand(4, *shape)
    with torch.no_grad():
        y = model(x)
    torch.onnx.export(model, x[:1], name + ".onnx", opset_version=opset, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}} if dynamic else None,
                      training=training)
    np.savez(name + ".npz", input=x.numpy(), output=y.numpy())


def main():
    """make_models.py [NAME ...]: all models, or those named; each is seeded by its place in the list, so a model
    made alone is the one made with all."""
    wanted = set(sys.argv[1:])
    for i, (name, make, shape, opset, *mode) in enumerate([
            ("lenet", LeNet, (1, 24, 24), 13),
            ("tiny_resnet", TinyResNet, (3, 16, 16), 13),
            ("tiny_resnet_bn", TinyResNet, (3, 16, 16), 13, torch.onnx.TrainingMode.PRESERVE),
            ("mlp", Mlp, (1, 8, 8), 11),
            ("branches", Branches, (4, 8, 8), 13),
            ("tiny_encoder", TinyEncoder, (7, 16), 17),
            # nn.MultiheadAttention inside moves the batch (Transpose [1, 0, 2]) and merges it with the heads: batch 1
            ("encoder_layer", lambda: nn.TransformerEncoderLayer(16, 2, 32, dropout=0.0, batch_first=True),
             (7, 16), 17, torch.onnx.TrainingMode.EVAL, False)]):
        if not wanted or name in wanted:
            torch.manual_seed(2024 + i)
            export(name, make(), shape, opset, *mode)


# tools/onnx-zoo/export.py imports TinyEncoder from here
if __name__ == "__main__":
    main()
