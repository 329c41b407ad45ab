import { execFile } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import request from 'supertest';
import { createApp } from '../../../server/app';
import { openDatabase } from '../../../server/db/connection';
import { listMembers } from '../../../server/db/repos/members';
import { findUserByUsername } from '../../../server/db/repos/users';
import { hashParams, verifyPassword } from '../../../server/domain/auth/password-hash';
import { createUser } from '../../support/auth';
import { sift as runSift, tempDir } from '../../support/cli';
import { seedProject } from '../../support/db';

const sift = (args: string[], stdin?: string) => runSift(args, stdin === undefined ? {} : { stdin });

describe('sift user / token / member', () => {
  let dir: string;
  let dbFile: string;

  beforeEach(() => {
    dir = tempDir('sift-auth-cli-');
    dbFile = path.join(dir, 'review.sqlite');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const withDb = <T>(fn: (db: ReturnType<typeof openDatabase>) => T): T => {
    const db = openDatabase(dbFile);
    try {
      return fn(db);
    } finally {
      db.close();
    }
  };

  it('user add creates an account with a production-cost scrypt hash', async () => {
    const out = await sift(['user', 'add', '--db', dbFile, '--username', 'alice', '--password', 'sift-demo']);
    expect(out).toEqual({ code: 0, stdout: 'created user alice (id 1)\n', stderr: '' });
    const user = withDb((db) => findUserByUsername(db, 'alice'));
    expect(hashParams(user?.passwordHash ?? '')).toEqual({ N: 32768, r: 8, p: 3 });
    await expect(verifyPassword('sift-demo', user?.passwordHash ?? '')).resolves.toBe(true);
  });

  it('user add --password-stdin reads the password (minus the trailing newline) from stdin', async () => {
    const out = await sift(
      ['user', 'add', '--db', dbFile, '--username', 'bob', '--password-stdin'],
      'sift-demo\n',
    );
    expect(out.code).toBe(0);
    const user = withDb((db) => findUserByUsername(db, 'bob'));
    await expect(verifyPassword('sift-demo', user?.passwordHash ?? '')).resolves.toBe(true);
  });

  it.each([
    [['--username', 'carol', '--password', 'short'], 2, /at least 8 characters/],
    [['--username', 'carol', '--password', 'iloveyou1'], 2, /common passwords/],
    [['--username', 'carol'], 2, /--password is required/],
    [['--password', 'sift-demo'], 2, /--username is required/],
    [['--username', 'carol', '--password', 'sift-demo', '--password-stdin'], 2, /not both/],
    [['--username', 'bad name', '--password', 'sift-demo'], 2, /username must be/],
  ])('user add %j is refused (exit %i) and creates nothing', async (args, code, message) => {
    const out = await sift(['user', 'add', '--db', dbFile, ...args]);
    expect(out.code).toBe(code);
    expect(out.stderr).toMatch(message);
    if (fs.existsSync(dbFile)) expect(withDb((db) => findUserByUsername(db, 'carol'))).toBeUndefined();
  });

  it('user add refuses a name that exists in another case', async () => {
    await sift(['user', 'add', '--db', dbFile, '--username', 'alice', '--password', 'sift-demo']);
    const out = await sift(['user', 'add', '--db', dbFile, '--username', 'Alice', '--password', 'sift-demo']);
    expect(out.code).toBe(1);
    expect(out.stderr).toMatch(/a user named "alice" already exists/);
  });

  it("user passwd sets a new password (policy checked) and ends the user's sessions", async () => {
    await sift(['user', 'add', '--db', dbFile, '--username', 'alice', '--password', 'sift-demo']);
    const db = openDatabase(dbFile);
    const app = createApp({ db });
    const agent = request.agent(app);
    await agent.post('/api/auth/login').send({ username: 'alice', password: 'sift-demo' }).expect(200);
    await agent.get('/api/auth/me').expect(200);

    const weak = await sift([
      'user',
      'passwd',
      '--db',
      dbFile,
      '--username',
      'alice',
      '--password',
      'password123',
    ]);
    expect(weak.code).toBe(2);
    await agent.get('/api/auth/me').expect(200);

    const out = await sift(
      ['user', 'passwd', '--db', dbFile, '--username', 'alice', '--password-stdin'],
      'a brand new passphrase\n',
    );
    expect(out).toEqual({
      code: 0,
      stdout: 'set a new password for alice; their sessions have ended\n',
      stderr: '',
    });
    await agent.get('/api/auth/me').expect(401);
    await request(app).post('/api/auth/login').send({ username: 'alice', password: 'sift-demo' }).expect(401);
    await request(app)
      .post('/api/auth/login')
      .send({ username: 'alice', password: 'a brand new passphrase' })
      .expect(200);
    const ghost = await sift([
      'user',
      'passwd',
      '--db',
      dbFile,
      '--username',
      'ghost',
      '--password',
      'whatever-it-is',
    ]);
    expect(ghost.code).toBe(1);
    expect(ghost.stderr).toMatch(/no user named "ghost"/);
    db.close();
  });

  it('token add prints a working token alone on stdout; token revoke stops it', async () => {
    withDb((db) => createUser(db, 'alice'));
    const made = await sift([
      'token',
      'add',
      '--db',
      dbFile,
      '--username',
      'alice',
      '--name',
      'nightly export',
    ]);
    expect(made.code).toBe(0);
    expect(made.stdout).toMatch(/^sift_[\w-]{43}\n$/);
    expect(made.stderr).toMatch(/token 1 "nightly export" for alice/);
    const token = made.stdout.trim();

    const db = openDatabase(dbFile);
    const app = createApp({ db });
    const me = await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(200);
    expect(me.body).toEqual({ user: { id: 1, username: 'alice', admin: false }, via: 'token' });

    const revoked = await sift(['token', 'revoke', '--db', dbFile, '--id', '1']);
    expect(revoked).toEqual({ code: 0, stdout: 'revoked token 1 "nightly export"\n', stderr: '' });
    await request(app).get('/api/auth/me').set('Authorization', `Bearer ${token}`).expect(401);
    db.close();
  });

  it('token add for an unknown user and token revoke of an unknown id fail clearly', async () => {
    withDb(() => undefined); // an existing database: a missing one is refused before any user is looked up
    expect((await sift(['token', 'add', '--db', dbFile, '--username', 'ghost'])).stderr).toMatch(
      /no user named "ghost"/,
    );
    const missing = await sift(['token', 'revoke', '--db', dbFile, '--id', '42']);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/no API token 42/);
    expect((await sift(['token', 'revoke', '--db', dbFile, '--id', 'x'])).code).toBe(2);
    expect((await sift(['token', 'list', '--db', dbFile])).code).toBe(2);
  });

  it('member add gives a role in a project named on the command line', async () => {
    withDb((db) => {
      createUser(db, 'alice');
      seedProject(db, 'Demo review');
    });
    const out = await sift([
      'member',
      'add',
      '--db',
      dbFile,
      '--project',
      'Demo review',
      '--username',
      'alice',
      '--role',
      'reviewer',
    ]);
    expect(out).toEqual({ code: 0, stdout: 'alice is now reviewer of "Demo review"\n', stderr: '' });
    expect(withDb((db) => listMembers(db, 1))).toMatchObject([{ username: 'alice', role: 'reviewer' }]);

    const again = await sift([
      'member',
      'add',
      '--db',
      dbFile,
      '--project',
      'Demo review',
      '--username',
      'alice',
      '--role',
      'owner',
    ]);
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already a member/);
    const badRole = await sift([
      'member',
      'add',
      '--db',
      dbFile,
      '--project',
      'Demo review',
      '--username',
      'alice',
      '--role',
      'admin',
    ]);
    expect(badRole.code).toBe(2);
    const noProject = await sift([
      'member',
      'add',
      '--db',
      dbFile,
      '--project',
      'Nope',
      '--username',
      'alice',
      '--role',
      'viewer',
    ]);
    expect(noProject.stderr).toMatch(/no project named "Nope"/);
  });

  it('the installed bin/sift.js runs the same commands as a separate process', async () => {
    const bin = path.resolve(__dirname, '..', '..', '..', 'bin', 'sift.js');
    const run = promisify(execFile);
    const created = await run(process.execPath, [
      bin,
      'user',
      'add',
      '--db',
      dbFile,
      '--username',
      'owner',
      '--password',
      'sift-demo',
    ]);
    expect(created.stdout).toBe('created user owner (id 1)\n');
    const token = await run(process.execPath, [bin, 'token', 'add', '--db', dbFile, '--username', 'owner']);
    expect(token.stdout).toMatch(/^sift_[\w-]{43}\n$/);
  });
});
