// @vitest-environment happy-dom
import * as v from 'valibot';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { WidgetConfigSchema } from '../shared/webchat-protocol';
import { playChime } from './chat-sound';

/** The Web Audio API (happy-dom has none): counts the notes started. */
function installAudio(activated: boolean) {
  const notes: number[] = [];
  class FakeAudioContext {
    currentTime = 0;
    destination = {};
    resume = () => Promise.resolve();
    createGain = () => ({ connect() {}, gain: { setValueAtTime() {}, exponentialRampToValueAtTime() {} } });
    createOscillator = () => {
      const osc = { frequency: { value: 0 }, connect() {}, start: () => notes.push(osc.frequency.value), stop() {} };
      return osc;
    };
  }
  vi.stubGlobal('AudioContext', FakeAudioContext);
  vi.stubGlobal('navigator', { ...navigator, userActivation: { hasBeenActive: activated } });
  return notes;
}

const widget = (notifications?: unknown) => v.parse(WidgetConfigSchema, { site_key: 'wk_test_0001', ...(notifications === undefined ? {} : { notifications }) });

describe('the chime', () => {
  afterEach(() => vi.unstubAllGlobals());

  it('rings by default (also from a server that sends no notifications), once the visitor interacted with the chat', () => {
    const notes = installAudio(true);
    expect(widget().notifications).toEqual({ sound: true, browser: false });
    playChime(widget());
    expect(notes).toEqual([660, 880]);
  });

  it('stays silent when the widget turns sound off, before any interaction, and before the config is there', () => {
    const notes = installAudio(true);
    playChime(widget({ sound: false, browser: true }));
    playChime(null);
    expect(notes).toEqual([]);
    const before = installAudio(false);
    playChime(widget({ sound: true, browser: false }));
    expect(before).toEqual([]);
  });
});
