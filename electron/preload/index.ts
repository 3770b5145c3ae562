import { contextBridge, ipcRenderer } from 'electron';
import { INVOKE_CHANNEL, type CareDeskBridge } from './channel';

// Sandboxed preload: bundled to one CJS file that requires only 'electron'. It forwards, and that
// is all; main checks the sender and validates every method and input.
const bridge: CareDeskBridge = {
  invoke: (method, input) => ipcRenderer.invoke(INVOKE_CHANNEL, method, input),
};

contextBridge.exposeInMainWorld('caredesk', bridge);
