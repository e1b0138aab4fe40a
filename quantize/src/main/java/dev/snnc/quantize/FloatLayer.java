package dev.snnc.quantize;

import dev.snnc.ir.Shape;
import dev.snnc.ir.op.Conv2d;
import dev.snnc.ir.op.Linear;
import dev.snnc.ir.op.Window2d;

/** Direct float evaluation of the analog first layer for one image (small: it runs once per image). */
final class FloatLayer {
    private FloatLayer() {
    }

    static double[] conv(Conv2d op, float[] x, Shape in, Shape out) {
        Window2d w = op.window();
        int cinPerGroup = op.weight().dim(1);
        int perGroup = op.outChannels() / op.groups();
        int ih = in.dim(1);
        int iw = in.dim(2);
        int oh = out.dim(1);
        int ow = out.dim(2);
        double[] y = new double[(int) out.size()];
        for (int o = 0; o < op.outChannels(); o++) {
            int g = o / perGroup;
            for (int oy = 0; oy < oh; oy++) {
                for (int ox = 0; ox < ow; ox++) {
                    double sum = op.bias().get(o);
                    for (int ci = 0; ci < cinPerGroup; ci++) {
                        int c = g * cinPerGroup + ci;
                        for (int ky = 0; ky < w.kernelH(); ky++) {
                            int yy = oy * w.strideH() - w.padding().top() + ky * w.dilationH();
                            if (yy < 0 || yy >= ih) {
                                continue;
                            }
                            for (int kx = 0; kx < w.kernelW(); kx++) {
                                int xx = ox * w.strideW() - w.padding().left() + kx * w.dilationW();
                                if (xx < 0 || xx >= iw) {
                                    continue;
                                }
                                sum += op.weight().get(((o * cinPerGroup + ci) * w.kernelH() + ky) * w.kernelW() + kx)
                                        * x[(c * ih + yy) * iw + xx];
                            }
                        }
                    }
                    y[(o * oh + oy) * ow + ox] = sum;
                }
            }
        }
        return y;
    }

    static double[] linear(Linear op, float[] x) {
        double[] y = new double[op.outFeatures()];
        for (int o = 0; o < y.length; o++) {
            double sum = op.bias().get(o);
            for (int i = 0; i < op.inFeatures(); i++) {
                sum += op.weight().get(o * op.inFeatures() + i) * x[i];
            }
            y[o] = sum;
        }
        return y;
    }
}
