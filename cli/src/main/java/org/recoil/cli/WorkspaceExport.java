package org.recoil.cli;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.spec.WorkspaceIO;
import org.recoil.limits.scan.GlobalSignificance;
import org.recoil.limits.scan.PointJob;
import org.recoil.limits.scan.PointOutcome;
import org.recoil.limits.scan.ScanExecutor;
import org.recoil.limits.scan.ScanOptions;
import org.recoil.limits.scan.ScanPseudoData;

/**
 * {@code recoil scan --save-workspaces DIR}: a {@link ScanExecutor} that writes the HistFactory model of
 * every mass point it is given as a pyhf JSON workspace ({@code DIR/mass_<M>GeV.json}, e.g.
 * {@code mass_1.5GeV.json}) and then lets the wrapped executor compute the points. The files are exactly the
 * workspaces the scan fits (they read back to equal {@link org.recoil.fitting.spec.Workspace}s), so anyone
 * can check a point with pyhf ({@code pyhf cls DIR/mass_1.5GeV.json}) or with {@code recoil limit}. Each
 * file is written atomically; points the scan does not fit (no background or no signal in the window) have
 * no workspace.
 */
final class WorkspaceExport implements ScanExecutor {

    private final ScanExecutor delegate;
    private final Path dir;

    /**
     * @param delegate where the points are computed
     * @param dir the folder to write into (created if missing)
     */
    WorkspaceExport(ScanExecutor delegate, Path dir) {
        this.delegate = delegate;
        this.dir = dir;
    }

    /**
     * @param mass a Z' mass in GeV
     * @return the file name of its workspace, {@code mass_<M>GeV.json} with M as written in the grid
     */
    static String fileName(double mass) {
        return "mass_" + BigDecimal.valueOf(mass).stripTrailingZeros().toPlainString() + "GeV.json";
    }

    @Override
    public List<PointOutcome> solve(List<PointJob> jobs, ScanOptions options) {
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new InvalidInputException("--save-workspaces " + dir + ": cannot create the folder (" + e.getMessage()
                    + ")");
        }
        for (PointJob job : jobs) {
            WorkspaceIO.write(job.workspace(), dir.resolve(fileName(job.mass())));
        }
        return delegate.solve(jobs, options);
    }

    /** The pseudo-experiments of the look-elsewhere effect run on the wrapped executor (no files written). */
    @Override
    public GlobalSignificance.Toys pseudoExperiments(List<PointJob> jobs, ScanPseudoData pseudo,
                                                     GlobalSignificance.Request request, ScanOptions options) {
        return delegate.pseudoExperiments(jobs, pseudo, request, options);
    }

    @Override
    public String describe(int threads) {
        return delegate.describe(threads);
    }
}
