// Electron entry: one sandboxed window on the built renderer, services bound over IPC. Everything else lives in
// services/ and the engine, shared with browser mode and the CLI.
import { app, BrowserWindow, dialog, Menu, session, shell } from 'electron';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { ApiEvent } from '../../src-shared/api.ts';
import { contentSecurityPolicy } from '../../src-shared/csp.ts';
import { makeServices } from '../services/services.ts';
import workerPath from '../jobs/fit.worker.ts?modulePath';
import { nativeDialogs } from './dialogs.ts';
import { bindIpc } from './ipc.ts';
import { buildMenu } from './menu.ts';
import { printReportPdf } from './reportPdf.ts';

const rendererFile = join(import.meta.dirname, '../renderer/index.html');

/** The renderer's own page: the dev server in development, the built index.html otherwise. */
export function isAppUrl(url: string): boolean {
  const dev = process.env.ELECTRON_RENDERER_URL;
  return dev ? url.startsWith(dev) : url.startsWith(pathToFileURL(rendererFile).href);
}

function createWindow(): BrowserWindow {
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    show: false,
    title: 'mixedML Studio',
    webPreferences: {
      preload: join(import.meta.dirname, '../preload/preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
    },
  });
  window.once('ready-to-show', () => window.show());
  // The window's beforeunload asks to stay while work is unsaved; Electron shows no prompt of its own, so ask here
  // and let the window go (preventDefault) only when the user chooses to discard.
  window.webContents.on('will-prevent-unload', (event) => {
    const choice = dialog.showMessageBoxSync(window, {
      type: 'question',
      buttons: ['Discard changes', 'Cancel'],
      defaultId: 1,
      cancelId: 1,
      title: 'Unsaved changes',
      message: 'Discard unsaved changes?',
      detail: 'The analyses and data of this window have changed since they were last saved.',
    });
    if (choice === 0) event.preventDefault();
  });
  // Links open in the user's browser (web pages only), never inside the app window; the window never navigates away
  // from the app (a file dropped outside a drop zone would otherwise load with the privileged preload).
  window.webContents.setWindowOpenHandler(({ url }) => {
    if (url.startsWith('https://')) void shell.openExternal(url);
    return { action: 'deny' };
  });
  window.webContents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  window.webContents.on('will-attach-webview', (event) => event.preventDefault());
  if (process.env.ELECTRON_RENDERER_URL) void window.loadURL(process.env.ELECTRON_RENDERER_URL);
  else void window.loadFile(rendererFile);
  return window;
}

// A .mixedml file opened from the file manager: on Windows and Linux it is an argument, on macOS an `open-file` event
// that can come before the app is ready. The window asks for it once it has loaded (app.launchFile), and again when
// told to (`openLaunched`) for a file given while the app runs.
const projectArgument = (argv: string[]) => argv.slice(1).find((arg) => arg.toLowerCase().endsWith('.mixedml'));
let launchFile: string | null = projectArgument(process.argv) ?? null;
function focusWindow(): BrowserWindow | undefined {
  const window = BrowserWindow.getAllWindows()[0];
  if (window?.isMinimized()) window.restore();
  window?.focus();
  return window;
}
function launch(path: string): void {
  launchFile = path;
  const window = focusWindow();
  if (window) {
    const event: ApiEvent = { type: 'menu', command: 'openLaunched' };
    window.webContents.send('api:event', event);
  } else if (app.isReady()) {
    // macOS keeps the app running without windows: a new one asks for the file when it has loaded.
    createWindow();
  }
}
function takeLaunchFile(): string | null {
  const path = launchFile;
  launchFile = null;
  return path;
}
app.on('open-file', (event, path) => {
  event.preventDefault();
  launch(path);
});

// One app per user: a second launch (a project double-clicked while the app runs) hands its file to this one and
// quits, rather than running a second app over the same recovery file.
// Electron may reorder or add to the second launch's argv, so its file also travels as the lock's additional data.
const primary = app.requestSingleInstanceLock({ file: launchFile });
if (!primary) app.quit();
app.on('second-instance', (_event, argv, _cwd, data) => {
  const path = (data as { file?: string | null } | undefined)?.file ?? projectArgument(argv);
  if (path) launch(path);
  else focusWindow();
});

void app.whenReady().then(() => {
  if (!primary) return;
  session.defaultSession.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: { ...details.responseHeaders, 'Content-Security-Policy': [contentSecurityPolicy] },
    });
  });
  const services = makeServices({
    mode: 'electron',
    workerEntry: workerPath,
    dialogs: nativeDialogs,
    launchFile: takeLaunchFile,
    printPdf: printReportPdf,
    appDataDir: app.getPath('userData'),
  });
  bindIpc(services, () => BrowserWindow.getAllWindows().map((w) => w.webContents), isAppUrl);
  app.on('will-quit', () => void services.close());
  Menu.setApplicationMenu(buildMenu());
  createWindow();
  app.on('activate', () => {
    if (BrowserWindow.getAllWindows().length === 0) createWindow();
  });
});

app.on('window-all-closed', () => {
  if (process.platform !== 'darwin') app.quit();
});
