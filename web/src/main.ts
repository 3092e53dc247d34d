import { createApp } from 'vue';
import App from './App.vue';
import { router } from './router';
import { i18n } from './i18n';
import { installElement } from './element';
import { setUnauthorizedHandler } from './api';
import { adopt, state } from './session';
import './style.css';

// A 401 from any endpoint means the session ended (expired or signed out elsewhere):
// forget it and go back to sign-in, keeping where the person was.
setUnauthorizedHandler(() => {
  if (!state.session && router.currentRoute.value.name === 'signin') return;
  adopt(null);
  const current = router.currentRoute.value;
  if (current.name !== 'signin') {
    void router.replace({ name: 'signin', query: { redirect: current.fullPath, expired: '1' } });
  }
});

const app = createApp(App);
installElement(app);
app.use(i18n);
app.use(router);
app.mount('#app');
