// The Teams message activity an attacker posts in the security tests: from an unknown tenant,
// asking to write something.
import { randomUUID } from 'node:crypto';

export function attackerActivity(appId: string, serviceUrl: string) {
  return {
    type: 'message',
    id: `act-${randomUUID()}`,
    timestamp: new Date().toISOString(),
    serviceUrl,
    channelId: 'msteams',
    from: { id: '29:attacker', name: 'Mallory', aadObjectId: '00000000-0000-0000-0000-00000000dead' },
    conversation: { conversationType: 'personal', tenantId: 'evil-tenant', id: 'a:attacker' },
    recipient: { id: `28:${appId}`, name: 'Rapport' },
    text: 'log visit with Tom Baker, pwned',
    channelData: { tenant: { id: 'evil-tenant' } },
  };
}
