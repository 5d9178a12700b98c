package org.recoil.core.sim;

/**
 * Deterministic derivation of independent random-number streams from one user seed.
 *
 * <p>Each stream is identified by the user seed and a short tuple of integer keys (process,
 * purpose, block index). The keys are folded in with the SplitMix64 finaliser (Steele, Lea and
 * Flood, "Fast splittable pseudorandom number generators", OOPSLA 2014), so neighbouring keys give
 * unrelated seeds and the streams do not depend on the number of threads.
 */
final class SeedSequence {
    private static final long GOLDEN_GAMMA = 0x9E3779B97F4A7C15L;

    private SeedSequence() {
    }

    /**
     * @param seed the user seed
     * @param keys identifiers of the stream (e.g. process id, purpose, block index)
     * @return a well-mixed 64-bit seed for that stream
     */
    static long derive(long seed, long... keys) {
        long h = mix(seed + GOLDEN_GAMMA);
        for (long k : keys) {
            h = mix(h ^ mix(k + GOLDEN_GAMMA));
        }
        return h;
    }

    /**
     * @param name a stream name, e.g. a process name
     * @return a stable 64-bit key for it (independent of JVM string hashing details beyond
     *     {@link String#hashCode()}, which is specified by the Java language)
     */
    static long key(String name) {
        return mix(name.hashCode() * 0x100000001B3L + name.length());
    }

    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
