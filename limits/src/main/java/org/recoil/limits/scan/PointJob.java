package org.recoil.limits.scan;

import java.util.Objects;
import org.recoil.fitting.spec.Workspace;

/**
 * The expensive part of one mass point of a {@link MassScan}, ready to run anywhere: the point's
 * HistFactory workspace ({@link SearchWorkspace}) and the seed derived for it. A
 * {@link ScanExecutor} turns jobs into {@link PointOutcome}s with
 * {@link MassScan#solve(PointJob, LimitMethod, org.recoil.fitting.fit.Minimizer, double)}, on local
 * threads or on remote executors.
 *
 * @param index the point's index in the scan's mass grid
 * @param mass the Z′ mass hypothesis in GeV (for messages)
 * @param workspace the point's workspace (POI {@value SearchWorkspace#POI})
 * @param seed the point's seed, {@code ToySeeds.key(scanSeed, MassScan.SEED_PURPOSE, index)}
 */
public record PointJob(int index, double mass, Workspace workspace, long seed) {

    /** Checks the index and the workspace. */
    public PointJob {
        if (index < 0) {
            throw new IllegalArgumentException("mass point index must be >= 0, got " + index);
        }
        Objects.requireNonNull(workspace, "workspace");
    }
}
