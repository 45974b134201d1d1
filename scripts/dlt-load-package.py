#!/usr/bin/env python3
"""Loads a package (one `wharf export --package` or a benchmark wrote) with dlt's own load step.

dlt loads packages that its normalizer left in a pipeline's working folder; this puts the
package there (with its schema as the pipeline's) and runs the load step:

    python3 scripts/dlt-load-package.py OUT/<pipeline>/<load id> --destination postgres \
        --dataset moved   # credentials as dlt reads them: DESTINATION__POSTGRES__CREDENTIALS=...

Needs the dlt Python package (pip install dlt, or ../shared/tools/dlt-kit here).
"""
import argparse
import json
import os
import shutil
import time

import dlt
from dlt.common.schema import Schema


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("package", help="the package folder: <out>/<pipeline>/<load id>")
    parser.add_argument("--destination", required=True, help="a dlt destination, e.g. postgres or duckdb")
    parser.add_argument("--dataset", help="dataset to load into (default: the package's)")
    parser.add_argument("--pipelines-dir", help="dlt's pipelines folder (default: dlt's)")
    args = parser.parse_args()

    package = os.path.abspath(args.package)
    with open(os.path.join(os.path.dirname(package), "pipeline_state.json")) as f:
        state = json.load(f)
    with open(os.path.join(package, "schema.json")) as f:
        schema = Schema.from_stored_schema(json.load(f))
    pipeline = dlt.pipeline(
        pipeline_name=state["pipeline_name"],
        destination=args.destination,
        dataset_name=args.dataset or state["dataset_name"],
        pipelines_dir=args.pipelines_dir,
    )
    storage = pipeline._get_load_storage()  # dlt's versioned load storage, made if missing
    target = os.path.join(pipeline.working_dir, "load", "normalized", os.path.basename(package))
    shutil.copytree(package, target)
    # dlt's normalizer leaves all four job folders; a package written by other tools may not.
    for folder in ("new_jobs", "started_jobs", "completed_jobs", "failed_jobs"):
        os.makedirs(os.path.join(target, folder), exist_ok=True)
    # A schema whose version hash is not dlt's own (a benchmark's placeholder) is stored again
    # as dlt stores it, with the hash dlt computes; a schema dlt wrote is left as it is.
    stored = schema.to_dict()
    with open(os.path.join(target, "schema.json"), "w") as f:
        json.dump(stored, f)
    schema = Schema.from_stored_schema(stored)
    del storage
    pipeline._inject_schema(schema)
    started = time.monotonic()
    info = pipeline.load()
    # wharf_bench_postgres reads this: the load step alone, without Python's and dlt's start.
    print(f"dlt load step: {time.monotonic() - started:.3f} s")
    print(info)


if __name__ == "__main__":
    main()
