// The follow-up uploads' own SHA-256 (src/followup/sha256.ts), used where crypto.subtle is
// missing (plain-HTTP LAN addresses): known vectors, every split of the input, and in the
// browser a 1 MiB buffer and a chunked Blob against crypto.subtle.
import { test, expect } from '@playwright/test';
import { createHash, randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { Sha256, sha256BlobHex, toHex } from '../src/followup/sha256';

const empty = 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855';
const abc = 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad';
const hex = (bytes: Uint8Array) => toHex(new Sha256().update(bytes).digest());

test('FIPS 180-4 vectors and padding edges, whole and split, in Node.js', async () => {
  expect(hex(new Uint8Array())).toBe(empty);
  expect(hex(new TextEncoder().encode('abc'))).toBe(abc);
  expect(hex(new TextEncoder().encode('abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq'))).toBe(
    '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  );
  expect(hex(new Uint8Array(1_000_000).fill(0x61))).toBe('cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0');
  for (const n of [1, 55, 56, 57, 63, 64, 65, 119, 120, 128, 1000, 70_001]) {
    const bytes = randomBytes(n);
    const want = createHash('sha256').update(bytes).digest('hex');
    expect(hex(bytes), `${n} bytes`).toBe(want);
    const split = new Sha256();
    for (let at = 0, step = 1; at < n; at += step, step = (step * 7) % 131 || 1) split.update(bytes.subarray(at, at + step));
    expect(toHex(split.digest()), `${n} bytes in pieces`).toBe(want);
    expect(await sha256BlobHex(new Blob([bytes]), 1000), `${n} bytes as a Blob`).toBe(want);
  }
});

test('in the browser: the same digests as crypto.subtle, a Blob read in chunks', async ({ page }) => {
  // The module as plain script text, evaluated in the console's page.
  const source = readFileSync(fileURLToPath(new URL('../src/followup/sha256.ts', import.meta.url)), 'utf8');
  const js = ts.transpileModule(source, { compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext } })
    .outputText.replace(/^export /gm, '');
  await page.goto('/signin');
  const answer = await page.evaluate(`(async () => {
    ${js}
    const subtleHex = async (bytes) => toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', bytes)));
    const big = new Uint8Array(1024 * 1024 + 13);
    for (let i = 0; i < big.length; i += 65536) crypto.getRandomValues(big.subarray(i, Math.min(i + 65536, big.length)));
    return {
      empty: toHex(new Sha256().digest()),
      abc: toHex(new Sha256().update(new TextEncoder().encode('abc')).digest()),
      big: toHex(new Sha256().update(big).digest()),
      blob: await sha256BlobHex(new Blob([big]), 100000),
      subtle: await subtleHex(big),
    };
  })()`);
  const a = answer as Record<string, string>;
  expect(a.empty).toBe(empty);
  expect(a.abc).toBe(abc);
  expect(a.big).toBe(a.subtle);
  expect(a.blob).toBe(a.subtle);
});
