"""Stores snnc's preprocessing string in an ONNX model's metadata_props (key snnc.preprocessing).

Usage: /usr/bin/python3 models/tools/onnx_metadata.py MODEL.onnx "scale=0.00392156862745098;mean=0.286;std=0.353"
"""
import sys

import onnx

KEY = "snnc.preprocessing"


def set_preprocessing(path, value):
    model = onnx.load(path)
    for prop in list(model.metadata_props):
        if prop.key == KEY:
            model.metadata_props.remove(prop)
    entry = model.metadata_props.add()
    entry.key, entry.value = KEY, value
    onnx.save(model, path)


def preprocessing_string(mean, std):
    return f"scale={1 / 255.0!r};mean={mean!r};std={std!r}"


if __name__ == "__main__":
    set_preprocessing(sys.argv[1], sys.argv[2])
