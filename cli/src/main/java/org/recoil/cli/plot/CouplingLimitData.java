package org.recoil.cli.plot;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.recoil.core.InvalidInputException;

/**
 * The content of a coupling-limit plot (g′ upper limit versus Z′ mass): the observed and the
 * expected limit, projections (expected limits at larger luminosities), and favoured bands such as
 * the (g−2)<sub>μ</sub> bands of several Δa<sub>μ</sub> scenarios.
 *
 * @param observed the observed limit, or null
 * @param expected the expected (median) limit, or null
 * @param projections further expected limits, e.g. at 50 fb⁻¹ and 50 ab⁻¹ (drawn dashed); may be empty
 * @param favouredBands favoured regions drawn as semi-transparent fills; may be empty
 * @param expectedBand the ±1σ and ±2σ quantiles of the expected limit (its {@code observed} is
 *     ignored), drawn as the green and yellow band behind the expected limit, or null for none
 */
public record CouplingLimitData(Curve observed, Curve expected, List<Curve> projections,
                                List<FavouredBand> favouredBands, BandSeries expectedBand) {

    /** Legend label of the expected limit's ±1σ band. */
    public static final String ONE_SIGMA = BrazilBandPlot.ONE_SIGMA;
    /** Legend label of the expected limit's ±2σ band. */
    public static final String TWO_SIGMA = BrazilBandPlot.TWO_SIGMA;

    /**
     * Copies the lists and checks the labels.
     *
     * @param observed the observed limit, or null
     * @param expected the expected (median) limit, or null
     * @param projections further expected limits, e.g. at 50 fb⁻¹ and 50 ab⁻¹ (drawn dashed); may be empty
     * @param favouredBands favoured regions drawn as semi-transparent fills; may be empty
     * @param expectedBand the quantiles of the expected limit, or null
     * @throws InvalidInputException if there is no limit curve, two legend labels are equal, or the
     *     expected band comes without an expected limit
     */
    public CouplingLimitData {
        projections = List.copyOf(projections);
        favouredBands = List.copyOf(favouredBands);
        if (observed == null && expected == null && projections.isEmpty()) {
            throw new InvalidInputException("coupling-limit plot: no limit curve; expected an observed,"
                    + " expected or projected limit");
        }
        if (expectedBand != null && expected == null) {
            throw new InvalidInputException("coupling-limit plot: an expected band without an expected limit;"
                    + " expected both or neither");
        }
        Set<String> labels = new HashSet<>();
        for (String label : labels(observed, expected, projections, favouredBands)) {
            if (!labels.add(label)) {
                throw new InvalidInputException("coupling-limit plot: the label '" + label
                        + "' is used twice; expected distinct legend labels");
            }
        }
    }

    /**
     * Limit curves and bands without the expected limit's ±1σ, ±2σ band.
     *
     * @param observed the observed limit, or null
     * @param expected the expected (median) limit, or null
     * @param projections further expected limits; may be empty
     * @param favouredBands favoured regions; may be empty
     * @throws InvalidInputException as the canonical constructor
     */
    public CouplingLimitData(Curve observed, Curve expected, List<Curve> projections,
                             List<FavouredBand> favouredBands) {
        this(observed, expected, projections, favouredBands, null);
    }

    private static List<String> labels(Curve observed, Curve expected, List<Curve> projections,
                                       List<FavouredBand> bands) {
        List<String> labels = new ArrayList<>();
        if (observed != null) {
            labels.add(observed.label());
        }
        if (expected != null) {
            labels.add(expected.label());
        }
        projections.forEach(c -> labels.add(c.label()));
        bands.forEach(b -> labels.add(b.label()));
        return labels;
    }

    /** @return the limit curves present: observed, expected, then the projections */
    public List<Curve> limitCurves() {
        List<Curve> curves = new ArrayList<>();
        if (observed != null) {
            curves.add(observed);
        }
        if (expected != null) {
            curves.add(expected);
        }
        curves.addAll(projections);
        return curves;
    }
}
