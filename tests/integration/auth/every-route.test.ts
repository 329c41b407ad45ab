import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { authHeader, bearer, createMember, createUser } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { fillPath, isUnrouted, readRoutesCounted, type RouteInfo } from '../../support/routes';

/**
 * Object-level access control for every API route, including the ones added after this
 * test was written: the routes are read from the app's router by the shared reader (array
 * paths and nested routers expanded, checked against a count of what the routers register),
 * so a new route without a guard fails here. Anonymous callers get 401 everywhere but the
 * public routes; on project routes a stranger gets 404 and a viewer may not write.
 */

/** Routes anyone may call. */
const PUBLIC = new Set(['GET /api/health', 'POST /api/auth/login', 'POST /api/auth/logout']);
/** Project routes a viewer may call with a non-GET method (none so far: viewers only read). */
const VIEWER_WRITES = new Set<string>([]);

const isProjectRoute = (path: string) => /^\/api\/projects\/:(projectId|id)(\/|$)/.test(path);

/**
 * A value for every route parameter: the guards answer before any of them is looked up,
 * but the URL must match the route it is sent for. A new parameter name fails the sweep
 * until it is added here.
 */
function concrete(path: string, projectId: number): string {
  return fillPath(path, {
    projectId,
    id: projectId,
    stage: 'title_abstract',
    recordId: 1,
    tokenId: 1,
    userId: 1,
    clusterId: 1,
    codeId: 1,
    applicationId: 1,
    importId: 1,
    field: 'design',
    box: 'included',
    extension: 'ris',
  });
}

function call(app: ReturnType<typeof createApp>, route: RouteInfo, url: string) {
  const agent = request(app);
  switch (route.method) {
    case 'GET':
      return agent.get(url);
    case 'POST':
      return agent.post(url).send({});
    case 'PUT':
      return agent.put(url).send({});
    case 'PATCH':
      return agent.patch(url).send({});
    case 'DELETE':
      return agent.delete(url);
    default:
      throw new Error(`add ${route.method} to this test`);
  }
}

describe('access control on every API route', () => {
  let db: Db;
  let app: ReturnType<typeof createApp>;
  let projectId: number;
  let routes: RouteInfo[];
  const tokens: Record<string, string> = {};

  beforeAll(() => {
    db = openTestDb();
    ({ built: app, routes } = readRoutesCounted(
      () => createApp({ db, uploadsDir: '/nonexistent' }),
      (built) => built.router,
    ));
    projectId = seedProject(db);
    createMember(db, projectId, 'owner', 'owner');
    createMember(db, projectId, 'viewer', 'viewer');
    createUser(db, 'stranger');
    for (const name of ['viewer', 'stranger']) tokens[name] = bearer(db, name);
  });

  it('finds the routes (the walk over the router works)', () => {
    const names = routes.map((r) => `${r.method} ${r.path}`);
    expect(names).toEqual(
      expect.arrayContaining([
        'GET /api/health',
        'POST /api/auth/login',
        'GET /api/projects/:projectId/members',
        'DELETE /api/tokens/:tokenId',
        // registered with array paths: the string-only reader this replaced dropped them all
        'POST /api/projects/:projectId/decisions',
        'POST /api/projects/:projectId/screening/:stage/decisions',
        'GET /api/projects/:projectId/screening/:stage/progress',
      ]),
    );
    expect(routes.filter((r) => r.path.startsWith('/api/')).length).toBe(routes.length);
  });

  it('an anonymous caller gets 401 on every route that is not public', async () => {
    for (const route of routes) {
      if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
      const res = await call(app, route, concrete(route.path, projectId));
      expect({ route, status: res.status, unrouted: isUnrouted(res) }).toEqual({
        route,
        status: 401,
        unrouted: false,
      });
    }
  });

  it('a signed-in stranger gets 404 on every project route', async () => {
    for (const route of routes.filter((r) => isProjectRoute(r.path))) {
      const res = await call(app, route, concrete(route.path, projectId)).set(
        ...authHeader(tokens.stranger as string),
      );
      // The guard's 404, not the fallback for a URL that matched no route.
      expect({ route, status: res.status, message: res.body?.error?.message }).toEqual({
        route,
        status: 404,
        message: 'project not found',
      });
    }
  });

  it('a viewer gets 403 on every project route that writes', async () => {
    for (const route of routes.filter((r) => isProjectRoute(r.path) && r.method !== 'GET')) {
      if (VIEWER_WRITES.has(`${route.method} ${route.path}`)) continue;
      const res = await call(app, route, concrete(route.path, projectId)).set(
        ...authHeader(tokens.viewer as string),
      );
      expect({ route, status: res.status }).toEqual({ route, status: 403 });
    }
  });
});
