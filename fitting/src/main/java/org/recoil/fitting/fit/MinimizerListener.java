package org.recoil.fitting.fit;

/**
 * Receives the progress of a minimisation: called once at the start point (iteration 0) and after every
 * accepted step with the iterations done so far (increasing within one minimisation; across the stages
 * of a {@link CascadeMinimizer} they never decrease) and the current −2 ln L. Attached with
 * {@link Minimizer#withListener}; a minimiser without a listener pays nothing. Called on the thread that
 * runs the fit, so a listener shared by concurrent fits must be thread-safe; it should be cheap (throttle
 * any output itself).
 */
@FunctionalInterface
public interface MinimizerListener {

    /**
     * @param iteration iterations done so far
     * @param twiceNll −2 ln L at the current point
     */
    void iteration(int iteration, double twiceNll);
}
