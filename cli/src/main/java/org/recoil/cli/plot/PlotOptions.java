package org.recoil.cli.plot;

import java.util.List;
import java.util.Objects;
import org.recoil.core.InvalidInputException;

/**
 * How a plot looks: title, axis labels (with units), log scales, the "SYNTHETIC DATA" label, extra
 * notes, the legend corner, optional fixed axis ranges and the image size in pixels. Immutable;
 * start from {@link #of(String, String, String)} and change with the {@code withX} copies:
 * <pre>{@code
 * PlotOptions o = PlotOptions.of("Belle II-like, 276 pb⁻¹", "Z′ mass M(Z′) [GeV]", "σ × BR(Z′→inv) upper limit [fb]")
 *         .withLogY(true).withSynthetic(true).withNotes("90% CL, asymptotic CLs");
 * }</pre>
 *
 * @param title the title above the plot (may be empty, not null)
 * @param xAxisLabel the x-axis title with its unit, e.g. {@code "Recoil mass squared M²(rec) [GeV²]"}
 * @param yAxisLabel the y-axis title with its unit, e.g. {@code "Events / bin"}
 * @param logX a logarithmic x axis (then every x value drawn must be positive)
 * @param logY a logarithmic y axis (then every y value drawn must be positive, except histogram
 *     contents, where empty bins are allowed)
 * @param synthetic label the plot "SYNTHETIC DATA" (for outputs made from the synthetic dataset)
 * @param notes extra lines of text shown inside the plot under the label (luminosity, CL, method)
 * @param legend where the legend goes
 * @param xRange a fixed x range, or null for the automatic one
 * @param yRange a fixed y range, or null for the automatic one
 * @param width the image width in pixels, 200 to 4000
 * @param height the image height in pixels, 200 to 4000
 */
public record PlotOptions(String title, String xAxisLabel, String yAxisLabel, boolean logX, boolean logY,
                          boolean synthetic, List<String> notes, LegendCorner legend, AxisRange xRange,
                          AxisRange yRange, int width, int height) {

    /** Default image width in pixels. */
    public static final int DEFAULT_WIDTH = 800;
    /** Default image height in pixels. */
    public static final int DEFAULT_HEIGHT = 600;
    private static final int MIN_SIZE = 200;
    private static final int MAX_SIZE = 4000;

    /**
     * Checks the options.
     *
     * @param title the title above the plot
     * @param xAxisLabel the x-axis title with its unit
     * @param yAxisLabel the y-axis title with its unit
     * @param logX a logarithmic x axis
     * @param logY a logarithmic y axis
     * @param synthetic label the plot "SYNTHETIC DATA"
     * @param notes extra lines of text inside the plot
     * @param legend where the legend goes
     * @param xRange a fixed x range, or null
     * @param yRange a fixed y range, or null
     * @param width the image width in pixels
     * @param height the image height in pixels
     * @throws InvalidInputException for blank axis labels, a size outside 200 to 4000 pixels, or a
     *     fixed range that starts at or below 0 on a logarithmic axis
     */
    public PlotOptions {
        Objects.requireNonNull(title, "title");
        if (xAxisLabel == null || xAxisLabel.isBlank() || yAxisLabel == null || yAxisLabel.isBlank()) {
            throw new InvalidInputException("plot '" + title + "': axis labels must not be blank;"
                    + " expected a quantity with its unit, e.g. \"Recoil mass M(rec) [GeV]\"");
        }
        notes = List.copyOf(notes);
        Objects.requireNonNull(legend, "legend");
        if (width < MIN_SIZE || width > MAX_SIZE || height < MIN_SIZE || height > MAX_SIZE) {
            throw new InvalidInputException("plot '" + title + "': size " + width + "x" + height
                    + " pixels is not supported; expected " + MIN_SIZE + " to " + MAX_SIZE + " in each direction");
        }
        if (logX && xRange != null && !(xRange.min() > 0)) {
            throw new InvalidInputException("plot '" + title + "': fixed x range starts at " + xRange.min()
                    + ", which a logarithmic x axis cannot show; expected a positive minimum");
        }
        if (logY && yRange != null && !(yRange.min() > 0)) {
            throw new InvalidInputException("plot '" + title + "': fixed y range starts at " + yRange.min()
                    + ", which a logarithmic y axis cannot show; expected a positive minimum");
        }
    }

    /**
     * Options with linear axes, no label or notes, the automatic legend corner and ranges, and the
     * default size of 800 × 600 pixels.
     *
     * @param title the title above the plot
     * @param xAxisLabel the x-axis title with its unit
     * @param yAxisLabel the y-axis title with its unit
     * @return the options
     */
    public static PlotOptions of(String title, String xAxisLabel, String yAxisLabel) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, false, false, false, List.of(),
                LegendCorner.AUTO, null, null, DEFAULT_WIDTH, DEFAULT_HEIGHT);
    }

    /**
     * @param text the title
     * @return a copy with this title
     */
    public PlotOptions withTitle(String text) {
        return new PlotOptions(text, xAxisLabel, yAxisLabel, logX, logY, synthetic, notes, legend, xRange, yRange,
                width, height);
    }

    /**
     * @param log a logarithmic x axis
     * @return a copy with that x scale
     */
    public PlotOptions withLogX(boolean log) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, log, logY, synthetic, notes, legend, xRange, yRange,
                width, height);
    }

    /**
     * @param log a logarithmic y axis
     * @return a copy with that y scale
     */
    public PlotOptions withLogY(boolean log) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, log, synthetic, notes, legend, xRange, yRange,
                width, height);
    }

    /**
     * @param label show the "SYNTHETIC DATA" label
     * @return a copy with that choice
     */
    public PlotOptions withSynthetic(boolean label) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, label, notes, legend, xRange, yRange,
                width, height);
    }

    /**
     * @param lines the notes shown inside the plot, one per line
     * @return a copy with these notes
     */
    public PlotOptions withNotes(String... lines) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, synthetic, List.of(lines), legend, xRange,
                yRange, width, height);
    }

    /**
     * @param corner where the legend goes
     * @return a copy with that legend corner
     */
    public PlotOptions withLegend(LegendCorner corner) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, synthetic, notes, corner, xRange, yRange,
                width, height);
    }

    /**
     * @param min lower end
     * @param max upper end
     * @return a copy with this fixed x range
     */
    public PlotOptions withXRange(double min, double max) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, synthetic, notes, legend,
                new AxisRange(min, max), yRange, width, height);
    }

    /**
     * @param min lower end
     * @param max upper end
     * @return a copy with this fixed y range
     */
    public PlotOptions withYRange(double min, double max) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, synthetic, notes, legend, xRange,
                new AxisRange(min, max), width, height);
    }

    /**
     * @param widthPixels image width
     * @param heightPixels image height
     * @return a copy with this size
     */
    public PlotOptions withSize(int widthPixels, int heightPixels) {
        return new PlotOptions(title, xAxisLabel, yAxisLabel, logX, logY, synthetic, notes, legend, xRange, yRange,
                widthPixels, heightPixels);
    }
}
