/**
 * Short tones for scan feedback (Web Audio, no sound files): the counter hears the result
 * without looking at the screen. Each status has its own tone; where audio is unavailable
 * (no sound card, tests) nothing happens.
 */
export type ScanTone = 'found' | 'misplaced' | 'surplus' | 'unknown' | 'duplicate' | 'error';

interface Note {
  hz: number;
  ms: number;
  type?: OscillatorType;
  gain?: number;
}

export const TONES: Record<ScanTone, Note[]> = {
  // One high short beep: all good.
  found: [{ hz: 1046, ms: 90 }],
  // Two falling notes: look at the screen.
  misplaced: [
    { hz: 784, ms: 110 },
    { hz: 587, ms: 140 },
  ],
  surplus: [
    { hz: 784, ms: 110 },
    { hz: 587, ms: 140 },
  ],
  // Low buzz: not in the register.
  unknown: [{ hz: 196, ms: 380, type: 'square', gain: 0.12 }],
  // A soft tick: already counted.
  duplicate: [{ hz: 440, ms: 50, gain: 0.08 }],
  error: [
    { hz: 196, ms: 160, type: 'square', gain: 0.12 },
    { hz: 165, ms: 220, type: 'square', gain: 0.12 },
  ],
};

let context: AudioContext | null = null;

function audio(): AudioContext | null {
  const Ctor =
    (globalThis as { AudioContext?: typeof AudioContext; webkitAudioContext?: typeof AudioContext }).AudioContext ??
    (globalThis as { webkitAudioContext?: typeof AudioContext }).webkitAudioContext;
  if (!Ctor) return null;
  try {
    context ??= new Ctor();
    if (context.state === 'suspended') void context.resume();
    return context;
  } catch {
    return null;
  }
}

export function beep(tone: ScanTone): void {
  const ctx = audio();
  if (!ctx) return;
  let at = ctx.currentTime;
  for (const n of TONES[tone]) {
    const osc = ctx.createOscillator();
    const gain = ctx.createGain();
    osc.type = n.type ?? 'sine';
    osc.frequency.value = n.hz;
    const level = n.gain ?? 0.2;
    gain.gain.setValueAtTime(level, at);
    gain.gain.exponentialRampToValueAtTime(0.001, at + n.ms / 1000);
    osc.connect(gain).connect(ctx.destination);
    osc.start(at);
    osc.stop(at + n.ms / 1000 + 0.02);
    at += n.ms / 1000 + 0.03;
  }
}
