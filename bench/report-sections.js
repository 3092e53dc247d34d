'use strict';
// The sections of docs/BENCHMARKS.md, each from its part's JSON (bench/write-report.js
// hands over the results folder). A section returns its Markdown and its issue-12 goals,
// each judged from the figures: "met", "not met", or "smaller" when the part ran below the
// size the goal is set for.

const num = (x, digits = 2) => (Number.isFinite(x) ? x.toFixed(digits) : 'n/a');
const int = (x) => (Number.isFinite(x) ? Math.round(x).toLocaleString('en-US') : 'n/a');
const mb = (bytes) => (Number.isFinite(bytes) ? `${num(bytes / 1e6, 1)} MB` : 'n/a');
const ms = (x) => (!Number.isFinite(x) ? 'n/a' : x >= 10 ? int(x) : num(x, 1));
const pct = (a, b) => (b > 0 && Number.isFinite(a) ? `${num((100 * a) / b, 0)} %` : 'n/a');
const rate = (n, s) => (s > 0 ? int(n / s) : 'n/a');
const median = (xs) => {
  const v = xs.filter(Number.isFinite).sort((a, b) => a - b);
  if (!v.length) return NaN;
  const m = Math.floor(v.length / 2);
  return v.length % 2 ? v[m] : (v[m - 1] + v[m]) / 2;
};
const mean = (xs) => (xs.length ? xs.reduce((a, x) => a + x, 0) / xs.length : NaN);
// "0.42 (2.4× faster)": the time ratio first, then the plain reading of it.
function ratio(mine, theirs) {
  if (!(mine > 0) || !(theirs > 0)) return 'n/a';
  const r = mine / theirs;
  if (r >= 0.95 && r <= 1.05) return `${num(r)} (about the same)`;
  return r < 1 ? `${num(r)} (${num(1 / r, 1)}× faster)` : `${num(r)} (${num(r, 1)}× slower)`;
}

// A goal line: `ok` is true, false or undefined (figure missing); `atSize` false when the
// part ran below the goal's size.
function goal(text, figure, ok, atSize = true) {
  let verdict = ok === undefined || ok === null ? 'not measured' : !atSize ? 'smaller' : ok ? 'met' : 'not met';
  if (verdict !== 'not measured' && figure.includes('n/a')) verdict = 'not measured';
  const verdictText = {
    met: '**met**',
    'not met': '**not met**',
    smaller: `at a smaller size: not judged (${ok ? 'met' : 'not met'} at this size)`,
    'not measured': 'not measured',
    info: 'reported',
  }[verdict];
  return { goal: text, figure, ok, verdict, verdictText };
}
const info = (text, figure) => ({ goal: text, figure, verdict: 'info', verdictText: 'reported (no goal)' });

// The lines every section starts with: when its part ran, the machine's load around it, the
// sizes and the build, or why there is nothing.
function header(ctx, p, title) {
  const lines = [`## ${title}`, ''];
  const m = p.meta;
  const have = Object.values(p.data).some((x) => x);
  if (!m && !have) {
    lines.push(`**Not measured**: no results of the \`${p.part}\` part in the results folder ` +
      `(\`ONLY=${p.part} bench/run-all.sh\` runs it).`, '');
    return { lines, have, stale: false };
  }
  const stale = m && ctx.run.run_id && m.run_id !== ctx.run.run_id;
  if (stale) {
    lines.push(`**From an earlier run** (${m.started || '?'}, commit ${m.commit || '?'}): the latest ` +
      `\`bench/run-all.sh\` (${ctx.run.started || '?'}) did not run this part; its figures below are that run's.`, '');
  }
  if (m) {
    const sizes = Object.entries(m.sizes || {}).map(([k, v]) => `${k}=${v}`).join(', ');
    lines.push('| part | when (UTC) | load average before → after | sizes | build | exit status |',
      '|---|---|---|---|---|---:|',
      `| \`${p.part}\`${m.quick ? ' (QUICK)' : ''} | ${m.started || '?'} – ${(m.finished || '?').slice(11)} | ` +
        `${m.load_before || '?'} → ${m.load_after || '?'} | ${sizes || '—'} | ${m.commit || '?'} (${m.build_type || '?'}) | ` +
        `${m.status ?? '?'} |`, '');
    const load = parseFloat(m.load_before);
    const cores = Number(ctx.run.nproc || m.nproc);
    if (load > cores) {
      lines.push(`The machine was busy when this part started (load average ${num(load)} on ${cores} cores, from ` +
        'other processes): wall times are inflated; CPU seconds and ratios of figures measured in turn hold up better.', '');
    }
    if (m.status && m.status !== 0) {
      lines.push(`**The part exited with status ${m.status}**: a benchmark reported a problem or failed; see its ` +
        `output (\`${p.part}/*.log\` in the results folder) and the problems below.`, '');
    }
  } else {
    lines.push(`(No \`meta.json\` for this part: its time, load and sizes were not recorded.)`, '');
  }
  if (!have) {
    lines.push(`**No results**: the part ran but left no JSON in \`${p.part}/\` (see \`${p.part}/${p.part}.log\` in the ` +
      'results folder).', '');
  }
  return { lines, have, stale };
}

function goalLines(goals) {
  if (!goals.length) return [];
  const out = ['**Issue 12 goals, from this part\'s figures:**', ''];
  for (const g of goals) out.push(`- ${g.goal}: ${g.figure} — ${g.verdictText}`);
  return [...out, ''];
}

function problems(list) {
  const xs = list.filter(Boolean);
  if (!xs.length) return [];
  return ['**Problems reported by the benchmark** (figures may be incomplete):', '',
    ...xs.map((x) => `- ${String(x).replace(/\n/g, ' ').slice(0, 600)}`), ''];
}

// Puts a section together: header, goals, figures, explanations, notes, history.
function section(ctx, p, key, title, body) {
  const h = header(ctx, p, title);
  let goals = [];
  let figures = [];
  if (h.have) ({ goals, figures } = body(p.data, p.meta || {}));
  else goals = [goal('this part\'s goals', 'no results', undefined)];
  if (h.stale) goals = goals.map((g) => ({ ...g, verdictText: `${g.verdictText} (earlier run)` }));
  const text = [...h.lines, ...goalLines(goals), ...figures,
    ...(ctx.staticText(`${key}.md`) ? [ctx.staticText(`${key}.md`)] : []),
    ...ctx.notes(key), ...ctx.history(key)].join('\n');
  return { key, title: title.split(':')[0], goals, text };
}

// --- Sync and push apply (one run of onsite-sync-bench, its gzip-off twin, PouchDB) ---

function syncFigures(d) {
  const onsite = d.onsite || {};
  const pouch = d.pouchdb || {};
  const o = onsite.onsite || {};
  const n = onsite.records ?? pouch.records;
  return { onsite, pouch, o, n, plain: d.plain, onsiteTotal: o.push_seconds + o.pull_seconds,
    pouchTotal: pouch.push_seconds + pouch.pull_seconds, sqlite: onsite.sqlite ? onsite.sqlite.insert_seconds : NaN };
}

function sync(ctx) {
  const p = ctx.load('sync', { onsite: 'onsite.json', plain: 'onsite-plain.json', pouchdb: 'pouchdb.json' });
  return section(ctx, p, 'sync', 'Sync: onsite-hq against PouchDB and raw SQLite', (d) => {
    const { onsite, pouch, o, n, plain, onsiteTotal, pouchTotal, sqlite } = syncFigures(d);
    const full = n >= 100000;
    const one = onsite.one_score_sync || {};
    const noop = onsite.noop_sync || {};
    const pOne = pouch.one_doc_sync || {};
    const pNoop = pouch.noop_sync || {};
    const q = plain && plain.onsite;
    const b = (x) => (x ? int(x.total) : 'n/a');
    const sr = (x) => (x ? `${int(x.sent)} / ${int(x.received)}` : 'n/a');
    const goals = [
      goal('push + pull ≥ 10× faster than PouchDB', `${num(pouchTotal / onsiteTotal, 1)}× (${num(onsiteTotal)} s against ${num(pouchTotal)} s)`,
        onsiteTotal > 0 && pouchTotal > 0 ? pouchTotal / onsiteTotal >= 10 : undefined, full),
      goal('one score, push + pull ≤ 1,000 bytes', `${int(one.total)} B`, Number.isFinite(one.total) ? one.total <= 1000 : undefined),
      goal('no-op sync ≤ 500 bytes', `${int(noop.total)} B`, Number.isFinite(noop.total) ? noop.total <= 500 : undefined),
      goal('pulls compressed (gzip ≤ half the plain bytes)',
        q && o.pull_bytes ? `${pct(o.pull_bytes.received, q.pull_bytes.received)} of plain` : 'n/a',
        q && o.pull_bytes ? o.pull_bytes.received <= q.pull_bytes.received / 2 : undefined),
    ];
    const f = [];
    const add = (...xs) => f.push(...xs);
    add(...problems([...(onsite.problems || []).map((x) => `onsite-hq: ${x}`),
      ...((plain && plain.problems) || []).map((x) => `onsite-hq without gzip: ${x}`),
      ...(pouch.problems || []).map((x) => `PouchDB: ${x}`)]));
    const v = pouch.versions || {};
    add('### Times', '',
      `${int(n)} distinct records; onsite-hq: pushes of ${onsite.batch} mutations, pulls of ${onsite.page} changes; ` +
        `PouchDB ${v.pouchdb || '?'} (express-pouchdb ${v['express-pouchdb'] || '?'}, Node ${v.node || '?'}): batch_size ${pouch.batch_size}.`, '',
      '| what | seconds | records/s |', '|---|---:|---:|',
      `| onsite-hq: device A pushes (${o.push_requests} requests; HQ's CPU ${num(o.push_hq_cpu_seconds)} s) | ${num(o.push_seconds)} | ${rate(n, o.push_seconds)} |`,
      `| onsite-hq: device B pulls (${o.pull_requests} requests; HQ's CPU ${num(o.pull_hq_cpu_seconds)} s) | ${num(o.pull_seconds)} | ${rate(n, o.pull_seconds)} |`,
      `| **onsite-hq: push + pull** | **${num(onsiteTotal)}** | **${rate(n, onsiteTotal)}** |`,
      `| PouchDB: replicate A → server | ${num(pouch.push_seconds)} | ${rate(n, pouch.push_seconds)} |`,
      `| PouchDB: replicate server → B | ${num(pouch.pull_seconds)} | ${rate(n, pouch.pull_seconds)} |`,
      `| **PouchDB: both replications** | **${num(pouchTotal)}** | **${rate(n, pouchTotal)}** |`,
      `| **raw SQLite inserts** (one transaction) | **${num(sqlite, 3)}** | **${rate(n, sqlite)}** |`, '',
      '### Ratios (time ÷ baseline time; below 1 is faster)', '',
      '| onsite-hq | against | ratio |', '|---|---|---:|',
      `| push + pull | PouchDB A → server → B | ${ratio(onsiteTotal, pouchTotal)} |`,
      `| push | PouchDB A → server | ${ratio(o.push_seconds, pouch.push_seconds)} |`,
      `| pull | PouchDB server → B | ${ratio(o.pull_seconds, pouch.pull_seconds)} |`,
      `| push + pull | raw SQLite inserts | ${ratio(onsiteTotal, sqlite)} |`, '',
      '### Bytes on the wire', '',
      'Request and response bytes as they cross the socket (request line, headers, body; TCP/IP framing not ' +
        'counted), on connections already open; sent / received from the device\'s side.', '',
      '| sync | onsite-hq sent / received | onsite-hq total | PouchDB sent / received | PouchDB total |',
      '|---|---:|---:|---:|---:|',
      `| one score: push | ${sr(one.push)} | ${b(one.push)} | ${sr(pOne.push)} | ${b(pOne.push)} |`,
      `| one score: pull | ${sr(one.pull)} | ${b(one.pull)} | ${sr(pOne.pull)} | ${b(pOne.pull)} |`,
      `| **one score: push + pull** | | **${int(one.total)}** | | **${int(pOne.total)}** |`,
      `| no-op: push | ${sr(noop.push)} | ${b(noop.push)} | ${sr(pNoop.push)} | ${b(pNoop.push)} |`,
      `| no-op: pull | ${sr(noop.pull)} | ${b(noop.pull)} | ${sr(pNoop.pull)} | ${b(pNoop.pull)} |`,
      `| **no-op: push + pull** | | **${int(noop.total)}** | | **${int(pNoop.total)}** |`,
      `| all ${int(n)}: push | ${sr(o.push_bytes)} | ${b(o.push_bytes)} | ${sr(pouch.push_bytes)} | ${b(pouch.push_bytes)} |`,
      `| all ${int(n)}: pull | ${sr(o.pull_bytes)} | ${b(o.pull_bytes)} | ${sr(pouch.pull_bytes)} | ${b(pouch.pull_bytes)} |`, '');
    if (o.push_bytes && o.pull_bytes && pouch.push_bytes && pouch.pull_bytes) {
      add(`Per record over the whole sync: onsite-hq ${num((o.push_bytes.total + o.pull_bytes.total) / n, 0)} bytes, ` +
        `PouchDB ${num((pouch.push_bytes.total + pouch.pull_bytes.total) / n, 0)} bytes. Both compress: express-pouchdb ` +
        'gzips its answers; onsite-hq gzips answers for a device that asks (`Accept-Encoding: gzip`, as the ' +
        'device client sends), and the device gzips push bodies of 512 bytes and more. A device with nothing to push sends no push ' +
        `request (an empty push would cost ${noop.empty_push ? int(noop.empty_push.total) : 'n/a'} bytes).`, '');
    }
    if (q && q.push_bytes && o.push_bytes) {
      add('### Compression: the same sync with and without gzip', '',
        'A second run of `onsite-sync-bench` in the same part with `--gzip off` (no Accept-Encoding, plain push ' +
          'bodies), against a fresh onsite-hq. Times are wall clock on loopback, where bytes cost nothing.', '',
        '| | gzip | plain | gzip ÷ plain |', '|---|---:|---:|---:|',
        `| all ${int(n)}: push, bytes sent | ${int(o.push_bytes.sent)} | ${int(q.push_bytes.sent)} | ${pct(o.push_bytes.sent, q.push_bytes.sent)} |`,
        `| all ${int(n)}: push, bytes received | ${int(o.push_bytes.received)} | ${int(q.push_bytes.received)} | ${pct(o.push_bytes.received, q.push_bytes.received)} |`,
        `| all ${int(n)}: pull, bytes received | ${int(o.pull_bytes.received)} | ${int(q.pull_bytes.received)} | ${pct(o.pull_bytes.received, q.pull_bytes.received)} |`,
        `| push, seconds | ${num(o.push_seconds)} | ${num(q.push_seconds)} | ${num(o.push_seconds / q.push_seconds)} |`,
        `| push, HQ's CPU seconds | ${num(o.push_hq_cpu_seconds)} | ${num(q.push_hq_cpu_seconds)} | ${num(o.push_hq_cpu_seconds / q.push_hq_cpu_seconds)} |`,
        `| pull, seconds | ${num(o.pull_seconds)} | ${num(q.pull_seconds)} | ${num(o.pull_seconds / q.pull_seconds)} |`,
        `| pull, HQ's CPU seconds | ${num(o.pull_hq_cpu_seconds)} | ${num(q.pull_hq_cpu_seconds)} | ${num(o.pull_hq_cpu_seconds / q.pull_hq_cpu_seconds)} |`,
        `| one score: push + pull, bytes | ${int(one.total)} | ${int((plain.one_score_sync || {}).total)} | |`,
        `| no-op: push + pull, bytes | ${int(noop.total)} | ${int((plain.noop_sync || {}).total)} | |`, '');
    }
    if (o.reconnects) {
      add(`onsite-hq closed ${o.reconnects} idle keep-alive connection(s) while the other device was busy; the bench ` +
        'client opened a new one and sent the request again, as Qt does.', '');
    }
    const stderr = (o.server_stderr || '').split('\n').filter((l) => l.trim() && l.trim() !== 'onsite-hq: stopping');
    if (stderr.length) add('onsite-hq wrote to stderr during the run:', '', '```', ...stderr.slice(0, 20), '```', '');
    return { goals, figures: f };
  });
}

function push(ctx) {
  const p = ctx.load('sync', { onsite: 'onsite.json', pouchdb: 'pouchdb.json' });
  p.data = { onsite: p.data.onsite };
  return section(ctx, p, 'push', 'Push apply: HQ against raw SQLite inserts', (d) => {
    const { onsite, o, n, sqlite } = syncFigures(d);
    const kept = onsite.sqlite ? onsite.sqlite.kept_rows_seconds : NaN;
    const full = n >= 100000;
    const batches = o.push_batch_seconds || [];
    const growth = batches.length >= 10 ? mean(batches.slice(-5)) / mean(batches.slice(0, 5)) : NaN;
    const goals = [
      goal('push ≤ 2× raw SQLite inserts of the same rows', `${num(o.push_seconds / sqlite, 1)}× (${num(o.push_seconds)} s against ${num(sqlite, 3)} s)`,
        o.push_seconds > 0 && sqlite > 0 ? o.push_seconds / sqlite <= 2 : undefined, full),
      goal('push requests flat as HQ grows (last five ÷ first five ≤ 1.2)', `${num(growth)}×`,
        Number.isFinite(growth) ? growth <= 1.2 : undefined, full),
    ];
    const f = ['| push of the sync part | figure |', '|---|---:|',
      `| records pushed, in requests of | ${int(n)}, ${onsite.batch} |`,
      `| push, wall seconds | ${num(o.push_seconds)} |`,
      `| raw SQLite inserts of the same rows, seconds (baseline) | ${num(sqlite, 3)} |`,
      `| push ÷ raw inserts | ${ratio(o.push_seconds, sqlite)} |`,
      ...(kept > 0 ? [
        `| raw SQLite inserts of every row HQ keeps per score (${onsite.sqlite.kept_rows_per_score} rows: score, history, feed change, clock, outcome), seconds | ${num(kept, 3)} |`,
        `| those inserts ÷ the score rows alone | ${num(kept / sqlite, 1)}× |`,
        `| push ÷ those inserts (what HTTP, JSON, checks and MACs add) | ${ratio(o.push_seconds, kept)} |`] : []),
      `| HQ's CPU per pushed record | ${num((1e6 * o.push_hq_cpu_seconds) / n, 0)} µs |`,
      `| first five push requests, mean seconds | ${num(mean(batches.slice(0, 5)), 3)} |`,
      `| last five push requests, mean seconds | ${num(mean(batches.slice(-5)), 3)} |`, ''];
    if (kept > 0 && sqlite > 0) {
      f.push(kept / sqlite > 2
        ? `Writing the rows HQ keeps per score alone takes ${num(kept / sqlite, 1)}× the score rows: the goal (≤ 2×) is below ` +
          'the storage floor of a push that keeps a history row, a feed change, a clock and an outcome for every record ' +
          '(issue 9 and the reliability issue); what is left to win is between the push and that floor.'
        : 'The rows HQ keeps per score fit within the goal: what is left is above the storage floor.', '');
    }
    const s = onsite.hq_synchronous;
    if (s && s.normal_push_seconds > 0) {
      f.push('### What synchronous=FULL costs HQ', '',
        'HQ\'s SQLite commits with `synchronous=FULL` (an acknowledged push survives power loss). The same pushes went ' +
          'into a second fresh onsite-hq with `synchronous=NORMAL` (`ONSITE_BENCH_HQ_SYNCHRONOUS=NORMAL`, a switch only ' +
          'the benchmark sets).', '',
        '| HQ SQLite | push seconds | records/s |', '|---|---:|---:|',
        `| synchronous=FULL (as shipped) | ${num(s.full_push_seconds)} | ${rate(n, s.full_push_seconds)} |`,
        `| synchronous=NORMAL | ${num(s.normal_push_seconds)} | ${rate(n, s.normal_push_seconds)} |`, '',
        `FULL ÷ NORMAL: **${num(s.full_over_normal)}**.`, '');
    }
    return { goals, figures: f };
  });
}

// Every section in the order of the file.
function all(ctx) {
  const hq = require('./report-hq');
  const device = require('./report-device');
  return [sync(ctx), push(ctx), hq.load(ctx), hq.photos(ctx), hq.results(ctx), hq.importScores(ctx), device.atrest(ctx),
    device.app(ctx)];
}

// The run's machine and build, and each part's time and load.
function runTable(ctx, built) {
  const r = ctx.run;
  const out = ['## The run', ''];
  if (!r.run_id) return [...out, 'No `run.json` in the results folder: the machine and build were not recorded.', ''];
  out.push('| | |', '|---|---|',
    `| started / finished (UTC) | ${r.started || '?'} / ${r.finished || 'not finished'} |`,
    `| mode | ${r.quick ? '**QUICK** (smoke sizes: the figures check the machinery, they are not the goals\' sizes)' : 'full size'}` +
      `${r.only ? `; parts run: ${r.only}` : ''} |`,
    `| commit | ${r.commit || '?'} |`, `| build | ${r.build_type || '?'}, ${r.compiler || '?'} |`,
    `| CPU | ${r.cpu || '?'} |`, `| cores (nproc) | ${r.nproc || '?'} |`,
    `| load average at the start / end | ${r.load_before || '?'} / ${r.load_after || '?'} |`,
    `| software | Qt ${r.qt || '?'}, SQLite ${r.sqlite || '?'}, Node ${r.node || '?'}, PostgreSQL ${r.postgres || '?'} |`, '');
  const load = parseFloat(r.load_before);
  if (load > Number(r.nproc)) {
    out.push(`**The machine was busy** (load average ${num(load)} on ${r.nproc} cores at the start): wall times are ` +
      'inflated; each part\'s load before and after is in its section.', '');
  }
  const earlier = built.filter((s) => s.goals.some((g) => g.verdictText.endsWith('(earlier run)')));
  if (earlier.length) {
    out.push(`Sections from an earlier run (not run this time): ${earlier.map((s) => s.title).join(', ')}.`, '');
  }
  return out;
}

module.exports = { num, int, mb, ms, pct, ratio, median, goal, info, section, problems };
module.exports.all = all;
module.exports.runTable = runTable;
