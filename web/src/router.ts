import { createRouter, createWebHistory, type RouteRecordRaw } from 'vue-router';
import { consoleRoles, homeFor, restore, state } from './session';

// Who may open a page; the server decides again on every request.
const office = ['hq', 'leader'];
const everyone = ['hq', 'leader', 'liaison'];
const page = (path: string, name: string, component: RouteRecordRaw['component'], roles: string[], props = false): RouteRecordRaw =>
  ({ path, name, component, props, meta: { roles } }) as RouteRecordRaw;

// Client routes; onsite-hq answers index.html for any of them (history mode).
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', name: 'home', component: { render: () => null } },
    { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
    { path: '/unreachable', name: 'unreachable', component: () => import('./pages/UnreachablePage.vue'), meta: { public: true } },
    page('/progress', 'progress', () => import('./pages/ProgressPage.vue'), office),
    page('/results', 'results', () => import('./pages/ResultsPage.vue'), office),
    page('/units/:code', 'unit', () => import('./pages/UnitPage.vue'), office, true),
    page('/charts', 'charts', () => import('./pages/ChartsPage.vue'), office),
    page('/findings', 'findings', () => import('./pages/FindingsPage.vue'), office),
    page('/highlights', 'highlights', () => import('./pages/HighlightsPage.vue'), office),
    page('/integrity', 'integrity', () => import('./pages/IntegrityPage.vue'), office),
    page('/publish', 'publish', () => import('./pages/PublishPage.vue'), office),
    page('/followup/board', 'followup-board', () => import('./followup/pages/BoardPage.vue'), office),
    page('/followup/releases', 'followup-releases', () => import('./followup/pages/ReleasesPage.vue'), ['hq']),
    page('/followup/items', 'followup-ledger', () => import('./followup/pages/LedgerPage.vue'), office),
    page('/followup/verify', 'followup-verify', () => import('./followup/pages/VerifyQueuePage.vue'), ['hq']),
    page('/followup/items/:id', 'followup-item', () => import('./followup/pages/ItemPage.vue'), everyone, true),
    page('/experiences', 'experiences', () => import('./followup/pages/ExperiencesPage.vue'), everyone),
    page('/innovations', 'innovations', () => import('./followup/pages/InnovationsPage.vue'), everyone),
    page('/demo-sites', 'demo-sites', () => import('./followup/pages/DemoSitesPage.vue'), everyone),
    page('/my', 'my-items', () => import('./followup/pages/MyItemsPage.vue'), ['liaison']),
    page('/my/results', 'my-results', () => import('./followup/pages/MyResultsPage.vue'), ['liaison']),
    { path: '/:rest(.*)*', redirect: '/' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  let signedIn: boolean;
  try {
    signedIn = await restore();
  } catch {
    // Whether this browser is signed in is not known yet: say so and try again from there.
    return { name: 'unreachable', query: { redirect: to.fullPath } };
  }
  if (!signedIn || !consoleRoles.includes(state.session!.role)) {
    return { name: 'signin', query: to.name !== 'home' ? { redirect: to.fullPath } : {} };
  }
  const roles = to.meta.roles as string[] | undefined;
  if (to.name === 'home' || (roles && !roles.includes(state.session!.role))) return homeFor(state.session!.role);
  return true;
});

// A page's code is fetched on its first visit. When that fails (HQ was upgraded since this
// tab opened and the old file names are gone, or the connection dropped), the click would
// otherwise do nothing at all: load the page afresh instead, once per target, so a file
// that is really missing shows the browser's error rather than reloading for ever.
const reloadedKey = 'onsite.reloadedFor';
const chunkFailure = /dynamically imported module|Importing a module script failed|Unable to preload CSS/i;
router.onError((error: unknown, to) => {
  if (!chunkFailure.test(String((error as Error)?.message ?? error))) return;
  if (sessionStorage.getItem(reloadedKey) === to.fullPath) return;
  sessionStorage.setItem(reloadedKey, to.fullPath);
  window.location.assign(to.fullPath);
});
router.afterEach((_to, _from, failure) => {
  if (!failure) sessionStorage.removeItem(reloadedKey);
});
