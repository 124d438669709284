import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

export function PageHeader({ title, description, extra }: { title: ReactNode; description?: ReactNode; extra?: ReactNode }) {
  return (
    <Flex className="page-header" justify="space-between" align="flex-start" gap="middle" wrap>
      <div>
        <Typography.Title level={1} className="page-title">
          {title}
        </Typography.Title>
        {description ? <Typography.Paragraph type="secondary">{description}</Typography.Paragraph> : null}
      </div>
      {extra ? (
        <Flex gap="small" wrap>
          {extra}
        </Flex>
      ) : null}
    </Flex>
  );
}
