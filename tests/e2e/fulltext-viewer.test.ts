import type { Locator, Page } from 'playwright-core';
import type { Report } from '../../server/api/types';
import { systemClock } from '../../server/domain/clock';
import * as screening from '../../server/services/screening';
import { boxOf } from './support/checks';
import { demoActor, demoInBrowser, pdfForAlicesNextReport } from './support/demo';
import { open } from './support/session';

/** What a page loaded that it should not: another origin, or a Content-Security-Policy refusal. */
function watchLoads(page: Page, origin: string): { foreign: string[]; refused: string[]; urls: string[] } {
  const seen = { foreign: [] as string[], refused: [] as string[], urls: [] as string[] };
  page.on('request', (r) => {
    seen.urls.push(r.url());
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:') && !r.url().startsWith('blob:'))
      seen.foreign.push(r.url());
  });
  page.on('console', (m) => {
    if (/Content Security Policy|Refused to/i.test(m.text())) seen.refused.push(m.text());
  });
  return seen;
}

/**
 * Issue 17, item 2: full texts are read in Sift. A PDF viewer (pdf.js, served by us under the
 * CSP) sits beside the eligibility decision with its text selectable; DOIs are links; "Not
 * retrievable" asks for confirmation and a reason, which is kept and shown.
 */
describe('full texts are read in Sift', () => {
  let sought = 0;
  const run = demoInBrowser(['alice', 'owner'], {
    prepare({ db, projectId, uploadsDir }) {
      pdfForAlicesNextReport(db, projectId, uploadsDir);
      // a title/abstract conflict settled as include: one more report sought, not yet retrieved
      const owner = demoActor(db, 'owner');
      const [conflict] = screening.conflicts(db, projectId, owner, 'title_abstract').conflicts;
      if (!conflict) throw new Error('the demo has no title/abstract conflict left');
      screening.resolve({ db, clock: systemClock }, projectId, owner, {
        recordId: conflict.recordId,
        stage: 'title_abstract',
        decision: 'include',
        reason: 'Learners are the population',
      });
      sought = conflict.recordId;
    },
  });

  /** alice's full-text eligibility page, and its PDF viewer. */
  async function eligibility(): Promise<{ page: Page; viewer: Locator }> {
    const page = run.as.alice.page;
    await open(
      page,
      run.demo.server.url,
      `/projects/${run.demo.projectId}/screening/full_text`,
      'Screening: Full text',
    );
    return { page, viewer: page.getByRole('region', { name: /PDF/ }) };
  }

  it('shows the PDF beside the eligibility decision, its text selectable, served from our origin under the CSP', async () => {
    const loads = watchLoads(run.as.alice.page, run.demo.server.url);
    const { page, viewer } = await eligibility();
    await viewer.locator('.pdf-page[data-page-number="1"] canvas').waitFor();
    await viewer
      .locator('.pdf-page[data-page-number="1"] .textLayer')
      .getByText('Room air or oxygen for newborn resuscitation')
      .waitFor();
    await viewer.getByText('of 2').waitFor();
    // the page is drawn: the canvas holds dark pixels
    const inked = await page.evaluate(`(() => {
      const c = document.querySelector('.pdf-page[data-page-number="1"] canvas');
      const d = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
      for (let i = 0; i < d.length; i += 4) if (d[i] < 128) return true;
      return false;
    })()`);
    expect(inked).toBe(true);

    // the decision and the reason stay in view beside the PDF
    const include = await boxOf(page.getByRole('button', { name: /^Include/ }));
    const exclude = await boxOf(page.getByRole('button', { name: /^Exclude/ }));
    const reason = await boxOf(page.locator('#reason'));
    const pdf = await boxOf(viewer);
    for (const control of [include, exclude, reason]) {
      expect(control.y).toBeGreaterThanOrEqual(0);
      expect(control.y + control.height).toBeLessThanOrEqual(800);
      const overlapsSideways = control.x < pdf.x + pdf.width && pdf.x < control.x + control.width;
      expect(overlapsSideways).toBe(false);
    }
    expect(pdf.y).toBeLessThan(400);

    expect(loads.foreign).toEqual([]);
    expect(loads.refused).toEqual([]);
    expect(loads.urls.filter((u) => /pdf\.worker/.test(u))).toHaveLength(1);
  });

  it('quotes the text selected in the PDF into the note, with its page number', async () => {
    const { page, viewer } = await eligibility();
    await viewer.getByRole('button', { name: 'Next page' }).click();
    const pageTwo = viewer.locator('.pdf-page[data-page-number="2"] .textLayer');
    await pageTwo.getByText(/Results\. Room air was as effective/).waitFor();
    await page.evaluate(`(() => {
      const span = [...document.querySelectorAll('.pdf-page[data-page-number="2"] .textLayer span')].find((s) => s.textContent.startsWith('Results.'));
      const range = document.createRange();
      range.selectNodeContents(span);
      getSelection().removeAllRanges();
      getSelection().addRange(range);
    })()`);
    await page.getByRole('button', { name: 'Quote the PDF selection in the note' }).click();
    const note = await page.locator('#note').inputValue();
    expect(note).toContain('Results. Room air was as effective as 100% oxygen');
    expect(note).toContain('(p. 2)');
  });

  it('links DOIs on the full-text page to doi.org', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/fulltext`, 'Full text');
    const doi = page
      .locator('.report')
      .getByRole('link', { name: /^doi:10\./ })
      .first();
    await doi.waitFor();
    expect(await doi.getAttribute('href')).toMatch(/^https:\/\/doi\.org\/10\./);
    expect(await doi.getAttribute('rel')).toContain('noopener');
  });

  it('asks for confirmation and a reason before marking a report not retrievable; the reason is kept and shown, counted once', async () => {
    const page = run.as.owner.page;
    const base = `${run.demo.server.url}/api/projects/${run.demo.projectId}`;
    const notRetrieved = async () => {
      const { model } = (await (await page.request.get(`${base}/prisma`)).json()) as {
        model: Record<string, number | null>;
      };
      return (model.dbr_notretrieved_reports ?? 0) + (model.other_notretrieved_reports ?? 0);
    };
    const reportOf = async (recordId: number) => {
      const { reports } = (await (await page.request.get(`${base}/fulltext`)).json()) as {
        reports: Report[];
      };
      return reports.find((r) => r.recordId === recordId);
    };
    const before = await notRetrieved();
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/fulltext`, 'Full text');
    const card = page.locator(`.report[data-record-id="${sought}"]`);
    await card.getByRole('button', { name: /Not retrievable/ }).click();
    const dialog = page.getByRole('dialog', { name: /not retrievable/i });
    await dialog.waitFor();
    await dialog.getByRole('button', { name: 'Cancel' }).click();
    await dialog.waitFor({ state: 'hidden' });
    expect((await reportOf(sought))?.status).toBe('sought');

    await card.getByRole('button', { name: /Not retrievable/ }).click();
    await dialog.getByRole('button', { name: 'Mark not retrievable' }).click();
    await dialog.getByText(/Give the reason/).waitFor();
    expect((await reportOf(sought))?.status).toBe('sought');
    await dialog.getByLabel(/Reason/).fill('The library holds no copy; the authors did not reply');
    await dialog.getByRole('button', { name: 'Mark not retrievable' }).click();
    await card.getByText('Not retrievable: The library holds no copy; the authors did not reply').waitFor();
    expect(await reportOf(sought)).toMatchObject({
      status: 'not_retrievable',
      reason: 'The library holds no copy; the authors did not reply',
    });
    expect(await notRetrieved()).toBe(before + 1);
  });
});
