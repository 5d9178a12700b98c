package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DeltaAMuScenario;
import org.recoil.core.physics.G2Band;
import org.recoil.core.physics.MuonAnomaly;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recoil g2}: the one-loop contribution of the L<sub>μ</sub>−L<sub>τ</sub> Z′ to the muon
 * anomaly, Δa<sub>μ</sub>/g′² at a mass, and the (g−2)<sub>μ</sub>-favoured band of g′ for a
 * Δa<sub>μ</sub> scenario ({@link MuonAnomaly}). JSON contract (DESIGN.md):
 * {@code {"mass":M,"delta_a_mu_per_gprime2":..,"band":{"lower":..,"central":..,"upper":..}}}, with
 * {@code "lower": null} and {@code "has_lower": false} where central − nσ ≤ 0; extra fields name the
 * scenario, and with {@code --gprime} give Δa<sub>μ</sub> and whether g′ is in the band. The
 * {@code --table} form writes CSV (or JSON with {@code --json}) over a mass range.
 */
@Command(name = "g2", mixinStandardHelpOptions = true,
        description = {"One-loop (g-2)_mu contribution of the L_mu-L_tau Z' and the favoured g' band.",
            "Scenarios (Delta a_mu in 1e-11): bnl_fnal_2021_wp2020 (251 +- 59), fnal_2023_wp2020 (249 +- 48), "
                + "fnal_2025_wp2025 (38 +- 63, the default)."})
public final class G2Command implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mass", paramLabel = "M", description = "Z' mass in GeV.")
    Double mass;

    @Option(names = "--gprime", paramLabel = "G", description = "Coupling g': also print Delta a_mu(g', M) and whether g' is in the band.")
    Double gPrime;

    @Option(names = "--scenario", paramLabel = "NAME", description = "Published Delta a_mu scenario (default fnal_2025_wp2025).")
    String scenario;

    @Option(names = "--central", paramLabel = "C", description = "User-supplied central Delta a_mu in units of 1e-11 (with --sigma).")
    Double central;

    @Option(names = "--sigma", paramLabel = "S", description = "User-supplied uncertainty of Delta a_mu in units of 1e-11 (with --central).")
    Double sigma;

    @Option(names = "--n-sigma", paramLabel = "N", defaultValue = "2", description = "Half-width of the band in standard deviations (default ${DEFAULT-VALUE}).")
    double nSigma;

    @Option(names = "--table", description = "Tabulate over a mass range (--from, --to, --step or --points) as CSV.")
    boolean table;

    @Mixin
    MassRangeOptions range;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        DeltaAMuScenario s = scenario();
        if (gPrime != null && (!(gPrime >= 0.0) || Double.isInfinite(gPrime))) {
            throw new InvalidInputException("--gprime must be finite and >= 0, got " + gPrime);
        }
        PrintWriter out = spec.commandLine().getOut();
        if (table) {
            if (mass != null) {
                throw new InvalidInputException("give either --mass M or --table with a mass range, not both");
            }
            double[] masses = range.masses();
            List<Map<String, Object>> rows = new ArrayList<>(masses.length);
            for (double m : masses) {
                rows.add(point(m, s));
            }
            if (json) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("scenario", scenarioJson(s));
                doc.put("n_sigma", nSigma);
                doc.put("points", rows);
                Json.print(out, doc);
            } else {
                printCsv(out, rows);
            }
            return RecoilCli.EXIT_OK;
        }
        if (range.anyGiven()) {
            throw new InvalidInputException("--from/--to/--step/--points/--log need --table");
        }
        if (mass == null) {
            throw new InvalidInputException("give --mass M (GeV), or --table --from A --to B --step S");
        }
        Map<String, Object> p = point(mass, s);
        if (json) {
            Json.print(out, p);
        } else {
            printText(out, p, s);
        }
        return RecoilCli.EXIT_OK;
    }

    private DeltaAMuScenario scenario() {
        if (central != null || sigma != null) {
            if (scenario != null) {
                throw new InvalidInputException("give either --scenario NAME or --central C --sigma S, not both");
            }
            if (central == null || sigma == null) {
                throw new InvalidInputException("a user-supplied scenario needs both --central C and --sigma S (units of 1e-11)");
            }
            return DeltaAMuScenario.custom(central, sigma);
        }
        return scenario == null ? DeltaAMuScenario.DEFAULT : DeltaAMuScenario.byName(scenario);
    }

    private Map<String, Object> point(double m, DeltaAMuScenario s) {
        double perG2 = MuonAnomaly.deltaAMuPerGPrime2(m);
        G2Band band = MuonAnomaly.band(m, s, nSigma);
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mass", m);
        p.put("delta_a_mu_per_gprime2", perG2);
        Map<String, Object> b = new LinkedHashMap<>();
        b.put("lower", band.hasLower() ? band.lower() : null);
        b.put("central", band.central());
        b.put("upper", band.upper());
        b.put("has_lower", band.hasLower());
        p.put("band", b);
        if (!table) {
            p.put("scenario", scenarioJson(s));
            p.put("n_sigma", nSigma);
        }
        if (gPrime != null) {
            p.put("gprime", gPrime);
            p.put("delta_a_mu", gPrime * gPrime * perG2);
            p.put("in_band", band.contains(gPrime));
        }
        return p;
    }

    private static Map<String, Object> scenarioJson(DeltaAMuScenario s) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", s.name());
        m.put("central", s.central());
        m.put("sigma", s.sigma());
        m.put("units", "1e-11");
        return m;
    }

    @SuppressWarnings("unchecked")
    private void printCsv(PrintWriter out, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder("mass,delta_a_mu_per_gprime2,gprime_lower,gprime_central,gprime_upper,has_lower");
        if (gPrime != null) {
            sb.append(",gprime,delta_a_mu,in_band");
        }
        sb.append('\n');
        for (Map<String, Object> r : rows) {
            Map<String, Object> b = (Map<String, Object>) r.get("band");
            sb.append(r.get("mass")).append(',').append(r.get("delta_a_mu_per_gprime2")).append(',')
                    .append(b.get("lower") == null ? "" : b.get("lower")).append(',')
                    .append(b.get("central")).append(',').append(b.get("upper")).append(',').append(b.get("has_lower"));
            if (gPrime != null) {
                sb.append(',').append(r.get("gprime")).append(',').append(r.get("delta_a_mu")).append(',').append(r.get("in_band"));
            }
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private void printText(PrintWriter out, Map<String, Object> p, DeltaAMuScenario s) {
        Map<String, Object> b = (Map<String, Object>) p.get("band");
        out.printf(Locale.ROOT, "Z' mass                %s GeV%n", p.get("mass"));
        out.printf(Locale.ROOT, "Delta a_mu / g'^2      %.6e%n", (Double) p.get("delta_a_mu_per_gprime2"));
        out.printf(Locale.ROOT, "scenario               %s: Delta a_mu = (%s +- %s) x 1e-11, band at +-%s sigma%n",
                s.name(), s.central(), s.sigma(), nSigma);
        String lower = b.get("lower") == null ? "none (g' = 0 allowed)" : String.format(Locale.ROOT, "%.4e", (Double) b.get("lower"));
        out.printf(Locale.ROOT, "g' band lower edge     %s%n", lower);
        out.printf(Locale.ROOT, "g' for central value   %.4e%n", (Double) b.get("central"));
        out.printf(Locale.ROOT, "g' band upper edge     %.4e%n", (Double) b.get("upper"));
        if (gPrime != null) {
            out.printf(Locale.ROOT, "Delta a_mu(g' = %s)  %.6e (%s the band)%n", gPrime, (Double) p.get("delta_a_mu"),
                    Boolean.TRUE.equals(p.get("in_band")) ? "inside" : "outside");
        }
        out.flush();
    }
}
