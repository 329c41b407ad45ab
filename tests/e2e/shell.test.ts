import type { Browser } from 'playwright-core';
import { openDatabase } from '../../server/db/connection';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';

describe('the client shell in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;

  beforeAll(async () => {
    server = await startServer({ db: openDatabase(':memory:') });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it('loads the built client and renders its heading without script errors', async () => {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on('pageerror', (e) => errors.push(e.message));
    await page.goto(server.url);
    await page.getByRole('heading', { name: 'Sift' }).waitFor();
    expect(errors).toEqual([]);
  });
});
