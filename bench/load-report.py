#!/usr/bin/env python3
"""Markdown tables from onsite-load-bench JSON reports (bench/run-load-bench.sh)."""
import json
import sys

PHASES = [
    ("sign_in_rest", "sign-in + set-up of the devices outside the crowd, 4 at a time"),
    ("sign_in", "sign-in + set-up, all at once"),
    ("status_baseline", "GET /status, paced (baseline)"),
    ("day", "the day, paced"),
    ("day_converge", "final pulls"),
    ("status_burst", "GET /status, no pauses (baseline)"),
    ("burst_1", "a day without pauses, 1 process"),
    ("burst_1_converge", "final pulls"),
    ("burst_2", "a day without pauses, 2 processes"),
    ("burst_2_converge", "final pulls, each through the other process"),
]
KINDS = ["login", "signed_in", "bootstrap", "status", "push", "pull", "photo_state", "photo_put", "final_pull"]


def ms(value):
    return f"{value:,.0f}" if value >= 10 else f"{value:.1f}"


for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        report = json.load(f)
    print(f"### {report['backend']}: {report['devices']:,} devices, think {report['think_seconds']} s, "
          f"batch {report['batch']}, photos {report['photo_bytes'] // 1024} KiB"
          + (f", {report['sign_in_crowd']:,} of them signing in at once"
             if report.get("sign_in_crowd", report["devices"]) < report["devices"] else ""))
    print()
    print(f"load average before / after: {report['load_before']} / {report['load_after']}; "
          f"errors: **{report['errors']}**" + (f"; aborted: {report['aborted']}" if "aborted" in report else ""))
    print()
    print("| phase | requests | req/s | errors | kind: p50 / p99 / max ms | HQ CPU s | HQ RSS peak MiB | open files | DB conns |")
    print("|---|---:|---:|---:|---|---:|---:|---:|---:|")
    phases = report.get("phases", {})
    for key, title in PHASES:
        if key not in phases:
            continue
        p = phases[key]
        kinds = p["kinds"]
        cells = []
        for kind in KINDS:
            if kind in kinds:
                k = kinds[kind]
                cells.append(f"{kind} {ms(k['p50_ms'])} / {ms(k['p99_ms'])} / {ms(k['max_ms'])}")
        busy = kinds.get("answers", {}).get("login_busy")
        if busy:
            cells.append(f"503 busy (retried) {busy:,}")
        missing = p.get("records_missing_on_devices")
        if missing is not None:
            cells.append(f"records applied so far {p['records_applied']:,}, missing on devices {missing}")
        db = p["db_connections_peak"]
        print(f"| {title} | {p['requests']:,} | {p['requests_per_second']:,.0f} | {p['errors']} | "
              f"{'<br>'.join(cells)} | {p['hq_cpu_seconds']:.1f} | {p['hq_rss_peak_kib'] / 1024:,.0f} | "
              f"{p['hq_open_files_peak']} | {db if db >= 0 else '—'} |")
    errors = {k: v["kinds"]["errors"] for k, v in phases.items() if v["kinds"].get("errors")}
    if errors:
        print()
        print("errors by phase: `" + json.dumps(errors, ensure_ascii=False)[:2000] + "`")
    print()
