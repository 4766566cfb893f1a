import type { Clock } from "./api";

export const systemClock: Clock = { now: () => new Date() };

/** A clock tests set and advance, so timers fire without sleeping. */
export class ControlledClock implements Clock {
  private current: number;
  constructor(start: Date | string = new Date()) {
    this.current = new Date(start).getTime();
  }
  now(): Date {
    return new Date(this.current);
  }
  set(date: Date | string): void {
    this.current = new Date(date).getTime();
  }
  advance(ms: number): void {
    this.current += ms;
  }
}
