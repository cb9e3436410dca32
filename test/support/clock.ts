import type { Clock } from '../../src/shared/clock';

/** A clock that stands still until the test moves it forward (26 November 2026, 09:00 UTC, by default). */
export class TestClock implements Clock {
  constructor(private t = Date.UTC(2026, 10, 26, 9, 0, 0)) {}
  now(): number {
    return this.t;
  }
  advance(ms: number): void {
    this.t += ms;
  }
}
