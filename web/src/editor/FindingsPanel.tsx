/** Side panel: every finding with its rule's explanation; clicking one scrolls to its cell. */
import { memo } from 'react';
import { Badge, Empty, List, Tag, Typography } from 'antd';
import type { Finding } from '../../../src/checks/finding.js';
import { allRules } from '../../../src/checks/catalogue.js';
import { formatFinding } from '../../../src/checks/format.js';
import { useI18n } from '../i18n/index.js';

const RULES = new Map(allRules.map((r) => [r.id as string, r]));
const SEV_COLOR = { error: 'red', warning: 'orange', info: 'blue' } as const;
const SEV_ORDER = { error: 0, warning: 1, info: 2 } as const;

export function focusPath(path: string) {
  if (!path) return;
  const el =
    document.querySelector<HTMLElement>(`[data-cell="${CSS.escape(path)}"]`) ??
    document.querySelector<HTMLElement>(`[data-cell^="${CSS.escape(path.replace(/\.[a-zA-Z]+$/, ''))}"]`);
  if (!el) return;
  el.scrollIntoView({ block: 'center', behavior: 'smooth' });
  el.classList.add('flash');
  setTimeout(() => el.classList.remove('flash'), 1200);
  el.querySelector<HTMLElement>('input,textarea')?.focus({ preventScroll: true });
}

export const FindingsPanel = memo(FindingsPanelImpl, (a, b) => a.findings === b.findings || sig(a.findings) === sig(b.findings));

const sig = (l: Finding[]) => l.map((f) => `${f.code}|${f.path}|${f.message}`).join('\n');

function FindingsPanelImpl({ findings }: { findings: Finding[] }) {
  const { t, lang } = useI18n();
  const sorted = [...findings].sort((a, b) => SEV_ORDER[a.severity] - SEV_ORDER[b.severity] || (a.indicatorIndex ?? -1) - (b.indicatorIndex ?? -1));
  const n = (s: Finding['severity']) => findings.filter((f) => f.severity === s).length;
  return (
    <div className="findings-panel" data-testid="findings-panel" data-count={findings.length} data-errors={n('error')} data-codes={findings.map((f) => f.code).join(',')}>
      <div className="panel-head">
        <Typography.Text strong>{t('findings.title')}</Typography.Text>{' '}
        <Badge count={n('error')} showZero color="red" title={t('findings.error')} data-testid="findings-errors" />{' '}
        <Badge count={n('warning')} showZero color="orange" title={t('findings.warning')} data-testid="findings-warnings" />{' '}
        <Badge count={n('info')} showZero color="blue" title={t('findings.info')} />
      </div>
      {sorted.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('findings.none')} />
      ) : (
        <List
          size="small"
          dataSource={sorted}
          renderItem={(f) => {
            const rule = RULES.get(f.code);
            return (
              <List.Item className={`finding sev-${f.severity}`} onClick={() => focusPath(f.path)} data-code={f.code}>
                <div>
                  <Tag color={SEV_COLOR[f.severity]}>{f.code}</Tag>
                  <span className="finding-msg">{lang === 'zh-CN' ? f.message : formatFinding(f, 'en')}</span>
                  {rule ? (
                    <div className="finding-rule">
                      {t('findings.rule')} {rule.id}：{rule.description[lang]}
                    </div>
                  ) : null}
                </div>
              </List.Item>
            );
          }}
        />
      )}
    </div>
  );
}
