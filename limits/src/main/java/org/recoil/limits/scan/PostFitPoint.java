package org.recoil.limits.scan;

import java.util.List;
import java.util.Optional;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.fit.Minimizer;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.limits.diagnostics.YieldTable;
import org.recoil.limits.diagnostics.Yields;

/**
 * The post-fit prediction of one mass point of a scan: its workspace rebuilt exactly as the scan built it
 * ({@link MassScan#jobs}), fitted freely to the observed data with the fitting module's standard minimiser
 * (which gives the covariance), and its post-fit yields per sample and bin with uncertainties propagated from
 * the fit covariance through the model's Jacobian, σ²(ν) = J C Jᵀ ({@link Yields#postfit}; correlations kept).
 *
 * @param point the scan point
 * @param edges the bin edges of the point's channel in M<sub>rec</sub>² (GeV²): the window shape's edges, or
 *              the window's two edges for a count
 * @param yields the post-fit yields of channel {@value SearchWorkspace#CHANNEL}, with the data
 * @param muHat the best-fit signal strength μ̂ (bounded at 0)
 */
public record PostFitPoint(MassPointResult point, double[] edges, YieldTable yields, double muHat) {

    /** Copies the edges. */
    public PostFitPoint {
        edges = edges.clone();
    }

    @Override
    public double[] edges() {
        return edges.clone();
    }

    /**
     * @param scan the scan (its luminosity and systematics rebuild the workspace)
     * @param point one of its points with a limit
     * @return the post-fit prediction, or empty if the point has no workspace or its fit does not converge
     */
    public static Optional<PostFitPoint> of(ScanResult scan, MassPointResult point) {
        List<PointJob> jobs = MassScan.jobs(List.of(point.input()), scan.luminosity(), scan.systematics(), 0L);
        if (jobs.isEmpty()) {
            return Optional.empty();
        }
        HistFactoryModel model = HistFactoryModel.of(jobs.get(0).workspace());
        FitResult fit = Minimizer.standard().fit(model, model.observed());
        if (!fit.converged()) {
            return Optional.empty();
        }
        MassWindow w = point.window();
        double[] edges = point.input().shape().map(WindowShape::edges).orElse(new double[] {w.lo(), w.hi()});
        int poi = model.parameters().poiIndex();
        return Optional.of(new PostFitPoint(point, edges, Yields.postfit(model, model.observed(), fit),
                fit.value(poi)));
    }
}
