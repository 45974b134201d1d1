#!/usr/bin/env python3
"""Loads a package that `wharf export --package` wrote with dlt's own load step.

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
    del storage
    pipeline._inject_schema(schema)
    print(pipeline.load())


if __name__ == "__main__":
    main()
