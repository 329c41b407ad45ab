import type { Page } from 'playwright-core';
import type { StudyDetail } from '../../server/api/types';
import { boxOf, expectAnnouncedBeside } from './support/checks';
import { demoInBrowser, pdfForBobsNextStudy } from './support/demo';
import { open } from './support/session';

/**
 * Issue 17, item 2: a full text is read beside the coding panel, and selecting text in the PDF
 * makes an excerpt with its page number, ready to be coded: no retyping.
 */
describe('coding beside the PDF', () => {
  let studyId = 0;
  const run = demoInBrowser(['bob'], {
    prepare({ db, projectId, uploadsDir }) {
      studyId = pdfForBobsNextStudy(db, projectId, uploadsDir);
    },
  });
  const page = (): Page => run.as.bob.page;

  async function openStudy() {
    await open(page(), run.demo.server.url, `/projects/${run.demo.projectId}/coding/${studyId}`, 'Coding');
    const viewer = page().getByRole('region', { name: 'Full text (PDF)' });
    await viewer.locator('.pdf-page[data-page-number="1"] .textLayer span').first().waitFor();
    return viewer;
  }

  /** Selects a span of the PDF's text layer with the mouse, as a coder would. */
  async function selectWithMouse(text: RegExp): Promise<void> {
    const span = page().locator('.pdf-page .textLayer span', { hasText: text }).first();
    await span.scrollIntoViewIfNeeded();
    const box = await boxOf(span);
    await page().mouse.move(box.x + 1, box.y + box.height / 2);
    await page().mouse.down();
    await page().mouse.move(box.x + box.width - 1, box.y + box.height / 2, { steps: 5 });
    await page().mouse.up();
  }

  it('shows the study’s PDF beside the coding form, both in view', async () => {
    const viewer = await openStudy();
    const form = page().getByRole('form', { name: 'Apply a code' });
    const pdf = await boxOf(viewer);
    for (const control of [
      form.getByLabel('Code', { exact: true }),
      form.getByLabel('Excerpt', { exact: true }),
    ]) {
      const box = await boxOf(control);
      expect(box.y).toBeGreaterThanOrEqual(0);
      expect(box.y + box.height).toBeLessThanOrEqual(800);
      expect(box.x < pdf.x + pdf.width && pdf.x < box.x + box.width).toBe(false);
    }
    expect(pdf.y).toBeLessThan(400);
  });

  it('makes an excerpt of the text selected in the PDF, with its page, and codes it', async () => {
    const viewer = await openStudy();
    await viewer.getByRole('button', { name: 'Next page' }).click();
    await viewer
      .locator('.pdf-page[data-page-number="2"] .textLayer')
      .getByText(/Results\./)
      .waitFor();
    await selectWithMouse(/^Results\./);
    const form = page().getByRole('form', { name: 'Apply a code' });
    // announced in view, beside the code to choose next
    await expectAnnouncedBeside(
      page(),
      form.getByText('Excerpt from p. 2 ready'),
      form.getByLabel('Code', { exact: true }),
    );
    const excerpt = await form.getByLabel('Excerpt', { exact: true }).inputValue();
    expect(excerpt).toMatch(/^Results\. Room air was as effective/);
    expect(await form.getByLabel('Page').inputValue()).toBe('2');

    await form.getByLabel('Code', { exact: true }).selectOption({ label: 'Personal growth' });
    await form.getByRole('button', { name: 'Apply code' }).click();
    await page().locator('#codes-applied').getByText(excerpt).waitFor();
    const detail = (await (
      await page().request.get(
        `${run.demo.server.url}/api/projects/${run.demo.projectId}/coding/studies/${studyId}`,
      )
    ).json()) as StudyDetail;
    expect(detail.applications.find((a) => a.excerpt === excerpt && a.mine)).toMatchObject({ page: '2' });
    // the PDF stays open on the page being read after the form redraws
    await viewer.locator('.pdf-page[data-page-number="2"] canvas').waitFor();
    await viewer.getByLabel('Page', { exact: true }).waitFor();
    expect(await viewer.getByLabel('Page', { exact: true }).inputValue()).toBe('2');
  });
});
