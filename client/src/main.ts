// Entry point of the browser client; it talks to the JSON API only.
import { ApiError } from './api';
import { h, mount } from './dom';
import { accountPage } from './pages/account';
import { adminPage } from './pages/admin';
import { appraisalPage } from './pages/appraisal';
import { codebookPage } from './pages/codebook';
import { codingPage } from './pages/coding';
import { conflictsPage } from './pages/conflicts';
import { dashboardPage } from './pages/dashboard';
import { dedupPage } from './pages/dedup';
import { fulltextPage } from './pages/fulltext';
import { importPage } from './pages/import';
import { invitePage } from './pages/invite';
import { loginPage } from './pages/login';
import { prismaPage } from './pages/prisma';
import { reportPage } from './pages/report';
import { projectsPage } from './pages/projects';
import { recordPage } from './pages/record';
import { recordsPage } from './pages/records';
import { resetPage } from './pages/reset';
import { screeningPage } from './pages/screening';
import { settingsPage } from './pages/settings';
import { setupPage } from './pages/setup';
import { synthesisPage } from './pages/synthesis';
import { currentPath, navigate, route, signInThenReturn, startRouter } from './router';
import { currentUser, loadSession } from './session';

route('/login', loginPage);
route('/setup', setupPage);
route('/setup/:token', setupPage);
route('/reset/:token', resetPage);
route('/invite/:token', invitePage);
route('/account', accountPage);
route('/admin', adminPage);
route('/', () => navigate(currentUser() ? '/projects' : '/login'));
route('/projects', projectsPage);
route('/projects/:projectId', dashboardPage);
route('/projects/:projectId/import', importPage);
route('/projects/:projectId/records', recordsPage);
route('/projects/:projectId/records/:recordId', recordPage);
route('/projects/:projectId/dedup', dedupPage);
route('/projects/:projectId/screening', screeningPage);
route('/projects/:projectId/screening/:stage', screeningPage);
route('/projects/:projectId/conflicts', conflictsPage);
route('/projects/:projectId/conflicts/:stage', conflictsPage);
route('/projects/:projectId/fulltext', fulltextPage);
route('/projects/:projectId/coding', codingPage);
route('/projects/:projectId/coding/:recordId', codingPage);
route('/projects/:projectId/codebook', codebookPage);
route('/projects/:projectId/synthesis', synthesisPage);
route('/projects/:projectId/appraisal', appraisalPage);
route('/projects/:projectId/appraisal/:recordId', appraisalPage);
route('/projects/:projectId/prisma', prismaPage);
route('/projects/:projectId/report', reportPage);
route('/projects/:projectId/settings', settingsPage);

/** Pages for someone not signed in: sign-in, first-run setup, and the one-time links. */
function isPublicPath(path: string): boolean {
  return /^\/(login|setup)(\/|$)|^\/(reset|invite)\//.test(path);
}

/** After each page change, focus its heading so keyboard and screen-reader users land on it. */
function focusHeading(): void {
  const heading = document.querySelector<HTMLElement>('#content h1, main h1');
  if (heading) {
    heading.tabIndex = -1;
    heading.focus({ preventScroll: true });
  }
}

/** A page that fails to load: a lost session goes back to sign-in; anything else is said plainly. */
function showFailure(error: unknown, root: HTMLElement): void {
  if (error instanceof ApiError && error.status === 401) {
    signInThenReturn();
    return;
  }
  const message = error instanceof ApiError ? error.message : 'Something went wrong loading this page.';
  mount(
    root,
    h('h1', {}, 'Sift'),
    h('p', { role: 'alert', class: 'error' }, message),
    h('p', {}, h('a', { href: '#/projects' }, 'Back to reviews')),
  );
}

const root = document.getElementById('app');
if (root) {
  loadSession()
    .then(() => {
      // a page asked for while signed out is kept, and opened after signing in
      if (!currentUser() && !isPublicPath(currentPath())) signInThenReturn();
      startRouter(root, focusHeading, showFailure);
    })
    .catch((error: unknown) => {
      mount(root, h('h1', {}, 'Sift'), h('p', { role: 'alert' }, `Sift could not start: ${String(error)}`));
    });
}
