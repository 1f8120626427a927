/**
 * Errors, Ant Design style: a request that fails shows a notification with the server's message;
 * a page that cannot load shows an Alert with a retry; a 409 is explained, never retried silently.
 */
import { useCallback } from 'react';
import { Alert, App, Button } from 'antd';
import { ApiError } from '../api/client.js';
import { useI18n } from '../i18n/index.js';

export function describeError(e: unknown): { title: string; detail: string } {
  if (e instanceof ApiError) {
    const title =
      e.status === 0 ? '网络错误' : e.status === 401 ? '未登录或会话已过期' : e.status === 403 ? '无权操作' : e.status === 404 ? '不存在' : e.status === 409 ? '状态冲突' : e.status === 422 ? '内容不合格' : `请求失败（${e.status}）`;
    return { title, detail: e.message };
  }
  return { title: '出错了', detail: e instanceof Error ? e.message : String(e) };
}

export function useShowError() {
  const { notification } = App.useApp();
  return useCallback(
    (e: unknown) => {
      const { title, detail } = describeError(e);
      notification.error({ message: title, description: detail, placement: 'topRight' });
    },
    [notification],
  );
}

export function ErrorAlert({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  const { t } = useI18n();
  const { title, detail } = describeError(error);
  return (
    <Alert
      type="error"
      showIcon
      message={title}
      description={detail}
      data-testid="error-alert"
      action={onRetry ? <Button size="small" onClick={onRetry}>{t('common.retry')}</Button> : undefined}
      style={{ margin: '12px 0' }}
    />
  );
}
