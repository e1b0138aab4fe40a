package dev.snnc.quantize;

/**
 * One population a converted population became where the target has one threshold per population
 * ({@link ThresholdGroups}): its name and the channels of the converted population it holds, ascending.
 */
public record ThresholdGroup(String name, int[] channels) {
    public ThresholdGroup {
        channels = channels.clone();
    }

    @Override
    public int[] channels() {
        return channels.clone();
    }

    /** The channels as ranges, {@code "0-5,7,9-31"}. */
    public String describeChannels() {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < channels.length; i++) {
            int j = i;
            while (j + 1 < channels.length && channels[j + 1] == channels[j] + 1) {
                j++;
            }
            b.append(b.length() == 0 ? "" : ",").append(channels[i]).append(j > i ? "-" + channels[j] : "");
            i = j;
        }
        return b.toString();
    }
}
