import cookieParser from 'cookie-parser';
import express from 'express';
import request from 'supertest';
import type { AppContext } from '../../../server/app';
import type { Db } from '../../../server/db/connection';
import { ACTIONS, type Action } from '../../../server/domain/auth/actions';
import { ROLES, type Role } from '../../../server/domain/auth/roles';
import {
  authenticate,
  currentProject,
  currentUser,
  requireProjectAction,
  requireProjectRole,
  requireUser,
} from '../../../server/http/auth';
import { errorHandler } from '../../../server/http/errors';
import { authHeader, bearer, createMember, createUser } from '../../support/auth';
import { openTestDb, seedProject } from '../../support/db';

/**
 * The guards on a bare app with one route per action and per role, so the whole table is
 * checked end to end: every role against every action, plus strangers and anonymous callers.
 */
function guardedApp(db: Db) {
  const ctx: AppContext = { db, clock: () => new Date('2026-02-01T10:00:00Z'), uploadsDir: '/nonexistent' };
  const app = express();
  app.use(cookieParser());
  app.use(express.json());
  app.use('/api', authenticate(ctx));
  for (const action of Object.keys(ACTIONS) as Action[]) {
    app.post(`/api/projects/:projectId/actions/${action}`, requireProjectAction(ctx, action), (req, res) => {
      res.json({ user: currentUser(req), project: currentProject(req) });
    });
  }
  for (const role of ROLES) {
    app.get(`/api/projects/:id/roles/${role}`, requireProjectRole(ctx, role), (req, res) =>
      res.json(currentProject(req)),
    );
  }
  // An id beside the project's (checked by the guard, before membership and role), and a
  // parameter that is not an id (left to the route).
  app.get('/api/projects/:projectId/records/:recordId', requireProjectAction(ctx, 'settings'), (req, res) =>
    res.json(currentProject(req)),
  );
  app.get('/api/projects/:projectId/notes/:id', requireProjectAction(ctx, 'settings'), (req, res) =>
    res.json(currentProject(req)),
  );
  app.get('/api/projects/:projectId/stages/:stage', requireProjectAction(ctx, 'read'), (req, res) =>
    res.json({ stage: req.params.stage }),
  );
  app.get('/api/bare', requireUser, (req, res) => res.json(currentUser(req)));
  app.get('/api/called', requireUser(ctx), (req, res) => res.json(currentUser(req)));
  app.get('/api/unguarded', (req, res) => res.json(currentProject(req)));
  app.use(errorHandler);
  return app;
}

describe('guards', () => {
  let db: Db;
  let app: express.Express;
  let projectId: number;
  const tokens = {} as Record<Role | 'stranger', string>;
  const ids = {} as Record<Role, number>;

  beforeAll(() => {
    db = openTestDb();
    projectId = seedProject(db);
    for (const role of ROLES) {
      ids[role] = createMember(db, projectId, `${role}-user`, role);
      tokens[role] = bearer(db, `${role}-user`);
    }
    createUser(db, 'stranger');
    tokens.stranger = bearer(db, 'stranger');
    app = guardedApp(db);
  });

  /**
   * Who may do what, written out here rather than derived from ACTIONS (which is what is
   * under test): for each action, the roles allowed, weakest first; the first is the role a
   * refusal names as required. An action added to ACTIONS without a row here fails below.
   */
  const ALLOWED: Record<Action, Role[]> = {
    read: ['viewer', 'reviewer', 'owner'],
    screen: ['reviewer', 'owner'],
    code: ['reviewer', 'owner'],
    appraise: ['reviewer', 'owner'],
    settings: ['owner'],
    import: ['owner'],
    dedup: ['owner'],
    resolve: ['owner'],
    export: ['owner'],
    members: ['owner'],
    annotate: ['reviewer', 'owner'],
    bulk: ['owner'],
  };

  it('the table here covers every action the code knows', () => {
    expect(Object.keys(ACTIONS).sort()).toEqual(Object.keys(ALLOWED).sort());
  });

  const cases = (Object.keys(ALLOWED) as Action[]).flatMap((action) =>
    (['viewer', 'reviewer', 'owner'] as const).map((role): [Role, Action, boolean] => [
      role,
      action,
      ALLOWED[action].includes(role),
    ]),
  );

  it.each(cases)('a %s asking to %s: allowed %s', async (role, action, allowed) => {
    const res = await request(app)
      .post(`/api/projects/${projectId}/actions/${action}`)
      .set(...authHeader(tokens[role]));
    if (allowed) {
      expect(res.status).toBe(200);
      expect(res.body).toEqual({
        user: { id: ids[role], username: `${role}-user` },
        project: { projectId, role },
      });
    } else {
      expect(res.status).toBe(403);
      expect(res.body.error.details).toEqual({ required: ALLOWED[action][0], role });
    }
  });

  it.each(Object.keys(ACTIONS) as Action[])(
    'a stranger asking to %s gets 404, an anonymous caller 401',
    async (action) => {
      const path = `/api/projects/${projectId}/actions/${action}`;
      expect(
        (
          await request(app)
            .post(path)
            .set(...authHeader(tokens.stranger))
        ).status,
      ).toBe(404);
      expect((await request(app).post(path)).status).toBe(401);
    },
  );

  it('a stranger is told only that the project was not found', async () => {
    const res = await request(app)
      .post(`/api/projects/${projectId}/actions/read`)
      .set(...authHeader(tokens.stranger))
      .expect(404);
    expect(res.body).toEqual({ error: { code: 'not_found', message: 'project not found' } });
  });

  it('answers a malformed id anywhere in the path with 400 before asking who the caller is in the project', async () => {
    const path = `/api/projects/${projectId}/records/abc`;
    for (const who of ['stranger', 'viewer', 'owner'] as const) {
      const res = await request(app)
        .get(path)
        .set(...authHeader(tokens[who]));
      expect({ who, status: res.status, code: res.body.error?.code }).toEqual({
        who,
        status: 400,
        code: 'validation_failed',
      });
      expect(res.body.error.message).toMatch(/^recordId: /);
    }
    await request(app).get(path).expect(401);
    // Well formed, the same id leaves the answer to membership and role.
    const good = `/api/projects/${projectId}/records/7`;
    await request(app)
      .get(good)
      .set(...authHeader(tokens.stranger))
      .expect(404);
    await request(app)
      .get(good)
      .set(...authHeader(tokens.viewer))
      .expect(403);
    await request(app)
      .get(good)
      .set(...authHeader(tokens.owner))
      .expect(200);
  });

  it('tells a member below the role needed which role that is, and theirs', async () => {
    const res = await request(app)
      .post(`/api/projects/${projectId}/actions/settings`)
      .set(...authHeader(tokens.viewer))
      .expect(403);
    expect(res.body).toEqual({
      error: {
        code: 'forbidden',
        message: 'this needs the owner role in this project; you are viewer',
        details: { required: 'owner', role: 'viewer' },
      },
    });
  });

  it('checks a parameter named id beside the project’s as it checks …Id', async () => {
    const res = await request(app)
      .get(`/api/projects/${projectId}/notes/x1`)
      .set(...authHeader(tokens.stranger));
    expect({ status: res.status, code: res.body.error?.code }).toEqual({
      status: 400,
      code: 'validation_failed',
    });
    expect(res.body.error.message).toMatch(/^id: /);
    await request(app)
      .get(`/api/projects/${projectId}/notes/3`)
      .set(...authHeader(tokens.stranger))
      .expect(404);
  });

  it('checks only parameters named id or …Id: another parameter is the route’s to read', async () => {
    const res = await request(app)
      .get(`/api/projects/${projectId}/stages/title_abstract`)
      .set(...authHeader(tokens.viewer))
      .expect(200);
    expect(res.body).toEqual({ stage: 'title_abstract' });
  });

  it('requireProjectRole reads :id when the route has no :projectId', async () => {
    const res = await request(app)
      .get(`/api/projects/${projectId}/roles/reviewer`)
      .set(...authHeader(tokens.owner))
      .expect(200);
    expect(res.body).toEqual({ projectId, role: 'owner' });
    await request(app)
      .get(`/api/projects/${projectId}/roles/owner`)
      .set(...authHeader(tokens.reviewer))
      .expect(403);
  });

  it('requireUser works bare and called with ctx', async () => {
    for (const path of ['/api/bare', '/api/called']) {
      await request(app).get(path).expect(401);
      const res = await request(app)
        .get(path)
        .set(...authHeader(tokens.viewer))
        .expect(200);
      expect(res.body).toEqual({ id: ids.viewer, username: 'viewer-user' });
    }
  });

  it('currentProject on a route without a project guard is a bug (500), not a silent pass', async () => {
    const spy = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const res = await request(app)
      .get('/api/unguarded')
      .set(...authHeader(tokens.owner))
      .expect(500);
    expect(res.body.error.code).toBe('internal');
    spy.mockRestore();
  });
});
