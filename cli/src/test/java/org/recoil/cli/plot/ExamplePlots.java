package org.recoil.cli.plot;

import java.nio.file.Path;

/**
 * Renders the example plots of {@link ExampleData} into a folder, for looking at them:
 * {@code java -cp ... org.recoil.cli.plot.ExamplePlots /tmp/plots-examples}. Not a test.
 */
final class ExamplePlots {

    private ExamplePlots() {
    }

    public static void main(String[] args) {
        Path dir = Path.of(args.length > 0 ? args[0] : "plots-examples");
        System.out.println(Plots.writeRecoilMass(ExampleData.recoilMass(), ExampleData.recoilMassOptions(),
                dir.resolve("recoil_mass")));
        System.out.println(Plots.writeRecoilMass(ExampleData.recoilMass(),
                ExampleData.recoilMassOptions().withLogY(true), dir.resolve("recoil_mass_log")));
        System.out.println(Plots.writeBrazilBand(ExampleData.brazil(), ExampleData.brazilOptions(),
                dir.resolve("brazil")));
        System.out.println(Plots.writeBrazilBand(ExampleData.brazil(),
                ExampleData.brazilOptions().withLogY(false), dir.resolve("brazil_linear")));
        System.out.println(Plots.writeCouplingLimit(ExampleData.coupling(), ExampleData.couplingOptions(),
                dir.resolve("gprime")));
        System.out.println(Plots.writeCouplingLimit(ExampleData.coupling(),
                ExampleData.couplingOptions().withLogX(true), dir.resolve("gprime_logx")));
        BandSeries b = ExampleData.brazil();
        BandSeries expectedOnly = new BandSeries(b.x(), null, b.minus2(), b.minus1(), b.median(), b.plus1(),
                b.plus2());
        System.out.println(Plots.writeBrazilBand(expectedOnly, ExampleData.brazilOptions()
                .withLegend(LegendCorner.OUTSIDE_RIGHT).withTitle("Expected only, legend outside"),
                dir.resolve("brazil_expected_outside")));
        System.out.println(Plots.writeLuminosity(ExampleData.luminosity(), ExampleData.luminosityOptions(),
                dir.resolve("luminosity")));
    }
}
