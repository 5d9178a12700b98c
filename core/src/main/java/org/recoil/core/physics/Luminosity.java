package org.recoil.core.physics;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.recoil.core.InvalidInputException;

/**
 * An integrated luminosity, held in pb⁻¹ (DESIGN.md units).
 *
 * <p>Text forms accepted by {@link #parse}: a number followed by an inverse-barn unit, written
 * {@code 276/pb}, {@code 50/fb}, {@code 50/ab}, {@code 10/nb}, {@code 79.7 fb^-1}, {@code 79.7fb-1}
 * or {@code 79.7 fb⁻¹} (units case-insensitive, spaces allowed), or the name of one of the
 * {@link #milestones()} such as {@code phase2_2018}. 1/nb = 10⁻³/pb, 1/fb = 10³/pb,
 * 1/ab = 10⁶/pb. {@link #format()} writes the shortest of these forms ({@code 276/pb},
 * {@code 50/fb}, {@code 50/ab}).
 *
 * @param inversePicobarn the integrated luminosity in pb⁻¹, finite and &gt; 0
 */
public record Luminosity(double inversePicobarn) {

    /** Belle II Phase 2 (2018) data set of the first Z′ search, Phys. Rev. Lett. 124 (2020) 141801: 276 pb⁻¹. */
    public static final Luminosity PHASE2_2018 = new Luminosity(276.0);
    /** The 79.7 fb⁻¹ of the Belle II 2023 Z′ search, Phys. Rev. Lett. 130 (2023) 231801. */
    public static final Luminosity BELLE2_2023 = new Luminosity(79_700.0);
    /** Intermediate milestone of the projections: 50 fb⁻¹. */
    public static final Luminosity MILESTONE_50_FB = new Luminosity(50_000.0);
    /** Belle II Run 1 (2019–2022) recorded luminosity: 426.88 fb⁻¹. */
    public static final Luminosity RUN1_2019_2022 = new Luminosity(426_880.0);
    /** The Belle II design goal: 50 ab⁻¹. */
    public static final Luminosity GOAL_50_AB = new Luminosity(50_000_000.0);

    private static final Map<String, Luminosity> MILESTONES;

    static {
        Map<String, Luminosity> m = new LinkedHashMap<>();
        m.put("phase2_2018", PHASE2_2018);
        m.put("milestone_50fb", MILESTONE_50_FB);
        m.put("belle2_2023", BELLE2_2023);
        m.put("run1_2019_2022", RUN1_2019_2022);
        m.put("goal_50ab", GOAL_50_AB);
        MILESTONES = Collections.unmodifiableMap(m);
    }

    /** Number, optional spaces, then "/unit" or "unit^-1" / "unit-1" / "unit⁻¹". */
    private static final Pattern FORM = Pattern.compile(
            "([+]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?)\\s*"
                    + "(?:/\\s*([a-zA-Z]+)|([a-zA-Z]+)\\s*(?:\\^\\s*-\\s*1|-\\s*1|\\^\\s*\\(\\s*-\\s*1\\s*\\)|⁻¹))");

    /** Checks that the value is finite and &gt; 0. */
    public Luminosity {
        if (!(inversePicobarn > 0.0) || Double.isInfinite(inversePicobarn)) {
            throw new InvalidInputException("integrated luminosity must be finite and > 0 pb^-1, got " + inversePicobarn);
        }
    }

    /**
     * @param value the number, e.g. 50
     * @param unit {@code "pb"}, {@code "fb"}, {@code "ab"} or {@code "nb"} (meaning the inverse
     *     barn unit), case-insensitive
     * @return the luminosity
     */
    public static Luminosity of(double value, String unit) {
        return new Luminosity(new BigDecimal(Double.toString(checkedValue(value, unit))).multiply(unitInPb(unit)).doubleValue());
    }

    private static double checkedValue(double value, String unit) {
        if (!Double.isFinite(value)) {
            throw new InvalidInputException("integrated luminosity must be finite, got " + value + "/" + unit);
        }
        return value;
    }

    /**
     * Parses a luminosity such as {@code 276/pb}, {@code 50/fb}, {@code 50/ab}, {@code 79.7 fb^-1}
     * or a milestone name.
     *
     * @param text the text
     * @return the luminosity
     * @throws InvalidInputException quoting the text and the accepted forms if it cannot be read
     */
    public static Luminosity parse(String text) {
        if (text == null) {
            throw new InvalidInputException("integrated luminosity: no value given; expected e.g. 276/pb, 50/fb, 50/ab");
        }
        String t = text.strip();
        Luminosity named = MILESTONES.get(t.toLowerCase(Locale.ROOT));
        if (named != null) {
            return named;
        }
        Matcher m = FORM.matcher(t);
        if (!m.matches()) {
            throw new InvalidInputException("cannot read integrated luminosity '" + text
                    + "': expected a number and an inverse-barn unit, e.g. 276/pb, 50/fb, 50/ab or 79.7 fb^-1, or one of "
                    + String.join(", ", MILESTONES.keySet()));
        }
        String unit = m.group(2) != null ? m.group(2) : m.group(3);
        BigDecimal number = new BigDecimal(m.group(1).startsWith("+") ? m.group(1).substring(1) : m.group(1));
        BigDecimal pb = number.multiply(unitInPb(unit, text));
        if (pb.signum() <= 0) {
            throw new InvalidInputException("integrated luminosity '" + text + "' must be > 0");
        }
        double value = pb.doubleValue();
        if (Double.isInfinite(value)) {
            throw new InvalidInputException("integrated luminosity '" + text + "' is too large");
        }
        return new Luminosity(value);
    }

    /**
     * Parses a comma-separated list, e.g. {@code 276/pb,50/fb,50/ab}.
     *
     * @param text the list
     * @return the luminosities in the given order
     * @throws InvalidInputException if the list or any element cannot be read
     */
    public static List<Luminosity> parseList(String text) {
        if (text == null || text.isBlank()) {
            throw new InvalidInputException("list of integrated luminosities is empty; expected e.g. 276/pb,50/fb,50/ab");
        }
        List<Luminosity> out = new ArrayList<>();
        for (String part : text.split(",", -1)) {
            out.add(parse(part));
        }
        return List.copyOf(out);
    }

    /** @return the named luminosity milestones of physics.json (and the 2023 analysis), in time order */
    public static Map<String, Luminosity> milestones() {
        return MILESTONES;
    }

    /** @return the value in fb⁻¹ */
    public double inverseFemtobarn() {
        return inversePicobarn / 1e3;
    }

    /** @return the value in ab⁻¹ */
    public double inverseAttobarn() {
        return inversePicobarn / 1e6;
    }

    /**
     * Expected number of events of a process: N = σ L.
     *
     * @param sigmaPb cross section in pb
     * @return σ × L
     */
    public double events(double sigmaPb) {
        return sigmaPb * inversePicobarn;
    }

    /**
     * Formats with the unit that gives a number below 1000 (pb, fb, then ab) and at most 12
     * significant digits, e.g. {@code 276/pb}, {@code 426.88/fb}, {@code 50/ab}.
     *
     * @return the text form, readable by {@link #parse}
     */
    public String format() {
        BigDecimal pb = new BigDecimal(Double.toString(inversePicobarn));
        String unit;
        BigDecimal value;
        if (inversePicobarn < 1e3) {
            unit = "pb";
            value = pb;
        } else if (inversePicobarn < 1e6) {
            unit = "fb";
            value = pb.movePointLeft(3);
        } else {
            unit = "ab";
            value = pb.movePointLeft(6);
        }
        return value.round(new MathContext(12)).stripTrailingZeros().toPlainString() + "/" + unit;
    }

    @Override
    public String toString() {
        return format();
    }

    private static BigDecimal unitInPb(String unit) {
        return unitInPb(unit, unit);
    }

    private static BigDecimal unitInPb(String unit, String context) {
        switch (unit.toLowerCase(Locale.ROOT)) {
            case "nb":
                return new BigDecimal("0.001");
            case "pb":
                return BigDecimal.ONE;
            case "fb":
                return new BigDecimal("1000");
            case "ab":
                return new BigDecimal("1000000");
            default:
                throw new InvalidInputException("integrated luminosity '" + context + "': unknown unit '" + unit
                        + "'; expected /nb, /pb, /fb or /ab");
        }
    }
}
