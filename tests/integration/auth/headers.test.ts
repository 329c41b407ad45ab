import request from 'supertest';
import { createApp } from '../../../server/app';
import { openTestDb } from '../../support/db';

describe('security headers', () => {
  const app = createApp({ db: openTestDb() });

  it.each(['/', '/api/health', '/api/nowhere'])(
    '%s carries a strict Content-Security-Policy',
    async (path) => {
      const res = await request(app).get(path);
      const csp = String(res.headers['content-security-policy']);
      const directives = Object.fromEntries(
        csp.split(';').map((d) => {
          const [name, ...values] = d.trim().split(/\s+/);
          return [name, values.join(' ')];
        }),
      );
      expect(directives['default-src']).toBe("'self'");
      expect(directives['script-src']).toBe("'self'");
      expect(directives['script-src-attr']).toBe("'none'");
      expect(directives['style-src']).toBe("'self'");
      expect(directives['object-src']).toBe("'none'");
      expect(directives['frame-ancestors']).toBe("'none'");
      expect(directives['base-uri']).toBe("'none'");
      expect(directives['img-src']).toBe("'self' data: blob:");
      expect(csp).not.toMatch(/unsafe-inline|unsafe-eval/);
    },
  );

  it('sends the other helmet headers and no X-Powered-By', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.headers['x-frame-options']).toBe('DENY');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['referrer-policy']).toBe('no-referrer');
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('sends HSTS for at least a year (browsers heed it only over HTTPS)', async () => {
    const res = await request(app).get('/api/health').expect(200);
    const maxAge = Number(/max-age=(\d+)/.exec(String(res.headers['strict-transport-security']))?.[1]);
    expect(maxAge).toBeGreaterThanOrEqual(365 * 24 * 3600);
  });

  it('never sends CORS headers, so no other origin may read answers or send JSON', async () => {
    const res = await request(app)
      .options('/api/auth/login')
      .set('Origin', 'https://evil.example')
      .set('Access-Control-Request-Method', 'POST');
    expect(res.headers['access-control-allow-origin']).toBeUndefined();
  });

  it('API answers are never cached', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.headers['cache-control']).toBe('no-store');
  });
});
