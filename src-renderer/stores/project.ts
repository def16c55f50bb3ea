// The project file (.mixedml, project.ts): where it is, whether the window has unsaved work, and save / save as /
// open through projects.* with paths from the native dialog (Electron) or typed in a small modal (browser mode).
import { defineStore } from 'pinia';
import { computed, ref } from 'vue';
import { api } from '../api/client.ts';
import { useDatasetsStore } from './datasets.ts';
import { useModalsStore } from './modals.ts';
import { useNavigationStore } from './navigation.ts';
import { useNoticesStore } from './notices.ts';
import { useResultsStore } from './results.ts';
import { useStatusStore } from './status.ts';

const extension = '.mixedml';

export const useProjectStore = defineStore('project', () => {
  const datasets = useDatasetsStore();
  const results = useResultsStore();
  const modals = useModalsStore();
  const notices = useNoticesStore();
  const status = useStatusStore();
  const navigation = useNavigationStore();

  const path = ref<string | null>(null);
  const revision = computed(() => datasets.revision + results.revision);
  const savedRevision = ref(0);
  const dirty = computed(() => revision.value !== savedRevision.value);
  const name = computed(() => path.value?.split(/[/\\]/).pop() ?? 'Untitled project');

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
      api.invoke('projects.save', { path: target, analyses: results.analyses }),
    );
    if (!saved) return false;
    path.value = saved.path;
    savedRevision.value = at;
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

  async function open() {
    if (dirty.value) {
      const discard = await modals.confirm(
        'Unsaved changes',
        'The analyses and data of this window have changed since they were last saved. Open another project and lose them?',
        'Discard and open',
      );
      if (!discard) return;
    }
    const target = await choosePath('open');
    if (!target) return;
    const opened = await notices.attempt('Could not open the project', () =>
      api.invoke('projects.open', { path: target }),
    );
    if (!opened) return;
    datasets.replaceAll(opened.datasets);
    results.replaceAll(opened.analyses);
    path.value = opened.path;
    savedRevision.value = revision.value;
    navigation.go(results.fits.length ? 'results' : results.cvs.length ? 'compare' : 'data');
  }

  return { path, name, dirty, save, saveAs, open };
});
