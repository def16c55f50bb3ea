// Native open/save dialogs behind the `dialogs.*` methods of api.ts (elsewhere those answer null and the window asks
// for a path itself).
import { BrowserWindow, dialog, type FileFilter } from 'electron';
import type { Handlers } from '../services/services.ts';

const filters: Record<'data' | 'project' | 'export', FileFilter[]> = {
  data: [
    { name: 'Data files', extensions: ['csv', 'tsv', 'txt', 'dat', 'xlsx', 'sav', 'zsav', 'dta'] },
    { name: 'All files', extensions: ['*'] },
  ],
  project: [{ name: 'mixedML project', extensions: ['mixedml'] }],
  export: [{ name: 'All files', extensions: ['*'] }],
};

export const nativeDialogs: Pick<Handlers, 'dialogs.openFile' | 'dialogs.saveFile'> = {
  async 'dialogs.openFile'({ purpose }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { properties: ['openFile' as const], filters: filters[purpose] };
    const result = window ? await dialog.showOpenDialog(window, options) : await dialog.showOpenDialog(options);
    return { path: result.canceled ? null : (result.filePaths[0] ?? null) };
  },
  async 'dialogs.saveFile'({ purpose, defaultName }) {
    const window = BrowserWindow.getFocusedWindow();
    const options = { defaultPath: defaultName, filters: filters[purpose] };
    const result = window ? await dialog.showSaveDialog(window, options) : await dialog.showSaveDialog(options);
    return { path: result.canceled ? null : (result.filePath ?? null) };
  },
};
