package org.recoil.limits.analysis;

import java.util.List;
import java.util.Locale;
import org.recoil.core.InvalidInputException;

/**
 * The event-level systematic variations of an analysis ({@code variations:} in the config) and how
 * their up/down templates are post-processed ({@link EventSystematics}). Immutable.
 *
 * @param variations the variations, in config order (empty: none, the default)
 * @param symmetrisation how up and down are symmetrised
 * @param smoothing the number of neighbouring masses (odd, &ge; 1; 1: none) of the running mean that
 *                  smooths each variation's relative effect across the mass grid
 * @param seed seed of the random smearing of the resolution variation
 */
public record VariationSettings(List<EventVariation> variations, Symmetrisation symmetrisation, int smoothing,
                                long seed) {

    /** How the up and down variations of a sample are symmetrised (per bin for shapes). */
    public enum Symmetrisation {
        /** Up and down as computed. */
        NONE,
        /** ± the larger of |up − 1| and |down − 1|, with the sign of up − down. */
        MAX,
        /** ± the average (up − down)/2. */
        AVERAGE;

        /**
         * @param name {@code none}/{@code false}, {@code max}/{@code true}, or {@code average}
         * @return the symmetrisation
         * @throws InvalidInputException for another name
         */
        public static Symmetrisation byName(String name) {
            return switch (name.toLowerCase(Locale.ROOT)) {
                case "none", "false" -> NONE;
                case "max", "true" -> MAX;
                case "average" -> AVERAGE;
                default -> throw new InvalidInputException("variations.symmetrise: expected none, max or average"
                        + " (or false/true), got '" + name + "'");
            };
        }

        /**
         * @param up the up ratio
         * @param down the down ratio
         * @return {up, down} symmetrised
         */
        public double[] apply(double up, double down) {
            if (this == NONE) {
                return new double[] {up, down};
            }
            double half = (up - down) / 2;
            double d = this == AVERAGE ? half
                    : Math.copySign(Math.max(Math.abs(up - 1), Math.abs(down - 1)), half != 0 ? half : up - 1);
            return new double[] {Math.max(0.0, 1 + d), Math.max(0.0, 1 - d)};
        }
    }

    /** Validates and copies. */
    public VariationSettings {
        variations = List.copyOf(variations);
        if (smoothing < 1 || smoothing % 2 == 0) {
            throw new InvalidInputException("variations.smooth: the number of masses of the running mean must be odd"
                    + " and >= 1, got " + smoothing);
        }
        if (symmetrisation == null) {
            throw new InvalidInputException("variations: a symmetrisation is required");
        }
        long names = variations.stream().map(EventVariation::name).distinct().count();
        if (names != variations.size()) {
            throw new InvalidInputException("variations: two variations have the same name");
        }
    }

    /** @return no variation (the default: the model has the fixed {@code systematics:} only) */
    public static VariationSettings none() {
        return new VariationSettings(List.of(), Symmetrisation.NONE, 1, 1L);
    }

    /** @return whether any variation is configured */
    public boolean enabled() {
        return !variations.isEmpty();
    }
}
