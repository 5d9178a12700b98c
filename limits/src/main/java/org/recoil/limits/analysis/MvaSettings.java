package org.recoil.limits.analysis;

import java.nio.file.Path;
import java.util.Optional;
import org.recoil.limits.mva.XgboostModel;

/**
 * The resolved MVA selection ({@link MvaConfig} with defaults filled in).
 *
 * @param preselectionSource {@code loose}, {@code default}, the file, or {@code inline} (the
 *                           preselection itself is {@link AnalysisSettings#selection()})
 * @param model a saved model to apply instead of training
 * @param saveModel where to save the trained model
 * @param params the training hyper-parameters
 * @param testFraction the held-out Monte Carlo fraction
 * @param maxTrainingEvents cap on training events per class
 * @param seed seed of the split and subsets
 * @param punziA a of Punzi's figure of merit
 * @param minBackgroundEntries background MC entries a cut must leave in the window
 */
public record MvaSettings(String preselectionSource, Optional<Path> model, Optional<Path> saveModel,
                          XgboostModel.Params params, double testFraction, int maxTrainingEvents, long seed,
                          double punziA, int minBackgroundEntries) {

    /** Default boosting rounds. */
    public static final int DEFAULT_TREES = 60;
    /** Default tree depth. */
    public static final int DEFAULT_DEPTH = 4;
    /** Default learning rate. */
    public static final double DEFAULT_ETA = 0.3;
    /** Default Punzi a: one-sided 90% CL (G. Punzi, arXiv:physics/0308063). */
    public static final double DEFAULT_PUNZI_A = 1.28;
}
