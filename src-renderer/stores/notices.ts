// Non-blocking messages in the corner of the window: a failed call shows the backend's message there and the user
// carries on. Information fades after a few seconds; errors stay until dismissed or replaced by newer ones.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import { messageOf } from '../api/errors.ts';

export interface Notice {
  id: number;
  kind: 'error' | 'info';
  text: string;
}

const infoMs = 5000;
const maxShown = 4;

export const useNoticesStore = defineStore('notices', () => {
  const notices = ref<Notice[]>([]);
  let next = 1;

  function push(kind: Notice['kind'], text: string) {
    const notice = { id: next++, kind, text };
    notices.value = [...notices.value, notice].slice(-maxShown);
    if (kind === 'info') setTimeout(() => dismiss(notice.id), infoMs);
  }

  function dismiss(id: number) {
    notices.value = notices.value.filter((n) => n.id !== id);
  }

  /** Runs a call and reports its failure; resolves to undefined when it failed. */
  async function attempt<T>(what: string, call: () => Promise<T>): Promise<T | undefined> {
    try {
      return await call();
    } catch (error) {
      push('error', `${what}: ${messageOf(error)}`);
      return undefined;
    }
  }

  return {
    notices,
    error: (text: string) => push('error', text),
    info: (text: string) => push('info', text),
    dismiss,
    attempt,
  };
});
