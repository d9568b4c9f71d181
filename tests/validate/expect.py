#!/usr/bin/env python3
"""Expected relations of the validator fixtures (fixtures/validate/NAME.expect.tsv).

usage:
  expect.py [--dir DIR] tables SRCDIR   recompute every row of every table (the test material itself)
  expect.py [--dir DIR] run VNAUDIT SRCDIR [-v] [--ratchet FILE] [--write-ratchet FILE] [--allow-missed]
                                     run `vnaudit check --format jsonl` on every fixture and compare
  --dir DIR: the fixtures' folder under SRCDIR (default fixtures/validate; fixtures/heldout)

A table row is  line <TAB> relation <TAB> claimed <TAB> verdict <TAB> note  ('#' lines and the header row
are skipped). The note starts with the exact arithmetic, then '; ' and prose:
  "31.250 + 3.830 + 1.400; ..."    sum / difference / product: the value of the expression
  "22.906,6 / 24.600; ..."         ratio: the fraction, times 100 (the claimed value is a percentage)
  "54,4 / (1.236,5 - 54,4); ..."   numbers are written as in the report; #N is a constant the report does
                                   not write (tạ -> tấn: "45 * 62,4 / #10")
The prose may say "rounded only" / "truncated only" (then only that reading of the contract's rule may
match) and "hedge WORD" (hơn, trên, gần, dưới, khoảng: the claimed figure is an interval).

`tables` checks, with exact decimal arithmetic, that each verdict follows from the expression under the
contract's rule (consistent = the exact value rounded half-up or truncated to the claimed decimals equals
the claim), that the claimed text is on that line of the fixture and that every operand is in the fixture.

`run` matches each row to a check record with the same line and claimed text (several rows with the same
key are paired by verdict, then relation). Exit status 1 when an `inconsistent` row is not found with that
verdict or when an `inconsistent` check matches no `inconsistent` row (a false alarm); consistent, partial
and ambiguous rows that are missing or get another (non-inconsistent) verdict are printed and counted
only, unless --ratchet names the rows found before: then a row found before and missed now fails too
(the ratchet only moves up: --write-ratchet records today's). --allow-missed: missed inconsistent rows do
not fail (held-out material, guarded by its ratchet); false alarms always do. Exit status 2: usage error,
a table that does not hold, or vnaudit failing (status >= 2, bad JSON).
"""
import decimal
import glob
import json
import os
import re
import subprocess
import sys
from decimal import Decimal

decimal.getcontext().prec = 80

RELATIONS = ("sum", "ratio", "difference", "product")
VERDICTS = ("consistent", "inconsistent", "partial", "ambiguous")
# hedge kinds as in vocab/hedges.tsv: lower = the true value is above the figure
HEDGES = {"hơn": "lower", "trên": "lower", "gần": "upper", "dưới": "upper", "khoảng": "approx"}
# how far a hedged figure may be from the exact value, as a fraction of the figure (the tables keep well
# inside these; the validator may use tighter bounds)
HEDGE_SPAN = Decimal("0.05")

VN_NUM = r"\d(?:[\d.]*\d)?(?:,\d+)?"


class TableError(Exception):
    pass


def vn_dec(s):
    """'1.236,5' -> Decimal('1236.5')"""
    if not re.fullmatch(VN_NUM, s):
        raise TableError("not a number: %r" % s)
    return Decimal(s.replace(".", "").replace(",", "."))


def decimals(s):
    return len(s.split(",", 1)[1]) if "," in s else 0


def readings(exact, claimed_text):
    q = Decimal(1).scaleb(-decimals(claimed_text))
    return (exact.quantize(q, rounding=decimal.ROUND_HALF_UP), exact.quantize(q, rounding=decimal.ROUND_DOWN))


def evaluate(expr):
    """The expression's exact value and the operand texts it names (constants excluded)."""
    out, operands, pos = [], [], 0
    for m in re.finditer(r"\s*(?:(#?)(%s)|([-+*/()]))" % VN_NUM, expr):
        if m.start() != pos:
            break
        pos = m.end()
        if m.group(2):
            out.append("Decimal(%r)" % str(vn_dec(m.group(2))))
            if not m.group(1):
                operands.append(m.group(2))
        else:
            out.append(m.group(3))
    if pos != len(expr.rstrip()) or not out:
        raise TableError("cannot read the expression %r" % expr)
    try:
        return eval(" ".join(out), {"Decimal": Decimal, "__builtins__": {}}), operands  # tokens checked above
    except (SyntaxError, ZeroDivisionError, decimal.InvalidOperation) as e:
        raise TableError("cannot evaluate %r: %s" % (expr, e))


def on_line(text, number):
    """True when `number` occurs in `text` as a whole number (not part of a longer one)."""
    return re.search(r"(?<![\d.,])%s(?![\d]|[.,]\d)" % re.escape(number), text) is not None


class Row:
    def __init__(self, path, lineno, fields):
        self.where = "%s:%d" % (os.path.basename(path), lineno)
        if len(fields) != 5:
            raise TableError("%s: %d fields, expected 5 (line, relation, claimed, verdict, note)"
                             % (self.where, len(fields)))
        line, self.relation, self.claimed, self.verdict, self.note = fields
        if not line.isdigit() or self.relation not in RELATIONS or self.verdict not in VERDICTS:
            raise TableError("%s: bad line, relation or verdict: %r" % (self.where, fields[:4]))
        self.line = int(line)
        self.matched = None

    def key(self):
        return (self.line, self.claimed)


def read_table(path):
    rows = []
    with open(path, encoding="utf-8") as f:
        for n, raw in enumerate(f, 1):
            raw = raw.rstrip("\n")
            if not raw or raw.startswith("#") or raw.startswith("line\t"):
                continue
            rows.append(Row(path, n, raw.split("\t")))
    return rows


def check_row(row, lines):
    """Recomputes one row; returns a list of problems (empty when the row holds)."""
    problems = []
    if not 1 <= row.line <= len(lines):
        return ["line %d is outside the fixture" % row.line]
    if not on_line(lines[row.line - 1], row.claimed):
        problems.append("claimed %r is not on line %d" % (row.claimed, row.line))
    expr, _, prose = row.note.partition(";")
    try:
        exact, operands = evaluate(expr)
        claimed = vn_dec(row.claimed)
    except TableError as e:
        return problems + [str(e)]
    whole = "\n".join(lines)
    for op in operands:
        if not on_line(whole, op):
            problems.append("operand %r is not in the fixture" % op)
    if row.relation == "ratio":
        exact *= 100
    rounded, truncated = readings(exact, row.claimed)
    exact_ok = claimed in (rounded, truncated)
    hedge = re.search(r"hedge (\w+)", prose)
    shown = "exact %s, rounded %s, truncated %s" % (exact.normalize(), rounded, truncated)
    if hedge:
        kind = HEDGES.get(hedge.group(1))
        if kind is None:
            return problems + ["unknown hedge %r" % hedge.group(1)]
        inside = {"lower": claimed < exact <= claimed * (1 + HEDGE_SPAN),
                  "upper": claimed * (1 - HEDGE_SPAN) <= exact < claimed,
                  "approx": abs(exact - claimed) <= claimed * HEDGE_SPAN}[kind]
        want = "consistent" if inside else "inconsistent"
        if exact_ok:
            problems.append("hedged row holds without the hedge (%s)" % shown)
    elif row.verdict == "partial":
        want = "partial" if exact < claimed else "inconsistent"
        if exact_ok:
            problems.append("partial row adds up exactly (%s)" % shown)
    elif row.verdict == "ambiguous":
        want = "ambiguous"
    else:
        want = "consistent" if exact_ok else "inconsistent"
        if want == "consistent" and "rounded only" in prose and (claimed != rounded or claimed == truncated):
            problems.append("not 'rounded only' (%s)" % shown)
        if want == "consistent" and "truncated only" in prose and (claimed != truncated or claimed == rounded):
            problems.append("not 'truncated only' (%s)" % shown)
    if want != row.verdict:
        problems.append("verdict %s, the arithmetic says %s (%s)" % (row.verdict, want, shown))
    return problems


FIXTURE_DIR = os.path.join("fixtures", "validate")


def fixtures(src):
    paths = sorted(glob.glob(os.path.join(src, FIXTURE_DIR, "*.txt")))
    out = []
    for p in paths:
        t = p[:-4] + ".expect.tsv"
        if not os.path.exists(t):
            raise TableError("%s has no table %s" % (p, os.path.basename(t)))
        out.append((p, t))
    if not out:
        raise TableError("no fixtures in %s/%s" % (src, FIXTURE_DIR))
    return out


def check_tables(src):
    bad = 0
    for txt, tsv in fixtures(src):
        with open(txt, encoding="utf-8") as f:
            lines = f.read().split("\n")
        for row in read_table(tsv):
            for p in check_row(row, lines):
                print("table error: %s: %s" % (row.where, p))
                bad += 1
    return bad


def run_vnaudit(binary, txt):
    p = subprocess.run([binary, "check", "--format", "jsonl", txt], stdout=subprocess.PIPE,
                       stderr=subprocess.PIPE, timeout=120)
    if p.returncode >= 2:
        raise TableError("%s check %s: exit status %d: %s" % (binary, txt, p.returncode,
                                                                p.stderr.decode("utf-8", "replace")[:500]))
    checks = []
    for n, raw in enumerate(p.stdout.decode("utf-8").splitlines(), 1):
        try:
            rec = json.loads(raw)
        except ValueError:
            raise TableError("%s: output line %d is not JSON: %r" % (txt, n, raw[:200]))
        if rec.get("type") == "check":
            rec["matched"] = None
            checks.append(rec)
    return checks


def pair(rows, checks):
    """Pairs rows with check records of the same (line, claimed): same verdict and relation first."""
    tests = (lambda r, c: c["verdict"] == r.verdict and c["relation"] == r.relation,
             lambda r, c: c["verdict"] == r.verdict,
             lambda r, c: c["relation"] == r.relation,
             lambda r, c: True)
    by_key = {}
    for c in checks:
        by_key.setdefault((c.get("line"), c.get("claimed")), []).append(c)
    for test in tests:
        for r in rows:
            if r.matched is not None:
                continue
            for c in by_key.get(r.key(), ()):
                if c["matched"] is None and test(r, c):
                    r.matched, c["matched"] = c, r
                    break


def read_ratchet(path):
    with open(path, encoding="utf-8") as f:
        return {ln.rstrip("\n") for ln in f if ln.strip() and not ln.startswith("#")}


def run(binary, src, verbose, ratchet=None, write_ratchet=None, allow_missed=False):
    bad = check_tables(src)
    if bad:
        print("the tables do not hold (%d problems): fix fixtures/validate first" % bad)
        return 2
    totals = {v: [0, 0] for v in VERDICTS}     # verdict -> [found, expected]
    found_keys = set()
    failures, alarms, others = 0, 0, 0
    for txt, tsv in fixtures(src):
        rows = read_table(tsv)
        checks = run_vnaudit(binary, os.path.relpath(txt, src))
        pair(rows, checks)
        report = []
        for r in rows:
            c = r.matched
            totals[r.verdict][1] += 1
            if c is not None and c["verdict"] == r.verdict:
                totals[r.verdict][0] += 1
                status = "found"
            elif c is None:
                status = "MISSED" if r.verdict == "inconsistent" else "missed"
            elif r.verdict == "inconsistent":
                status = "WRONG"
            else:
                status = "FALSE-ALARM" if c["verdict"] == "inconsistent" else "other-verdict"
            if status in ("MISSED", "WRONG"):
                failures += 1
            elif status == "FALSE-ALARM":
                alarms += 1
            if status != "found" or verbose:
                got = "-" if c is None else "%s %s computed=%s rule=%s" % (
                    c["relation"], c["verdict"], c.get("computed"), c.get("rule"))
                report.append("  %-13s %4d  %-10s %-13s %-13s got: %s" % (
                    status, r.line, r.relation, r.claimed, r.verdict, got))
        for c in checks:
            if c["matched"] is None:
                if c["verdict"] == "inconsistent":
                    alarms += 1
                    report.append("  %-13s %4d  %-10s %-13s %-13s lines=%s operands=%s computed=%s rule=%s: %s"
                                  % ("FALSE-ALARM", c["line"], c["relation"], c["claimed"], "-", c.get("lines"),
                                     c.get("operands"), c.get("computed"), c.get("rule"), c.get("message")))
                else:
                    others += 1
                    if verbose:
                        report.append("  %-13s %4d  %-10s %-13s %-13s (%s)" % (
                            "unlisted", c["line"], c["relation"], c["claimed"], "-", c["verdict"]))
        found = sum(1 for r in rows if r.matched is not None and r.matched["verdict"] == r.verdict)
        for r in rows:
            if r.matched is not None and r.matched["verdict"] == r.verdict:
                found_keys.add("%s\t%d\t%s\t%s\t%s" % (os.path.basename(txt), r.line, r.relation, r.claimed, r.verdict))
        print("%s: %d/%d expected relations found, %d checks reported" % (os.path.relpath(txt, src), found,
                                                                          len(rows), len(checks)))
        if report:
            print("  %-13s %4s  %-10s %-13s %-13s %s" % ("status", "line", "relation", "claimed", "expected",
                                                         "vnaudit"))
            print("\n".join(report))
    print("summary: " + ", ".join("%s %d/%d" % (v, totals[v][0], totals[v][1]) for v in VERDICTS
                                  if totals[v][1]) +
          "; missed or wrong inconsistent rows: %d; false alarms: %d; unlisted non-inconsistent checks: %d"
          % (failures, alarms, others))
    lost = 0
    if ratchet is not None:
        before = read_ratchet(ratchet)
        for k in sorted(before - found_keys):
            print("RATCHET: found before, missed now: " + k.replace("\t", " "))
            lost += 1
        gained = sorted(found_keys - before)
        for k in gained:
            print("ratchet: newly found (add it with --write-ratchet): " + k.replace("\t", " "))
        print("ratchet: %d rows held, %d lost, %d newly found" % (len(before & found_keys), lost, len(gained)))
    if write_ratchet is not None:
        with open(write_ratchet, "w", encoding="utf-8") as f:
            f.write("# Expected relations the validator finds today (file, line, relation, claimed, verdict):\n"
                    "# tests/validate/expect.py fails when one of them is no longer found. Regenerate with\n"
                    "# --write-ratchet when more are found; never remove a line to make a test pass.\n")
            for k in sorted(found_keys):
                f.write(k + "\n")
    if allow_missed:
        failures = 0    # held-out material: what is found is guarded by the ratchet
    return 1 if failures or alarms or lost else 0


def main(argv):
    global FIXTURE_DIR
    if len(argv) >= 2 and argv[0] == "--dir":
        FIXTURE_DIR = argv[1]     # another folder of fixtures, relative to SRC (fixtures/heldout)
        argv = argv[2:]
    try:
        if len(argv) == 2 and argv[0] == "tables":
            bad = check_tables(argv[1])
            print("tables: %s" % ("ok" if not bad else "%d problems" % bad))
            return 2 if bad else 0
        if len(argv) >= 3 and argv[0] == "run":
            binary = os.path.abspath(argv[1])
            if not os.access(binary, os.X_OK):
                print("expect.py: %s: not an executable" % binary, file=sys.stderr)
                return 2
            src = argv[2]
            verbose, ratchet, write, allow = False, None, None, False
            rest = argv[3:]
            while rest:
                a = rest.pop(0)
                if a == "-v":
                    verbose = True
                elif a == "--allow-missed":
                    allow = True
                elif a in ("--ratchet", "--write-ratchet") and rest:
                    v = os.path.abspath(rest.pop(0))
                    if a == "--ratchet":
                        ratchet = v
                    else:
                        write = v
                else:
                    print(__doc__.split("\n\n")[1], file=sys.stderr)
                    return 2
            os.chdir(src)
            return run(binary, ".", verbose, ratchet, write, allow)
    except TableError as e:
        print("expect.py: %s" % e, file=sys.stderr)
        return 2
    except subprocess.TimeoutExpired as e:
        print("expect.py: timeout: %s" % e, file=sys.stderr)
        return 2
    print(__doc__.split("\n\n")[1], file=sys.stderr)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
