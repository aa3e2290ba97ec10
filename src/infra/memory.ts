// One full garbage collection once start-up is done. Start-up leaves a lot behind that V8 may keep
// for a long while in an idle process, because most of it lives outside the JavaScript heap and
// is only released when its small wrapper objects are collected: on a first start with the
// embedded database, PGlite's initdb instance and the copy of the new data directory (~240 MB);
// on every start, migration and seeding buffers. Measured: RSS of a fresh embedded server 5 s
// after ready 470–500 MB without it, ~230–260 MB with it (bench/memory.ts).
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import type { Logger } from './logger.ts';

export function collectStartupGarbage(logger?: Logger): void {
  try {
    // gc() exists only with --expose-gc; setting the flag at run time installs it in contexts
    // created afterwards, so a fresh vm context hands it over without a global gc for every module.
    let gc = (globalThis as { gc?: () => void }).gc;
    if (!gc) {
      setFlagsFromString('--expose-gc');
      gc = runInNewContext('gc') as () => void;
      setFlagsFromString('--no-expose-gc');
    }
    const t0 = performance.now();
    gc();
    logger?.debug({ ms: Math.round(performance.now() - t0), rssMb: Math.round(process.memoryUsage.rss() / 1048576) }, 'start-up garbage collected');
  } catch (err) {
    logger?.debug({ err }, 'could not collect start-up garbage');
  }
}
