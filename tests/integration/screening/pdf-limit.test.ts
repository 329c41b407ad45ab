import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import type { AppContext } from '../../../server/app';
import { authenticate } from '../../../server/http/auth';
import { errorHandler } from '../../../server/http/errors';
import { fulltextRoutes } from '../../../server/http/routes/fulltext';
import * as screening from '../../../server/services/screening';
import { authHeader, bearer } from '../../support/auth';
import { openTestDb } from '../../support/db';
import { seedScreeningProject } from '../../support/screening';

describe('PDF size limit over HTTP', () => {
  it('an upload over the limit is a 413 in the error shape and stores nothing', async () => {
    const db = openTestDb();
    const p = seedScreeningProject(db, 1);
    const clock = () => new Date('2026-02-02T00:00:00Z');
    const recordId = p.recordIds[0]!;
    for (const actor of [p.alice, p.bob])
      screening.decide({ db, clock }, p.projectId, actor, {
        recordId,
        stage: 'title_abstract',
        decision: 'include',
      });
    const ctx: AppContext = { db, clock, uploadsDir: '/nonexistent-never-written' };
    const app = express();
    app.use(cookieParser());
    app.use('/api', authenticate(ctx));
    app.use('/api', fulltextRoutes(ctx, { maxPdfBytes: 64 }));
    app.use(errorHandler);
    const token = bearer(db, p.owner.username);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(200, 32)]);
    const res = await request(app)
      .post(`/api/projects/${p.projectId}/fulltext/${recordId}/pdf`)
      .set(...authHeader(token))
      .attach('file', big, 'big.pdf');
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('too_large');
    expect(db.prepare('SELECT COUNT(*) AS n FROM fulltext_reports').get()).toEqual({ n: 0 });
    const none = await request(app)
      .post(`/api/projects/${p.projectId}/fulltext/${recordId}/pdf`)
      .set(...authHeader(token))
      .field('x', '1');
    expect(none.status).toBe(400);
  });
});
