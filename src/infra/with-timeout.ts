// A deadline on a promise that may never settle (a ping to an unreachable Redis, a stalled
// database): rejects with "<what>: no answer within <ms> ms" and clears its timer either way.
export function withTimeout<T>(p: Promise<T>, ms: number, what?: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  return Promise.race([
    p.finally(() => clearTimeout(timer)),
    new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`${what ? `${what}: ` : ''}no answer within ${ms} ms`)), ms);
    }),
  ]);
}
