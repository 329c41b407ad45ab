import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Db } from '../../../server/db/connection';
import { openDatabase } from '../../../server/db/connection';
import type { Actor } from '../../../server/domain/auth/actor';
import { systemClock } from '../../../server/domain/clock';
import { requireUserByName } from '../../../server/services/accounts';
import { ensureDemo } from '../../../server/services/demo';
import { DEMO_PASSWORD } from '../../../server/services/demo-steps';
import { startServer, type RunningServer } from './server';

export { DEMO_PASSWORD };

export interface DemoServer {
  db: Db;
  server: RunningServer;
  projectId: number;
  uploadsDir: string;
  close(): Promise<void>;
}

/**
 * The demo review (real records, three accounts, screening, full texts, codes) built in a fresh
 * in-memory database and served: every page has something to show. Tests add what they need
 * on top through the services, never by hand-written SQL.
 */
export async function startDemo(): Promise<DemoServer> {
  const db = openDatabase(':memory:');
  const { projectId } = ensureDemo({ db, clock: systemClock });
  const uploadsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'sift-e2e-demo-'));
  const server = await startServer({ db, uploadsDir });
  return {
    db,
    server,
    projectId,
    uploadsDir,
    async close() {
      await server.close();
      db.close();
      fs.rmSync(uploadsDir, { recursive: true, force: true });
    },
  };
}

/** The demo account `username` acting in the demo review (owner, or alice and bob as reviewers). */
export function demoActor(db: Db, username: 'owner' | 'alice' | 'bob'): Actor {
  return { userId: requireUserByName(db, username).id, role: username === 'owner' ? 'owner' : 'reviewer' };
}
