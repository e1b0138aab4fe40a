package dev.snnc.calibration.djl;

import ai.djl.ndarray.NDArray;
import dev.snnc.ir.op.IfNeuron;
import dev.snnc.ir.op.NeuronModel;
import java.util.List;

/**
 * The ANN an SNN converts, seen at its thresholds and time steps: each population outputs θ/T times
 * the number of spikes a subtractive integrate-and-fire neuron of its model fires in T steps from a
 * constant input x, i.e. {@code clamp(floor(T·x/θ + s), 0, T)} spikes ({@code s} = 0.5 with the
 * half-step shift, else 0; {@code ceil(·) − 1} for the strict comparison). Calibrated bias
 * corrections and initial potentials are left out: they correct the SNN's dynamics, and this view is
 * what conversion at these thresholds reaches without any temporal error. Its accuracy bounds what
 * calibration can recover; the rest of the gap to the SNN is error from inputs that vary in time.
 */
final class QuantizedAnnOps extends OpExecutor {
    private final int timesteps;

    QuantizedAnnOps(String nodeName, List<NDArray> inputs, ParameterSource params, int timesteps) {
        super(nodeName, inputs, params);
        this.timesteps = timesteps;
    }

    @Override
    public NDArray visitIfNeuron(IfNeuron op) {
        if (op.model().reset() != NeuronModel.Reset.SUBTRACT) {
            throw new IllegalArgumentException("the quantized ANN view models subtractive neurons, not " + op.model());
        }
        NDArray x = x();
        NDArray theta = theta(DeviceParameters.channelShape(x.getShape(), op.threshold().size()));
        NDArray steps = x.mul((float) timesteps).div(theta);
        if (op.model().halfStepShift()) {
            steps = steps.add(0.5f);
        }
        NDArray spikes = op.model().comparison() == NeuronModel.Comparison.GREATER_EQUAL
                ? steps.floor() : steps.ceil().sub(1f);
        return spikes.clip(0f, (float) timesteps).mul(theta).div((float) timesteps);
    }
}
