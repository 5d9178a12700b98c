package org.recoil.limits.diagnostics;

import java.util.HashMap;
import java.util.Map;
import org.recoil.core.InvalidInputException;
import org.recoil.fitting.model.ConstraintType;
import org.recoil.fitting.model.Data;
import org.recoil.fitting.model.HistFactoryModel;
import org.recoil.fitting.model.Parameters;
import org.recoil.fitting.spec.Channel;
import org.recoil.fitting.spec.Modifier;
import org.recoil.fitting.spec.Sample;

/**
 * What the diagnostics need to know about each parameter of a compiled HistFactory model beyond its
 * {@link Parameters}: the pyhf modifier type it belongs to (for grouping), its constraint (centre and pre-fit
 * width σ, 1/√τ for shapesys) and the auxiliary datum of its constraint term. The auxiliary datum is located
 * through the model's public {@link HistFactoryModel#asimov(double[])}: the Asimov auxiliary data are the
 * parameter (Gaussian) or τ × the parameter (Poisson), so moving one parameter moves exactly its own datum.
 */
final class ModelParameters {

    final HistFactoryModel model;
    final Parameters parameters;
    final String[] type;
    /** index of the auxiliary datum of each parameter's constraint, -1 if it has none */
    final int[] auxIndex;
    /** τ of a Poisson constraint (aux = τ γ), NaN otherwise */
    final double[] tau;

    ModelParameters(HistFactoryModel model) {
        this.model = model;
        this.parameters = model.parameters();
        int n = parameters.size();
        Map<String, String> byName = new HashMap<>();
        for (Channel c : model.workspace().channels()) {
            for (Sample s : c.samples()) {
                for (Modifier m : s.modifiers()) {
                    byName.putIfAbsent(m.name(), m.type());
                }
            }
        }
        type = new String[n];
        auxIndex = new int[n];
        tau = new double[n];
        double[] base = parameters.inits();
        double[] aux0 = model.asimov(base).aux();
        for (int i = 0; i < n; i++) {
            String name = parameters.names().get(i);
            int bracket = name.indexOf('[');
            type[i] = byName.getOrDefault(bracket < 0 ? name : name.substring(0, bracket), "other");
            auxIndex[i] = -1;
            tau[i] = Double.NaN;
            if (model.constraintType(i) == ConstraintType.NONE) {
                continue;
            }
            double[] moved = base.clone();
            double w = model.constraintWidth(i);
            double step = w > 0 ? 0.5 * w : 0.1;
            moved[i] += step;
            double[] aux = model.asimov(moved).aux();
            for (int k = 0; k < aux.length; k++) {
                if (aux[k] != aux0[k]) {
                    auxIndex[i] = k;
                    tau[i] = (aux[k] - aux0[k]) / step;
                    break;
                }
            }
            if (model.constraintType(i) == ConstraintType.POISSON) {
                tau[i] = 1 / (model.constraintWidth(i) * model.constraintWidth(i));
            }
        }
    }

    int size() {
        return type.length;
    }

    String name(int i) {
        return parameters.names().get(i);
    }

    boolean constrained(int i) {
        return model.constraintType(i) != ConstraintType.NONE;
    }

    /**
     * The constraint term's share of the saturated statistic for parameter {@code i} at value {@code x}: the
     * Gaussian (x − a)²/σ², or the Poisson deviance 2(xτ − a + a ln(a/(xτ))) of pyhf's Pois(a | xτ); 0 if free.
     */
    double constraintDeviance(int i, double x, Data data) {
        if (auxIndex[i] < 0) {
            return 0;
        }
        double a = data.aux(auxIndex[i]);
        if (model.constraintType(i) == ConstraintType.GAUSSIAN) {
            double s = model.constraintWidth(i);
            return (x - a) * (x - a) / (s * s);
        }
        return PoissonDeviance.of(a, x * tau[i]);
    }

    /**
     * @param name a parameter name
     * @param option the option or argument that named it, for the message
     * @return its index
     * @throws InvalidInputException naming the option and the parameter
     */
    int index(String name, String option) {
        int i = parameters.names().indexOf(name);
        if (i < 0) {
            throw new InvalidInputException(option + ": no parameter named '" + name + "' in the model; parameters are "
                    + parameters.names());
        }
        return i;
    }
}
