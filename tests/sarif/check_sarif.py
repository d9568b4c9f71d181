#!/usr/bin/env python3
"""Validates a SARIF log written by vnaudit against the SARIF 2.1.0 schema, then checks what the schema
cannot: the rules the results point to, the level of each kind of result, the counts in the run's
properties, code-point regions and percent-encoded URIs.

usage: check_sarif.py SCHEMA LOG [--results N] [--notifications N] [--uri URI]...
exit status: 0 valid, 1 invalid, 77 jsonschema is not installed (the test is skipped)."""
import argparse
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    print("skip: Python's jsonschema is not installed (Debian: python3-jsonschema)")
    sys.exit(77)

URI_OK = re.compile(r"(?:file://)?(?:[A-Za-z0-9._~/-]|%[0-9A-F]{2})+")
LEVEL_OF_VERDICT = {"inconsistent": "error", "ambiguous": "warning"}


def problems(log, args):
    runs = log.get("runs", [])
    if len(runs) != 1:
        yield f"{len(runs)} runs, expected one for the whole batch"
        return
    run = runs[0]
    if log.get("version") != "2.1.0":
        yield f"version {log.get('version')!r}"
    if run.get("columnKind") != "unicodeCodePoints":
        yield f"columnKind {run.get('columnKind')!r}, expected unicodeCodePoints"
    driver = run["tool"]["driver"]
    for k in ("name", "version", "informationUri", "rules"):
        if not driver.get(k):
            yield f"tool.driver.{k} is missing"
    rules = driver.get("rules", [])
    ids = [r["id"] for r in rules]
    if len(ids) != len(set(ids)):
        yield "duplicate rule ids"
    for r in rules:
        if not r.get("shortDescription", {}).get("text") or not r.get("help", {}).get("text"):
            yield f"rule {r['id']} lacks a shortDescription or help text"

    results = run.get("results", [])
    n_checks = {"inconsistent": 0, "ambiguous": 0}
    n_diags = 0
    for i, res in enumerate(results):
        where = f"result {i} ({res.get('ruleId')})"
        idx = res.get("ruleIndex")
        if idx is not None and (idx >= len(rules) or rules[idx]["id"] != res["ruleId"]):
            yield f"{where}: ruleIndex {idx} does not point to its rule"
        verdict = res.get("properties", {}).get("verdict")
        if verdict is not None:
            if verdict not in LEVEL_OF_VERDICT:
                yield f"{where}: a {verdict} check is a result"
            elif res["level"] != LEVEL_OF_VERDICT[verdict]:
                yield f"{where}: level {res['level']} for a {verdict} check"
            else:
                n_checks[verdict] += 1
        else:
            n_diags += 1
        if not res["message"].get("text"):
            yield f"{where}: empty message"
        for loc in res.get("locations", []) + res.get("relatedLocations", []):
            phys = loc["physicalLocation"]
            uri = phys["artifactLocation"]["uri"]
            if not URI_OK.fullmatch(uri):
                yield f"{where}: uri {uri!r} is not a percent-encoded relative path or file URI"
            reg = phys.get("region", {})
            if reg.get("startLine", 0) < 1:
                yield f"{where}: region without a startLine"
            if "endColumn" in reg and reg.get("endLine", reg["startLine"]) == reg["startLine"] \
                    and reg["endColumn"] < reg.get("startColumn", 1):
                yield f"{where}: endColumn before startColumn"
            snippet = reg.get("snippet", {}).get("text")
            if snippet is not None and "endColumn" in reg and reg.get("endLine", reg["startLine"]) == reg["startLine"] \
                    and reg["endColumn"] - reg["startColumn"] != len(snippet):
                yield f"{where}: region {reg['startColumn']}..{reg['endColumn']} is not {len(snippet)} code points"

    props = run.get("properties", {})
    for v in n_checks:
        if props.get("checks", {}).get(v) != n_checks[v]:
            yield f"{n_checks[v]} {v} results, properties say {props.get('checks', {}).get(v)}"
    if sum(props.get("diagnostics", {}).values()) != n_diags:
        yield f"{n_diags} diagnostic results, properties say {props.get('diagnostics')}"
    if args.results is not None and len(results) != args.results:
        yield f"{len(results)} results, expected {args.results}"
    notes = run["invocations"][0].get("toolExecutionNotifications", [])
    if args.notifications is not None and len(notes) != args.notifications:
        yield f"{len(notes)} tool execution notifications, expected {args.notifications}"
    if run["invocations"][0]["executionSuccessful"] != (props.get("unreadableFiles") == 0):
        yield "executionSuccessful disagrees with unreadableFiles"
    uris = {loc["physicalLocation"]["artifactLocation"]["uri"]
            for res in results for loc in res.get("locations", [])}
    uris |= {loc["physicalLocation"]["artifactLocation"]["uri"] for n in notes for loc in n.get("locations", [])}
    for u in args.uri:
        if u not in uris:
            yield f"no location with uri {u!r} (have {sorted(uris)})"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("schema")
    ap.add_argument("log")
    ap.add_argument("--results", type=int)
    ap.add_argument("--notifications", type=int)
    ap.add_argument("--uri", action="append", default=[])
    args = ap.parse_args()
    with open(args.schema, encoding="utf-8") as f:
        schema = json.load(f)
    try:
        with open(args.log, encoding="utf-8") as f:
            log = json.load(f)
    except (ValueError, UnicodeDecodeError) as e:
        print(f"{args.log}: not JSON: {e}")
        return 1
    cls = jsonschema.validators.validator_for(schema)
    validator = cls(schema, format_checker=cls.FORMAT_CHECKER)
    bad = [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(log)]
    if not bad:
        bad = list(problems(log, args))
    for b in bad[:20]:
        print(f"{args.log}: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
