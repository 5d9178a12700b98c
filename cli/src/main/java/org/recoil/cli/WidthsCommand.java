package org.recoil.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.DarkSectorZPrime;
import org.recoil.core.physics.LmuLtauZPrime;
import org.recoil.core.physics.PartialWidths;
import org.recoil.core.physics.ZPrimeModel;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code recoil widths}: tree-level partial widths of the Z′ and BR(Z′ → invisible)
 * ({@link LmuLtauZPrime}, {@link DarkSectorZPrime}, or the dark-dominated limit BR<sub>inv</sub> = 1).
 * JSON: {@code {"mass":M,"gprime":G,"model":..,"widths_gev":{"mumu":..,"tautau":..,"nu_mu":..,
 * "nu_tau":..,"chi":..},"total_width_gev":..,"br_invisible":..,"br_mumu":..,"br_tautau":..}}; in the
 * dark-dominated limit only {@code br_invisible} (= 1) is given, the widths being undetermined.
 * {@code --table} writes CSV over a mass range.
 */
@Command(name = "widths", mixinStandardHelpOptions = true,
        description = "Partial widths of the L_mu-L_tau Z' and BR(Z' -> invisible) versus mass.")
public final class WidthsCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--mass", paramLabel = "M", description = "Z' mass in GeV.")
    Double mass;

    @Option(names = "--gprime", paramLabel = "G", defaultValue = "1", description = "Coupling g' (default ${DEFAULT-VALUE}); widths scale as g'^2.")
    double gPrime;

    @Option(names = "--model", paramLabel = "MODEL", defaultValue = "lmu-ltau",
            description = "lmu-ltau (default), dark (needs --chi-mass and --g-chi) or dark-dominated (BR_inv = 1).")
    String model;

    @Option(names = "--chi-mass", paramLabel = "m", description = "Dark-matter (Dirac fermion) mass in GeV, for --model dark.")
    Double chiMass;

    @Option(names = "--g-chi", paramLabel = "g", description = "Z' coupling to dark matter, for --model dark.")
    Double gChi;

    @Option(names = "--table", description = "Tabulate over a mass range (--from, --to, --step or --points) as CSV.")
    boolean table;

    @Mixin
    MassRangeOptions range;

    @Option(names = "--json", description = "Print one JSON document.")
    boolean json;

    @Override
    public Integer call() {
        ZPrimeModel z = model();
        PrintWriter out = spec.commandLine().getOut();
        double[] masses;
        if (table) {
            if (mass != null) {
                throw new InvalidInputException("give either --mass M or --table with a mass range, not both");
            }
            masses = range.masses();
        } else {
            if (range.anyGiven()) {
                throw new InvalidInputException("--from/--to/--step/--points/--log need --table");
            }
            if (mass == null) {
                throw new InvalidInputException("give --mass M (GeV), or --table --from A --to B --step S");
            }
            masses = new double[] {mass};
        }
        List<Map<String, Object>> rows = new ArrayList<>(masses.length);
        for (double m : masses) {
            rows.add(point(z, m));
        }
        if (json) {
            if (table) {
                Map<String, Object> doc = new LinkedHashMap<>();
                doc.put("model", z.name());
                doc.put("gprime", gPrime);
                doc.put("points", rows);
                Json.print(out, doc);
            } else {
                Json.print(out, rows.get(0));
            }
        } else if (table) {
            printCsv(out, z, rows);
        } else {
            printText(out, rows.get(0));
        }
        return RecoilCli.EXIT_OK;
    }

    private ZPrimeModel model() {
        String key = model.trim().toLowerCase(Locale.ROOT);
        boolean darkParams = chiMass != null || gChi != null;
        switch (key) {
            case "lmu-ltau":
            case "dark-dominated":
                if (darkParams) {
                    throw new InvalidInputException("--chi-mass and --g-chi go with --model dark, not --model " + key);
                }
                return key.equals("lmu-ltau") ? ZPrimeModel.lmuLtau() : ZPrimeModel.darkDominated();
            case "dark":
                if (chiMass == null || gChi == null) {
                    throw new InvalidInputException("--model dark needs --chi-mass m (GeV) and --g-chi g");
                }
                return new DarkSectorZPrime(chiMass, gChi);
            default:
                throw new InvalidInputException("unknown --model '" + model + "'; expected lmu-ltau, dark or dark-dominated");
        }
    }

    private Map<String, Object> point(ZPrimeModel z, double m) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("mass", m);
        p.put("gprime", gPrime);
        p.put("model", z.name());
        if (z instanceof DarkSectorZPrime dark) {
            p.put("chi_mass", dark.chiMass());
            p.put("g_chi", dark.gChi());
        }
        PartialWidths w = widths(z, m);
        if (w != null) {
            Map<String, Object> ws = new LinkedHashMap<>();
            ws.put("mumu", w.muMu());
            ws.put("tautau", w.tauTau());
            ws.put("nu_mu", w.nuMuNuMu());
            ws.put("nu_tau", w.nuTauNuTau());
            ws.put("chi", w.chiChi());
            p.put("widths_gev", ws);
            p.put("total_width_gev", w.total());
            p.put("br_invisible", w.brInvisible());
            p.put("br_mumu", w.brMuMu());
            p.put("br_tautau", w.brTauTau());
        } else {
            p.put("br_invisible", z.brInvisible(m, gPrime));
        }
        return p;
    }

    private PartialWidths widths(ZPrimeModel z, double m) {
        if (z instanceof LmuLtauZPrime l) {
            return l.partialWidths(m, gPrime);
        }
        if (z instanceof DarkSectorZPrime d) {
            return d.partialWidths(m, gPrime);
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private static void printCsv(PrintWriter out, ZPrimeModel z, List<Map<String, Object>> rows) {
        StringBuilder sb = new StringBuilder();
        boolean widths = rows.get(0).containsKey("widths_gev");
        sb.append(widths ? "mass,gamma_mumu,gamma_tautau,gamma_nu_mu,gamma_nu_tau,gamma_chi,gamma_total,br_invisible,br_mumu,br_tautau\n"
                : "mass,br_invisible\n");
        for (Map<String, Object> r : rows) {
            sb.append(r.get("mass"));
            if (widths) {
                Map<String, Object> w = (Map<String, Object>) r.get("widths_gev");
                for (Object v : w.values()) {
                    sb.append(',').append(v);
                }
                sb.append(',').append(r.get("total_width_gev"));
            }
            sb.append(',').append(r.get("br_invisible"));
            if (widths) {
                sb.append(',').append(r.get("br_mumu")).append(',').append(r.get("br_tautau"));
            }
            sb.append('\n');
        }
        out.print(sb);
        out.flush();
    }

    @SuppressWarnings("unchecked")
    private static void printText(PrintWriter out, Map<String, Object> p) {
        out.printf(Locale.ROOT, "Z' mass %s GeV, g' = %s, model %s%n", p.get("mass"), p.get("gprime"), p.get("model"));
        Map<String, Object> w = (Map<String, Object>) p.get("widths_gev");
        if (w != null) {
            for (Map.Entry<String, Object> e : w.entrySet()) {
                out.printf(Locale.ROOT, "  Gamma(%-7s) %.6e GeV%n", e.getKey(), (Double) e.getValue());
            }
            out.printf(Locale.ROOT, "  Gamma(total)  %.6e GeV%n", (Double) p.get("total_width_gev"));
        } else {
            out.println("  widths not determined in the dark-dominated limit");
        }
        out.printf(Locale.ROOT, "  BR(invisible) %.10f%n", (Double) p.get("br_invisible"));
        out.flush();
    }
}
