package org.recoil.core.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;
import org.recoil.core.ComputationException;

class TabulatedSamplerTest {
    /** A linear density is represented exactly: f(x) = 2x on [0, 1] has mean 2/3 and CDF x^2. */
    @Test
    void linearDensityIsSampledExactly() {
        TabulatedSampler sampler = new TabulatedSampler(new double[] {0.0, 0.3, 1.0}, x -> 2 * x, "test");
        assertEquals(1.0, sampler.integral(), 1e-15);
        assertEquals(0.25, sampler.cumulative(0.5), 1e-15);
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(4L);
        int n = 400_000;
        double sum = 0;
        for (int i = 0; i < n; i++) {
            sum += sampler.sample(rng);
        }
        double sd = Math.sqrt(0.5 - 4.0 / 9.0);
        assertEquals(2.0 / 3.0, sum / n, 4 * sd / Math.sqrt(n));
    }

    @Test
    void badDensitiesAreReported() {
        assertThrows(ComputationException.class, () -> new TabulatedSampler(new double[] {0, 1}, x -> -1, "neg"));
        assertThrows(ComputationException.class, () -> new TabulatedSampler(new double[] {0, 1}, x -> 0, "zero"));
        assertThrows(ComputationException.class, () -> new TabulatedSampler(new double[] {1, 0}, x -> 1, "order"));
    }
}
