import type { WidgetConfig } from '../shared/webchat-protocol';

let audio: AudioContext | undefined;

/**
 * A short two-note chime for a new message, when the widget's config wants sound
 * (`notifications.sound`, on unless turned off). Browsers let a frame play sound only after the
 * visitor interacted with it, so before their first click or key press here it stays silent.
 *
 * @example
 * out.notify = (author, text) => { playChime(store.get().widget); ... };
 */
export function playChime(widget: Pick<WidgetConfig, 'notifications'> | null): void {
  if (!widget?.notifications.sound || !navigator.userActivation?.hasBeenActive) return;
  try {
    audio ??= new AudioContext();
  } catch {
    return;
  }
  void audio.resume();
  const t = audio.currentTime;
  const gain = audio.createGain();
  gain.connect(audio.destination);
  gain.gain.setValueAtTime(0.0001, t);
  gain.gain.exponentialRampToValueAtTime(0.2, t + 0.02);
  gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.4);
  [660, 880].forEach((freq, i) => {
    const osc = audio!.createOscillator();
    osc.frequency.value = freq;
    osc.connect(gain);
    osc.start(t + i * 0.12);
    osc.stop(t + 0.4);
  });
}
