#!/usr/bin/env python3
"""The suspect figures of the planted errors: fixtures/validate/suspects.tsv against `vnaudit check --format
jsonl`. Prints one line per row and how many planted typos get their suspect named; exits 1 when a row does
not hold (a wrong suspect, a missing one, or one where `none` is expected).

usage: run_suspects.py VNAUDIT SRCDIR
"""
import json
import os
import subprocess
import sys


def main():
    if len(sys.argv) != 3:
        print(__doc__, file=sys.stderr)
        return 2
    vnaudit, src = sys.argv[1], sys.argv[2]
    table = os.path.join(src, "fixtures", "validate", "suspects.tsv")
    rows = []
    with open(table, encoding="utf-8") as f:
        for line in f:
            line = line.rstrip("\n")
            if not line or line.startswith("#") or line.startswith("file\t"):
                continue
            rows.append(line.split("\t"))
    checks = {}
    for name in sorted({r[0] for r in rows}):
        out = subprocess.run([vnaudit, "check", "--format", "jsonl", os.path.join("fixtures", "validate", name)],
                             cwd=src, capture_output=True, text=True)
        if out.returncode >= 2:
            print(f"FAIL {name}: vnaudit exited {out.returncode}: {out.stderr.strip()}")
            return 2
        for rec in map(json.loads, out.stdout.splitlines()):
            if rec["type"] == "check" and rec["verdict"] == "inconsistent":
                checks.setdefault((name, rec["line"], rec["claimed"]), []).append(rec)
    bad = 0
    named = {"suspect": 0, "candidate": 0, "none": 0, "suspect-unplanted": 0}
    for name, line, claimed, expect, fline, figure, should_be, kind, note in rows:
        recs = checks.get((name, int(line), claimed), [])
        if len(recs) != 1:
            print(f"FAIL {name}:{line} {claimed}: {len(recs)} inconsistent checks")
            bad += 1
            continue
        rec = recs[0]
        got = [rec["suspect"]] if "suspect" in rec else rec.get("suspect_candidates", [])
        want = {"line": int(fline), "text": figure, "should_be": should_be, "kind": kind} if expect != "none" else None
        match = [s for s in got if want and all(s[k] == v for k, v in want.items())]
        if expect in ("suspect", "suspect-unplanted"):
            ok = "suspect" in rec and match
        elif expect == "candidate":
            ok = "suspect_candidates" in rec and match
        else:
            ok = not got
        shown = "; ".join(f"{s['text']} (line {s['line']}) -> {s['should_be']} [{s['kind']}]" for s in got) or "-"
        print(f"{'ok  ' if ok else 'FAIL'} {name}:{line} {claimed}: expected {expect}, got {shown}")
        if ok:
            named[expect] += 1
        else:
            bad += 1
    typos = sum(1 for r in rows if r[3] in ("suspect", "candidate"))
    print(f"suspects: of {typos} checks broken by a planted slip, {named['suspect']} name it as their suspect and "
          f"{named['candidate']} list it among candidates; {named['none']} checks broken otherwise left without "
          f"one; {named['suspect-unplanted']} not planted as a slip named one anyway; {bad} wrong")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
