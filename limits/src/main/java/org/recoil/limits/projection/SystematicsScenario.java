package org.recoil.limits.projection;

import org.recoil.core.InvalidInputException;
import org.recoil.limits.scan.Systematics;

/**
 * How the systematic uncertainties evolve when the integrated luminosity grows from L0 to
 * L = r L0 (the three scenarios of the Belle II physics book projections, arXiv:1808.10567,
 * Sec. 4: systematics fixed, scaled with the statistics, or absent):
 * <ul>
 *   <li>{@link Fixed}: every relative uncertainty (luminosity, efficiency, background
 *       normalisations, MC statistics) stays as at L0;</li>
 *   <li>{@link Shrinking}: every relative uncertainty u shrinks as u/√r, but not below
 *       min(u, floor) (control samples grow with the data; an irreducible part remains);</li>
 *   <li>{@link StatisticsOnly}: no systematic uncertainty and no MC statistical uncertainty.</li>
 * </ul>
 * Immutable.
 */
public sealed interface SystematicsScenario
        permits SystematicsScenario.Fixed, SystematicsScenario.Shrinking, SystematicsScenario.StatisticsOnly {

    /** @return the identifier in configs and reports: {@code fixed}, {@code shrinking}, {@code stat_only} */
    String name();

    /** @return a short description for summaries and legends */
    String description();

    /**
     * @param base the systematics at L0
     * @param ratio r = L/L0, &gt; 0
     * @return the systematics at L
     */
    Systematics at(Systematics base, double ratio);

    /**
     * @param relativeError a relative MC statistical error at L0
     * @param ratio r = L/L0
     * @return the relative MC error at L (the background MC grows with the data in {@link Shrinking})
     */
    double mcRelativeError(double relativeError, double ratio);

    /**
     * @param name {@code fixed}, {@code shrinking} or {@code stat_only}
     * @param floor the floor of {@code shrinking}
     * @return the scenario
     * @throws InvalidInputException for another name
     */
    static SystematicsScenario byName(String name, double floor) {
        return switch (name) {
            case "fixed" -> new Fixed();
            case "shrinking" -> new Shrinking(floor);
            case "stat_only" -> new StatisticsOnly();
            default -> throw new InvalidInputException("unknown systematics scenario '" + name
                    + "', expected fixed, shrinking or stat_only");
        };
    }

    /** Relative systematics fixed at their L0 values. */
    record Fixed() implements SystematicsScenario {
        @Override
        public String name() {
            return "fixed";
        }

        @Override
        public String description() {
            return "systematics fixed";
        }

        @Override
        public Systematics at(Systematics base, double ratio) {
            return base;
        }

        @Override
        public double mcRelativeError(double relativeError, double ratio) {
            return relativeError;
        }
    }

    /**
     * Relative systematics shrinking as 1/√(L/L0) down to a floor.
     *
     * @param floor the smallest relative uncertainty reached, in [0, 1)
     */
    record Shrinking(double floor) implements SystematicsScenario {
        /** Validates the floor. */
        public Shrinking {
            if (!(floor >= 0 && floor < 1)) {
                throw new InvalidInputException("systematics floor must be a fraction in [0, 1), got " + floor);
            }
        }

        @Override
        public String name() {
            return "shrinking";
        }

        @Override
        public String description() {
            return String.format(java.util.Locale.ROOT, "systematics ~ 1/sqrt(L), floor %.3g%%", 100 * floor);
        }

        @Override
        public Systematics at(Systematics base, double ratio) {
            return base.scaled(1 / Math.sqrt(ratio), floor);
        }

        @Override
        public double mcRelativeError(double relativeError, double ratio) {
            double u = relativeError;
            return Math.min(u, Math.max(u / Math.sqrt(ratio), Math.min(u, floor)));
        }
    }

    /** No systematic and no MC statistical uncertainty. */
    record StatisticsOnly() implements SystematicsScenario {
        @Override
        public String name() {
            return "stat_only";
        }

        @Override
        public String description() {
            return "statistics only";
        }

        @Override
        public Systematics at(Systematics base, double ratio) {
            return Systematics.none();
        }

        @Override
        public double mcRelativeError(double relativeError, double ratio) {
            return 0.0;
        }
    }
}
