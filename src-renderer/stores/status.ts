// What the backend is: app version, transport mode and the TensorFlow.js backend in use.
import { defineStore } from 'pinia';
import { ref } from 'vue';
import type { Status } from '../../src-shared/api.ts';
import { api } from '../api/client.ts';

export const useStatusStore = defineStore('status', () => {
  const status = ref<Status>();
  const error = ref<string>();

  async function load() {
    try {
      status.value = await api.invoke('status', {});
      error.value = undefined;
    } catch (e) {
      error.value = e instanceof Error ? e.message : String(e);
    }
  }

  return { status, error, load };
});
