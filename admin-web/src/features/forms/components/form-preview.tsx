import { Alert, Button, Drawer, Form, Typography } from 'antd';
import { computeVisibility } from '@machi/form-engine';
import type { AnswerValue, Answers, FormDefinition } from '@machi/form-engine';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { AnswerInput } from './answer-input';

/**
 * The form as a resident would see it, answerable but never sent: the engine's visibility rules
 * decide which pages, fields and options show, exactly as on the resident's page. Staff-only
 * fields are left out, as residents never see them.
 */
export function FormPreview({ title, description, definition }: { title: string; description: string | null; definition: FormDefinition }) {
  const { t } = useTranslation();
  const [answers, setAnswers] = useState<Answers>({});
  const visibility = computeVisibility(definition, answers);
  const pages = definition.pages.filter((p) => visibility.pages.has(p.id));
  const hidden = definition.pages.length - pages.length;
  const set = (id: string, value: AnswerValue) => {
    setAnswers((current) => ({ ...current, [id]: value }));
  };

  return (
    <div className="form-preview">
      <Typography.Paragraph type="secondary">{t('forms.preview.description')}</Typography.Paragraph>
      <Typography.Title level={2} style={{ fontSize: 20 }}>
        {title}
      </Typography.Title>
      {description ? <Typography.Paragraph style={{ whiteSpace: 'pre-wrap' }}>{description}</Typography.Paragraph> : null}
      {hidden > 0 ? <Alert className="form-alert" type="info" showIcon title={t('forms.preview.hiddenPages', { count: hidden })} /> : null}
      {pages.map((page, index) => {
        const fields = page.fields.filter((f) => visibility.fields.has(f.id) && !f.adminOnly);
        return (
          <section key={page.id} aria-labelledby={`preview-${page.id}`} style={{ marginBottom: 24 }}>
            <Typography.Title level={3} id={`preview-${page.id}`} style={{ fontSize: 17 }}>
              {t('forms.preview.pageOf', { current: index + 1, total: pages.length })}
              {page.title ? `：${page.title}` : ''}
            </Typography.Title>
            {fields.length === 0 ? <Typography.Text type="secondary">{t('forms.preview.noFields')}</Typography.Text> : null}
            <Form layout="vertical" component="div" colon={false}>
              {fields.map((field) => (
                <AnswerInput
                  key={field.id}
                  idPrefix="preview"
                  field={field}
                  answers={answers}
                  effective={visibility.answers}
                  onChange={set}
                />
              ))}
            </Form>
          </section>
        );
      })}
      {definition.confirmation !== false ? (
        <Typography.Paragraph type="secondary">{t('forms.preview.confirmationNote')}</Typography.Paragraph>
      ) : null}
      <Button
        onClick={() => {
          setAnswers({});
        }}
      >
        {t('forms.preview.reset')}
      </Button>
    </div>
  );
}

export function FormPreviewDrawer({
  open,
  onClose,
  title,
  description,
  definition,
}: {
  open: boolean;
  onClose: () => void;
  title: string;
  description: string | null;
  definition: FormDefinition;
}) {
  const { t } = useTranslation();
  return (
    <Drawer open={open} onClose={onClose} title={t('forms.preview.title')} size={480} destroyOnHidden>
      <FormPreview title={title} description={description} definition={definition} />
    </Drawer>
  );
}
