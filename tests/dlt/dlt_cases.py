"""Cases that the real dlt 1.26 turns into load packages and loads itself, as reference data for
Wharf's integration tests (../shared/tools/dlt-kit; regenerate with
`python3 ../shared/tools/dlt-kit/dltkit.py run --cases tests/dlt/dlt_cases.py --out tests/data/dlt CASE`,
and commit packages and expected results of one run together)."""
from dltkit import case, resource, step


def tickets(ids, deleted=(), updated=()):
    rows = []
    for i in ids:
        row = {"id": i, "title": "ticket %d%s" % (i, " (updated)" if i in updated else ""),
               "labels": [{"name": "l%d-a" % i}, {"name": "l%d-b" % i}]}
        if i in deleted:
            row["deleted"] = True
        elif deleted:
            row["deleted"] = False
        rows.append(row)
    return rows


@case("merge_hard_delete")
def merge_hard_delete():
    """delete-insert merge on primary key id with a bool hard_delete column and a nested table:
    step 1 inserts 30 tickets (60 labels); step 2 deletes 5, updates 5 and adds 5 (issue 10 #1:
    the merge once loaded 0 rows on SQLite and said LOADED)"""
    hints = dict(write_disposition="merge", primary_key="id", columns={"deleted": {"hard_delete": True}})
    return [
        step("step1", lambda: resource(tickets(range(1, 31)), "tickets", **hints)),
        step("step2", lambda: resource(tickets(list(range(1, 11)) + list(range(31, 36)), deleted=range(1, 6),
                                               updated=range(6, 11)), "tickets", **hints)),
    ]


# ------------------------------------------------------------------------------------------------
# merge strategies: upsert, insert-only
# ------------------------------------------------------------------------------------------------
def accounts(ids, updated=(), deleted=(), short=(), longer=()):
    """accounts with a nested list of phones (2 or 3 per account; 1 for ids in `short`, 4 for ids in
    `longer`) and an explicit bool `deleted` (True for ids in `deleted`)"""
    rows = []
    for i in ids:
        n = 1 if i in short else 4 if i in longer else 2 + i % 2
        tag = "u" if i in updated else "o"
        rows.append({"id": i, "name": "account %d%s" % (i, " (updated)" if i in updated else ""),
                     "balance": i * 10 + (5 if i in updated else 0),
                     "phones": [{"number": "555-%03d-%d%s" % (i, k, tag), "kind": "mobile" if k % 2 else "home"}
                                for k in range(n)],
                     "deleted": i in deleted})
    return rows


@case("merge_upsert")
def merge_upsert():
    """merge strategy upsert on primary key id, nested list phones, bool hard_delete column deleted:
    step 1 inserts 30 accounts (75 phones); step 2 updates 1-8 (ids 1-4 also drop to 1 phone, 5-8
    keep their count but change numbers), hard-deletes 9-12, resends 13 unchanged, adds 31-35 and
    sends id 99 with deleted=true that never existed: dlt's MERGE inserts it anyway (WHEN NOT MATCHED
    does not look at the hard_delete column) and deletes its phones: 32 accounts (99 with deleted=t),
    72 phones"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "upsert"}, primary_key="id",
                 columns={"deleted": {"hard_delete": True}})
    step2 = list(range(1, 14)) + [99] + list(range(31, 36))
    return [
        step("step1", lambda: resource(accounts(range(1, 31)), "accounts", **hints)),
        step("step2", lambda: resource(accounts(step2, updated=range(1, 9), deleted=list(range(9, 13)) + [99],
                                                short=range(1, 5)), "accounts", **hints)),
    ]


@case("merge_insert_only")
def merge_insert_only():
    """merge strategy insert-only on primary key id, nested list phones: step 1 inserts 20 accounts
    (50 phones); step 2 resends ids 11-20 with changed name, balance and phone numbers (none of them
    may change; ids 11 and 12 come with 4 phones instead of 3/2 and dlt inserts the phone rows of the
    positions that did not exist before, because nested rows are matched on their row key) and adds
    21-25: 25 accounts, 66 phones (50 + 13 of the new accounts + 1 for id 11 + 2 for id 12)"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "insert-only"}, primary_key="id")
    return [
        step("step1", lambda: resource(accounts(range(1, 21)), "accounts", **hints)),
        step("step2", lambda: resource(accounts(range(11, 26), updated=range(11, 21), longer=(11, 12)),
                                       "accounts", **hints)),
    ]


# ------------------------------------------------------------------------------------------------
# scd2
# ------------------------------------------------------------------------------------------------
def members(spec):
    """spec: {id: version}; version 1 is the original record, higher versions change name + items"""
    rows = []
    for i, v in sorted(spec.items()):
        rows.append({"id": i, "name": "member %d" % i + ("" if v == 1 else " v%d" % v),
                     "level": (i + v) % 4,
                     "items": [{"sku": "sku-%d-%d" % (i, k), "qty": k + v} for k in range(1 + i % 2)]})
    return rows


@case("scd2_default")
def scd2_default():
    """merge strategy scd2 with default settings (_dlt_valid_from/_dlt_valid_to, row hash in _dlt_id,
    boundary = the package's created_at), nested list items: step 1 snapshot of members 1-10;
    step 2 changes 4 and 5, drops 6 and 7 (retired), adds 11 and 12; step 3 is the step-2 snapshot
    plus member 6 again, identical to step 1 (re-inserted as a new active version with the same hash
    and _dlt_id, its items already exist and are not inserted again): members/items 10/15, 14/21
    (4 retired), 15/21 (11 active)"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "scd2"})
    s1 = {i: 1 for i in range(1, 11)}
    s2 = {i: 1 for i in (1, 2, 3, 8, 9, 10, 11, 12)}
    s2.update({4: 2, 5: 2})
    s3 = dict(s2)
    s3[6] = 1
    return [
        step("step1", lambda: resource(members(s1), "members", **hints)),
        step("step2", lambda: resource(members(s2), "members", **hints)),
        step("step3", lambda: resource(members(s3), "members", **hints)),
    ]


def versioned(spec):
    """spec: {id: version}; the data carries its own row version in row_hash"""
    return [{"id": i, "name": "contract %d" % i + ("" if v == 1 else " v%d" % v), "amount": i * 100 + v,
             "row_hash": "h%03d-v%d" % (i, v)} for i, v in sorted(spec.items())]


@case("scd2_options")
def scd2_options():
    """scd2 with validity_column_names [valid_from, valid_until], active_record_timestamp 9999-12-31,
    a fixed boundary_timestamp per step (2024-01-01T00:00:00+00:00, then 2024-02-01T00:00:00+00:00)
    and row_version_column_name row_hash supplied by the data: step 1 contracts 1-8; step 2 changes
    2 and 3 (new row_hash), drops 4 and 5, adds 9: 11 rows, 7 active (valid_until 9999-12-31)"""
    def hints(boundary):
        return dict(write_disposition={"disposition": "merge", "strategy": "scd2",
                                       "validity_column_names": ["valid_from", "valid_until"],
                                       "active_record_timestamp": "9999-12-31",
                                       "boundary_timestamp": boundary,
                                       "row_version_column_name": "row_hash"})
    s1 = {i: 1 for i in range(1, 9)}
    s2 = {1: 1, 2: 2, 3: 2, 6: 1, 7: 1, 8: 1, 9: 1}
    return [
        step("step1", lambda: resource(versioned(s1), "contracts", **hints("2024-01-01T00:00:00+00:00"))),
        step("step2", lambda: resource(versioned(s2), "contracts", **hints("2024-02-01T00:00:00+00:00"))),
    ]


def orders(spec):
    """spec: {(customer, item): version}"""
    return [{"customer": c, "item": it, "qty": 10 * v + len(it), "note": "v%d" % v}
            for (c, it), v in sorted(spec.items())]


@case("scd2_merge_key")
def scd2_merge_key():
    """scd2 with merge_key customer (partitioned retirement): step 1 has 4 orders each of customers
    c1, c2, c3 (12 rows); step 2 has only c1 (i2 changed, i4 gone) and c2 (all 4 unchanged plus new
    i5): c1/i2 v1 and c1/i4 are retired, c3 is absent from step 2 and its 4 orders stay active:
    14 rows, 12 active"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "scd2"}, merge_key="customer")
    s1 = {(c, "i%d" % k): 1 for c in ("c1", "c2", "c3") for k in range(1, 5)}
    s2 = {("c1", "i1"): 1, ("c1", "i2"): 2, ("c1", "i3"): 1,
          ("c2", "i1"): 1, ("c2", "i2"): 1, ("c2", "i3"): 1, ("c2", "i4"): 1, ("c2", "i5"): 1}
    return [
        step("step1", lambda: resource(orders(s1), "orders", **hints)),
        step("step2", lambda: resource(orders(s2), "orders", **hints)),
    ]


@case("scd2_sqlite", dest="sqlite")
def scd2_sqlite():
    """scd2 with default settings on SQLite (dlt's sqlalchemy destination, typed-jsonl), nested list
    items: step 1 snapshot of members 1-10; step 2 changes 4 and 5, drops 6 and 7, adds 11 and 12:
    members/items 10/15, then 14/21 (4 retired)"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "scd2"})
    s1 = {i: 1 for i in range(1, 11)}
    s2 = {i: 1 for i in (1, 2, 3, 8, 9, 10, 11, 12)}
    s2.update({4: 2, 5: 2})
    return [
        step("step1", lambda: resource(members(s1), "members", **hints)),
        step("step2", lambda: resource(members(s2), "members", **hints)),
    ]


# ------------------------------------------------------------------------------------------------
# replace strategies
# ------------------------------------------------------------------------------------------------
def products(ids, no_tags=(), notes=True, gen=1):
    """products with nested lists tags (2 each, none for ids in no_tags) and notes (1 each, or none
    at all when notes is False)"""
    return [{"id": i, "name": "product %d g%d" % (i, gen), "price": i * 1.5 + gen,
             "tags": [] if i in no_tags else ["t%d-%d" % (i, k) for k in range(2)],
             "notes": [{"text": "note for %d" % i}] if notes else []} for i in ids]


def replace_case(strategy):
    env = {"DESTINATION__REPLACE_STRATEGY": strategy}
    return [
        step("step1", lambda: resource(products(range(1, 21)), "products", write_disposition="replace"),
             load_env=env),
        step("step2", lambda: resource(products(range(1, 13), no_tags=range(1, 5), notes=False, gen=2), "products",
                                       write_disposition="replace"), load_env=env),
    ]


@case("replace_insert_from_staging")
def replace_insert_from_staging():
    """replace with DESTINATION__REPLACE_STRATEGY=insert-from-staging (load_env of both steps), nested
    lists tags and notes: step 1 20 products (40 tags, 20 notes); step 2 12 products, ids 1-4 without
    tags (16 tags) and no notes at all (the package has no products__notes job): 12/16/0"""
    return replace_case("insert-from-staging")


@case("replace_staging_optimized")
def replace_staging_optimized():
    """replace with DESTINATION__REPLACE_STRATEGY=staging-optimized (load_env of both steps), nested
    lists tags and notes: step 1 20 products (40 tags, 20 notes); step 2 12 products, ids 1-4 without
    tags (16 tags) and no notes at all (the package has no products__notes job): 12/16/0"""
    return replace_case("staging-optimized")


@case("replace_insert_from_staging_sqlite", dest="sqlite")
def replace_insert_from_staging_sqlite():
    """replace with DESTINATION__REPLACE_STRATEGY=insert-from-staging on SQLite (load_env of both
    steps), nested lists tags and notes: step 1 20 products (40 tags, 20 notes); step 2 12 products,
    ids 1-4 without tags (16 tags) and no notes at all: 12/16/0"""
    return replace_case("insert-from-staging")


# ------------------------------------------------------------------------------------------------
# refresh modes (the package's load_package_state.json lists dropped_tables / truncated_tables)
# ------------------------------------------------------------------------------------------------
def res_a(n, gen=1):
    return resource([{"id": i, "label": "a%d g%d" % (i, gen)} for i in range(1, n + 1)], "a")


def res_b(n, gen=1, with_note=True):
    rows = []
    for i in range(1, n + 1):
        row = {"id": i, "size": i * gen, "parts": [{"part": "p%d-%d-g%d" % (i, k, gen)} for k in range(1 + i % 3)]}
        if with_note:
            row["note"] = "b%d" % i
        rows.append(row)
    return resource(rows, "b")


@case("refresh_drop_sources")
def refresh_drop_sources():
    """refresh=drop_sources: step 1 appends resources a (10 rows) and b (8 rows, nested b__parts 17
    rows); step 2 extracts only a (4 rows) with refresh="drop_sources": the package's
    load_package_state.json lists dropped_tables a, b, b__parts; dlt drops them all and a is
    recreated with the 4 new rows, b and b__parts no longer exist; dlt also deletes the old schema
    version from _dlt_version (1 row left)"""
    return [
        step("step1", lambda: [res_a(10), res_b(8)]),
        step("step2", lambda: res_a(4, gen=2), refresh="drop_sources"),
    ]


@case("refresh_drop_data")
def refresh_drop_data():
    """refresh=drop_data: step 1 appends resources a (10 rows) and b (8 rows, nested b__parts 17
    rows); step 2 extracts only b (5 rows, 11 parts) with refresh="drop_data": the package's
    load_package_state.json lists truncated_tables b, b__parts; dlt truncates them before appending,
    a keeps its 10 rows"""
    return [
        step("step1", lambda: [res_a(10), res_b(8)]),
        step("step2", lambda: res_b(5, gen=2), refresh="drop_data"),
    ]


@case("refresh_drop_resources")
def refresh_drop_resources():
    """refresh=drop_resources: step 1 appends resources a (10 rows) and b (8 rows with column note,
    nested b__parts 17 rows); step 2 extracts only b (5 rows without note, 11 parts) with
    refresh="drop_resources": the package's load_package_state.json lists dropped_tables b, b__parts;
    dlt drops and recreates them (b has no note column any more), a keeps its 10 rows; dlt also
    deletes the old schema versions from _dlt_version (1 row left)"""
    return [
        step("step1", lambda: [res_a(10), res_b(8)]),
        step("step2", lambda: res_b(5, gen=2, with_note=False), refresh="drop_resources"),
    ]


# ------------------------------------------------------------------------------------------------
# delete-insert variants
# ------------------------------------------------------------------------------------------------
def dup_rows(ids, copies, gen=1):
    """every id `copies` times, copy k with seq k (1-based) and a nested list that names the copy"""
    return [{"id": i, "seq": k, "value": "id %d copy %d g%d" % (i, k, gen),
             "tags": ["%d/%d/%d" % (i, k, t) for t in range(1 + (i + k) % 2)]}
            for k in range(1, copies + 1) for i in ids]


@case("merge_deduplicated")
def merge_deduplicated():
    """delete-insert merge on primary key id declared deduplicated
    (write_disposition={"disposition": "merge", "strategy": "delete-insert", "deduplicated": True},
    table hint x-stage-data-deduplicated), nested list tags: step 1 has 40 rows with 20 distinct ids
    (each twice) and dlt keeps all 40; step 2 has ids 15-19 twice each (10 rows): their 10 old rows
    are deleted and all 10 new ones inserted: events/tags 40/60 after both steps"""
    hints = dict(write_disposition={"disposition": "merge", "strategy": "delete-insert", "deduplicated": True},
                 primary_key="id")
    return [
        step("step1", lambda: resource(dup_rows(range(1, 21), 2), "events", **hints)),
        step("step2", lambda: resource(dup_rows(range(15, 20), 2, gen=2), "events", **hints)),
    ]


@case("merge_truncate_staging")
def merge_truncate_staging():
    """plain delete-insert merge on primary key id with a nested table, loaded with
    LOAD__TRUNCATE_STAGING_DATASET=true (load_env of both steps): step 1 20 tickets (40 labels);
    step 2 updates 1-5 and adds 21-25: 25 tickets, 50 labels; the staging tables are empty after
    each load"""
    hints = dict(write_disposition="merge", primary_key="id")
    env = {"LOAD__TRUNCATE_STAGING_DATASET": "true"}
    return [
        step("step1", lambda: resource(tickets(range(1, 21)), "tickets", **hints), load_env=env),
        step("step2", lambda: resource(tickets(list(range(1, 6)) + list(range(21, 26)), updated=range(1, 6)),
                                       "tickets", **hints), load_env=env),
    ]


@case("merge_dedup_sort")
def merge_dedup_sort():
    """delete-insert merge on primary key id with columns={"seq": {"dedup_sort": "desc"}}, nested list
    tags: step 1 has ids 1-10 three times each (seq 1-3), dlt keeps the seq-3 row of each id (and its
    tags); step 2 has ids 8-12 twice each (seq 1-2): 12 rows, ids 1-7 with seq 3, ids 8-12 with seq 2;
    versions/tags 10/15, then 12/17"""
    hints = dict(write_disposition="merge", primary_key="id", columns={"seq": {"dedup_sort": "desc"}})
    return [
        step("step1", lambda: resource(dup_rows(range(1, 11), 3), "versions", **hints)),
        step("step2", lambda: resource(dup_rows(range(8, 13), 2, gen=2), "versions", **hints)),
    ]


def readings(days, per_day, gen=1):
    return [{"day": d, "sensor": "s%d" % k, "value": k * 1.25 + gen,
             "flags": ["f%d" % f for f in range(k % 3)]} for d in days for k in range(1, per_day + 1)]


@case("merge_key_only")
def merge_key_only():
    """delete-insert merge with only merge_key day (no primary key: partition replacement), nested
    list flags: step 1 days 2024-01-01..03 with 5 readings each (15); step 2 brings day 2024-01-02
    with 3 readings and 2024-01-04 with 3: day 02 is replaced, 01 and 03 stay: readings/flags 15/18,
    then 16/18"""
    hints = dict(write_disposition="merge", merge_key="day")
    return [
        step("step1", lambda: resource(readings(["2024-01-01", "2024-01-02", "2024-01-03"], 5), "readings",
                                       **hints)),
        step("step2", lambda: resource(readings(["2024-01-02", "2024-01-04"], 3, gen=2), "readings", **hints)),
    ]


@case("merge_sqlite_delete_insert", dest="sqlite")
def merge_sqlite_delete_insert():
    """delete-insert merge on primary key id with a bool hard_delete column and a nested table on
    SQLite (typed-jsonl): step 1 inserts 20 tickets (40 labels); step 2 deletes 1-5, updates 6-10,
    adds 21-25: 20 tickets, 40 labels"""
    hints = dict(write_disposition="merge", primary_key="id", columns={"deleted": {"hard_delete": True}})
    return [
        step("step1", lambda: resource(tickets(range(1, 21)), "tickets", **hints)),
        step("step2", lambda: resource(tickets(list(range(1, 11)) + list(range(21, 26)), deleted=range(1, 6),
                                               updated=range(6, 11)), "tickets", **hints)),
    ]


# ------------------------------------------------------------------------------------------------
# naming conventions (config key schema.naming, env SCHEMA__NAMING)
# ------------------------------------------------------------------------------------------------
def mixed_case(ids, extra=False):
    rows = []
    for i in ids:
        row = {"MyId": i, "CamelCase": "upper %d" % i, "camelcase": "lower %d" % i,
               "Items": [{"ItemName": "it%d-%d" % (i, k)} for k in range(1 + i % 2)]}
        if extra:
            row["NewCol"] = i * 2
        rows.append(row)
    return rows


@case("naming_sql_cs", env={"SCHEMA__NAMING": "sql_cs_v1"})
def naming_sql_cs():
    """case-sensitive naming sql_cs_v1 (case env SCHEMA__NAMING=sql_cs_v1), append into table MyTable:
    columns MyId, CamelCase and camelcase (differ only in case) and nested table MyTable__Items;
    step 1 5 rows (8 items); step 2 3 rows with a new column NewCol: 8 rows, 12 items"""
    return [
        step("step1", lambda: resource(mixed_case(range(1, 6)), "MyTable")),
        step("step2", lambda: resource(mixed_case(range(6, 9), extra=True), "MyTable")),
    ]


@case("naming_direct", env={"SCHEMA__NAMING": "direct"})
def naming_direct():
    """naming convention direct (case env SCHEMA__NAMING=direct: identifiers kept as given), append into
    table MyTable with columns MyId, CamelCase, camelcase, "Mixed Key", "with-dash" and nested list Items
    (nested table "MyTable\u25b6Items": direct naming separates paths with U+25B6); 1 step, 5 rows, 8 items"""
    def rows():
        out = mixed_case(range(1, 6))
        for r in out:
            r["Mixed Key"] = "mk %d" % r["MyId"]
            r["with-dash"] = r["MyId"] % 2 == 0
        return out
    return [step("load", lambda: resource(rows(), "MyTable"))]


# ------------------------------------------------------------------------------------------------
# csv loader file format with a non-default csv format
# ------------------------------------------------------------------------------------------------
CSV_PIPE_ENV = {
    "NORMALIZE__DATA_WRITER__DELIMITER": "|",          # dlt's csv writer (CsvFormatConfiguration, section
    "NORMALIZE__DATA_WRITER__INCLUDE_HEADER": "false",  # normalize.data_writer)
    "DESTINATION__POSTGRES__CSV_FORMAT__DELIMITER": "|",  # postgres' COPY job (destination.postgres.csv_format)
    "DESTINATION__POSTGRES__CSV_FORMAT__INCLUDE_HEADER": "false",
}


@case("csv_format_pipe", fmt="csv", env=CSV_PIPE_ENV)
def csv_format_pipe():
    """csv loader file format with a non-default csv format, set for the whole case (extract, normalize
    and load) with the env vars NORMALIZE__DATA_WRITER__DELIMITER=|,
    NORMALIZE__DATA_WRITER__INCLUDE_HEADER=false, DESTINATION__POSTGRES__CSV_FORMAT__DELIMITER=| and
    DESTINATION__POSTGRES__CSV_FORMAT__INCLUDE_HEADER=false: job files without header line, fields
    separated by |; nested list tags; values with |, commas, quotes, newlines and NULLs (not in the
    first row: without a header dlt's postgres job splits the first line on | to count the columns);
    dlt writes None and "" alike as "" and COPY ... FORCE_NULL loads both as NULL (rows 6 and 7);
    the _dlt_pipeline_state job stays insert_values; 1 step, items/tags 8/9"""
    texts = ["plain", "with | pipe", 'with "quotes"', "with, comma", "line\nbreak", None, "", "tab\there"]
    rows = [{"id": i, "text": t, "amount": None if i == 6 else i * 2.5, "ok": i % 2 == 0,
             "tags": ["x%d" % k for k in range(i % 3)]} for i, t in enumerate(texts, start=1)]
    return [step("load", lambda: resource(rows, "items"))]
