import express from 'express';
import path from 'node:path';
import type { Db } from './db/connection';
import type { Clock } from './domain/clock';
import { systemClock } from './domain/clock';
import { errorHandler, notFoundHandler } from './http/errors';
import { apiRouter } from './http/routes';

export interface AppDeps {
  db: Db;
  clock?: Clock;
  /** Where uploaded full texts are stored; defaults to data/uploads. */
  uploadsDir?: string;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  uploadsDir: string;
}

const CLIENT_DIR = path.resolve(__dirname, '..', 'client');

/** Builds the Express app without listening, so tests can drive it with supertest. */
export function createApp(deps: AppDeps): express.Express {
  const ctx: AppContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    uploadsDir: deps.uploadsDir ?? path.resolve(__dirname, '..', 'data', 'uploads'),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  app.use(express.json({ limit: '2mb' }));
  app.use('/api', apiRouter(ctx));
  app.use('/api', notFoundHandler);
  app.use(express.static(path.join(CLIENT_DIR, 'dist')));
  app.use(express.static(path.join(CLIENT_DIR, 'public')));
  app.use(errorHandler);
  return app;
}
