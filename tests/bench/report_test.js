'use strict';
// bench/write-report.js on stored results (tests/bench/report-fixtures: the JSON of real
// runs and the figures of the hand-written tables), and on broken or partial folders:
// every section is there, each goal is judged from the figures, a part from an earlier
// run or without results says so, notes are included verbatim, bad JSON does not stop
// the file. And bench/run-all.sh refuses an unknown part before building anything.
//
//   node tests/bench/report_test.js        (ctest: bench_report_generator)

const assert = require('assert');
const { execFileSync, spawnSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.resolve(__dirname, '..', '..');
const fixtures = path.join(__dirname, 'report-fixtures');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-report-test-'));
const SECTIONS = ['## The run', '## Issue 12 goals in this run', '## Sync:', '## Push apply:', '## Many tablets at once:',
  '## Photos:', '## Results:', '## Paper scores (补录):', '## Data at rest:', '## App:'];

function generate(results, extra = []) {
  const out = path.join(work, `out-${Math.random().toString(36).slice(2)}.md`);
  execFileSync('node', [path.join(root, 'bench', 'write-report.js'), '--results', results, '--out', out, ...extra]);
  return fs.readFileSync(out, 'utf8');
}
function copyFixtures(name) {
  const dir = path.join(work, name);
  fs.cpSync(fixtures, dir, { recursive: true });
  return dir;
}
// The verdict of a goal in the goals table.
function verdict(doc, section, goalStart) {
  const line = doc.split('\n').find((l) => l.startsWith(`| ${section} | ${goalStart}`));
  assert.ok(line, `no goal line "${section} | ${goalStart}"`);
  return line.split('|').slice(-2)[0].trim();
}
const tests = [];
const test = (name, fn) => tests.push([name, fn]);

test('every section, in order, with its figures and explanations', () => {
  const doc = generate(fixtures);
  let at = -1;
  for (const heading of SECTIONS) {
    const i = doc.indexOf(`\n${heading}`);
    assert.ok(i > at, `"${heading}" missing or out of order`);
    at = i;
  }
  assert.match(doc, /\| \*\*onsite-hq: push \+ pull\*\* \| \*\*145\.60\*\* \|/);
  assert.match(doc, /### What is measured/); // bench/report/sync.md
  assert.match(doc, /### Earlier measurements \(by hand, not from this run\)/); // a history file
  assert.match(doc, /bench\/run-all\.sh/);
  assert.ok(!/undefined|NaN/.test(doc), 'a figure rendered as undefined or NaN');
});

test('goals are judged from the figures', () => {
  const doc = generate(fixtures);
  assert.strictEqual(verdict(doc, 'Sync', 'push + pull ≥ 10×'), '**not met**'); // 2.4×
  assert.strictEqual(verdict(doc, 'Sync', 'no-op sync ≤ 500 bytes'), '**met**'); // 442 B
  assert.strictEqual(verdict(doc, 'Push apply', 'push ≤ 2×'), '**not met**'); // 9.8×
  assert.strictEqual(verdict(doc, 'Many tablets at once', '0 errors'), '**met**');
  assert.strictEqual(verdict(doc, 'Many tablets at once', 'two HQ processes'), '**met**');
  assert.strictEqual(verdict(doc, 'Photos', 'device path'), '**not met**'); // 75 %
  assert.strictEqual(verdict(doc, 'Results', 'memory ≤ 2×'), '**met**'); // 1.17×
  assert.match(verdict(doc, 'App', 'cold start'), /^at a smaller size/); // no scores on that device
  assert.strictEqual(verdict(doc, 'App', 'RSS'), 'not measured'); // that run had no RSS
});

test('a figure that crosses its goal changes the verdict', () => {
  const dir = copyFixtures('faster');
  const file = path.join(dir, 'sync', 'pouchdb.json');
  const pouch = JSON.parse(fs.readFileSync(file, 'utf8'));
  pouch.push_seconds *= 10;
  pouch.pull_seconds *= 10;
  fs.writeFileSync(file, JSON.stringify(pouch));
  assert.strictEqual(verdict(generate(dir), 'Sync', 'push + pull ≥ 10×'), '**met**');
});

test('a quick run is not judged against the full-size goals', () => {
  const dir = copyFixtures('quick');
  const file = path.join(dir, 'load', 'sqlite.json');
  const load = JSON.parse(fs.readFileSync(file, 'utf8'));
  load.devices = 10;
  fs.writeFileSync(file, JSON.stringify(load));
  assert.match(verdict(generate(dir), 'Many tablets at once', '0 errors'), /^at a smaller size: not judged \(met/);
});

test('a part from an earlier run, a missing part and bad JSON are said so', () => {
  const dir = copyFixtures('partial');
  const run = JSON.parse(fs.readFileSync(path.join(dir, 'run.json'), 'utf8'));
  run.run_id = 'a-later-run';
  run.only = 'sync';
  fs.writeFileSync(path.join(dir, 'run.json'), JSON.stringify(run));
  const sync = JSON.parse(fs.readFileSync(path.join(dir, 'sync', 'meta.json'), 'utf8'));
  sync.run_id = 'a-later-run';
  fs.writeFileSync(path.join(dir, 'sync', 'meta.json'), JSON.stringify(sync));
  fs.rmSync(path.join(dir, 'atrest'), { recursive: true });
  fs.writeFileSync(path.join(dir, 'import', 'import.json'), '{ not json');
  fs.rmSync(path.join(dir, 'import', 'meta.json'));
  const doc = generate(dir);
  const section = (h) => doc.slice(doc.indexOf(`\n## ${h}`), doc.indexOf('\n## ', doc.indexOf(`\n## ${h}`) + 1));
  assert.ok(!section('Sync:').includes('From an earlier run'));
  assert.match(section('Many tablets'), /\*\*From an earlier run\*\*/);
  assert.match(verdict(doc, 'Many tablets at once', '0 errors'), /\(earlier run\)$/);
  assert.match(section('Data at rest'), /\*\*Not measured\*\*/);
  assert.match(section('Paper scores'), /\*\*Not measured\*\*/);
  for (const heading of SECTIONS) assert.ok(doc.includes(`\n${heading}`), `"${heading}" missing`);
});

test('notes are included verbatim, in their section or at the end', () => {
  const notes = path.join(work, 'notes');
  fs.mkdirSync(notes);
  const pushNote = 'Tried a rowid for the feed: **1.3× faster** push (measured 12:00 UTC, load 4.2).\n';
  const otherNote = 'A line with `code` and 中文.\n\n```sh\n# a shell comment stays\n```\n';
  fs.writeFileSync(path.join(notes, 'push.md'), pushNote);
  fs.writeFileSync(path.join(notes, 'zeta.md'), `## Something else\n\n${otherNote}`);
  const doc = generate(fixtures, ['--notes-dir', notes]);
  const pushAt = doc.indexOf('\n## Push apply:');
  const noteAt = doc.indexOf(pushNote);
  assert.ok(noteAt > pushAt && noteAt < doc.indexOf('\n## Many tablets'), 'push notes not in Push apply');
  assert.match(doc, /### What was tried \(`bench\/notes\/push\.md`\)/);
  assert.ok(doc.indexOf(otherNote) > doc.indexOf('\n## What was tried (other notes)'), 'other notes not at the end');
  // A note's own headings nest under the section's instead of starting a section.
  assert.match(doc, /\n#### Something else\n/);
  assert.ok(!doc.includes('\n## Something else'));
});

test('no results at all still give every section', () => {
  const empty = path.join(work, 'empty');
  fs.mkdirSync(empty);
  const doc = generate(empty);
  for (const heading of SECTIONS) assert.ok(doc.includes(`\n${heading}`), `"${heading}" missing`);
  assert.match(doc, /No `run\.json`/);
});

test('run-all.sh refuses an unknown part and writes nothing', () => {
  const out = path.join(work, 'refused.md');
  const r = spawnSync('bash', [path.join(root, 'bench', 'run-all.sh')], {
    env: { ...process.env, ONLY: 'sync,nosuchpart', OUT: out, RESULTS: path.join(work, 'refused'), SKIP_BUILD: '1' },
    encoding: 'utf8',
  });
  assert.strictEqual(r.status, 2, r.stderr);
  assert.match(r.stderr, /unknown part 'nosuchpart'/);
  assert.ok(!fs.existsSync(out));
});

let failed = 0;
for (const [name, fn] of tests) {
  try {
    fn();
    console.log(`ok - ${name}`);
  } catch (error) {
    failed++;
    console.log(`FAILED - ${name}\n${error.stack}`);
  }
}
fs.rmSync(work, { recursive: true, force: true });
console.log(`${tests.length - failed} of ${tests.length} passed`);
process.exit(failed ? 1 : 0);
