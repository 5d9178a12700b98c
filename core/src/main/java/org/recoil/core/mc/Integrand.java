package org.recoil.core.mc;

/**
 * A real function on the unit hypercube {@code [0,1)^d}, the object VEGAS integrates.
 *
 * <p>Implementations are called many millions of times: they must not allocate, and may keep
 * private scratch arrays (an integrand instance is then used by one thread only).
 */
@FunctionalInterface
public interface Integrand {
    /**
     * @param x a point of the unit hypercube (length = the dimension; read only)
     * @return the integrand at {@code x}, finite
     */
    double value(double[] x);
}
