package org.recoil.cli;

import org.recoil.core.InvalidInputException;
import org.recoil.limits.bayes.BayesianCalculator;
import org.recoil.limits.bayes.McmcOptions;
import picocli.CommandLine.Option;

/**
 * The options of {@code recoil limit --method bayesian}: how the nuisance parameters are
 * marginalised and, for Markov chains, their number, length and the budget of the automatic
 * extension (the chains are extended until the split R̂ is below 1.01 or the budget is spent).
 */
public final class BayesianOptions {

    @Option(names = "--marginalisation", paramLabel = "HOW", defaultValue = "auto",
            description = "bayesian: auto (default: integration for <= 2 nuisance parameters, else mcmc),"
                    + " integration or mcmc")
    String marginalisation;

    @Option(names = "--chains", paramLabel = "N", defaultValue = "4",
            description = "bayesian, mcmc: independent Markov chains (>= 2; default ${DEFAULT-VALUE})")
    int chains;

    @Option(names = "--chain-length", paramLabel = "N", defaultValue = "10000",
            description = "bayesian, mcmc: kept Hamiltonian Monte Carlo iterations per chain before any automatic"
                    + " extension (default ${DEFAULT-VALUE}; warm-up: a tenth of it, at least 100)")
    int chainLength;

    @Option(names = "--max-chain-length", paramLabel = "N",
            description = "bayesian, mcmc: budget of the automatic extension: chains are doubled in length while"
                    + " R-hat >= 1.01 up to this many kept iterations per chain (default 16 x --chain-length;"
                    + " equal to --chain-length turns the extension off)")
    Integer maxChainLength;

    /**
     * @return the marginalisation method
     * @throws InvalidInputException for an unknown name
     */
    BayesianCalculator.Method method() {
        return switch (marginalisation) {
            case "auto" -> BayesianCalculator.Method.AUTO;
            case "integration" -> BayesianCalculator.Method.INTEGRATION;
            case "mcmc" -> BayesianCalculator.Method.MCMC;
            default -> throw new InvalidInputException("--marginalisation must be auto, integration or mcmc, got '"
                    + marginalisation + "'");
        };
    }

    /**
     * @param seed master seed
     * @return the chain settings
     * @throws InvalidInputException naming the option when a value is out of range
     */
    McmcOptions mcmc(long seed) {
        if (chains < 2) {
            throw new InvalidInputException("--chains must be at least 2 (for the Gelman-Rubin R-hat), got " + chains);
        }
        if (chainLength < 100) {
            throw new InvalidInputException("--chain-length must be at least 100, got " + chainLength);
        }
        int max = maxChainLength == null ? (int) Math.min(Integer.MAX_VALUE, 16L * chainLength) : maxChainLength;
        if (max < chainLength) {
            throw new InvalidInputException("--max-chain-length (" + max + ") must be at least --chain-length ("
                    + chainLength + ")");
        }
        return McmcOptions.defaults(seed).withChains(chains).withSteps(Math.max(100, chainLength / 10), chainLength)
                .withMaxSamples(max);
    }
}
