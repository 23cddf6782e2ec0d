"""Writes the PyTorch-exported recurrent models the onnx module's tests import (PyTorchRecurrentModelsTest).

Run with Debian's PyTorch (apt-get install python3-torch python3-onnx):
    /usr/bin/python3 make_recurrent.py
As make_models.py, each NAME.onnx comes with NAME.npz holding 'input' (4 sequences) and 'output', PyTorch's
own result on them. The models are single-layer, forward, batch_first nn.LSTM / nn.GRU as the issue asks:
  lstm_kws   49 frames x 10 MFCCs -> LSTM 16 -> out[:, -1] -> Linear 12 (the 'Hello Edge' keyword spotter's shape)
  lstm_hn    the same, classifying h_n[-1] (ONNX's Y_h instead of Y)
  gru_seq    6 steps x 8 -> GRU 12 -> Linear 4 on every step (MatMul on [batch, T, 12])
  gru_last   49 x 10 -> GRU 16 -> out[:, -1] -> Linear 12
  gru_fixed  gru_last exported without a dynamic batch: PyTorch then reads the zero state's batch from the
             transposed input's shape
  lstm_steps_first  nn.LSTM(10, 16) without batch_first, exported with batch 1: the input [49, 1, 10] is one
             sequence steps first; out[-1] -> Linear 12 ('input' in the .npz holds 4 sequences [49, 10])
  embed_lstm 12 int64 token ids -> nn.Embedding(50, 8) -> LSTM 16 -> out[:, -1] -> Linear 4 ('input' in the .npz
             holds the ids as float32, as a cimlang network reads them)
"""
import numpy as np
import torch
import torch.nn as nn

torch.manual_seed(2026)


class LastStep(nn.Module):
    def __init__(self, cell, features, hidden, classes):
        super().__init__()
        self.rnn = cell(features, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[:, -1, :])


class LastHidden(nn.Module):
    def __init__(self, features, hidden, classes):
        super().__init__()
        self.rnn = nn.LSTM(features, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x):
        _, (h, _) = self.rnn(x)
        return self.fc(h[-1])


class EveryStep(nn.Module):
    def __init__(self, features, hidden, classes):
        super().__init__()
        self.rnn = nn.GRU(features, hidden, batch_first=True)
        self.fc = nn.Linear(hidden, classes)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out)


class EmbedLstm(nn.Module):
    def __init__(self):
        super().__init__()
        self.emb = nn.Embedding(50, 8)
        self.rnn = nn.LSTM(8, 16, batch_first=True)
        self.fc = nn.Linear(16, 4)

    def forward(self, ids):
        out, _ = self.rnn(self.emb(ids))
        return self.fc(out[:, -1, :])


def export_tokens(name, model, steps, vocabulary):
    model.eval()
    ids = torch.randint(0, vocabulary, (4, steps))
    with torch.no_grad():
        y = model(ids)
    torch.onnx.export(model, ids[:1], name + ".onnx", opset_version=13, input_names=["tokens"],
                      output_names=["logits"], dynamic_axes={"tokens": {0: "batch"}, "logits": {0: "batch"}})
    np.savez(name + ".npz", input=ids.float().numpy(), output=y.numpy())


class StepsFirst(nn.Module):
    def __init__(self):
        super().__init__()
        self.rnn = nn.LSTM(10, 16)
        self.fc = nn.Linear(16, 12)

    def forward(self, x):
        out, _ = self.rnn(x)
        return self.fc(out[-1])


def export_steps_first(name, model, steps, features):
    model.eval()
    x = torch.randn(4, steps, features)
    with torch.no_grad():
        y = torch.cat([model(x[i].unsqueeze(1)) for i in range(4)])
    torch.onnx.export(model, x[0].unsqueeze(1), name + ".onnx", opset_version=13, input_names=["frames"],
                      output_names=["logits"])
    np.savez(name + ".npz", input=x.numpy(), output=y.numpy())


def export(name, model, shape, dynamic=True):
    model.eval()
    x = torch.randn(4, *shape)
    with torch.no_grad():
        y = model(x)
    # batch 1 at export: PyTorch warns that the zero initial state's batch would otherwise be fixed
    axes = {"input": {0: "batch"}, "logits": {0: "batch"}} if dynamic else None
    torch.onnx.export(model, x[:1], name + ".onnx", opset_version=13, input_names=["input"],
                      output_names=["logits"], dynamic_axes=axes)
    np.savez(name + ".npz", input=x.numpy(), output=y.numpy())


export("lstm_kws", LastStep(nn.LSTM, 10, 16, 12), (49, 10))
export("lstm_hn", LastHidden(10, 16, 12), (49, 10))
export("gru_seq", EveryStep(8, 12, 4), (6, 8))
export("gru_last", LastStep(nn.GRU, 10, 16, 12), (49, 10))
export("gru_fixed", LastStep(nn.GRU, 10, 16, 12), (49, 10), dynamic=False)
export_tokens("embed_lstm", EmbedLstm(), 12, 50)
export_steps_first("lstm_steps_first", StepsFirst(), 49, 10)
