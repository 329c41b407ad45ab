import express, { Router } from 'express';
import { createApp } from '../../server/app';
import { openTestDb } from '../support/db';
import { countRegistrations, fillPath, readRoutesCounted } from '../support/routes';

/**
 * The route reader the sweeps stand on (tests/support/routes.ts): if it misses a route, every
 * sweep silently skips it, as the string-only reader once skipped all screening routes.
 */

const noop: express.RequestHandler = (_req, res) => {
  res.end();
};

function sampleApp() {
  const app = express();
  const inner = Router();
  // Router flattens nested arrays; @types/express does not declare them.
  inner.get(['/a', ['/b', '/c']] as unknown as string[], noop);
  inner.route('/d').get(noop).post(noop);
  inner.all('/e', noop);
  const outer = Router();
  outer.use(inner);
  outer.use('/sub/', Router().delete('/f/:id', noop));
  outer.use(['/x', '/y'], Router().put('/g', noop));
  app.use(express.json());
  app.use('/api', outer);
  app.patch('/top', noop);
  return app;
}

describe('the route reader', () => {
  it('expands array paths, nested routers at / and under paths, route() chains and .all()', () => {
    const routes = readRoutesCounted(sampleApp, (app) => app.router).routes;
    expect(routes.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /api/a',
      'GET /api/b',
      'GET /api/c',
      'GET /api/d',
      'POST /api/d',
      'ALL /api/e',
      'DELETE /api/sub/f/:id',
      'PUT /api/x/g',
      'PUT /api/y/g',
      'PATCH /top',
    ]);
  });

  it('counts registrations without reading the stack (one per pattern and method; mounts may multiply them)', () => {
    expect(countRegistrations(sampleApp).registered).toBe(9);
  });

  it('refuses to answer with fewer routes than were registered (a router left out of the walk)', () => {
    const build = () => {
      const app = sampleApp();
      Router().get(['/never', '/mounted'], noop);
      return app;
    };
    expect(() => readRoutesCounted(build, (app) => app.router)).toThrow(
      'routes reader saw 10 routes but 11 were registered',
    );
  });

  it('reads every route of the real app, the 16 screening patterns registered as arrays included', () => {
    const { routes } = readRoutesCounted(
      () => createApp({ db: openTestDb() }),
      (app) => app.router,
    );
    const names = routes.map((r) => `${r.method} ${r.path}`);
    const screening = names.filter((n) =>
      /^(GET|POST|DELETE) \/api\/projects\/:projectId(\/screening\/:stage)?\/(queue|mine|decisions|progress|conflicts|resolutions|agreement)/.test(
        n,
      ),
    );
    expect(screening).toHaveLength(16);
    expect(routes).toHaveLength(countRegistrations(() => createApp({ db: openTestDb() })).registered);
  });

  it('fills a pattern only when every parameter has a value', () => {
    expect(fillPath('/api/projects/:projectId/export.:extension', { projectId: 3, extension: 'ris' })).toBe(
      '/api/projects/3/export.ris',
    );
    expect(() => fillPath('/api/projects/:projectId/records/:recordId', { projectId: 3 })).toThrow(
      'no value for :recordId',
    );
  });
});
