let context: AudioContext | null = null;

/**
 * A short, soft two-tone chime made with WebAudio (no audio file to load). Browsers allow sound
 * only after the page has had a user gesture; before that this does nothing.
 *
 * @example
 * playChime();
 */
export function playChime(): void {
  try {
    context ??= new AudioContext();
    if (context.state === 'suspended') {
      // Allowed after the first click on the page; this chime is skipped, the next one plays.
      void context.resume().catch(() => undefined);
      return;
    }
    const start = context.currentTime;
    for (const [i, freq] of [880, 1320].entries()) {
      const osc = context.createOscillator();
      const gain = context.createGain();
      osc.type = 'sine';
      osc.frequency.value = freq;
      const t = start + i * 0.12;
      gain.gain.setValueAtTime(0, t);
      gain.gain.linearRampToValueAtTime(0.12, t + 0.01);
      gain.gain.exponentialRampToValueAtTime(0.0001, t + 0.25);
      osc.connect(gain).connect(context.destination);
      osc.start(t);
      osc.stop(t + 0.3);
    }
  } catch {
    // no audio available
  }
}
