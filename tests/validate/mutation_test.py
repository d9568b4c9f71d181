#!/usr/bin/env python3
"""Mutation test of the validator over every fixture: change one number of a consistent relation, and the
relation must no longer be consistent.

usage: mutation_test.py [-v] [--allow-hedges] [--budget SECONDS] VNAUDIT VNAUDIT_CHECKS SRCDIR

The idea of tests/unit/test_validate_property.c (which does this for ntm_consistent.txt only, through the
library), for every fixtures/validate/*.txt. For each fixture, on its normalized text (`vnaudit text`, which
positions refer to), VNAUDIT_CHECKS (the library driver, tests/validate/checks_driver.c) lists the checks with
the places of their operands. For every consistent check, each operand in turn and then the claimed value is
changed by one digit, one mutation per run, as the property test does: an operand goes up (its first digit
+ 1, or - 1 when it is 9: "99" -> "89"), the claim goes down (its first digit that can go down without
leaving a leading zero - 1; "100" -> "200"), so the number keeps its length and form and nothing else moves.
The library driver runs on the mutated text (the CLI is checked to give the same consistent checks as the
driver on each original).

A mutation is caught when the original consistent check is no longer consistent with the mutated value.
The check is identified by its rule and the line and column of its claim (the column does not move); the
library driver runs on the mutated text, so that the places of the operands are known:

- a mutated claim is caught when no consistent check with that rule has its claim at that place;
- a mutated operand is caught when no consistent check with that rule and that claim's place has the
  mutated number among its operands (the check became inconsistent, ambiguous or partial, or was read
  without that number). A claim may stay consistent through other operands, in another reading that the
  mutation does not touch ("36.480 (31.250; 3.830; 1.400), cụ thể: 24.600 ...; 11.880 ...": the validator
  reports one relation per claim and result, so the second reading shows only when the first breaks);
  these are counted apart in the summary.

Every mutation must be caught, hedged claims included: a hedge reaches no further than the claim's last
written digit ("hơn 18.500" is below 18.600). --allow-hedges lists a hedged claim that still holds instead
of failing on it (for a validator whose hedges are wider). Runs are sampled deterministically (random.Random(0)) when the mutations would take
more than --budget seconds (default 60) at the speed measured on the first runs.

Exit status: 0 every mutation tried was caught; 1 a mutation was not caught, or a fixture had no consistent
check (nothing would be tested); 2 usage error, a program failing, an operand not where the driver says.
"""
import collections
import re
import json
import os
import random
import subprocess
import sys
import tempfile
import time

MAX_REPORTED = 40


sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from null_test import load_hedges  # noqa: E402  (the same hedge words as the null test)


def hedged_claim(c, lines, hedges):
    """Whether the check's claim is written after a hedge word ("hơn 18.500", "khoảng 2.400")."""
    before = lines[c["line"] - 1][:c["col"] - 1].lower()
    return any(re.search(re.escape(h) + r"\s*(?:đạt\s*)?$", before) for h in hedges)


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def mutate(tok, increase):
    """As mutate() in tests/unit/test_validate_property.c, except that an increase always changes the first
    digit; None when the token has no digit."""
    s = list(tok)
    digits = [i for i, ch in enumerate(s) if ch.isdigit()]
    if not digits:
        return None
    int_digits = sum(1 for ch in tok.split(",")[0] if ch.isdigit())
    if not increase:
        first = True
        for i in digits:
            if s[i] > "1" or (s[i] == "1" and not (first and int_digits > 1)):
                s[i] = chr(ord(s[i]) - 1)
                return "".join(s)
            first = False
    i = digits[0]
    # the first digit: + 1, or - 1 when it is 9 ("9,7" -> "8,7"; the property test would make "9,8",
    # a change of 1 % that a ratio rounded to one decimal cannot show)
    s[i] = chr(ord(s[i]) + 1) if s[i] < "9" else chr(ord(s[i]) - 1)
    return "".join(s)


def consistent_checks(driver, path):
    """The consistent checks that the library driver gives for path, as a list of
    (rule, line, col, set of operand places (line, col))."""
    rc, out, err = run([driver, path])
    if rc != 0:
        raise RuntimeError(f"{driver} {path} exited {rc}: {err}")
    res = []
    for ln in out.splitlines():
        c = json.loads(ln)
        if c["verdict"] == "consistent":
            res.append((c["rule"], c["line"], c["col"], {(o["line"], o["col"]) for o in c["operands"]}))
    return res


def cli_consistent(vnaudit, path):
    rc, out, err = run([vnaudit, "check", "--format", "jsonl", path])
    if rc not in (0, 1):
        raise RuntimeError(f"{vnaudit} check {path} exited {rc}: {err}")
    return sorted((r["rule"], r["line"], r["col"]) for r in map(json.loads, out.splitlines())
                  if r["type"] == "check" and r["verdict"] == "consistent")


def main(argv):
    verbose, budget, allow_hedges = False, 60.0, False
    args = []
    i = 0
    while i < len(argv):
        if argv[i] == "-v":
            verbose = True
        elif argv[i] == "--allow-hedges":
            allow_hedges = True
        elif argv[i] == "--budget" and i + 1 < len(argv):
            budget = float(argv[i + 1])
            i += 1
        else:
            args.append(argv[i])
        i += 1
    if len(args) != 3:
        print("usage: mutation_test.py [-v] [--allow-hedges] [--budget SECONDS] VNAUDIT VNAUDIT_CHECKS SRCDIR", file=sys.stderr)
        return 2
    vnaudit, driver, src = args
    fixdir = os.path.join(src, "fixtures", "validate")
    fixtures = sorted(f for f in os.listdir(fixdir) if f.endswith(".txt"))
    if not fixtures:
        print(f"mutation_test: no fixture in {fixdir}", file=sys.stderr)
        return 2
    failed = False
    plan = []           # (fixture, check, which, line, col, old, new)
    with tempfile.TemporaryDirectory(prefix="vnaudit-mut-") as tmp:
        texts = {}
        for name in fixtures:
            rc, text, err = run([vnaudit, "text", os.path.join(fixdir, name)])
            if rc != 0:
                print(f"mutation_test: {vnaudit} text {name} exited {rc}: {err}", file=sys.stderr)
                return 2
            path = os.path.join(tmp, name)
            with open(path, "w", encoding="utf-8") as f:
                f.write(text)
            rc, out, err = run([driver, path])
            if rc != 0:
                print(f"mutation_test: {driver} {name} exited {rc}: {err}", file=sys.stderr)
                return 2
            lines = text.split("\n")
            try:
                base_cli = cli_consistent(vnaudit, path)
            except RuntimeError as e:
                print(f"mutation_test: {e}", file=sys.stderr)
                return 2
            texts[name] = lines
            n_cons = 0
            for ln in out.splitlines():
                c = json.loads(ln)
                if c["verdict"] != "consistent":
                    continue
                n_cons += 1
                numbers = [("operand", o["text"], o["line"], o["col"], True) for o in c["operands"]]
                numbers.append(("claimed", c["claimed"], c["line"], c["col"], False))
                for which, tok, line, col, up in numbers:
                    at = lines[line - 1][col - 1:col - 1 + len(tok)]
                    if at != tok:
                        print(f"mutation_test: {name}:{line}:{col}: expected {tok!r}, found {at!r}", file=sys.stderr)
                        return 2
                    new = mutate(tok, up)
                    if new is not None:
                        plan.append((name, c, which, line, col, tok, new))
            if n_cons == 0:
                print(f"FAIL {name}: no consistent check: nothing to mutate")
                failed = True
            if len(base_cli) != n_cons:
                print(f"mutation_test: {name}: the CLI and the library disagree on the consistent checks",
                      file=sys.stderr)
                return 2

        total = len(plan)
        chosen = list(range(total))
        results = collections.defaultdict(lambda: [0, 0])     # fixture -> [caught, tried]
        missed = []
        within_hedge = []
        hedges = load_hedges(src)
        t0 = time.monotonic()
        sampled = False
        order = list(range(total))
        random.Random(0).shuffle(order)
        done = 0
        other_reading = 0
        for idx in order:
            elapsed = time.monotonic() - t0
            if done >= 20 and elapsed / done * total > budget and not sampled:
                # sample: keep as many as the budget allows, the order being a fixed shuffle
                keep = max(20, int(budget / (elapsed / done)))
                chosen = order[:keep]
                sampled = True
            if sampled and done >= len(chosen):
                break
            name, c, which, line, col, tok, new = plan[idx]
            lines = texts[name]
            mlines = list(lines)
            ml = mlines[line - 1]
            mlines[line - 1] = ml[:col - 1] + new + ml[col - 1 + len(tok):]
            mpath = os.path.join(tmp, "mutated-" + name)
            with open(mpath, "w", encoding="utf-8") as f:
                f.write("\n".join(mlines))
            try:
                after = consistent_checks(driver, mpath)
            except RuntimeError as e:
                print(f"mutation_test: {e}", file=sys.stderr)
                return 2
            same_place = [a for a in after if a[:3] == (c["rule"], c["line"], c["col"])]
            if which == "claimed":
                caught = not same_place
            else:
                caught = not any((line, col) in a[3] for a in same_place)
                if caught and same_place:
                    other_reading += 1
            hedged = not caught and allow_hedges and hedged_claim(c, lines, hedges)
            results[name][1] += 1
            results[name][0] += caught or hedged
            done += 1
            if hedged:
                # the claim is an interval ("hơn", "khoảng": 5 to 10 %) as wide as a one-digit change
                # of a small part: reported, not a failure
                within_hedge.append((name, c, which, line, tok, new))
            elif not caught:
                missed.append((name, c, which, line, tok, new))
            elif verbose:
                print(f"caught {name}:{line} {which} {tok} -> {new} of {c['rule']} {c['claimed']} (line {c['line']})")

    for name, c, which, line, tok, new in within_hedge:
        print(f"within a hedge: {name}:{line}: {which} {tok} -> {new} of {c['rule']} claimed {c['claimed']} "
              f"(line {c['line']}): still inside the hedge's interval")
    for name, c, which, line, tok, new in missed[:MAX_REPORTED]:
        ops = "; ".join(o["text"] for o in c["operands"])
        print(f"not caught: {name}:{line}: {which} {tok} -> {new} of {c['rule']} {c['relation']} claimed "
              f"{c['claimed']} (line {c['line']}, operands {ops}): still consistent")
    if len(missed) > MAX_REPORTED:
        print(f"... and {len(missed) - MAX_REPORTED} more")
    tried = caught = 0
    for name in fixtures:
        k, n = results[name]
        tried += n
        caught += k
        print(f"{'ok  ' if k == n else 'FAIL'} {name}: {k}/{n} mutations caught")
    print(f"mutation test: {caught}/{tried} caught ({total} mutations of consistent checks"
          f"{', sampled' if sampled else ''}); of those caught, {other_reading} operand mutations leave the claim "
          f"consistent through other operands (another reading of the same claim, which the mutation does not touch)")
    if tried == 0 or missed:
        failed = True
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
