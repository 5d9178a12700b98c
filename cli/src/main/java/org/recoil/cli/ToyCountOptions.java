package org.recoil.cli;

import org.recoil.core.InvalidInputException;
import picocli.CommandLine.Option;

/** The {@code --toys N --seed S} options of the toy-based commands ({@code hypotest}, {@code spark-toys}). */
public final class ToyCountOptions {

    @Option(names = "--toys", paramLabel = "N", defaultValue = "1000",
            description = "toys per hypothesis (default ${DEFAULT-VALUE})")
    int toys;

    @Option(names = "--seed", paramLabel = "S", defaultValue = "0", description = "seed of the toys (default ${DEFAULT-VALUE})")
    long seed;

    /**
     * @return the toys per hypothesis
     * @throws InvalidInputException if fewer than 1
     */
    public int toys() {
        if (toys < 1) {
            throw new InvalidInputException("--toys must be at least 1, got " + toys);
        }
        return toys;
    }

    /** @return the master seed of the toys */
    public long seed() {
        return seed;
    }
}
