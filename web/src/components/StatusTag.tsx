import { Tag } from 'antd';
import type { FormStatus } from '../api/types.js';
import { useI18n } from '../i18n/index.js';

const COLOR: Record<FormStatus, string> = { draft: 'default', dept_review: 'processing', finance_review: 'cyan', returned: 'warning', published: 'success' };

export function StatusTag({ status }: { status: FormStatus }) {
  const { t } = useI18n();
  return <Tag color={COLOR[status]} data-testid="status">{t(`status.${status}`)}</Tag>;
}
