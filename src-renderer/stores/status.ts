// What the backend is: app version, transport mode and the TensorFlow.js backend in use.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Status } from '../../src-shared/api.ts';
import { api } from '../api/client.ts';

export const useStatusStore = defineStore('status', () => {
  const status = ref<Status>();
  const error = ref<string>();
  let loading: Promise<void> | undefined;

  function load() {
    loading = (async () => {
      try {
        status.value = await api.invoke('status', {});
        error.value = undefined;
      } catch (e) {
        error.value = e instanceof Error ? e.message : String(e);
      }
    })();
    return loading;
  }

  /** The transport mode once the status has arrived: file dialogs differ between Electron and browser mode. */
  async function mode(): Promise<Status['mode'] | undefined> {
    await (loading ?? load());
    return status.value?.mode;
  }

  return { status, error, load, mode };
});
