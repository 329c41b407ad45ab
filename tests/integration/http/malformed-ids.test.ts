import request from 'supertest';
import { createApp } from '../../../server/app';
import { authHeader, bearer, createMember } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { fillPath, readRoutesCounted } from '../../support/routes';

/**
 * One convention for ids in paths, on every route: a malformed id is 400 validation_failed
 * naming the parameter (never a 404 that looks like "not found", never a 500). The routes
 * are read from the app's router by the shared reader (tests/support/routes.ts: array paths
 * and nested routers expanded, checked against a count of what the routers register), so a
 * route added later is swept too.
 */

const isId = (param: string) => param === 'id' || param.endsWith('Id');
const VALID: Record<string, string> = { stage: 'title_abstract', field: 'country', box: 'identification' };
const MALFORMED = ['abc', '-1', '0', '1e3', '07', '99999999999999999999'];

describe('malformed ids in paths', () => {
  const db = openTestDb();
  const { built: app, routes } = readRoutesCounted(
    () => createApp({ db, uploadsDir: '/nonexistent' }),
    (built) => built.router,
  );
  const projectId = seedProject(db);
  createMember(db, projectId, 'owner', 'owner');
  const token = bearer(db, 'owner');

  /** The route's path with `bad` in place of `param` and a valid value everywhere else. */
  function url(path: string, param: string, bad: string): string {
    const values: Record<string, string | number> = { ...VALID };
    for (const [, name] of path.matchAll(/:([A-Za-z]+)/g)) values[name!] ??= 1;
    return fillPath(path, { ...values, projectId, id: projectId, [param]: bad });
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
        'GET /api/projects/:projectId projectId',
        'GET /api/projects/:projectId/records/:recordId recordId',
        'DELETE /api/projects/:projectId/screening/:stage/decisions/:recordId recordId',
        'DELETE /api/projects/:projectId/decisions/:recordId recordId',
        'PATCH /api/projects/:projectId/members/:userId userId',
        'DELETE /api/tokens/:tokenId tokenId',
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
