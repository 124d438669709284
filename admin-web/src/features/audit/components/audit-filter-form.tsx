import { ClearOutlined, FilterOutlined } from '@ant-design/icons';
import { Button, Col, DatePicker, Form, Input, Row, Space } from 'antd';
import { useTranslation } from 'react-i18next';
import type { AuditFilterValues } from '../lib/audit-filter';

export function AuditFilterForm({ onApply, onReset }: { onApply: (values: AuditFilterValues) => void; onReset: () => void }) {
  const { t } = useTranslation();
  const [form] = Form.useForm<AuditFilterValues>();
  return (
    <Form<AuditFilterValues> form={form} name="audit-filter" layout="vertical" onFinish={onApply} role="search">
      <Row gutter={16}>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="from" label={t('audit.filters.from')}>
            <DatePicker format="YYYY/MM/DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="to" label={t('audit.filters.to')}>
            <DatePicker format="YYYY/MM/DD" style={{ width: '100%' }} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="action" label={t('audit.filters.action')}>
            <Input placeholder={t('audit.filters.actionPlaceholder')} autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="actorId" label={t('audit.filters.actorId')}>
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="targetType" label={t('audit.filters.targetType')}>
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} sm={12} lg={6}>
          <Form.Item name="targetId" label={t('audit.filters.targetId')}>
            <Input autoComplete="off" spellCheck={false} />
          </Form.Item>
        </Col>
        <Col xs={24} lg={12}>
          <Form.Item label={<span className="visually-hidden">{t('audit.filters.title')}</span>} colon={false}>
            <Space wrap>
              <Button type="primary" htmlType="submit" icon={<FilterOutlined />}>
                {t('audit.filters.apply')}
              </Button>
              <Button
                icon={<ClearOutlined />}
                onClick={() => {
                  form.resetFields();
                  onReset();
                }}
              >
                {t('audit.filters.reset')}
              </Button>
            </Space>
          </Form.Item>
        </Col>
      </Row>
    </Form>
  );
}
