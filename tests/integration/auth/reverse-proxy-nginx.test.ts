import fs from 'node:fs';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { packagePath } from '../../../server/package-root';
import { createUser, TEST_PASSWORD } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { EXAMPLE_CONFIG, findNginx, httpsJson, startNginx, type RunningNginx } from '../../support/nginx';

/**
 * The README's reverse-proxy example, run for real: Debian's nginx terminates TLS with a
 * self-signed certificate on a free loopback port, in front of Sift started with
 * trustProxy 'loopback' (`sift serve --trust-proxy loopback`). Clients connect from distinct
 * loopback addresses (127.0.0.2, 127.0.0.3), which nginx passes on as X-Forwarded-For.
 */
const nginx = findNginx();
if (!nginx) {
  console.warn(
    'reverse-proxy-nginx.test.ts SKIPPED: nginx is not installed (apt-get install -y nginx; .ci/run installs it)',
  );
}
const describeWithNginx = nginx ? describe : describe.skip;

describeWithNginx('Sift behind nginx with HTTPS (the README example)', () => {
  let db: Db;
  let server: Server;
  let proxy: RunningNginx;

  beforeAll(async () => {
    db = openTestDb();
    createUser(db, 'alice');
    const app = createApp({ db, trustProxy: 'loopback', loginLimits: { perUsername: 3 } });
    server = await new Promise<Server>((resolve) => {
      const s = app.listen(0, '127.0.0.1', () => resolve(s));
    });
    proxy = await startNginx(nginx as string, (server.address() as AddressInfo).port);
  });

  afterAll(async () => {
    await proxy?.stop();
    server?.closeAllConnections();
    await new Promise((resolve) => server?.close(resolve));
    db?.close();
  });

  const login = (password: string, from: string, headers: Record<string, string> = {}) =>
    httpsJson(proxy, 'POST', '/api/auth/login', { body: { username: 'alice', password }, from, headers });

  it('the README shows the tested file verbatim', () => {
    const readme = fs.readFileSync(packagePath('README.md'), 'utf8');
    expect(readme).toContain(fs.readFileSync(EXAMPLE_CONFIG, 'utf8').trim());
  });

  it('signing in over https gives a Secure __Host- session cookie that works through the proxy', async () => {
    const res = await login(TEST_PASSWORD, '127.0.0.2');
    expect(res.status).toBe(200);
    const cookie = ((res.headers['set-cookie'] as string[] | undefined) ?? []).find((c) =>
      c.startsWith('__Host-sift_session='),
    );
    expect(cookie).toMatch(/; Secure/);
    expect(cookie).toMatch(/; HttpOnly/);
    const me = await httpsJson(proxy, 'GET', '/api/auth/me', {
      from: '127.0.0.2',
      headers: { cookie: (cookie as string).split(';')[0] as string },
    });
    expect(me).toMatchObject({ status: 200, body: { user: { username: 'alice' } } });
  });

  it('login limiting sees the real client address: one client locked, another still signs in', async () => {
    for (let i = 0; i < 3; i += 1) expect((await login(`wrong ${i}`, '127.0.0.3')).status).toBe(401);
    expect((await login(TEST_PASSWORD, '127.0.0.3')).status).toBe(429);
    // a spoofed X-Forwarded-For is replaced by nginx, so it cannot make a locked client look new
    expect((await login(TEST_PASSWORD, '127.0.0.3', { 'X-Forwarded-For': '198.51.100.9' })).status).toBe(429);
    expect((await login(TEST_PASSWORD, '127.0.0.4')).status).toBe(200);
  });
});
