import { app, BrowserWindow, type Session, type WebContents } from 'electron';
import { isAllowedDownload } from './download-policy';
import { isAllowedRequest, isAppUrl } from './url-policy';

/**
 * The renderer gets a browser tab's powers and less: no Node, its own world, the OS sandbox.
 * The options are written out at the constructor on purpose, so a static scanner
 * (Electronegativity, run in npm test) sees every one of them.
 */
export function createSecureWindow(o: { preload: string; devTools: boolean }): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 900,
    minHeight: 600,
    show: false,
    title: 'CareDesk',
    webPreferences: {
      preload: o.preload,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      experimentalFeatures: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      // A middle click would open a link in a new window; there are no links to leave by, but no.
      disableBlinkFeatures: 'Auxclick',
      devTools: o.devTools,
    },
  });
}

/**
 * Applied to every webContents the app ever creates (windows, devtools, anything a bug might
 * open): it stays on app://caredesk and cannot open windows or attach webviews.
 */
export function hardenWebContents(contents: WebContents): void {
  contents.on('will-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-frame-navigate', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-redirect', (event) => {
    if (!isAppUrl(event.url)) event.preventDefault();
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.setWindowOpenHandler(() => ({ action: 'deny' }));
}

/** Call once, before any window exists, so no webContents escapes the rules above. */
export function hardenAllWebContents(): void {
  app.on('web-contents-created', (_event, contents) => hardenWebContents(contents));
}

/**
 * No camera, location, notifications or anything else: the app asks for none, so any request
 * is a bug or an attack. No network either: only our own scheme (and inline data) loads.
 */
export function hardenSession(ses: Session, o: { devTools: boolean }): void {
  ses.setPermissionRequestHandler((_wc, _permission, callback) => callback(false));
  ses.setPermissionCheckHandler(() => false);
  ses.setDevicePermissionHandler(() => false);
  ses.webRequest.onBeforeRequest((details, callback) => {
    callback({ cancel: !isAllowedRequest(details.url, { devTools: o.devTools }) });
  });
  // Downloads (a certificate scan, an export) only under a name of a type CareDesk itself writes.
  ses.on('will-download', (event, item) => {
    if (!isAllowedDownload(item.getFilename())) event.preventDefault();
  });
}
