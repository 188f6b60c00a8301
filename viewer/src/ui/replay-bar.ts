/**
 * The replay bar: open a trace (#replay-file), play/pause (#replay-play), scrub (#replay-scrub),
 * speed (#replay-speed, 1×…600×) and the time shown (#replay-time). It owns the play head
 * (model/replay-clock.ts) and its animation frames; whoever draws listens with `onTime`.
 */
import { formatClock } from '../model/hud-model.ts';
import { advance, replayClock, seek, setPlaying, setSpeed, type ReplayClock } from '../model/replay-clock.ts';
import { byId, setText } from './dom.ts';

export interface ReplayBar {
  /** Enables the controls for a recording from `startMs` to `endMs` (engine ms) and shows its start. */
  load(startMs: number, endMs: number): void;
  /** The file the user picked. */
  onFile(cb: (file: File) => void): void;
  /** The play head moved (playing or scrubbed), engine ms. */
  onTime(cb: (tMs: number) => void): void;
  clock(): ReplayClock | null;
  play(on: boolean): void;
  /** Moves the play head to `tMs` (engine ms, clamped), as the scrubber does. */
  seek(tMs: number): void;
  /** Says something in the time slot (loading, an error). */
  message(text: string): void;
}

export function createReplayBar(): ReplayBar {
  const bar = byId('replay-bar');
  const file = byId<HTMLInputElement>('replay-file');
  const playBtn = byId<HTMLButtonElement>('replay-play');
  const scrub = byId<HTMLInputElement>('replay-scrub');
  const speed = byId<HTMLSelectElement>('replay-speed');
  const time = byId('replay-time');
  let clock: ReplayClock | null = null;
  let fileCb: (f: File) => void = () => undefined;
  let timeCb: (t: number) => void = () => undefined;
  let lastFrame: number | null = null;
  let frame = 0;

  const show = () => {
    if (!clock) return;
    scrub.value = String(Math.round(clock.tMs));
    setText(time, `${formatClock(clock.tMs)} / ${formatClock(clock.endMs)} · ${clock.speed}×`);
    playBtn.textContent = clock.playing ? '❚❚' : '▶';
    playBtn.setAttribute('aria-label', clock.playing ? 'Pause' : 'Play');
    playBtn.setAttribute('aria-pressed', String(clock.playing));
  };
  const tick = (now: number) => {
    frame = 0;
    if (!clock?.playing) return;
    const before = clock.tMs;
    clock = advance(clock, lastFrame === null ? 0 : now - lastFrame);
    lastFrame = now;
    if (clock.tMs !== before) timeCb(clock.tMs);
    show();
    if (clock.playing) frame = requestAnimationFrame(tick);
  };
  const startLoop = () => {
    lastFrame = null;
    if (!frame) frame = requestAnimationFrame(tick);
  };

  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) fileCb(f);
  });
  playBtn.addEventListener('click', () => clock && api.play(!clock.playing));
  const seekTo = (t: number) => {
    if (!clock) return;
    clock = seek(clock, t);
    timeCb(clock.tMs);
    show();
  };
  scrub.addEventListener('input', () => seekTo(Number(scrub.value)));
  speed.addEventListener('change', () => {
    if (!clock) return;
    clock = setSpeed(clock, Number(speed.value));
    show();
  });

  const api: ReplayBar = {
    load(startMs, endMs) {
      clock = replayClock(startMs, endMs, Number(speed.value) || 60);
      bar.dataset.mode = 'replay';
      scrub.min = String(startMs);
      scrub.max = String(endMs);
      scrub.step = '1';
      for (const c of [playBtn, scrub, speed]) c.disabled = false;
      show();
      timeCb(clock.tMs);
    },
    onFile(cb) {
      fileCb = cb;
    },
    onTime(cb) {
      timeCb = cb;
    },
    clock: () => clock,
    play(on) {
      if (!clock) return;
      clock = setPlaying(clock, on);
      if (clock.playing) {
        timeCb(clock.tMs);
        startLoop();
      }
      show();
    },
    seek: seekTo,
    message(text) {
      setText(time, text);
    },
  };
  return api;
}
