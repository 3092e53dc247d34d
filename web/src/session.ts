// Who is signed in, shared by every page. The session cookie itself is HttpOnly; the
// browser only keeps what /api/v1/hq/session answers, including the CSRF token.
import { reactive, computed } from 'vue';
import { api, ApiError, setCsrfToken } from './api';
import type { Campaign, Session } from './types';

interface State {
  session: Session | null;
  campaign: Campaign | null;
  checked: boolean;
  // Why the last check of the session got no answer (HQ down, a 5xx); null once it did.
  checkFailure: ApiError | null;
}

export const state = reactive<State>({ session: null, campaign: null, checked: false, checkFailure: null });

export const isHq = computed(() => state.session?.role === 'hq');
export const isLiaison = computed(() => state.session?.role === 'liaison');
// Liaisons use their own unit's follow-up pages; inspectors work on the tablet only.
export const consoleRoles = ['hq', 'leader', 'liaison'];

/** Where a role lands after sign-in (and on "/"). */
export function homeFor(role: string | undefined): string {
  return role === 'liaison' ? '/my' : '/progress';
}

export function adopt(session: Session | null): void {
  state.session = session;
  setCsrfToken(session?.csrf_token ?? '');
  if (!session) state.campaign = null;
}

/**
 * Restores a session after a reload; false when the browser is not signed in. Only HQ's
 * 401 means that: any other failure (HQ down, a 5xx, a dropped connection) throws, so a
 * passing network problem does not send someone whose session is still valid to sign-in.
 */
export async function restore(): Promise<boolean> {
  if (state.checked) return state.session !== null;
  try {
    adopt(await api.currentSession());
  } catch (e) {
    if (!(e instanceof ApiError && e.status === 401)) {
      state.checkFailure = e instanceof ApiError ? e : new ApiError(0, 'client', String(e));
      throw state.checkFailure;
    }
    adopt(null);
  }
  state.checkFailure = null;
  state.checked = true;
  return state.session !== null;
}

export async function loadCampaign(): Promise<Campaign | null> {
  if (!state.campaign) state.campaign = await api.get<Campaign>('/api/v1/hq/campaign');
  return state.campaign;
}

export async function signOut(): Promise<void> {
  try {
    await api.signOut();
  } finally {
    adopt(null);
  }
}
