// Autosave and crash recovery in the window (projects.autosave / recovery / discardRecovery in api.ts). Unsaved work
// is written to the recovery file `delayMs` after the last change and at once when a job's result arrives. The file
// is this window's while it has unsaved work: a save, or opening other work, makes it stale and it is deleted. At
// start a file left by a session that ended otherwise is offered; until the user answers, autosave waits, so the
// offered work is never overwritten unseen.
import { defineStore } from 'pinia';
import { ref, watch } from 'vue';
import { api } from '../api/client.ts';
import { messageOf } from '../api/errors.ts';
import { readPositiveNumber, settingKeys } from '../settings/localSettings.ts';
import { useDatasetsStore } from './datasets.ts';
import { useNoticesStore } from './notices.ts';
import { useProjectStore } from './project.ts';
import { useResultsStore } from './results.ts';

export interface RecoveryOffer {
  path: string;
  savedAt: string;
}

const defaultDelayMs = 30_000;

export const useRecoveryStore = defineStore('recovery', () => {
  const project = useProjectStore();
  const results = useResultsStore();
  const datasets = useDatasetsStore();
  const notices = useNoticesStore();

  const offer = ref<RecoveryOffer | null>(null);
  /** When this window last autosaved, for the toolbar. */
  const savedAt = ref<string | null>(null);
  const delayMs = readPositiveNumber(settingKeys.autosaveDelayMs, defaultDelayMs);
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ownsFile = false;
  let failureShown = false;
  // Calls run one after another, so a discard never races an autosave still being written.
  let queue: Promise<unknown> = Promise.resolve();

  function serial<T>(task: () => Promise<T>): Promise<T> {
    const next = queue.then(task, task);
    queue = next.catch(() => undefined);
    return next;
  }

  async function check() {
    const found = await notices.attempt('Could not look for unsaved work', () => api.invoke('projects.recovery', {}));
    if (found?.path && found.savedAt) offer.value = { path: found.path, savedAt: found.savedAt };
  }

  function schedule() {
    clearTimeout(timer);
    timer = setTimeout(() => void autosave(), delayMs);
  }

  function autosave(): Promise<void> {
    clearTimeout(timer);
    return serial(async () => {
      if (offer.value || !project.dirty || (!datasets.datasets.length && !results.analyses.length)) return;
      try {
        const saved = await api.invoke('projects.autosave', {
          analyses: results.analyses,
          datasetIds: datasets.datasets.map((d) => d.id),
        });
        savedAt.value = saved.savedAt;
        ownsFile = true;
        failureShown = false;
      } catch (error) {
        // Told once, not at every change, until an autosave works again.
        if (!failureShown) notices.error(`Autosave failed: ${messageOf(error)}`);
        failureShown = true;
      }
    });
  }

  function discardFile(): Promise<void> {
    ownsFile = false;
    savedAt.value = null;
    return serial(async () => {
      await notices.attempt('Could not delete the recovery file', () => api.invoke('projects.discardRecovery', {}));
    });
  }

  async function restore() {
    const current = offer.value;
    if (!current || !(await project.restore(current.path))) return;
    offer.value = null;
    ownsFile = true;
    savedAt.value = current.savedAt;
  }

  async function discard() {
    offer.value = null;
    await discardFile();
    if (project.dirty) schedule();
  }

  watch(
    () => project.revision,
    () => {
      if (project.dirty) schedule();
    },
  );
  // A new analysis is a finished job's result: worth keeping at once.
  watch(
    () => results.analyses.length,
    (count, before) => {
      if (count > before && project.dirty) void autosave();
    },
  );
  watch(
    () => project.dirty,
    (dirty) => {
      if (!dirty && ownsFile) void discardFile();
    },
  );

  return { offer, savedAt, check, autosave, restore, discard };
});
