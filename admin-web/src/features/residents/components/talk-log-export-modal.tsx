import { DatePicker, Flex, Form, Select, Typography } from 'antd';
import dayjs from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormModal } from '../../../shared/ui/form-modal';
import { talkLogCsvUrl } from '../lib/talk-log-csv';
import type { TalkLogExportValues } from '../lib/talk-log-csv';

/** Period and channel for the talk log CSV; the browser downloads it with the session cookie. */
export function TalkLogExportModal({
  channelOptions,
  onClose,
}: {
  /** null: the viewer may not list channels, so the export covers all of them. */
  channelOptions: { value: string; label: string }[] | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [form] = Form.useForm<TalkLogExportValues>();
  return (
    <FormModal
      title={t('residents.csvTitle')}
      formName="talk-log-export"
      submitText={t('residents.csvSubmit')}
      submitting={false}
      onCancel={onClose}
    >
      <Typography.Paragraph type="secondary">{t('residents.csvDescription')}</Typography.Paragraph>
      <Form<TalkLogExportValues>
        form={form}
        name="talk-log-export"
        layout="vertical"
        initialValues={{ from: dayjs().subtract(1, 'month').add(1, 'day'), to: dayjs() }}
        onFinish={(values) => {
          window.location.assign(talkLogCsvUrl(values));
          onClose();
        }}
      >
        <fieldset className="plain-fieldset">
          <legend>{t('residents.csvPeriod')}</legend>
          <Flex gap="middle" wrap>
            <Form.Item name="from" label={t('residents.csvPeriodStart')}>
              <DatePicker format="YYYY/MM/DD" />
            </Form.Item>
            <Form.Item name="to" label={t('residents.csvPeriodEnd')}>
              <DatePicker format="YYYY/MM/DD" />
            </Form.Item>
          </Flex>
        </fieldset>
        {channelOptions ? (
          <Form.Item name="channelId" label={t('residents.csvChannel')}>
            <Select allowClear placeholder={t('residents.filters.allChannels')} options={channelOptions} />
          </Form.Item>
        ) : null}
      </Form>
    </FormModal>
  );
}
