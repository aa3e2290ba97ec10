// A colleague a manager asks about: `王芳的漏斗`, `how is alex doing`, `alex's tasks`.
import type { Entities, IntentName } from '../parser/index.ts';
import { L, type HandlerContext, type HandlerResult, type Resolved } from './context.ts';
import { askToChoose } from './resolve.ts';
import { localMidnight } from '../../domain/kpi/period.ts';

/** The rep named in the message (or chosen earlier): their id and name; nothing when none was named. */
export async function repOf(
  ctx: HandlerContext,
  intent: IntentName,
  entities: Entities,
  resolved: Resolved,
): Promise<{ userId?: string; name?: string } | { result: HandlerResult }> {
  if (ctx.actor.kind !== 'user') return {};
  if (resolved.userId) {
    if (resolved.userId === ctx.actor.userId) return {};
    const u = await ctx.services.resolution.resolveUserById(ctx.actor, resolved.userId);
    return u ? { userId: u.id, name: u.name } : {};
  }
  const text = entities.rep?.trim() ?? (await colleagueNamed(ctx));
  if (!text) return {};
  const r = await ctx.services.resolution.resolveUser(ctx.actor, text);
  if (r.status === 'found') return r.user.id === ctx.actor.userId ? {} : { userId: r.user.id, name: r.user.name };
  if (r.status === 'ambiguous') {
    return {
      result: askToChoose(ctx, intent, entities, resolved, 'user', L(ctx.lang, `Which "${text}"?`, `是哪一位“${text}”？`),
        r.users.map((u) => ({ id: u.id, kind: 'user' as const, label: u.name }))),
    };
  }
  return {
    result: {
      replies: [{ kind: 'error', text: L(ctx.lang, `I couldn't find a colleague called "${text}" on your team.`, `你的团队里没有叫“${text}”的同事。`) }],
    },
  };
}

/** A named month (`YYYY-MM`, from the parser) as a period in the user's time zone. */
export function monthPeriod(month: string | undefined, tz: string): { from: Date; to: Date } | undefined {
  const m = month ? /^(\d{4})-(\d{2})$/.exec(month) : null;
  if (!m) return undefined;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  if (mo < 1 || mo > 12) return undefined;
  const next = mo === 12 ? { y: y + 1, m: 1 } : { y, m: mo + 1 };
  return { from: localMidnight({ y, m: mo, d: 1 }, tz), to: localMidnight({ y: next.y, m: next.m, d: 1 }, tz) };
}

/**
 * A colleague named the way people ask about someone's numbers ("Alex's pipeline", "王芳的漏斗")
 * when the parser did not read one: only a word that is exactly one colleague's name, else nothing.
 */
async function colleagueNamed(ctx: HandlerContext): Promise<string | undefined> {
  if (ctx.actor.kind !== 'user' || ctx.actor.role === 'rep') return undefined;
  const said = [...ctx.text.matchAll(/\b([A-Za-z][A-Za-z-]{1,20}(?: [A-Z][A-Za-z-]{1,20})?)'s\b|^(\p{Script=Han}{2,3})的/gu)].map((m) => m[1] ?? m[2]).filter((x): x is string => Boolean(x));
  // "Alex KPIs this month", "王芳有哪些逾期任务": a name the message starts with.
  const lead = /^([A-Z][a-z]+(?: [A-Z][a-z]+)?)\b|^(\p{Script=Han}{2,3}?)(?:有|的|这|本|上|最近)/u.exec(ctx.text.trim());
  if (lead) said.push(lead[1] ?? lead[2]!);
  // "how is Alex's…" is read as "is Alex": the name alone is tried too.
  for (const name of said.flatMap((n) => [n, n.split(' ').at(-1)!])) {
    const r = await ctx.services.resolution.resolveUser(ctx.actor, name);
    if (r.status === 'found') return name;
  }
  return undefined;
}
