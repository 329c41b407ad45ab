import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { openDatabase } from '../../../server/db/connection';
import { createMember } from '../../support/auth';
import { seedProject, seedRecords, seedSource } from '../../support/db';
import { tempDir } from '../../support/cli';

/**
 * Crash safety: SIGKILL a large `sift import` and a burst of screening decisions at random
 * moments, 20+ times, and check after each kill that the database is sound, that every import
 * is whole or absent, and that every decision acknowledged before the kill is there.
 */
const ROOT = path.resolve(__dirname, '..', '..', '..');
const CHILD = path.join(ROOT, 'tests', 'support', 'crash-child.ts');
const KILLS_PER_KIND = 10;
const IMPORT_RECORDS = 20_000;
// Enough votes that every burst is still running when its kill comes (≤ 400 ms), however fast the machine.
const DECIDE_RECORDS = 20_000;

// A seeded generator, so a failing run can be repeated (the seed is in the test name).
const SEED = Number(process.env.CRASH_SEED ?? Date.now() % 100_000);
let state = SEED;
function random(): number {
  state = (state * 1_103_515_245 + 12_345) % 2_147_483_648;
  return state / 2_147_483_648;
}
const killDelay = () => 20 + Math.floor(random() * 381); // 20–400 ms after the child is ready

function bigRis(records: number): string {
  const parts: string[] = [];
  for (let i = 1; i <= records; i++) {
    parts.push(
      `TY  - JOUR\nID  - crash-${i}\nTI  - Crash-safety study number ${i} of adult learners\n` +
        `AU  - Tester, Ada\nAU  - Example, Bo ${i % 97}\nPY  - ${1990 + (i % 35)}\nJO  - Journal of Tests\n` +
        `DO  - 10.5555/crash.${i}\nAB  - An abstract long enough to look like one; record ${i}.\nER  - \n`,
    );
  }
  return parts.join('\n');
}

interface Run {
  lines: string[];
  killed: boolean;
  code: number | null;
  stderr: string;
}

/** Starts the child, kills it `delay` ms after it says ready (unless it ends first). */
function runAndKill(args: string[], delay: number | null): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['-r', 'tsx/cjs', CHILD, ...args], {
      cwd: ROOT,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const run: Run = { lines: [], killed: false, code: null, stderr: '' };
    let buffer = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      buffer += chunk;
      const parts = buffer.split('\n');
      buffer = parts.pop() ?? '';
      for (const line of parts) {
        run.lines.push(line);
        if (line === 'ready' && delay !== null) {
          setTimeout(() => {
            run.killed = child.kill('SIGKILL');
          }, delay);
        }
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (run.stderr += chunk));
    child.on('error', reject);
    // 'close' waits for stdout to drain: every line the child wrote before dying has been read.
    child.on('close', (code) => {
      run.code = code;
      resolve(run);
    });
  });
}

function checkSound(file: string) {
  const db = new Database(file);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    expect(db.pragma('foreign_key_check')).toEqual([]);
  } finally {
    db.close();
  }
}

describe(`crash safety under SIGKILL (seed ${SEED})`, () => {
  let dir: string;
  beforeAll(() => {
    dir = tempDir();
  });
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it(`keeps imports whole and acknowledged decisions, ${2 * KILLS_PER_KIND} kills`, async () => {
    const ris = path.join(dir, 'big.ris');
    fs.writeFileSync(ris, bigRis(IMPORT_RECORDS));
    const importDb = path.join(dir, 'import.db');
    const decideDb = path.join(dir, 'decide.db');
    const setup = openDatabase(decideDb);
    const projectId = seedProject(setup);
    const sourceId = seedSource(setup, projectId);
    seedRecords(
      setup,
      projectId,
      sourceId,
      Array.from({ length: DECIDE_RECORDS }, (_, i) => ({ title: `Record ${i + 1}` })),
    );
    createMember(setup, projectId, 'first', 'reviewer');
    createMember(setup, projectId, 'second', 'reviewer');
    setup.close();

    const acknowledged: string[] = [];
    let importKills = 0;
    let decideKills = 0;
    let completedImports = 0;
    let wholeImports = 0;
    let importMs = 0;

    const imports = async () => {
      // One import left to finish: the reference for "whole", and how long a kill-free import takes.
      const started = Date.now();
      const whole = await runAndKill(['import', importDb, ris], null);
      importMs = Date.now() - started;
      expect(whole).toMatchObject({ code: 0, killed: false });
      completedImports += 1;
      // until KILLS_PER_KIND kills (a run that ends before its kill does not count), at most twice as many runs
      for (let i = 0; importKills < KILLS_PER_KIND && i < 2 * KILLS_PER_KIND; i++) {
        const run = await runAndKill(['import', importDb, ris], killDelay());
        if (!run.killed) {
          expect(run).toMatchObject({ code: 0 });
          completedImports += 1;
        } else importKills += 1;
        checkSound(importDb);
        const db = new Database(importDb, { readonly: true });
        try {
          const sources = db
            .prepare(
              `SELECT s.id, s.record_count AS declared, (SELECT COUNT(*) FROM records r WHERE r.source_id = s.id) AS stored
               FROM sources s`,
            )
            .all() as { id: number; declared: number; stored: number }[];
          for (const s of sources)
            expect(s).toEqual({ id: s.id, declared: IMPORT_RECORDS, stored: IMPORT_RECORDS });
          // a kill can land after the commit, so there may be more whole imports than finished runs
          expect(sources.length).toBeGreaterThanOrEqual(completedImports);
          wholeImports = sources.length;
          expect(sources.length).toBeGreaterThanOrEqual(1);
          const orphans = db
            .prepare('SELECT COUNT(*) AS n FROM records WHERE source_id NOT IN (SELECT id FROM sources)')
            .get();
          expect(orphans).toEqual({ n: 0 });
        } finally {
          db.close();
        }
      }
    };

    const decisions = async () => {
      for (let i = 0; decideKills < KILLS_PER_KIND && i < 2 * KILLS_PER_KIND; i++) {
        const run = await runAndKill(['decide', decideDb], killDelay());
        expect(run.stderr).toBe('');
        if (run.killed) decideKills += 1;
        acknowledged.push(...run.lines.filter((l) => l.startsWith('ack ')));
        checkSound(decideDb);
        const db = new Database(decideDb, { readonly: true });
        try {
          const stored = new Set(
            (
              db.prepare(`SELECT record_id, user_id FROM screening_events WHERE kind = 'vote'`).all() as {
                record_id: number;
                user_id: number;
              }[]
            ).map((e) => `ack ${e.record_id} ${e.user_id}`),
          );
          expect(acknowledged.filter((a) => !stored.has(a))).toEqual([]);
          // The projection was written in the same transaction as each event.
          const votes = db.prepare('SELECT COUNT(*) AS n FROM screening_votes').get() as { n: number };
          expect(votes.n).toBe(stored.size);
        } finally {
          db.close();
        }
      }
    };

    await Promise.all([imports(), decisions()]);
    expect(importKills).toBe(KILLS_PER_KIND);
    expect(decideKills).toBe(KILLS_PER_KIND);
    expect(acknowledged.length).toBeGreaterThan(0);
    if (process.env.CRASH_REPORT) {
      fs.writeFileSync(
        process.env.CRASH_REPORT,
        JSON.stringify({
          seed: SEED,
          importKills,
          decideKills,
          completedImports,
          wholeImports,
          importMs,
          acknowledged: acknowledged.length,
        }),
      );
    }
  }, 150_000);
});
