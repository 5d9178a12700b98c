package org.recoil.limits.analysis;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.projection.Improvement;
import org.recoil.limits.projection.MassFactor;
import org.recoil.limits.scan.MassPointInput;

/**
 * What the MVA selection gains over the cut-based one, per mass, and its use as an analysis
 * improvement of a projection (issue 20). An MVA scan writes {@value #FILE}: per mass of its grid, the
 * signal efficiency and the window background of the default cut-based selection on the same Monte
 * Carlo and those of the MVA selection (the inputs of its limits), and their ratios, the
 * <b>signal-efficiency gain</b> g = ε<sub>MVA</sub>/ε<sub>cut</sub> and the <b>background rejection</b>
 * R = B<sub>cut</sub>/B<sub>MVA</sub>. {@code projection.improvements: [{name: mva, from_scan: DIR}]}
 * reads them back as an {@link Improvement} (interpolated linearly in the mass between the rows,
 * constant beyond), so that another analysis (another luminosity, grid or dataset) can be projected
 * "with the MVA selection's efficiency and background rejection". A ratio that is undefined (a zero
 * denominator) is left empty and skipped on reading. Stateless.
 */
public final class MvaEfficiency {

    /** The file an MVA scan writes into its folder. */
    public static final String FILE = "mva_efficiency.csv";

    /** Its header. */
    public static final String HEADER = "mass_gev,signal_efficiency_cut_based,signal_efficiency_mva,"
            + "background_cut_based,background_mva,signal_efficiency_gain,background_rejection";

    private MvaEfficiency() {
    }

    /**
     * @param applied the MVA selection (its cut-based reference)
     * @param points the MVA's mass points (the inputs of its limits), one per mass of {@code applied}
     * @return the CSV text ({@value #HEADER})
     */
    public static String csv(MvaSelection.Applied applied, List<MassPointInput> points) {
        StringBuilder sb = new StringBuilder(HEADER).append('\n');
        for (int i = 0; i < points.size(); i++) {
            MassPointInput p = points.get(i);
            double ec = applied.cutBasedEfficiency()[i];
            double bc = applied.cutBasedBackground()[i];
            double em = p.efficiency();
            double bm = p.totalBackground();
            sb.append(num(p.mass())).append(',').append(num(ec)).append(',').append(num(em)).append(',')
                    .append(num(bc)).append(',').append(num(bm)).append(',')
                    .append(ec > 0 && em > 0 ? num(em / ec) : "").append(',')
                    .append(bm > 0 && bc > 0 ? num(bc / bm) : "").append('\n');
        }
        return sb.toString();
    }

    /**
     * Reads an MVA scan's factors as an analysis improvement.
     *
     * @param name the improvement's name
     * @param description its description (null: one naming the file)
     * @param from the scan's folder (holding {@value #FILE}) or the file itself
     * @return the improvement
     * @throws InvalidInputException if the file is missing, malformed, or has no defined factor
     */
    public static Improvement improvement(String name, String description, Path from) {
        Path file = Files.isDirectory(from) ? from.resolve(FILE) : from;
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException("improvement '" + name + "': from_scan: " + file + " not found (an MVA"
                    + " scan, recoil scan with selection: {mva: ...}, writes " + FILE + " into its folder)");
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(file);
        } catch (IOException e) {
            throw new InvalidInputException("improvement '" + name + "': cannot read " + file + ": " + e.getMessage(),
                    e);
        }
        if (lines.isEmpty() || !lines.get(0).trim().equals(HEADER)) {
            throw new InvalidInputException(file + ": expected the header " + HEADER);
        }
        List<double[]> gain = new ArrayList<>();
        List<double[]> rejection = new ArrayList<>();
        for (int l = 1; l < lines.size(); l++) {
            String line = lines.get(l).trim();
            if (line.isEmpty()) {
                continue;
            }
            String[] f = line.split(",", -1);
            if (f.length != 7) {
                throw new InvalidInputException(file + ", line " + (l + 1) + ": expected 7 fields, got " + f.length);
            }
            double m = parse(f[0], file, l, "mass_gev");
            if (!f[5].isBlank()) {
                gain.add(new double[] {m, parse(f[5], file, l, "signal_efficiency_gain")});
            }
            if (!f[6].isBlank()) {
                rejection.add(new double[] {m, parse(f[6], file, l, "background_rejection")});
            }
        }
        if (gain.isEmpty() && rejection.isEmpty()) {
            throw new InvalidInputException(file + ": no mass with a defined signal_efficiency_gain or"
                    + " background_rejection");
        }
        try {
            return new Improvement(name, description != null ? description : "MVA selection of " + file,
                    factor(gain), factor(rejection));
        } catch (InvalidInputException e) {
            throw new InvalidInputException(file + ": " + e.getMessage(), e);
        }
    }

    private static MassFactor factor(List<double[]> rows) {
        if (rows.isEmpty()) {
            return MassFactor.ONE;
        }
        return new MassFactor(rows.stream().mapToDouble(r -> r[0]).toArray(),
                rows.stream().mapToDouble(r -> r[1]).toArray());
    }

    private static double parse(String s, Path file, int line, String column) {
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            throw new InvalidInputException(String.format(Locale.ROOT, "%s, line %d, column %s: not a number: '%s'",
                    file, line + 1, column, s));
        }
    }

    /** Six significant digits, no exponent for ordinary sizes. */
    private static String num(double x) {
        if (x == 0) {
            return "0";
        }
        return new java.math.BigDecimal(x).round(new java.math.MathContext(6)).stripTrailingZeros().toPlainString();
    }
}
