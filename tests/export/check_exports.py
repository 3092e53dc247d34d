#!/usr/bin/python3
"""Reads onsite-hq's exports back with real readers and compares them with the engine.

Subcommands (run by export_sample.cmake):
  seed DB                            (a SQLite file or a postgresql:// URL) findings (one a formula injection) and highlights
  publish DB RESULTS_JSON            freezes RESULTS_JSON as published version 1 (without frozen records)
  seed-late DB                       a finding recorded after version 1
  results-xlsx FILE RESULTS_JSON LABEL
  results-csv FILE RESULTS_JSON
  findings-xlsx FILE
  report-pdf FILE RESULTS_JSON LABEL [DATE]   DATE (报告日期): a published version's, else today's
Every failed expectation is printed; the exit code is 1 if there was any.
"""
import datetime
import csv
import io
import json
import sqlite3
import subprocess
import sys

import openpyxl

from xlsx_print import print_setup_problems

FAILURES = []

# The seeded findings: (id, unit, site, indicator, kind, description, suggestion, photos)
INJECTION = '=HYPERLINK("http://evil.example/","点此查看")'
FINDINGS = [
    ("f1", "DC", "DC-01", "2.1", "问题", INJECTION, "-1+1 应当作为文本", 3),
    ("f2", "DC", "DC-03", "1.1", "短板", "干部档案\x00材料\x07不全", "@SUM(A1) 补齐材料", 0),
    ("f3", "BH", None, None, "弱项", "人才驿站服务台账不规范，\n活动记录缺失", "+建立月度台账", 1),
]
HIGHLIGHTS = [("h1", "DC", "DC-01", "党群服务中心“一站式”服务", "群众办事一次办结，可复制推广")]
# Photos HQ holds (the `photos` table); f1's third photo never arrived.
PHOTOS_RECEIVED = ["f1-p0", "f1-p1", "f3-p0"]
# Recorded after version 1 (published 2026-07-16T02:00Z, before records were frozen):
# only live exports show it.
LATE_FINDING = ("f4", "BH", None, None, "问题", "发布之后才记录的问题", "下次通报处理", "2026-07-16T03:00:00.000Z")


def expect(condition, message):
    if not condition:
        FAILURES.append(message)


class Database:
    """The HQ database of the test: the folder's SQLite file, or PostgreSQL through psql."""

    def __init__(self, target):
        self.target = target
        self.postgres = target.startswith("postgresql://")
        self.statements = []
        self.sqlite = None if self.postgres else sqlite3.connect(target)

    def execute(self, sql, params):
        if not self.postgres:
            self.sqlite.execute(sql, params)
            return
        # PostgreSQL text cannot hold NUL; another control character stands in for it.
        literal = lambda v: "NULL" if v is None else "'" + str(v).replace("\x00", "\x01").replace("'", "''") + "'"
        parts = sql.split("?")
        self.statements.append("".join(p + (literal(params[i]) if i < len(params) else "") for i, p in enumerate(parts)))

    def commit(self):
        if self.postgres:
            subprocess.run(["psql", self.target, "-q", "-v", "ON_ERROR_STOP=1"], check=True,
                           input=";\n".join(self.statements) + ";\n", text=True, capture_output=True)
        else:
            self.sqlite.commit()


def seed(target):
    db = Database(target)
    for fid, unit, site, indicator, kind, description, suggestion, photos in FINDINGS:
        db.execute("INSERT INTO findings (id, unit_code, site_code, indicator_code, kind, description, suggestion, "
                   "account, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'g1.li', '2026-06-20T02:30:00.000Z')",
                   (fid, unit, site, indicator, kind, description, suggestion))
        for n in range(photos):
            db.execute("INSERT INTO finding_photos (finding_id, photo_id) VALUES (?, ?)", (fid, f"{fid}-p{n}"))
    for photo in PHOTOS_RECEIVED:
        db.execute("INSERT INTO photos (id, sha256, visit_id, unit_code, indicator_code, account, captured_at, "
                   "mime_type, size_bytes) VALUES (?, ?, NULL, 'DC', NULL, 'g1.li', '2026-06-20T02:20:00.000Z', "
                   "'image/jpeg', 1000)", (photo, photo.ljust(64, "0")))
    for hid, unit, site, title, description in HIGHLIGHTS:
        db.execute("INSERT INTO highlights (id, unit_code, site_code, title, description, account, recorded_at) "
                   "VALUES (?, ?, ?, ?, ?, 'g1.li', '2026-06-20T03:00:00.000Z')", (hid, unit, site, title, description))
    db.commit()


def seed_late(target):
    db = Database(target)
    fid, unit, site, indicator, kind, description, suggestion, recorded = LATE_FINDING
    db.execute("INSERT INTO findings (id, unit_code, site_code, indicator_code, kind, description, suggestion, "
               "account, recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?, 'g1.li', ?)",
               (fid, unit, site, indicator, kind, description, suggestion, recorded))
    db.commit()


def publish(target, results_path):
    with open(results_path, encoding="utf-8") as f:
        snapshot = json.dumps(json.load(f), ensure_ascii=False)
    db = Database(target)
    db.execute("INSERT INTO hq_result_versions (version, published_at, account, note, snapshot) "
               "VALUES (1, '2026-07-16T02:00:00.000Z', 'kpb.admin', '第一次发布', ?)", (snapshot,))
    db.commit()


def check_print_setup(book, path):
    for problem in print_setup_problems(book, path):
        expect(False, problem)


def load_results(path):
    with open(path, encoding="utf-8") as f:
        return json.load(f)


def points(cell, where):
    """A numeric cell's value as the engine prints it (two places)."""
    expect(isinstance(cell.value, (int, float)) and not isinstance(cell.value, bool),
           f"{where}: {cell.value!r} is not a number cell")
    expect(cell.number_format == "0.00", f"{where}: number format {cell.number_format!r}, not 0.00")
    return f"{cell.value:.2f}" if isinstance(cell.value, (int, float)) else str(cell.value)


def width(text):
    return sum(2 if ord(c) >= 0x2E80 else 1 for c in text)


def header_columns(sheet, row):
    return {sheet.cell(row=row, column=c).value: c for c in range(1, sheet.max_column + 1)}


def check_results_xlsx(path, results_path, label):
    results = load_results(results_path)
    book = openpyxl.load_workbook(path)
    check_print_setup(book, path)
    projects = list(results["units"][0]["subtotals"].keys())
    expect(book.sheetnames[0] == "考评结果", f"first sheet is {book.sheetnames[0]!r}")
    expect(len(book.sheetnames) == 1 + len(projects),
           f"{len(book.sheetnames)} sheets for {len(projects)} level-1 indicators: {book.sheetnames}")
    sheet = book["考评结果"]
    title = sheet["A1"].value or ""
    expect(results["campaign"] in title and label in title, f"title {title!r} lacks campaign or {label!r}")
    expect(sheet.freeze_panes == "C3", f"frozen panes at {sheet.freeze_panes}, not C3")
    columns = header_columns(sheet, 2)
    for name in ["单位编码", "单位名称", "类别", "总分", "等次", "排名", "类别排名", "一票否决", "未评项数", "已提交"]:
        expect(name in columns, f"summary header {name} missing: {list(columns)}")
    project_columns = {}
    for header, column in columns.items():
        if header and header.split(" ")[0] in projects:
            project_columns[header.split(" ")[0]] = column
    expect(sorted(project_columns) == sorted(projects), f"subtotal columns {project_columns} for {projects}")
    rows = {sheet.cell(row=r, column=1).value: r for r in range(3, 3 + len(results["units"]))}
    for c in range(1, sheet.max_column + 1):
        letter = openpyxl.utils.get_column_letter(c)
        widest = max(width(f"{v:.2f}" if isinstance(v, float) else str(v))
                     for v in (sheet.cell(row=r, column=c).value for r in rows.values()))
        # Wide enough for every value; no wider than that or a wrapped header needs.
        expect(widest <= sheet.column_dimensions[letter].width <= max(widest, 16) + 4,
               f"column {letter} is {sheet.column_dimensions[letter].width} wide for values {widest} wide")
    name_width = max(width(u["unit_name"]) for u in results["units"])
    name_letter = openpyxl.utils.get_column_letter(columns["单位名称"])
    expect(sheet.column_dimensions[name_letter].width >= name_width,
           f"unit name column {sheet.column_dimensions[name_letter].width} narrower than {name_width}")
    for unit in results["units"]:
        code = unit["unit"]
        r = rows.get(code)
        expect(r is not None, f"unit {code} missing from 考评结果")
        if r is None:
            continue
        cell = lambda name: sheet.cell(row=r, column=columns[name])
        expect(cell("单位名称").value == unit["unit_name"], f"{code} name {cell('单位名称').value!r}")
        expect(points(cell("总分"), f"{code} total") == unit["total"], f"{code} total {cell('总分').value} != {unit['total']}")
        expect(cell("等次").value == unit["grade"], f"{code} grade {cell('等次').value} != {unit['grade']}")
        expect(cell("排名").value == unit["rank"], f"{code} rank {cell('排名').value} != {unit['rank']}")
        expect(cell("类别排名").value == unit["category_rank"], f"{code} category rank {cell('类别排名').value}")
        expect(cell("一票否决").value == ("是" if unit["veto"] else "否"), f"{code} veto {cell('一票否决').value}")
        expect(cell("未评项数").value == unit["unscored"], f"{code} unscored {cell('未评项数').value}")
        expect(cell("已提交").value == ("是" if unit["submitted"] else "否"), f"{code} submitted")
        for project, column in project_columns.items():
            value = points(sheet.cell(row=r, column=column), f"{code} subtotal {project}")
            expect(value == unit["subtotals"][project], f"{code} subtotal {project}: {value} != {unit['subtotals'][project]}")

    checked_items = 0
    vetoes_shown = set()
    for project, name in zip(projects, book.sheetnames[1:]):
        expect(name.startswith(project + " "), f"sheet {name!r} is not level-1 indicator {project}")
        sheet = book[name]
        expect(sheet.freeze_panes == "C3", f"{name}: frozen panes at {sheet.freeze_panes}")
        columns = header_columns(sheet, 2)
        rows = {sheet.cell(row=r, column=1).value: r for r in range(3, 3 + len(results["units"]))}
        for unit in results["units"]:
            r = rows[unit["unit"]]
            for item in unit["items"]:
                if item["indicator"].split(".")[0] != project:
                    continue
                column = next((c for h, c in columns.items() if h and h.split(" ")[0] == item["indicator"]), None)
                expect(column is not None, f"{name}: no column for item {item['indicator']}")
                if column is None:
                    continue
                c = sheet.cell(row=r, column=column)
                header = sheet.cell(row=2, column=column).value
                if item["veto"]:
                    expect(c.value == "触发否决", f"{unit['unit']} {item['indicator']}: {c.value!r} for a triggered veto")
                    vetoes_shown.add(unit["unit"])
                elif "一票否决" in header and item["points"] is not None:
                    expect(c.value == "未触发", f"{unit['unit']} {item['indicator']}: {c.value!r} for a veto not triggered")
                elif item["points"] is None:
                    expect(c.value == "未评", f"{unit['unit']} {item['indicator']}: {c.value!r} for an unscored item")
                else:
                    value = points(c, f"{unit['unit']} {item['indicator']}")
                    expect(value == item["points"], f"{unit['unit']} {item['indicator']}: {value} != {item['points']}")
                checked_items += 1
            value = points(sheet.cell(row=r, column=columns["小计"]), f"{unit['unit']} {name} 小计")
            expect(value == unit["subtotals"][project], f"{unit['unit']} {name} 小计 {value}")
    expect(checked_items == sum(len(u["items"]) for u in results["units"]), f"only {checked_items} items compared")
    vetoed = {u["unit"] for u in results["units"] if u["veto"]}
    expect(vetoes_shown == vetoed, f"triggered vetoes shown for {vetoes_shown}, the results have {vetoed}")
    return f"{path}: {len(results['units'])} units, {checked_items} item points equal the engine"


def check_results_csv(path, results_path):
    results = load_results(results_path)
    data = open(path, "rb").read()
    expect(data.startswith(b"\xef\xbb\xbf"), "CSV does not start with a UTF-8 BOM")
    text = data[3:].decode("utf-8")
    expect(text.count("\r\n") == text.count("\n") and text.count("\n") == len(results["units"]) + 1,
           "CSV lines do not all end in CRLF")
    rows = list(csv.reader(io.StringIO(text, newline="")))
    header = rows[0]
    expect(header[:8] == ["单位编码", "总分", "等次", "排名", "类别排名", "一票否决", "单位名称", "类别"],
           f"CSV header {header}")
    by_code = {row[0]: row for row in rows[1:]}
    for unit in results["units"]:
        row = by_code.get(unit["unit"])
        expect(row is not None and row[1] == unit["total"] and row[2] == unit["grade"] and
               row[3] == str(unit["rank"]) and row[4] == str(unit["category_rank"]) and row[6] == unit["unit_name"],
               f"CSV row for {unit['unit']}: {row}")
        for i, project in enumerate(unit["subtotals"]):
            expect(row is not None and row[8 + i] == unit["subtotals"][project], f"CSV {unit['unit']} subtotal {project}")
    return f"{path}: BOM, CRLF, Chinese headers, {len(rows) - 1} units equal the engine"


def check_findings_xlsx(path):
    book = openpyxl.load_workbook(path)
    check_print_setup(book, path)
    sheet = book["问题清单"]
    columns = header_columns(sheet, 2)
    for name in ["单位编码", "单位名称", "检查组", "点位", "指标", "类型", "问题描述", "对策建议", "记录时间", "照片数"]:
        expect(name in columns, f"findings header {name} missing: {list(columns)}")
    expect(sheet.freeze_panes == "A3", f"findings frozen at {sheet.freeze_panes}")
    seeded = len(FINDINGS) + 1  # and the late one
    rows = list(range(3, 3 + seeded))
    expect(sheet.cell(row=3 + seeded, column=1).value is None, "more findings rows than seeded")
    cells = {}
    for r in rows:
        cells[sheet.cell(row=r, column=columns["问题描述"]).value] = r
    injected = cells.get("'" + INJECTION)
    expect(injected is not None, f"the =HYPERLINK( description is not neutralised: {list(cells)}")
    if injected:
        c = sheet.cell(row=injected, column=columns["问题描述"])
        expect(c.data_type == "s", f"injection cell has type {c.data_type}")
        expect(c.alignment.wrap_text, "description does not wrap")
        expect(sheet.cell(row=injected, column=columns["对策建议"]).value == "'-1+1 应当作为文本", "suggestion '-' kept")
        count = sheet.cell(row=injected, column=columns["照片数"]).value
        expect(count == 2, f"photo count of f1 is {count}: only the 2 photos HQ received count")
        expect(sheet.cell(row=injected, column=columns["点位"]).value == "DC-01 幸福社区党群服务中心", "site label")
        expect(sheet.cell(row=injected, column=columns["检查组"]).value == "第一检查组", "group")
        expect(sheet.cell(row=injected, column=columns["单位名称"]).value == "东城区", "unit name")
        expect(sheet.cell(row=injected, column=columns["类型"]).value == "问题", "kind")
        when = sheet.cell(row=injected, column=columns["记录时间"]).value
        expect(hasattr(when, "year") and when.year == 2026, f"recorded at {when!r} is not a date cell")
    expect("干部档案材料不全" in cells, f"control characters not stripped: {list(cells)}")
    expect(LATE_FINDING[5] in cells, "a finding recorded after version 1 is missing from the live list")
    for r in rows:
        for c in range(1, sheet.max_column + 1):
            v = sheet.cell(row=r, column=c).value
            expect(not (isinstance(v, str) and v[:1] in "=+-@\t\r"), f"unneutralised cell {v!r}")
            expect(sheet.cell(row=r, column=c).data_type != "f", f"formula cell at row {r}")
    letter = openpyxl.utils.get_column_letter(columns["问题描述"])
    expect(sheet.column_dimensions[letter].width >= 40, "description column too narrow")
    return f"{path}: {len(FINDINGS)} findings, injection neutralised, control characters stripped"


def run(*command):
    return subprocess.run(command, check=True, capture_output=True, text=True).stdout


def check_report_pdf(path, results_path, label, date=None):
    results = load_results(results_path)
    text = run("pdftotext", "-layout", path, "-")
    squeezed = "".join(text.split())
    expect("考评结果通报" in squeezed and results["campaign"] in squeezed, "title or campaign missing")
    expect(label.replace(" ", "") in squeezed, f"version label {label!r} missing")
    for unit in results["units"]:
        expect(unit["unit_name"] in squeezed, f"unit {unit['unit_name']} missing from the PDF text")
        expect(f"{unit['rank']}{unit['unit_name']}" in squeezed, f"ranking line of {unit['unit_name']} missing")
        expect(f"总分{unit['total']}" in squeezed, f"total {unit['total']} of {unit['unit_name']} missing")
    expect("人才驿站服务台账不规范" in squeezed and "党群服务中心“一站式”服务" in squeezed,
           "findings or highlights missing from the report")
    late = LATE_FINDING[5] in squeezed
    expect(late == (date is None), "a finding recorded after the version's publication " +
           ("is in its report" if date else "is missing from the live report"))
    # Version 1 was published before records were frozen with versions: the report says so.
    reconstructed = "注：本版发布时尚未随版本留存问题与亮点" in squeezed
    expect(reconstructed == (date is not None), "the note on findings not frozen with version 1 is " +
           ("missing" if date else "in the live report"))
    expect("第1页，共" in squeezed, "page numbers missing")
    if date is None:
        beijing = datetime.datetime.now(datetime.timezone(datetime.timedelta(hours=8)))
        date = f"{beijing.year}年{beijing.month}月{beijing.day}日"
    expect(f"报告日期{date}" in squeezed, f"the report date is not {date} (Beijing)")
    fonts = run("pdffonts", path).splitlines()[2:]
    cjk = [line for line in fonts if ("WenQuanYi" in line or "CJK" in line) and line.split()[-5] == "yes"]
    expect(cjk, f"no embedded CJK font: {fonts}")
    info = run("pdfinfo", path)
    expect("595 x 842 pts (A4)" in info, "not A4")
    return f"{path}: title, {len(results['units'])} units with totals, embedded font {cjk[0].split()[0] if cjk else '-'}"


def main():
    command, args = sys.argv[1], sys.argv[2:]
    if command == "seed":
        seed(*args)
        message = "seeded findings and highlights"
    elif command == "seed-late":
        seed_late(*args)
        message = "seeded a finding recorded after version 1"
    elif command == "publish":
        publish(*args)
        message = "published version 1"
    else:
        checks = {"results-xlsx": check_results_xlsx, "results-csv": check_results_csv,
                  "findings-xlsx": check_findings_xlsx, "report-pdf": check_report_pdf}
        message = checks[command](*args)
    for failure in FAILURES:
        print("FAIL:", failure)
    print(message)
    return 1 if FAILURES else 0


if __name__ == "__main__":
    sys.exit(main())
