import type { Server } from 'node:http';
import { createApp } from './app';
import type { Db } from './db/connection';
import type { ImportPool } from './services/import-pool';

export interface ServeOptions {
  db: Db;
  port: number;
  host?: string;
  /** The worker threads that read imported files, with their budget. */
  imports?: ImportPool;
}

/** Listens on host:port and resolves once the server accepts connections. */
export function serve({ db, port, host = '127.0.0.1', imports }: ServeOptions): Promise<Server> {
  const app = createApp({ db, imports });
  return new Promise((resolve, reject) => {
    const server = app.listen(port, host, (error?: Error) => (error ? reject(error) : resolve(server)));
  });
}
