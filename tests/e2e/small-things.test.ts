import fs from 'node:fs';
import type { Page } from 'playwright-core';
import { DEMO_PASSWORD, demoInBrowser } from './support/demo';
import { open } from './support/session';

/**
 * In the page: whether anything but white is drawn in the outermost `band` pixels of an image
 * (a canvas, or a PNG given as a data URL): a label running off the edge leaves ink there.
 */
const INK_AT_EDGES = `async ({ canvasSelector, png, band }) => {
  let canvas = document.querySelector(canvasSelector);
  if (png) {
    const image = new Image();
    image.src = png;
    await image.decode();
    canvas = document.createElement('canvas');
    canvas.width = image.naturalWidth;
    canvas.height = image.naturalHeight;
    canvas.getContext('2d').drawImage(image, 0, 0);
  }
  const { width, height } = canvas;
  const data = canvas.getContext('2d').getImageData(0, 0, width, height).data;
  const inked = (x, y) => { const i = (y * width + x) * 4; return data[i] < 200 || data[i + 1] < 200 || data[i + 2] < 200; };
  const edges = { right: 0, top: 0, width, height };
  for (let y = 0; y < height; y++) for (let x = width - band; x < width; x++) if (inked(x, y)) edges.right++;
  for (let y = 0; y < band; y++) for (let x = 0; x < width; x++) if (inked(x, y)) edges.top++;
  return edges;
}`;

interface Edges {
  right: number;
  top: number;
  width: number;
  height: number;
}

/** Issue 17, item 8: the smaller things a new user stumbled over. */
describe('the smaller things', () => {
  const run = demoInBrowser(['owner']);

  const edgesOf = (page: Page, arg: { canvasSelector?: string; png?: string; band: number }) =>
    page.evaluate(`(${INK_AT_EDGES})(${JSON.stringify(arg)})`) as Promise<Edges>;

  it('draws every label of the co-occurrence heat map inside it, on screen and in the PNG', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/synthesis`, 'Synthesis');
    const panel = page.locator('section', {
      has: page.getByRole('heading', { name: 'Theme co-occurrence' }),
    });
    const canvasSelector = 'canvas[aria-label^="Theme co-occurrence"]';
    await page.locator(canvasSelector).waitFor();
    const onScreen = await edgesOf(page, { canvasSelector, band: 3 });
    expect(onScreen).toMatchObject({ right: 0, top: 0 });

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      panel.getByRole('button', { name: 'Download PNG' }).click(),
    ]);
    const png = fs.readFileSync(await download.path());
    const inPng = await edgesOf(page, { png: `data:image/png;base64,${png.toString('base64')}`, band: 3 });
    expect(inPng).toEqual(onScreen);
  });

  it('says plainly when an upload or a link is refused', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/fulltext`, 'Full text');
    const card = page.locator('.report').first();
    await card.locator('input[type=file]').setInputFiles({
      name: 'notes.pdf',
      mimeType: 'application/pdf',
      buffer: Buffer.from('not a PDF at all'),
    });
    await card.getByRole('button', { name: 'Upload PDF' }).click();
    await card.getByText(/^The PDF was not uploaded: .*not a PDF/).waitFor();
    await card.locator('input[type=url]').fill('ftp://example.org/report.pdf');
    await card.getByRole('button', { name: 'Save link' }).click();
    await card.getByText(/^The link was not saved: .*http or https/).waitFor();
    expect(await page.getByText(/uploaded failed|saved failed/).count()).toBe(0);
  });

  it('keeps a deep link opened while signed out and goes there after signing in', async () => {
    const context = await run.browser.newContext();
    try {
      const page = await context.newPage();
      page.setDefaultTimeout(10_000);
      await page.goto(`${run.demo.server.url}/#/projects/${run.demo.projectId}/settings`);
      await page.getByRole('heading', { name: 'Sign in to Sift' }).waitFor();
      await page.getByLabel('Username').fill('owner');
      await page.getByLabel('Password').fill(DEMO_PASSWORD);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('heading', { name: 'Settings', level: 1 }).waitFor();
      expect(new URL(page.url()).hash).toBe(`#/projects/${run.demo.projectId}/settings`);
    } finally {
      await context.close();
    }
  });

  it('serves a favicon as an icon', async () => {
    const response = await run.as.owner.page.request.get(`${run.demo.server.url}/favicon.ico`);
    expect(response.status()).toBe(200);
    expect(response.headers()['content-type']).toMatch(/^image\/(x-icon|vnd\.microsoft\.icon)/);
    expect(Buffer.from(await response.body()).subarray(0, 4)).toEqual(Buffer.from([0, 0, 1, 0]));
  });

  it('draws nothing for an empty abstract: empty rows of the comparison are all one height', async () => {
    const page = run.as.owner.page;
    await open(page, run.demo.server.url, `/projects/${run.demo.projectId}/dedup`, 'Duplicates');
    const table = page.locator('table.compare').first();
    await table.waitFor();
    const rows = (await page.evaluate(
      `[...document.querySelectorAll('table.compare')[0].querySelectorAll('tbody tr')].map((tr) => ({
        field: tr.querySelector('th').textContent,
        empty: [...tr.querySelectorAll('td')].every((td) => td.textContent.trim() === ''),
        height: tr.getBoundingClientRect().height,
        blocks: [...tr.querySelectorAll('td')].filter((td) => getComputedStyle(td).display !== 'table-cell').length,
      }))`,
    )) as { field: string; empty: boolean; height: number; blocks: number }[];
    const empty = rows.filter((r) => r.empty);
    expect(empty.map((r) => r.field)).toContain('Abstract');
    const heights = empty.map((r) => Math.round(r.height));
    expect(Math.max(...heights) - Math.min(...heights)).toBeLessThanOrEqual(1);
    expect(rows.filter((r) => r.blocks > 0)).toEqual([]);
  });
});
