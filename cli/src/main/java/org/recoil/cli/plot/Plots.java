package org.recoil.cli.plot;

import java.nio.file.Path;
import org.knowm.xchart.XYChart;
import org.recoil.core.InvalidInputException;

/**
 * The plots of a recoil-mass search, as XChart charts or written as PNG and SVG files.
 *
 * <p>Each {@code xxxChart} method validates the data against the options (for example that values
 * drawn on a log axis are positive) and returns the finished chart, for notebooks or further
 * styling; each {@code writeXxx} method builds the same chart and writes {@code base.png} and
 * {@code base.svg} with {@link PlotWriter#write(XYChart, Path)}. Rendering is headless
 * ({@code java.awt.headless} is set to true unless chosen otherwise) and deterministic: the same
 * data and options give the same bytes.
 */
public final class Plots {

    /** Axis label for the squared recoil mass (plain Unicode has no subscript c, hence "(rec)"). */
    public static final String RECOIL_MASS_SQUARED = "Recoil mass squared M²(rec) [GeV²]";
    /** Axis label for the recoil mass. */
    public static final String RECOIL_MASS = "Recoil mass M(rec) [GeV]";
    /** Axis label for the Z′ mass. */
    public static final String Z_PRIME_MASS = "Z′ mass M(Z′) [GeV]";
    /** Axis label for histogram contents when the bins differ in width. */
    public static final String EVENTS_PER_BIN = "Events / bin";
    /** Axis label for the cross-section limit of the invisible Z′ search. */
    public static final String SIGMA_LIMIT_FB = "σ(e⁺e⁻ → μ⁺μ⁻Z′) × BR(Z′ → inv) upper limit [fb]";
    /** Axis label for the coupling limit. */
    public static final String GPRIME_LIMIT = "g′ upper limit";
    /** Axis label for the integrated luminosity in inverse femtobarns. */
    public static final String LUMINOSITY_FB = "Integrated luminosity [fb⁻¹]";

    private Plots() {
    }

    /**
     * The y-axis label of a histogram with bins of one width, e.g. {@code "Events / 0.5 GeV²"}.
     *
     * @param binWidth the bin width, positive
     * @param unit the unit of the x axis, e.g. {@code "GeV²"}
     * @return the label
     * @throws InvalidInputException if the width is not positive and finite
     */
    public static String eventsPer(double binWidth, String unit) {
        if (!(binWidth > 0) || Double.isInfinite(binWidth)) {
            throw new InvalidInputException("events-per-bin label: bin width " + binWidth
                    + " is not positive and finite; expected the width of the histogram's bins");
        }
        return "Events / " + new java.math.BigDecimal(binWidth).round(new java.math.MathContext(3))
                .stripTrailingZeros().toPlainString() + " " + unit;
    }

    /**
     * The recoil-mass distribution: data with error bars against stacked backgrounds, with signal
     * overlays.
     *
     * @param histogram the binned yields
     * @param options title, labels (e.g. {@link #RECOIL_MASS_SQUARED}, {@link #EVENTS_PER_BIN}), scales
     * @return the chart
     * @throws InvalidInputException if the data cannot be drawn with these options
     */
    public static XYChart recoilMassChart(StackedHistogram histogram, PlotOptions options) {
        Headless.ensure();
        return RecoilMassPlot.chart(histogram, options);
    }

    /**
     * Writes {@link #recoilMassChart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param histogram the binned yields
     * @param options title, labels, scales
     * @param basePath the output path without extension
     * @return the files written
     * @throws InvalidInputException if the data cannot be drawn or the files cannot be written
     */
    public static PlotFiles writeRecoilMass(StackedHistogram histogram, PlotOptions options, Path basePath) {
        return PlotWriter.write(recoilMassChart(histogram, options), basePath);
    }

    /**
     * The Brazil-band plot of an upper limit versus mass: expected median (dashed), ±1σ (green)
     * and ±2σ (yellow) expected bands, observed limit (solid black with markers at the scan points).
     *
     * @param band the limits at each scan point
     * @param options title, labels (e.g. {@link #Z_PRIME_MASS}, {@link #SIGMA_LIMIT_FB}), scales
     * @return the chart
     * @throws InvalidInputException if the band has fewer than 2 points or cannot be drawn with these options
     */
    public static XYChart brazilBandChart(BandSeries band, PlotOptions options) {
        Headless.ensure();
        return BrazilBandPlot.chart(band, options);
    }

    /**
     * Writes {@link #brazilBandChart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param band the limits at each scan point
     * @param options title, labels, scales
     * @param basePath the output path without extension
     * @return the files written
     * @throws InvalidInputException if the data cannot be drawn or the files cannot be written
     */
    public static PlotFiles writeBrazilBand(BandSeries band, PlotOptions options, Path basePath) {
        return PlotWriter.write(brazilBandChart(band, options), basePath);
    }

    /**
     * The coupling limit versus mass with favoured bands (e.g. (g−2)<sub>μ</sub> per Δa<sub>μ</sub>
     * scenario) and projections.
     *
     * @param data the limit curves and bands
     * @param options title, labels (e.g. {@link #Z_PRIME_MASS}, {@link #GPRIME_LIMIT}), scales (usually log y)
     * @return the chart
     * @throws InvalidInputException if the data cannot be drawn with these options
     */
    public static XYChart couplingLimitChart(CouplingLimitData data, PlotOptions options) {
        Headless.ensure();
        return CouplingLimitPlot.chart(data, options);
    }

    /**
     * Writes {@link #couplingLimitChart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param data the limit curves and bands
     * @param options title, labels, scales
     * @param basePath the output path without extension
     * @return the files written
     * @throws InvalidInputException if the data cannot be drawn or the files cannot be written
     */
    public static PlotFiles writeCouplingLimit(CouplingLimitData data, PlotOptions options, Path basePath) {
        return PlotWriter.write(couplingLimitChart(data, options), basePath);
    }

    /**
     * Expected limits versus integrated luminosity, one curve per mass or systematics scenario.
     *
     * @param scan the curves and milestones
     * @param options title, labels (e.g. {@link #LUMINOSITY_FB}), scales (usually log x and log y)
     * @return the chart
     * @throws InvalidInputException if the data cannot be drawn with these options
     */
    public static XYChart luminosityChart(LuminosityScan scan, PlotOptions options) {
        Headless.ensure();
        return LuminosityPlot.chart(scan, options);
    }

    /**
     * Writes {@link #luminosityChart} as {@code basePath.png} and {@code basePath.svg}.
     *
     * @param scan the curves and milestones
     * @param options title, labels, scales
     * @param basePath the output path without extension
     * @return the files written
     * @throws InvalidInputException if the data cannot be drawn or the files cannot be written
     */
    public static PlotFiles writeLuminosity(LuminosityScan scan, PlotOptions options, Path basePath) {
        return PlotWriter.write(luminosityChart(scan, options), basePath);
    }
}
