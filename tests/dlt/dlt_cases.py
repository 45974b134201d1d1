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
