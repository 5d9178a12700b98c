package org.recoil.limits.calc;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Deterministic per-toy random streams: toy {@code i} of hypothesis {@code h} under the master
 * seed {@code s} draws from a XoRoShiRo128++ generator (Blackman and Vigna, ACM TOMS 47 (2021) 36)
 * whose 128-bit state is derived from (s, h, i) with the SplitMix64 finaliser (Steele, Lea, Flood,
 * OOPSLA 2014, "mix64" variant 13). A toy's data therefore depend on (s, h, i) only, never on the
 * thread that generates it or on the order of generation: 1 or N threads give bit-identical toys.
 */
public final class ToySeeds {

    private static final long GOLDEN_GAMMA = 0x9e3779b97f4a7c15L;

    private ToySeeds() {
    }

    /**
     * The SplitMix64 output function (Stafford's Mix13).
     *
     * @param z input
     * @return a well-mixed 64-bit value
     */
    public static long mix64(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }

    /**
     * @param seed master seed
     * @param hypothesis hypothesis key (e.g. {@code Double.doubleToLongBits(mu)} of the generating μ)
     * @param toy toy index
     * @return a 64-bit key unique to (seed, hypothesis, toy) with overwhelming probability
     */
    public static long key(long seed, long hypothesis, long toy) {
        long k = mix64(seed + GOLDEN_GAMMA);
        k = mix64(k ^ mix64(hypothesis + 2 * GOLDEN_GAMMA));
        return mix64(k ^ mix64(toy + 3 * GOLDEN_GAMMA));
    }

    /**
     * @param seed master seed
     * @param hypothesis hypothesis key
     * @param toy toy index
     * @return the toy's own generator
     */
    public static UniformRandomProvider rng(long seed, long hypothesis, long toy) {
        long k = key(seed, hypothesis, toy);
        long s0 = mix64(k + GOLDEN_GAMMA);
        long s1 = mix64(k + 2 * GOLDEN_GAMMA);
        return RandomSource.XO_RO_SHI_RO_128_PP.create(new long[] {s0, s1 == 0 && s0 == 0 ? 1 : s1});
    }

    /**
     * The hypothesis key of toys generated at POI value {@code mu}: its IEEE bits, so that the
     * background-only hypothesis (μ = 0) has key 0 whichever μ is tested.
     *
     * @param mu generating POI value
     * @return the key
     */
    public static long hypothesisKey(double mu) {
        return Double.doubleToLongBits(mu == 0.0 ? 0.0 : mu);
    }
}
