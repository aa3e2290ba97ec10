// date-holidays, loaded the first time a calendar is built: its rules for every country take
// ~17 MB of RSS, and only the greeting scan (a worker job) needs them, so a server running with
// RAPPORT_WORKERS=false never loads them. Same constructor and types as the package's default
// export (synchronous: the package's CommonJS build is required on first use, a few tens of ms).
import { createRequire } from 'node:module';
import type HolidaysLib from 'date-holidays';

const require = createRequire(import.meta.url);
let Lib: typeof HolidaysLib | undefined;

const Holidays = function (...args: ConstructorParameters<typeof HolidaysLib>) {
  Lib ??= require('date-holidays') as typeof HolidaysLib;
  return new Lib(...args);
} as unknown as typeof HolidaysLib;

export default Holidays;
