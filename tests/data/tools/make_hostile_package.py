#!/usr/bin/env python3
"""Writes tests/data/packages/hostile: a tiny append package whose table and column names and
whose values are hostile to SQL text built by hand (quotes, backslashes, unicode, spaces,
injection attempts, a 63-character name), in the shapes dlt's writers produce for PostgreSQL:
an insert_values job (gzip) and a jsonl job for the hostile table, an insert_values job for a
table with a 63-character name. tests/integration/tst_PgCliLoad.cpp holds the expectations.
Re-run to regenerate; the output is committed."""
import gzip, json, os, shutil

ROOT = os.path.join(os.path.dirname(__file__), "..", "packages", "hostile")
LOAD_ID = "1800000002.000001"
PKG = os.path.join(ROOT, LOAD_ID)
DATASET = "wharf_pgit_hostile"

TABLE_A = 'Hostile "Tbl" \\ \u00dcn\u00ef \u540d; DROP TABLE x --'
TABLE_B = "t63_" + "table_name_exactly_sixty_three_characters_long_abcdefghijklmno"[: 63 - 4]
COL63 = "c63_" + "column_name_exactly_sixty_three_characters_long_abcdefghijklmno"[: 63 - 4]
assert len(TABLE_B) == 63 and len(COL63) == 63

# (name, dlt type) of the hostile table, in schema order
COLUMNS_A = [
    ("id", "bigint"),
    ('Col "Quoted"', "text"),
    ("back\\slash", "text"),
    ("\u00dcn\u00efc\u00f8d\u00e9 \u540d\u524d", "text"),
    ("with space", "text"),
    ("x; DROP TABLE x --", "text"),
    (COL63, "text"),
]
ROWS_A = [
    (1, 'O\'Reilly said "hi"', "C:\\path\\to\\file \\\\ and \\N", "\u65e5\u672c\u8a9e \u00fcn\u00efc\u00f8d\u00e9 \u2713 \U0001F680",
     "line1\nline2\r\nline3\ttabbed", "'); DROP TABLE x; --", "a\n\\.\nb"),
    (2, "", "\\", None, "E'\\x41'", 'x"; DROP TABLE x; --', ",NULL,\\N,\"\",''"),
    (9223372036854775807, None, "\\N", None, "NULL", None, "\\."),
]
COLUMNS_B = [("val", "text")]
ROWS_B = [("B's \"value\" \\ end",), (None,)]


def column(name, data_type, nullable=True, **extra):
    return dict({"name": name, "data_type": data_type, "nullable": nullable}, **extra)


def dlt_columns():
    return {"_dlt_load_id": column("_dlt_load_id", "text", False),
            "_dlt_id": column("_dlt_id", "text", False, unique=True, row_key=True)}


def schema():
    def table(name, cols):
        columns = {n: column(n, t) for n, t in cols}
        columns.update(dlt_columns())
        return {"name": name, "write_disposition": "append", "resource": name, "x-normalizer": {"seen-data": True},
                "columns": columns}
    tables = {
        "_dlt_version": {"name": "_dlt_version", "write_disposition": "skip", "resource": "_dlt_version",
                         "description": "Created by DLT. Tracks schema updates", "columns": {
            "version": column("version", "bigint", False),
            "engine_version": column("engine_version", "bigint", False),
            "inserted_at": column("inserted_at", "timestamp", False),
            "schema_name": column("schema_name", "text", False),
            "version_hash": column("version_hash", "text", False),
            "schema": column("schema", "text", False)}},
        "_dlt_loads": {"name": "_dlt_loads", "write_disposition": "skip", "resource": "_dlt_loads",
                       "description": "Created by DLT. Tracks completed loads", "columns": {
            "load_id": column("load_id", "text", False, precision=64),
            "schema_name": column("schema_name", "text", True),
            "status": column("status", "bigint", False),
            "inserted_at": column("inserted_at", "timestamp", False),
            "schema_version_hash": column("schema_version_hash", "text", True)}},
        TABLE_A: table(TABLE_A, COLUMNS_A),
        TABLE_B: table(TABLE_B, COLUMNS_B),
    }
    return {"version": 1, "version_hash": "wharf-hostile-v1", "engine_version": 11, "name": "hostile",
            "tables": tables, "settings": {}, "normalizers": {"names": "snake_case"}, "previous_hashes": []}


def escape_identifier(name):
    # dlt's escape_postgres_identifier (spec 5.6): no case folding in the file, the loader folds the header
    return '"' + name.replace('"', '""').replace("\\", "\\\\") + '"'


def literal(v):
    # dlt's escape_postgres_literal (spec 5.7)
    if v is None:
        return "NULL"
    if isinstance(v, int):
        return str(v)
    out = v.replace("'", "''").replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return "E'" + out + "'"


def insert_values(cols, rows, ids):
    names = [n for n, _ in cols] + ["_dlt_load_id", "_dlt_id"]
    head = "INSERT INTO {}(" + ",".join(escape_identifier(n) for n in names) + ")\nVALUES\n"
    lines = ["(" + ",".join(literal(v) for v in list(row) + [LOAD_ID, i]) + ")" for row, i in zip(rows, ids)]
    return head + ",\n".join(lines) + ";"


def jsonl(cols, rows, ids):
    out = []
    for row, i in zip(rows, ids):
        obj = {n: v for (n, _), v in zip(cols, row) if v is not None}
        obj["_dlt_load_id"] = LOAD_ID
        obj["_dlt_id"] = i
        out.append(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n")
    return "".join(out)


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    jobs = os.path.join(PKG, "new_jobs")
    os.makedirs(jobs)
    with open(os.path.join(PKG, "schema.json"), "w", encoding="utf-8") as f:
        json.dump(schema(), f, separators=(",", ":"), ensure_ascii=False)
    with open(os.path.join(PKG, "schema_updates.json"), "w", encoding="utf-8") as f:
        json.dump({TABLE_A: {"name": TABLE_A}, TABLE_B: {"name": TABLE_B}}, f, ensure_ascii=False)
    with open(os.path.join(PKG, "load_package_state.json"), "w") as f:
        json.dump({"_state_version": 0, "_state_engine_version": 1}, f)
    with open(os.path.join(ROOT, "pipeline_state.json"), "w") as f:
        json.dump({"pipeline_name": "wharf_hostile", "dataset_name": DATASET}, f)
    ids_iv = ["hostile_iv_%d" % (k + 1) for k in range(len(ROWS_A))]
    ids_js = ["hostile_js_%d" % (k + 1) for k in range(len(ROWS_A))]
    with gzip.open(os.path.join(jobs, TABLE_A + ".a1b2c3d4e5.0.insert_values.gz"), "wt", encoding="utf-8") as f:
        f.write(insert_values(COLUMNS_A, ROWS_A, ids_iv))
    with open(os.path.join(jobs, TABLE_A + ".f6a7b8c9d0.0.jsonl"), "w", encoding="utf-8", newline="") as f:
        f.write(jsonl(COLUMNS_A, ROWS_A, ids_js))
    with gzip.open(os.path.join(jobs, TABLE_B + ".0a1b2c3d4e.0.insert_values.gz"), "wt", encoding="utf-8") as f:
        f.write(insert_values(COLUMNS_B, ROWS_B, ["long_table_1", "long_table_2"]))


if __name__ == "__main__":
    main()
