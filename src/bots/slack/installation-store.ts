// OAuth installations in PostgreSQL (SlackInstallation). One row per workspace, or per
// organisation for an Enterprise Grid org-wide install (teamId null). Installing creates the
// workspace's tenant. Note: the row holds the bot token as Slack returned it; protect the
// database (or encrypt the column) accordingly.
import type { InstallationStore, Installation, InstallationQuery } from '@slack/bolt';
import type { PrismaClient } from '../../domain/shared/db.ts';
import type { SlackDirectory } from './slack-directory.ts';

export class SlackInstallationMissingError extends Error {
  readonly code = 'SLACK.NOT_INSTALLED';
  constructor(query: { teamId?: string | undefined; enterpriseId?: string | undefined }) {
    super(`Rapport is not installed in Slack team ${query.teamId ?? '-'} / enterprise ${query.enterpriseId ?? '-'}`);
  }
}

export class PrismaInstallationStore implements InstallationStore {
  constructor(
    private readonly db: PrismaClient,
    private readonly directory: SlackDirectory,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const enterpriseId = installation.enterprise?.id ?? null;
    const teamId = installation.isEnterpriseInstall ? null : (installation.team?.id ?? null);
    // (enterpriseId, teamId) is unique, but PostgreSQL treats NULLs as distinct: find, then write.
    const json = JSON.parse(JSON.stringify(installation)) as object;
    await this.db.$transaction(async (tx) => {
      const existing = await tx.slackInstallation.findFirst({ where: { enterpriseId, teamId } });
      if (existing) await tx.slackInstallation.update({ where: { id: existing.id }, data: { installation: json } });
      else await tx.slackInstallation.create({ data: { enterpriseId, teamId, installation: json } });
    });
    if (teamId) await this.directory.tenantFor(teamId, installation.team?.name);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const row = query.isEnterpriseInstall
      ? await this.db.slackInstallation.findFirst({ where: { enterpriseId: query.enterpriseId ?? null, teamId: null } })
      : ((query.teamId ? await this.db.slackInstallation.findFirst({ where: { teamId: query.teamId }, orderBy: { updatedAt: 'desc' } }) : null) ??
        (query.enterpriseId ? await this.db.slackInstallation.findFirst({ where: { enterpriseId: query.enterpriseId, teamId: null } }) : null));
    if (!row) throw new SlackInstallationMissingError(query);
    return row.installation as unknown as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.db.slackInstallation.deleteMany({
      where: query.isEnterpriseInstall ? { enterpriseId: query.enterpriseId ?? null, teamId: null } : { teamId: query.teamId ?? null },
    });
  }
}
