package org.recoil.limits.scan;

import java.util.List;
import org.recoil.limits.interpret.ExpectedBand;

/**
 * Upper limits on the signal strength μ of one model, whatever method computed them.
 *
 * @param observed observed upper limit on μ
 * @param expected expected upper limits (2.5%, 16%, 50%, 84%, 97.5% quantiles) under the
 *                 background-only hypothesis
 * @param warnings conditions that make the result less reliable (few events, widened bracket, ...)
 */
public record MuLimit(double observed, ExpectedBand expected, List<String> warnings) {

    /** Copies the warnings. */
    public MuLimit {
        warnings = List.copyOf(warnings);
    }
}
