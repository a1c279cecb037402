// The loader's entry (dist/loader.js, served as /plugins/channel-webchat/widget.js).
import { bootLoader } from './loader-main';

const win = window as Parameters<typeof bootLoader>[0];
const script = document.currentScript as HTMLScriptElement | null;
// A second copy of the snippet on the same page must not mount a second launcher.
if (script && !(win.SwitchboardChat && !Array.isArray(win.SwitchboardChat))) {
  bootLoader(win, script).catch((err: unknown) => console.error(err));
}
