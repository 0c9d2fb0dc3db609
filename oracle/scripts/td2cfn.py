#!/usr/bin/env python3
"""Convert ECS taskdef.json files (API camelCase) into CloudFormation templates holding one
AWS::ECS::TaskDefinition (PascalCase), so that cfn-lint can judge them.

Ported from /work/shared/oracles/td2cfn.py (the ORACLES.md probe script, 2026-11-25) for bgspec's
oracle tests. Changes from the original: batch mode (many files, one output directory, a JSON line
per file on stdout), and a rename table for the CloudFormation property names that are not a plain
capitalisation of the API names (found by walking cfn-lint 1.51's resource schema against botocore's
ECS model): efsVolumeConfiguration, fsxWindowsFileServerVolumeConfiguration, s3filesVolumeConfiguration,
proxyConfiguration.properties, efsVolumeConfiguration.fileSystemId, authorizationConfig.iam.
Keys under dockerLabels / logConfiguration.options / firelensConfiguration.options / driverOpts / labels
are map keys and are kept verbatim.

usage: td2cfn.py OUTDIR FILE.json...
prints {"source": FILE, "template": OUTDIR/N.cfn.json} or {"source": FILE, "skipped": reason} per file."""
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
    if len(argv) < 2:
        print(__doc__, file=sys.stderr)
        return 2
    out, files = argv[0], argv[1:]
    os.makedirs(out, exist_ok=True)
    for n, f in enumerate(files):
        try:
            with open(f, encoding="utf-8") as fh:
                td = json.load(fh)
        except (OSError, ValueError) as e:
            print(json.dumps({"source": f, "skipped": f"unreadable JSON: {e}"}))
            continue
        if not isinstance(td, dict):
            print(json.dumps({"source": f, "skipped": "top level is not an object"}))
            continue
        tmpl = {"AWSTemplateFormatVersion": "2010-09-09",
                "Resources": {"TaskDef": {"Type": "AWS::ECS::TaskDefinition", "Properties": conv(td)}}}
        dst = os.path.join(out, f"{n:04d}.cfn.json")
        with open(dst, "w", encoding="utf-8") as fh:
            json.dump(tmpl, fh, indent=1, ensure_ascii=False)
        print(json.dumps({"source": f, "template": dst}))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
