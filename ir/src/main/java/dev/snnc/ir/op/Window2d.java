package dev.snnc.ir.op;

/**
 * The sliding-window geometry shared by convolution and pooling: kernel, stride, dilation,
 * padding and the rounding of the output size (ONNX {@code ceil_mode}).
 */
public record Window2d(int kernelH, int kernelW, int strideH, int strideW, int dilationH, int dilationW,
                       Padding padding, boolean ceilMode) {
    public Window2d {
        if (kernelH < 1 || kernelW < 1 || strideH < 1 || strideW < 1 || dilationH < 1 || dilationW < 1) {
            throw new IllegalArgumentException("kernel " + kernelH + "x" + kernelW + ", stride " + strideH + "x" + strideW
                    + " and dilation " + dilationH + "x" + dilationW + " must all be at least 1");
        }
    }

    public static Window2d of(int kernel, int stride, int pad) {
        return new Window2d(kernel, kernel, stride, stride, 1, 1, new Padding(pad, pad, pad, pad), false);
    }

    public int outputHeight(int inputH) {
        return outputSize("height", inputH, kernelH, strideH, dilationH, padding.top(), padding.bottom());
    }

    public int outputWidth(int inputW) {
        return outputSize("width", inputW, kernelW, strideW, dilationW, padding.left(), padding.right());
    }

    private int outputSize(String axis, int in, int k, int s, int d, int padBegin, int padEnd) {
        int span = d * (k - 1) + 1;
        int room = in + padBegin + padEnd - span;
        if (room < 0) {
            throw new IllegalArgumentException("window of " + span + " pixels does not fit the padded input " + axis
                    + " " + (in + padBegin + padEnd));
        }
        int out = (ceilMode ? Math.floorDiv(room + s - 1, s) : room / s) + 1;
        // PyTorch/ONNX rule: with ceil mode the last window must start inside the input or the leading padding.
        if (ceilMode && (out - 1) * s >= in + padBegin) {
            out--;
        }
        return out;
    }

    public String describe() {
        return "kernel=" + kernelH + "x" + kernelW + " stride=" + strideH + "x" + strideW + " pad=" + padding
                + (dilationH != 1 || dilationW != 1 ? " dilation=" + dilationH + "x" + dilationW : "")
                + (ceilMode ? " ceil" : "");
    }
}
