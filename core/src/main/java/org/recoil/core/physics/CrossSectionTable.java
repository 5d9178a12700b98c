package org.recoil.core.physics;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.hipparchus.analysis.interpolation.SplineInterpolator;
import org.hipparchus.analysis.polynomials.PolynomialSplineFunction;
import org.recoil.core.InvalidInputException;

/**
 * σ(e⁺e⁻ → μ⁺μ⁻Z′) for g′ = 1 tabulated on a Z′ mass grid, so that a mass scan does not recompute
 * the Monte Carlo integral. Between grid points {@code ln σ} is interpolated by a natural cubic
 * spline in {@code ln M} (σ is close to a quadratic polynomial in {@code ln M} at small masses, see
 * the small-mass formula of {@code physics.json}), after dividing out the threshold behaviour
 * {@code σ ∝ Δ³}, {@code Δ = √s − 2m_μ − M} (three-body phase space ∝ Δ² times a P-wave factor
 * ∝ Δ: C-parity forces the muon pair into ¹S₀ and a relative P wave with the Z′); the relative
 * statistical error is interpolated linearly. Immutable.
 *
 * <p>CSV form (as written by {@code recoil xsec --table}): a header {@code mass,sigma_pb,sigma_error_pb}
 * and one row per mass in increasing order; lines starting with {@code #} are comments.
 */
public final class CrossSectionTable {
    /** CSV header. */
    public static final String HEADER = "mass,sigma_pb,sigma_error_pb";
    /** Class-path resource of the shipped Belle II table (√s = 10.58 GeV). */
    public static final String BELLE2_RESOURCE = "/org/recoil/core/physics/zprime-xsec-10.58.csv";

    private final double sqrtS;
    private final double[] masses;
    private final double[] sigmas;
    private final double[] errors;
    private final double massLimit;
    private final PolynomialSplineFunction reducedLogSigma;

    private CrossSectionTable(double sqrtS, double[] masses, double[] sigmas, double[] errors) {
        this.sqrtS = sqrtS;
        this.masses = masses;
        this.sigmas = sigmas;
        this.errors = errors;
        this.massLimit = sqrtS - 2.0 * PhysicsConstants.MUON_MASS;
        double[] lnM = new double[masses.length];
        double[] h = new double[masses.length];
        for (int i = 0; i < masses.length; i++) {
            lnM[i] = Math.log(masses[i]);
            h[i] = reduced(masses[i], sigmas[i]);
        }
        this.reducedLogSigma = masses.length >= 3 ? new SplineInterpolator().interpolate(lnM, h) : null;
    }

    /** {@code ln σ − 3 ln Δ}: smooth in ln M up to the kinematic limit. */
    private double reduced(double mass, double sigma) {
        return Math.log(sigma) - 3.0 * Math.log(massLimit - mass);
    }

    /**
     * A table from given values.
     *
     * @param sqrtS centre-of-mass energy in GeV (the physical muon mass is assumed for the kinematic limit)
     * @param masses Z′ masses in GeV, strictly increasing, in (0, √s − 2m_μ), at least 2
     * @param sigmaPb σ in pb (positive)
     * @param errorPb statistical errors in pb (non-negative)
     * @return the table
     * @throws InvalidInputException naming the offending row
     */
    public static CrossSectionTable of(double sqrtS, double[] masses, double[] sigmaPb, double[] errorPb) {
        if (masses.length != sigmaPb.length || masses.length != errorPb.length) {
            throw new InvalidInputException("cross-section table: masses, sigma_pb and sigma_error_pb have different "
                    + "lengths (" + masses.length + ", " + sigmaPb.length + ", " + errorPb.length + ")");
        }
        if (masses.length < 2) {
            throw new InvalidInputException("cross-section table needs at least 2 mass points, got " + masses.length);
        }
        for (int i = 0; i < masses.length; i++) {
            if (!(masses[i] > 0.0) || !(masses[i] < sqrtS - 2.0 * PhysicsConstants.MUON_MASS)
                    || (i > 0 && !(masses[i] > masses[i - 1]))) {
                throw new InvalidInputException("cross-section table row " + (i + 1) + ": mass " + masses[i]
                        + " must be in (0, sqrt(s) - 2 m_mu) and larger than the previous mass");
            }
            if (!(sigmaPb[i] > 0.0) || !Double.isFinite(sigmaPb[i])) {
                throw new InvalidInputException("cross-section table row " + (i + 1) + " (mass " + masses[i]
                        + "): sigma_pb must be positive and finite, got " + sigmaPb[i]);
            }
            if (!(errorPb[i] >= 0.0) || !Double.isFinite(errorPb[i])) {
                throw new InvalidInputException("cross-section table row " + (i + 1) + " (mass " + masses[i]
                        + "): sigma_error_pb must be >= 0, got " + errorPb[i]);
            }
        }
        return new CrossSectionTable(sqrtS, masses.clone(), sigmaPb.clone(), errorPb.clone());
    }

    /**
     * Computes the table point by point; each mass uses its own random stream (derived from
     * {@code seed} and the mass), so a row equals {@code xs.sigma(mass, precision, seed)}.
     *
     * @param xs the cross-section calculator
     * @param masses Z′ masses in GeV, strictly increasing
     * @param relativePrecision target relative error of each point
     * @param seed random seed
     * @return the table
     */
    public static CrossSectionTable compute(ProductionCrossSection xs, double[] masses, double relativePrecision,
                                            long seed) {
        double[] sigma = new double[masses.length];
        double[] error = new double[masses.length];
        for (int i = 0; i < masses.length; i++) {
            CrossSectionResult r = xs.sigma(masses[i], relativePrecision, seed);
            sigma[i] = r.sigmaPb();
            error[i] = r.errorPb();
        }
        return of(xs.sqrtS(), masses, sigma, error);
    }

    /**
     * The grid {@code from, from + step, ...} up to {@code to} (included within step/1e6), with
     * values rounded to 1e-9 GeV so that decimal steps give decimal masses.
     *
     * @param from first mass in GeV
     * @param to last mass in GeV
     * @param step step in GeV
     * @return the masses
     */
    public static double[] massGrid(double from, double to, double step) {
        if (!(step > 0.0) || !Double.isFinite(step) || !Double.isFinite(from) || !Double.isFinite(to) || !(to >= from)) {
            throw new InvalidInputException("mass grid: need finite from <= to and step > 0, got from=" + from
                    + ", to=" + to + ", step=" + step);
        }
        long n = (long) Math.floor((to - from) / step + 1e-6) + 1;
        if (n > 100_000) {
            throw new InvalidInputException("mass grid: " + n + " points requested, at most 100000 allowed");
        }
        double[] grid = new double[(int) n];
        for (int i = 0; i < n; i++) {
            grid[i] = Math.round((from + i * step) * 1e9) / 1e9;
        }
        return grid;
    }

    /**
     * Reads a table in the CSV form of {@link #write}.
     *
     * @param in the CSV text
     * @param source a name for messages (file name)
     * @param sqrtS the centre-of-mass energy the table was computed at
     * @return the table
     * @throws InvalidInputException naming the source and line of a malformed row
     */
    public static CrossSectionTable read(Reader in, String source, double sqrtS) {
        List<double[]> rows = new ArrayList<>();
        try (BufferedReader r = new BufferedReader(in)) {
            String line;
            int lineNo = 0;
            boolean header = false;
            while ((line = r.readLine()) != null) {
                lineNo++;
                String t = line.strip();
                if (t.isEmpty() || t.startsWith("#")) {
                    continue;
                }
                if (!header) {
                    if (!t.equals(HEADER)) {
                        throw new InvalidInputException(source + " line " + lineNo + ": expected header '" + HEADER
                                + "', got '" + t + "'");
                    }
                    header = true;
                    continue;
                }
                String[] f = t.split(",");
                if (f.length != 3) {
                    throw new InvalidInputException(source + " line " + lineNo + ": expected 3 columns (" + HEADER
                            + "), got " + f.length);
                }
                double[] row = new double[3];
                for (int c = 0; c < 3; c++) {
                    try {
                        row[c] = Double.parseDouble(f[c].strip());
                    } catch (NumberFormatException e) {
                        throw new InvalidInputException(source + " line " + lineNo + ", column "
                                + HEADER.split(",")[c] + ": not a number: '" + f[c] + "'", e);
                    }
                }
                rows.add(row);
            }
            if (!header) {
                throw new InvalidInputException(source + ": empty cross-section table (no header '" + HEADER + "')");
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + source, e);
        }
        double[] m = new double[rows.size()];
        double[] s = new double[rows.size()];
        double[] e = new double[rows.size()];
        for (int i = 0; i < rows.size(); i++) {
            m[i] = rows.get(i)[0];
            s[i] = rows.get(i)[1];
            e[i] = rows.get(i)[2];
        }
        try {
            return of(sqrtS, m, s, e);
        } catch (InvalidInputException ex) {
            throw new InvalidInputException(source + ": " + ex.getMessage(), ex);
        }
    }

    /**
     * The shipped table at √s = 10.58 GeV, physical muon mass, g′ = 1, generated with
     * {@code recoil xsec --table --from 0.02 --to 10.34 --step 0.02 --precision 0.001 --seed 20240229
     * --out core/src/main/resources/org/recoil/core/physics/zprime-xsec-10.58.csv}.
     *
     * @return the table
     */
    public static CrossSectionTable belle2() {
        InputStream in = CrossSectionTable.class.getResourceAsStream(BELLE2_RESOURCE);
        if (in == null) {
            throw new IllegalStateException("missing class-path resource " + BELLE2_RESOURCE);
        }
        return read(new InputStreamReader(in, StandardCharsets.UTF_8), BELLE2_RESOURCE,
                PhysicsConstants.SQRT_S_BELLE2);
    }

    /**
     * Writes the CSV form (header, then one row per mass, full double precision).
     *
     * @param out where to write (not closed)
     */
    public void write(Writer out) {
        PrintWriter p = new PrintWriter(out);
        p.print(HEADER);
        p.print('\n');
        for (int i = 0; i < masses.length; i++) {
            p.print(masses[i] + "," + sigmas[i] + "," + errors[i] + "\n");
        }
        p.flush();
    }

    /**
     * Interpolated σ.
     *
     * @param mass Z′ mass in GeV, within [{@link #minMass()}, {@link #maxMass()}]
     * @return σ in pb for g′ = 1
     * @throws InvalidInputException outside the table
     */
    public double sigmaPb(double mass) {
        int i = locate(mass);
        if (masses[i] == mass) {
            return sigmas[i];
        }
        double h;
        if (reducedLogSigma == null) {
            double t = (Math.log(mass) - Math.log(masses[i])) / (Math.log(masses[i + 1]) - Math.log(masses[i]));
            h = (1 - t) * reduced(masses[i], sigmas[i]) + t * reduced(masses[i + 1], sigmas[i + 1]);
        } else {
            h = reducedLogSigma.value(Math.log(mass));
        }
        return Math.exp(h + 3.0 * Math.log(massLimit - mass));
    }

    /**
     * Interpolated statistical error (linear in the relative error).
     *
     * @param mass Z′ mass in GeV, within the table
     * @return the error of {@link #sigmaPb(double)} in pb
     */
    public double sigmaErrorPb(double mass) {
        int i = locate(mass);
        if (masses[i] == mass) {
            return errors[i];
        }
        double t = (mass - masses[i]) / (masses[i + 1] - masses[i]);
        double rel = (1 - t) * errors[i] / sigmas[i] + t * errors[i + 1] / sigmas[i + 1];
        return rel * sigmaPb(mass);
    }

    private int locate(double mass) {
        if (!(mass >= masses[0] && mass <= masses[masses.length - 1])) {
            throw new InvalidInputException("Z' mass " + mass + " GeV is outside the cross-section table range ["
                    + masses[0] + ", " + masses[masses.length - 1] + "] GeV");
        }
        int i = Arrays.binarySearch(masses, mass);
        if (i >= 0) {
            return i;
        }
        return Math.min(-i - 2, masses.length - 2);
    }

    /** @return the centre-of-mass energy in GeV */
    public double sqrtS() {
        return sqrtS;
    }

    /** @return the smallest tabulated mass in GeV */
    public double minMass() {
        return masses[0];
    }

    /** @return the largest tabulated mass in GeV */
    public double maxMass() {
        return masses[masses.length - 1];
    }

    /** @return the number of mass points */
    public int size() {
        return masses.length;
    }

    /** @return a copy of the masses in GeV */
    public double[] masses() {
        return masses.clone();
    }

    /** @return a copy of the tabulated σ in pb */
    public double[] sigmasPb() {
        return sigmas.clone();
    }

    /** @return a copy of the tabulated errors in pb */
    public double[] errorsPb() {
        return errors.clone();
    }
}
