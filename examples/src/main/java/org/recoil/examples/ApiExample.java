package org.recoil.examples;

import java.io.PrintStream;
import java.nio.file.Path;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.G2Band;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.MuonAnomaly;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.ModelOptions;
import org.recoil.fitting.patch.WorkspaceSource;
import org.recoil.limits.calc.AsymptoticCalculator;
import org.recoil.limits.calc.HypoTestResult;
import org.recoil.limits.interval.UpperLimit;
import org.recoil.limits.interval.UpperLimitResult;

/**
 * Recoil's Java API in one runnable class (the README's example): a pyhf workspace to a fit, a
 * CLs hypothesis test and the 90% CL upper limit; a published likelihood patched with a signal;
 * the Z′ physics. From the project root, after {@code mvn -B -q -DskipTests -pl cli,examples -am package}:
 * {@code java -cp cli/target/recoil.jar:examples/target/classes org.recoil.examples.ApiExample reference}.
 */
public final class ApiExample {

    private ApiExample() {
    }

    /**
     * @param args the folder of the reference workspaces (default {@code reference})
     */
    public static void main(String[] args) {
        run(Path.of(args.length > 0 ? args[0] : "reference"), System.out);
    }

    /**
     * @param reference the folder of the reference workspaces
     * @param out where the results are printed
     */
    public static void run(Path reference, PrintStream out) {
        // a pyhf workspace -> model -> fit -> CLs -> 90% CL upper limit
        HistFactoryModel model = HistFactoryModel.fromFile(reference.resolve("pyhf/recoil_20bin_shape.json"), null,
                ModelOptions.defaults());
        FitResult fit = Minimizer.standard().fit(model, model.observed());
        int mu = model.parameters().indexOf("mu");
        out.printf("fit: %s, -2 ln L = %.6f, mu = %.4f +- %.4f%n", fit.status(), fit.twiceNll(), fit.values()[mu],
                fit.errors()[mu]);
        AsymptoticCalculator calc = new AsymptoticCalculator(model, Minimizer.standard());
        HypoTestResult h = calc.hypotest(1.0);
        out.printf("CLs(mu = 1) = %.6f (CLs+b %.6f, CLb %.6f), expected median %.6f%n", h.cls(), h.clsb(), h.clb(),
                h.clsExpected().median());
        UpperLimitResult ul = UpperLimit.atCl(0.90).compute(calc);
        out.printf("90%% CL upper limit on mu: observed %.5f, expected %.5f [%.5f, %.5f] (+-1 sigma), %d tests%n",
                ul.observed(), ul.expected().median(), ul.expected().minus1(), ul.expected().plus1(), ul.scan().size());

        // a published likelihood: background-only workspace + signal patch (ATLAS sbottom, HEPData)
        Path sbottom = reference.resolve("realworld/sbottom-ins1748602/RegionA");
        HistFactoryModel patched = WorkspaceSource.of(sbottom.resolve("BkgOnly.json"))
                .withPatch(sbottom.resolve("patch.sbottom_1300_850_60.json")).model(null, ModelOptions.defaults());
        HypoTestResult hs = new AsymptoticCalculator(patched, Minimizer.standard()).hypotest(1.0);
        out.printf("sbottom_1300_850_60: %d parameters, CLs(mu = 1) = %.6g%n", patched.parameters().size(), hs.cls());

        // the Z' physics
        double brInv = LmuLtauZPrime.INSTANCE.brInvisible(2.0);                 // BR(Z' -> nu nu)
        double sigmaPb = CrossSectionTable.belle2().sigmaPb(2.0);               // sigma(e+e- -> mu mu Z') at g' = 1
        G2Band band = MuonAnomaly.band(2.0, DeltaAMuScenario.BNL_FNAL_2021_WP2020);
        out.printf("Z' at 2 GeV: BR(inv) = %.4f, sigma = %.2f pb at g' = 1, (g-2)_mu band g' in [%.5f, %.5f]%n",
                brInv, sigmaPb, band.lower(), band.upper());
    }
}
