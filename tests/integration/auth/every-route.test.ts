import request from 'supertest';
import { createApp } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import {
  authHeader,
  bearer,
  createAdmin,
  createMember,
  createUser,
  loginAgent,
  type LoggedIn,
} from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';
import { fillPath, isUnrouted, readRoutesCounted, type RouteInfo } from '../../support/routes';

/**
 * Object-level access control for every API route, including the ones added after this
 * test was written: the routes are read from the app's router by the shared reader (array
 * paths and nested routers expanded, checked against a count of what the routers register),
 * so a new route without a guard fails here. Anonymous callers get 401 everywhere but the
 * public routes; on project routes a stranger gets 404 and a viewer may not write.
 */

/** Routes anyone may call (the one-time-token routes prove who calls with the token in the body). */
const PUBLIC = new Set([
  'GET /api/health',
  'POST /api/auth/login',
  'POST /api/auth/logout',
  'GET /api/auth/status',
  'POST /api/setup',
  'POST /api/auth/reset/inspect',
  'POST /api/auth/reset',
  'POST /api/invitations/inspect',
  'POST /api/invitations/register',
]);
/** Project routes a viewer may call with a non-GET method (none so far: viewers only read). */
const VIEWER_WRITES = new Set<string>([]);
/** Project routes that only owners may read (a viewer and a reviewer get 403). */
const OWNER_READS = new Set<string>(['GET /api/projects/:projectId/invitations']);
/** Site administrators only, and only from a browser session: every route under /api/admin/. */
const isAdminRoute = (path: string) => path.startsWith('/api/admin/');
/** Routes a valid API token is refused on (403): acts a leaked script token must not do. */
const SESSION_ONLY = new Set([
  'POST /api/tokens',
  'POST /api/auth/password',
  'POST /api/auth/logout-everywhere',
  'POST /api/invitations/accept',
]);

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
    invitationId: 1,
    clusterId: 1,
    codeId: 1,
    fieldId: 1,
    applicationId: 1,
    importId: 1,
    consensusId: 1,
    field: 'design',
    criterion: 'S1',
    box: 'included',
    extension: 'ris',
    labelId: 1,
    sourceId: 1,
    actionId: 1,
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
  let admin: LoggedIn;
  let stranger: LoggedIn;

  beforeAll(async () => {
    db = openTestDb();
    ({ built: app, routes } = readRoutesCounted(
      () => createApp({ db, uploadsDir: '/nonexistent' }),
      (built) => built.router,
    ));
    projectId = seedProject(db);
    createMember(db, projectId, 'owner', 'owner');
    createMember(db, projectId, 'viewer', 'viewer');
    createMember(db, projectId, 'reviewer', 'reviewer');
    createUser(db, 'stranger');
    createAdmin(db, 'admin');
    for (const name of ['viewer', 'reviewer', 'stranger', 'admin']) tokens[name] = bearer(db, name);
    admin = await loginAgent(app, 'admin');
    stranger = await loginAgent(app, 'stranger');
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
        'GET /api/admin/users',
        'POST /api/projects/:projectId/invitations',
        ...PUBLIC,
        ...OWNER_READS,
        ...SESSION_ONLY,
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

  it('a viewer and a reviewer get 403 on every owner-only read', async () => {
    for (const route of routes.filter((r) => OWNER_READS.has(`${r.method} ${r.path}`))) {
      for (const who of ['viewer', 'reviewer']) {
        const res = await call(app, route, concrete(route.path, projectId)).set(
          ...authHeader(tokens[who] as string),
        );
        expect({ route, who, status: res.status }).toEqual({ route, who, status: 403 });
      }
    }
  });

  it('every /api/admin route: 403 for a signed-in non-administrator and for an API token, even an administrator’s', async () => {
    const adminRoutes = routes.filter((r) => isAdminRoute(r.path));
    expect(adminRoutes.length).toBeGreaterThanOrEqual(7);
    for (const route of adminRoutes) {
      const url = concrete(route.path, projectId);
      const bySession = await stranger.agent[route.method.toLowerCase() as 'get'](url).send({});
      expect({ route, status: bySession.status, message: bySession.body?.error?.message }).toEqual({
        route,
        status: 403,
        message: 'this needs a site administrator',
      });
      for (const who of ['stranger', 'admin']) {
        const res = await call(app, route, url).set(...authHeader(tokens[who] as string));
        expect({ route, who, status: res.status }).toEqual({ route, who, status: 403 });
      }
    }
  });

  it('an administrator in a browser session gets past the guard on every /api/admin route', async () => {
    for (const route of routes.filter((r) => isAdminRoute(r.path))) {
      // user 1 is the owner: an account with no work, so even DELETE gets through (or a 409/400 from the service)
      const res = await admin.agent[route.method.toLowerCase() as 'get'](
        concrete(route.path, projectId),
      ).send({});
      expect({ route, guarded: [401, 403].includes(res.status), unrouted: isUnrouted(res) }).toEqual({
        route,
        guarded: false,
        unrouted: false,
      });
    }
  });

  it('a valid API token is refused (403) on every session-only route', async () => {
    for (const route of routes.filter((r) => SESSION_ONLY.has(`${r.method} ${r.path}`))) {
      const res = await call(app, route, concrete(route.path, projectId)).set(
        ...authHeader(tokens.viewer as string),
      );
      expect({ route, status: res.status, message: res.body?.error?.message }).toEqual({
        route,
        status: 403,
        message: 'this needs a browser session, not an API token',
      });
    }
  });
});
