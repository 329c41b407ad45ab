import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { systemClock } from '../../server/domain/clock';
import { createAccount } from '../../server/services/admin';
import { createInvitation } from '../../server/services/invitations';
import {
  DEMO_PASSWORD,
  demoActor,
  pdfForAlicesNextReport,
  pdfForBobsNextStudy,
  startDemo,
  type DemoServer,
} from './support/demo';
import { startServer, type RunningServer } from './support/server';
import { signIn, type Signed } from './support/session';

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Viewport = keyof typeof VIEWPORTS;
/** A visitor (signed out), a demo account, or a visitor of a server not yet set up. */
type Who = 'visitor' | 'owner' | 'alice' | 'first-run';

/**
 * Every page of the client: who opens it, its hash path (`:p` is the project, `:coded` a study
 * with a PDF, `:invite` and
 * `:reset` one-time links' secrets, `:setup` the first-run token), what shows it
 * has finished drawing and, for a page's second state, what opens it (a key or a button).
 */
const PAGES: [
  name: string,
  who: Who,
  hash: string,
  ready: string,
  then?: { press?: string; click?: string; shows: string },
][] = [
  ['sign-in', 'visitor', '/login', '#login-title'],
  ['first-run setup', 'first-run', '/setup/:setup', '#setup-title'],
  ['invitation', 'visitor', '/invite/:invite', '#invite-create'],
  ['invitation, accepting it signed in', 'alice', '/invite/:invite', '#invite-title'],
  ['choosing a password by link', 'visitor', '/reset/:reset', '#reset-title'],
  ['account', 'owner', '/account', '#tokens-title'],
  ['codebook, read by a reviewer', 'alice', '/projects/:p/codebook', '#content h2'],
  ['import, refused to a reviewer', 'alice', '/projects/:p/import', '#import-not-allowed'],
  ['administration', 'owner', '/admin', '#log-title'],
  ['reviews', 'owner', '/projects', '#content h1'],
  ['dashboard', 'owner', '/projects/:p', '#dashboard-prisma svg'],
  ['import', 'owner', '/projects/:p/import', '#content table'],
  ['duplicates', 'owner', '/projects/:p/dedup', '.cluster'],
  ['screening', 'alice', '/projects/:p/screening/title_abstract', '#record article'],
  ['full-text eligibility', 'alice', '/projects/:p/screening/full_text', '.pdf-page .textLayer span'],
  ['conflicts', 'owner', '/projects/:p/conflicts', '.conflict'],
  ['full text', 'owner', '/projects/:p/fulltext', '.report'],
  ['coding', 'owner', '/projects/:p/coding', '.study-list'],
  ['coding beside the PDF', 'owner', '/projects/:p/coding/:coded', '.pdf-page .textLayer span'],
  ['codebook', 'owner', '/projects/:p/codebook', '#code-tree'],
  [
    'codebook, a field being edited',
    'owner',
    '/projects/:p/codebook',
    '#field-builder li',
    { click: '#field-builder [data-action="edit"]', shows: '#field-builder form' },
  ],
  ['synthesis', 'owner', '/projects/:p/synthesis', '.theme'],
  ['PRISMA', 'owner', '/projects/:p/prisma', '#prisma-diagram svg'],
  ['report', 'owner', '/projects/:p/report', '#report-preview figure svg'],
  ['settings', 'owner', '/projects/:p/settings', '#criteria'],
  ['records', 'owner', '/projects/:p/records', '.records-table tbody tr'],
  [
    'a record, its timeline',
    'owner',
    '/projects/:p/records',
    '.records-table tbody tr',
    { click: '#content .records-table tbody a', shows: '#timeline li' },
  ],
  [
    'screening, its shortcut help open',
    'alice',
    '/projects/:p/screening/title_abstract',
    '#record article',
    { press: '?', shows: '#help[open]' },
  ],
  [
    'full text, asking why a report is not retrievable',
    'owner',
    '/projects/:p/fulltext',
    '.report',
    { click: 'Not retrievable…', shows: 'dialog[open]' },
  ],
  [
    'PRISMA, the records behind a count',
    'owner',
    '/projects/:p/prisma',
    '#prisma-diagram [data-drill]',
    { click: '#prisma-diagram [data-drill]', shows: '#drill table' },
  ],
];

/**
 * Issue 17: every page, at 1280 and at 390 pixels, checked with axe-core: no serious or
 * critical violation. The demo review gives each page real content (and the full-text
 * eligibility page a PDF in its viewer).
 */
describe('axe-core finds no serious or critical violation on any page', () => {
  let browser: Browser;
  let demo: DemoServer;
  /** A server with no account yet: the first-run setup page. */
  let firstRun: { server: RunningServer; db: Db; token: string };
  /** The secrets of one-time links: an invitation to the demo review, an account's first password. */
  const secrets = { invite: '', reset: '' };
  /** A study with an uploaded PDF: its coding page shows the viewer. */
  let coded = 0;
  const sessions = new Map<string, Signed | { context: BrowserContext; page: Page; errors: string[] }>();

  beforeAll(async () => {
    demo = await startDemo();
    pdfForAlicesNextReport(demo.db, demo.projectId, demo.uploadsDir);
    coded = pdfForBobsNextStudy(demo.db, demo.projectId, demo.uploadsDir);
    const deps = { db: demo.db, clock: systemClock };
    const secretOf = (url: string) => url.slice(url.lastIndexOf('/') + 1);
    const invited = createInvitation(deps, demo.projectId, demoActor(demo.db, 'owner').userId, {
      role: 'reviewer',
      baseUrl: demo.server.url,
    });
    secrets.invite = secretOf(invited.link.url);
    secrets.reset = secretOf(
      createAccount(deps, 'administrator', { username: 'carol', admin: false, baseUrl: demo.server.url }).link
        .url,
    );
    const db = openDatabase(':memory:');
    const token = 'first-run-setup-token-for-the-axe-sweep';
    firstRun = { db, token, server: await startServer({ db, setupToken: token }) };
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
    await firstRun?.server.close();
    firstRun?.db.close();
  });

  async function pageFor(who: Who, viewport: Viewport): Promise<Page> {
    const key = `${who}@${viewport}`;
    let session = sessions.get(key);
    if (!session) {
      if (who === 'visitor' || who === 'first-run') {
        const context = await browser.newContext({ viewport: VIEWPORTS[viewport] });
        const page = await context.newPage();
        const errors: string[] = [];
        page.on('pageerror', (e) => errors.push(e.message));
        session = { context, page, errors };
      } else {
        session = await signIn(browser, demo.server.url, who, DEMO_PASSWORD, VIEWPORTS[viewport]);
      }
      session.page.setDefaultTimeout(15_000);
      sessions.set(key, session);
    }
    return session.page;
  }

  const cases = (Object.keys(VIEWPORTS) as Viewport[]).flatMap((viewport) =>
    PAGES.map(([name, who, hash, ready, then]) => [name, viewport, who, hash, ready, then] as const),
  );

  it.each(cases)('%s at the %s width', async (_name, viewport, who, hash, ready, then) => {
    const page = await pageFor(who, viewport);
    const path = hash
      .replace(':p', String(demo.projectId))
      .replace(':coded', String(coded))
      .replace(':invite', secrets.invite)
      .replace(':reset', secrets.reset)
      .replace(':setup', firstRun.token);
    await page.goto(`${who === 'first-run' ? firstRun.server.url : demo.server.url}/#${path}`);
    await page.locator(ready).first().waitFor();
    if (then?.press) await page.keyboard.press(then.press);
    if (then?.click) {
      const target = then.click.startsWith('#')
        ? page.locator(then.click)
        : page.getByRole('button', { name: then.click });
      await target.first().click();
    }
    if (then) await page.locator(then.shows).first().waitFor();
    const result = await new AxeBuilder({ page }).analyze();
    const serious = result.violations
      .filter((v) => v.impact === 'serious' || v.impact === 'critical')
      .map((v) => ({
        rule: v.id,
        impact: v.impact,
        help: v.help,
        nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')),
      }));
    expect(serious).toEqual([]);
    const session = sessions.get(`${who}@${viewport}`);
    expect(session?.errors).toEqual([]);
  });
});
