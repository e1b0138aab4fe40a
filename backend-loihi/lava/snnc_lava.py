"""Build and run an snnc Loihi netlist with Lava's fixed-point CPU process models.

Usage (needs Lava, lava-nc 0.11; snnc's CI runs it through shared/tools/lava/python3-lava):

    python3 snnc_lava.py NETLIST.json --images images.json --out spikes.json

``images.json`` is ``{"images": [[pixel bytes, C*H*W, row-major], ...], "labels": [...]}``; for the
bundled data, ``models/tools/fashion_data.py`` reads the IDX files into such arrays.
The output is snnc's spike dump format (``snnc-spikes`` v1, simulator/README.md), so it can be
compared with ``./snnc simulate NETLIST.json --dump ...`` step for step.

What it builds, per the netlist (backend-loihi/README.md):
* each population: Lava ``LIF`` (stock, reset to zero, one ``vth``) or ``SubtractiveLIF`` (below:
  Lava's bit-accurate LIF with ``v -= vth << 6`` on a spike and one ``vth`` per channel);
  du = 4095, dv = 0, ``bias_mant``/``bias_exp`` and initial ``v`` as given (Lava order x, y, c);
* each synapse group: ``Dense`` (weights, weight_exp, num_weight_bits, mixed sign mode) or
  ``Conv`` (weights (O, kW, kH, I/g), input shape, padding, stride, dilation, groups);
  several groups into one population connect to the same ``a_in`` (Lava sums them);
* the first layer is computed here on the host from the pixel bytes and added to the bias of the
  population it drives, re-encoded as ``bias_mant << bias_exp`` (the rule of snnc's simulator);
* the readout's Dense output is recorded by a ``RingBuffer`` sink; the sum over the last T steps
  plus the readout bias is the prediction's score.

Lava quirks worked around here (Lava itself is unchanged):
* Lava's fixed-point Conv model stores ``groups`` (and kernel size, stride, padding, dilation) as
  8-bit integers, so a depthwise conv of 128 or more channels silently computes zeros. Every conv
  is built as ``WideConv``, a Conv whose fixed-point model keeps these as 32-bit integers and is
  otherwise Lava's own ``PyConvModelFixed``.
"""
import argparse
import json

import numpy as np

from lava.magma.core.decorator import implements, requires, tag
from lava.magma.core.model.py.ports import PyOutPort
from lava.magma.core.model.py.type import LavaPyType
from lava.magma.core.process.variable import Var
from lava.magma.core.resources import CPU
from lava.magma.core.run_conditions import RunSteps
from lava.magma.core.run_configs import Loihi2SimCfg
from lava.magma.core.sync.protocols.loihi_protocol import LoihiProtocol
from lava.magma.core.model.py.ports import PyInPort
from lava.proc.conv import utils as conv_utils
from lava.proc.conv.models import AbstractPyConvModel
from lava.proc.conv.process import Conv
from lava.proc.dense.process import Dense
from lava.proc.io.sink import RingBuffer
from lava.proc.lif.models import AbstractPyLifModelFixed
from lava.proc.lif.process import LIF
from lava.proc.monitor.process import Monitor
from lava.utils.weightutils import SignMode


class SubtractiveLIF(LIF):
    """LIF whose reset subtracts the threshold; ``vth`` is one value per neuron."""

    def __init__(self, *, shape, vth, **kwargs):
        super().__init__(shape=shape, vth=0, **kwargs)
        self.vth = Var(shape=shape, init=vth)


@implements(proc=SubtractiveLIF, protocol=LoihiProtocol)
@requires(CPU)
@tag("fixed_pt")
class PySubtractiveLifModel(AbstractPyLifModelFixed):
    """Lava's bit-accurate LIF arithmetic with reset by subtraction."""

    s_out: PyOutPort = LavaPyType(PyOutPort.VEC_DENSE, np.int32, precision=24)
    vth: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=17)

    def __init__(self, proc_params):
        super().__init__(proc_params)
        self.effective_vth = 0

    def scale_threshold(self):
        self.effective_vth = np.left_shift(self.vth, self.vth_shift)
        self.isthrscaled = True

    def spiking_activation(self):
        return self.v > self.effective_vth

    def reset_voltage(self, spike_vector):
        self.v[spike_vector] -= self.effective_vth[spike_vector]


class WideConv(Conv):
    """Lava's Conv process; its fixed-point model below keeps the geometry in 32-bit integers."""


@implements(proc=WideConv, protocol=LoihiProtocol)
@requires(CPU)
@tag("fixed_pt")
class PyWideConvModelFixed(AbstractPyConvModel):
    """Lava's fixed-point Conv (24-bit messages and wrapped sums, 8-bit weights) with the geometry
    (``groups`` above all) in 32-bit integers; Lava's model cannot be subclassed, so its port and
    weight types are declared again here."""

    s_in: PyInPort = LavaPyType(PyInPort.VEC_DENSE, np.int32, precision=24)
    a_out: PyOutPort = LavaPyType(PyOutPort.VEC_DENSE, np.int32, precision=24)
    a_buf: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=24)
    weight: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=8)
    kernel_size: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=32)
    stride: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=32)
    padding: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=32)
    dilation: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=32)
    groups: np.ndarray = LavaPyType(np.ndarray, np.int32, precision=32)

    def clamp_precision(self, x):
        return conv_utils.signed_clamp(x, bits=24)


def lava_index(shape_chw):
    """For each snnc flat index (c, y, x), its Lava flat index (x, y, c)."""
    if len(shape_chw) != 3:
        return np.arange(int(np.prod(shape_chw)))
    c, h, w = shape_chw
    ch, y, x = np.meshgrid(np.arange(c), np.arange(h), np.arange(w), indexing="ij")
    return ((x * h + y) * c + ch).reshape(-1)


def encode_bias(value, mant_bits, exp_max):
    """The nearest ``mant << exp`` (smallest exponent that fits, ties away from zero), as snnc rounds it."""
    mant_max = (1 << (mant_bits - 1)) - 1
    mag = abs(int(value))
    for e in range(exp_max + 1):
        m = mag if e == 0 else (mag + (1 << (e - 1))) >> e
        if m <= mant_max:
            return int(np.sign(value)) * m, e
    return int(np.sign(value)) * mant_max, exp_max


def input_current(layer, pixels, image_shape, out_size):
    """The first layer on the host: integer sum over pixel bytes, shifted (floor), plus its bias."""
    w = np.array(layer["weights"], dtype=np.int64).reshape(layer["weight_shape"])
    x = np.array(pixels, dtype=np.int64).reshape(image_shape)
    if layer["kind"] == "dense":
        acc = w @ x.reshape(-1)
    else:
        kh, kw, sh, sw, dh, dw, pt, pl, pb, pr, _ = layer["window"]
        groups = layer["groups"]
        o, ipg = w.shape[0], w.shape[1]
        c, h, wd = x.shape
        xp = np.pad(x, ((0, 0), (pt, pb), (pl, pr)))
        oh = (h + pt + pb - dh * (kh - 1) - 1) // sh + 1
        ow = (wd + pl + pr - dw * (kw - 1) - 1) // sw + 1
        acc = np.zeros((o, oh, ow), dtype=np.int64)
        per_group = o // groups
        for oc in range(o):
            g = oc // per_group
            for ci in range(ipg):
                for ky in range(kh):
                    for kx in range(kw):
                        patch = xp[g * ipg + ci, ky * dh: ky * dh + sh * (oh - 1) + 1: sh,
                                   kx * dw: kx * dw + sw * (ow - 1) + 1: sw]
                        acc[oc] += w[oc, ci, ky, kx] * patch
        acc = acc.reshape(-1)
    shift = layer["shift"]
    acc = acc << shift if shift >= 0 else acc >> -shift
    return acc + np.array(layer["bias"], dtype=np.int64)


def build(net, pixels):
    """Lava processes for one image; returns populations, monitors and the readout sink."""
    arith = net["target"]["arithmetic"]
    steps = net["timing"]["steps"]
    image_shape = net["input"]["shape"]
    extra = {}
    for layer in net["input"]["layers"]:
        extra[layer["population"]] = input_current(layer, pixels, image_shape, None)
    pops = {}
    for p in net["populations"]:
        shape = tuple(p["lava_shape"])
        order = lava_index(p["shape"])
        mant = np.array(p["bias_mant"], dtype=np.int64)
        exp = np.array(p["bias_exp"], dtype=np.int64)
        if p["name"] in extra:
            total = (mant << exp)
            total[order] += extra[p["name"]]
            coded = [encode_bias(v, arith["bias_bits"], arith["bias_exponent_max"]) for v in total]
            mant = np.array([m for m, _ in coded])
            exp = np.array([e for _, e in coded])
        common = dict(shape=shape, du=p["du"], dv=p["dv"], bias_mant=mant.reshape(shape),
                      bias_exp=exp.reshape(shape), v=np.array(p["v_init"]).reshape(shape), name=p["name"])
        if p["process"] == "SubtractiveLIF":
            plane = int(np.prod(p["shape"][1:])) if len(p["shape"]) == 3 else 1
            per_neuron = np.repeat(np.array(p["vth"]), plane)
            vth = np.zeros(len(per_neuron), dtype=np.int64)
            vth[order] = per_neuron
            pops[p["name"]] = SubtractiveLIF(vth=vth.reshape(shape), **common)
        else:
            pops[p["name"]] = LIF(vth=p["vth"], **common)
    readout_size = int(np.prod(net["readout"]["shape"]))
    sink = RingBuffer(shape=(readout_size,), buffer=steps)
    for s in net["synapses"]:
        w = np.array(s["weights"]).reshape(s["weight_shape"])
        if s["process"] == "Dense":
            proc = Dense(weights=w, weight_exp=s["weight_exp"], num_weight_bits=s["num_weight_bits"],
                         sign_mode=SignMode.MIXED)
        else:
            if s.get("weight_exp", 0) != 0:
                raise SystemExit("synapses %s: a conv weight exponent (%d) is Loihi 1's; Lava's Conv has none"
                                 % (s["name"], s["weight_exp"]))
            proc = WideConv(weight=w, input_shape=tuple(s["input_shape"]), padding=tuple(s["padding"]),
                        stride=tuple(s["stride"]), dilation=tuple(s["dilation"]), groups=s["groups"])
        src = pops[s["source"]]
        src.s_out.reshape(proc.s_in.shape).connect(proc.s_in)
        if s["target"] == "readout":
            proc.a_out.connect(sink.a_in)
        else:
            tgt = pops[s["target"]]
            proc.a_out.reshape(tgt.a_in.shape).connect(tgt.a_in)
    monitors = {}
    for name, pop in pops.items():
        ms = Monitor(), Monitor(), Monitor()
        ms[0].probe(pop.s_out, steps)
        ms[1].probe(pop.u, steps)
        ms[2].probe(pop.v, steps)
        monitors[name] = ms
    return pops, monitors, sink


def run_image(net, pixels, trace_neurons):
    pops, monitors, sink = build(net, pixels)
    steps = net["timing"]["steps"]
    first = next(iter(pops.values()))
    first.run(condition=RunSteps(num_steps=steps), run_cfg=Loihi2SimCfg(select_tag="fixed_pt"))
    layers = []
    for p in net["populations"]:
        order = lava_index(p["shape"])
        name = p["name"]
        data = [m.get_data()[name] for m in monitors[name]]
        s_out, u, v = data[0]["s_out"], data[1]["u"], data[2]["v"]
        steps_, neurons = [], []
        for t in range(steps):
            lava_spikes = np.asarray(s_out[t]).reshape(-1)
            snnc = np.nonzero(lava_spikes[order])[0]
            steps_ += [t] * len(snnc)
            neurons += snnc.tolist()
        traced = list(range(min(trace_neurons, len(order))))
        layers.append({"name": name, "shape": p["shape"], "spike_steps": steps_, "spike_neurons": neurons,
                       "trace_neurons": traced,
                       "u": [np.asarray(u[t]).reshape(-1)[order][traced].tolist() for t in range(steps)],
                       "v": [np.asarray(v[t]).reshape(-1)[order][traced].tolist() for t in range(steps)]})
    a_out = np.asarray(sink.data.get())  # (readout, steps)
    first.stop()
    t0 = net["timing"]["readout_from_step"]
    bias = np.array(net["readout"]["bias"], dtype=np.int64)
    readout = a_out[:, t0:].sum(axis=1).astype(np.int64) + bias * (steps - t0)
    return layers, readout


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("netlist")
    ap.add_argument("--images", required=True)
    ap.add_argument("--out", required=True)
    ap.add_argument("--trace-neurons", type=int, default=8)
    args = ap.parse_args()
    net = json.load(open(args.netlist))
    data = json.load(open(args.images))
    images = []
    for i, pixels in enumerate(data["images"]):
        layers, readout = run_image(net, pixels, args.trace_neurons)
        images.append({"index": i, "label": data["labels"][i], "readout": readout.tolist(),
                       "prediction": int(np.argmax(readout)), "layers": layers})
    dump = {"format": "snnc-spikes", "version": 1, "model": net["name"], "target": net["target"]["id"],
            "timesteps": net["timing"]["timesteps"], "steps": net["timing"]["steps"], "images": images}
    json.dump(dump, open(args.out, "w"))


if __name__ == "__main__":
    main()
