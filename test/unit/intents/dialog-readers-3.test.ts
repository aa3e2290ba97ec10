// Readers the dialog layer uses on what the parser read (after33/after34 as development sets): a
// follow-up's title that names whom it is with, and a deal named anywhere in a message.
import { describe, expect, it } from 'vitest';
import { namingTitle } from '../../../src/intents/handlers/interactions.ts';
import { namedInText } from '../../../src/intents/handlers/pipeline.ts';
import type { OpportunityDto } from '../../../src/domain/pipeline/index.ts';

describe("a follow-up's title names whom it is with", () => {
  it.each([
    // The words said before the action, when they name the person.
    ['送采购单那事儿', '提醒我给赵敏送采购单那事儿', { said: '赵敏', name: '赵敏' }, 'zh', '给赵敏送采购单那事儿'],
    ['打个电话问问进药那事儿', '明儿下午三点提醒我给张主任打个电话 问问进药那事儿', { said: '张主任', name: '张伟' }, 'zh', '给张主任打个电话问问进药那事儿'],
    // 他 is the person.
    ['要把学术会的资料给他', '今天去人民医院拜访了刘医生 他说下周三之前要把学术会的资料给他', { said: '刘医生', name: '刘洋' }, 'zh', '把学术会的资料给刘医生'],
    // Nothing said with it: the name after it.
    ['送报价单', '提醒我明天送报价单', { said: '赵敏', name: '赵敏' }, 'zh', '送报价单（赵敏）'],
    ['he needs the SSO test plan', 'met Tom at Acme yesterday, he needs the SSO test plan by thursday', { said: 'Tom', name: 'Tom Baker' }, 'en', 'Tom Baker needs the SSO test plan'],
    ['the pilot budget', 'remind me next week to follow up with Hans on the pilot budget', { said: 'Hans', name: 'Hans Müller' }, 'en', 'Follow up with Hans Müller on the pilot budget'],
    // Already named: as it was.
    ['Call Maria about the backlog', 'remind me to call Maria about the backlog', { said: 'Maria', name: 'Maria Garcia' }, 'en', 'Call Maria about the backlog'],
  ] as const)('%s → %s', (title, text, party, lang, want) => expect(namingTitle(title, text, party, lang)).toBe(want));
});

describe('a deal named anywhere in the message', () => {
  const deal = (id: string, name: string): OpportunityDto => ({
    id, accountId: 'acc-acme', accountName: 'Acme Corp', ownerId: 'u', name, stage: 'proposal', amount: 1, currency: 'USD', probability: 0.5,
    weightedAmount: 0.5, expectedCloseAt: null, stageChangedAt: new Date(0), closedAt: null,
  });
  const deals = [deal('sso', 'Acme SSO add-on'), deal('renewal', 'Acme platform renewal')];
  it('by its whole name', () => expect(namedInText('Could you kindly update the amount of the Acme SSO add-on to $28,000?', deals).map((d) => d.id)).toEqual(['sso']));
  it('by every word of it', () => expect(namedInText('I am pleased to inform that Acme has signed the platform renewal.', deals).map((d) => d.id)).toEqual(['renewal']));
  it('not by the account alone', () => expect(namedInText('Acme signed!', deals)).toEqual([]));
});
