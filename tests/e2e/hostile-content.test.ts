import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { listRecords } from '../../server/db/repos/record-query';
import { systemClock } from '../../server/domain/clock';
import { runDedup } from '../../server/services/dedup';
import * as fulltext from '../../server/services/fulltext';
import { importFiles } from '../../server/services/import';
import { importDeps } from '../support/imports';
import { createOwnedProject } from '../../server/services/projects';
import * as screening from '../../server/services/screening';
import { addMember, createUser, TEST_PASSWORD } from '../support/auth';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';
import { open, signIn, type Signed } from './support/session';

const HOSTILE_RIS = path.resolve(__dirname, '..', 'fixtures', 'e2e', 'hostile.ris');
const PWN = (n: number) => `<img src=x onerror="window.__pwned=${n}">`;

/** One more record with huge fields, made at run time: a 300,000-character abstract, 2,000 authors, a 5,000-character title. */
function hugeRecord(): string {
  const authors = Array.from({ length: 2000 }, (_, i) => `AU  - Author${i}, <b onclick=window.__pwned=30>X</b>`);
  return [
    'TY  - JOUR',
    `TI  - ${'Huge title with <script>window.__pwned=31</script> '.repeat(100)}`,
    ...authors,
    'PY  - 2022',
    `AB  - ${'A very long abstract about oxygen. '.repeat(8600)}`,
    'ER  - ',
    '',
  ].join('\n');
}

/**
 * Records whose fields carry markup, script URLs, right-to-left overrides
 * and huge values go through every page: nothing may execute (no dialog, no page error, the
 * window flag stays unset, no element gains an event-handler attribute), and the text shows
 * as text.
 */
describe('hostile imported content is shown as text and never runs', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;
  let owner: Signed;
  let uploads: string;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    const ownerId = createUser(db, 'owner');
    const aliceId = createUser(db, 'alice');
    projectId = createOwnedProject({ db, clock: systemClock }, ownerId, { name: `Review ${PWN(40)}`, description: `<script>window.__pwned=41</script>` }).id;
    addMember(db, projectId, aliceId, 'reviewer');
    await importFiles(importDeps(db, systemClock), projectId, {
      source: { name: `<script>window.__pwned=42</script>Scopus`, kind: 'database', searchString: PWN(43) },
      files: [
        { fileName: `${PWN(44)}.ris`, bytes: fs.readFileSync(HOSTILE_RIS) },
        { fileName: 'huge.ris', bytes: Buffer.from(hugeRecord(), 'utf8') },
      ],
    });
    runDedup(db, projectId, systemClock);
    const deps = { db, clock: systemClock };
    const asOwner = { userId: ownerId, role: 'owner' as const };
    const asAlice = { userId: aliceId, role: 'reviewer' as const };
    screening.updateSettings(deps, projectId, asOwner, {
      eligibilityCriteria: `<script>window.__pwned=45</script> ${PWN(46)}`,
      highlightKeywords: { include: ['script', 'oxygen', '<b'], exclude: ['onerror', '\u202E'] },
      stages: { title_abstract: { exclusionReasons: [PWN(47), 'Wrong population'] } },
    });
    const ids = listRecords(db, projectId, { limit: 50 }).items.map((r) => r.id);
    expect(ids).toHaveLength(5);
    for (const id of ids) screening.decide(deps, projectId, asAlice, { recordId: id, stage: 'title_abstract', decision: 'include', note: PWN(48) });
    // the owner disagrees on the first, agrees on three, and leaves the huge one in their queue
    screening.decide(deps, projectId, asOwner, { recordId: ids[0]!, stage: 'title_abstract', decision: 'exclude', reason: PWN(49), note: `javascript:window.__pwned=50` });
    for (const id of ids.slice(1, 4)) screening.decide(deps, projectId, asOwner, { recordId: id, stage: 'title_abstract', decision: 'include' });
    uploads = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-hostile-'));
    fulltext.setLink({ ...deps, uploadsDir: uploads }, projectId, asOwner, ids[1]!, `https://example.org/"><script>window.__pwned=51</script>`, PWN(52));
    fulltext.markNotRetrievable(deps, projectId, asOwner, { recordId: ids[2]!, note: PWN(53) });

    server = await startServer({ db, uploadsDir: uploads });
    browser = await launchBrowser();
    owner = await signIn(browser, server.url, 'owner', TEST_PASSWORD);
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
    fs.rmSync(uploads, { recursive: true, force: true });
  });

  /** Nothing ran, nothing turned into markup, and the page did not break. */
  async function expectInert(page: Page): Promise<void> {
    await page.waitForTimeout(300);
    const report = (await page.evaluate(`(() => {
      const all = [...document.querySelectorAll('*')];
      return {
        pwned: window.__pwned ?? null,
        handlers: all.filter((el) => [...el.attributes].some((a) => /^on/i.test(a.name))).map((el) => el.outerHTML.slice(0, 80)),
        scripts: [...document.scripts].map((s) => s.getAttribute('src')),
        badLinks: [...document.querySelectorAll('a[href], [data-drill]')].map((a) => a.getAttribute('href') ?? '').filter((h) => /^\\s*(javascript|data|vbscript):/i.test(h)),
        injected: document.querySelectorAll('main iframe, main style, main link, main img, main math, main b, main q, #app script').length,
        // every form control has a name a screen reader can say
        unlabelled: [...document.querySelectorAll('input:not([type=hidden]), select, textarea')]
          .filter((el) => !el.hidden && el.labels.length === 0 && !el.getAttribute('aria-label') && !el.getAttribute('aria-labelledby'))
          .map((el) => el.outerHTML.slice(0, 80)),
      };
    })()`)) as { pwned: unknown; handlers: string[]; scripts: (string | null)[]; badLinks: string[]; injected: number; unlabelled: string[] };
    expect(report).toEqual({ pwned: null, handlers: [], scripts: ['/app.js'], badLinks: [], injected: 0, unlabelled: [] });
    expect(owner.errors).toEqual([]);
    expect(owner.dialogs).toEqual([]);
  }

  it('the project list and dashboard show the names as text', async () => {
    const page = owner.page;
    await page.getByText(`Review ${PWN(40)}`).first().waitFor();
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}`, `Review ${PWN(40)}`);
    await page.locator('#dashboard-prisma svg').waitFor();
    await expectInert(page);
  });

  it('import and deduplication render source names, file names and records as text', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/import`, 'Import');
    await page.getByRole('cell', { name: '<script>window.__pwned=42</script>Scopus' }).first().waitFor();
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/dedup?status=all`, 'Duplicates');
    await expectInert(page);
  });

  it('screening shows the huge record, highlighted, and earlier hostile votes, all as text', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/screening/title_abstract`, 'Screening: Title/abstract');
    await page.locator('#record mark.kw-include').first().waitFor();
    await page.getByText('<script>window.__pwned=45</script>', { exact: false }).waitFor();
    await expectInert(page);
    // walk back through the owner's four earlier votes (same-millisecond votes may come in any order)
    const seen: string[] = [];
    for (let i = 0; i < 4; i++) {
      await page.keyboard.press('ArrowLeft');
      seen.push((await page.locator('#my-vote').textContent()) ?? '');
      if (await page.getByText('<script>window.__pwned=1</script>Oxygen <b>bold</b> trial').isVisible()) {
        await page.getByText(`Your vote: Excluded — ${PWN(49)}`).waitFor();
      }
      await expectInert(page);
    }
    expect(seen).toContain(`Your vote: Excluded — ${PWN(49)}`);
    await page.keyboard.press('?');
    await page.keyboard.press('Escape');
    await expectInert(page);
  });

  it('conflicts, full text, PRISMA drill-down and settings stay inert', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/conflicts`, 'Conflicts: Title/abstract');
    await page.locator('.conflict').getByText(PWN(49), { exact: false }).first().waitFor();
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/fulltext`, 'Full text');
    await page.getByText(`Note: ${PWN(53)}`).waitFor();
    await expectInert(page);
    // two reports grouped as one study under a hostile label, then one taken out again
    const picks = page.getByLabel(/Select record \d+ to group into a study/);
    await picks.nth(0).check();
    await picks.nth(1).check();
    await page.getByLabel(/name the study/).fill(PWN(54));
    await page.getByRole('button', { name: 'Group as one study' }).click();
    await page.getByText(`study: ${PWN(54)}`).first().waitFor();
    expect(await page.getByText(`study: ${PWN(54)}`).count()).toBe(2);
    await page.getByRole('button', { name: 'Remove from study' }).first().click();
    await page.getByText(/Removed from its study/).waitFor();
    expect(await page.getByText(`study: ${PWN(54)}`).count()).toBe(1);
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/prisma`, 'PRISMA 2020 flow diagram');
    await page.locator('#prisma-diagram [data-drill]', { hasText: /Records screened/ }).first().click();
    await page.locator('#drill').getByText('<script>window.__pwned=1</script>Oxygen <b>bold</b> trial').waitFor();
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/settings`, 'Settings');
    expect(await page.getByLabel('Shown beside every record while screening').inputValue()).toContain('<script>');
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/coding`, 'Coding');
    await expectInert(page);
    await open(page, server.url, `/projects/${projectId}/synthesis`, 'Synthesis');
    await expectInert(page);
  });

  it('keyboard focus is visible', async () => {
    const page = owner.page;
    await open(page, server.url, `/projects/${projectId}/screening/title_abstract`, 'Screening: Title/abstract');
    await page.getByRole('button', { name: /Include/ }).focus();
    await page.keyboard.press('Tab');
    const outline = (await page.evaluate('getComputedStyle(document.activeElement).outlineStyle')) as string;
    expect(outline).not.toBe('none');
  });

  it('on a 390-pixel-wide phone the huge record wraps instead of widening the page', async () => {
    const phone = await signIn(browser, server.url, 'owner', TEST_PASSWORD, { width: 390, height: 844 });
    try {
      await open(phone.page, server.url, `/projects/${projectId}/screening/title_abstract`, 'Screening: Title/abstract');
      await phone.page.locator('#record article').waitFor();
      // the elements sticking out past the right edge (none when the page fits)
      const wider = await phone.page.evaluate(
        `[...document.querySelectorAll('body *')].filter((e) => e.getBoundingClientRect().right > window.innerWidth + 1).map((e) => e.tagName)`,
      );
      expect(wider).toEqual([]);
      expect(await phone.page.evaluate('document.documentElement.scrollWidth - window.innerWidth')).toBeLessThanOrEqual(0);
      await phone.page.getByRole('button', { name: /Include/ }).isVisible();
      expect(phone.errors).toEqual([]);
    } finally {
      await phone.context.close();
    }
  });
});
