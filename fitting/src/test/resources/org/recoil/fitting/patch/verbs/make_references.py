"""Reference outputs of pyhf's workspace verbs (digest, combine, rename, sort) for WorkspaceEditsTest.

Run from the repository root with pyhf 0.7 (Debian python3 + /work/shared/tools/pyhf-peer):
    pyhf-peer python fitting/src/test/resources/org/recoil/fitting/patch/verbs/make_references.py
It uses pyhf's own API (Workspace.combine / rename / sorted, utils.digest), exactly what the
`pyhf combine|rename|sort|digest` commands call, and writes into this folder:
  digests.json        sha256 of every workspace under reference/ (what `pyhf digest` prints)
  cases.json          each verb case: inputs, options and the sha256 (pyhf utils.digest) of pyhf's output
  <case>.pyhf.json    pyhf's output in full for the small cases
"""
import glob
import json
import os
import sys

import pyhf
from pyhf.workspace import Workspace

here = os.path.dirname(os.path.abspath(__file__))
ref = 'reference'


def load(path):
    with open(os.path.join(ref, path), encoding='utf-8') as f:
        return json.load(f)


digests = {}
for path in sorted(glob.glob(os.path.join(ref, '**', '*.json'), recursive=True)):
    with open(path, encoding='utf-8') as f:
        doc = json.load(f)
    if isinstance(doc, dict) and 'channels' in doc:
        digests[os.path.relpath(path, ref)] = 'sha256:' + pyhf.utils.digest(Workspace(doc), 'sha256')

cases = [
    dict(name='combine_outer_small', verb='combine', inputs=['pyhf/recoil_20bin_shape.json',
         'pyhf/twochannel_staterror_lumi.json'], join='outer', merge_channels=False, full=True),
    dict(name='combine_left_outer_merge_sbottom', verb='combine', inputs=['realworld/sbottom-ins1748602/RegionB/BkgOnly.json',
         'realworld/sbottom-ins1748602/RegionC/BkgOnly.json'], join='left outer', merge_channels=True, full=False),
    dict(name='combine_none_sbottom', verb='combine', inputs=['realworld/sbottom-ins1748602/RegionA/BkgOnly.json',
         'pyhf/recoil_20bin_shape.json'], join='none', merge_channels=False, full=False,
         note='measurement names differ (NormalMeasurement, meas): no clash'),
    dict(name='rename_small', verb='rename', inputs=['pyhf/twochannel_staterror_lumi.json'],
         channels={'sr': 'SR'}, samples={'background': 'bkg'}, modifiers={'bkg_norm': 'bkg_scale', 'mu': 'mu_sig'},
         measurements={'meas': 'fit'}, full=True),
    dict(name='rename_sbottom', verb='rename', inputs=['realworld/sbottom-ins1748602/RegionA/BkgOnly.json'],
         channels={'SR_meff': 'SR', 'CRtt_meff': 'CRtt'}, samples={'ttbar': 'tt'}, modifiers={'EG_SCALE_ALL': 'EG_SCALE', 'FT_EFF_B_systematics': 'btag'},
         measurements={'NormalMeasurement': 'main'}, full=False),
    dict(name='sort_small', verb='sort', inputs=['pyhf/twochannel_staterror_lumi.json'], full=True),
    dict(name='sort_sbottom', verb='sort', inputs=['realworld/sbottom-ins1748602/RegionC/BkgOnly.json'], full=False),
    dict(name='sort_erjr', verb='sort', inputs=['realworld/erjr-3l/BkgOnly.json'], full=False),
]
for c in cases:
    ws = [Workspace(load(p)) for p in c['inputs']]
    if c['verb'] == 'combine':
        out = Workspace.combine(ws[0], ws[1], join=c['join'], merge_channels=c['merge_channels'])
    elif c['verb'] == 'rename':
        out = ws[0].rename(channels=c['channels'], samples=c['samples'], modifiers=c['modifiers'],
                           measurements=c['measurements'])
    else:
        out = Workspace.sorted(ws[0])
    c['sha256'] = pyhf.utils.digest(out, 'sha256')
    if c.pop('full'):
        c['output'] = c['name'] + '.pyhf.json'
        with open(os.path.join(here, c['output']), 'w', encoding='utf-8') as f:
            json.dump(out, f, indent=4, sort_keys=True)

meta = dict(pyhf_version=pyhf.__version__, made_by='make_references.py in this folder (pyhf API: Workspace.combine,'
            ' Workspace.rename, Workspace.sorted, utils.digest; the functions the pyhf CLI verbs call)')
with open(os.path.join(here, 'digests.json'), 'w', encoding='utf-8') as f:
    json.dump(dict(meta, digests=digests), f, indent=2)
with open(os.path.join(here, 'cases.json'), 'w', encoding='utf-8') as f:
    json.dump(dict(meta, cases=cases), f, indent=2)
print(len(digests), 'digests,', len(cases), 'cases', file=sys.stderr)
