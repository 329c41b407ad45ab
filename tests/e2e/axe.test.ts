import AxeBuilder from '@axe-core/playwright';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { launchBrowser } from './support/browser';
import { DEMO_PASSWORD, pdfForAlicesNextReport, startDemo, type DemoServer } from './support/demo';
import { signIn, type Signed } from './support/session';

const VIEWPORTS = {
  desktop: { width: 1280, height: 800 },
  phone: { width: 390, height: 844 },
} as const;
type Viewport = keyof typeof VIEWPORTS;
type Who = 'visitor' | 'owner' | 'alice';

/**
 * Every page of the client: who opens it, its hash path (`:p` is the project), what shows it
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
  ['reviews', 'owner', '/projects', '#content h1'],
  ['dashboard', 'owner', '/projects/:p', '#dashboard-prisma svg'],
  ['import', 'owner', '/projects/:p/import', '#content table'],
  ['duplicates', 'owner', '/projects/:p/dedup', '.cluster'],
  ['screening', 'alice', '/projects/:p/screening/title_abstract', '#record article'],
  ['full-text eligibility', 'alice', '/projects/:p/screening/full_text', '.pdf-page .textLayer span'],
  ['conflicts', 'owner', '/projects/:p/conflicts', '.conflict'],
  ['full text', 'owner', '/projects/:p/fulltext', '.report'],
  ['coding', 'owner', '/projects/:p/coding', '.study-list'],
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
  ['settings', 'owner', '/projects/:p/settings', '#criteria'],
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
  const sessions = new Map<string, Signed | { context: BrowserContext; page: Page; errors: string[] }>();

  beforeAll(async () => {
    demo = await startDemo();
    pdfForAlicesNextReport(demo.db, demo.projectId, demo.uploadsDir);
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await demo?.close();
  });

  async function pageFor(who: Who, viewport: Viewport): Promise<Page> {
    const key = `${who}@${viewport}`;
    let session = sessions.get(key);
    if (!session) {
      if (who === 'visitor') {
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
    await page.goto(`${demo.server.url}/#${hash.replace(':p', String(demo.projectId))}`);
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
