import cookieParser from 'cookie-parser';
import express from 'express';
import helmet from 'helmet';
import path from 'node:path';
import type { Db } from './db/connection';
import type { Clock } from './domain/clock';
import { systemClock } from './domain/clock';
import { authenticate } from './http/auth';
import { errorHandler, notFoundHandler } from './http/errors';
import type { LoginLimits } from './http/login-limits';
import { parseTrustProxy } from './http/trust-proxy';
import { apiRouter } from './http/routes';
import { packagePath } from './package-root';
import { defaultImportPool, type ImportPool } from './services/import-pool';

export interface AppDeps {
  db: Db;
  clock?: Clock;
  /** Where uploaded full texts are stored; defaults to data/uploads. */
  uploadsDir?: string;
  /** Login throttling; defaults to DEFAULT_LOGIN_LIMITS (tests lower them). */
  loginLimits?: Partial<LoginLimits>;
  /**
   * Express's `trust proxy` (`sift serve --trust-proxy`): a hop count, or `loopback` and other
   * names, addresses and CIDR ranges, comma-separated. Off by default. See http/trust-proxy.ts.
   */
  trustProxy?: string | number | false;
  /**
   * The one-time token of first-run setup, printed by `sift serve` at start-up while the
   * database has no account (services/setup.ts). Without it setup is refused.
   */
  setupToken?: string;
  /** The server runs the demo (`sift demo`): the sign-in page may show the demo's accounts. */
  demo?: boolean;
  /** The worker threads that read imported files, with their budget; defaults to the process's pool. */
  imports?: ImportPool;
}

export interface AppContext {
  db: Db;
  clock: Clock;
  uploadsDir: string;
  loginLimits?: Partial<LoginLimits>;
  setupToken?: string;
  demo?: boolean;
  /** Set by createApp; a context built by hand (route tests) leaves it out and gets the process's pool. */
  imports?: ImportPool;
}

/**
 * A strict Content-Security-Policy: scripts, styles and everything else only from our own
 * origin, no inline script or event-handler attributes, no plugins, no framing (so imported
 * titles carrying markup can never run, and the app cannot be clickjacked). Images may also
 * be data:/blob: URLs (charts and the PRISMA diagram rendered in the page).
 */
const CONTENT_SECURITY_POLICY = {
  useDefaults: false,
  directives: {
    defaultSrc: ["'self'"],
    scriptSrc: ["'self'"],
    scriptSrcAttr: ["'none'"],
    styleSrc: ["'self'"],
    imgSrc: ["'self'", 'data:', 'blob:'],
    fontSrc: ["'self'"],
    connectSrc: ["'self'"],
    objectSrc: ["'none'"],
    baseUri: ["'none'"],
    formAction: ["'self'"],
    frameAncestors: ["'none'"],
  },
};

const CLIENT_DIR = packagePath('client');

/** Builds the Express app without listening, so tests can drive it with supertest. */
export function createApp(deps: AppDeps): express.Express {
  const ctx: AppContext = {
    db: deps.db,
    clock: deps.clock ?? systemClock,
    uploadsDir: deps.uploadsDir ?? packagePath('data', 'uploads'),
    loginLimits: deps.loginLimits,
    setupToken: deps.setupToken,
    demo: deps.demo ?? false,
    imports: deps.imports ?? defaultImportPool(),
  };
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // req.ip and req.secure (the cookie's Secure flag and __Host- name) come from X-Forwarded-*
  // only when the proxy sending them is trusted.
  app.set('trust proxy', parseTrustProxy(deps.trustProxy));
  app.use(helmet({ contentSecurityPolicy: CONTENT_SECURITY_POLICY, frameguard: { action: 'deny' } }));
  app.use(cookieParser());
  app.use(express.json({ limit: '2mb' }));
  app.use('/api', authenticate(ctx));
  app.use('/api', apiRouter(ctx));
  app.use('/api', notFoundHandler);
  app.use(express.static(path.join(CLIENT_DIR, 'dist')));
  app.use(express.static(path.join(CLIENT_DIR, 'public')));
  app.use(errorHandler);
  return app;
}
