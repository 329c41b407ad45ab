import type { Router } from 'express';
import request from 'supertest';
import { createApp, type AppContext } from '../../../server/app';
import { apiRouter } from '../../../server/http/routes';
import { authHeader, bearer, createMember } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';

/**
 * One convention for ids in paths, on every route: a malformed id is 400 validation_failed
 * naming the parameter (never a 404 that looks like "not found", never a 500). The routes
 * are read from the router itself, so a route added later is swept too.
 */

interface Layer {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every (method, path) of the API; a route registered with several paths gives one entry per path. */
function routesOf(stack: Layer[]): { method: string; path: string }[] {
  return stack.flatMap((layer) => {
    if (!layer.route) return layer.handle?.stack ? routesOf(layer.handle.stack) : [];
    const paths = ([] as unknown[])
      .concat(layer.route.path)
      .filter((p): p is string => typeof p === 'string');
    const methods = Object.keys(layer.route.methods).filter((m) => m !== '_all');
    return paths.flatMap((path) => methods.map((m) => ({ method: m.toUpperCase(), path })));
  });
}

const isId = (param: string) => param === 'id' || param.endsWith('Id');
const VALID: Record<string, string> = { stage: 'title_abstract', field: 'country', box: 'identification' };
const MALFORMED = ['abc', '-1', '0', '1e3', '07', '99999999999999999999'];

describe('malformed ids in paths', () => {
  const db = openTestDb();
  const app = createApp({ db });
  const ctx: AppContext = { db, clock: () => new Date(), uploadsDir: '/nonexistent' };
  const routes = routesOf((apiRouter(ctx) as Router & { stack: Layer[] }).stack);
  const projectId = seedProject(db);
  createMember(db, projectId, 'owner', 'owner');
  const token = bearer(db, 'owner');

  /** The route's path with `bad` in place of `param` and a valid value everywhere else. */
  function url(path: string, param: string, bad: string): string {
    return (
      '/api' +
      path.replace(/:([A-Za-z]+)/g, (_, name: string) =>
        name === param
          ? bad
          : name === 'projectId' || name === 'id'
            ? String(projectId)
            : (VALID[name] ?? '1'),
      )
    );
  }

  const cases = routes.flatMap((route) =>
    [...route.path.matchAll(/:([A-Za-z]+)/g)]
      .map((m) => m[1]!)
      .filter(isId)
      .map((param) => ({ ...route, param })),
  );

  it('finds the routes with ids, screening’s multi-path routes included', () => {
    const names = cases.map((c) => `${c.method} ${c.path} ${c.param}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /projects/:projectId projectId',
        'GET /projects/:projectId/records/:recordId recordId',
        'DELETE /projects/:projectId/screening/:stage/decisions/:recordId recordId',
        'DELETE /projects/:projectId/decisions/:recordId recordId',
        'PATCH /projects/:projectId/members/:userId userId',
        'DELETE /tokens/:tokenId tokenId',
      ]),
    );
  });

  it('every route answers a malformed id with 400 validation_failed naming the parameter', async () => {
    for (const { method, path, param } of cases) {
      for (const bad of MALFORMED) {
        const verb = method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
        const agent = request(app);
        const res = await agent[verb](url(path, param, bad))
          .set(...authHeader(token))
          .send({});
        expect({ method, path, bad, status: res.status, code: res.body?.error?.code }).toEqual({
          method,
          path,
          bad,
          status: 400,
          code: 'validation_failed',
        });
        expect(res.body.error.message).toMatch(new RegExp(`^${param}: `));
      }
    }
  });

  it('a well-formed id that names nothing is still a 404', async () => {
    await request(app)
      .get(`/api/projects/${projectId}/records/424242`)
      .set(...authHeader(token))
      .expect(404);
    await request(app)
      .get('/api/projects/424242')
      .set(...authHeader(token))
      .expect(404);
  });
});
