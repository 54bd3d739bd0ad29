"""Reads weights written by TorchSharp's Module.save into a PyTorch state_dict.

TorchSharp's format: a LEB128 entry count, then per entry a LEB128-length-prefixed UTF-8 name, a LEB128
element type, a LEB128 rank, LEB128 sizes, and the raw little-endian values.
"""
import collections

import numpy as np
import torch

_DTYPES = {0: np.uint8, 1: np.int8, 2: np.int16, 3: np.int32, 4: np.int64, 5: np.float16, 6: np.float32, 7: np.float64}


def _leb128(data, offset):
    value, shift = 0, 0
    while True:
        byte = data[offset]
        offset += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if byte < 0x80:
            return value, offset


def load_state_dict(path):
    data = open(path, "rb").read()
    count, offset = _leb128(data, 0)
    state = collections.OrderedDict()
    for _ in range(count):
        length, offset = _leb128(data, offset)
        name = data[offset:offset + length].decode("utf-8")
        offset += length
        kind, offset = _leb128(data, offset)
        rank, offset = _leb128(data, offset)
        shape = []
        for _ in range(rank):
            size, offset = _leb128(data, offset)
            shape.append(size)
        dtype = np.dtype(_DTYPES[kind])
        elements = int(np.prod(shape)) if shape else 1
        values = np.frombuffer(data, dtype=dtype, count=elements, offset=offset).reshape(shape)
        offset += elements * dtype.itemsize
        state[name] = torch.from_numpy(values.copy())
    if offset != len(data):
        raise ValueError(f"{path}: {len(data) - offset} bytes left after {count} entries")
    return state
