package org.recoil.limits.scan;

import java.io.Serializable;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.StatModel;
import org.recoil.limits.calc.AsymptoticDiscoveryCalculator;
import org.recoil.limits.calc.DiscoveryResult;

/**
 * The local discovery significance of one mass point: p<sub>0</sub> of the background-only hypothesis
 * with q<sub>0</sub> from the asymptotic formulae (Cowan, Cranmer, Gross, Vitells, arXiv:1007.1727,
 * Eq. (12), (52)–(53); {@link AsymptoticDiscoveryCalculator}), whatever method set the point's limit.
 * "Local": the probability of an excess at least this large at this mass, not anywhere in the scan
 * (see {@link GlobalSignificance} for the look-elsewhere effect).
 *
 * @param p0 local p<sub>0</sub> = 1 − Φ(√q<sub>0</sub>)
 * @param z local significance √q<sub>0</sub> (0 for a deficit, μ̂ ≤ 0)
 * @param q0 the observed q<sub>0</sub>
 * @param muHat best-fit signal strength (bounded at 0 as the scan's POI)
 */
public record LocalSignificance(double p0, double z, double q0, double muHat) implements Serializable {

    private static final long serialVersionUID = 1L;

    /**
     * @param model the point's model (POI range containing 0)
     * @param minimizer the minimiser
     * @return the point's local significance
     * @throws org.recoil.fitting.fit.FitFailedException if a fit fails
     */
    public static LocalSignificance of(StatModel model, Minimizer minimizer) {
        DiscoveryResult r = new AsymptoticDiscoveryCalculator(model, minimizer).discovery();
        return new LocalSignificance(r.p0(), r.z(), r.q0(), r.muHat());
    }
}
