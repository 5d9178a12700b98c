package org.recoil.cli;

import java.nio.file.Path;
import org.recoil.core.InvalidInputException;
import org.recoil.core.hist.Binning;
import org.recoil.core.selection.SelectionConfig;
import picocli.CommandLine.Option;

/**
 * The {@code --bins N --range LO,HI} options of {@code recoil histogram} and {@code spark-histogram}:
 * a uniform binning that overrides the selection config's {@code histogram.binning}.
 */
public final class BinningOptions {

    @Option(names = "--bins", paramLabel = "N", description = "Number of uniform bins (with --range; overrides the config).")
    Integer bins;

    @Option(names = "--range", paramLabel = "LO,HI", description = "Histogram range (with --bins; overrides the config).")
    String range;

    /**
     * @param cfg the selection config
     * @param config its file, or {@code null} for the defaults (for messages)
     * @return the binning of the options, else the config's
     * @throws InvalidInputException if only one option is given, the range is malformed, or neither the
     *     options nor the config give a binning
     */
    public Binning resolve(SelectionConfig cfg, Path config) {
        if (bins != null || range != null) {
            if (bins == null || range == null) {
                throw new InvalidInputException("give --bins and --range together");
            }
            String[] parts = range.split(",", -1);
            if (parts.length != 2) {
                throw new InvalidInputException("--range must be LO,HI, got '" + range + "'");
            }
            double lo;
            double hi;
            try {
                lo = Double.parseDouble(parts[0].strip());
                hi = Double.parseDouble(parts[1].strip());
            } catch (NumberFormatException e) {
                throw new InvalidInputException("--range must be two numbers LO,HI, got '" + range + "'", e);
            }
            try {
                return Binning.uniform(bins, lo, hi);
            } catch (InvalidInputException e) {
                throw new InvalidInputException("--bins/--range: " + e.getMessage(), e);
            }
        }
        if (cfg.histogram().binning() == null) {
            throw new InvalidInputException("no binning: give --bins N --range LO,HI or histogram.binning in the config"
                    + (config != null ? " " + config : ""));
        }
        return cfg.histogram().binning().toBinning((config != null ? config + ": " : "") + "histogram.binning");
    }
}
