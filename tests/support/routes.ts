import { METHODS } from 'node:http';
import express from 'express';

/**
 * The one route reader the sweeps share (authorisation, blinding, and any later sweep that
 * must hold on every route). It walks a router's stack as Express 5 (router 2.x) keeps it:
 * route layers whose `route.path` may be an ARRAY of patterns, and nested routers mounted
 * with `use`, at '/' or under a path. Reading only string paths once dropped every
 * screening route from the sweeps without any test noticing, so the reader is checked
 * against an independent count: `readRoutesCounted` records every route registered while
 * the app is built (by watching Route's method registrations, not the stack) and refuses
 * to answer with fewer routes than were registered.
 */

export interface RouteInfo {
  /** Upper case, e.g. 'GET'; 'ALL' for a route registered with `.all()`. */
  method: string;
  /** The full pattern as the app serves it, mount paths included, e.g. '/api/projects/:projectId'. */
  path: string;
}

/** What the walk needs of router 2.x internals (not typed by @types/express). */
interface LayerLike {
  route?: { path: unknown; methods: Record<string, boolean | undefined> };
  handle?: { stack?: unknown };
  /** the pattern a `use` layer was mounted at (router ≥ 2.3) */
  rawPath?: unknown;
  /** true for a `use` layer mounted at '/' */
  slash?: boolean;
}

/** A route's or mount's pattern(s) as strings; array paths (nested, as router flattens them) expand. */
function patterns(path: unknown, where: string): string[] {
  const all = Array.isArray(path) ? (path as unknown[]).flat(Infinity) : [path];
  for (const p of all) {
    if (typeof p !== 'string') {
      throw new Error(
        `routes reader: ${where} has a non-string pattern ${String(p)}; teach tests/support/routes.ts to read it`,
      );
    }
  }
  return all as string[];
}

function join(prefix: string, path: string): string {
  if (path === '/' && prefix !== '') return prefix;
  return prefix + path;
}

function methodsOf(methods: Record<string, boolean | undefined>): string[] {
  return Object.keys(methods)
    .filter((m) => methods[m])
    .map((m) => (m === '_all' ? 'ALL' : m.toUpperCase()));
}

function mountPaths(layer: LayerLike): string[] {
  if (layer.slash) return [''];
  if (layer.rawPath === undefined) {
    throw new Error(
      'routes reader: a nested router is mounted at a path this version of Express does not expose',
    );
  }
  return patterns(layer.rawPath, 'a mounted router').map((p) => (p === '/' ? '' : p.replace(/\/$/, '')));
}

interface Reading extends RouteInfo {
  /** the Route object the entry came from, to check it against the registrations */
  from: object;
}

function walk(router: unknown, prefix: string): Reading[] {
  const stack = (router as { stack?: unknown }).stack;
  if (!Array.isArray(stack)) throw new Error('routes reader: not a router (no stack)');
  return (stack as LayerLike[]).flatMap((layer): Reading[] => {
    const route = layer.route;
    if (route) {
      const methods = methodsOf(route.methods);
      return patterns(route.path, 'a route').flatMap((path) =>
        methods.map((method) => ({ method, path: join(prefix, path), from: route })),
      );
    }
    if (layer.handle && Array.isArray(layer.handle.stack)) {
      return mountPaths(layer).flatMap((mount) => walk(layer.handle, prefix + mount));
    }
    return []; // plain middleware
  });
}

const VERBS = [...METHODS.map((m) => m.toLowerCase()), 'all'];

/**
 * Runs `build` while counting the routes it registers on any router: every call of a Route's
 * verb method (`router.get(...)`, `router.route(p).post(...)`, `app.delete(...)` all end
 * there) adds one route per pattern of that Route. Nothing here reads a router's stack.
 */
export function countRegistrations<T>(build: () => T): {
  built: T;
  registered: number;
  /** each registered Route and how many (method, pattern) routes it makes */
  perRoute: Map<object, { path: unknown; count: number }>;
} {
  // express.Route is router's Route class (exported at run time, not in @types/express).
  const proto = (
    express as unknown as { Route: { prototype: Record<string, (...args: unknown[]) => unknown> } }
  ).Route.prototype;
  const seen = new Map<object, Set<string>>();
  const originals = new Map<string, (...args: unknown[]) => unknown>();
  for (const verb of VERBS) {
    const original = proto[verb];
    if (typeof original !== 'function') continue;
    originals.set(verb, original);
    proto[verb] = function (this: object, ...args: unknown[]) {
      seen.set(this, (seen.get(this) ?? new Set<string>()).add(verb));
      return original.apply(this, args);
    };
  }
  try {
    const built = build();
    const perRoute = new Map<object, { path: unknown; count: number }>();
    for (const [route, verbs] of seen) {
      const path = (route as { path: unknown }).path;
      const count = Array.isArray(path) ? (path as unknown[]).flat(Infinity).length : 1;
      perRoute.set(route, { path, count: count * verbs.size });
    }
    const registered = [...perRoute.values()].reduce((sum, r) => sum + r.count, 0);
    return { built, registered, perRoute };
  } finally {
    for (const [verb, original] of originals) proto[verb] = original;
  }
}

/**
 * Builds with `build`, reads the routes of what `routerOf` returns (an Express app's
 * `app.router`, or a Router: one entry per method and per pattern, in the order the router
 * tries them), and throws when the reader sees fewer routes than were registered, in total
 * or of any one registration (a router mounted twice must not hide a route lost elsewhere):
 * a sweep over these routes can then never shrink silently (a new kind of path, a router
 * left unmounted, a change in Express).
 */
export function readRoutesCounted<T>(
  build: () => T,
  routerOf: (built: T) => unknown,
  prefix = '',
): { built: T; routes: RouteInfo[] } {
  const { built, registered, perRoute } = countRegistrations(build);
  const readings = walk(routerOf(built), prefix);
  const missed = [...perRoute].flatMap(([route, { path, count }]) => {
    const read = readings.filter((r) => r.from === route).length;
    return read < count ? [`${JSON.stringify(path)} (read ${read} of ${count})`] : [];
  });
  if (readings.length < registered || missed.length > 0) {
    throw new Error(
      `routes reader saw ${readings.length} routes but ${registered} were registered; ` +
        `missed: ${missed.join(', ')} (see tests/support/routes.ts)`,
    );
  }
  return { built, routes: readings.map(({ method, path }) => ({ method, path })) };
}

/**
 * A concrete URL for a route pattern: each `:name` replaced from `params`. A parameter with
 * no value, or a pattern feature the sweeps do not fill (wildcards, optional groups), throws,
 * so a sweep never sends a mis-built URL that answers 404 and checks nothing.
 */
export function fillPath(path: string, params: Record<string, string | number>): string {
  if (/[*{}]/.test(path))
    throw new Error(`fillPath: ${path} has a wildcard or optional part; fill it by hand`);
  return path.replace(/:([A-Za-z_$][A-Za-z0-9_$]*)/g, (_, name: string) => {
    const value = params[name];
    if (value === undefined) throw new Error(`fillPath: no value for :${name} in ${path}`);
    return encodeURIComponent(String(value));
  });
}

/** True for the answer of the app's fallback 404 (server/http/errors.ts): the URL matched no route. */
export function isUnrouted(res: { status: number; body?: unknown }): boolean {
  const message = (res.body as { error?: { message?: unknown } } | undefined)?.error?.message;
  return res.status === 404 && typeof message === 'string' && message.startsWith('no route for ');
}
