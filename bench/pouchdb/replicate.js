'use strict';
// The PouchDB baseline of onsite-sync-bench: the same score documents replicated
// from a local PouchDB A to a PouchDB HTTP server (express-pouchdb on loopback) and
// from there to a local PouchDB B. Prints the timings and wire bytes as JSON.
//
//   node replicate.js --docs FILE --records N --work DIR [--batch 2000] [--json OUT]
//
// FILE holds N+1 documents, one JSON object per line (onsite-sync-bench
// --export-docs): the first N are the bulk, the last one is the one-document sync.
//
// The server stores on disk (LevelDB), as onsite-hq stores in a SQLite file; the two
// devices use the memory adapter, because the onsite side's devices only build and
// parse JSON and keep nothing, so the device-side storage cost is kept as low as
// PouchDB allows.

const fs = require('fs');
const path = require('path');
const readline = require('readline');
const express = require('express');
const expressPouchDB = require('express-pouchdb');
const PouchDB = require('pouchdb');
PouchDB.plugin(require('pouchdb-adapter-memory'));

function parseArgs(argv) {
  const args = { batch: 2000 };
  for (let i = 2; i < argv.length; i += 2) {
    const key = argv[i].replace(/^--/, '');
    if (i + 1 >= argv.length) throw new Error(`missing value for --${key}`);
    args[key] = argv[i + 1];
  }
  for (const required of ['docs', 'records', 'work']) {
    if (!args[required]) throw new Error(`--${required} is required`);
  }
  args.records = Number(args.records);
  args.batch = Number(args.batch);
  return args;
}

function progress(text) {
  process.stderr.write(`pouchdb-bench: ${text}\n`);
}

async function readDocs(file) {
  const docs = [];
  const lines = readline.createInterface({ input: fs.createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (line.trim()) docs.push(JSON.parse(line));
  }
  return docs;
}

// Counts bytes on the server's side of every connection: what the replicating
// clients sent and received, headers included (TCP/IP framing not included).
function byteCounter(server) {
  const sockets = new Set();
  server.on('connection', (socket) => sockets.add(socket));
  const read = () => {
    let sent = 0;
    let received = 0;
    for (const s of sockets) {
      received += s.bytesRead; // the client sent it
      sent += s.bytesWritten; // the client received it
    }
    return { sent: received, received: sent };
  };
  return {
    snapshot: read,
    since(before) {
      const now = read();
      const sent = now.sent - before.sent;
      const received = now.received - before.received;
      return { sent, received, total: sent + received };
    },
    sockets: () => sockets.size,
  };
}

function seconds(start) {
  return Number(process.hrtime.bigint() - start) / 1e9;
}

async function main() {
  const args = parseArgs(process.argv);
  const docs = await readDocs(args.docs);
  if (docs.length !== args.records + 1)
    throw new Error(`${args.docs} has ${docs.length} documents, expected ${args.records + 1}`);
  const bulk = docs.slice(0, args.records);
  const extra = docs[args.records];
  const problems = [];

  const serverFolder = path.join(args.work, 'pouchdb-server');
  fs.mkdirSync(serverFolder, { recursive: true });
  const ServerPouch = PouchDB.defaults({ prefix: serverFolder + path.sep });
  const app = express();
  // minimumForPouchDB: only the routes replication uses, no Fauxton, no auth layer;
  // the config lives in memory so nothing but the databases touches the disk.
  app.use('/', expressPouchDB(ServerPouch, { mode: 'minimumForPouchDB', inMemoryConfig: true, logPath: path.join(serverFolder, 'log.txt') }));
  const server = await new Promise((resolve, reject) => {
    const s = app.listen(0, '127.0.0.1', () => resolve(s));
    s.on('error', reject);
  });
  const port = server.address().port;
  const counter = byteCounter(server);
  progress(`PouchDB server on http://127.0.0.1:${port}, ${bulk.length} documents`);

  const deviceA = new PouchDB('device-a', { adapter: 'memory' });
  const deviceB = new PouchDB('device-b', { adapter: 'memory' });
  const remote = new PouchDB(`http://127.0.0.1:${port}/scores`);
  await remote.info(); // creates the database before anything is measured

  // Device A holds the records before the clock starts, as onsite's device A does.
  let start = process.hrtime.bigint();
  for (let i = 0; i < bulk.length; i += 2000) {
    const written = await deviceA.bulkDocs(bulk.slice(i, i + 2000));
    const failed = written.filter((r) => r.error);
    if (failed.length) problems.push(`device A bulkDocs: ${failed.length} failed, first: ${JSON.stringify(failed[0])}`);
  }
  const loadSeconds = seconds(start);

  const options = { batch_size: args.batch };
  progress(`replicating A -> server (batch_size ${args.batch})`);
  let before = counter.snapshot();
  start = process.hrtime.bigint();
  const pushed = await deviceA.replicate.to(remote, options);
  const pushSeconds = seconds(start);
  const pushBytes = counter.since(before);

  progress('replicating server -> B');
  before = counter.snapshot();
  start = process.hrtime.bigint();
  const pulled = await deviceB.replicate.from(remote, options);
  const pullSeconds = seconds(start);
  const pullBytes = counter.since(before);

  const infoB = await deviceB.info();
  const idsB = new Set((await deviceB.allDocs()).rows.map((r) => r.id));
  const expected = new Set(bulk.map((d) => d._id));
  const matching = [...idsB].filter((id) => expected.has(id)).length;
  if (pushed.docs_written !== bulk.length || pulled.docs_written !== bulk.length || infoB.doc_count !== bulk.length ||
      idsB.size !== bulk.length || matching !== bulk.length) {
    problems.push(`written A->server ${pushed.docs_written}, server->B ${pulled.docs_written}; B holds ` +
                  `${infoB.doc_count} docs, ${idsB.size} distinct ids, ${matching} of the expected; expected ${bulk.length}`);
  }

  progress('one-document sync and no-op sync');
  await deviceA.put(extra);
  before = counter.snapshot();
  await deviceA.replicate.to(remote, options);
  const onePush = counter.since(before);
  before = counter.snapshot();
  const onePulled = await deviceB.replicate.from(remote, options);
  const onePull = counter.since(before);
  if (onePulled.docs_written !== 1) problems.push(`one-document sync: B received ${onePulled.docs_written} documents`);

  before = counter.snapshot();
  await deviceA.replicate.to(remote, options);
  const noopPush = counter.since(before);
  before = counter.snapshot();
  const noopPulled = await deviceB.replicate.from(remote, options);
  const noopPull = counter.since(before);
  if (noopPulled.docs_written !== 0) problems.push(`no-op sync: B received ${noopPulled.docs_written} documents`);

  const result = {
    records: bulk.length,
    batch_size: args.batch,
    versions: {
      node: process.version,
      pouchdb: require('pouchdb/package.json').version,
      'express-pouchdb': require('express-pouchdb/package.json').version,
      express: require('express/package.json').version,
    },
    load_seconds: loadSeconds,
    push_seconds: pushSeconds,
    pull_seconds: pullSeconds,
    push_bytes: pushBytes,
    pull_bytes: pullBytes,
    docs_written: { push: pushed.docs_written, pull: pulled.docs_written },
    b_doc_count: infoB.doc_count,
    one_doc_sync: { push: onePush, pull: onePull, total: onePush.total + onePull.total },
    noop_sync: { push: noopPush, pull: noopPull, total: noopPush.total + noopPull.total },
    connections: counter.sockets(),
    problems,
    ok: problems.length === 0,
  };

  await Promise.all([deviceA.close(), deviceB.close(), remote.close()]);
  await new Promise((resolve) => {
    server.close(resolve);
    server.closeAllConnections(); // keep-alive sockets would hold close() open
  });
  const out = JSON.stringify(result, null, 2) + '\n';
  if (args.json) fs.writeFileSync(args.json, out);
  else process.stdout.write(out);
  return result.ok ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (error) => {
    process.stderr.write(`pouchdb-bench: ${error.stack || error}\n`);
    process.exit(1);
  },
);
