#!/usr/bin/env python3
"""The forms spec (tests/validate/forms.txt): every example through the CLI and the library.

usage: run_forms.py [-v] VNAUDIT VNAUDIT_CHECKS [SPEC]

VNAUDIT is the command-line tool (`vnaudit check --format jsonl`), VNAUDIT_CHECKS the library driver built
from tests/validate/checks_driver.c (the public API); SPEC defaults to forms.txt next to this script. The
format of the spec is described at its top.

For each example the checks each side produces, as a multiset of (rule, verdict, claimed), must equal the
expected ones (`subset`: include them). The two sides must also agree with each other. An example marked
`pending` must not pass: when it does on both sides, the mark is stale and the run fails.

Exit status: 0 all non-pending examples pass and no pending one does; 1 otherwise; 2 usage error, an
unreadable or malformed spec, a program that fails or prints something that is not a check record.
"""
import collections
import json
import os
import subprocess
import sys
import tempfile

FENCE = "`" * 32


class SpecError(Exception):
    pass


def parse_spec(path):
    """Yields dicts: number, line (1-based, of the opening fence), flags, input, expected (list of triples)."""
    with open(path, encoding="utf-8") as f:
        lines = f.read().split("\n")
    examples = []
    i = 0
    while i < len(lines):
        line = lines[i]
        if line.startswith(FENCE) and line[len(FENCE):].strip().startswith("example"):
            start = i + 1
            words = line[len(FENCE):].split()
            flags = set(words[1:])
            unknown = flags - {"pending", "subset"}
            if unknown:
                raise SpecError(f"{path}:{start}: unknown flag(s) {' '.join(sorted(unknown))}")
            body = []
            i += 1
            while i < len(lines) and lines[i] != FENCE:
                body.append(lines[i])
                i += 1
            if i == len(lines):
                raise SpecError(f"{path}:{start}: example not closed")
            if "." not in body:
                raise SpecError(f"{path}:{start}: example without a '.' line")
            dot = body.index(".")
            text = "\n".join(body[:dot]).replace("→", "\t") + "\n"
            expected = []
            for k, e in enumerate(body[dot + 1:]):
                parts = e.split()
                if len(parts) != 3:
                    raise SpecError(f"{path}:{start + dot + 2 + k}: expected 'rule verdict claimed', got {e!r}")
                if parts[1] not in ("consistent", "inconsistent", "partial", "ambiguous"):
                    raise SpecError(f"{path}:{start + dot + 2 + k}: unknown verdict {parts[1]!r}")
                expected.append(tuple(parts))
            if not text.strip():
                raise SpecError(f"{path}:{start}: empty input")
            examples.append({"number": len(examples) + 1, "line": start, "flags": flags, "input": text,
                             "expected": expected})
        elif line.startswith(FENCE):
            raise SpecError(f"{path}:{i + 1}: a fence that does not open an example")
        i += 1
    return examples


def run(cmd):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return p.returncode, p.stdout.decode("utf-8"), p.stderr.decode("utf-8", "replace")


def collect(stdout, files, cli):
    """Check triples by file."""
    got = {f: [] for f in files}
    for ln in stdout.splitlines():
        if not ln.strip():
            continue
        rec = json.loads(ln)
        if cli and rec.get("type") != "check":
            continue
        if rec["file"] not in got:
            raise SpecError(f"a record for an unknown file: {ln}")
        got[rec["file"]].append((rec["rule"], rec["verdict"], rec["claimed"]))
    return got


def matches(expected, got, subset):
    e, g = collections.Counter(expected), collections.Counter(got)
    if subset:
        return not (e - g)
    return e == g


def show(triples):
    return "\n".join("      " + " ".join(t) for t in sorted(triples)) or "      (none)"


def main(argv):
    verbose = False
    if argv and argv[0] == "-v":
        verbose = True
        argv = argv[1:]
    if len(argv) not in (2, 3):
        print(__doc__.strip().split("\n")[2], file=sys.stderr)
        return 2
    cli, lib = argv[0], argv[1]
    spec = argv[2] if len(argv) == 3 else os.path.join(os.path.dirname(os.path.abspath(__file__)), "forms.txt")
    try:
        examples = parse_spec(spec)
    except (OSError, SpecError) as e:
        print(f"run_forms: {e}", file=sys.stderr)
        return 2
    if not examples:
        print(f"run_forms: no example in {spec}", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory(prefix="vnaudit-forms-") as tmp:
        files = []
        for ex in examples:
            path = os.path.join(tmp, f"example-{ex['number']:03d}.txt")
            with open(path, "w", encoding="utf-8") as f:
                f.write(ex["input"])
            files.append(path)
        rc, out_cli, err = run([cli, "check", "--format", "jsonl"] + files)
        if rc not in (0, 1):
            print(f"run_forms: {cli} exited {rc}: {err}", file=sys.stderr)
            return 2
        rc, out_lib, err = run([lib] + files)
        if rc != 0:
            print(f"run_forms: {lib} exited {rc}: {err}", file=sys.stderr)
            return 2
        try:
            got_cli = collect(out_cli, files, True)
            got_lib = collect(out_lib, files, False)
        except (ValueError, KeyError, SpecError) as e:
            print(f"run_forms: unreadable output: {e}", file=sys.stderr)
            return 2

    passed = pending = 0
    failures = []       # (example, why)
    pending_notes = []
    for ex, path in zip(examples, files):
        c, l = got_cli[path], got_lib[path]
        subset = "subset" in ex["flags"]
        ok_cli = matches(ex["expected"], c, subset)
        ok_lib = matches(ex["expected"], l, subset)
        agree = collections.Counter(c) == collections.Counter(l)
        first = ex["input"].split("\n")[0]
        head = f"example {ex['number']} (line {ex['line']}): {first[:90]}"
        detail = f"    expected{' (subset)' if subset else ''}:\n{show(ex['expected'])}\n    cli:\n{show(c)}"
        if not agree:
            detail += f"\n    library:\n{show(l)}"
        if not agree:
            failures.append((head, "the CLI and the library give different checks", detail))
        elif "pending" in ex["flags"]:
            if ok_cli and ok_lib:
                failures.append((head, "pending but passes: remove the 'pending' mark", detail))
            else:
                pending += 1
                # a pending example that is only a rule id away from passing is worth knowing about
                near = collections.Counter((v, n) for _, v, n in ex["expected"]) == \
                    collections.Counter((v, n) for _, v, n in c) and c
                pending_notes.append((head, "same verdicts and claims under another rule id" if near else "",
                                      detail))
        elif ok_cli and ok_lib:
            passed += 1
            if verbose:
                print(f"ok {head}")
        else:
            failures.append((head, "checks differ from the expected ones", detail))

    for head, why, detail in pending_notes:
        print(f"pending {head}" + (f"  [{why}]" if why else ""))
        if verbose or why:
            print(detail)
    for head, why, detail in failures:
        print(f"FAIL {head}\n    {why}\n{detail}")
    print(f"forms: {len(examples)} examples: {passed} passed, {pending} pending, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
