package org.recoil.limits.projection;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.recoil.core.ComputationException;
import org.recoil.core.physics.Luminosity;

/**
 * The published Belle II 2023 result the projections are compared with (Phys. Rev. Lett. 130 (2023)
 * 231801, arXiv:2212.03066, 79.7 fb⁻¹), read from the class-path resource {@value #RESOURCE}, which
 * says where each number comes from: g′ &lt; 3×10⁻³ at low masses and 1 at 8 GeV (the abstract), and the
 * (g−2)<sub>μ</sub> band excluded for about 0.8–5 GeV (as quoted in issue 20). Immutable.
 *
 * @param lowMassLimit the g′ limit "at low Z′ masses"
 * @param highMass the mass of the second quoted limit, GeV
 * @param highMassLimit the g′ limit there
 * @param g2ExcludedFrom lower end of the quoted (g−2)<sub>μ</sub> exclusion, GeV
 * @param g2ExcludedTo upper end, GeV
 */
public record PublishedLimits(double lowMassLimit, double highMass, double highMassLimit, double g2ExcludedFrom,
                              double g2ExcludedTo) {

    /** Class-path resource of the numbers, with their sources. */
    public static final String RESOURCE = "/org/recoil/limits/projection/belle2-2023-published.csv";

    /** The luminosity of the published result: 79.7 fb⁻¹. */
    public static final Luminosity LUMINOSITY = Luminosity.BELLE2_2023;

    /** A one-line citation for reports and legends. */
    public static final String CITATION = "Belle II, PRL 130 (2023) 231801, arXiv:2212.03066";

    /** @return the numbers of {@value #RESOURCE} */
    public static PublishedLimits belle2023() {
        try (InputStream in = PublishedLimits.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new ComputationException("class-path resource " + RESOURCE + " is missing");
            }
            double low = Double.NaN;
            double hiMass = Double.NaN;
            double hi = Double.NaN;
            double from = Double.NaN;
            double to = Double.NaN;
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                String[] f = line.trim().split(",");
                if (line.startsWith("#") || f.length != 3 || f[0].equals("kind")) {
                    continue;
                }
                if (f[0].equals("gprime") && f[1].equals("low")) {
                    low = Double.parseDouble(f[2]);
                } else if (f[0].equals("gprime")) {
                    hiMass = Double.parseDouble(f[1]);
                    hi = Double.parseDouble(f[2]);
                } else if (f[0].equals("g2_excluded")) {
                    from = Double.parseDouble(f[1]);
                    to = Double.parseDouble(f[2]);
                }
            }
            return new PublishedLimits(low, hiMass, hi, from, to);
        } catch (IOException | NumberFormatException e) {
            throw new ComputationException("cannot read class-path resource " + RESOURCE, e);
        }
    }
}
