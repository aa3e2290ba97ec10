// Where a chat platform's OAuth installations are kept (SlackInstallation): one row per
// workspace, or per organisation for an org-wide install (teamId null). The row holds the
// installation as the platform returned it, bot token included: protect the database (or
// encrypt the column) accordingly. The adapter alone reads the JSON.
import type { PrismaClient } from '../shared/db.ts';

export interface InstallationKey {
  enterpriseId?: string | null | undefined;
  teamId?: string | null | undefined;
  /** An org-wide install: looked up by enterprise alone. */
  orgWide?: boolean | undefined;
}

export class InstallationService {
  constructor(private readonly db: PrismaClient) {}

  async store(enterpriseId: string | null, teamId: string | null, installation: object): Promise<void> {
    const json = JSON.parse(JSON.stringify(installation)) as object;
    // (enterpriseId, teamId) is unique, but PostgreSQL treats NULLs as distinct: find, then write.
    await this.db.$transaction(async (tx) => {
      const existing = await tx.slackInstallation.findFirst({ where: { enterpriseId, teamId } });
      if (existing) await tx.slackInstallation.update({ where: { id: existing.id }, data: { installation: json } });
      else await tx.slackInstallation.create({ data: { enterpriseId, teamId, installation: json } });
    });
  }

  /** The workspace's own install, else its organisation's org-wide one; null when neither. */
  async find(key: InstallationKey): Promise<unknown> {
    const row = key.orgWide
      ? await this.db.slackInstallation.findFirst({ where: { enterpriseId: key.enterpriseId ?? null, teamId: null } })
      : ((key.teamId ? await this.db.slackInstallation.findFirst({ where: { teamId: key.teamId }, orderBy: { updatedAt: 'desc' } }) : null) ??
        (key.enterpriseId ? await this.db.slackInstallation.findFirst({ where: { enterpriseId: key.enterpriseId, teamId: null } }) : null));
    return row?.installation ?? null;
  }

  async remove(key: InstallationKey): Promise<void> {
    await this.db.slackInstallation.deleteMany({
      where: key.orgWide ? { enterpriseId: key.enterpriseId ?? null, teamId: null } : { teamId: key.teamId ?? null },
    });
  }
}
