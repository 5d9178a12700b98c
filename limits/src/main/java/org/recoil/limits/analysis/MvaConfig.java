package org.recoil.limits.analysis;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import org.recoil.core.InvalidInputException;

/**
 * The MVA selection as written in the analysis config ({@code selection: {mva: {...}}}, issue 20):
 * a preselection, then a mass-parametrised gradient-boosted decision-tree classifier whose output is
 * cut per mass at the maximum of Punzi's figure of merit. Every key is optional:
 * <pre>{@code
 * selection:
 *   mva:
 *     preselection: loose         # [loose] the default selection without tau_suppression; default; a file; inline
 *     model: mva-model.json       # load this saved XGBoost model instead of training (relative to the config)
 *     save_model: mva-model.json  # write the trained model there
 *     trees: 60                   # [60] boosting rounds
 *     max_depth: 4                # [4]
 *     learning_rate: 0.3          # [0.3]
 *     test_fraction: 0.5          # [0.5] held-out MC fraction: the ROC, the cuts and the limits use only it
 *     max_training_events: 200000 # [200000] per class, a seeded random subset of the training split
 *     seed: 1                     # [the synthetic dataset's seed; event files: the analysis seed] split, subsets
 *                                 #   and XGBoost
 *     punzi_a: 1.28               # [1.28] a of eps_s / (a/2 + sqrt(B)): one-sided 90% CL
 *     min_background_entries: 10  # [10] background MC entries a cut must leave in the window
 * }</pre>
 *
 * @param preselection {@code loose}, {@code default}, a selection file, or an inline selection
 * @param model a saved model to apply (no training)
 * @param saveModel where to save the trained model
 * @param trees boosting rounds
 * @param maxDepth maximum tree depth
 * @param learningRate shrinkage
 * @param testFraction the held-out fraction of the Monte Carlo
 * @param maxTrainingEvents cap on the training events per class
 * @param seed seed of the split, the subsets and XGBoost
 * @param punziA the a of Punzi's figure of merit
 * @param minBackgroundEntries the background MC entries a cut must leave in each window
 */
@JsonIgnoreProperties(ignoreUnknown = false)
public record MvaConfig(@JsonProperty("preselection") JsonNode preselection,
                        @JsonProperty("model") String model,
                        @JsonProperty("save_model") String saveModel,
                        @JsonProperty("trees") Integer trees,
                        @JsonProperty("max_depth") Integer maxDepth,
                        @JsonProperty("learning_rate") Double learningRate,
                        @JsonProperty("test_fraction") Double testFraction,
                        @JsonProperty("max_training_events") Integer maxTrainingEvents,
                        @JsonProperty("seed") Long seed,
                        @JsonProperty("punzi_a") Double punziA,
                        @JsonProperty("min_background_entries") Integer minBackgroundEntries) {
    /** Checks the ranges. */
    public MvaConfig {
        if (testFraction != null && !(testFraction > 0 && testFraction < 1)) {
            throw new InvalidInputException("test_fraction: must be in (0, 1), got " + testFraction);
        }
        if (maxTrainingEvents != null && maxTrainingEvents < 100) {
            throw new InvalidInputException("max_training_events: need at least 100, got " + maxTrainingEvents);
        }
        if (punziA != null && !(punziA > 0)) {
            throw new InvalidInputException("punzi_a: must be > 0, got " + punziA);
        }
        if (minBackgroundEntries != null && minBackgroundEntries < 1) {
            throw new InvalidInputException("min_background_entries: must be >= 1, got " + minBackgroundEntries);
        }
        if (preselection != null && !(preselection.isTextual() || preselection.isObject())) {
            throw new InvalidInputException("preselection: expected loose, default, a file name or a selection"
                    + " mapping");
        }
    }
}
