package org.recoil.limits.diagnostics;

import java.util.List;

/**
 * Pre- or post-fit yields per channel, sample and bin with their uncertainties, the channel totals and the data.
 *
 * @param stage "prefit" or "postfit"
 * @param rows one row per (channel, sample, bin), then one per (channel, bin) with sample {@link #TOTAL}
 * @param channels the channels, in model order, with their data
 */
public record YieldTable(String stage, List<Row> rows, List<ChannelData> channels) {

    /** The sample name of the total-prediction rows. */
    public static final String TOTAL = "total";

    /** Copies the lists. */
    public YieldTable {
        rows = List.copyOf(rows);
        channels = List.copyOf(channels);
    }

    /**
     * One yield.
     *
     * @param channel channel name
     * @param sample sample name, or {@link #TOTAL}
     * @param bin bin index within the channel
     * @param yield expected events
     * @param error its uncertainty, √(J C Jᵀ)
     */
    public record Row(String channel, String sample, int bin, double yield, double error) {
    }

    /**
     * A channel's observed counts.
     *
     * @param channel channel name
     * @param samples its sample names, in model order
     * @param data observed counts per bin
     */
    public record ChannelData(String channel, List<String> samples, double[] data) {
        /** Copies the inputs. */
        public ChannelData {
            samples = List.copyOf(samples);
            data = data.clone();
        }

        @Override
        public double[] data() {
            return data.clone();
        }
    }

    /** @return the rows of one channel and sample, in bin order */
    public List<Row> rows(String channel, String sample) {
        return rows.stream().filter(r -> r.channel().equals(channel) && r.sample().equals(sample)).toList();
    }
}
