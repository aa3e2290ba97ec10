// opt_out: a customer unsubscribing, or a rep reporting that a contact opted out (recorded; nothing
// is sent to them). What was stopped is taken from the message, or asked when it does not say.
import { stoppedChannels } from '../words.ts';
import { normaliseText } from '../parser/index.ts';
import { L, type Handler } from './context.ts';
import { askToChoose, resolveParty } from './resolve.ts';
import { written } from './reply.ts';

/** Read as the parser reads it (`问券` typed for 问卷, one-character words typed apart). */
// (`greetins`: a word's dropped g, as the parser reads it.)
const asParsed = (text: string) => (/\p{Script=Han}/u.test(text) ? normaliseText(text) : text.replace(/\bgreetins?\b/gi, 'greetings'));

/** A message that adds to what was just said (`and the greetings as well`, `祝福也别发了`). */
const ALSO_RE = /\b(?:as well|too|also|either|neither|nor)\b|^\s*(?:oh,?\s*)?(?:and|plus)\b|^\s*oh,?\s*(?:right|yeah|yes)\b|也|亦|^\s*(?:另外?|还有|再就是|仲有|重有)\s*[:：,，]?|^\s*(?:哦|噢|喔|啊)对了?[,，\s]/i;

export const optOut: Handler = async (ctx, entities, resolved) => {
  if (ctx.actor.kind === 'contact') {
    // A customer's own words say what stops (`stop sending me these surveys`); `unsubscribe` alone stops both.
    const said = stoppedChannels(asParsed(ctx.text)) ?? 'both';
    // (Stopping one leaves the other as it was: `no birthday messages either` after surveys were stopped stops both.)
    await ctx.services.privacy.setOptOut(ctx.actor, ctx.actor.contactId, { ...(said !== 'greetings' ? { surveys: true } : {}), ...(said !== 'surveys' ? { greetings: true } : {}) });
    const text = said === 'surveys'
      ? L(ctx.lang, "Done — you won't receive our satisfaction surveys any more. Greetings still come; say \"no greetings\" to stop them too.", '已退订满意度调查问卷，你将不再收到；节日和生日祝福照常，不想收可以回复“不要祝福”。')
      : said === 'greetings'
        ? L(ctx.lang, "Done — you won't receive birthday or holiday greetings from us any more. Surveys still come; say \"no surveys\" to stop them too.", '已退订祝福，你将不再收到我们的生日和节日祝福；满意度调查问卷照常，不想收可以回复“不要问卷”。')
        : L(ctx.lang, "Done — you won't receive surveys or greetings from us any more.", '已退订，你将不再收到我们的满意度调查问卷和节日祝福。');
    return { wrote: true, replies: [{ kind: 'confirmation', text }] };
  }
  // "Oh, and the greetings as well": more of the opt-out just recorded, for the same person.
  const nobody = !entities.contact && !entities.account && !resolved.contactId && !resolved.accountId;
  if (nobody && (ALSO_RE.test(ctx.text) || ALSO_RE.test(normaliseText(ctx.text)))) {
    const last = await ctx.services.undo.lastWrite(ctx.actor);
    if (last?.entityType === 'Contact') resolved = { ...resolved, contactId: last.entityId };
  }
  // A rep reporting that a contact opted out: recorded, and nothing is sent to them.
  if (!entities.contact && !entities.account && !resolved.contactId && !resolved.accountId) {
    // "bill doesn't want any more of our surveys" with no name read: one contact named near-exactly.
    const m = await ctx.services.resolution.mentions(ctx.actor, ctx.text, { kind: 'contact' });
    if (m.status === 'found') entities = { ...entities, contact: m.match.matchedText };
    else {
      // …or the report's subject, its first word ("bill doesn't want…"), when it is one person's name.
      const subject = /^\s*([A-Za-z][A-Za-z'-]+)\b/.exec(ctx.text)?.[1];
      const r = subject ? await ctx.services.resolution.resolve(ctx.actor, subject, { kind: 'contact' }) : null;
      if (r?.status === 'found' && !/^(?:the|a|an|he|she|they|i|we|our|my|please|pls|this|that|customer|client|contact)$/i.test(subject!)) entities = { ...entities, contact: subject! };
    }
  }
  const who = await resolveParty(ctx, 'opt_out', entities, resolved, 'contact', { en: 'Who asked to opt out?', zh: '是谁要求退订？' });
  if (!who.ok) return who.result;
  if (!who.party.contactId) {
    return {
      replies: [{ kind: 'question', text: L(ctx.lang, `Who at ${who.party.label} opted out?`, `${who.party.label}的哪位联系人要求退订？`) }],
      pending: { type: 'slot', intent: 'opt_out', entities: { ...entities, contact: undefined }, resolved: {}, slot: 'contact', lang: ctx.lang, text: ctx.text, sourceMessageId: ctx.sourceMessageId },
    };
  }
  // What was stopped is taken from the words of the message ("stop sending her surveys" stops
  // surveys, not greetings); when it does not say, it is asked, never assumed.
  const stopped = resolved.optOut ?? stoppedChannels(asParsed(ctx.text));
  if (!stopped) {
    return askToChoose(
      ctx, 'opt_out', entities, { ...resolved, contactId: who.party.contactId }, 'optout',
      L(ctx.lang, `What should ${who.party.label} no longer get? Nothing is sent either way.`, `${who.party.label}不想再收到什么？无论选哪项都不会发送任何消息。`),
      [
        { id: 'surveys', kind: 'option', label: L(ctx.lang, 'Surveys only', '只停调查'), detail: L(ctx.lang, 'satisfaction surveys, questionnaires, NPS', '满意度调查 问卷 survey') },
        { id: 'greetings', kind: 'option', label: L(ctx.lang, 'Greetings only', '只停祝福'), detail: L(ctx.lang, 'birthday and holiday greetings', '生日 节日 祝福 问候 greeting') },
        { id: 'both', kind: 'option', label: L(ctx.lang, 'Both', '两者都停'), detail: L(ctx.lang, 'surveys and greetings, everything, all', '调查和问候 全部 都') },
      ],
    );
  }
  const flags = { surveys: stopped !== 'greetings', greetings: stopped !== 'surveys' };
  const before = await ctx.services.contacts.getContact(ctx.actor, who.party.contactId);
  const what =
    stopped === 'surveys' ? L(ctx.lang, 'surveys', '满意度调查问卷') : stopped === 'greetings' ? L(ctx.lang, 'greetings', '节日和生日祝福') : L(ctx.lang, 'surveys or greetings', '满意度调查问卷和节日祝福');
  if ((!flags.surveys || before.surveyOptOut) && (!flags.greetings || before.greetingOptOut)) {
    return { replies: [{ kind: 'info', text: L(ctx.lang, `${who.party.label} had already opted out of ${what}; nothing changed.`, `${who.party.label}之前已退订${what}，无需更改。`) }] };
  }
  await ctx.services.privacy.setOptOut(ctx.actor, who.party.contactId, {
    ...(flags.surveys ? { surveys: true } : {}),
    ...(flags.greetings ? { greetings: true } : {}),
  });
  const text = L(ctx.lang, `Recorded: ${who.party.label} opted out — no more ${what} will be sent to them (nothing was sent now).`, `已记录：${who.party.label}已退订，今后不再向其发送${what}（本次没有发送任何消息）。`);
  return written(ctx, text, { entity: 'contact', id: who.party.contactId });
};
