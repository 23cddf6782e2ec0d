#!/usr/bin/env python3
"""Exports torchvision models with random weights (weights=None: nothing is downloaded) to ONNX, opset 13,
as a new user of cimlang would: torch.onnx.export(model.eval(), image, file). Uses Debian's python3-torch
and python3-torchvision (1.13 / 0.14). bert_tiny is a BERT-like encoder of two blocks written batch first
(16 tokens of 64 features, 4 heads; opset 17 for its LayerNormalization); transformer_layer is PyTorch's
nn.TransformerEncoderLayer of the same size. Also two recurrent keyword spotters of the 'Hello Edge' shape
(49 frames x 10 MFCCs -> nn.LSTM / nn.GRU of 64, batch_first -> the last step -> Linear 12).

    /usr/bin/python3 tools/onnx-zoo/export.py OUT_DIR [MODEL ...]
"""
import math
import os
import sys

import torch
import torchvision

MODELS = {
    "resnet18": lambda: torchvision.models.resnet18(weights=None),
    "resnet50": lambda: torchvision.models.resnet50(weights=None),
    "vgg11": lambda: torchvision.models.vgg11(weights=None),
    "alexnet": lambda: torchvision.models.alexnet(weights=None),
    "mobilenet_v2": lambda: torchvision.models.mobilenet_v2(weights=None),
    "squeezenet1_0": lambda: torchvision.models.squeezenet1_0(weights=None),
    "densenet121": lambda: torchvision.models.densenet121(weights=None),
    "efficientnet_b0": lambda: torchvision.models.efficientnet_b0(weights=None),
    "bert_tiny": lambda: BertTiny(),
    "transformer_layer": lambda: TransformerLayer(),
    "lstm_kws": lambda: KeywordSpotter(torch.nn.LSTM),
    "gru_kws": lambda: KeywordSpotter(torch.nn.GRU),
}


# The BERT-like block the onnx module's tests export small (make_models.py's TinyEncoder): post-norm as
# nn.TransformerEncoderLayer, written batch first, separate q, k, v projections, heads split with
# view(b, t, h, d).transpose(1, 2), scores scaled by 1 / sqrt(d), softmax, A V, heads merged, out projection,
# residual and LayerNorm, an exact GELU feed-forward block, residual and LayerNorm.
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "onnx", "src", "test",
                                "resources", "pytorch"))
from make_models import TinyEncoder as EncoderBlock  # noqa: E402


class TransformerLayer(torch.nn.Module):
    """PyTorch's own nn.TransformerEncoderLayer (d_model 64, 4 heads, feed-forward 256, batch first) on 16 tokens,
    as a user would export it: its nn.MultiheadAttention moves the batch and packs q, k and v in one in_proj."""
    input_shape = (1, 16, 64)
    opset = 17

    def __init__(self):
        super().__init__()
        self.layer = torch.nn.TransformerEncoderLayer(64, 4, 256, dropout=0.0, batch_first=True)

    def forward(self, x):
        return self.layer(x)


class BertTiny(torch.nn.Module):
    """Two encoder blocks on 16 tokens of 64 features, then a classifier of the flattened tokens."""
    input_shape = (1, 16, 64)
    opset = 17

    def __init__(self):
        super().__init__()
        self.blocks = torch.nn.Sequential(EncoderBlock(64, 4, 256), EncoderBlock(64, 4, 256))
        self.head = torch.nn.Linear(16 * 64, 10)

    def forward(self, x):
        return self.head(torch.flatten(self.blocks(x), 1))


class KeywordSpotter(torch.nn.Module):
    """49 frames of 10 MFCCs, a recurrent layer of 64, its last step classified into 12 keywords."""

    input_shape = (1, 49, 10)

    def __init__(self, cell):
        super().__init__()
        self.rnn = cell(10, 64, batch_first=True)
        self.fc = torch.nn.Linear(64, 12)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1, :])


def calibrate_batchnorms(model):
    """Sets every batch norm's running statistics to what random images give (two batches of 8, the
    cumulative average): with torchvision's fresh statistics (mean 0, variance 1) the activations of deep
    nets drift, EfficientNet's logits to 1e-14 and a ResNet-50's with random statistics to 1e4, where an
    absolute comparison says nothing. Calibrated, each batch norm's output has about unit variance."""
    bns = [m for m in model.modules() if isinstance(m, torch.nn.modules.batchnorm._BatchNorm)]
    if not bns:
        return
    for m in bns:
        m.reset_running_stats()
        m.momentum = None
    model.train()
    with torch.no_grad():
        for _ in range(2):
            model(torch.randn(8, 3, 224, 224))
    model.eval()


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or list(MODELS)
    os.makedirs(out, exist_ok=True)
    for name in names:
        # a seed per model: its weights do not depend on which models were exported before it
        torch.manual_seed(0)
        model = MODELS[name]()
        calibrate_batchnorms(model)
        image = torch.randn(*getattr(model, "input_shape", (1, 3, 224, 224)))
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(model.eval(), image, path, opset_version=getattr(model, "opset", 13), input_names=["image"],
                          output_names=["logits"])
        print(path)


if __name__ == "__main__":
    main()
