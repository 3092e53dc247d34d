import { onBeforeUnmount, onMounted, ref, shallowRef, type Ref } from 'vue';
import { ApiError } from './api';

export interface Loader<T> {
  data: Ref<T | null>;
  error: Ref<ApiError | null>;
  loading: Ref<boolean>;
  reload: () => Promise<void>;
}

/** Loads one answer of the API and keeps its state for <LoadState>. */
export function useLoader<T>(fetcher: () => Promise<T>, immediate = true): Loader<T> {
  const data = shallowRef<T | null>(null) as Ref<T | null>;
  const error = shallowRef<ApiError | null>(null);
  const loading = ref(false);
  let generation = 0;
  async function reload(): Promise<void> {
    const mine = ++generation;
    loading.value = true;
    try {
      const answer = await fetcher();
      if (mine !== generation) return;
      data.value = answer;
      error.value = null;
    } catch (e) {
      if (mine !== generation) return;
      error.value = e instanceof ApiError ? e : new ApiError(0, 'client', String(e));
    } finally {
      if (mine === generation) loading.value = false;
    }
  }
  if (immediate) onMounted(reload);
  return { data, error, loading, reload };
}

/** Phone layout below 768 px: the menu becomes a drawer, tables scroll or become cards. */
export function useNarrow(): Ref<boolean> {
  const query = window.matchMedia('(max-width: 767px)');
  const narrow = ref(query.matches);
  const update = () => (narrow.value = query.matches);
  onMounted(() => query.addEventListener('change', update));
  onBeforeUnmount(() => query.removeEventListener('change', update));
  return narrow;
}

/** Calls fn every `ms` while the page is open and visible. */
export function useInterval(fn: () => void, ms: number): void {
  let timer: number | undefined;
  onMounted(() => {
    timer = window.setInterval(() => {
      if (document.visibilityState === 'visible') fn();
    }, ms);
  });
  onBeforeUnmount(() => window.clearInterval(timer));
}
