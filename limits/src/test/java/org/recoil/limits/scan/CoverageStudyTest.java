package org.recoil.limits.scan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.recoil.core.InvalidInputException;
import org.recoil.core.physics.Luminosity;

/** Bias (pulls of μ̂) and coverage of the 90% CL upper limit on a high-count counting point. */
class CoverageStudyTest {

    private static final Luminosity L = Luminosity.parse("276/pb");

    private static PointJob job() {
        return MassScan.jobs(List.of(ScanFixtures.counting(2.0, 100, 100)), L, Systematics.none(), 1).get(0);
    }

    @Test
    void asymptoticClsPullsAreUnbiasedAndTheLimitCovers() {
        int toys = 300;
        for (double mu : new double[] {0.0, 1.0}) {
            CoverageResult r = CoverageStudy.run(job(), new LimitMethod.Asymptotic(), 0.90, mu, toys, 7, 2,
                    ScanMinimizer::new, (d, t) -> { });
            assertEquals(0, r.failed(), "failed fits at mu = " + mu);
            assertEquals(0, r.pullsUndefined(), "pulls at mu = " + mu);
            assertEquals(0.0, r.pullMean(), 4 * r.pullMeanError(), "pull mean at mu = " + mu);
            assertEquals(1.0, r.pullWidth(), 0.15, "pull width at mu = " + mu);
            // CLs covers at least the CL (conservative): never significantly below 90%
            assertTrue(r.coverage() >= 0.90 - 3 * Math.sqrt(0.09 / toys), "coverage " + r.coverage() + " at mu = " + mu);
            assertEquals(Math.sqrt(r.coverage() * (1 - r.coverage()) / toys), r.coverageError(), 1e-12);
            if (mu == 0.0) {
                // at mu = 0 every limit (> 0) covers
                assertEquals(1.0, r.coverage(), 0);
            }
        }
        // thread-count independent
        CoverageResult one = CoverageStudy.run(job(), new LimitMethod.Asymptotic(), 0.90, 1.0, 40, 3, 1,
                ScanMinimizer::new, (d, t) -> { });
        CoverageResult two = CoverageStudy.run(job(), new LimitMethod.Asymptotic(), 0.90, 1.0, 40, 3, 2,
                ScanMinimizer::new, (d, t) -> { });
        assertEquals(one, two);
    }

    @Test
    void badInput() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> CoverageStudy.run(job(),
                new LimitMethod.Asymptotic(), 0.9, -1, 10, 1, 1, ScanMinimizer::new, (d, t) -> { }));
        assertTrue(e.getMessage().contains(">= 0"), e.getMessage());
    }
}
