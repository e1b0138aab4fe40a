package dev.snnc.ir.op;

/** Double dispatch over the closed set of ops (Java 17 has no pattern-matching switch). */
public interface OpVisitor<R> {
    R visitConv2d(Conv2d op);

    R visitLinear(Linear op);

    R visitChannelAffine(ChannelAffine op);

    R visitRelu(Relu op);

    R visitClip(Clip op);

    R visitAdd(Add op);

    R visitAvgPool2d(AvgPool2d op);

    R visitMaxPool2d(MaxPool2d op);

    R visitGlobalAvgPool(GlobalAvgPool op);

    R visitFlatten(Flatten op);

    R visitIfNeuron(IfNeuron op);
}
