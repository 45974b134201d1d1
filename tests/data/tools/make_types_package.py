#!/usr/bin/env python3
"""Writes tests/data/packages/types_append: one append table with every dlt data type, the same
five rows in each of the four job formats (insert_values.gz, csv, jsonl, typed-jsonl.gz), in
the exact shapes dlt's writers produce. Re-run to regenerate; the output is committed."""
import base64, gzip, json, os, shutil

ROOT = os.path.join(os.path.dirname(__file__), "..", "packages", "types_append")
LOAD_ID = "1800000000.000001"
PKG = os.path.join(ROOT, LOAD_ID)

COLUMNS = [
    ("col_text", {"data_type": "text", "nullable": True}),
    ("col_bigint", {"data_type": "bigint", "nullable": True}),
    ("col_double", {"data_type": "double", "nullable": True}),
    ("col_bool", {"data_type": "bool", "nullable": True}),
    ("col_ts", {"data_type": "timestamp", "nullable": True}),
    ("col_ts_naive", {"data_type": "timestamp", "timezone": False, "nullable": True}),
    ("col_date", {"data_type": "date", "nullable": True}),
    ("col_time", {"data_type": "time", "nullable": True}),
    ("col_decimal", {"data_type": "decimal", "nullable": True}),
    ("col_wei", {"data_type": "wei", "nullable": True}),
    ("col_json", {"data_type": "json", "nullable": True}),
    ("col_binary", {"data_type": "binary", "nullable": True}),
    ("col_required", {"data_type": "text", "nullable": False}),
    ("_dlt_load_id", {"data_type": "text", "nullable": False}),
    ("_dlt_id", {"data_type": "text", "nullable": False, "unique": True, "row_key": True}),
]

# (text, bigint, double, bool, ts, ts_naive, date, time, decimal, wei, json, binary, required)
ROWS = [
    ("O'Brien said \"hi\", \\ back\nslash", 9223372036854775807, 3.5, True, "2024-04-05T09:16:59.942779+02:00",
     "2024-04-05T09:16:59", "2024-04-05", "09:16:59.123456", "123.456000000", "100000000000000000000000",
     {"a": 1, "b": [True, None, "x"]}, b"hello", "r1"),
    (", NULL'); DROP TABLE all_types --", -42, -0.0, False, "1999-12-31T23:59:59+00:00", "1999-12-31T23:59:59",
     "1999-12-31", "23:59:59", "-0.000000001", "0", [1, 2, 3], b"", "r2"),
    ("日本語のテキスト 'quoted' और हिन्दी", 0, 1e+20, None, None, None, None, None, None, None, None, None, "r3"),
    (None, None, None, None, None, None, None, None, None, None, None, None, "r4"),
    ("", 7, 2.25, True, "2021-01-01T00:00:00Z", "2021-01-01T00:00:00", "2021-01-01", "00:00:00", "1", "1",
     {"nested": {"k": "v'q"}}, "\u00e9\u00e8".encode(), ""),
]
DLT_IDS = ["id_row_one_aa", "id_row_two_bb", "id_row_thr_cc", "id_row_fou_dd", "id_row_fiv_ee"]
JOB = {"n": 1}


def schema():
    tables = {
        "_dlt_version": {"name": "_dlt_version", "write_disposition": "skip", "resource": "_dlt_version",
                         "description": "Created by DLT. Tracks schema updates", "columns": {
            "version": {"name": "version", "data_type": "bigint", "nullable": False},
            "engine_version": {"name": "engine_version", "data_type": "bigint", "nullable": False},
            "inserted_at": {"name": "inserted_at", "data_type": "timestamp", "nullable": False},
            "schema_name": {"name": "schema_name", "data_type": "text", "nullable": False},
            "version_hash": {"name": "version_hash", "data_type": "text", "nullable": False},
            "schema": {"name": "schema", "data_type": "text", "nullable": False}}},
        "_dlt_loads": {"name": "_dlt_loads", "write_disposition": "skip", "resource": "_dlt_loads",
                       "description": "Created by DLT. Tracks completed loads", "columns": {
            "load_id": {"name": "load_id", "data_type": "text", "nullable": False, "precision": 64},
            "schema_name": {"name": "schema_name", "data_type": "text", "nullable": True},
            "status": {"name": "status", "data_type": "bigint", "nullable": False},
            "inserted_at": {"name": "inserted_at", "data_type": "timestamp", "nullable": False},
            "schema_version_hash": {"name": "schema_version_hash", "data_type": "text", "nullable": True}}},
        "all_types": {"name": "all_types", "write_disposition": "append", "resource": "all_types",
                      "x-normalizer": {"seen-data": True},
                      "columns": {n: dict(spec, name=n) for n, spec in COLUMNS}},
    }
    return {"version": 2, "version_hash": "wharf-types-append-v2", "engine_version": 11, "name": "types_append",
            "tables": tables, "settings": {}, "normalizers": {"names": "snake_case"}, "previous_hashes": []}


def pg_literal(v):
    if v is None:
        return "NULL"
    if isinstance(v, bool):
        return "True" if v else "False"
    if isinstance(v, (int, float)):
        return repr(v)
    if isinstance(v, bytes):
        return "'\\x" + v.hex() + "'"
    if isinstance(v, (dict, list)):
        v = json.dumps(v, separators=(",", ":"))
    out = v.replace("'", "''").replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r")
    return "E'" + out + "'"


def values(i, row):
    return list(row) + [LOAD_ID, DLT_IDS[i] + str(JOB["n"])]  # unique across jobs


def insert_values():
    names = [n for n, _ in COLUMNS]
    head = "INSERT INTO {}(" + ",".join('"' + n + '"' for n in names) + ")\nVALUES\n"
    rows = []
    for i, row in enumerate(ROWS):
        vals = values(i, row)
        # dlt renders temporal values as plain quoted ISO strings and decimals as bare numbers
        lits = []
        for (n, spec), v in zip(COLUMNS, vals):
            t = spec["data_type"]
            if v is not None and t in ("timestamp", "date", "time"):
                lits.append("'" + v + "'")
            elif v is not None and t in ("decimal", "wei"):
                lits.append(v)
            else:
                lits.append(pg_literal(v))
        rows.append("(" + ",".join(lits) + ")")
    return head + ",\n".join(rows) + ";"


def csv_text():
    names = [n for n, _ in COLUMNS]
    def field(t, v):
        if v is None:
            return '""'
        if isinstance(v, bool):
            return "True" if v else "False"
        if isinstance(v, (int, float)) and t not in ("decimal", "wei"):
            return repr(v)
        if isinstance(v, bytes):
            v = v.decode("utf-8")  # dlt's csv writer decodes binary values as UTF-8 text
        if isinstance(v, (dict, list)):
            v = json.dumps(v, separators=(",", ":"))
        return '"' + str(v).replace('"', '""') + '"'
    lines = [",".join('"' + n + '"' for n in names)]
    for i, row in enumerate(ROWS):
        vals = values(i, row)
        lines.append(",".join(field(spec["data_type"], v) for (n, spec), v in zip(COLUMNS, vals)))
    return "\n".join(lines) + "\n"


def jsonl_rows(typed):
    out = []
    for i, row in enumerate(ROWS):
        obj = {}
        for (n, spec), v in zip(COLUMNS, values(i, row)):
            t = spec["data_type"]
            if v is None:
                continue  # dlt omits missing keys; readers must fill NULL
            if isinstance(v, bytes):
                v = ("\uf02b" if typed else "") + base64.b64encode(v).decode()
            elif typed and t == "timestamp":
                v = "\uf027" + v
            elif typed and t == "date":
                v = "\uf028" + v
            elif typed and t == "time":
                v = "\uf02d" + v
            elif typed and t == "decimal":
                v = "\uf026" + v
            elif typed and t == "wei":
                v = "\uf02c" + v
            obj[n] = v
        out.append(obj)
    return out


def main():
    shutil.rmtree(ROOT, ignore_errors=True)
    os.makedirs(os.path.join(PKG, "new_jobs"))
    with open(os.path.join(PKG, "schema.json"), "w") as f:
        json.dump(schema(), f, separators=(",", ":"), ensure_ascii=False)
    with open(os.path.join(PKG, "schema_updates.json"), "w") as f:
        json.dump({"all_types": {"name": "all_types"}}, f)
    with open(os.path.join(PKG, "load_package_state.json"), "w") as f:
        json.dump({"_state_version": 0, "_state_engine_version": 1}, f)
    with open(os.path.join(ROOT, "pipeline_state.json"), "w") as f:
        json.dump({"pipeline_name": "types_append", "dataset_name": "types_data"}, f)
    jobs = os.path.join(PKG, "new_jobs")
    JOB["n"] = 1
    with gzip.open(os.path.join(jobs, "all_types.aaaaaaaaa1.0.insert_values.gz"), "wt", encoding="utf-8") as f:
        f.write(insert_values())
    JOB["n"] = 2
    with open(os.path.join(jobs, "all_types.aaaaaaaaa2.0.csv"), "w", encoding="utf-8", newline="") as f:
        f.write(csv_text())
    JOB["n"] = 3
    with open(os.path.join(jobs, "all_types.aaaaaaaaa3.0.jsonl"), "w", encoding="utf-8") as f:
        for obj in jsonl_rows(False):
            f.write(json.dumps(obj, separators=(",", ":"), ensure_ascii=False) + "\n")
    JOB["n"] = 4
    with gzip.open(os.path.join(jobs, "all_types.aaaaaaaaa4.0.typed-jsonl.gz"), "wt", encoding="utf-8") as f:
        f.write(json.dumps(jsonl_rows(True), separators=(",", ":"), ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()
