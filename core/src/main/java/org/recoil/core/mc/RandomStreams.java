package org.recoil.core.mc;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic derivation of independent random streams from a user seed and integer keys (a mass
 * point, a task index), so that results do not depend on the order or thread in which tasks run.
 * The keys are mixed with the SplitMix64 finaliser (G. L. Steele, D. Lea, C. H. Flood, "Fast
 * splittable pseudorandom number generators", OOPSLA 2014) into the 128-bit state of a
 * XoRoShiRo128++ generator (Commons RNG {@link RandomSource#XO_RO_SHI_RO_128_PP}).
 */
public final class RandomStreams {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private RandomStreams() {
    }

    /**
     * @param seed the user seed
     * @param keys the task keys (e.g. {@code Double.doubleToLongBits(mass)}, an index)
     * @return a generator whose stream depends only on {@code seed} and {@code keys}
     */
    public static UniformRandomProvider stream(long seed, long... keys) {
        long a = mix(seed + GOLDEN_GAMMA);
        for (long key : keys) {
            a = mix(a ^ mix(key + 2 * GOLDEN_GAMMA));
        }
        long b = mix(a + GOLDEN_GAMMA);
        if (a == 0L && b == 0L) {
            b = GOLDEN_GAMMA;
        }
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {a, b});
    }

    /** SplitMix64 finaliser (Stafford's "Mix13" constants). */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
