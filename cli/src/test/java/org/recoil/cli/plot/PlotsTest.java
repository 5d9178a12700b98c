package org.recoil.cli.plot;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.recoil.cli.plot.PlotAssertions.assertColor;
import static org.recoil.cli.plot.PlotAssertions.countColor;
import static org.recoil.cli.plot.PlotAssertions.darkestNear;
import static org.recoil.cli.plot.PlotAssertions.overWhite;
import static org.recoil.cli.plot.PlotAssertions.pixelAt;
import static org.recoil.cli.plot.PlotAssertions.validFiles;

import java.awt.Color;
import java.awt.GraphicsEnvironment;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/**
 * Each plot type writes a valid PNG (decodable, right size) and SVG (XML with an svg root), and
 * draws what it should where it should: pixels are sampled at data coordinates and compared with
 * the colours of the bands, stack layers and lines.
 */
class PlotsTest {

    private static final Color WHITE = Color.WHITE;

    @TempDir
    Path dir;

    @Test
    void recoilMassWritesValidPngAndSvg() throws Exception {
        PlotFiles files = Plots.writeRecoilMass(ExampleData.recoilMass(), ExampleData.recoilMassOptions(),
                dir.resolve("recoil_mass"));
        assertEquals(dir.resolve("recoil_mass.png"), files.png());
        assertEquals(dir.resolve("recoil_mass.svg"), files.svg());
        validFiles(files, 800, 600);
        assertEquals(List.of("recoil_mass.png", "recoil_mass.svg"), PlotAssertions.filesIn(dir));
    }

    @Test
    void brazilBandWritesValidPngAndSvgAtRequestedSize() throws Exception {
        PlotFiles files = Plots.writeBrazilBand(ExampleData.brazil(), ExampleData.brazilOptions().withSize(640, 480),
                dir.resolve("brazil"));
        validFiles(files, 640, 480);
    }

    @Test
    void couplingLimitWritesValidPngAndSvg() throws Exception {
        PlotFiles files = Plots.writeCouplingLimit(ExampleData.coupling(), ExampleData.couplingOptions(),
                dir.resolve("gprime"));
        validFiles(files, 800, 600);
        PlotFiles logX = Plots.writeCouplingLimit(ExampleData.coupling(),
                ExampleData.couplingOptions().withLogX(true), dir.resolve("gprime_logx"));
        validFiles(logX, 800, 600);
    }

    @Test
    void luminosityWritesValidPngAndSvg() throws Exception {
        PlotFiles files = Plots.writeLuminosity(ExampleData.luminosity(), ExampleData.luminosityOptions(),
                dir.resolve("lumi"));
        validFiles(files, 800, 600);
    }

    /** Median 100, bands 50/70/100/140/200, observed at 30 (below the band), on a linear axis. */
    private static BandSeries simpleBand(double observed) {
        double[] x = {1, 2, 3, 4, 5};
        return new BandSeries(x, new double[] {observed, observed, observed, observed, observed}, fill(5, 50),
                fill(5, 70), fill(5, 100), fill(5, 140), fill(5, 200));
    }

    private static double[] fill(int n, double v) {
        double[] a = new double[n];
        Arrays.fill(a, v);
        return a;
    }

    @Test
    void brazilBandPaintsGreenInsideOneSigmaAndYellowBetweenOneAndTwoSigma() throws Exception {
        PlotOptions o = PlotOptions.of("band", "M [GeV]", "limit [fb]");
        XYChart chart = Plots.brazilBandChart(simpleBand(30), o);
        PlotFiles files = PlotWriter.write(chart, dir.resolve("band"));
        BufferedImage png = validFiles(files, 800, 600);
        String svg = Files.readString(files.svg());
        assertTrue(svg.contains("fill:rgb(0,200,0)"), "the SVG has the green band");
        assertTrue(svg.contains("fill:rgb(255,214,0)"), "the SVG has the yellow band");
        assertColor(Palette.GREEN, pixelAt(png, chart, 3.0, 85), 0, "between -1σ and the median");
        assertColor(Palette.GREEN, pixelAt(png, chart, 2.5, 120), 0, "between the median and +1σ");
        assertColor(Palette.YELLOW, pixelAt(png, chart, 3.5, 60), 0, "between -2σ and -1σ");
        assertColor(Palette.YELLOW, pixelAt(png, chart, 3.0, 170), 0, "between +1σ and +2σ");
        assertColor(WHITE, pixelAt(png, chart, 3.0, 230), 0, "above +2σ");
        assertColor(WHITE, pixelAt(png, chart, 3.0, 45), 0, "below -2σ");
        assertTrue(darkestNear(png, chart, 3.0, 30, 1) < 120, "the observed line is drawn in black at 30");
        assertTrue(darkestNear(png, chart, 3.0, 100, 1) < 200, "the dashed median is drawn at 100");
    }

    @Test
    void brazilBandOnLogAxisStillFillsBetweenTheQuantiles() throws Exception {
        PlotOptions o = PlotOptions.of("band", "M [GeV]", "limit [fb]").withLogY(true);
        XYChart chart = Plots.brazilBandChart(simpleBand(30), o);
        BufferedImage png = validFiles(PlotWriter.write(chart, dir.resolve("band_log")), 800, 600);
        assertColor(Palette.GREEN, pixelAt(png, chart, 3.0, 85), 0, "inside ±1σ");
        assertColor(Palette.YELLOW, pixelAt(png, chart, 3.0, 60), 0, "inside ±2σ, below");
        assertColor(Palette.YELLOW, pixelAt(png, chart, 3.0, 170), 0, "inside ±2σ, above");
        assertColor(WHITE, pixelAt(png, chart, 3.0, 40), 0, "below the band");
    }

    /** Two backgrounds (10 and 5 per bin, 4 bins of width 1), data of 15 ± 3.9 after the first bin. */
    private static StackedHistogram simpleStack(double firstBottomBin, double firstData) {
        Map<String, double[]> bkg = new LinkedHashMap<>();
        bkg.put("bottom", new double[] {firstBottomBin, 10, 10, 10});
        bkg.put("top", new double[] {5, 5, 5, 5});
        return new StackedHistogram(new double[] {0, 1, 2, 3, 4}, bkg, new double[] {firstData, 15, 15, 15}, null,
                Map.of("signal", new double[] {0, 0, 8, 0}));
    }

    @Test
    void stackedBackgroundsAreFilledLayerOnLayer() throws Exception {
        XYChart chart = Plots.recoilMassChart(simpleStack(10, 15), PlotOptions.of("stack", "M [GeV]", "Events / bin"));
        BufferedImage png = validFiles(PlotWriter.write(chart, dir.resolve("stack")), 800, 600);
        assertColor(Palette.background(0), pixelAt(png, chart, 0.5, 5), 0, "bottom layer");
        assertColor(Palette.background(1), pixelAt(png, chart, 0.25, 12.5), 0, "top layer");
        assertColor(WHITE, pixelAt(png, chart, 0.25, 17), 0, "above the stack, beside the data point");
        assertTrue(darkestNear(png, chart, 1.5, 15, 1) < 60, "data marker at the bin centre");
        assertTrue(darkestNear(png, chart, 1.5, 18, 1) < 200, "error bar up to 15 + √15");
        assertColor(WHITE, pixelAt(png, chart, 1.5, 19.5), 0, "nothing above the error bar");
    }

    @Test
    void onLogAxisTheStackReachesTheBottomOfThePlotAndEmptyBinsAreAllowed() throws Exception {
        XYChart chart = Plots.recoilMassChart(simpleStack(0, 1),
                PlotOptions.of("stack", "M [GeV]", "Events / bin").withLogY(true));
        BufferedImage png = validFiles(PlotWriter.write(chart, dir.resolve("stack_log")), 800, 600);
        double bottom = chart.getStyler().getYAxisMin();
        assertTrue(bottom < 1 && bottom > 0.5, "axis starts below the smallest count: " + bottom);
        int px = (int) Math.round(chart.getScreenXFromChart(2.5));
        int py = (int) Math.round(chart.getScreenYFromChart(bottom)) - 3;
        // XChart's own area fill would stop at y = 1 on a log axis; ours goes down to the axis
        assertColor(Palette.background(0), new Color(png.getRGB(px, py)), 0, "bottom layer at the axis bottom");
        assertColor(Palette.background(1), pixelAt(png, chart, 0.25, 2.0), 0,
                "an empty bottom bin shows the top layer from the axis up");
    }

    @Test
    void favouredBandWithoutLowerEdgeReachesTheAxisAndIsSemiTransparent() throws Exception {
        double[] x = {1, 2, 3, 4, 5};
        Curve observed = new Curve("Observed", x, new double[] {0.05, 0.08, 0.12, 0.2, 0.4});
        FavouredBand upperOnly = new FavouredBand("upper only", x, null, new double[] {0.004, 0.006, 0.008, 0.01, 0.012});
        FavouredBand twoSided = new FavouredBand("two-sided", new double[] {1, 5}, new double[] {0.02, 0.02},
                new double[] {0.03, 0.03});
        CouplingLimitData d = new CouplingLimitData(observed, null, List.of(), List.of(upperOnly, twoSided));
        XYChart chart = Plots.couplingLimitChart(d, PlotOptions.of("g'", "M [GeV]", "g′").withLogY(true));
        BufferedImage png = validFiles(PlotWriter.write(chart, dir.resolve("gprime")), 800, 600);
        double bottom = chart.getStyler().getYAxisMin();
        int px = (int) Math.round(chart.getScreenXFromChart(3.0));
        int py = (int) Math.round(chart.getScreenYFromChart(bottom)) - 3;
        assertColor(overWhite(Palette.bandFill(0)), new Color(png.getRGB(px, py)), 2, "band without lower edge");
        assertColor(overWhite(Palette.bandFill(0)), pixelAt(png, chart, 3.0, 0.005), 2, "inside the first band");
        assertColor(overWhite(Palette.bandFill(1)), pixelAt(png, chart, 3.0, 0.0245), 2, "inside the second band");
        assertColor(WHITE, pixelAt(png, chart, 3.0, 0.014), 0, "between the bands");
        assertTrue(darkestNear(png, chart, 3.0, 0.12, 1) < 120, "observed limit line");
    }

    @Test
    void luminosityCurvesHaveMarkersAtTheirPoints() throws Exception {
        XYChart chart = Plots.luminosityChart(ExampleData.luminosity(), ExampleData.luminosityOptions());
        BufferedImage png = validFiles(PlotWriter.write(chart, dir.resolve("lumi")), 800, 600);
        Curve first = ExampleData.luminosity().curves().get(0);
        for (int i = 0; i < first.x().length; i++) {
            double l = first.x()[i];
            if (l == 0.276 || l == 50 || l == 50_000) {
                continue; // the dotted milestone line crosses these markers
            }
            assertColor(Palette.line(0), pixelAt(png, chart, first.x()[i], first.y()[i]), 40,
                    "marker of the first curve at L = " + first.x()[i]);
        }
        double[] range = {chart.getStyler().getXAxisMin(), chart.getStyler().getXAxisMax()};
        assertTrue(range[0] < 0.276 && range[1] > 50_000, "all luminosities and milestones are in range");
    }

    @Test
    void syntheticLabelIsDrawnOnlyWhenAsked() throws Exception {
        BandSeries band = ExampleData.brazil();
        BufferedImage labelled = validFiles(Plots.writeBrazilBand(band, ExampleData.brazilOptions(),
                dir.resolve("labelled")), 800, 600);
        BufferedImage plain = validFiles(Plots.writeBrazilBand(band, ExampleData.brazilOptions().withSynthetic(false),
                dir.resolve("plain")), 800, 600);
        assertTrue(countColor(labelled, PlotCanvas.LABEL_COLOR, 12) > 100, "red SYNTHETIC DATA text present");
        assertEquals(0, countColor(plain, PlotCanvas.LABEL_COLOR, 12), "no red text without the label");
    }

    @Test
    void outputIsDeterministic() throws Exception {
        PlotFiles a = Plots.writeCouplingLimit(ExampleData.coupling(), ExampleData.couplingOptions(), dir.resolve("a"));
        PlotFiles b = Plots.writeCouplingLimit(ExampleData.coupling(), ExampleData.couplingOptions(), dir.resolve("b"));
        assertEquals(-1L, Files.mismatch(a.png(), b.png()), "PNG bytes differ between two identical renderings");
        assertEquals(-1L, Files.mismatch(a.svg(), b.svg()), "SVG bytes differ between two identical renderings");
    }

    @Test
    void renderingIsHeadless() {
        Plots.brazilBandChart(simpleBand(30), PlotOptions.of("t", "x [GeV]", "y [fb]"));
        assertEquals("true", System.getProperty("java.awt.headless"));
        assertTrue(GraphicsEnvironment.isHeadless());
    }

    @Test
    void fixedRangesFromTheOptionsAreUsed() {
        XYChart chart = Plots.brazilBandChart(simpleBand(30),
                PlotOptions.of("t", "x [GeV]", "y [fb]").withLogY(true).withYRange(1, 1e4).withXRange(0, 10));
        // widened by a few pixels so that the end decades are labelled
        double yMin = chart.getStyler().getYAxisMin();
        double yMax = chart.getStyler().getYAxisMax();
        assertTrue(yMin > 0.95 && yMin < 1.0, "y min " + yMin);
        assertTrue(yMax > 1e4 && yMax < 1.05e4, "y max " + yMax);
        assertEquals(0.0, chart.getStyler().getXAxisMin(), 1e-6, "x min");
        assertEquals(10.0, chart.getStyler().getXAxisMax(), 1e-6, "x max");
    }
}
