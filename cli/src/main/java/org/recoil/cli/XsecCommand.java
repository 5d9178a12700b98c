package org.recoil.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.core.io.AtomicFiles;
import org.recoil.core.kinematics.BeamConfiguration;
import org.recoil.core.physics.CrossSectionResult;
import org.recoil.core.physics.CrossSectionTable;
import org.recoil.core.physics.ProductionCrossSection;
import org.recoil.core.sim.FiducialCrossSection;
import org.recoil.core.sim.LabAcceptance;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code recoil xsec}: the tree-level cross section σ(e⁺e⁻ → μ⁺μ⁻Z′) of
 * {@link ProductionCrossSection} at one Z′ mass (optionally with the Belle II fiducial σ and
 * efficiency), or a CSV table over a mass range.
 */
@Command(name = "xsec", mixinStandardHelpOptions = true,
        description = {"Tree-level cross section sigma(e+e- -> mu+ mu- Z') (Z' radiated off a muon, g'=1 unless "
                + "--gprime), by adaptive Monte Carlo with a statistical error.",
            "  recoil xsec --mass 2 --json",
            "  recoil xsec --table --from 0.5 --to 8 --step 0.5 --out xsec.csv"})
public final class XsecCommand implements Callable<Integer> {

    @Option(names = "--mass", paramLabel = "M", description = "Z' mass in GeV, in (0, sqrt(s) - 2 m_mu).")
    Double mass;

    @Option(names = "--sqrt-s", paramLabel = "E", defaultValue = "10.58",
            description = "Centre-of-mass energy in GeV (default: ${DEFAULT-VALUE}).")
    double sqrtS;

    @Option(names = "--precision", paramLabel = "REL", defaultValue = "0.003",
            description = "Target relative statistical error (default: ${DEFAULT-VALUE}).")
    double precision;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "20240229",
            description = "Random seed (default: ${DEFAULT-VALUE}); a mass gives the same number alone or in a table.")
    long seed;

    @Option(names = "--gprime", paramLabel = "G", defaultValue = "1",
            description = "Coupling g'; sigma scales as g'^2 (default: ${DEFAULT-VALUE}).")
    double gPrime;

    @Option(names = "--fiducial", description = "Also compute the fiducial cross section with both muons inside a "
            + "lab-frame acceptance of the Belle II beams (7 GeV e-, 4 GeV e+, 83 mrad).")
    boolean fiducial;

    @Option(names = "--theta-min", paramLabel = "DEG", defaultValue = "17",
            description = "Fiducial: smallest muon polar angle in the lab, degrees (default: ${DEFAULT-VALUE}).")
    double thetaMinDeg;

    @Option(names = "--theta-max", paramLabel = "DEG", defaultValue = "150",
            description = "Fiducial: largest muon polar angle in the lab, degrees (default: ${DEFAULT-VALUE}).")
    double thetaMaxDeg;

    @Option(names = "--p-min", paramLabel = "GEV", defaultValue = "0.5",
            description = "Fiducial: smallest muon momentum in the lab, GeV (default: ${DEFAULT-VALUE}).")
    double pMin;

    @Option(names = "--table", description = "Tabulate over --from..--to in steps of --step (CSV: mass,sigma_pb,"
            + "sigma_error_pb).")
    boolean table;

    @Option(names = "--from", paramLabel = "M", description = "Table: first mass in GeV.")
    Double from;

    @Option(names = "--to", paramLabel = "M", description = "Table: last mass in GeV.")
    Double to;

    @Option(names = "--step", paramLabel = "DM", description = "Table: mass step in GeV.")
    Double step;

    @Option(names = "--out", paramLabel = "FILE", description = "Table: write the CSV here instead of stdout.")
    Path out;

    @Option(names = "--json", description = "Print one JSON document on stdout.")
    boolean json;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        if (!(gPrime > 0.0) || !Double.isFinite(gPrime)) {
            throw new InvalidInputException("--gprime must be a finite number > 0, got " + gPrime);
        }
        ProductionCrossSection xs = new ProductionCrossSection(sqrtS);
        if (table) {
            return table(xs);
        }
        if (mass == null) {
            throw new InvalidInputException("give --mass M, or --table with --from, --to and --step");
        }
        if (from != null || to != null || step != null || out != null) {
            throw new InvalidInputException("--from, --to, --step and --out only apply with --table");
        }
        return single(xs);
    }

    private int single(ProductionCrossSection xs) {
        double g2 = gPrime * gPrime;
        PrintWriter stdout = spec.commandLine().getOut();
        Map<String, Object> doc = new LinkedHashMap<>();
        CrossSectionResult r;
        FiducialCrossSection f = null;
        if (fiducial) {
            LabAcceptance acceptance = LabAcceptance.ofDegrees(thetaMinDeg, thetaMaxDeg, pMin);
            f = FiducialCrossSection.compute(xs, mass, BeamConfiguration.belle2(), acceptance, precision, seed);
            r = new CrossSectionResult(mass, sqrtS, f.totalPb(), f.totalErrorPb(), 0L);
        } else {
            r = xs.sigma(mass, precision, seed);
        }
        doc.put("mass", mass);
        doc.put("sigma_pb", r.sigmaPb() * g2);
        doc.put("sigma_error_pb", r.errorPb() * g2);
        doc.put("sqrt_s", sqrtS);
        doc.put("gprime", gPrime);
        if (f != null) {
            doc.put("fiducial_sigma_pb", f.fiducialPb() * g2);
            doc.put("fiducial_sigma_error_pb", f.fiducialErrorPb() * g2);
            doc.put("efficiency", f.efficiency());
            doc.put("efficiency_error", f.efficiencyError());
        }
        if (json) {
            Json.print(stdout, doc);
            return RecoilCli.EXIT_OK;
        }
        stdout.printf(java.util.Locale.ROOT, "sigma(e+e- -> mu+ mu- Z') = %.6g +- %.2g pb  (M_Z' = %s GeV, sqrt(s) = %s"
                + " GeV, g' = %s; tree level, no ISR)%n", r.sigmaPb() * g2, r.errorPb() * g2, mass, sqrtS, gPrime);
        if (f != null) {
            stdout.printf(java.util.Locale.ROOT, "fiducial (both muons %s-%s deg, p > %s GeV, Belle II lab frame) = "
                            + "%.6g +- %.2g pb, efficiency %.4f +- %.4f%n", thetaMinDeg, thetaMaxDeg, pMin,
                    f.fiducialPb() * g2, f.fiducialErrorPb() * g2, f.efficiency(), f.efficiencyError());
        }
        stdout.flush();
        return RecoilCli.EXIT_OK;
    }

    private int table(ProductionCrossSection xs) {
        if (from == null || to == null || step == null) {
            throw new InvalidInputException("--table needs --from, --to and --step (GeV)");
        }
        if (mass != null || fiducial) {
            throw new InvalidInputException("--mass and --fiducial do not apply with --table");
        }
        double[] grid = CrossSectionTable.massGrid(from, to, step);
        CrossSectionTable t = CrossSectionTable.compute(xs, grid, precision, seed);
        double g2 = gPrime * gPrime;
        double[] s = t.sigmasPb();
        double[] e = t.errorsPb();
        for (int i = 0; i < s.length; i++) {
            s[i] *= g2;
            e[i] *= g2;
        }
        StringWriter csv = new StringWriter();
        CrossSectionTable.of(sqrtS, grid, s, e).write(csv);
        PrintWriter stdout = spec.commandLine().getOut();
        if (out != null) {
            AtomicFiles.writeString(out, csv.toString());
        }
        if (json) {
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("sqrt_s", sqrtS);
            doc.put("gprime", gPrime);
            if (out != null) {
                doc.put("out", out.toString());
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < grid.length; i++) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("mass", grid[i]);
                row.put("sigma_pb", s[i]);
                row.put("sigma_error_pb", e[i]);
                rows.add(row);
            }
            doc.put("table", rows);
            Json.print(stdout, doc);
        } else if (out == null) {
            stdout.print(csv);
            stdout.flush();
        } else {
            stdout.println("wrote " + grid.length + " masses to " + out);
            stdout.flush();
        }
        return RecoilCli.EXIT_OK;
    }
}
