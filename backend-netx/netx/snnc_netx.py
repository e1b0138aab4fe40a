"""Run an snnc netx export in lava-dl's own netx.hdf5.Network with Lava's fixed-point CPU models.

Usage (needs Lava 0.11 and lava-dl; snnc's CI runs it through shared/tools/lava/python3-lava):

    python3 snnc_netx.py OUT_DIR/network.net OUT_DIR/host_input.json --images images.json --out spikes.json

``images.json`` is ``{"images": [[pixel bytes, C*H*W, row-major], ...], "labels": [...]}``, as for
backend-loihi/lava/snnc_lava.py. The output is snnc's spike dump (``snnc-spikes`` v1), comparable
with ``./snnc simulate model.fx --dump ...`` of the same fixed-point network.

The network is built by ``netx.hdf5.Network(net_config=...)`` alone; this script only does what netx
leaves to the host (backend-netx/README.md):
* the first layer: its integer current is computed here from the pixel bytes (host_input.json),
  added to the first population's bias, rounded to a multiple of 64 with a 13-bit mantissa (snnc's
  rule for this target) and written, divided by 64, as the input block's ``bias_mant`` before the
  run (netx's input block leaves its ``inp`` port unconnected: "the input must be handled through
  neuron's bias"; netx fixes ``bias_exp`` at 6);
* the readout: the last block's neurons never spike and forget ``v`` each step, so ``v / 64`` is
  the step's synaptic sum; the sum over steps from ``readout_from_step`` on of ``v / 64`` plus the
  readout bias (host_input.json; often wider than netx's 13-bit bias) is the prediction's score.
"""
import argparse
import json

import h5py
import numpy as np

from lava.lib.dl import netx
from lava.magma.core.run_conditions import RunSteps
from lava.magma.core.run_configs import Loihi2SimCfg
from lava.proc.monitor.process import Monitor


def host_current(layer, pixels, image_shape):
    """One host layer: integer weights times pixel bytes, shifted (floor when right), plus its bias; (c, y, x) order."""
    w = np.array(layer["weights"], dtype=np.int64).reshape(layer["weight_shape"])
    x = np.array(pixels, dtype=np.int64).reshape(image_shape)
    if layer["kind"] == "dense":
        acc = w @ x.reshape(-1)
    else:
        kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, _ = layer["window"]
        groups = layer["groups"]
        out_ch, in_per_group = w.shape[0], w.shape[1]
        xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr)))
        oh = (x.shape[1] + pt + pb - dh * (kh - 1) - 1) // sh + 1
        ow = (x.shape[2] + pl + pr - dw * (kw - 1) - 1) // sw + 1
        acc = np.zeros((out_ch, oh, ow), dtype=np.int64)
        per_group = out_ch // groups
        for ky in range(kh):
            for kx in range(kw):
                window = xp[:, ky * dh: ky * dh + sh * (oh - 1) + 1: sh, kx * dw: kx * dw + sw * (ow - 1) + 1: sw]
                for g in range(groups):
                    rows = slice(g * per_group, (g + 1) * per_group)
                    cols = window[g * in_per_group:(g + 1) * in_per_group]
                    acc[rows] += np.einsum("oi,ihw->ohw", w[rows, :, ky, kx], cols)
        acc = acc.reshape(-1)
    shift = layer["shift"]
    acc = acc << shift if shift >= 0 else acc >> -shift
    return acc + np.array(layer["bias"], dtype=np.int64)


def input_bias(host, pixels):
    """The input block's bias_mant for one image, in Lava's (x, y, c) order."""
    total = np.array(host["population_bias"], dtype=np.int64)
    image_shape = host["input"]["shape"]
    for layer in host["input"]["layers"]:
        total = total + host_current(layer, pixels, image_shape)
    mantissa = np.minimum((np.abs(total) + 32) >> 6, host["bias_mantissa_max"])
    bias_mant = np.sign(total) * mantissa
    shape = host["population_shape"]
    if len(shape) == 3:
        return bias_mant.reshape(shape).transpose(2, 1, 0)
    return bias_mant


def block_names(network_file):
    with h5py.File(network_file, "r") as f:
        return [n.decode() if isinstance(n, bytes) else str(n) for n in f.attrs["snnc_blocks"]]


def run_image(network_file, host, names, pixels):
    steps = host["steps"]
    net = netx.hdf5.Network(net_config=network_file)
    net.layers[0].neuron.bias_mant.init = input_bias(host, pixels)
    spikes = []
    for layer in net.layers[:-1]:
        m = Monitor()
        m.probe(layer.neuron.s_out, steps)
        spikes.append((layer, m))
    readout = Monitor()
    readout.probe(net.layers[-1].neuron.v, steps)
    net.run(condition=RunSteps(num_steps=steps), run_cfg=Loihi2SimCfg(select_tag="fixed_pt"))
    layers = []
    for name, (layer, m) in zip(names, spikes):
        data = np.asarray(m.get_data()[layer.neuron.name]["s_out"])  # (steps, *Lava shape)
        steps_, neurons = [], []
        shape = tuple(layer.neuron.s_out.shape)
        for t in range(steps):
            frame = data[t].reshape(shape)
            snnc_order = frame.transpose(2, 1, 0).reshape(-1) if len(shape) == 3 else frame.reshape(-1)
            hit = np.nonzero(snnc_order)[0]
            steps_ += [t] * len(hit)
            neurons += hit.tolist()
        snnc_shape = [int(d) for d in (shape[::-1] if len(shape) == 3 else shape)]
        layers.append({"name": name, "shape": snnc_shape, "spike_steps": steps_, "spike_neurons": neurons})
    v = np.asarray(readout.get_data()[net.layers[-1].neuron.name]["v"]).astype(np.int64)  # (steps, K)
    net.stop()
    counted = v[host["readout_from_step"]:]
    scores = counted.sum(axis=0) // 64 + len(counted) * np.array(host["readout_bias"], dtype=np.int64)
    return layers, scores


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("network")
    ap.add_argument("host_input")
    ap.add_argument("--images", required=True)
    ap.add_argument("--out", required=True)
    args = ap.parse_args()
    host = json.load(open(args.host_input))
    names = block_names(args.network)
    data = json.load(open(args.images))
    images = []
    for i, pixels in enumerate(data["images"]):
        layers, scores = run_image(args.network, host, names, pixels)
        images.append({"index": i, "label": data["labels"][i], "readout": scores.tolist(),
                       "prediction": int(np.argmax(scores)), "layers": layers})
    dump = {"format": "snnc-spikes", "version": 1, "model": host["name"], "target": "netx",
            "timesteps": host["timesteps"], "steps": host["steps"], "images": images}
    json.dump(dump, open(args.out, "w"))


if __name__ == "__main__":
    main()
