package org.recoil.fitting.model;

import java.util.Locale;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.spec.Workspace;
import org.recoil.fitting.spec.WorkspaceIO;

/**
 * A large synthetic shape analysis for tests and benchmarks: C channels of B bins, each with a signal (POI
 * {@code mu}, histosys {@code sig_shape} shared by all channels), a falling background with a
 * per-channel-normalised second background ({@code bkg2_norm_ch<c>} normsys), and one staterror γ per bin
 * ({@code staterror_ch<c>}). C·B + C + 2 parameters: 12 global ones and C·B per-bin ones for C = 10, so the
 * Hessian is an arrow ({@link ArrowStructure}). Fully deterministic (closed-form contents, observed counts
 * rounded from a smooth pattern): no random numbers.
 */
public final class StaterrorBenchmarkWorkspace {
    private StaterrorBenchmarkWorkspace() {
    }

    /**
     * @param channels number of channels C (≥ 1)
     * @param bins bins per channel B (≥ 1)
     * @return the workspace as pyhf JSON 1.0.0
     */
    public static String json(int channels, int bins) {
        if (channels < 1 || bins < 1) {
            throw new InvalidInputException("the benchmark workspace needs at least one channel and one bin, got "
                    + channels + " x " + bins);
        }
        StringBuilder ch = new StringBuilder();
        StringBuilder obs = new StringBuilder();
        for (int c = 0; c < channels; c++) {
            double[] b1 = new double[bins];
            double[] b2 = new double[bins];
            double[] sig = new double[bins];
            double[] sigHi = new double[bins];
            double[] sigLo = new double[bins];
            double[] err1 = new double[bins];
            double[] err2 = new double[bins];
            double[] data = new double[bins];
            for (int b = 0; b < bins; b++) {
                double x = (b + 0.5) / bins;
                b1[b] = 50 * Math.exp(-2 * x) * (1 + 0.1 * c) + 5;
                b2[b] = 20 * (1 + x);
                double z = (x - 0.5) / 0.1;
                sig[b] = 10 * Math.exp(-0.5 * z * z) * (1 + 0.05 * c) + 1e-3;
                sigHi[b] = sig[b] * (1 + 0.1 * x);
                sigLo[b] = sig[b] * (1 - 0.1 * x);
                err1[b] = 0.05 * b1[b];
                err2[b] = 0.03 * b2[b];
                data[b] = Math.rint(b1[b] + b2[b] + 0.5 * sig[b] + 3 * Math.sin(7 * b + 3 * c));
            }
            if (c > 0) {
                ch.append(",\n");
                obs.append(",\n");
            }
            String name = "ch" + c;
            ch.append("{\"name\": \"").append(name).append("\", \"samples\": [")
                    .append("{\"name\": \"bkg1\", \"data\": ").append(array(b1)).append(", \"modifiers\": [")
                    .append("{\"name\": \"staterror_").append(name).append("\", \"type\": \"staterror\", \"data\": ")
                    .append(array(err1)).append("}]},\n")
                    .append("{\"name\": \"bkg2\", \"data\": ").append(array(b2)).append(", \"modifiers\": [")
                    .append("{\"name\": \"bkg2_norm_").append(name)
                    .append("\", \"type\": \"normsys\", \"data\": {\"hi\": 1.1, \"lo\": 0.9}},")
                    .append("{\"name\": \"staterror_").append(name).append("\", \"type\": \"staterror\", \"data\": ")
                    .append(array(err2)).append("}]},\n")
                    .append("{\"name\": \"signal\", \"data\": ").append(array(sig)).append(", \"modifiers\": [")
                    .append("{\"name\": \"mu\", \"type\": \"normfactor\", \"data\": null},")
                    .append("{\"name\": \"sig_shape\", \"type\": \"histosys\", \"data\": {\"hi_data\": ")
                    .append(array(sigHi)).append(", \"lo_data\": ").append(array(sigLo)).append("}}]}]}");
            obs.append("{\"name\": \"").append(name).append("\", \"data\": ").append(array(data)).append("}");
        }
        return "{\"channels\": [\n" + ch + "],\n\"observations\": [\n" + obs + "],\n"
                + "\"measurements\": [{\"name\": \"meas\", \"config\": {\"poi\": \"mu\", \"parameters\": []}}],\n"
                + "\"version\": \"1.0.0\"}\n";
    }

    /**
     * @param channels number of channels
     * @param bins bins per channel
     * @return the parsed workspace
     */
    public static Workspace workspace(int channels, int bins) {
        return WorkspaceIO.read(json(channels, bins), "staterror benchmark " + channels + "x" + bins);
    }

    private static String array(double[] v) {
        StringBuilder s = new StringBuilder("[");
        for (int i = 0; i < v.length; i++) {
            if (i > 0) {
                s.append(", ");
            }
            s.append(String.format(Locale.ROOT, "%.10g", v[i]));
        }
        return s.append(']').toString();
    }
}
