package org.recoil.limits.scan;

import java.util.List;

/**
 * The global significance of a scan's largest local excess ({@link GlobalSignificance}).
 *
 * @param mass the mass of the largest local excess, GeV
 * @param zLocal its local significance
 * @param pLocal its local p-value 1 − Φ(Z<sub>local</sub>)
 * @param toys number of background-only pseudo-experiments of the whole scan
 * @param pGlobal fraction of pseudo-experiments whose largest local Z reaches Z<sub>local</sub>
 * @param pGlobalError its binomial error √(p(1 − p)/N) (at least √(1/N)/√N when p = 0)
 * @param zGlobal Φ<sup>−1</sup>(1 − p<sub>global</sub>) (+∞ when p<sub>global</sub> = 0)
 * @param trialsFactor p<sub>global</sub> / p<sub>local</sub>
 * @param referenceLevel c<sub>0</sub> = Z<sub>0</sub>² of the upcrossing count
 * @param meanUpcrossings ⟨N(c<sub>0</sub>)⟩ over the pseudo-experiments
 * @param pGlobalGrossVitells p<sub>local</sub> + ⟨N(c<sub>0</sub>)⟩ e<sup>−(Z<sub>local</sub>² − c<sub>0</sub>)/2</sup> (at most 1)
 * @param zGlobalGrossVitells its significance
 * @param trialsFactorGrossVitells its trials factor
 * @param failedFits point fits that failed in the pseudo-experiments
 * @param warnings conditions that make the result less reliable
 */
public record GlobalSignificanceResult(double mass, double zLocal, double pLocal, int toys, double pGlobal,
                                       double pGlobalError, double zGlobal, double trialsFactor,
                                       double referenceLevel, double meanUpcrossings, double pGlobalGrossVitells,
                                       double zGlobalGrossVitells, double trialsFactorGrossVitells, int failedFits,
                                       List<String> warnings) {

    /** Copies the warnings. */
    public GlobalSignificanceResult {
        warnings = List.copyOf(warnings);
    }
}
