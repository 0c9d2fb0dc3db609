#!/usr/bin/env python3
"""Offline botocore validation of AWS API request JSON files (no network, no credentials).

Ported from /work/shared/oracles/bcvalidate.py (the ORACLES.md probe script, 2026-11-25) for bgspec's
oracle tests. Changes from the original: every error carries an RFC 6901 JSON pointer into the input
(botocore's own error names are re-resolved against the document, so map keys containing dots work),
output is one JSON object per file (--json), and unreadable JSON is reported instead of crashing.

usage: bcvalidate.py [--strict] [--json] SERVICE OPERATION FILE.json...
  default : botocore's own ParamValidator (required, unknown keys, types, min length/value)
  --strict: additionally checks the service model's enum, max and pattern constraints
  --json  : print {"file":..., "errors":[{"kind","pointer","message"}]} per line
exit 0 if all files valid, 1 otherwise, 2 on usage errors."""
import json
import re
import sys
import unicodedata

import botocore.session
from botocore.validate import ParamValidator


def esc(tok):
    return str(tok).replace("~", "~0").replace("/", "~1")


def ptr(tokens):
    return "".join("/" + esc(t) for t in tokens)


def resolve(doc, name):
    """Turn a botocore parameter name (".a.b[0].c", map keys verbatim) into pointer tokens,
    guided by the document so that map keys containing '.' or '[' resolve correctly."""
    toks, cur, rest = [], doc, name
    while rest:
        if rest.startswith("["):
            m = re.match(r"\[(\d+)\]", rest)
            if not m:
                break
            i = int(m.group(1))
            toks.append(i)
            cur = cur[i] if isinstance(cur, list) and i < len(cur) else None
            rest = rest[m.end():]
        elif rest.startswith("."):
            rest = rest[1:]
            key = None
            if isinstance(cur, dict):
                # longest key that matches the remaining name at a token boundary
                for k in sorted(cur.keys(), key=len, reverse=True):
                    if rest.startswith(k) and (len(rest) == len(k) or rest[len(k)] in ".[ "):
                        key = k
                        break
            if key is None:
                m = re.match(r"[^.\[ ]*", rest)
                key = m.group(0)
            toks.append(key)
            cur = cur.get(key) if isinstance(cur, dict) else None
            rest = rest[len(key):]
        elif rest.startswith(" (key: "):
            # map key error: botocore names it "<map> (key: K)"; point at the key's member
            toks.append(rest[len(" (key: "):-1])
            rest = ""
        else:
            break
    return toks


def botocore_errors(doc, shape):
    report = ParamValidator().validate(doc, shape)
    out = []
    for reason, name, extra in report._errors:  # structured form of generate_report()
        toks = resolve(doc, name)
        if reason == "missing required field":
            toks.append(extra["required_name"])
        elif reason == "unknown field":
            toks.append(extra["unknown_param"])
        msg = report._format_error((reason, name, extra))
        out.append({"kind": reason, "pointer": ptr(toks), "message": msg})
    return out


def pattern_ok(pattern, value):
    """re.fullmatch, plus the one construct Python's re lacks that the AWS models use:
    a repeated character class holding Unicode categories, e.g. ([\\p{L}\\p{Z}\\p{N}_.:/=+\\-@]*)."""
    if "\\p{" not in pattern:
        return re.fullmatch(pattern, value) is not None
    m = re.fullmatch(r"\(?\[(.*)\]\*\)?", pattern)
    if not m:
        return True  # unknown construct: do not invent an error
    cats = re.findall(r"\\p\{(\w+)\}", m.group(1))
    rest = re.sub(r"\\p\{\w+\}", "", m.group(1))
    lit = re.compile("[" + rest + "]") if rest else None
    return all(any(unicodedata.category(c).startswith(k) for k in cats) or (lit and lit.fullmatch(c))
               for c in value)


def strict_errors(value, sh, toks, errs):
    md = sh.metadata
    if sh.type_name == "structure" and isinstance(value, dict):
        for k, v in value.items():
            if k in sh.members:
                strict_errors(v, sh.members[k], toks + [k], errs)
    elif sh.type_name == "list" and isinstance(value, list):
        if "max" in md and len(value) > md["max"]:
            errs.append({"kind": "max items", "pointer": ptr(toks), "message": f"list length {len(value)} > max {md['max']}"})
        for i, v in enumerate(value):
            strict_errors(v, sh.member, toks + [i], errs)
    elif sh.type_name == "map" and isinstance(value, dict):
        for k, v in value.items():
            strict_errors(k, sh.key, toks + [k], errs)
            strict_errors(v, sh.value, toks + [k], errs)
    elif sh.type_name == "string" and isinstance(value, str):
        if getattr(sh, "enum", None) and value not in sh.enum:
            errs.append({"kind": "enum", "pointer": ptr(toks), "message": f"{value!r} not in enum {sh.enum}"})
        if "max" in md and len(value) > md["max"]:
            errs.append({"kind": "max length", "pointer": ptr(toks), "message": f"length {len(value)} > max {md['max']}"})
        if "pattern" in md and not pattern_ok(md["pattern"], value):
            errs.append({"kind": "pattern", "pointer": ptr(toks), "message": f"{value!r} does not match pattern {md['pattern']!r}"})
    elif sh.type_name in ("integer", "long") and isinstance(value, int) and not isinstance(value, bool):
        if "max" in md and value > md["max"]:
            errs.append({"kind": "max value", "pointer": ptr(toks), "message": f"{value} > max {md['max']}"})


def main(argv):
    strict = "--strict" in argv
    as_json = "--json" in argv
    args = [a for a in argv if a not in ("--strict", "--json")]
    if len(args) < 3:
        print(__doc__, file=sys.stderr)
        return 2
    svc, opname, files = args[0], args[1], args[2:]
    shape = botocore.session.get_session().get_service_model(svc).operation_model(opname).input_shape
    bad = 0
    for f in files:
        try:
            with open(f, encoding="utf-8") as fh:
                doc = json.load(fh)
        except (OSError, ValueError) as e:
            errs = [{"kind": "unreadable", "pointer": "", "message": f"{type(e).__name__}: {e}"}]
        else:
            errs = botocore_errors(doc, shape)
            if strict:
                strict_errors(doc, shape, [], errs)
        bad += bool(errs)
        if as_json:
            print(json.dumps({"file": f, "errors": errs}, ensure_ascii=False))
        elif errs:
            print(f"INVALID {f}\n  " + "\n  ".join(f"{e['pointer'] or '(root)'}: {e['message']}" for e in errs))
        else:
            print(f"OK {f}")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
