// Bolt's InstallationStore over the domain's InstallationService. Installing creates the
// workspace's tenant.
import type { InstallationStore, Installation, InstallationQuery } from '@slack/bolt';
import type { InstallationService } from '../../domain/identity/installations.ts';

export class SlackInstallationMissingError extends Error {
  readonly code = 'SLACK.NOT_INSTALLED';
  constructor(query: { teamId?: string | undefined; enterpriseId?: string | undefined }) {
    super(`Rapport is not installed in Slack team ${query.teamId ?? '-'} / enterprise ${query.enterpriseId ?? '-'}`);
  }
}

export class ServiceInstallationStore implements InstallationStore {
  constructor(
    private readonly installations: InstallationService,
    private readonly onInstalled: (teamId: string, teamName: string | undefined) => Promise<unknown>,
  ) {}

  async storeInstallation(installation: Installation): Promise<void> {
    const enterpriseId = installation.enterprise?.id ?? null;
    const teamId = installation.isEnterpriseInstall ? null : (installation.team?.id ?? null);
    await this.installations.store(enterpriseId, teamId, installation);
    if (teamId) await this.onInstalled(teamId, installation.team?.name);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<Installation> {
    const found = await this.installations.find({ enterpriseId: query.enterpriseId, teamId: query.teamId, orgWide: query.isEnterpriseInstall });
    if (!found) throw new SlackInstallationMissingError(query);
    return found as Installation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    await this.installations.remove({ enterpriseId: query.enterpriseId, teamId: query.teamId, orgWide: query.isEnterpriseInstall });
  }
}
