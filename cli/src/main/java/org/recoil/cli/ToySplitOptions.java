package org.recoil.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.recoil.core.InvalidInputException;
import picocli.CommandLine.Option;

/**
 * The options that split the toys of one test across jobs and merge them again ({@code hypotest},
 * {@code significance}): toy i always uses the stream (seed, hypothesis, i), so ranges made apart
 * and merged equal one run.
 */
public final class ToySplitOptions {

    @Option(names = "--first-toy", paramLabel = "K", defaultValue = "0",
            description = "index of the first toy, to split toys across jobs (default 0)")
    int firstToy;

    @Option(names = "--save-toys", paramLabel = "FILE", description = "write the toys to FILE (JSON) for merging")
    Path saveToys;

    @Option(names = "--load-toys", paramLabel = "FILE", split = ",",
            description = "compute the result from these toy files (merged) instead of generating toys")
    List<Path> loadToys = new ArrayList<>();

    /**
     * @return the index of the first toy
     * @throws InvalidInputException if negative
     */
    int firstToy() {
        if (firstToy < 0) {
            throw new InvalidInputException("--first-toy must be >= 0, got " + firstToy);
        }
        return firstToy;
    }

    /** @return whether toys are saved or loaded (which needs toys) */
    boolean usesToyFiles() {
        return saveToys != null || !loadToys.isEmpty();
    }
}
