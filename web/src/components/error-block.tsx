import { Alert, Button, Result } from 'antd';
import { ApiError, errorMessage } from '../api/client';

/** A failed page load: the server's message, and 重试. */
export function ErrorBlock({ error, onRetry }: { error: unknown; onRetry?: () => void }) {
  if (error instanceof ApiError && (error.status === 403 || error.status === 404)) {
    return (
      <Result
        status={error.status === 403 ? '403' : '404'}
        title={error.status === 403 ? '无权访问' : '内容不存在'}
        subTitle={error.message}
        extra={
          <Button type="primary" href="#/">
            返回首页
          </Button>
        }
      />
    );
  }
  return (
    <Alert
      type="error"
      showIcon
      title="加载失败"
      description={errorMessage(error)}
      action={
        onRetry ? (
          <Button size="small" onClick={onRetry}>
            重试
          </Button>
        ) : undefined
      }
      data-testid="load-error"
    />
  );
}
