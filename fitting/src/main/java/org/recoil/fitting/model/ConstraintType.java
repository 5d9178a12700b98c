package org.recoil.fitting.model;

/** The constraint term attached to a parameter (HistFactory, CERN-OPEN-2012-016, section 3). */
public enum ConstraintType {
    /** Free parameter (normfactor, shapefactor). */
    NONE,
    /** Gaussian constraint (normsys, histosys, staterror, lumi). */
    GAUSSIAN,
    /** Poisson constraint with auxiliary count τ (shapesys). */
    POISSON
}
