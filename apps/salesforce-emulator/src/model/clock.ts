// The emulator's time: wall-clock plus an offset the control plane can advance, so tests can expire
// sessions, codes, cursors and the rolling API-usage window without waiting.
export class Clock {
  offsetMs = 0;

  now(): number {
    return Date.now() + this.offsetMs;
  }

  advance(ms: number): void {
    this.offsetMs += ms;
  }
}
