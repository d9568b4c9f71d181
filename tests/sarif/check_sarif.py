#!/usr/bin/env python3
"""Validates a SARIF log written by vnaudit against the SARIF 2.1.0 schema, then checks what the schema
cannot: the rules the results point to, the level of each kind of result, the counts in the run's
properties, code-point regions and percent-encoded URIs.

Also: a content fingerprint on every result, a helpUri on every rule whose fragment is a section of
docs/VALIDATION.md (--docs), URIs relative to %SRCROOT% (--relative), GitHub's upload limits (25 000 results
a run, 1 000 locations a result).

usage: check_sarif.py SCHEMA LOG [--results N] [--notifications N] [--uri URI]... [--docs VALIDATION.md]
                      [--relative] [--omitted N] [--logical NAME]... [--no-schema]
exit status: 0 valid, 1 invalid (or jsonschema missing: the test never skips)."""
import argparse
import json
import re
import sys

try:
    import jsonschema
except ImportError:
    print("Python's jsonschema is not installed (Debian: python3-jsonschema; scripts/setup.sh installs it)")
    sys.exit(1)

FINGERPRINT = re.compile(r"[0-9a-f]{32}:[1-9][0-9]*")
MAX_RESULTS, MAX_LOCATIONS = 25000, 1000


def anchors(md_path):
    """The fragments GitHub gives the headings of a Markdown file (lower case, punctuation but '-' dropped,
    spaces as '-')."""
    out = set()
    with open(md_path, encoding="utf-8") as f:
        for line in f:
            m = re.match(r"#+\s+(.*)", line)
            if m:
                h = re.sub(r"[^\w\- ]", "", m.group(1).strip().lower())
                out.add(h.replace(" ", "-"))
    return out


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
        if not r.get("fullDescription", {}).get("text") or not r.get("defaultConfiguration", {}).get("level"):
            yield f"rule {r['id']} lacks a fullDescription or defaultConfiguration.level"
        help_uri = r.get("helpUri", "")
        if not help_uri.startswith(("https://", "http://", "file:///")):
            yield f"rule {r['id']}: helpUri {help_uri!r} is not an absolute URL"
        elif args.docs and r["id"] in args.builtin and help_uri.split("#")[-1] not in args.anchors:
            yield f"rule {r['id']}: helpUri {help_uri!r} points to no section of {args.docs}"

    results = run.get("results", [])
    logical = []
    if len(results) > MAX_RESULTS:
        yield f"{len(results)} results, more than GitHub's {MAX_RESULTS}"
    for base in run.get("originalUriBaseIds", {}).values():
        if not (base.get("uri", "").startswith("file:///") and base["uri"].endswith("/")):
            yield f"originalUriBaseIds: {base!r} is not a file URI of a folder"
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
        fp = res.get("partialFingerprints", {}).get("vnauditContent/v1", "")
        if not FINGERPRINT.fullmatch(fp):
            yield f"{where}: partialFingerprints {res.get('partialFingerprints')!r}"
        if len(res.get("locations", [])) + len(res.get("relatedLocations", [])) > MAX_LOCATIONS + 1:
            yield f"{where}: more than {MAX_LOCATIONS} locations"
        for loc in res.get("locations", []):
            art = loc["physicalLocation"]["artifactLocation"]
            if args.relative and art["uri"] != "stdin" and art.get("uriBaseId") != "%SRCROOT%":
                yield f"{where}: uri {art['uri']!r} is not relative to %SRCROOT%"
            if art.get("uriBaseId") and art.get("uriBaseId") not in run.get("originalUriBaseIds", {}):
                yield f"{where}: uriBaseId {art['uriBaseId']} is not in run.originalUriBaseIds"
            logical += [ll["name"] for ll in loc.get("logicalLocations", [])]
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
    omitted = props.get("resultsOmitted", 0)
    if omitted:
        n_all = sum(props.get("checks", {}).get(v, 0) for v in n_checks) + sum(props.get("diagnostics", {}).values())
        if n_all != len(results) + omitted:
            yield f"{len(results)} results and {omitted} left out, properties count {n_all}"
    else:
        for v in n_checks:
            if props.get("checks", {}).get(v) != n_checks[v]:
                yield f"{n_checks[v]} {v} results, properties say {props.get('checks', {}).get(v)}"
        if sum(props.get("diagnostics", {}).values()) != n_diags:
            yield f"{n_diags} diagnostic results, properties say {props.get('diagnostics')}"
    if args.omitted is not None and omitted != args.omitted:
        yield f"resultsOmitted {omitted}, expected {args.omitted}"
    for name in args.logical:
        if name not in logical:
            yield f"no logical location {name!r} (have {logical})"
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
    ap.add_argument("--docs")
    ap.add_argument("--relative", action="store_true")
    ap.add_argument("--omitted", type=int)
    ap.add_argument("--logical", action="append", default=[])
    ap.add_argument("--no-schema", action="store_true")
    args = ap.parse_args()
    args.anchors = anchors(args.docs) if args.docs else set()
    # the rules of vnaudit's own table (an unknown diagnostic rule met in a log points to no section)
    args.builtin = None
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
    bad = [] if args.no_schema else [f"schema: {'/'.join(map(str, e.absolute_path))}: {e.message}"
                                     for e in validator.iter_errors(log)]
    rules = log.get("runs", [{}])[0].get("tool", {}).get("driver", {}).get("rules", [])
    args.builtin = {r["id"] for r in rules if r.get("shortDescription", {}).get("text") !=
                    "A finding of vnaudit's validator."}
    if not bad:
        bad = list(problems(log, args))
    for b in bad[:20]:
        print(f"{args.log}: {b}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
