package org.recoil.limits.projection;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.MassPointInput;
import org.recoil.limits.scan.SampleYield;
import org.recoil.limits.scan.WindowShape;

/**
 * A named analysis improvement of a projection (e.g. an MVA selection, better muon identification,
 * new triggers), expressed as two per-mass factors applied to the inputs of the search before
 * they are scaled with the luminosity:
 * <ul>
 *   <li>the signal efficiency is multiplied by the <b>signal-efficiency gain</b> g(M) (it must stay
 *       at most 1: an improvement that would push it above 1 is refused with the mass named);</li>
 *   <li>every background yield (and the Asimov data built from them) is divided by the
 *       <b>background rejection</b> R(M) &gt; 0; the background MC sum of squared weights is divided
 *       by R², i.e. the relative MC statistical error and the shape of each background in the window
 *       are kept.</li>
 * </ul>
 * The relative systematic uncertainties are those of the analysis (the improvement does not change
 * them). {@link #NONE} is the analysis as configured. Immutable.
 *
 * @param name identifier in configs and reports ({@code none} is the analysis as configured)
 * @param description a short description for summaries (may be empty)
 * @param signalEfficiencyGain g(M), the factor on the signal efficiency
 * @param backgroundRejection R(M), the factor the backgrounds are divided by
 */
public record Improvement(String name, String description, MassFactor signalEfficiencyGain,
                          MassFactor backgroundRejection) {

    /** Name of the analysis without improvement. */
    public static final String NONE_NAME = "none";

    /** The analysis as configured: both factors 1. */
    public static final Improvement NONE = new Improvement(NONE_NAME, "as configured", MassFactor.ONE,
            MassFactor.ONE);

    /** Validates the name. */
    public Improvement {
        if (name == null || !name.matches("[A-Za-z0-9][A-Za-z0-9_.+-]*")) {
            throw new InvalidInputException("improvement name must be letters, digits, '_', '.', '+' or '-', got '"
                    + name + "'");
        }
        description = description == null ? "" : description;
        java.util.Objects.requireNonNull(signalEfficiencyGain, "signalEfficiencyGain");
        java.util.Objects.requireNonNull(backgroundRejection, "backgroundRejection");
    }

    /** @return whether this is {@link #NONE} (or equivalent: both factors 1 and the name {@code none}) */
    public boolean isNone() {
        return name.equals(NONE_NAME);
    }

    /** @return a label for legends: the name and, if given, the description */
    public String label() {
        return description.isEmpty() ? name : name + ": " + description;
    }

    /**
     * The inputs with the improvement applied.
     *
     * @param base the mass points of the analysis
     * @return the improved mass points (the same list for {@link #NONE})
     * @throws InvalidInputException if the gain pushes an efficiency above 1 (naming the mass)
     */
    public List<MassPointInput> apply(List<MassPointInput> base) {
        if (isNone()) {
            return base;
        }
        List<MassPointInput> out = new ArrayList<>(base.size());
        for (MassPointInput p : base) {
            double gain = signalEfficiencyGain.at(p.mass());
            double rejection = backgroundRejection.at(p.mass());
            double eff = p.efficiency() * gain;
            if (eff > 1 + 1e-12) {
                throw new InvalidInputException(String.format(Locale.ROOT, "improvement '%s': signal_efficiency_gain"
                                + " %s at M = %s GeV would push the signal efficiency %s above 1 (to %s); the largest"
                                + " gain allowed there is %s", name, num(gain), num(p.mass()), num(p.efficiency()),
                        num(eff), num(1 / p.efficiency())));
            }
            List<SampleYield> bkg = new ArrayList<>();
            for (SampleYield y : p.backgrounds()) {
                bkg.add(new SampleYield(y.name(), y.yield() / rejection, y.sumw2() / (rejection * rejection),
                        y.entries()));
            }
            Optional<WindowShape> shape = p.shape().map(w -> rejected(w, rejection));
            out.add(new MassPointInput(p.mass(), p.window(), p.observed() / rejection, bkg, Math.min(1.0, eff),
                    p.efficiencyRelError(), p.sigmaAtUnitCouplingPb(), p.brInvisible(), shape));
        }
        return out;
    }

    private static String num(double x) {
        return new java.math.BigDecimal(x).round(new java.math.MathContext(4)).stripTrailingZeros().toPlainString();
    }

    private static WindowShape rejected(WindowShape w, double rejection) {
        double[] obs = w.observed();
        for (int i = 0; i < obs.length; i++) {
            obs[i] /= rejection;
        }
        List<double[]> b = new ArrayList<>();
        for (double[] y : w.backgrounds()) {
            double[] c = y.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] /= rejection;
            }
            b.add(c);
        }
        List<double[]> v = new ArrayList<>();
        for (double[] y : w.backgroundSumw2()) {
            double[] c = y.clone();
            for (int i = 0; i < c.length; i++) {
                c[i] /= rejection * rejection;
            }
            v.add(c);
        }
        return new WindowShape(w.edges(), obs, b, v, w.signalFractions());
    }
}
