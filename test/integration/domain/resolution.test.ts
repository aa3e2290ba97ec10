import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ResolutionService, type ResolveResult } from '../../../src/domain/resolution/index.ts';
import { fixedClock } from '../../../src/domain/shared/clock.ts';
import { ForbiddenError } from '../../../src/domain/shared/errors.ts';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../../helpers/db.ts';
import { buildWorld, type World } from './_fixtures.ts';

const clock = fixedClock('2026-03-10T08:00:00Z');

const foundName = (r: ResolveResult) => (r.status === 'found' ? r.match.name : `<${r.status}>`);
const candidateNames = (r: ResolveResult) => (r.status === 'ambiguous' ? r.candidates.map((c) => c.name).sort() : [`<${r.status}>`]);

describe.each(DB_KINDS)('resolution on %s', (kind) => {
  let db: TestDatabase;
  let w: World;
  let svc: ResolutionService;
  beforeAll(async () => {
    db = await createTestDatabase(kind);
    w = await buildWorld(db.prisma);
    svc = new ResolutionService(db.prisma, clock);
  });
  afterAll(() => db?.drop());

  it('finds an exact full name, in Chinese and in pinyin', async () => {
    expect(foundName(await svc.resolve(w.actors.ann, '李明'))).toBe('李明');
    expect(foundName(await svc.resolve(w.actors.ann, 'Li Wei', { kind: 'contact' }))).toBe('李伟');
    expect(foundName(await svc.resolve(w.actors.ann, 'liwei'))).toBe('李伟');
    expect(foundName(await svc.resolve(w.actors.ann, 'Wei Li'))).toBe('李伟');
    const r = await svc.resolve(w.actors.ann, 'Li Wei');
    expect(r.status === 'found' && r.match.matchedBy).toBe('pinyin');
  });

  it('asks which Dr. Li when two doctors share the surname, with what tells them apart', async () => {
    for (const text of ['Dr. Li', '李医生', '李主任', 'dr li']) {
      const r = await svc.resolve(w.actors.ann, text, { kind: 'contact' });
      expect(candidateNames(r), text).toEqual(['李华', '李明']);
      if (r.status !== 'ambiguous') continue;
      const ming = r.candidates.find((c) => c.name === '李明')!;
      expect(ming.accountName).toBe('市第一医院');
      expect(ming.title).toBe('主任医师');
      expect(ming.distinguishing).toContain('市第一医院');
      expect(ming.distinguishing).toContain('2026-02-01');
      expect(r.candidates.find((c) => c.name === '李华')!.distinguishing).toContain('仁和诊所');
    }
  });

  it('matches surname pinyin (Dr. Li ↔ 李明) when only one is visible', async () => {
    // Bob sees none of the Li's; a fresh doctor of Bob's is the only match.
    const zhang = await db.prisma.contact.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.globex.id, name: '张伟', title: '主任医师' },
    });
    const r = await svc.resolve(w.actors.bob, 'Dr. Zhang');
    expect(r.status === 'found' && r.match.id).toBe(zhang.id);
    expect(r.status === 'found' && r.match.matchedBy).toBe('surname');
    expect((await svc.resolve(w.actors.bob, 'Dr. Li')).status).toBe('none');
  });

  it('resolves accounts in English and Chinese, with company suffixes and typos', async () => {
    expect(foundName(await svc.resolve(w.actors.ann, 'City No.1 Hospital'))).toBe('市第一医院');
    expect(foundName(await svc.resolve(w.actors.ann, '市第一医院', { kind: 'account' }))).toBe('市第一医院');
    expect(foundName(await svc.resolve(w.actors.ann, 'Acme'))).toBe('Acme Corporation');
    expect(foundName(await svc.resolve(w.actors.ann, 'acme corp'))).toBe('Acme Corporation');
    expect(foundName(await svc.resolve(w.actors.ann, 'Acm', { kind: 'account' }))).toBe('Acme Corporation');
    expect(foundName(await svc.resolve(w.actors.ann, 'Acne', { kind: 'account' }))).toBe('Acme Corporation');
    const globx = await svc.resolve(w.actors.bob, 'Globx');
    expect(foundName(globx)).toBe('Globex');
    expect(globx.status === 'found' && globx.match.matchedBy).toBe('fuzzy');
    expect(foundName(await svc.resolve(w.actors.ann, 'Renhe Clinic'))).toBe('仁和诊所');
  });

  it("only finds what the actor may see, and says so when nothing matches", async () => {
    // Globex is Bob's: Ann does not get it, the manager does.
    expect((await svc.resolve(w.actors.ann, 'Globex')).status).toBe('none');
    expect(foundName(await svc.resolve(w.actors.manager, 'Globex'))).toBe('Globex');
    expect(foundName(await svc.resolve(w.actors.admin, 'Hank Scorpio'))).toBe('Hank Scorpio');
    const none = await svc.resolve(w.actors.ann, 'Wyle Coyotte Senior Partner');
    expect(none.status).toBe('none');
    const sugg = await svc.resolve(w.actors.ann, 'Coyotex');
    expect(sugg.status === 'none' ? sugg.suggestions?.map((s) => s.name) : sugg.status === 'found' ? [sugg.match.name] : []).toContain('Wile Coyote');
    await expect(svc.resolve(w.actors.liMing, '李明')).rejects.toBeInstanceOf(ForbiddenError);
  });

  it('matches aliases and Latin surnames', async () => {
    expect(foundName(await svc.resolve(w.actors.ann, 'Mr. Coyote'))).toBe('Wile Coyote');
    expect(foundName(await svc.resolve(w.actors.ann, 'wile coyote'))).toBe('Wile Coyote');
    const merged = await db.prisma.contact.create({
      data: { tenantId: w.tenantId, accountId: w.accounts.acme.id, name: 'Wile E. Coyote', mergedIntoId: w.contacts.wile.id },
    });
    const r = await svc.resolve(w.actors.ann, 'Wile E. Coyote');
    expect(r.status === 'found' && r.match.id).not.toBe(merged.id);
  });
});
