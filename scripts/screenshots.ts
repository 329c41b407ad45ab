/**
 * Screenshots of the main pages for docs/screenshots/, taken in Debian's Chromium from the demo
 * review. Builds the demo in a temporary database (never touches data/demo.sqlite), adds what
 * the demo does not have yet (the demo accounts, a deduplication run, some screening, full
 * texts), serves it and photographs each page at 1280×800, the full-text eligibility page and
 * the coding page with their PDF viewer, the Report page's preview, and the screening and PRISMA
 * pages at 390×844.
 *
 *   npm run screenshots
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { openDatabase, type Db } from '../server/db/connection';
import { addMember, findMember } from '../server/db/repos/members';
import { listRecords } from '../server/db/repos/record-query';
import { findUserByUsername } from '../server/db/repos/users';
import { systemClock } from '../server/domain/clock';
import { createUser } from '../server/services/accounts';
import { runDedup } from '../server/services/dedup';
import { ensureDemo } from '../server/services/demo';
import * as fulltext from '../server/services/fulltext';
import * as screening from '../server/services/screening';
import { launchBrowser } from '../tests/e2e/support/browser';
import { pdfForAlicesNextReport, pdfForBobsNextStudy } from '../tests/e2e/support/demo';
import { startServer } from '../tests/e2e/support/server';
import { signIn } from '../tests/e2e/support/session';

const ROOT = path.resolve(__dirname, '..');
const OUT = path.join(ROOT, 'docs', 'screenshots');
const PASSWORD = 'sift-demo';

async function ensureAccount(db: Db, projectId: number, username: string, role: 'owner' | 'reviewer'): Promise<number> {
  const existing = findUserByUsername(db, username);
  const id = existing ? existing.id : (await createUser({ db, clock: systemClock, hashParams: { N: 1024, r: 8, p: 1 } }, { username, password: PASSWORD })).id;
  if (!findMember(db, projectId, id)) addMember(db, projectId, id, role, systemClock());
  return id;
}

/** Enough of a review in progress that every page has something to show (only where the demo has nothing yet). */
async function seedReview(db: Db, projectId: number): Promise<void> {
  const ownerId = await ensureAccount(db, projectId, 'owner', 'owner');
  const aliceId = await ensureAccount(db, projectId, 'alice', 'reviewer');
  const bobId = await ensureAccount(db, projectId, 'bob', 'reviewer');
  const hasClusters = (db.prepare('SELECT COUNT(*) AS n FROM dedup_clusters WHERE project_id = ?').get(projectId) as { n: number }).n > 0;
  if (!hasClusters) runDedup(db, projectId, systemClock);
  const votes = (db.prepare('SELECT COUNT(*) AS n FROM screening_votes WHERE project_id = ?').get(projectId) as { n: number }).n;
  if (votes > 0) return;

  const deps = { db, clock: systemClock };
  const owner = { userId: ownerId, role: 'owner' as const };
  screening.updateSettings(deps, projectId, owner, {
    eligibilityCriteria:
      'Include: studies of adult, continuing-education or professional-development learners that report how learners perceive, value or choose micro-credentials (any design).\n\nExclude: studies only of providers, employers or school pupils; opinion pieces without data.',
    highlightKeywords: { include: ['micro-credential', 'microcredential', 'learner', 'badge'], exclude: ['employer', 'K-12', 'school'] },
    stages: { title_abstract: { exclusionReasons: ['Not about micro-credentials', 'Not learners', 'No data'] } },
  });
  const ids = listRecords(db, projectId, { limit: 500 })
    .items.filter((r) => !(r as { duplicateOf?: number | null }).duplicateOf)
    .map((r) => r.id);
  const screened = ids.slice(0, Math.min(40, ids.length));
  screened.forEach((recordId, i) => {
    const aliceSays = i % 3 === 0 ? 'include' : i % 7 === 0 ? 'maybe' : 'exclude';
    const bobSays = i % 3 === 0 || i % 11 === 0 ? 'include' : i % 7 === 0 ? 'include' : 'exclude';
    const stage = 'title_abstract' as const;
    const reason = (who: string) => (who === 'exclude' ? 'Not learners' : null);
    try {
      screening.decide(deps, projectId, { userId: aliceId, role: 'reviewer' }, { recordId, stage, decision: aliceSays, reason: reason(aliceSays) });
      screening.decide(deps, projectId, { userId: bobId, role: 'reviewer' }, { recordId, stage, decision: bobSays, reason: reason(bobSays) });
    } catch {
      // a record the demo treats differently (e.g. a merged duplicate) is simply skipped
    }
  });
  const { reports } = fulltext.listReports(db, projectId, owner);
  reports.slice(0, 6).forEach((r, i) => {
    if (i === 5) fulltext.markNotRetrievable(deps, projectId, owner, { recordId: r.recordId, reason: 'Not held by the library; the author did not reply' });
    else if (i % 2 === 0) fulltext.setLink({ ...deps }, projectId, owner, r.recordId, `https://doi.org/10.0000/demo-${r.recordId}`);
  });
}

async function shoot(page: Page, name: string, fullPage = false): Promise<void> {
  await page.waitForTimeout(400);
  await page.screenshot({ path: path.join(OUT, `${name}.png`), fullPage });
  process.stdout.write(`docs/screenshots/${name}.png\n`);
}

async function main(): Promise<void> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-screenshots-'));
  const uploadsDir = path.join(dir, 'uploads');
  const db = openDatabase(path.join(dir, 'demo.sqlite'));
  const { projectId } = ensureDemo({ db, clock: systemClock });
  await seedReview(db, projectId);
  // one uploaded PDF, on the report alice has still to assess: the full-text page shows both
  // kinds of retrieval, and the eligibility page its PDF viewer
  pdfForAlicesNextReport(db, projectId, uploadsDir);
  // and one on a study bob is still coding: the coding page with the PDF beside it
  const codedWithPdf = pdfForBobsNextStudy(db, projectId, uploadsDir);
  fs.mkdirSync(OUT, { recursive: true });
  const server = await startServer({ db, uploadsDir });
  const browser = await launchBrowser();
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 } });
    const page = await context.newPage();
    const go = async (hash: string, heading: string | RegExp) => {
      await page.goto(`${server.url}/#${hash}`);
      await page.getByRole('heading', { name: heading, level: 1 }).waitFor();
    };
    await page.goto(`${server.url}/#/login`);
    await page.getByLabel('Username').waitFor();
    await shoot(page, 'login');
    await page.getByLabel('Username').fill('owner');
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('heading', { name: 'Reviews' }).waitFor();
    await shoot(page, 'projects');
    const p = `/projects/${projectId}`;
    await go(p, /micro-credentials/);
    await page.locator('#dashboard-prisma svg').waitFor();
    await shoot(page, 'dashboard', true);
    await go(`${p}/import`, 'Import');
    await shoot(page, 'import');
    await go(`${p}/dedup?status=merged`, 'Duplicates');
    await shoot(page, 'dedup');
    await go(`${p}/conflicts`, /Conflicts/);
    await shoot(page, 'conflicts');
    await go(`${p}/fulltext`, 'Full text');
    await shoot(page, 'fulltext');
    await go(`${p}/settings`, 'Settings');
    await shoot(page, 'settings');
    await go(`${p}/records`, 'Records');
    await page.locator('.records-table tbody tr').first().waitFor();
    await shoot(page, 'records');
    await page.locator('.records-table tbody a').first().click();
    await page.locator('#timeline li').first().waitFor();
    await shoot(page, 'record', true);
    await go(`${p}/prisma`, 'PRISMA 2020 flow diagram');
    await page.locator('#prisma-diagram svg').waitFor();
    await page.locator('#prisma-diagram [data-drill]', { hasText: /Records screened/ }).first().click();
    await page.locator('#drill table').waitFor();
    await shoot(page, 'prisma', true);
    const codebook = await page.request.get(`${server.url}/api/projects/${projectId}/codebook`);
    if (codebook.ok()) {
      await go(`${p}/coding`, /Coding/);
      await shoot(page, 'coding');
      await go(`${p}/codebook`, 'Codebook');
      await page.locator('#code-tree').waitFor();
      await shoot(page, 'codebook', true);
      await go(`${p}/synthesis`, /Synthesis/);
      await page.waitForTimeout(800);
      await shoot(page, 'synthesis', true);
      await go(`${p}/report`, 'Report');
      await page.locator('#report-preview figure svg').first().waitFor();
      await shoot(page, 'report');
      // the demo's appraisal (an illustration made for the demo, as the page says): its results
      await go(`${p}/appraisal?view=results`, 'Appraisal');
      await page.locator('#appraisal-results table.traffic-light').first().waitFor();
      await shoot(page, 'appraisal', true);
    } else {
      process.stderr.write('coding and synthesis skipped: this server has no codebook API yet\n');
    }
    await context.close();

    for (const [name, viewport, stage] of [
      ['screening', { width: 1280, height: 800 }, 'title_abstract'],
      ['screening-phone', { width: 390, height: 844 }, 'title_abstract'],
      ['fulltext-viewer', { width: 1280, height: 800 }, 'full_text'],
    ] as const) {
      const { context: reviewer, page: rp } = await signIn(browser, server.url, 'alice', PASSWORD, viewport);
      await rp.goto(`${server.url}/#${p}/screening/${stage}`);
      await rp.locator('#record').waitFor();
      await rp.locator('#progress-text').getByText(/decided by you/).waitFor();
      if (stage === 'full_text') await rp.locator('.pdf-page .textLayer span').first().waitFor();
      await shoot(rp, name);
      await reviewer.close();
    }
    // coding beside the PDF: text selected on page 2 has become an excerpt, ready to be coded
    const { context: coder, page: cp } = await signIn(browser, server.url, 'bob', PASSWORD, { width: 1280, height: 800 });
    await cp.goto(`${server.url}/#${p}/coding/${codedWithPdf}`);
    const viewer = cp.getByRole('region', { name: 'Full text (PDF)' });
    await viewer.locator('.pdf-page[data-page-number="1"] .textLayer span').first().waitFor();
    await viewer.getByRole('button', { name: 'Next page' }).click();
    const results = viewer.locator('.pdf-page[data-page-number="2"] .textLayer span', { hasText: /^Results\./ }).first();
    await results.waitFor();
    const box = (await results.boundingBox())!;
    await cp.mouse.move(box.x + 1, box.y + box.height / 2);
    await cp.mouse.down();
    await cp.mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await cp.mouse.up();
    await cp.getByText(/Excerpt from p\. 2 ready/).waitFor();
    await shoot(cp, 'coding-pdf');
    await coder.close();

    // the PRISMA diagram on a phone: drawn readable, zoomable
    const { context: phone, page: pp } = await signIn(browser, server.url, 'owner', PASSWORD, { width: 390, height: 844 });
    await pp.goto(`${server.url}/#${p}/prisma`);
    await pp.locator('#prisma-diagram svg').waitFor();
    await pp.locator('#prisma-diagram').scrollIntoViewIfNeeded();
    await shoot(pp, 'prisma-phone');
    await phone.close();
  } finally {
    await browser.close();
    await server.close();
    db.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
