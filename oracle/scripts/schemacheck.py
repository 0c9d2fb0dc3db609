#!/usr/bin/env python3
"""Validate files against bgspec's exported JSON Schemas with python-jsonschema.

usage: schemacheck.py SCHEMA.json FILE...   (YAML or JSON files)

Checks the schema itself with Draft202012Validator.check_schema, then prints one
JSON line per file: {"file": ..., "valid": bool, "errors": [{"path": "/a/0", "message": ...}]}.
YAML is read with PyYAML's SafeLoader, except that timestamps stay text (as bgspec
keeps them) -- an independent YAML reader and an independent schema engine.
"""
import json
import sys

import jsonschema
import yaml


class Loader(yaml.SafeLoader):
    pass


# Keep timestamps as their text, like bgspec (and AWS's readers of these files).
Loader.yaml_implicit_resolvers = {
    k: [(tag, rx) for tag, rx in v if tag != "tag:yaml.org,2002:timestamp"]
    for k, v in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


def pointer(path):
    return "".join("/" + str(p).replace("~", "~0").replace("/", "~1") for p in path)


def main():
    schema = json.load(open(sys.argv[1], encoding="utf-8"))
    jsonschema.Draft202012Validator.check_schema(schema)
    v = jsonschema.Draft202012Validator(schema)
    for f in sys.argv[2:]:
        text = open(f, "rb").read().decode("utf-8-sig")
        try:
            doc = json.loads(text) if f.endswith(".json") else yaml.load(text, Loader=Loader)
        except Exception as e:  # unreadable: not this judge's business
            print(json.dumps({"file": f, "valid": None, "errors": [{"path": "", "message": str(e)}]}))
            continue
        errs = sorted(v.iter_errors(doc), key=lambda e: list(map(str, e.absolute_path)))
        print(json.dumps({"file": f, "valid": not errs,
                          "errors": [{"path": pointer(e.absolute_path), "message": e.message} for e in errs]}))


if __name__ == "__main__":
    main()
