package org.recoil.limits.scan;

import java.util.Objects;
import java.util.Optional;
import org.recoil.core.RecoilException;

/**
 * What the limit computation of one {@link PointJob} gave: limits on μ, or the reason it failed.
 * The scan turns an outcome into the point's {@link MassPointResult} (status
 * {@link PointStatus#OK}/{@link PointStatus#WARNING} or {@link PointStatus#FAILED}).
 */
public sealed interface PointOutcome permits PointOutcome.Limit, PointOutcome.Failure {

    /**
     * The limits on μ.
     *
     * @param mu observed and expected limits, with warnings
     * @param local the point's local discovery significance (empty if its fits failed: a warning in
     *              {@code mu} says why)
     * @param gof the saturated-model goodness of fit of the point's free fit (empty if that fit failed)
     */
    record Limit(MuLimit mu, Optional<LocalSignificance> local, Optional<PointGoodnessOfFit> gof)
            implements PointOutcome {
        /** Checks the limit is present. */
        public Limit {
            Objects.requireNonNull(mu, "mu");
            Objects.requireNonNull(local, "local");
            Objects.requireNonNull(gof, "gof");
        }

        /**
         * Limits and a local significance without a goodness of fit.
         *
         * @param mu observed and expected limits, with warnings
         * @param local the local discovery significance
         */
        public Limit(MuLimit mu, Optional<LocalSignificance> local) {
            this(mu, local, Optional.empty());
        }

        /**
         * Limits without a local significance.
         *
         * @param mu observed and expected limits, with warnings
         */
        public Limit(MuLimit mu) {
            this(mu, Optional.empty(), Optional.empty());
        }
    }

    /**
     * The fit or the limit search failed.
     *
     * @param reason one line: the exception's message, prefixed with its class for exceptions that
     *               are not the project's own
     */
    record Failure(String reason) implements PointOutcome {
        /** Checks the reason is present. */
        public Failure {
            Objects.requireNonNull(reason, "reason");
        }

        /**
         * @param e the exception that ended the computation
         * @return its one-line reason
         */
        public static Failure of(RuntimeException e) {
            String what = e instanceof RecoilException ? "" : e.getClass().getSimpleName() + ": ";
            return new Failure(what + e.getMessage());
        }
    }
}
