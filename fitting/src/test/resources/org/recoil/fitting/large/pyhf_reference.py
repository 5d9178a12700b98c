import json, sys, time
import pyhf
ws = pyhf.Workspace(json.load(open(sys.argv[1])))
model = ws.model()
data = ws.data(model)
out = {"pyhf_version": pyhf.__version__, "npars": model.config.npars}
def dump():
    json.dump(out, open(sys.argv[2], "w"), indent=1)
for opt in sys.argv[3].split(","):
    pyhf.set_backend("numpy", opt)
    t0 = time.time()
    best, twice = pyhf.infer.mle.fit(data, model, return_fitted_val=True)
    out["fit_" + opt] = {"twice_nll": float(twice), "mu_hat": float(best[model.config.poi_index]), "seconds": time.time() - t0,
                         "parameters": {n: float(v) for n, v in zip(model.config.par_names, best)}}
    dump()
if len(sys.argv) > 4:
    pyhf.set_backend("numpy", sys.argv[4])
    t0 = time.time()
    cls_obs, cls_exp = pyhf.infer.hypotest(1.0, data, model, test_stat="qtilde", return_expected_set=True)
    out["hypotest_mu1_qtilde_" + sys.argv[4]] = {"cls_obs": float(cls_obs), "cls_exp": [float(c) for c in cls_exp], "seconds": time.time() - t0}
    dump()
