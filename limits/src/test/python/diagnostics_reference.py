"""Reference numbers for Recoil's fit diagnostics (issue 17), computed with pyhf 0.7 (numpy backend).

Run from the project root:  PYHF_PEER_DIR=... /work/shared/tools/pyhf-peer python \
    limits/src/test/python/diagnostics_reference.py > limits/src/test/resources/diagnostics/pyhf_reference.json

For every workspace:
  * best fit: pyhf.infer.mle.fit (scipy SLSQP, tolerance 1e-12), polished by iminuit MIGRAD;
  * hessian: central finite differences of -2 model.logpdf at that best fit over the free parameters
    (steps h_i = 1e-3 x the error from a first pass), inverted: covariance = 2 H^-1; errors and correlations;
  * impacts (two workspaces): pyhf fits with each nuisance parameter fixed at theta_hat +- sigma_hat (post-fit)
    and theta0 +- prefit sigma (pre-fit), clipped to the bounds; impact = mu_hat(fixed) - mu_hat;
  * minos: iminuit.Minuit on -2 logpdf (errordef 1, pyhf bounds as limits, fixed parameters fixed) .minos()
    on the POI, with pyhf's profile -2 Delta ln L at iminuit's crossings (Minuit2 accepts a crossing within about 1%
    of the level), plus an independent brute-force crossing of the profile (scipy brentq over pyhf fixed-POI fits).
"""
import json
import sys

import numpy as np
import iminuit
import scipy
from scipy.optimize import brentq
import pyhf

pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-12))

ROOT = "reference/"
WORKSPACES = {
    "counting_shapesys": ("pyhf/counting_shapesys.json", None),
    "twobin_normsys_histosys": ("pyhf/twobin_normsys_histosys.json", None),
    "twochannel_staterror_lumi": ("pyhf/twochannel_staterror_lumi.json", None),
    "recoil_20bin_shape": ("pyhf/recoil_20bin_shape.json", None),
    "sbottom_RegionC_1300_1150_60": ("realworld/sbottom-ins1748602/RegionC/BkgOnly.json",
                                     "realworld/sbottom-ins1748602/RegionC/patch.sbottom_1300_1150_60.json"),
}
IMPACTS = ["twochannel_staterror_lumi", "recoil_20bin_shape"]




def load_patched(ws_path, patch_path):
    import jsonpatch
    spec = json.load(open(ROOT + ws_path))
    if patch_path is not None:
        spec = jsonpatch.apply_patch(spec, json.load(open(ROOT + patch_path)))
    ws = pyhf.Workspace(spec)
    model = ws.model()
    return model, np.asarray(ws.data(model), dtype=float)


def par_names(model):
    names = []
    for name in model.config.par_order:
        n = model.config.param_set(name).n_parameters
        names += [name] if n == 1 else [f"{name}[{i}]" for i in range(n)]
    return names


def twice_nll(model, data):
    return lambda x: float(-2 * model.logpdf(np.asarray(x, dtype=float), data)[0])


def best_fit(model, data, init=None, fixed=None):
    init = model.config.suggested_init() if init is None else list(init)
    fixed = model.config.suggested_fixed() if fixed is None else list(fixed)
    x = np.asarray(pyhf.infer.mle.fit(data, model, init_pars=init, fixed_params=fixed), dtype=float)
    f = twice_nll(model, data)
    m = iminuit.Minuit(f, x, name=par_names(model))
    m.errordef = 1
    m.limits = model.config.suggested_bounds()
    for i, b in enumerate(fixed):
        m.fixed[i] = bool(b)
    m.strategy = 2
    m.tol = 1e-8
    m.migrad()
    y = np.asarray(m.values, dtype=float)
    return y if f(y) < f(x) else x


def fd_hessian(f, x, free, steps):
    n = len(free)
    h = np.zeros((n, n))
    f0 = f(x)
    for a in range(n):
        i = free[a]
        for b in range(a, n):
            j = free[b]
            if a == b:
                e = np.array(x, dtype=float)
                e[i] += steps[a]; fp = f(e)
                e[i] -= 2 * steps[a]; fm = f(e)
                h[a, a] = (fp - 2 * f0 + fm) / steps[a] ** 2
            else:
                vals = []
                for si, sj in ((1, 1), (1, -1), (-1, 1), (-1, -1)):
                    e = np.array(x, dtype=float)
                    e[i] += si * steps[a]
                    e[j] += sj * steps[b]
                    vals.append(f(e))
                h[a, b] = h[b, a] = (vals[0] - vals[1] - vals[2] + vals[3]) / (4 * steps[a] * steps[b])
    return h


def covariance(model, data, x):
    fixed = model.config.suggested_fixed()
    free = [i for i in range(len(x)) if not fixed[i]]
    f = twice_nll(model, data)
    steps = np.array([1e-4 * max(1.0, abs(x[i])) for i in free])
    for _ in range(2):
        h = fd_hessian(f, x, free, steps)
        cov = 2 * np.linalg.inv(h)
        steps = 1e-3 * np.sqrt(np.diag(cov))
    return free, cov


def prefit_sigma(model, name, k):
    ps = model.config.param_set(name)
    if not getattr(ps, "constrained", False):
        return None
    if hasattr(ps, "width"):
        return float(ps.width()[k])
    return None


def main():
    out = {
        "pyhf_version": pyhf.__version__,
        "iminuit_version": iminuit.__version__,
        "scipy_version": scipy.__version__,
        "numpy_version": np.__version__,
        "method": __doc__.strip(),
        "workspaces": {},
    }
    for key, (path, patch) in WORKSPACES.items():
        model, data = load_patched(path, patch)
        names = par_names(model)
        poi = model.config.poi_index
        x = best_fit(model, data)
        f = twice_nll(model, data)
        free, cov = covariance(model, data, x)
        err = np.sqrt(np.diag(cov))
        corr = cov / np.outer(err, err)
        entry = {
            "workspace": path, "patch": patch,
            "twice_nll": f(x),
            "parameters": names,
            "bestfit": list(map(float, x)),
            "free": [names[i] for i in free],
            "errors": list(map(float, err)),
            "correlation": [list(map(float, r)) for r in corr],
        }
        # independent brute-force profile crossing
        fmin = f(x)
        bounds = model.config.suggested_bounds()[poi]

        def profile(mu):
            init = list(x); init[poi] = mu
            fx = list(fixed); fx[poi] = True
            y = best_fit(model, data, init, fx)
            return f(y) - fmin - 1.0

        # MINOS on the POI: iminuit on pyhf's objective
        fixed = model.config.suggested_fixed()
        m = iminuit.Minuit(f, x, name=names)
        m.errordef = 1
        m.limits = model.config.suggested_bounds()
        for i, b in enumerate(fixed):
            m.fixed[i] = bool(b)
        m.strategy = 2
        m.tol = 1e-8
        m.migrad()
        m.minos(names[poi])
        me = m.merrors[names[poi]]
        entry["minos_iminuit"] = {
            "parameter": names[poi], "lower": me.lower, "upper": me.upper,
            "lower_valid": me.lower_valid, "upper_valid": me.upper_valid,
            "at_lower_limit": me.at_lower_limit, "at_upper_limit": me.at_upper_limit,
            "migrad_twice_nll": m.fval,
        }
        # Minuit2's MnFunctionCross accepts a crossing where the function is within a tolerance of the level
        # (about 1% of it): record pyhf's profile at iminuit's crossings to show how close they are
        for side, off, valid in (("upper", me.upper, me.upper_valid and not me.at_upper_limit),
                                 ("lower", me.lower, me.lower_valid and not me.at_lower_limit)):
            if valid:
                entry["minos_iminuit"]["profile_at_" + side] = profile(x[poi] + off) + 1.0
        brute = {"parameter": names[poi]}
        for side, sign in (("upper", 1), ("lower", -1)):
            edge = bounds[1] if sign > 0 else bounds[0]
            far = x[poi] + sign * 3 * err[free.index(poi)]
            far = min(far, edge) if sign > 0 else max(far, edge)
            if profile(far) < 0:
                brute[side] = None
            else:
                c = brentq(profile, x[poi], far, xtol=1e-10)
                brute[side] = c - x[poi]
        entry["minos_profile_scan"] = brute
        if key in IMPACTS:
            impacts = {}
            for i in free:
                if i == poi:
                    continue
                name = names[i]
                pname = name.split("[")[0]
                k = int(name.split("[")[1][:-1]) if "[" in name else 0
                lo, hi = model.config.suggested_bounds()[i]
                res = {}
                sig_post = err[free.index(i)]
                sig_pre = prefit_sigma(model, pname, k)
                centre = model.config.suggested_init()[i]
                targets = {"postfit_up": x[i] + sig_post, "postfit_down": x[i] - sig_post}
                if sig_pre is not None:
                    targets["prefit_up"] = centre + sig_pre
                    targets["prefit_down"] = centre - sig_pre
                for t, v in targets.items():
                    v = min(max(v, lo), hi)
                    init = list(x); init[i] = v
                    fx = list(fixed); fx[i] = True
                    y = best_fit(model, data, init, fx)
                    res[t] = float(y[poi] - x[poi])
                impacts[name] = res
            entry["impacts"] = impacts
        out["workspaces"][key] = entry
        print(key, "done", file=sys.stderr)
    json.dump(out, sys.stdout, indent=1)


if __name__ == "__main__":
    main()
