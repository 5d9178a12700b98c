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
 */
public record CouplingLimitData(Curve observed, Curve expected, List<Curve> projections,
                                List<FavouredBand> favouredBands) {

    /**
     * Copies the lists and checks the labels.
     *
     * @param observed the observed limit, or null
     * @param expected the expected (median) limit, or null
     * @param projections further expected limits, e.g. at 50 fb⁻¹ and 50 ab⁻¹ (drawn dashed); may be empty
     * @param favouredBands favoured regions drawn as semi-transparent fills; may be empty
     * @throws InvalidInputException if there is no limit curve or two legend labels are equal
     */
    public CouplingLimitData {
        projections = List.copyOf(projections);
        favouredBands = List.copyOf(favouredBands);
        if (observed == null && expected == null && projections.isEmpty()) {
            throw new InvalidInputException("coupling-limit plot: no limit curve; expected an observed,"
                    + " expected or projected limit");
        }
        Set<String> labels = new HashSet<>();
        for (String label : labels(observed, expected, projections, favouredBands)) {
            if (!labels.add(label)) {
                throw new InvalidInputException("coupling-limit plot: the label '" + label
                        + "' is used twice; expected distinct legend labels");
            }
        }
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
