package org.recoil.cli.plot;

import java.awt.Font;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.util.ArrayList;
import java.util.List;

/**
 * The labelled ticks of a logarithmic axis, in one notation: powers of ten with superscript
 * exponents at the decades (10⁻³, 10⁰, 10⁴) and, where an axis spans too little for decades alone,
 * the same with a mantissa between them (2×10⁻³). Never {@code 1000} next to {@code 1E4}.
 */
final class LogTicks {

    private static final char[] SUPERSCRIPT_DIGITS = {'⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'};
    private static final char SUPERSCRIPT_MINUS = '⁻';
    /** Relative slack for a tick that falls on an end of the axis up to rounding. */
    private static final double EDGE = 1e-12;

    /**
     * One labelled tick.
     *
     * @param value the position on the axis, positive
     * @param label the text shown at it
     */
    record Tick(double value, String label) {
    }

    private LogTicks() {
    }

    /**
     * The labelled ticks within {@code [min, max]}, in increasing order: those XChart's logarithmic
     * axis marks, i.e. the decades, and with {@code decadeOnly} false also 2…9 times each decade.
     *
     * @param min the lower end of the axis, positive
     * @param max the upper end of the axis
     * @param decadeOnly whether only the decades are labelled
     * @return the ticks
     */
    static List<Tick> of(double min, double max, boolean decadeOnly) {
        List<Tick> ticks = new ArrayList<>();
        if (!(min > 0) || !(max >= min) || Double.isInfinite(max)) {
            return ticks;
        }
        int first = (int) Math.floor(Math.log10(min)) - 1;
        int last = (int) Math.ceil(Math.log10(max)) + 1;
        for (int exponent = first; exponent <= last; exponent++) {
            for (int mantissa = 1; mantissa <= (decadeOnly ? 1 : 9); mantissa++) {
                double value = Double.parseDouble(mantissa + "E" + exponent);
                if (value >= min * (1 - EDGE) && value <= max * (1 + EDGE)) {
                    ticks.add(new Tick(value, label(mantissa, exponent)));
                }
            }
        }
        return ticks;
    }

    /**
     * @param mantissa 1 … 9
     * @param exponent the power of ten
     * @return {@code 10ⁿ} for a mantissa of 1, else {@code m×10ⁿ}, with a superscript exponent
     */
    static String label(int mantissa, int exponent) {
        String power = "10" + superscript(exponent);
        return mantissa == 1 ? power : mantissa + "×" + power;
    }

    /** The integer in superscript digits, with a superscript minus if negative. */
    static String superscript(int n) {
        StringBuilder b = new StringBuilder();
        if (n < 0) {
            b.append(SUPERSCRIPT_MINUS);
        }
        for (char c : Integer.toString(Math.abs(n)).toCharArray()) {
            b.append(SUPERSCRIPT_DIGITS[c - '0']);
        }
        return b.toString();
    }

    /**
     * The width of the widest label as XChart measures tick labels (the bounds of the outline).
     *
     * @param labels the labels
     * @param font the tick font
     * @param frc the render context
     * @return the width in pixels, 0 without labels
     */
    static double widest(List<String> labels, Font font, FontRenderContext frc) {
        return labels.stream().filter(t -> !t.isEmpty())
                .mapToDouble(t -> new TextLayout(t, font, frc).getOutline(null).getBounds().getWidth()).max().orElse(0);
    }
}
