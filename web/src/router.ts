import { createRouter, createWebHistory } from 'vue-router';
import { consoleRoles, restore, state } from './session';

// Client routes; onsite-hq answers index.html for any of them (history mode).
export const router = createRouter({
  history: createWebHistory(),
  routes: [
    { path: '/', redirect: '/progress' },
    { path: '/signin', name: 'signin', component: () => import('./pages/SignInPage.vue'), meta: { public: true } },
    { path: '/progress', name: 'progress', component: () => import('./pages/ProgressPage.vue') },
    { path: '/results', name: 'results', component: () => import('./pages/ResultsPage.vue') },
    { path: '/units/:code', name: 'unit', component: () => import('./pages/UnitPage.vue'), props: true },
    { path: '/charts', name: 'charts', component: () => import('./pages/ChartsPage.vue') },
    { path: '/findings', name: 'findings', component: () => import('./pages/FindingsPage.vue') },
    { path: '/highlights', name: 'highlights', component: () => import('./pages/HighlightsPage.vue') },
    { path: '/integrity', name: 'integrity', component: () => import('./pages/IntegrityPage.vue') },
    { path: '/publish', name: 'publish', component: () => import('./pages/PublishPage.vue') },
    { path: '/:rest(.*)*', redirect: '/progress' },
  ],
});

router.beforeEach(async (to) => {
  if (to.meta.public) return true;
  const signedIn = await restore();
  if (!signedIn || !consoleRoles.includes(state.session!.role)) {
    return { name: 'signin', query: to.fullPath !== '/progress' ? { redirect: to.fullPath } : {} };
  }
  return true;
});
