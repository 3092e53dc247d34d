#!/usr/bin/python3
"""Reads onsite-hq's follow-up exports back with real readers and compares them with the
database (docs/FOLLOWUP-API.md §Exports).

Subcommands (run by followup_exports.cmake):
  rectifications-xlsx FILE DB NOW [UNITS]
                                       整改台账: rows, states, overdue days on NOW, per-unit counts
                                       (UNITS: a leader's units, comma-separated; default every unit)
  innovations-xlsx FILE DB             创新项目清单
  experiences-pdf FILE DB [UNITS]      典型经验汇编: the selected titles, nothing else; fonts embedded
  dispatch-pdf FILE DB NOW WEEK RESULTS_JSON
                                       调度: one page, the week, ranks, counts per unit
DB is the folder's SQLite file or a postgresql:// URL. Every failed expectation is printed;
the exit code is 1 if there was any.
"""
import datetime
import json
import re
import sqlite3
import subprocess
import sys

import openpyxl

from xlsx_print import print_setup_problems

FAILURES = []
STATES = {"unclaimed": "待认领", "in_progress": "整改中", "reported": "已报送", "returned": "退回", "closed": "已销号"}
STATE_ORDER = ["unclaimed", "in_progress", "reported", "returned", "closed"]
SOURCES = {"finding": "检查发现", "inspection": "巡视反馈", "bulletin": "大通报", "other": "其他"}
INNOVATION = {"proposed": "申报", "selected": "入选", "rejected": "未入选"}
BEIJING = datetime.timezone(datetime.timedelta(hours=8))


def safe(text):
    """A text cell as export/cellsafety.h writes it: control characters dropped, formulas quoted."""
    text = "".join(c for c in text if c in "\t\n\r" or not (ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0))
    return "'" + text if text[:1] and text[:1] in "=+-@\t\r" else text


def expect(condition, message):
    if not condition:
        FAILURES.append(message)


def query(target, sql):
    """Rows of a query as lists of strings (None for NULL)."""
    if not target.startswith("postgresql://"):
        with sqlite3.connect(target) as db:
            return [[None if v is None else str(v) for v in row] for row in db.execute(sql)]
    out = subprocess.run(["psql", target, "-q", "-A", "-t", "-F", "\x1f", "-R", "\x1e", "-P", "null=\x01",
                          "-v", "ON_ERROR_STOP=1", "-c", sql], check=True, capture_output=True, text=True).stdout
    return [[None if v == "\x01" else v for v in row.split("\x1f")] for row in out.rstrip("\n").split("\x1e") if row]


def check_print_setup(book, path):
    for problem in print_setup_problems(book, path):
        expect(False, problem)


def unit_names(target):
    return {code: name for code, name in query(target, "SELECT code, name FROM units ORDER BY position")}


def beijing(iso):
    if not iso:
        return ""
    t = datetime.datetime.fromisoformat(iso.replace("Z", "+00:00"))
    return t.astimezone(BEIJING).strftime("%Y-%m-%d %H:%M")


def today_of(now):
    return datetime.datetime.fromisoformat(now.replace("Z", "+00:00")).astimezone(BEIJING).date()


def ledger(target, today):
    """The items as the ledger holds them, with overdue days on `today` (DOMAIN.md)."""
    items = {}
    for row in query(target, "SELECT id, number, unit_code, source, kind, problem, suggestion, measures, "
                             "responsible_person, deadline, state, closed_at FROM hq_followup_items "
                             "WHERE merged_into IS NULL"):
        (iid, number, unit, source, kind, problem, suggestion, measures, person, deadline, state, closed) = row
        items[iid] = dict(code=f"ZG-{int(number):04d}", unit=unit, source=source, kind=kind, problem=problem,
                          suggestion=suggestion, measures=measures, person=person, deadline=deadline or "",
                          state=state, closed=closed, milestones=[], reports=[])
    for item_id, due, done in query(target, "SELECT item_id, due, done_at FROM hq_followup_milestones"):
        if item_id in items:
            items[item_id]["milestones"].append((due, done))
    for item_id, at in query(target, "SELECT item_id, reported_at FROM hq_followup_reports"):
        if item_id in items:
            items[item_id]["reports"].append(at)
    for item in items.values():
        passed = []
        if item["state"] != "closed":
            if item["deadline"] and datetime.date.fromisoformat(item["deadline"]) < today:
                passed.append(datetime.date.fromisoformat(item["deadline"]))
            passed += [datetime.date.fromisoformat(due) for due, done in item["milestones"]
                       if not done and datetime.date.fromisoformat(due) < today]
        item["overdue_days"] = (today - min(passed)).days if passed else 0
        item.update(returned="", close_note="", merged=[])
    # HQ's words at the latest 退回 (while not closed) and at 销号, from the history.
    for item_id, action, reason in query(target, "SELECT entity_id, action, reason FROM score_history WHERE "
                                                 "entity = 'rectification' AND action IN ('return', 'close') "
                                                 "ORDER BY seq"):
        if item_id in items:
            items[item_id]["returned" if action == "return" else "close_note"] = reason
    # A 销号 settles the item: its return reason is not shown any more (as in the console).
    for item in items.values():
        if item["state"] == "closed":
            item["returned"] = ""
    for number, into in query(target, "SELECT number, merged_into FROM hq_followup_items "
                                      "WHERE merged_into IS NOT NULL ORDER BY number"):
        if into in items:
            items[into]["merged"].append(f"ZG-{int(number):04d}")
    return items


def header_columns(sheet, row):
    return {sheet.cell(row=row, column=c).value: c for c in range(1, sheet.max_column + 1)}


def only(units, names, items):
    """The units, names and items a leader of UNITS sees."""
    if not units:
        return names, items
    wanted = units.split(",")
    return ({c: n for c, n in names.items() if c in wanted},
            {k: v for k, v in items.items() if v["unit"] in wanted})


def check_rectifications(path, target, now, units=None):
    today = today_of(now)
    names, items = only(units, unit_names(target), ledger(target, today))
    book = openpyxl.load_workbook(path)
    check_print_setup(book, path)
    expect(book.sheetnames == ["整改台账", "各单位统计"], f"sheets {book.sheetnames}")
    sheet = book["整改台账"]
    title = sheet["A1"].value or ""
    expect(f"共 {len(items)} 项" in title and beijing(now) in title, f"title {title!r}")
    columns = header_columns(sheet, 2)
    wanted = ["编号", "单位", "来源", "类型", "指标", "问题", "整改建议", "整改措施", "责任人", "时限", "状态",
              "逾期天数", "节点（完成/总数）", "最近报送", "退回理由", "销号时间", "销号意见", "合并事项"]
    expect(list(columns) == wanted, f"headers {list(columns)}")
    rows = {}
    for r in range(3, sheet.max_row + 1):
        code = sheet.cell(row=r, column=1).value
        if code:
            rows[code] = {h: sheet.cell(row=r, column=c).value for h, c in columns.items()}
    by_code = {item["code"]: item for item in items.values()}
    expect(sorted(rows) == sorted(by_code), f"rows {sorted(rows)} != items {sorted(by_code)}")
    overdue = 0
    for code, item in by_code.items():
        row = rows.get(code)
        if not row:
            continue
        expect(row["单位"] == names[item["unit"]], f"{code} unit {row['单位']!r}")
        expect(row["来源"] == SOURCES[item["source"]], f"{code} source {row['来源']!r}")
        expect(row["状态"] == STATES[item["state"]], f"{code} state {row['状态']!r} != {STATES[item['state']]}")
        expect(row["逾期天数"] == item["overdue_days"], f"{code} overdue {row['逾期天数']!r} != {item['overdue_days']}")
        expect(isinstance(row["逾期天数"], int), f"{code} overdue days not a number cell")
        expect((row["时限"] or "") == item["deadline"], f"{code} deadline {row['时限']!r} != {item['deadline']!r}")
        expect((row["责任人"] or "") == item["person"], f"{code} person {row['责任人']!r}")
        done = sum(1 for _, d in item["milestones"] if d)
        expect((row["节点（完成/总数）"] or "") == (f"{done}/{len(item['milestones'])}" if item["milestones"] else ""),
               f"{code} milestones {row['节点（完成/总数）']!r}")
        last = max(item["reports"], default=None)
        expect((row["最近报送"] or "") == beijing(last), f"{code} last report {row['最近报送']!r} != {beijing(last)!r}")
        expect((row["销号时间"] or "") == beijing(item["closed"]), f"{code} closed {row['销号时间']!r}")
        expect((row["退回理由"] or "") == safe(item["returned"]), f"{code} return reason {row['退回理由']!r}")
        expect((row["销号意见"] or "") == safe(item["close_note"]), f"{code} close note {row['销号意见']!r}")
        expect((row["合并事项"] or "") == "、".join(item["merged"]), f"{code} merged {row['合并事项']!r}")
        # Formula-looking text stays text, behind an apostrophe.
        for field, text in (("问题", item["problem"]), ("整改建议", item["suggestion"])):
            shown = row[field] or ""
            expect(shown == safe(text), f"{code} {field} {shown!r} for {text!r}")
        overdue += 1 if item["overdue_days"] > 0 else 0
    # Rows in units.csv order, then by number.
    fixture_order = list(names)
    codes = [c for c in rows]
    keys = [(fixture_order.index(by_code[c]["unit"]), c) for c in codes if c in by_code]
    expect(keys == sorted(keys), f"rows not in unit then number order: {codes}")

    summary = book["各单位统计"]
    columns = header_columns(summary, 2)
    expect(list(columns) == ["单位", "合计"] + [STATES[s] for s in STATE_ORDER] + ["逾期"], f"count headers {list(columns)}")
    counted = {summary.cell(row=r, column=1).value: r for r in range(3, summary.max_row + 1)}
    expect(len(counted) == len(names) + 1, f"{len(counted)} count rows for {len(names)} units and 合计")
    for unit, name in list(names.items()) + [(None, "合计")]:
        r = counted.get(name)
        expect(r is not None, f"no count row for {name}")
        if r is None:
            continue
        mine = [i for i in items.values() if unit is None or i["unit"] == unit]
        expected = [len(mine)] + [sum(1 for i in mine if i["state"] == s) for s in STATE_ORDER] + \
                   [sum(1 for i in mine if i["overdue_days"] > 0)]
        got = [summary.cell(row=r, column=c).value for c in range(2, 2 + len(expected))]
        expect(got == expected, f"counts of {name}: {got} != {expected}")
    # The seed's words, so the columns are not only equal to an empty database.
    if not units:
        shown = {(r["退回理由"], r["销号意见"], r["合并事项"]) for r in rows.values()}
        for wanted_row in [(None, "核查属实，予以销号", None),
                           ("台账缺少 6 月活动记录", None, None)]:
            expect(wanted_row in shown, f"no row with {wanted_row}: {shown}")
        expect(any(r["合并事项"] and r["单位"] == names["XC"] for r in rows.values()), "XC's merged item not shown")
    states = {s: sum(1 for i in items.values() if i["state"] == s) for s in STATE_ORDER}
    return f"{path}: {len(items)} items ({states}, {overdue} overdue on {today}) equal the database"


def check_innovations(path, target):
    names = unit_names(target)
    projects = query(target, "SELECT unit_code, title, status, reason, bonus_indicator FROM hq_innovation_projects")
    book = openpyxl.load_workbook(path)
    check_print_setup(book, path)
    expect(book.sheetnames == ["创新项目", "各单位统计"], f"sheets {book.sheetnames}")
    sheet = book["创新项目"]
    columns = header_columns(sheet, 2)
    for name in ["单位", "项目名称", "项目简介", "状态", "筛选意见", "加分指标", "申报时间", "筛选时间"]:
        expect(name in columns, f"header {name} missing: {list(columns)}")
    rows = []
    for r in range(3, sheet.max_row + 1):
        if sheet.cell(row=r, column=columns["项目名称"]).value:
            rows.append({h: sheet.cell(row=r, column=c).value for h, c in columns.items()})
    expect(len(rows) == len(projects), f"{len(rows)} rows for {len(projects)} projects")
    shown = {(row["单位"], row["项目名称"]): row for row in rows}
    for unit, title, status, reason, bonus in projects:
        row = shown.get((names[unit], safe(title)))
        expect(row is not None, f"project {title!r} of {unit} missing: {list(shown)}")
        if row is None:
            continue
        expect(row["状态"] == INNOVATION[status], f"{title} status {row['状态']!r}")
        expect((row["筛选意见"] or "") == safe(reason), f"{title} reason {row['筛选意见']!r}")
        expect((row["加分指标"] or "").split(" ")[0] == (bonus or ""), f"{title} bonus {row['加分指标']!r}")
    summary = book["各单位统计"]
    counted = {summary.cell(row=r, column=1).value: [summary.cell(row=r, column=c).value for c in range(2, 6)]
               for r in range(3, summary.max_row + 1)}
    for unit, name in names.items():
        mine = [p for p in projects if p[0] == unit]
        expected = [len(mine)] + [sum(1 for p in mine if p[2] == s) for s in INNOVATION]
        expect(counted.get(name) == expected, f"project counts of {name}: {counted.get(name)} != {expected}")
    return f"{path}: {len(projects)} projects equal the database"


def pdf_text(path, layout=False):
    args = ["pdftotext"] + (["-layout"] if layout else []) + [path, "-"]
    return subprocess.run(args, check=True, capture_output=True, text=True).stdout


def check_fonts(path):
    fonts = subprocess.run(["pdffonts", path], check=True, capture_output=True, text=True).stdout.splitlines()[2:]
    expect(fonts, f"{path}: no fonts")
    for line in fonts:
        expect(line.split()[-5] == "yes", f"{path}: font not embedded: {line}")
    expect(any("WenQuanYi" in line or "CJK" in line for line in fonts), f"{path}: no CJK font: {fonts}")


def pages(path):
    info = subprocess.run(["pdfinfo", path], check=True, capture_output=True, text=True).stdout
    return int(re.search(r"^Pages:\s+(\d+)", info, re.M).group(1))


def experiences(target):
    """(unit, title, status) of every highlight and submission."""
    reviews = {ref: status for ref, status in query(target, "SELECT ref, status FROM hq_experience_reviews")}
    out = []
    for hid, unit, title in query(target, "SELECT id, unit_code, title FROM highlights"):
        out.append((unit, title, reviews.get("highlight:" + hid, "pending")))
    for sid, unit, title in query(target, "SELECT id, unit_code, title FROM hq_experience_submissions"):
        out.append((unit, title, reviews.get("submission:" + sid, "pending")))
    return out


def check_experiences(path, target, units=None):
    text = re.sub(r"\s+", "", pdf_text(path))
    names = unit_names(target)
    everything = experiences(target)
    if units:
        # Another unit's experience must not show, selected or not.
        everything = [(u, t, s if u in units.split(",") else "other unit") for u, t, s in everything]
    selected = [e for e in everything if e[2] == "selected"]
    expect(len(selected) >= 1, f"the test needs selected experiences: {everything}")
    expect("典型经验汇编" in text, "no 典型经验汇编 title")
    expect(f"入选典型经验{len(selected)}篇" in text, f"count of {len(selected)} selected not printed")
    positions = []
    for unit, title, status in everything:
        found = re.sub(r"\s+", "", title) in text
        if status == "selected":
            expect(found, f"selected experience {title!r} missing")
            expect(names[unit] in text, f"unit {names[unit]} missing")
            positions.append((list(names).index(unit), text.find(re.sub(r"\s+", "", title)), title))
        else:
            expect(not found, f"{status} experience {title!r} printed")
    # Grouped by unit in units.csv order.
    by_text = [p[2] for p in sorted(positions, key=lambda p: p[1])]
    by_unit = [p[2] for p in sorted(positions, key=lambda p: (p[0], p[1]))]
    expect(by_text == by_unit, f"experiences not grouped by unit order: {by_text}")
    check_fonts(path)
    images = subprocess.run(["pdfimages", "-list", path], check=True, capture_output=True, text=True).stdout
    count = len(images.splitlines()) - 2
    photos = query(target, "SELECT COUNT(*) FROM hq_followup_attachments a JOIN hq_experience_reviews r "
                           "ON r.ref = 'submission:' || a.owner_id WHERE a.owner_kind = 'experience' "
                           "AND r.status = 'selected'")[0][0]
    if not units:
        expect(count >= int(photos) and int(photos) > 0, f"{count} images in the PDF for {photos} photos")
    return f"{path}: {len(selected)} selected experiences of {len(everything)}, {count} images, fonts embedded"


def check_dispatch(path, target, now, week, results_path):
    with open(results_path, encoding="utf-8") as f:
        results = json.load(f)
    expect(pages(path) == 1, f"{path}: {pages(path)} pages, not one")
    check_fonts(path)
    flat = re.sub(r"\s+", "", pdf_text(path))
    year, number = week.split("-W")
    expect(f"{year}年第{int(number)}周" in flat, f"week {week} not in the title")
    expect("工作调度" in flat, "no 工作调度 title")
    monday = datetime.date.fromisocalendar(int(year), int(number), 1)
    sunday = monday + datetime.timedelta(days=6)
    today = today_of(now)
    items = ledger(target, today)
    names = unit_names(target)
    lines = pdf_text(path, layout=True).splitlines()
    created = {iid: at for iid, at in query(target, "SELECT id, created_at FROM hq_followup_items")}
    in_week = lambda iso: bool(iso) and monday <= datetime.date.fromisoformat(beijing(iso)[:10]) <= sunday
    for unit, name in list(names.items()) + [(None, "合计")]:
        mine = [(iid, i) for iid, i in items.items() if unit is None or i["unit"] == unit]
        counts = [len(mine)] + [sum(1 for _, i in mine if i["state"] == s) for s in STATE_ORDER] + \
                 [sum(1 for _, i in mine if i["overdue_days"] > 0),
                  sum(1 for iid, _ in mine if in_week(created[iid])),
                  sum(1 for _, i in mine if i["state"] == "closed" and in_week(i["closed"]))]
        wanted = " ".join(str(c) for c in counts)
        row = [l for l in lines if l.strip().startswith(name + " ") and re.fullmatch(
            r"\S+(\s+\d+){9}\s+(\d+%|—)", l.strip())]
        expect(len(row) == 1, f"dispatch: no single count row for {name}: {row}")
        if row:
            got = " ".join(row[0].split()[1:10])
            expect(got == wanted, f"dispatch counts of {name}: {got} != {wanted}")
    for unit in results["units"]:
        row = [l for l in lines if re.match(rf"\s*{unit['rank']}\s+{unit['unit_name']}\s", l)]
        expect(row and unit["total"] in row[0], f"dispatch: rank {unit['rank']} {unit['unit_name']} "
                                                f"{unit['total']} missing: {row}")
    return f"{path}: one page, {week}, counts of {len(names)} units and ranks equal the database"


def main(argv):
    command, args = argv[1], argv[2:]
    summary = {
        "rectifications-xlsx": check_rectifications,
        "innovations-xlsx": check_innovations,
        "experiences-pdf": check_experiences,
        "dispatch-pdf": check_dispatch,
    }[command](*args)
    for failure in FAILURES:
        print("FAIL:", failure)
    if FAILURES:
        return 1
    print(summary)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
