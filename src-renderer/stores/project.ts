// The project file (.mixedml, project.ts): where it is, whether the window has unsaved work, and save / save as /
// open through projects.* with paths from the native dialog (Electron) or typed in a small modal (browser mode).
// The built-in example and recovered work open without a path of their own: saving them asks where.
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import type { ResponseOf } from '../../src-shared/api.ts';
import { api } from '../api/client.ts';
import { useDatasetsStore } from './datasets.ts';
import { useModalsStore } from './modals.ts';
import { useModelStore } from './model.ts';
import { useNavigationStore } from './navigation.ts';
import { useNoticesStore } from './notices.ts';
import { useRecentStore } from './recent.ts';
import { useResultsStore } from './results.ts';
import { useStatusStore } from './status.ts';

const extension = '.mixedml';

type Opened = ResponseOf<'projects.open'>;

/** How an opened project is kept: under its own path, or untitled with a name (the example, recovered work). */
interface Adopt {
  path: string | null;
  title: string | null;
  /** Recovered work has never been saved: it stays unsaved until it is. */
  dirty: boolean;
}

export const useProjectStore = defineStore('project', () => {
  const datasets = useDatasetsStore();
  const results = useResultsStore();
  const model = useModelStore();
  const modals = useModalsStore();
  const notices = useNoticesStore();
  const status = useStatusStore();
  const navigation = useNavigationStore();
  const recent = useRecentStore();

  const path = ref<string | null>(null);
  const title = ref<string | null>(null);
  const revision = computed(() => datasets.revision + results.revision);
  const savedRevision = ref(0);
  const dirty = computed(() => revision.value !== savedRevision.value);
  const name = computed(() => title.value ?? path.value?.split(/[/\\]/).pop() ?? 'Untitled project');

  /** Browser mode has no native dialog: the contract's `path: null`, known in advance from the status. */
  async function choosePath(purpose: 'open' | 'save'): Promise<string | null> {
    if ((await status.mode()) !== 'browser') {
      const chosen = await notices.attempt('The file dialog failed', () =>
        purpose === 'open'
          ? api.invoke('dialogs.openFile', { purpose: 'project' })
          : api.invoke('dialogs.saveFile', {
              purpose: 'project',
              defaultName: name.value.replace(/(\.mixedml)?$/, extension),
            }),
      );
      if (chosen?.path) return chosen.path;
      if (chosen) return null;
    }
    const typed = await modals.askPath(
      purpose === 'open' ? 'Open project' : 'Save project as',
      'The full path of the project file on this computer, for example /home/me/study.mixedml.',
      path.value ?? '',
    );
    if (!typed) return null;
    return purpose === 'save' && !typed.endsWith(extension) ? typed + extension : typed;
  }

  async function write(target: string) {
    const at = revision.value;
    const saved = await notices.attempt('Could not save the project', () =>
      api.invoke('projects.save', {
        path: target,
        analyses: results.analyses,
        datasetIds: datasets.datasets.map((d) => d.id),
      }),
    );
    if (!saved) return false;
    path.value = saved.path;
    title.value = null;
    savedRevision.value = at;
    recent.add('project', saved.path);
    notices.info(`Saved ${saved.path}`);
    return true;
  }

  async function saveAs() {
    const target = await choosePath('save');
    return target ? write(target) : false;
  }

  function save() {
    return path.value ? write(path.value) : saveAs();
  }

  /** True when there is nothing unsaved, or the user agrees to lose it. */
  async function confirmDiscard(): Promise<boolean> {
    if (!dirty.value) return true;
    return modals.confirm(
      'Unsaved changes',
      'The analyses and data of this window have changed since they were last saved. Open another project and lose them?',
      'Discard and open',
    );
  }

  async function load(what: string, call: () => Promise<Opened>, adopt: Adopt): Promise<boolean> {
    const opened = await notices.attempt(what, call);
    if (!opened) return false;
    // The data of the latest analysis are what the user last worked on.
    const latest = opened.analyses.reduce<Opened['analyses'][number] | undefined>(
      (last, a) => (!last || a.createdAt >= last.createdAt ? a : last),
      undefined,
    );
    datasets.replaceAll(opened.datasets, latest?.datasetId);
    results.replaceAll(opened.analyses);
    path.value = adopt.path;
    title.value = adopt.title;
    savedRevision.value = adopt.dirty ? -1 : revision.value;
    navigation.go(results.fits.length ? 'results' : results.cvs.length ? 'compare' : 'data');
    return true;
  }

  /** Opens a project by its path (the Recent menu); one that no longer opens leaves the list. */
  async function openPath(target: string): Promise<boolean> {
    if (!(await confirmDiscard())) return false;
    const opened = await load('Could not open the project', () => api.invoke('projects.open', { path: target }), {
      path: target,
      title: null,
      dirty: false,
    });
    if (opened) recent.add('project', target);
    else recent.drop('project', target);
    return opened;
  }

  async function open() {
    if (!(await confirmDiscard())) return;
    const target = await choosePath('open');
    if (!target) return;
    const opened = await load('Could not open the project', () => api.invoke('projects.open', { path: target }), {
      path: target,
      title: null,
      dirty: false,
    });
    if (opened) recent.add('project', target);
  }

  /** The built-in example (read-only where it is installed), its model loaded into the builder to show how it is made. */
  async function openExample(): Promise<boolean> {
    if (!(await confirmDiscard())) return false;
    const opened = await load('Could not open the example', () => api.invoke('projects.example', {}), {
      path: null,
      title: 'Example project',
      dirty: false,
    });
    const example = results.fits[0];
    if (opened && example) model.load(example.spec);
    return opened;
  }

  /** Work an autosave kept (stores/recovery.ts): opened untitled and unsaved. */
  async function restore(recoveryPath: string): Promise<boolean> {
    if (!(await confirmDiscard())) return false;
    return load('Could not restore the unsaved work', () => api.invoke('projects.open', { path: recoveryPath }), {
      path: null,
      title: 'Recovered work',
      dirty: true,
    });
  }

  return { path, name, revision, dirty, save, saveAs, open, openPath, openExample, restore };
});
