import request from 'supertest';
import { createApp } from '../../server/app';
import { openDatabase } from '../../server/db/connection';

describe('HTTP basics', () => {
  const app = createApp({ db: openDatabase(':memory:'), clock: () => new Date('2026-01-02T03:04:05Z') });

  it('GET /api/health reports the schema version and the injected clock', async () => {
    const res = await request(app).get('/api/health').expect(200);
    expect(res.body).toEqual({ ok: true, schemaVersion: expect.any(Number), time: '2026-01-02T03:04:05.000Z' });
  });

  it('an unknown API path answers 404 in the error shape', async () => {
    const res = await request(app).get('/api/nowhere').expect(404);
    expect(res.body.error.code).toBe('not_found');
  });

  it('malformed JSON is a 400, not a 500', async () => {
    const res = await request(app).post('/api/health').set('content-type', 'application/json').send('{oops').expect(400);
    expect(res.body.error.code).toBe('bad_request');
  });
});
