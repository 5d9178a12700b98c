# pyhf 0.7 q0 reference numbers: /work/shared/tools/pyhf-peer python pyhf-q0.py reference/pyhf/ > pyhf-q0.json
import json, sys, pyhf
pyhf.set_backend("numpy", pyhf.optimize.scipy_optimizer(tolerance=1e-12))
ref = sys.argv[1]  # the reference/pyhf folder
out = {"pyhf_version": pyhf.__version__,
       "settings": "numpy backend, scipy SLSQP tolerance 1e-12; pyhf.Workspace(spec).model() defaults; "
                   "pyhf.infer.hypotest(0.0, data, model, test_stat='q0', calctype='asymptotics', "
                   "return_expected_set=True, return_tail_probs=False); p0 = observed value, p0_expected = the set (pyhf's order); "
                   "z = Phi^-1(1-p0); made by pyhf-q0.py (next to this file) via /work/shared/tools/pyhf-peer",
       "cases": {}}
from scipy.stats import norm
def run(name, ws):
    model = ws.model(); data = ws.data(model)
    p0, exp = pyhf.infer.hypotest(0.0, data, model, test_stat="q0", return_expected_set=True)
    # also q0 and q0A
    calc = pyhf.infer.calculators.AsymptoticCalculator(data, model, test_stat="q0")
    t = calc.teststatistic(0.0)
    out["cases"][name] = {"p0": float(p0), "p0_expected": [float(x) for x in exp],
        "z": float(norm.isf(float(p0))), "sqrt_q0": float(t + calc.sqrtqmuA_v), "z_expected_asimov": float(calc.sqrtqmuA_v)}
spec={"channels":[{"name":"singlechannel","samples":[{"name":"signal","data":[25.0],"modifiers":[{"name":"mu","type":"normfactor","data":None}]},{"name":"background","data":[50.0],"modifiers":[{"name":"uncorr_bkguncrt","type":"shapesys","data":[7.0]}]}]}],
 "observations":[{"name":"singlechannel","data":[80.0]}],"measurements":[{"name":"m","config":{"poi":"mu","parameters":[]}}],"version":"1.0.0"}
json.dump(spec, open("pyhf_validation_1bin_shapesys_q0.json","w"), indent=1)  # from pyhf tests/test_validation.py, validation/data/1bin_example1_q0.json
run("pyhf_validation_1bin_shapesys_q0", pyhf.Workspace(spec))
for n in ["counting_shapesys","twobin_normsys_histosys","twochannel_staterror_lumi","recoil_20bin_shape"]:
    run(n, pyhf.Workspace(json.load(open(ref+n+".json"))))
print(json.dumps(out, indent=1))
