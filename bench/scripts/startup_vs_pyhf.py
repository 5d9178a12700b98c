#!/usr/bin/env python3
"""Whole-process time of `recoil hypotest` against `pyhf cls`, side by side on the same workspaces.

    python3 bench/scripts/startup_vs_pyhf.py [--repeats 7]

Runs each command --repeats times, alternating Recoil and pyhf so that both see the same machine load,
and prints the median wall-clock and CPU (user + sys) time of each and their ratios. Cases:
  single   recoil hypotest reference/pyhf/recoil_20bin_shape.json --mu 1 --json  vs  pyhf cls (same file)
  batch    recoil hypotest RegionA/BkgOnly.json --patch A --patch B --patch C --mu 1 --json (one process)
           vs  pyhf cls --patch X, once per point (what a shell loop does)
pyhf: `pyhf` if Debian's python3 has it, else /work/shared/tools/pyhf-peer (pyhf 0.7.6 on Debian's numpy and
scipy). Recoil: ./recoil (the launcher with its class-data archive; the archive is made before timing).
"""
import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))


def pyhf_command():
    try:
        subprocess.run(['/usr/bin/python3', '-c', 'import pyhf'], check=True, capture_output=True)
        return ['/usr/bin/python3', '-m', 'pyhf']
    except subprocess.CalledProcessError:
        peer = '/work/shared/tools/pyhf-peer'
        if os.path.exists(peer):
            return [peer, 'cli']
        sys.exit('no pyhf: install python3-pyhf or set up /work/shared/tools/pyhf-peer')


def timed(cmds):
    """Runs the commands one after the other; returns (wall seconds, CPU seconds) of all of them."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    for cmd in cmds:
        subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, cwd=ROOT)
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return wall, cpu


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument('--repeats', type=int, default=7)
    args = ap.parse_args()
    pyhf = pyhf_command()
    recoil = [os.path.join(ROOT, 'recoil')]
    ws = 'reference/pyhf/recoil_20bin_shape.json'
    region = 'reference/realworld/sbottom-ins1748602/RegionA'
    patches = sorted(f for f in os.listdir(os.path.join(ROOT, region)) if f.startswith('patch.'))
    cases = {
        'single': ([recoil + ['hypotest', ws, '--mu', '1', '--json']], [pyhf + ['cls', ws]]),
        'batch': ([recoil + ['hypotest', f'{region}/BkgOnly.json', '--mu', '1', '--json']
                   + [a for p in patches for a in ('--patch', f'{region}/{p}')]],
                  [pyhf + ['cls', f'{region}/BkgOnly.json', '--patch', f'{region}/{p}'] for p in patches]),
    }
    subprocess.run(recoil + ['--version'], check=True, capture_output=True, cwd=ROOT)  # build + archive first
    load = os.getloadavg()[0]
    print(f'{args.repeats} repeats, alternating; load average at start {load:.1f} on {os.cpu_count()} cores')
    print(f'pyhf: {" ".join(pyhf)}')
    for name, (ours, theirs) in cases.items():
        timed(ours), timed(theirs)  # warm the file cache
        r_wall, r_cpu, p_wall, p_cpu = [], [], [], []
        for _ in range(args.repeats):
            w, c = timed(ours)
            r_wall.append(w), r_cpu.append(c)
            w, c = timed(theirs)
            p_wall.append(w), p_cpu.append(c)
        rw, rc, pw, pc = (statistics.median(x) for x in (r_wall, r_cpu, p_wall, p_cpu))
        label = f'{name} ({len(theirs)} point{"s" if len(theirs) > 1 else ""})'
        print(f'{label:18s} recoil wall {rw:6.3f} s  cpu {rc:6.3f} s | pyhf wall {pw:6.3f} s  cpu {pc:6.3f} s'
              f' | pyhf/recoil wall {pw / rw:5.2f}x  cpu {pc / rc:5.2f}x')


if __name__ == '__main__':
    main()
