/** A hash router: #/projects/3/screening → the page registered for /projects/:id/screening. */
export type Params = Record<string, string>;
export type Page = (root: HTMLElement, params: Params) => void | Promise<void>;

interface Route {
  pattern: RegExp;
  keys: string[];
  page: Page;
}

const routes: Route[] = [];

export function route(path: string, page: Page): void {
  const keys: string[] = [];
  const pattern = new RegExp(
    '^' +
      path.replace(/\/:([a-zA-Z]+)/g, (_m, key: string) => {
        keys.push(key);
        return '/([^/]+)';
      }) +
      '$',
  );
  routes.push({ pattern, keys, page });
}

export function navigate(path: string): void {
  if (location.hash === `#${path}`) void render();
  else location.hash = path;
}

export function currentPath(): string {
  return location.hash.replace(/^#/, '') || '/';
}

/** Goes to sign in, remembering the page asked for (`#/login?next=…`) so signing in leads back to it. */
export function signInThenReturn(): void {
  const here = currentPath();
  navigate(here === '/' || here.startsWith('/login') ? '/login' : `/login?next=${encodeURIComponent(here)}`);
}

/** Where signing in leads: the page asked for while signed out (a path of this app only), else the reviews. */
export function afterSignIn(): string {
  const next = new URLSearchParams(currentPath().split('?')[1] ?? '').get('next');
  return next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/login')
    ? next
    : '/projects';
}

let outlet: HTMLElement | null = null;
let onRender: ((path: string) => void) | null = null;
let onError: ((error: unknown, root: HTMLElement) => void) | null = null;

export function startRouter(
  root: HTMLElement,
  afterRender: (path: string) => void,
  pageFailed: (error: unknown, root: HTMLElement) => void,
): void {
  outlet = root;
  onRender = afterRender;
  onError = pageFailed;
  window.addEventListener('hashchange', () => void render());
  void render();
}

async function render(): Promise<void> {
  if (!outlet) return;
  // A query after the path (#/projects/1/dedup?status=merged) is the page's own business.
  const path = currentPath().split('?')[0] ?? '/';
  for (const r of routes) {
    const match = r.pattern.exec(path);
    if (!match) continue;
    const params: Params = {};
    r.keys.forEach((key, i) => (params[key] = decodeURIComponent(match[i + 1] ?? '')));
    outlet.replaceChildren();
    try {
      await r.page(outlet, params);
      onRender?.(path);
    } catch (error) {
      onError?.(error, outlet);
    }
    return;
  }
  navigate('/');
}
