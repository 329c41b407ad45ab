import path from 'node:path';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { openDatabase, type Db } from '../../../server/db/connection';
import { authHeader, bearer, createMember, createUser, TEST_PASSWORD } from '../../support/auth';
import { removeDir, sift, tempDir } from '../../support/cli';
import { seedProject } from '../../support/db';

/** CLI parity with the Admin page and invitations: the operator acts as 'command line' in the account log. */
describe('sift user disable|enable|reset-link|admin, sift invite add', () => {
  let dir: string;
  let dbFile: string;
  let db: Db;

  beforeEach(() => {
    dir = tempDir('sift-lifecycle-cli-');
    dbFile = path.join(dir, 'review.sqlite');
    db = openDatabase(dbFile);
    const projectId = seedProject(db, 'Team review');
    createMember(db, projectId, 'owner', 'owner');
    createUser(db, 'alice');
  });
  afterEach(() => {
    db.close();
    removeDir(dir);
  });

  it('disable stops the token at once; enable restores it; both are logged as the command line', async () => {
    const token = bearer(db, 'alice');
    const app = createApp({ db });
    expect(await sift(['user', 'disable', '--db', dbFile, '--username', 'alice'])).toMatchObject({ code: 0 });
    await request(app)
      .get('/api/projects')
      .set(...authHeader(token))
      .expect(401);
    expect(await sift(['user', 'enable', '--db', dbFile, '--username', 'alice'])).toEqual({
      code: 0,
      stdout: 'enabled alice\n',
      stderr: '',
    });
    await request(app)
      .get('/api/projects')
      .set(...authHeader(token))
      .expect(200);
    const events = db
      .prepare(
        "SELECT event, actor_name FROM account_events WHERE subject_name = 'alice' AND event LIKE 'account_%'",
      )
      .all();
    expect(events).toEqual([
      { event: 'account_disabled', actor_name: 'command line' },
      { event: 'account_enabled', actor_name: 'command line' },
    ]);
  });

  it('reset-link prints a one-time link on the --base-url that sets the password once', async () => {
    const out = await sift([
      'user',
      'reset-link',
      '--db',
      dbFile,
      '--username',
      'alice',
      '--base-url',
      'https://sift.example.org/',
    ]);
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^https:\/\/sift\.example\.org\/#\/reset\/[\w-]{43}\n$/);
    const token = out.stdout.trim().split('/').pop();
    const app = createApp({ db });
    await request(app)
      .post('/api/auth/reset')
      .send({ token, newPassword: 'a brand new passphrase' })
      .expect(200);
    await request(app)
      .post('/api/auth/reset')
      .send({ token, newPassword: 'a brand new passphrase' })
      .expect(410);
  });

  it('user add --admin and user admin [--revoke] grant and withdraw the site role', async () => {
    expect(
      await sift([
        'user',
        'add',
        '--db',
        dbFile,
        '--username',
        'lead',
        '--password',
        TEST_PASSWORD,
        '--admin',
      ]),
    ).toMatchObject({
      code: 0,
      stdout: expect.stringMatching(/^created administrator lead/),
    });
    expect(await sift(['user', 'admin', '--db', dbFile, '--username', 'alice'])).toMatchObject({ code: 0 });
    expect(await sift(['user', 'admin', '--db', dbFile, '--username', 'alice', '--revoke'])).toMatchObject({
      code: 0,
    });
    const admins = db.prepare('SELECT username FROM users WHERE is_admin = 1').all();
    expect(admins).toEqual([{ username: 'lead' }]);
  });

  it('invite add prints a link for the chosen role and expiry; a bad role or expiry is a usage error', async () => {
    const invite = (...flags: string[]) =>
      sift(['invite', 'add', '--db', dbFile, '--project', 'Team review', ...flags]);
    const out = await invite('--role', 'viewer', '--expires', '2d');
    expect(out.code).toBe(0);
    expect(out.stdout).toMatch(/^http:\/\/localhost:3000\/#\/invite\/[\w-]{43}\n$/);
    const app = createApp({ db });
    const preview = await request(app)
      .post('/api/invitations/inspect')
      .send({ token: out.stdout.trim().split('/').pop() });
    expect(preview.body).toMatchObject({ role: 'viewer', project: { name: 'Team review' }, invitedBy: null });
    expect(Date.parse(preview.body.expiresAt) - Date.now()).toBeGreaterThan(47 * 3600_000);
    expect((await invite('--role', 'admin')).code).toBe(2);
    expect((await invite('--role', 'viewer', '--expires', '1y')).code).toBe(2);
  });
});
