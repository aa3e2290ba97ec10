// Where a Slack conversation happens, as one string shared by the adapter (InboundMessage.threadKey),
// the delivery port (DeliveryResult.threadRef) and the domain (Survey.threadRef):
// `slack:<channel id>:<thread root ts>`. A survey posted as message ts=X in D123 stores
// `slack:D123:X`; a reply in that thread carries thread_ts=X and so the same key.

const THREAD_REF = /^slack:([A-Z0-9]+):(\d+\.\d+)$/;

export function slackThreadRef(channel: string, ts: string): string {
  return `slack:${channel}:${ts}`;
}

export function parseSlackThreadRef(ref: string | null | undefined): { channel: string; ts: string } | null {
  const m = ref ? THREAD_REF.exec(ref) : null;
  return m ? { channel: m[1]!, ts: m[2]! } : null;
}

/** A slash command has no thread: one dialog per user per channel. */
export const commandThreadKey = (channel: string, user: string) => `slack:${channel}:cmd:${user}`;

/** Buttons on the App Home tab. */
export const homeThreadKey = (user: string) => `slack:home:${user}`;

/** The engine's messageId for one Slack message: the same message twice logs once. */
export const slackMessageId = (team: string, channel: string, ts: string) => `slack:${team}:${channel}:${ts}`;
