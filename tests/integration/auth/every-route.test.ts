import type { Router } from 'express';
import request from 'supertest';
import { createApp, type AppContext } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { apiRouter } from '../../../server/http/routes';
import { authHeader, bearer, createMember, createUser } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';

/**
 * Object-level access control for every API route, including the ones added after this
 * test was written: the routes are read from the router itself, so a new route without a
 * guard fails here. Anonymous callers get 401 everywhere but the public routes; on project
 * routes a stranger gets 404 and a viewer may not write.
 */

/** Routes anyone may call. */
const PUBLIC = new Set(['GET /health', 'POST /auth/login', 'POST /auth/logout']);
/** Project routes a viewer may call with a non-GET method (none so far: viewers only read). */
const VIEWER_WRITES = new Set<string>([]);

interface RouteInfo {
  method: string;
  path: string;
}

interface LayerLike {
  route?: { path: unknown; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

function listRoutes(stack: LayerLike[]): RouteInfo[] {
  return stack.flatMap((layer): RouteInfo[] => {
    if (layer.route && typeof layer.route.path === 'string') {
      const path = layer.route.path;
      return Object.keys(layer.route.methods)
        .filter((m) => m !== '_all')
        .map((m) => ({ method: m.toUpperCase(), path }));
    }
    return layer.handle?.stack ? listRoutes(layer.handle.stack) : [];
  });
}

const isProjectRoute = (path: string) => /^\/projects\/:(projectId|id)(\/|$)/.test(path);

function concrete(path: string, projectId: number): string {
  return '/api' + path.replace(/:(projectId|id)\b/, String(projectId)).replace(/:[A-Za-z_]+/g, '1');
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
    app = createApp({ db });
    const ctx: AppContext = { db, clock: () => new Date(), uploadsDir: '/nonexistent' };
    routes = listRoutes((apiRouter(ctx) as Router & { stack: LayerLike[] }).stack);
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
        'GET /health',
        'POST /auth/login',
        'GET /projects/:projectId/members',
        'DELETE /tokens/:tokenId',
      ]),
    );
  });

  it('an anonymous caller gets 401 on every route that is not public', async () => {
    for (const route of routes) {
      if (PUBLIC.has(`${route.method} ${route.path}`)) continue;
      const res = await call(app, route, concrete(route.path, projectId));
      expect({ route, status: res.status }).toEqual({ route, status: 401 });
    }
  });

  it('a signed-in stranger gets 404 on every project route', async () => {
    for (const route of routes.filter((r) => isProjectRoute(r.path))) {
      const res = await call(app, route, concrete(route.path, projectId)).set(
        ...authHeader(tokens.stranger as string),
      );
      expect({ route, status: res.status, code: res.body?.error?.code }).toEqual({
        route,
        status: 404,
        code: 'not_found',
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
