import { t } from '../i18n';

/** "2 residents, 1 user, 40 audit entries": what a backup holds, with each count's plural rule. */
export function holdsCountsText(c: { residents: number; users: number; auditRows: number }): string {
  return t('backup.holdsCounts', {
    residents: t('backup.countResidents', { count: c.residents }),
    users: t('backup.countUsers', { count: c.users }),
    auditRows: t('backup.countAuditRows', { count: c.auditRows }),
  });
}
