# The real dlt 1.26 (dlt-kit) loading these rows into MariaDB 10.11 through its sqlalchemy
# destination and pymysql: this folder (destinations/mysql/tests/data/all_types) holds the
# package it made (copied before it loaded), the columns it created (dlt_columns.tsv) and its rows (dlt_rows.txt, each value as
# text, binary in hex, joined by |). dlt 1.26 writes _dlt_version.inserted_at with an offset, which
# MariaDB refuses in strict mode: it ran with sql_mode NO_ENGINE_SUBSTITUTION.
import dlt, datetime, decimal, os, shutil, json
rows = [
 {"id": 1, "dbl": 1.5, "big": 9007199254740993, "flag": True, "txt": "tab\there \\ back", "ts": datetime.datetime(2024,1,2,3,4,5,123456,tzinfo=datetime.timezone.utc),
  "ts_off": datetime.datetime(2024,1,2,3,4,5,tzinfo=datetime.timezone(datetime.timedelta(hours=2))),
  "d": datetime.date(2024,2,29), "tm": datetime.time(6,30,0,654321), "dec": decimal.Decimal("12345.123456789"), "bin": b"\x00\x01\xff", "payload": {"a": [1, "x", {"b": None}]}, "u": "café ☃ 😀"},
 {"id": 2, "dbl": None, "big": -1, "flag": False, "txt": None, "ts": None, "ts_off": None, "d": None, "tm": None, "dec": None, "bin": None, "payload": None, "u": None},
]
@dlt.resource(name="all_types", columns={"bin": {"data_type": "binary"}, "payload": {"data_type": "json"}, "tm": {"data_type": "time"}})
def res():
    yield rows
p = dlt.pipeline("dltmy", destination=dlt.destinations.sqlalchemy("mysql+pymysql://wharf:wharf@127.0.0.1:33069/wharf"), dataset_name="dlt_types", pipelines_dir="/tmp/dltmy/pipes")
p.extract(res())
p.normalize()
# keep the package before dlt loads it
src = os.path.join(p.working_dir, "load", "normalized")
shutil.copytree(src, "/tmp/dltmy/package", dirs_exist_ok=True)
print(p.load())
