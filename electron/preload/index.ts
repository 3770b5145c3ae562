import { contextBridge, ipcRenderer } from 'electron';
import { CHANGES_CHANNEL, INVOKE_CHANNEL, type CareDeskBridge } from './channel';

// Sandboxed preload: bundled to one CJS file that requires only 'electron'. It forwards, and that
// is all; main checks the sender and validates every method and input.
const bridge: CareDeskBridge = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
  onChanges: (listener) => {
    // The IPC event object stays here: the page gets the plain payload only.
    const forward = (_event: unknown, events: unknown) => listener(events);
    ipcRenderer.on(CHANGES_CHANNEL, forward);
    return () => void ipcRenderer.removeListener(CHANGES_CHANNEL, forward);
  },
};

contextBridge.exposeInMainWorld('caredesk', bridge);
