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


def closures(ids, closed=(), gen=1):
    rows = []
    for i in ids:
        rows.append({"id": i, "title": "ticket %d v%d" % (i, gen),
                     "closed_at": "2024-02-0%dT10:00:00+00:00" % (i % 9 + 1) if i in closed else None,
                     "notes": [{"text": "n%d-%d" % (i, k)} for k in range(1 + i % 2)]})
    return rows


@case("merge_hard_delete_text")
def merge_hard_delete_text():
    """delete-insert merge on primary key id with a hard_delete column that is not bool (closed_at,
    a timestamp: any non-NULL value deletes), nested list notes: step 1 12 tickets (18 notes, closed_at
    NULL); step 2 sends 1-6 with 1-3 closed and 4-6 updated, and 13-14 new (14 closed: never inserted):
    tickets/notes 12/18, then 10/15"""
    hints = dict(write_disposition="merge", primary_key="id", columns={"closed_at": {"hard_delete": True,
                                                                                    "data_type": "timestamp"}})
    return [
        step("step1", lambda: resource(closures(range(1, 13)), "tickets", **hints)),
        step("step2", lambda: resource(closures(list(range(1, 7)) + [13, 14], closed=[1, 2, 3, 14], gen=2),
                                       "tickets", **hints)),
    ]


@case("merge_dedup_sort_asc")
def merge_dedup_sort_asc():
    """delete-insert merge on primary key id with columns={"seq": {"dedup_sort": "asc"}}: the row with
    the lowest seq of each id wins (with its tags); step 1 ids 1-6 three times each; step 2 ids 5-8
    twice each: versions/tags 6/9, then 8/12"""
    hints = dict(write_disposition="merge", primary_key="id", columns={"seq": {"dedup_sort": "asc"}})
    return [
        step("step1", lambda: resource(dup_rows(range(1, 7), 3), "versions", **hints)),
        step("step2", lambda: resource(dup_rows(range(5, 9), 2, gen=2), "versions", **hints)),
    ]


@case("merge_no_keys")
def merge_no_keys():
    """merge without primary or merge key: dlt falls back to an append through the staging dataset;
    nested list tags; step 1 8 rows, step 2 the same 8 rows again: 8, then 16 rows"""
    hints = dict(write_disposition="merge")
    return [
        step("step1", lambda: resource(dup_rows(range(1, 9), 1), "events", **hints)),
        step("step2", lambda: resource(dup_rows(range(1, 9), 1, gen=2), "events", **hints)),
    ]


@case("merge_pk_and_merge_key")
def merge_pk_and_merge_key():
    """delete-insert merge with primary key sensor and merge key day together (rows whose key matches
    either are replaced, dlt's OR of both key clauses), nested list flags: step 1 days 01-03 x 4
    sensors; step 2 day 02 with sensors s1-s2 only: the whole of day 02 goes (merge key), the two
    sensors are replaced (primary key): see counts"""
    hints = dict(write_disposition="merge", merge_key="day", primary_key=["day", "sensor"])
    return [
        step("step1", lambda: resource(readings(["2024-01-01", "2024-01-02", "2024-01-03"], 4), "readings",
                                       **hints)),
        step("step2", lambda: resource(readings(["2024-01-02"], 2, gen=2), "readings", **hints)),
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


# ------------------------------------------------------------------------------------------------
# every dlt data type on SQLite (dlt's sqlalchemy destination) and, for comparison, on PostgreSQL
# ------------------------------------------------------------------------------------------------
TYPES_COLUMNS = {
    "ts_naive": {"data_type": "timestamp", "timezone": False},
    "ts3": {"data_type": "timestamp", "precision": 3},
    "tm3": {"data_type": "time", "precision": 3},
    "dec_10_2": {"data_type": "decimal", "precision": 10, "scale": 2},
    "payload": {"data_type": "json"},
    "wei_val": {"data_type": "wei"},
}


def all_types(step_no):
    """rows with a column of every dlt data type (see TYPES_COLUMNS for the hinted ones); row 7 of step 1
    is all NULL except id; step 2 brings 3 rows and a new column added_note"""
    import datetime as dt
    from decimal import Decimal

    tz = dt.timezone
    plus2, minus530 = tz(dt.timedelta(hours=2)), tz(-dt.timedelta(hours=5, minutes=30))
    if step_no == 1:
        spec = [
            # id, dbl, big, flag, txt
            (1, 3.695780059764786e-08, 2 ** 62, True, "plain ascii"),
            (2, 1e300, -(2 ** 62) + 1, False, "h\u00e9llo w\u00f6rld \u2713 \u65e5\u672c \U0001F600"),
            (3, -0.5, 2 ** 62 + 12345, True, 'say "hi" and it\'s fine'),
            (4, 2.5, 9007199254740993, False, "line one\nline two\ttab \\ backslash"),
            (5, 0.1, 0, True, ""),
            (6, 123456789.125, -1, False, "x"),
            (7, None, None, None, None),
        ]
        ts = [dt.datetime(2024, 3, 10, 12, 34, 56, tzinfo=tz.utc),
              dt.datetime(2024, 3, 10, 12, 34, 56, 123456, tzinfo=plus2),
              dt.datetime(2024, 3, 10, 1, 2, 3, tzinfo=minus530),
              dt.datetime(1999, 12, 31, 23, 59, 59, 999999, tzinfo=tz.utc),
              dt.datetime(1969, 7, 20, 20, 17, 40, 500000, tzinfo=minus530),
              dt.datetime(2024, 2, 29, 23, 30, 0, 1, tzinfo=plus2),
              None]
        ts_naive = [dt.datetime(2024, 3, 10, 12, 34, 56), dt.datetime(2024, 3, 10, 12, 34, 56, 123456),
                    dt.datetime(2000, 1, 1, 0, 0, 0, 1), dt.datetime(1999, 12, 31, 23, 59, 59, 999999),
                    dt.datetime(1970, 1, 1), dt.datetime(2024, 6, 1, 8, 0, 0, 250000, tzinfo=plus2), None]
        ts3 = [dt.datetime(2024, 3, 10, 12, 34, 56, 123456, tzinfo=tz.utc),
               dt.datetime(2024, 3, 10, 12, 34, 56, 987654, tzinfo=plus2),
               dt.datetime(2024, 3, 10, 12, 34, 56, 999999, tzinfo=tz.utc),
               dt.datetime(2024, 3, 10, 12, 34, 56, 100000, tzinfo=minus530),
               dt.datetime(2024, 3, 10, 12, 34, 56, tzinfo=tz.utc),
               dt.datetime(2024, 3, 10, 12, 34, 56, 500, tzinfo=tz.utc), None]
        tm = [dt.time(12, 34, 56, 123456), dt.time(0, 0), dt.time(23, 59, 59, 999999), dt.time(8, 0, 0, 500),
              dt.time(13, 14, 15), dt.time(1, 2, 3, 100000), None]
        d = [dt.date(2024, 2, 29), dt.date(1970, 1, 1), dt.date(1900, 1, 1), dt.date(9999, 12, 31),
             dt.date(2000, 1, 1), dt.date(1969, 7, 20), None]
        dec = [Decimal("12.50"), Decimal("-0.000000001"), Decimal("12345678901234567890.123456789"),
               Decimal("0"), Decimal("1000"), Decimal("3.14159265358979323846"), None]
        dec2 = [Decimal("1234.5"), Decimal("-0.01"), Decimal("99999999.99"), Decimal("3.14159"),
                Decimal("0.005"), Decimal("100"), None]
        binv = [b"\x00\x01\x02\xff", b"hello", b"", bytes(range(256))[:32], b"'\"\\\n", b"\x80", None]
        payload = [
            {"z_last": 1, "a_first": "x", "nested": {"list": [1, 2.5, None, True, "s"], "empty": {}},
             "unicode": "Z\u00fcrich \u2713 \u65e5\u672c \U0001F600", "quote": 'he said "no"\n'},
            {"float_small": 3.695780059764786e-08, "float_big": 1e300, "float_neg": -0.5, "int_big": 2 ** 62,
             "null": None, "bool": False},
            {"list_of_objects": [{"k": 1}, {"k": 2, "deep": {"deeper": [[], [1]]}}], "empty_list": []},
            {"slash": "a/b", "backslash": "a\\b", "control": "tab\tbell\x07", "html": "<b>&amp;</b>"},
            {},
            {"n": 10, "f": 1.0, "e": 1.5e-10},
            None,
        ]
        wei = [10 ** 30, 2 ** 100, 0, -(10 ** 20), 1, 2 ** 63, None]
        rows = []
        for k, (i, dbl, big, flag, txt) in enumerate(spec):
            rows.append({"id": i, "dbl": dbl, "big": big, "flag": flag, "txt": txt, "ts": ts[k],
                         "ts_naive": ts_naive[k], "ts3": ts3[k], "tm": tm[k], "tm3": tm[k], "d": d[k],
                         "dec": dec[k], "dec_10_2": dec2[k], "bin": binv[k], "payload": payload[k],
                         "wei_val": wei[k]})
        return rows
    return [
        {"id": 8, "dbl": -1e-300, "big": -(2 ** 62), "flag": True, "txt": "step two",
         "ts": dt.datetime(2025, 1, 1, 0, 0, 0, 654321, tzinfo=plus2), "ts_naive": dt.datetime(2025, 1, 1, 0, 0),
         "ts3": dt.datetime(2025, 1, 1, 0, 0, 0, 654321, tzinfo=tz.utc), "tm": dt.time(6, 30, 0, 654321),
         "tm3": dt.time(6, 30, 0, 654321), "d": dt.date(2025, 1, 1), "dec": Decimal("-42.000000001"),
         "dec_10_2": Decimal("-12345678.9"), "bin": b"step2", "payload": [1, "two", {"three": 3.0}],
         "wei_val": 10 ** 40, "added_note": "new column in step 2"},
        {"id": 9, "dbl": 6.02214076e23, "big": 42, "flag": False, "txt": "caf\u00e9",
         "ts": dt.datetime(2025, 6, 15, 12, 0, tzinfo=minus530), "ts_naive": None, "ts3": None,
         "tm": dt.time(0, 0, 0, 1), "tm3": dt.time(0, 0, 0, 1), "d": None, "dec": Decimal("0.1"),
         "dec_10_2": Decimal("0.1"), "bin": None, "payload": "just a string", "wei_val": None,
         "added_note": None},
        {"id": 10, "added_note": "only id and the new column"},
    ]


def all_types_resource(step_no):
    return resource(all_types(step_no), "all_types", columns=TYPES_COLUMNS)


@case("sqlite_types", dest="sqlite")
def sqlite_types():
    """every dlt data type on SQLite (dlt's sqlalchemy destination, typed-jsonl), one table all_types:
    double (3.695780059764786e-08, 1e300, -0.5, 2.5, ...), bigint (up to 2**62 + 12345), bool, text
    (unicode, quotes, newline, tab, backslash, ""), timestamp with time zone (+00:00, +02:00, -05:30,
    microseconds), ts_naive (timezone=False, one aware +02:00 value), ts3 (precision 3, values with 6
    fractional digits), time with microseconds (tm) and with precision 3 (tm3), date, decimal (dec,
    default precision) and dec_10_2 (precision 10, scale 2), binary, payload forced to json (nested
    objects, lists, unicode, floats, nulls; a list and a string in step 2) and wei_val (wei); step 1
    7 rows (row 7 NULL except id); step 2 3 rows and a new text column added_note: 7, then 10 rows.
    Two variant columns come with it: b"" (row 3) is written as the bare binary marker "\uf02b", which
    dlt does not decode (too short), so it lands in bin__v_text; the string payload of row 9 lands in
    payload__v_text. On SQLite timestamps are stored as their wall time without the offset, decimals and
    wei as REAL, precision/scale hints are not applied"""
    return [
        step("step1", lambda: all_types_resource(1)),
        step("step2", lambda: all_types_resource(2)),
    ]


def in_utc(rows):
    """the rows with every timezone-aware datetime moved to UTC (same instant)"""
    import datetime as dt
    return [{k: (v.astimezone(dt.timezone.utc) if isinstance(v, dt.datetime) and v.tzinfo else v)
             for k, v in row.items()} for row in rows]


@case("sqlite_types_utc", dest="sqlite")
def sqlite_types_utc():
    """sqlite_types with every aware timestamp given in UTC: dlt's SQLite result is then the same
    instant Wharf stores (dlt keeps the wall time of other offsets and drops the offset, Wharf converts
    to UTC, README), so the whole table compares row for row; 2 steps, 7 then 10 rows"""
    return [
        step("step1", lambda: resource(in_utc(all_types(1)), "all_types", columns=TYPES_COLUMNS)),
        step("step2", lambda: resource(in_utc(all_types(2)), "all_types", columns=TYPES_COLUMNS)),
    ]


@case("sqlite_types_pg")
def sqlite_types_pg():
    """the rows of sqlite_types (both steps in one package) loaded into PostgreSQL (insert_values) for
    comparison: every dlt data type, ts3 timestamp(3), tm3 time(3), dec_10_2 numeric(10,2), payload
    jsonb, wei_val numeric(156,78) (variant columns bin__v_text and payload__v_text as in sqlite_types):
    1 step, 10 rows"""
    return [step("load", lambda: resource(all_types(1) + all_types(2), "all_types", columns=TYPES_COLUMNS))]


# ------------------------------------------------------------------------------------------------
# PostGIS geometry columns (postgres_adapter: x-postgres-geometry / x-postgres-srid column hints)
# ------------------------------------------------------------------------------------------------
WKB_POINT_1_1 = "0101000000000000000000F03F000000000000F03F"            # POINT(1 1), WKB hex, no SRID
EWKB_4326_POINT_1_1 = "0101000020E6100000000000000000F03F000000000000F03F"  # SRID=4326;POINT(1 1), EWKB hex


def places(step_no):
    """geom: adapter default SRID (4326); geom_3857: srid=3857; geom_nosrid: srid=None (no SRID hint);
    wkt_text: the same kind of strings in a plain text column; step 2 adds geom_25832 (srid=25832)"""
    if step_no == 1:
        geoms = [
            ("POINT(1 2)", "POINT(1113194.9 1118890.0)", "POINT(1 2)"),
            ("LINESTRING(0 0, 1 1, 2 1)", "SRID=3857;LINESTRING(0 0, 100 100)", "LINESTRING(0 0, 1 1)"),
            ("POLYGON((0 0, 4 0, 4 4, 0 4, 0 0), (1 1, 2 1, 2 2, 1 1))", WKB_POINT_1_1,
             "POLYGON((0 0, 1 0, 1 1, 0 0))"),
            (WKB_POINT_1_1, None, WKB_POINT_1_1),
            (EWKB_4326_POINT_1_1, "MULTIPOINT((1 2), (3 4))", "SRID=4326;POINT(5 6)"),
            ("SRID=4326;POINT(5 6)", None, None),
            ("MULTIPOLYGON(((0 0, 1 0, 1 1, 0 0)), ((2 2, 3 2, 3 3, 2 2)))", "POINT EMPTY", "point(3 4)"),
            ("GEOMETRYCOLLECTION(POINT(1 1), LINESTRING(0 0, 1 1))", "POINT(-0.5 1e-7)", "MULTILINESTRING((0 0, 1 1), (2 2, 3 3))"),
            ("POINT EMPTY", "POINT(0 0)", None),
            (None, None, None),
        ]
        return [{"id": i, "name": "place %d" % i, "geom": g, "geom_3857": g3857, "geom_nosrid": gn,
                 "wkt_text": g} for i, (g, g3857, gn) in enumerate(geoms, start=1)]
    return [
        {"id": 11, "name": "place 11", "geom": "POINT(10 20)", "geom_3857": "POINT(1 1)", "geom_nosrid": None,
         "wkt_text": "POINT(10 20)", "geom_25832": "POINT(500000 5500000)"},
        {"id": 12, "name": "place 12", "geom": WKB_POINT_1_1, "geom_3857": None, "geom_nosrid": "POINT(0 0)",
         "wkt_text": WKB_POINT_1_1, "geom_25832": "SRID=25832;LINESTRING(500000 5500000, 500100 5500100)"},
        {"id": 13, "name": "place 13", "geom": None, "geom_3857": None, "geom_nosrid": None, "wkt_text": None,
         "geom_25832": WKB_POINT_1_1},
    ]


def places_resource(step_no):
    from dlt.destinations.adapters import postgres_adapter

    res = resource(places(step_no), "places")
    postgres_adapter(res, geometry="geom")  # default srid=4326: x-postgres-srid 4326
    postgres_adapter(res, geometry="geom_3857", srid=3857)
    postgres_adapter(res, geometry="geom_nosrid", srid=None)  # only x-postgres-geometry: dlt's DDL uses 4326
    if step_no == 2:
        postgres_adapter(res, geometry="geom_25832", srid=25832)
    return res


@case("postgis_geometry")
def postgis_geometry():
    """PostGIS geometry columns made by dlt's postgres_adapter (needs CREATE EXTENSION postgis in the
    database): geom with the adapter's default SRID 4326, geom_3857 with srid=3857, geom_nosrid with
    srid=None (no x-postgres-srid hint: dlt still declares SRID 4326), wkt_text a plain text column
    with the same strings; values are WKT, EWKT (SRID=...;), WKB hex and EWKB hex strings, POINT EMPTY,
    a lowercase WKT and NULLs; dlt's schema types the geometry columns as text and its insert_values
    job sends them as string literals, PostGIS parses them on insert; step 1 10 rows; step 2 3 rows
    and a new column geom_25832 (srid=25832, ALTER TABLE ADD COLUMN): 10, then 13 rows"""
    return [
        step("step1", lambda: places_resource(1)),
        step("step2", lambda: places_resource(2)),
    ]


# ------------------------------------------------------------------------------------------------
# one job over two connections (Wharf's split_job_bytes, issue 13)
# ------------------------------------------------------------------------------------------------
@case("split_jobs")
def split_jobs():
    """delete-insert merge on primary key id with a nested list tags, jobs large enough (more than 256
    rows) to split into two parts: step 1 inserts 2000 products (4000 tags) and appends 1000 events;
    step 2 updates products 1-1000 (ids 1-100 now without tags) and adds 2001-2500: 2500 products,
    4800 tags, 1000 events. Wharf loads it with DESTINATION__POSTGRES__SPLIT_JOB_BYTES=1 and
    LOAD__WORKERS=8 (load_env: more workers than jobs), so that every job it parses goes over two
    connections; dlt ignores the first and loads with 8 workers too"""
    env = {"DESTINATION__POSTGRES__SPLIT_JOB_BYTES": "1", "LOAD__WORKERS": "8"}
    hints = dict(write_disposition="merge", primary_key="id")
    events = [{"seq": i, "kind": "click" if i % 3 else "view", "at": "2026-12-0%dT10:%02d:00+00:00" % (1 + i % 5, i % 60)}
              for i in range(1, 1001)]
    return [
        step("step1", lambda: [resource(products(range(1, 2001), notes=False), "products", **hints),
                               resource(events, "events", write_disposition="append")], load_env=env),
        step("step2", lambda: resource(products(list(range(1, 1001)) + list(range(2001, 2501)), no_tags=range(1, 101),
                                                notes=False, gen=2), "products", **hints), load_env=env),
    ]
