// A clock for elapsed times: a ref of Date.now() that ticks while the component lives.
import { onScopeDispose, ref } from 'vue';

export function useNow(intervalMs = 1000) {
  const now = ref(Date.now());
  const timer = setInterval(() => (now.value = Date.now()), intervalMs);
  onScopeDispose(() => clearInterval(timer));
  return now;
}
