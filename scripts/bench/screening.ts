/**
 * npm run bench:screening — 20 reviewers at once, each fetching their queue and posting a
 * decision, on a 50,000-record project over real HTTP on loopback (file database in WAL
 * mode, API-token auth). The reference is GET /api/health under the same concurrency: the
 * cost of the HTTP stack and the auth guard alone, so ratios survive a noisy machine.
 */
import fs from 'node:fs';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { createApp } from '../../server/app';
import { openDatabase, type Db } from '../../server/db/connection';
import { addMember } from '../../server/db/repos/members';
import { hashPasswordSync } from '../../server/domain/auth/password-hash';
import { storeUser } from '../../server/services/accounts';
import { createApiToken } from '../../server/services/api-tokens';
import { writeBenchmarkSection } from './report';

const RECORDS = Number(process.env.BENCH_RECORDS ?? 50_000);
const REVIEWERS = Number(process.env.BENCH_REVIEWERS ?? 20);
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 150);
const PAUSE_MS = Number(process.env.BENCH_PAUSE_MS ?? 200);
const NOW = new Date('2026-01-01T00:00:00Z');

function seed(db: Db): { projectId: number; tokens: string[] } {
  const projectId = Number(
    db.prepare("INSERT INTO projects (name, created_at) VALUES ('Bench review', ?)").run(NOW.toISOString())
      .lastInsertRowid,
  );
  const sourceId = Number(
    db
      .prepare(
        "INSERT INTO sources (project_id, name, kind, imported_at) VALUES (?, 'Synthetic', 'database', ?)",
      )
      .run(projectId, NOW.toISOString()).lastInsertRowid,
  );
  const insert = db.prepare(
    `INSERT INTO records (project_id, source_id, position, title, abstract, year, authors_json, keywords_json, created_at)
     VALUES (?, ?, ?, ?, ?, ?, '["Doe, J."]', '["screening"]', ?)`,
  );
  db.transaction(() => {
    for (let i = 1; i <= RECORDS; i++) {
      insert.run(
        projectId,
        sourceId,
        i,
        `Synthetic record ${i} on micro-credentials`,
        `Abstract of record ${i}. `.repeat(20),
        2000 + (i % 25),
        NOW.toISOString(),
      );
    }
  })();
  // Cheap scrypt: the accounts are only a vehicle for tokens here.
  const hash = hashPasswordSync('bench password never used', { N: 1024, r: 8, p: 1 });
  const tokens: string[] = [];
  const deps = { db, clock: () => NOW };
  db.transaction(() => {
    for (let i = 0; i < REVIEWERS; i++) {
      const user = storeUser(deps, { username: `reviewer${i}`, passwordHash: hash });
      addMember(db, projectId, user.id, 'reviewer', NOW);
      tokens.push(createApiToken(deps, user.id, 'bench').token);
    }
  })();
  return { projectId, tokens };
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

interface Series {
  name: string;
  times: number[];
}

interface LoadResult {
  health: number[];
  queue: number[];
  decide: number[];
  failures: number;
}

/** The reviewers: each loops "fetch my queue, vote on the first record" (or GET /health for the reference). */
const CLIENT_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const { performance } = require('node:perf_hooks');
const { base, projectId, tokens, rounds, phase, pauseMs } = workerData;
const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const out = { health: [], queue: [], decide: [], failures: 0 };
async function timed(list, run) {
  const start = performance.now();
  const result = await run();
  list.push(performance.now() - start);
  return result;
}
async function reviewer(token, index) {
  const headers = { authorization: 'Bearer ' + token, 'content-type': 'application/json' };
  for (let i = 0; i < rounds; i++) {
    if (phase === 'reference') {
      await timed(out.health, async () => (await fetch(base + '/health', { headers })).arrayBuffer());
      await timed(out.health, async () => (await fetch(base + '/health', { headers })).arrayBuffer());
      continue;
    }
    const body = await timed(out.queue, async () =>
      (await fetch(base + '/projects/' + projectId + '/queue?stage=title_abstract&limit=10', { headers })).json());
    const record = body.records[0];
    if (!record) break;
    const k = (index + i) % 10;
    const decision = k < 7 ? 'include' : k < 9 ? 'exclude' : 'maybe';
    const res = await timed(out.decide, async () => {
      const r = await fetch(base + '/projects/' + projectId + '/decisions', {
        method: 'POST', headers,
        body: JSON.stringify({ recordId: record.id, stage: 'title_abstract', decision,
          reason: decision === 'exclude' ? 'Wrong population' : undefined }),
      });
      await r.arrayBuffer();
      return r;
    });
    if (res.status !== 201) out.failures++;
    if (pauseMs) await sleep(pauseMs);
  }
}
Promise.all(tokens.map(reviewer)).then(() => parentPort.postMessage(out));
`;

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-bench-screening-'));
  const db = openDatabase(path.join(dir, 'bench.sqlite'));
  const seedStart = performance.now();
  const { projectId, tokens } = seed(db);
  const seedMs = performance.now() - seedStart;
  const app = createApp({ db, uploadsDir: path.join(dir, 'uploads') });
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;

  // The reviewers run in a worker thread, so the load generator does not steal the server's event loop.
  const load = (phase: 'reference' | 'screening', pauseMs = 0) =>
    new Promise<LoadResult>((resolve, reject) => {
      const worker = new Worker(CLIENT_SOURCE, {
        eval: true,
        workerData: { base, projectId, tokens, rounds: ROUNDS, phase, pauseMs },
      });
      worker.once('message', resolve);
      worker.once('error', reject);
    });
  const reference = await load('reference');
  const started = performance.now();
  const result = await load('screening');
  const elapsedS = (performance.now() - started) / 1000;
  // Paced: each reviewer pauses between records (still ~100× faster than a person reads).
  const paced = await load('screening', PAUSE_MS);
  server.close();
  const events = (db.prepare('SELECT COUNT(*) AS n FROM screening_events').get() as { n: number }).n;
  db.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const health: Series = { name: 'GET /api/health (reference)', times: reference.health };
  const queue: Series = { name: 'GET /api/projects/:id/queue', times: result.queue };
  const decide: Series = { name: 'POST /api/projects/:id/decisions', times: result.decide };
  const failures = result.failures + paced.failures;
  const pacedQueue: Series = { name: `GET queue, paced (${PAUSE_MS} ms pause)`, times: paced.queue };
  const pacedDecide: Series = { name: `POST decisions, paced (${PAUSE_MS} ms pause)`, times: paced.decide };
  const rows = [health, queue, decide, pacedQueue, pacedDecide].map((s) => {
    const sorted = [...s.times].sort((a, b) => a - b);
    return {
      name: s.name,
      n: sorted.length,
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      p99: percentile(sorted, 99),
    };
  });
  const ref = rows[0]!;
  const fmt = (v: number) => v.toFixed(2);
  const requests = queue.times.length + decide.times.length;
  const load1 = os.loadavg()[0]!.toFixed(1);
  const table = [
    '| request | n | p50 ms | p95 ms | p99 ms | p95 ÷ reference p95 |',
    '|---|---|---|---|---|---|',
    ...rows.map(
      (r) =>
        `| ${r.name} | ${r.n} | ${fmt(r.p50)} | ${fmt(r.p95)} | ${fmt(r.p99)} | ${(r.p95 / ref.p95).toFixed(2)} |`,
    ),
  ].join('\n');
  const goal = rows
    .slice(1)
    .map((r) => `${r.name}: ${r.p95 < 20 ? 'met' : 'not met'}`)
    .join('; ');
  const body = `${RECORDS.toLocaleString('en')} records, ${REVIEWERS} concurrent reviewers (API tokens), each ${ROUNDS} rounds of
"fetch my queue (10 records) → post a decision on the first"; file database in WAL mode; two reviewers required per record.
The reviewers run in a worker thread. Closed loop: no pause, so latency is mostly waiting behind the other 19
(Node serves one request at a time); paced: ${PAUSE_MS} ms between records. Reference: GET /api/health, closed loop,
same concurrency. Machine load average during the run: ${load1} on ${os.cpus().length} CPUs (shared with other jobs).
Seeding took ${(seedMs / 1000).toFixed(1)} s (not timed).

${table}

Closed-loop throughput: ${(requests / elapsedS).toFixed(0)} requests/s (${(decide.times.length / elapsedS).toFixed(0)} decisions/s) over ${elapsedS.toFixed(1)} s.
${events} events stored, ${failures} decisions refused. Goal p95 < 20 ms — ${goal}.`;
  process.stdout.write(`${body}\n`);
  writeBenchmarkSection('screening', 'npm run bench:screening', body);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
