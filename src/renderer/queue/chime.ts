// Short synthesized chimes (Web Audio, no sound files to ship): two rising notes for a new
// escalation, two falling notes, played twice, for a customer kept waiting. Browsers only let a page
// make sound after the user has interacted with it, so the audio context is unlocked on the first
// click or key press; until then a chime is skipped (the notification and the title still show).
import { useSettings } from '../settings/store';

export type ChimeKind = 'new' | 'reminder';

const NOTES: Record<ChimeKind, number[]> = {
  new: [880, 1318.5],
  reminder: [1046.5, 784, 1046.5, 784],
};
const NOTE_S = 0.14;

let ctx: AudioContext | null = null;

function context(): AudioContext | null {
  if (typeof AudioContext === 'undefined') return null;
  ctx ??= new AudioContext();
  return ctx;
}

/** Call once at start-up: the first user gesture unlocks audio for the rest of the session. */
export function unlockAudioOnFirstGesture(): void {
  if (typeof document === 'undefined') return;
  const unlock = () => {
    void context()
      ?.resume()
      .catch(() => undefined);
    document.removeEventListener('pointerdown', unlock);
    document.removeEventListener('keydown', unlock);
  };
  document.addEventListener('pointerdown', unlock);
  document.addEventListener('keydown', unlock);
}

export function playChime(kind: ChimeKind): void {
  if (!useSettings.getState().sound) return;
  // Never created here: making an AudioContext blocks the page for hundreds of milliseconds (it
  // starts the audio service), which the first ticket of a burst would wait behind; the first
  // gesture creates and unlocks it.
  const ac = ctx;
  if (!ac || ac.state !== 'running') return;
  const start = ac.currentTime + 0.01;
  NOTES[kind].forEach((freq, i) => {
    const osc = ac.createOscillator();
    const gain = ac.createGain();
    osc.type = 'sine';
    osc.frequency.value = freq;
    const t0 = start + i * NOTE_S;
    // A quick attack and exponential decay: a soft bell rather than a click or a beep.
    gain.gain.setValueAtTime(0.0001, t0);
    gain.gain.exponentialRampToValueAtTime(0.18, t0 + 0.015);
    gain.gain.exponentialRampToValueAtTime(0.0001, t0 + NOTE_S * 1.8);
    osc.connect(gain).connect(ac.destination);
    osc.start(t0);
    osc.stop(t0 + NOTE_S * 2);
  });
}
