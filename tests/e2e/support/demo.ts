import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../server/db/connection';
import { openDatabase } from '../../../server/db/connection';
import type { Actor } from '../../../server/domain/auth/actor';
import { systemClock } from '../../../server/domain/clock';
import { requireUserByName } from '../../../server/services/accounts';
import { listCodingStudies } from '../../../server/services/coding-views';
import { ensureDemo } from '../../../server/services/demo';
import { DEMO_PASSWORD } from '../../../server/services/demo-steps';
import * as fulltext from '../../../server/services/fulltext';
import * as screening from '../../../server/services/screening';
import type { Browser, BrowserContextOptions } from 'playwright-core';
import { launchBrowser } from './browser';
import { startServer, type RunningServer } from './server';
import { signIn, type Signed } from './session';

export { DEMO_PASSWORD };

/** A real two-page PDF (tests/fixtures/e2e/SOURCES.md): a title and methods, then results on page 2. */
export const TWO_PAGES_PDF = path.resolve(__dirname, '..', '..', 'fixtures', 'e2e', 'two-pages.pdf');

export interface DemoServer {
  db: Db;
  server: RunningServer;
  projectId: number;
  uploadsDir: string;
  close(): Promise<void>;
}

/**
 * The demo review (real records, three accounts, screening, full texts, codes) built in a fresh
 * in-memory database and served: every page has something to show. Tests add what they need
 * on top through the services, never by hand-written SQL.
 */
export async function startDemo(): Promise<DemoServer> {
  const db = openDatabase(':memory:');
  const { projectId } = ensureDemo({ db, clock: systemClock });
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-demo-'));
  const server = await startServer({ db, uploadsDir });
  return {
    db,
    server,
    projectId,
    uploadsDir,
    async close() {
      await server.close();
      db.close();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Uploads the two-page PDF for the report alice has still to assess in the demo (the demo links
 * its reports, it uploads none), so her full-text eligibility page shows it; returns its record.
 */
export function pdfForAlicesNextReport(db: Db, projectId: number, uploadsDir: string): number {
  const [next] = screening.queue(db, projectId, demoActor(db, 'alice'), 'full_text').records;
  if (!next) throw new Error('the demo left alice no full text to assess');
  fulltext.uploadPdf({ db, clock: systemClock, uploadsDir }, projectId, demoActor(db, 'owner'), next.id, {
    bytes: fs.readFileSync(TWO_PAGES_PDF),
    originalName: 'two-pages.pdf',
  });
  return next.id;
}

/**
 * Uploads the two-page PDF as the full text of a study bob is still coding (alice finished them
 * all in the demo), so his coding page shows it beside the coding panel; returns the study.
 */
export function pdfForBobsNextStudy(db: Db, projectId: number, uploadsDir: string): number {
  const study = listCodingStudies(db, projectId, demoActor(db, 'bob')).studies.find((s) => !s.done);
  if (!study) throw new Error('the demo left bob no study to code');
  fulltext.uploadPdf({ db, clock: systemClock, uploadsDir }, projectId, demoActor(db, 'owner'), study.reportIds[0]!, {
    bytes: fs.readFileSync(TWO_PAGES_PDF),
    originalName: 'two-pages.pdf',
  });
  return study.id;
}

/** The demo account `username` acting in the demo review (owner, or alice and bob as reviewers). */
export function demoActor(db: Db, username: 'owner' | 'alice' | 'bob'): Actor {
  return { userId: requireUserByName(db, username).id, role: username === 'owner' ? 'owner' : 'reviewer' };
}

export interface DemoInBrowser {
  demo: DemoServer;
  browser: Browser;
  /** Each demo account asked for, signed in through the sign-in page in its own context. */
  as: Record<DemoUser, Signed>;
}
type DemoUser = 'owner' | 'alice' | 'bob';

/**
 * For the describe block that calls it: the demo served (after `prepare` adds what the tests
 * need), a browser, and the accounts given signed in; after each test, none of them may have
 * had a script error or a dialog. The fields are filled in before the first test runs.
 */
export function demoInBrowser(
  users: DemoUser[],
  options: {
    viewport?: { width: number; height: number };
    context?: BrowserContextOptions;
    prepare?: (demo: DemoServer) => void | Promise<void>;
  } = {},
): DemoInBrowser {
  const run = { as: {} } as DemoInBrowser;
  beforeAll(async () => {
    run.demo = await startDemo();
    await options.prepare?.(run.demo);
    run.browser = await launchBrowser();
    for (const user of users) {
      const signed = await signIn(
        run.browser,
        run.demo.server.url,
        user,
        DEMO_PASSWORD,
        options.viewport,
        options.context,
      );
      signed.page.setDefaultTimeout(10_000);
      run.as[user] = signed;
    }
  });
  afterAll(async () => {
    await run.browser?.close();
    await run.demo?.close();
  });
  afterEach(() => {
    for (const user of users) {
      expect(run.as[user].errors).toEqual([]);
      expect(run.as[user].dialogs).toEqual([]);
    }
  });
  return run;
}
