// A wall clock set to a fixed instant that then runs at real speed: scenarios say `tomorrow 3pm`
// and expect a date, so every one starts at the same moment (like the labelled NLU data, a
// Wednesday). Only JavaScript's Date moves; timers, the database and the network are untouched.
const RealDate = Date;
let offsetMs = 0;
let installed = false;

function ShiftedDate(this: unknown, ...args: unknown[]): Date | string {
  if (!new.target) return new RealDate(RealDate.now() + offsetMs).toString();
  if (args.length === 0) return new RealDate(RealDate.now() + offsetMs);
  return new (RealDate as unknown as new (...a: unknown[]) => Date)(...args);
}
ShiftedDate.prototype = RealDate.prototype;
ShiftedDate.now = () => RealDate.now() + offsetMs;
ShiftedDate.parse = RealDate.parse;
ShiftedDate.UTC = RealDate.UTC;
Object.defineProperty(ShiftedDate, Symbol.hasInstance, { value: (v: unknown) => v instanceof RealDate });

/** From now on `new Date()` and `Date.now()` read `iso` plus the real time elapsed since this call. */
export function setClock(iso: string): void {
  const at = RealDate.parse(iso);
  if (Number.isNaN(at)) throw new Error(`not an instant: ${iso}`);
  offsetMs = at - RealDate.now();
  if (!installed) {
    (globalThis as { Date: DateConstructor }).Date = ShiftedDate as unknown as DateConstructor;
    installed = true;
  }
}

/** Back to the real clock. */
export function restoreClock(): void {
  (globalThis as { Date: DateConstructor }).Date = RealDate;
  installed = false;
  offsetMs = 0;
}
