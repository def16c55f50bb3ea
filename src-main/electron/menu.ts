// Native menus with the usual shortcuts. Commands that act on the project are carried out by the window (it holds the
// analyses), so a menu item only sends it a `menu` event.
import { BrowserWindow, Menu, type MenuItemConstructorOptions } from 'electron';
import type { ApiEvent, MenuCommand } from '../../src-shared/api.ts';

function send(command: MenuCommand): void {
  const event: ApiEvent = { type: 'menu', command };
  BrowserWindow.getFocusedWindow()?.webContents.send('api:event', event);
}

export function buildMenu(): Menu {
  const item = (label: string, command: MenuCommand, accelerator: string): MenuItemConstructorOptions => ({
    label,
    accelerator,
    click: () => send(command),
  });
  const template: MenuItemConstructorOptions[] = [
    ...(process.platform === 'darwin' ? [{ role: 'appMenu' as const }] : []),
    {
      label: 'File',
      submenu: [
        item('Open Data…', 'openData', 'CmdOrCtrl+O'),
        item('Open Project…', 'openProject', 'CmdOrCtrl+Shift+O'),
        { type: 'separator' },
        item('Save Project', 'save', 'CmdOrCtrl+S'),
        item('Save Project As…', 'saveAs', 'CmdOrCtrl+Shift+S'),
        item('Export Report…', 'report', 'CmdOrCtrl+E'),
        { type: 'separator' },
        process.platform === 'darwin' ? { role: 'close' } : { role: 'quit' },
      ],
    },
    { role: 'editMenu' },
    { role: 'viewMenu' },
    { role: 'windowMenu' },
  ];
  return Menu.buildFromTemplate(template);
}
