package org.recoil.limits.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.numbers.gamma.LogGamma;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.PoissonSampler;
import org.apache.commons.rng.sampling.distribution.ZigguratSampler;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.model.StatModel;
import org.recoil.fitting.model.TwiceNllFunction;

/**
 * A counting experiment with one or more independent bins: expected count
 * ν<sub>i</sub> = μ s<sub>i</sub> + γ<sub>i</sub> b<sub>i</sub>, with a known signal yield per unit
 * signal strength s<sub>i</sub>, a background b<sub>i</sub> and, optionally, a Gaussian-constrained
 * background scale γ<sub>i</sub> per bin (constraint N(a<sub>i</sub> | γ<sub>i</sub>, σ<sub>i</sub>)
 * with auxiliary datum a<sub>i</sub> = 1 and σ<sub>i</sub> the relative background uncertainty, as
 * HistFactory's {@code staterror} per bin; Cranmer et al., CERN-OPEN-2012-016).
 *
 * <p>Parameters: {@code mu} (the parameter of interest, first) and one {@code bkg_gamma[i]} for
 * every bin with a non-zero background uncertainty. {@code twiceNll} includes every constant, as
 * pyhf: Poisson terms 2[ν − n ln ν + ln Γ(n+1)] and Gaussian terms ((a − γ)/σ)² + ln(2πσ²).
 *
 * <p>Immutable and thread-safe. Build with {@link #of} or {@link #builder()}.
 */
public final class CountingModel implements StatModel {

    private static final double LN_2PI = Math.log(2 * Math.PI);

    private final double[] signal;
    private final double[] background;
    private final double[] observed;
    /** relative background uncertainty per bin, 0 when the background is known exactly */
    private final double[] relUnc;
    /** index into the parameter vector of the γ of bin i, or -1 */
    private final int[] gammaIndex;
    /** bin of each auxiliary datum */
    private final int[] auxBin;
    private final Parameters parameters;

    private CountingModel(double[] signal, double[] background, double[] observed, double[] relUnc,
                          double poiLower, double poiUpper) {
        int n = signal.length;
        if (n == 0 || background.length != n || observed.length != n || relUnc.length != n) {
            throw new InvalidInputException("counting model: signal, background, observed and uncertainty"
                    + " arrays must have the same non-zero length (got " + signal.length + ", "
                    + background.length + ", " + observed.length + ", " + relUnc.length + ")");
        }
        for (int i = 0; i < n; i++) {
            check(signal[i] >= 0 && Double.isFinite(signal[i]), "signal", i, signal[i], "finite and >= 0");
            check(background[i] >= 0 && Double.isFinite(background[i]), "background", i, background[i],
                    "finite and >= 0");
            check(observed[i] >= 0 && Double.isFinite(observed[i]), "observed count", i, observed[i],
                    "finite and >= 0");
            check(relUnc[i] >= 0 && Double.isFinite(relUnc[i]), "relative background uncertainty", i,
                    relUnc[i], "finite and >= 0");
            if (relUnc[i] > 0 && background[i] == 0) {
                throw new InvalidInputException("counting model: bin " + i
                        + " has a background uncertainty but zero background");
            }
        }
        if (!(poiLower < poiUpper)) {
            throw new InvalidInputException("counting model: POI bounds [" + poiLower + ", " + poiUpper
                    + "] are empty");
        }
        this.signal = signal.clone();
        this.background = background.clone();
        this.observed = observed.clone();
        this.relUnc = relUnc.clone();
        List<String> names = new ArrayList<>();
        List<double[]> bounds = new ArrayList<>();
        names.add("mu");
        bounds.add(new double[] {poiLower, poiUpper});
        gammaIndex = new int[n];
        List<Integer> aux = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            if (relUnc[i] > 0) {
                gammaIndex[i] = names.size();
                names.add("bkg_gamma[" + i + "]");
                bounds.add(new double[] {1e-10, Math.max(10.0, 1.0 + 20.0 * relUnc[i])});
                aux.add(i);
            } else {
                gammaIndex[i] = -1;
            }
        }
        auxBin = aux.stream().mapToInt(Integer::intValue).toArray();
        int p = names.size();
        double[] inits = new double[p];
        double[] lo = new double[p];
        double[] hi = new double[p];
        Arrays.fill(inits, 1.0);
        for (int k = 0; k < p; k++) {
            lo[k] = bounds.get(k)[0];
            hi[k] = bounds.get(k)[1];
        }
        inits[0] = Math.min(Math.max(1.0, poiLower), poiUpper);
        parameters = new Parameters(names, inits, lo, hi, new boolean[p], 0);
    }

    private static void check(boolean ok, String what, int bin, double value, String expected) {
        if (!ok) {
            throw new InvalidInputException("counting model: " + what + " of bin " + bin + " is " + value
                    + "; expected " + expected);
        }
    }

    /**
     * A single-bin counting experiment with a known background: ν = μ s + b, POI bounds
     * [0, max(10, 10 (n + b + 10)/s)] so that any reasonable upper limit lies inside.
     *
     * @param signal signal yield at μ = 1 (> 0)
     * @param background known background b (>= 0)
     * @param nObs observed count
     * @return the model
     */
    public static CountingModel of(double signal, double background, double nObs) {
        return builder().bin(signal, background, nObs).build();
    }

    /** @return a builder adding bins one by one */
    public static Builder builder() {
        return new Builder();
    }

    /** Mutable builder of a {@link CountingModel}. */
    public static final class Builder {
        private final List<double[]> bins = new ArrayList<>();
        private double poiLower = 0.0;
        private double poiUpper = Double.NaN;

        private Builder() {
        }

        /**
         * Adds a bin whose background is known exactly.
         *
         * @param signal signal yield at μ = 1
         * @param background background expectation
         * @param observed observed count
         * @return this builder
         */
        public Builder bin(double signal, double background, double observed) {
            return bin(signal, background, observed, 0.0);
        }

        /**
         * Adds a bin with a Gaussian-constrained background scale.
         *
         * @param signal signal yield at μ = 1
         * @param background background expectation
         * @param observed observed count
         * @param relativeUncertainty relative background uncertainty σ (0: known exactly)
         * @return this builder
         */
        public Builder bin(double signal, double background, double observed, double relativeUncertainty) {
            bins.add(new double[] {signal, background, observed, relativeUncertainty});
            return this;
        }

        /**
         * Sets the bounds of the signal strength (default: lower 0, upper chosen from the yields).
         *
         * @param lower lower bound
         * @param upper upper bound
         * @return this builder
         */
        public Builder poiBounds(double lower, double upper) {
            this.poiLower = lower;
            this.poiUpper = upper;
            return this;
        }

        /** @return the immutable model */
        public CountingModel build() {
            int n = bins.size();
            double[] s = new double[n];
            double[] b = new double[n];
            double[] o = new double[n];
            double[] u = new double[n];
            double sTot = 0;
            double nTot = 0;
            for (int i = 0; i < n; i++) {
                double[] bin = bins.get(i);
                s[i] = bin[0];
                b[i] = bin[1];
                o[i] = bin[2];
                u[i] = bin[3];
                sTot += s[i];
                nTot += o[i] + b[i] * (1 + 3 * u[i]);
            }
            double upper = poiUpper;
            if (Double.isNaN(upper)) {
                upper = sTot > 0 ? Math.max(10.0, 10.0 * (nTot + 10.0) / sTot) : 10.0;
            }
            return new CountingModel(s, b, o, u, poiLower, upper);
        }
    }

    /** @return number of bins with a background nuisance parameter */
    public int nuisanceCount() {
        return auxBin.length;
    }

    @Override
    public Parameters parameters() {
        return parameters;
    }

    @Override
    public int mainSize() {
        return signal.length;
    }

    @Override
    public int auxSize() {
        return auxBin.length;
    }

    @Override
    public Data observed() {
        double[] aux = new double[auxBin.length];
        Arrays.fill(aux, 1.0);
        return new Data(observed, aux);
    }

    private double nu(double[] pars, int i) {
        double g = gammaIndex[i] < 0 ? 1.0 : pars[gammaIndex[i]];
        return pars[0] * signal[i] + g * background[i];
    }

    @Override
    public double twiceNll(double[] pars, Data data) {
        return twiceNllFunction(data).value(pars);
    }

    @Override
    public double twiceNllGradient(double[] pars, Data data, double[] gradient) {
        return twiceNllFunction(data).valueAndGradient(pars, gradient);
    }

    /**
     * {@inheritDoc}
     *
     * <p>Precomputes the ln Γ(n+1) constants of the dataset.
     */
    @Override
    public TwiceNllFunction twiceNllFunction(Data data) {
        double constant = 0;
        for (int i = 0; i < signal.length; i++) {
            double n = data.main(i);
            constant += n > 0 ? 2 * LogGamma.value(n + 1) : 0.0;
        }
        for (int k = 0; k < auxBin.length; k++) {
            double sigma = relUnc[auxBin[k]];
            constant += LN_2PI + 2 * Math.log(sigma);
        }
        double[] n = data.main();
        double[] aux = data.aux();
        double c = constant;
        int p = parameters.size();
        return new TwiceNllFunction() {
            @Override
            public int dimension() {
                return p;
            }

            @Override
            public double value(double[] pars) {
                return evaluate(pars, n, aux, c, null);
            }

            @Override
            public double valueAndGradient(double[] pars, double[] gradient) {
                return evaluate(pars, n, aux, c, gradient);
            }
        };
    }

    /** −2 ln L without recomputing the data constants; {@code gradient} may be null. */
    private double evaluate(double[] pars, double[] n, double[] aux, double constant, double[] gradient) {
        if (gradient != null) {
            Arrays.fill(gradient, 0.0);
        }
        double sum = constant;
        for (int i = 0; i < signal.length; i++) {
            double nu = nu(pars, i);
            double dnu;
            if (n[i] == 0) {
                if (nu < 0) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += 2 * nu;
                dnu = 2;
            } else {
                if (!(nu > 0)) {
                    return Double.POSITIVE_INFINITY;
                }
                sum += 2 * (nu - n[i] * Math.log(nu));
                dnu = 2 * (1 - n[i] / nu);
            }
            if (gradient != null) {
                gradient[0] += dnu * signal[i];
                if (gammaIndex[i] >= 0) {
                    gradient[gammaIndex[i]] += dnu * background[i];
                }
            }
        }
        for (int k = 0; k < auxBin.length; k++) {
            int i = auxBin[k];
            double sigma = relUnc[i];
            double z = (aux[k] - pars[gammaIndex[i]]) / sigma;
            sum += z * z;
            if (gradient != null) {
                gradient[gammaIndex[i]] += -2 * z / sigma;
            }
        }
        return sum;
    }

    @Override
    public double[] expectedMain(double[] pars) {
        double[] nu = new double[signal.length];
        for (int i = 0; i < nu.length; i++) {
            nu[i] = nu(pars, i);
        }
        return nu;
    }

    @Override
    public Data asimov(double[] pars) {
        double[] aux = new double[auxBin.length];
        for (int k = 0; k < aux.length; k++) {
            aux[k] = pars[gammaIndex[auxBin[k]]];
        }
        return new Data(expectedMain(pars), aux);
    }

    @Override
    public Data sample(double[] pars, UniformRandomProvider rng) {
        double[] main = new double[signal.length];
        for (int i = 0; i < main.length; i++) {
            double nu = nu(pars, i);
            main[i] = nu > 0 ? PoissonSampler.of(rng, nu).sample() : 0.0;
        }
        double[] aux = new double[auxBin.length];
        if (aux.length > 0) {
            ZigguratSampler.NormalizedGaussian gauss = ZigguratSampler.NormalizedGaussian.of(rng);
            for (int k = 0; k < aux.length; k++) {
                int i = auxBin[k];
                aux[k] = pars[gammaIndex[i]] + relUnc[i] * gauss.sample();
            }
        }
        return new Data(main, aux);
    }

    @Override
    public String toString() {
        return "CountingModel[signal=" + Arrays.toString(signal) + ", background=" + Arrays.toString(background)
                + ", observed=" + Arrays.toString(observed) + ", relUnc=" + Arrays.toString(relUnc) + "]";
    }
}
