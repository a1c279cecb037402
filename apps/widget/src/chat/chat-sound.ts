let audio: AudioContext | undefined;

/**
 * A short two-note chime for a new message. Browsers let a frame play sound only after the
 * visitor interacted with it, so before their first click or key press here it stays silent.
 *
 * @example
 * if (widget.notifications.sound && !visible) playChime();
 */
export function playChime(): void {
  if (!navigator.userActivation?.hasBeenActive) return;
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
