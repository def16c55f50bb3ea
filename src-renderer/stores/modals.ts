// In-window questions that wait for an answer without blocking the page (window.confirm/prompt would): "discard
// unsaved changes?" and, in browser mode where there is no native file dialog, "which path?". One at a time;
// ModalHost.vue shows them.
import { defineStore } from 'pinia';
import { shallowRef } from 'vue';

export type Question =
  | { kind: 'confirm'; title: string; message: string; confirmLabel: string; answer: (ok: boolean) => void }
  | { kind: 'path'; title: string; message: string; initial: string; answer: (path: string | null) => void };

export const useModalsStore = defineStore('modals', () => {
  const question = shallowRef<Question | null>(null);

  function confirm(title: string, message: string, confirmLabel: string): Promise<boolean> {
    return new Promise((resolve) => {
      question.value = { kind: 'confirm', title, message, confirmLabel, answer: close(resolve) };
    });
  }

  function askPath(title: string, message: string, initial: string): Promise<string | null> {
    return new Promise((resolve) => {
      question.value = { kind: 'path', title, message, initial, answer: close(resolve) };
    });
  }

  function close<T>(resolve: (value: T) => void) {
    return (value: T) => {
      question.value = null;
      resolve(value);
    };
  }

  return { question, confirm, askPath };
});
