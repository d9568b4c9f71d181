#!/usr/bin/env python3
"""Null test of the validator: with every figure of a report changed at random, nothing should add up.

usage: null_test.py [-v] [--rounds N] [--scale S] VNAUDIT SRCDIR

For every fixtures/validate/*.txt, the normalized text (`vnaudit text`, which `line`/`col` refer to) is
perturbed: every figure, that is every run of digits that forms a number ("36.480", "33.215,4", "09",
"91,05"), is moved by about 10 % up or down, keeping its number of significant digits and its format
(thousands dots, decimal comma, leading and trailing zeros, length). Numbers that are not figures are left
alone: dates and references (the extractor's date and reference records), document numbers ("57/KH-UBND"),
years (four digits 1900-2099 without separators), numbering at the start of a line ("1.", "1.2.", "II.",
"a)") and the number of a named unit ("Dự án 3", "Tiểu dự án 1", "Nội dung số 2"). A figure whose significant
digits are a single digit moves by one (1 -> 2, 8 -> 7 or 9): the nearest same-format change to 10 %.

The draw is deterministic: round r of fixture F uses random.Random("null:r:F"); --rounds N runs rounds 1..N
(default 3), --scale S multiplies the size of the change (default 1; 0 changes nothing, which makes the test
fail: a way to see that it can).

Then `vnaudit check --format jsonl` runs on the original and on the perturbed text. Per fixture and round:

- survivors: a check of the perturbed text that is consistent at the line and rule of a check that was
  consistent in the original. Each one is reported with its original and perturbed figures and why it
  holds: `exact` (the perturbed figures satisfy it exactly: a coincidence of the draw), `hedge` (only through
  the interval of a hedge word, "hơn", "khoảng"), `rounding` (through the rounding of the claim). Each is
  listed. A survivor in one round is arithmetic's tolerance or a coincidence of the draw (small figures: 30
  can only become 20 or 40); a relation that survives in every round holds whatever its figures are, was
  not checking them, and fails the test.
- chance discoveries: a check of the perturbed text that is consistent at a line and rule where the original
  had no consistent check (a relation that did not exist, or was not consistent, in the original and holds by
  chance in the perturbed text). At most 1 per fixture and round.

Exit status: 0 no relation surviving every round and at most 1 chance discovery per fixture and round; 1 otherwise (or a fixture in
which nothing was consistent or nothing was perturbed: the test would prove nothing); 2 usage error or
vnaudit failing.
"""
import decimal
import json
import os
import random
import re
import subprocess
import sys
import tempfile

NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:\.\d{3})+(?:,\d+)?|\d+(?:,\d+)?)(?![\d]|[.,]\d)")
LINE_NUMBERING = re.compile(r"^\s*(?:[-+*•]\s*)?(?:PHẦN\s+|Phần\s+)?(?:[IVXLC]+|\d+(?:\.\d+)*|[a-zđ])[.)]")
NAMED_UNIT = re.compile(r"(?:dự án|tiểu dự án|tiêu dự án|nội dung(?: số)?|hợp phần|biểu(?: số)?|phụ lục|mẫu(?: số)?)\s*$",
                        re.IGNORECASE)
DOC_NUMBER_AFTER = re.compile(r"/[A-ZĐa-zđ]")
YEAR = re.compile(r"(?:19|20)\d\d")
MAX_CHANCE = 1


def run(cmd, stdin=None):
    p = subprocess.run(cmd, input=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def records(vnaudit, path):
    rc, out, err = run([vnaudit, "check", "--format", "jsonl", path])
    if rc not in (0, 1):
        raise RuntimeError(f"{vnaudit} check {path} exited {rc}: {err}")
    return [json.loads(x) for x in out.splitlines() if x.strip()]


def excluded_spans(recs):
    """line -> list of (col0, col1) code-point spans (0-based, end exclusive) that are not figures."""
    spans = {}
    for r in recs:
        if r["type"] in ("date", "reference"):
            spans.setdefault(r["line"], []).append((r["col"] - 1, r["col"] - 1 + len(r["text"])))
    return spans


def figures(line, excl):
    """The (start, end) spans (code points) of the figures of a line."""
    out = []
    m = LINE_NUMBERING.match(line)
    numbering_end = m.end() if m else 0
    for t in NUMBER.finditer(line):
        s, e = t.span()
        if s < numbering_end:
            continue
        if any(a < e and s < b for a, b in excl):
            continue
        if DOC_NUMBER_AFTER.match(line, e):
            continue
        if YEAR.fullmatch(t.group()):
            continue
        if NAMED_UNIT.search(line[max(0, s - 24):s]):
            continue
        out.append((s, e))
    return out


def perturb(token, rng, scale):
    """The token with its significant digits moved by about 10 %, same length and format."""
    digits = [c for c in token if c.isdigit()]
    s = "".join(digits)
    lead = len(s) - len(s.lstrip("0"))
    core = s.lstrip("0")
    if not core:
        return token                        # "0", "00": nothing to move
    trail = len(core) - len(core.rstrip("0"))
    core = core.rstrip("0")
    k = len(core)
    v = int(core)
    lo, hi = (1 if k == 1 else 10 ** (k - 1)), 10 ** k - 1
    sign = rng.choice((-1, 1))
    u = rng.uniform(0.07, 0.13) * scale
    new = v
    if scale > 0:
        for sg in (sign, -sign):
            cand = round(v * (1 + sg * u))
            if cand == v:
                cand = v + sg
            if lo <= cand <= hi:
                new = cand
                break
    nd = "0" * lead + str(new).rjust(k, "0") + "0" * trail
    assert len(nd) == len(digits)
    it = iter(nd)
    return "".join(next(it) if c.isdigit() else c for c in token)


def perturb_text(text, excl_by_line, rng, scale):
    lines = text.split("\n")
    changed = 0
    for i, line in enumerate(lines):
        spans = figures(line, excl_by_line.get(i + 1, []))
        if not spans:
            continue
        parts, last = [], 0
        for s, e in spans:
            tok = line[s:e]
            new = perturb(tok, rng, scale)
            changed += new != tok
            parts.append(line[last:s])
            parts.append(new)
            last = e
        parts.append(line[last:])
        lines[i] = "".join(parts)
    return "\n".join(lines), changed


def load_hedges(src):
    """The hedge words that make a figure an interval (vocab/hedges.tsv: lower, upper, approx)."""
    words = []
    with open(os.path.join(src, "vocab", "hedges.tsv"), encoding="utf-8") as f:
        for ln in f:
            if ln.startswith("#") or "\t" not in ln:
                continue
            w, kind = ln.rstrip("\n").split("\t")[:2]
            if kind in ("lower", "upper", "approx"):
                words.append(w.lower())
    return words


def to_decimal(vn):
    """ "1.280" -> Decimal(1280), "91,05" -> Decimal(91.05) (the reports' format)."""
    return decimal.Decimal(vn.replace(".", "").replace(",", "."))


def why_survives(c, line_text, hedges):
    """exact: the perturbed figures satisfy the relation exactly (a coincidence of the draw); hedge: it holds
    only through the interval of a hedge word before a figure; rounding: through the rounding of the claim."""
    try:
        if to_decimal(c["claimed"]) == decimal.Decimal(c["computed"]):
            return "exact"
    except decimal.InvalidOperation:
        pass
    before = line_text[:c["col"] - 1].lower()
    # the claim, or an operand on the same line, hedged: the word must end right before the number
    if any(re.search(re.escape(h) + r"\s*(?:đạt\s*)?$", before) for h in hedges):
        return "hedge"
    for o in c["operands"]:
        k = line_text.find(o)
        if k > 0 and any(re.search(re.escape(h) + r"\s*$", line_text[:k].lower()) for h in hedges):
            return "hedge"
    return "rounding"


def checks(recs):
    return [r for r in recs if r["type"] == "check"]


def describe(c):
    return f"{c['rule']} {c['verdict']} {c['claimed']} = f({'; '.join(c['operands'])}) computed {c['computed']}"


def main(argv):
    verbose, rounds, scale = False, 3, 1.0
    args = []
    i = 0
    while i < len(argv):
        a = argv[i]
        if a == "-v":
            verbose = True
        elif a in ("--rounds", "--scale") and i + 1 < len(argv):
            if a == "--rounds":
                rounds = int(argv[i + 1])
            else:
                scale = float(argv[i + 1])
            i += 1
        else:
            args.append(a)
        i += 1
    if len(args) != 2 or rounds < 1:
        print("usage: null_test.py [-v] [--rounds N] [--scale S] VNAUDIT SRCDIR", file=sys.stderr)
        return 2
    vnaudit, src = args
    fixdir = os.path.join(src, "fixtures", "validate")
    fixtures = sorted(f for f in os.listdir(fixdir) if f.endswith(".txt"))
    if not fixtures:
        print(f"null_test: no fixture in {fixdir}", file=sys.stderr)
        return 2
    hedges = load_hedges(src)
    why_count = {"exact": 0, "hedge": 0, "rounding": 0}
    survived = {}   # (fixture, line, rule) -> rounds in which it survived
    failed = False
    tot_orig = tot_surv = tot_chance = tot_figs = 0
    with tempfile.TemporaryDirectory(prefix="vnaudit-null-") as tmp:
        for name in fixtures:
            rc, text, err = run([vnaudit, "text", os.path.join(fixdir, name)])
            if rc != 0:
                print(f"null_test: {vnaudit} text {name} exited {rc}: {err}", file=sys.stderr)
                return 2
            base = os.path.join(tmp, name)
            with open(base, "w", encoding="utf-8") as f:
                f.write(text)
            try:
                orig_recs = records(vnaudit, base)
            except RuntimeError as e:
                print(f"null_test: {e}", file=sys.stderr)
                return 2
            orig = checks(orig_recs)
            cons = {}
            for c in orig:
                if c["verdict"] == "consistent":
                    cons.setdefault((c["line"], c["rule"]), []).append(c)
            present = {(c["line"], c["rule"]) for c in orig}
            excl = excluded_spans(orig_recs)
            if not cons:
                print(f"FAIL {name}: no consistent check in the original: nothing to test")
                failed = True
                continue
            tot_orig += sum(len(v) for v in cons.values())
            for r in range(1, rounds + 1):
                rng = random.Random(f"null:{r}:{name}")
                ptext, changed = perturb_text(text, excl, rng, scale)
                tot_figs += changed
                if changed == 0:
                    print(f"FAIL {name} round {r}: no figure was changed")
                    failed = True
                    continue
                pfile = os.path.join(tmp, f"r{r}-{name}")
                with open(pfile, "w", encoding="utf-8") as f:
                    f.write(ptext)
                try:
                    pert = checks(records(vnaudit, pfile))
                except RuntimeError as e:
                    print(f"null_test: {e}", file=sys.stderr)
                    return 2
                survivors, chance = [], []
                for c in pert:
                    if c["verdict"] != "consistent":
                        continue
                    key = (c["line"], c["rule"])
                    if key in cons:
                        if all((s_["line"], s_["rule"]) != key for s_ in survivors):   # one per relation
                            survivors.append(c)
                    else:
                        chance.append(c)
                tot_surv += len(survivors)
                tot_chance += len(chance)
                for c in survivors:
                    survived[(name, c["line"], c["rule"])] = survived.get((name, c["line"], c["rule"]), 0) + 1
                bad = len(chance) > MAX_CHANCE
                failed |= bool(bad)
                print(f"{'FAIL' if bad else 'ok  '} {name} round {r}: {changed} figures changed; "
                      f"{sum(len(v) for v in cons.values())} consistent in the original, "
                      f"{len(survivors)} survive; {len(chance)} chance discoveries (at most {MAX_CHANCE})")
                plines = ptext.split("\n")
                for c in survivors:
                    why = why_survives(c, plines[c["line"] - 1], hedges)
                    why_count[why] += 1
                    print(f"    survives ({why}): line {c['line']}: {describe(c)}")
                    for o in cons[(c["line"], c["rule"])]:
                        print(f"              original: {describe(o)}")
                    if verbose:
                        print(f"              text: {ptext.split(chr(10))[c['line'] - 1][:200]}")
                for c in chance:
                    how = "new" if (c["line"], c["rule"]) not in present else "was not consistent"
                    print(f"    chance ({how}): line {c['line']}: {describe(c)}")
                if verbose:
                    print("    perturbed lines with figures:")
                    for a, b in zip(text.split("\n"), ptext.split("\n")):
                        if a != b:
                            print(f"      - {a[:160]}\n      + {b[:160]}")
    # a relation that holds in every round holds whatever its figures are: it checks nothing
    for (name, line, rule), k in sorted(survived.items()):
        if k == rounds and rounds >= 2:
            print(f"FAIL {name}: line {line} {rule} survives in all {rounds} rounds")
            failed = True
    print(f"null test: {len(fixtures)} fixtures x {rounds} rounds, {tot_figs} figures changed; "
          f"{tot_surv} survivors of {tot_orig * rounds} consistent relations "
          f"({why_count['exact']} exact, {why_count['hedge']} hedge, {why_count['rounding']} rounding), "
          f"{tot_chance} chance discoveries")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
