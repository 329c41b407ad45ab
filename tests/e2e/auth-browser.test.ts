import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser, BrowserContext } from 'playwright-core';
import type { Db } from '../../server/db/connection';
import { openDatabase } from '../../server/db/connection';
import { listMembers } from '../../server/db/repos/members';
import { createMember, createUser, TEST_PASSWORD } from '../support/auth';
import { seedProject } from '../support/db';
import { launchBrowser } from './support/browser';
import { startServer, type RunningServer } from './support/server';

/** A page on another origin of the same site (another port), as an attacker's page would be. */
async function startAttackerPage(target: string): Promise<{ url: string; close(): Promise<void> }> {
  const html = `<!doctype html><form id="f" method="POST" action="${target}">
    <input name="username" value="mallory"><input name="role" value="owner"></form>`;
  const server = http.createServer((_req, res) =>
    res.writeHead(200, { 'content-type': 'text/html' }).end(html),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/`, close: () => new Promise((r) => server.close(() => r())) };
}

describe('sessions, CSRF and CSP in a real browser', () => {
  let browser: Browser;
  let server: RunningServer;
  let db: Db;
  let projectId: number;
  let context: BrowserContext;

  beforeAll(async () => {
    db = openDatabase(':memory:');
    projectId = seedProject(db, 'Browser review');
    createMember(db, projectId, 'owner', 'owner');
    createUser(db, 'mallory');
    server = await startServer({ db });
    browser = await launchBrowser();
  });
  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });
  beforeEach(async () => {
    context = await browser.newContext();
  });
  afterEach(async () => context.close());

  async function signIn() {
    const page = await context.newPage();
    await page.goto(server.url);
    // Browser-side code goes in as text: this tsconfig has no DOM types.
    const result = (await page.evaluate(`(async () => {
      const res = await fetch('/api/auth/login', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ username: 'owner', password: ${JSON.stringify(TEST_PASSWORD)} }),
      });
      return { status: res.status, body: await res.json(), cookies: document.cookie };
    })()`)) as { status: number; body: { csrfToken: string }; cookies: string };
    return { page, ...result };
  }

  it('the session cookie is invisible to page scripts (httpOnly)', async () => {
    const { status, cookies } = await signIn();
    expect(status).toBe(200);
    expect(cookies).not.toContain('sift_session');
    const stored = await context.cookies(server.url);
    expect(stored.find((c) => c.name === 'sift_session')).toMatchObject({ httpOnly: true, sameSite: 'Lax' });
  });

  it('a form posted from another origin carries the cookie but is refused without the CSRF token', async () => {
    await signIn();
    const attacker = await startAttackerPage(`${server.url}/api/projects/${projectId}/members`);
    try {
      const page = await context.newPage();
      await page.goto(attacker.url);
      const [response] = await Promise.all([
        page.waitForResponse(/\/members$/),
        page.evaluate("document.getElementById('f').submit()"),
      ]);
      expect(response.status()).toBe(403);
      expect(await response.json()).toMatchObject({
        error: { code: 'forbidden', details: { reason: 'csrf' } },
      });
      expect(listMembers(db, projectId).map((m) => m.username)).toEqual(['owner']);
    } finally {
      await attacker.close();
    }
  });

  it('the same request from the app with the token goes through', async () => {
    const { page, body } = await signIn();
    const status = await page.evaluate(`fetch('/api/projects/${projectId}/members', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-csrf-token': ${JSON.stringify(body.csrfToken)} },
      body: JSON.stringify({ username: 'mallory', role: 'viewer' }),
    }).then((r) => r.status)`);
    expect(status).toBe(201);
    db.prepare('DELETE FROM project_members WHERE user_id = (SELECT id FROM users WHERE username = ?)').run(
      'mallory',
    );
  });

  it('the Content-Security-Policy stops injected inline script and event handlers', async () => {
    const page = await context.newPage();
    const violations: string[] = [];
    page.on('console', (m) => {
      if (/Content Security Policy/.test(m.text())) violations.push(m.text());
    });
    await page.goto(server.url);
    const ran = await page.evaluate(`(async () => {
      const holder = document.createElement('div');
      holder.innerHTML = '<img src="data:," onerror="window.pwned = 1"><a href="javascript:window.pwned=2">x</a>';
      document.body.append(holder);
      const script = document.createElement('script');
      script.textContent = 'window.pwned = 3';
      document.body.append(script);
      holder.querySelector('a').click();
      await new Promise((r) => setTimeout(r, 200));
      return window.pwned ?? null;
    })()`);
    expect(ran).toBeNull();
    expect(violations.length).toBeGreaterThan(0);
  });
});
