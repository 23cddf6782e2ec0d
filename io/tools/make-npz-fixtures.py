#!/usr/bin/env python3
"""Writes the numpy-made test fixtures of org.cimlang.io (NpzReaderTest).

They are committed, so the tests need no Python; rerun this only to change them:
    python3 io/tools/make-npz-fixtures.py io/src/test/resources/org/cimlang/io
"""
import io
import os
import sys
import zipfile

import numpy as np


def arrays():
    # one array per supported dtype, with extreme values where they matter
    return {
        "fc1.weight": np.arange(6, dtype="<f4").reshape(2, 3) / 4,  # 0, .25, .5, .75, 1, 1.25
        "fc1.bias": np.array([-1.5, 2.25], dtype="<f8"),
        "i8": np.array([-128, 0, 127], dtype="|i1"),
        "u8": np.array([0, 128, 255], dtype="|u1"),
        "i16": np.array([-32768, 32767], dtype="<i2"),
        "i32": np.array([-2147483648, 7], dtype="<i4"),
        "i64": np.array([-(2 ** 40), 5], dtype="<i8"),
        "scalar": np.array(3.5, dtype="<f4"),
        "empty": np.zeros((0, 4), dtype="<f4"),
        "conv.weight": np.arange(24, dtype="<f4").reshape(2, 3, 2, 2),
    }


def npy_bytes(a, version):
    buf = io.BytesIO()
    np.lib.format.write_array(buf, a, version=version)
    return buf.getvalue()


def main(out):
    os.makedirs(out, exist_ok=True)
    np.savez(os.path.join(out, "numpy-savez.npz"), **arrays())
    np.savez_compressed(os.path.join(out, "numpy-savez-compressed.npz"), **arrays())
    np.savez(os.path.join(out, "fortran.npz"), w=np.asfortranarray(np.arange(6, dtype="<f4").reshape(2, 3)))
    np.savez(os.path.join(out, "big-endian.npz"), w=np.arange(3, dtype=">f4"))
    np.savez(os.path.join(out, "object.npz"), w=np.array([1, "a"], dtype=object))
    np.savez(os.path.join(out, "float16.npz"), w=np.arange(3, dtype="<f2"))
    # numpy picks format 2.0/3.0 only for huge or non-latin-1 headers; force them for the test
    with zipfile.ZipFile(os.path.join(out, "versions.npz"), "w") as z:
        z.writestr("v1.npy", npy_bytes(np.array([1, 2], dtype="<f4"), (1, 0)))
        z.writestr("v2.npy", npy_bytes(np.array([3, 4], dtype="<f4"), (2, 0)))
        z.writestr("v3.npy", npy_bytes(np.array([5, 6], dtype="<f4"), (3, 0)))


if __name__ == "__main__":
    main(sys.argv[1])
