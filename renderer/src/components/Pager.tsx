import { Button } from 'react-aria-components';
import { useTranslation } from '../i18n';

export function Pager(p: { offset: number; limit: number; total: number; onChange(offset: number): void }) {
  const { t } = useTranslation();
  const from = p.total === 0 ? 0 : p.offset + 1;
  const to = Math.min(p.offset + p.limit, p.total);
  return (
    <div className="pager">
      <Button isDisabled={p.offset === 0} onPress={() => p.onChange(Math.max(0, p.offset - p.limit))}>
        {t('admin.previousPage')}
      </Button>
      <span aria-live="polite">{t('admin.pageInfo', { from, to, total: p.total })}</span>
      <Button isDisabled={to >= p.total} onPress={() => p.onChange(p.offset + p.limit)}>
        {t('admin.nextPage')}
      </Button>
    </div>
  );
}
