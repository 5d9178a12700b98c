package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYSeries;

/**
 * The text a reader sees on each plot: title, axis titles, tick labels and legend entries. XChart draws text as
 * glyph outlines (also in the SVG), so the labels are read from the chart that is written.
 */
class PlotLabelsTest {

    static List<String> legend(XYChart chart) {
        return chart.getSeriesMap().values().stream().filter(XYSeries::isShowInLegend).map(XYSeries::getName)
                .toList();
    }

    @Test
    void recoilMassShowsTheStackUncertaintyAndNoCodeNames() {
        StackedHistogram h = ExampleData.recoilMass();
        double[] err = new double[h.bins()];
        java.util.Arrays.fill(err, 0.5);
        StackedHistogram withErr = new StackedHistogram(h.edges(), h.backgrounds(), h.data(), null, h.signals(), err);
        XYChart chart = Plots.recoilMassChart(withErr, PlotOptions.of("Recoil-mass spectrum",
                Plots.RECOIL_MASS_SQUARED, Plots.eventsPer(0.25, "GeV²")));
        assertEquals(List.of("Data", "e⁺e⁻ → μ⁺μ⁻(γ)", "e⁺e⁻ → τ⁺τ⁻(γ)", "e⁺e⁻ → e⁺e⁻μ⁺μ⁻",
                StackedHistogram.STACK_ERROR_LABEL, "Z′ 2 GeV, g′ = 0.1", "Z′ 5 GeV, g′ = 0.5"), legend(chart));
        assertEquals("Recoil mass squared M²(rec) [GeV²]", chart.getXAxisTitle());
        assertEquals("Events / 0.25 GeV²", chart.getYAxisTitle());
        for (String text : List.of(chart.getXAxisTitle(), chart.getYAxisTitle(), String.join(" ", legend(chart)))) {
            assertFalse(text.contains("_"), "no literal underscores: " + text);
        }
    }

    @Test
    void eventsPerBinNamesTheWidth() {
        assertEquals("Events / 1 GeV²", Plots.eventsPer(1.0, "GeV²"));
        assertEquals("Events / 0.05 GeV", Plots.eventsPer(72.0 / 1440, "GeV"));
        assertEquals("Events / 0.333 GeV²", Plots.eventsPer(1.0 / 3, "GeV²"));
    }

    @Test
    void brazilBandsAreLabelledAsSigmaQuantiles() {
        XYChart chart = Plots.brazilBandChart(ExampleData.brazil(), ExampleData.brazilOptions());
        assertEquals(List.of("Observed", "Median expected", "Expected ±1σ", "Expected ±2σ"), legend(chart));
    }

    @Test
    void couplingLimitCarriesTheExpectedBand() {
        CouplingLimitData d = ExampleData.coupling();
        double[] x = d.expected().x();
        double[] m = d.expected().y();
        double[][] q = new double[4][x.length];
        for (int i = 0; i < x.length; i++) {
            q[0][i] = 0.6 * m[i];
            q[1][i] = 0.8 * m[i];
            q[2][i] = 1.3 * m[i];
            q[3][i] = 1.7 * m[i];
        }
        CouplingLimitData withBand = new CouplingLimitData(d.observed(), d.expected(), d.projections(),
                d.favouredBands(), new BandSeries(x, null, q[0], q[1], m, q[2], q[3]));
        List<String> legend = legend(Plots.couplingLimitChart(withBand, ExampleData.couplingOptions()));
        int expected = legend.indexOf(d.expected().label());
        assertEquals(List.of(CouplingLimitData.ONE_SIGMA, CouplingLimitData.TWO_SIGMA),
                legend.subList(expected + 1, expected + 3), legend::toString);
        assertFalse(legend(Plots.couplingLimitChart(d, ExampleData.couplingOptions()))
                .contains(CouplingLimitData.ONE_SIGMA));
    }

    @Test
    void logAxesUseOneNotation() {
        assertEquals(List.of("10⁻³", "10⁻²", "10⁻¹", "10⁰", "10¹", "10²", "10³", "10⁴"),
                LogTicks.of(1e-3, 1e4, true).stream().map(LogTicks.Tick::label).toList());
        assertEquals(List.of("8×10⁻³", "9×10⁻³", "10⁻²", "2×10⁻²"),
                LogTicks.of(7.5e-3, 2.5e-2, false).stream().map(LogTicks.Tick::label).toList());
        assertEquals("10⁻¹²", LogTicks.label(1, -12));
        XYChart chart = Plots.luminosityChart(ExampleData.luminosity(), ExampleData.luminosityOptions());
        for (boolean x : new boolean[] {true, false}) {
            List<String> labels = LogTickLabels.ticks(chart.getStyler(), x).stream().map(LogTicks.Tick::label).toList();
            assertFalse(labels.isEmpty(), "the log axis has labels");
            assertTrue(labels.stream().allMatch(l -> l.matches("([2-9]×)?10⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")), labels::toString);
        }
    }

    @Test
    void theLuminosityPlotWritesPowersOfTenOnBothAxes(@TempDir Path dir)
            throws Exception {
        PlotFiles files = Plots.writeLuminosity(ExampleData.luminosity(), ExampleData.luminosityOptions(),
                dir.resolve("lumi"));
        String svg = Files.readString(files.svg());
        String desc = svg.substring(svg.indexOf("<desc>"), svg.indexOf("</desc>"));
        String xTicks = desc.lines().filter(l -> l.startsWith("x ticks: ")).findFirst().orElseThrow(() ->
                new AssertionError("no x ticks in\n" + desc));
        String yTicks = desc.lines().filter(l -> l.startsWith("y ticks: ")).findFirst().orElseThrow(() ->
                new AssertionError("no y ticks in\n" + desc));
        assertTrue(xTicks.contains("10²") && xTicks.contains("10³"), xTicks);
        assertTrue(yTicks.contains("10¹") && yTicks.contains("10²"), yTicks);
        for (String line : List.of(xTicks, yTicks)) {
            assertFalse(line.matches(".*\\dE-?\\d.*") || line.matches(".*\\d,?000.*"), "one notation: " + line);
        }
    }

    @Test
    void luminosityCurvesDifferInColour() {
        XYChart chart = Plots.luminosityChart(ExampleData.luminosity(), ExampleData.luminosityOptions());
        Map<String, XYSeries> series = chart.getSeriesMap();
        List<java.awt.Color> colours = series.values().stream().filter(XYSeries::isShowInLegend)
                .map(XYSeries::getLineColor).toList();
        assertEquals(colours.size(), colours.stream().distinct().count(), colours::toString);
        assertTrue(java.util.stream.IntStream.range(0, 10).mapToObj(Palette::line).distinct().count() == 10);
    }
}
