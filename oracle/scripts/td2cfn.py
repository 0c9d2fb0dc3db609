#!/usr/bin/env python3
"""Convert ECS taskdef.json files (API camelCase) into CloudFormation templates holding one
AWS::ECS::TaskDefinition (PascalCase), so that cfn-lint can judge them.

Ported from /work/shared/oracles/td2cfn.py (the ORACLES.md probe script, 2026-11-25) for bgspec's
oracle tests. Changes from the original: batch mode (many files, one output directory, a JSON line
per file on stdout; --combine N puts up to N task definitions into one template as resources
TaskDef0000, TaskDef0001, …, so that one cfn-lint call parses few templates), and a rename table for the CloudFormation property names that are not a plain
capitalisation of the API names (found by walking cfn-lint 1.51's resource schema against botocore's
ECS model): efsVolumeConfiguration, fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration,
proxyConfiguration.properties, efsVolumeConfiguration.fileSystemId, authorizationConfig.iam.
Keys under dockerLabels / logConfiguration.options / firelensConfiguration.options / driverOpts / labels
are map keys and are kept verbatim.

usage: td2cfn.py [--combine N] OUTDIR FILE.json...
prints {"source": FILE, "template": OUTDIR/N.cfn.json, "resource": LOGICAL_ID} or
{"source": FILE, "skipped": reason} per file."""
import json
import os
import sys

VERBATIM = {"dockerLabels", "options", "driverOpts", "labels"}
# (parent key, API key) -> CloudFormation key; parent None matches any parent
RENAME = {
    (None, "efsVolumeConfiguration"): "EFSVolumeConfiguration",
    (None, "fsxWindowsFileServerVolumeConfiguration"): "FSxWindowsFileServerVolumeConfiguration",
    (None, "s3filesVolumeConfiguration"): "S3FilesVolumeConfiguration",
    ("proxyConfiguration", "properties"): "ProxyConfigurationProperties",
    ("efsVolumeConfiguration", "fileSystemId"): "FilesystemId",
    ("authorizationConfig", "iam"): "IAM",
}


def cfn_key(parent, k):
    if not k:
        return k
    return RENAME.get((parent, k)) or RENAME.get((None, k)) or k[0].upper() + k[1:]


def conv(v, parent=None):
    if isinstance(v, dict):
        if parent in VERBATIM:
            return v
        return {cfn_key(parent, k): conv(x, k) for k, x in v.items()}
    if isinstance(v, list):
        return [conv(x, parent) for x in v]
    return v


def main(argv):
    combine = 1
    if argv[:1] == ["--combine"]:
        combine, argv = max(1, int(argv[1])), argv[2:]
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, files = argv[0], argv[1:]
    os.makedirs(out, exist_ok=True)
    batch, lines, n = {}, [], 0

    def flush():
        nonlocal batch, lines, n
        if not batch:
            return
        dst = os.path.join(out, f"{n:04d}.cfn.json")
        with open(dst, "w", encoding="utf-8") as fh:
            json.dump({"AWSTemplateFormatVersion": "2010-09-09", "Resources": batch}, fh, indent=1, ensure_ascii=False)
        for src, rid in lines:
            print(json.dumps({"source": src, "template": dst, "resource": rid}))
        batch, lines, n = {}, [], n + 1

    for i, f in enumerate(files):
        try:
            with open(f, encoding="utf-8") as fh:
                td = json.load(fh)
        except (OSError, ValueError) as e:
            print(json.dumps({"source": f, "skipped": f"unreadable JSON: {e}"}))
            continue
        if not isinstance(td, dict):
            print(json.dumps({"source": f, "skipped": "top level is not an object"}))
            continue
        rid = "TaskDef" if combine == 1 else f"TaskDef{i:04d}"
        batch[rid] = {"Type": "AWS::ECS::TaskDefinition", "Properties": conv(td)}
        lines.append((f, rid))
        if len(batch) >= combine:
            flush()
    flush()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
