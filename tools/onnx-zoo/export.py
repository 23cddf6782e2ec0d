#!/usr/bin/env python3
"""Exports torchvision models with random weights (weights=None: nothing is downloaded) to ONNX, opset 13,
as a new user of cimlang would: torch.onnx.export(model.eval(), image, file). Uses Debian's python3-torch
and python3-torchvision (1.13 / 0.14).

    /usr/bin/python3 tools/onnx-zoo/export.py OUT_DIR [MODEL ...]
"""
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
}


def main():
    out = sys.argv[1]
    names = sys.argv[2:] or list(MODELS)
    os.makedirs(out, exist_ok=True)
    torch.manual_seed(0)
    for name in names:
        model = MODELS[name]().eval()
        image = torch.randn(1, 3, 224, 224)
        path = os.path.join(out, name + ".onnx")
        torch.onnx.export(model, image, path, opset_version=13, input_names=["image"], output_names=["logits"])
        print(path)


if __name__ == "__main__":
    main()
