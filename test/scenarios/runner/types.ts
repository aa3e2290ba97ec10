// The scenario file format (test/scenarios/<set>/*.json). One file is one family: the same kind of
// conversation said several ways, about half in Chinese. README.md, "Dialog scenarios", explains it.
import { z } from 'zod';

/** A value expected in a stored field. */
const matcher = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()),
  z.object({ contains: z.string() }).strict(),
  z.object({ notContains: z.union([z.string(), z.array(z.string())]) }).strict(),
  z.object({ re: z.string() }).strict(),
  z.object({ oneOf: z.array(z.union([z.string(), z.number(), z.null()])) }).strict(),
  z.object({ name: z.string() }).strict(),
]);
export type Matcher = z.infer<typeof matcher>;

export const TABLES = ['contact', 'account', 'interaction', 'task', 'opportunity', 'ticket', 'survey'] as const;
export type Table = (typeof TABLES)[number];

/** One record a turn is expected to create, change or remove, with the fields it must hold. */
const writeSpec = z
  .object({
    create: z.enum(TABLES).optional(),
    update: z.enum(TABLES).optional(),
    delete: z.enum(TABLES).optional(),
    /** Which record (updates and deletes): its id, `@alias` of a setup record, or fields it had. */
    of: z.union([z.string(), z.record(z.string(), matcher)]).optional(),
  })
  .catchall(matcher)
  .refine((w) => [w.create, w.update, w.delete].filter(Boolean).length === 1, 'one of create, update, delete');
export type WriteSpec = z.infer<typeof writeSpec>;

/** A record that must exist (or, with `absent`, must not) after the turn, whatever the turn wrote. */
const stateSpec = z
  .object({ table: z.enum(TABLES), of: z.union([z.string(), z.record(z.string(), matcher)]), absent: z.boolean().optional() })
  .catchall(matcher);
export type StateSpec = z.infer<typeof stateSpec>;

const replySpec = z
  .object({
    kind: z.union([z.string(), z.array(z.string())]).optional(),
    /** Regular expressions the reply text must match (all). */
    text: z.union([z.string(), z.array(z.string())]).optional(),
    notText: z.union([z.string(), z.array(z.string())]).optional(),
    /** Button labels (regular expressions) that must be offered. */
    buttons: z.array(z.string()).optional(),
  })
  .strict();
export type ReplySpec = z.infer<typeof replySpec>;

/**
 * What the parser is meant to read from the turn's text: the intent (`*` for any) and any entities
 * listed (a string, or `{ "contains": … }`), `language`, and `confident: false` for a message so
 * unclear that it should be read below the ask threshold.
 */
const parseSpec = z.object({ intent: z.string() }).catchall(z.unknown());
export type ParseSpec = z.infer<typeof parseSpec>;

const turn = z
  .object({
    say: z.string().optional(),
    /** Press a button of the last reply: a label (regular expression), `#n` for the n-th, or `value:<v>`. */
    press: z.string().optional(),
    as: z.string().optional(),
    reply: replySpec.optional(),
    /** The records this turn writes. Absent: the turn must write nothing. */
    writes: z.array(writeSpec).optional(),
    state: z.array(stateSpec).optional(),
    /** The parser's intended reading of `say` (for telling parser failures from dialog failures). */
    parse: parseSpec.optional(),
  })
  .strict()
  .refine((t) => Boolean(t.say) !== Boolean(t.press), 'a turn either says something or presses a button');
export type Turn = z.infer<typeof turn>;

const setupItem = z.union([
  z
    .object({
      contact: z.object({
        name: z.string(),
        account: z.string().nullable().optional(),
        aliases: z.array(z.string()).optional(),
        title: z.string().optional(),
        role: z.string().optional(),
        email: z.string().optional(),
        phone: z.string().optional(),
      }),
      as: z.string().optional(),
    })
    .strict(),
  z.object({ account: z.object({ name: z.string(), aliases: z.array(z.string()).optional(), tier: z.enum(['A', 'B', 'C']).optional() }), as: z.string().optional() }).strict(),
  z
    .object({
      task: z.object({ title: z.string(), due: z.string(), account: z.string().optional(), contact: z.string().optional(), priority: z.enum(['low', 'normal', 'high', 'urgent']).optional() }),
      as: z.string().optional(),
    })
    .strict(),
  z.object({ optOut: z.string() }).strict(),
]);
export type SetupItem = z.infer<typeof setupItem>;

const scenario = z
  .object({
    id: z.string().regex(/^[a-z0-9.\-_]+$/),
    user: z.string(),
    /** What this conversation is about (for readers and reports). */
    about: z.string().optional(),
    /** Records made through the domain services (as `user`) before the first turn. */
    setup: z.array(setupItem).optional(),
    turns: z.array(turn).min(1),
  })
  .strict();
export type Scenario = z.infer<typeof scenario>;

export const familyFile = z
  .object({
    family: z.string(),
    /** The class this family covers. */
    covers: z.string(),
    lang: z.enum(['en', 'zh', 'mixed']),
    scenarios: z.array(scenario).min(1),
  })
  .strict();
export type FamilyFile = z.infer<typeof familyFile>;
