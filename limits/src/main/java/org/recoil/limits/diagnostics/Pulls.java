package org.recoil.limits.diagnostics;

import java.util.ArrayList;
import java.util.List;
import org.recoil.fitting.fit.FitResult;
import org.recoil.fitting.model.HistFactoryModel;

/**
 * Pulls and constraints of the constrained nuisance parameters of a fit, the usual pull plot's numbers
 * (cabinetry's {@code pulls}, Combine's {@code diffNuisances.py}): (θ̂ − θ₀)/Δθ and Δθ̂/Δθ.
 */
public final class Pulls {
    private Pulls() {
    }

    /**
     * @param model the model
     * @param fit a fit of it with errors
     * @return one pull per constrained parameter that was free in the fit, in model order
     */
    public static List<Pull> of(HistFactoryModel model, FitResult fit) {
        ModelParameters mp = new ModelParameters(model);
        List<Pull> out = new ArrayList<>();
        for (int i = 0; i < mp.size(); i++) {
            if (!mp.constrained(i) || fit.error(i) == 0) {
                continue;
            }
            double c = model.constraintCentre(i);
            double w = model.constraintWidth(i);
            out.add(new Pull(mp.name(i), mp.type[i], fit.value(i), fit.error(i), c, w, (fit.value(i) - c) / w,
                    fit.error(i) / w));
        }
        return out;
    }
}
