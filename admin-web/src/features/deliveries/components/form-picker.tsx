import { useApolloClient, useQuery } from '@apollo/client/react';
import { Alert, App, Select } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DeliveryFormCardDocument, DeliveryFormsDocument } from '../../../gql/graphql';
import type { DeliveryFormsQuery } from '../../../gql/graphql';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { toDraft } from '../lib/messages';
import type { CardDraft } from '../lib/messages';
import { Field, FieldErrors, describedBy } from './field';

export type PickableForm = DeliveryFormsQuery['forms']['edges'][number]['node'];

/**
 * The form a delivery carries (FORM-08): published forms of the viewer's departments. Choosing one
 * asks the server for its link card (the resident page's URL is the server's) and hands it to the
 * editor to insert in each language; clearing it leaves the card, as staff may have edited it.
 */
export function FormPicker({
  formId,
  onFormChange,
  onInsertCard,
  problems,
  disabled,
  canReadForms,
}: {
  formId: string | null;
  /** The form chosen (null: none), and the form itself while the list has it. */
  onFormChange: (formId: string | null, form: PickableForm | null) => void;
  onInsertCard: (card: CardDraft) => void;
  problems: readonly string[];
  disabled: boolean;
  canReadForms: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const client = useApolloClient();
  const [cardError, setCardError] = useState<unknown>(null);
  const formsQuery = useQuery(DeliveryFormsDocument, { variables: { first: 100 }, skip: !canReadForms });
  const forms = formsQuery.data?.forms.edges.map((e) => e.node) ?? [];
  if (!canReadForms)
    return (
      <>
        {formId ? <Alert type="info" showIcon title={t('deliveries.attachments.form.unavailable')} style={{ marginBottom: 8 }} /> : null}
        <FieldErrors errors={problems} />
      </>
    );
  const options = [
    ...forms.map((form) => ({
      value: form.id,
      label: t('deliveries.attachments.form.option', {
        title: form.title,
        access: t(form.access === 'BROWSER_ALLOWED' ? 'deliveries.attachments.form.browser' : 'deliveries.attachments.form.lineOnly'),
      }),
    })),
    ...(formId && !formsQuery.loading && !forms.some((f) => f.id === formId)
      ? [{ value: formId, label: t('deliveries.attachments.form.unknownForm') }]
      : []),
  ];
  const choose = async (id: string | undefined) => {
    setCardError(null);
    const chosen = forms.find((f) => f.id === id) ?? null;
    onFormChange(id ?? null, chosen);
    if (!id) return;
    try {
      const { data } = await client.query({ query: DeliveryFormCardDocument, variables: { formId: id }, fetchPolicy: 'network-only' });
      const card = toDraft(data?.deliveryFormCard);
      if (card.type !== 'card') return;
      onInsertCard(card);
      void message.success(t('deliveries.attachments.form.cardInserted'));
    } catch (error) {
      setCardError(error);
    }
  };
  return (
    <Field id="delivery-form" label={t('deliveries.attachments.form.label')} hint={t('deliveries.attachments.form.hint')} errors={problems}>
      <Select<string>
        {...describedBy('delivery-form', problems, true)}
        value={formId ?? undefined}
        allowClear
        disabled={disabled}
        loading={formsQuery.loading}
        placeholder={t('deliveries.attachments.form.placeholder')}
        options={options}
        showSearch={{ optionFilterProp: 'label' }}
        style={{ maxWidth: 520 }}
        notFoundContent={formsQuery.loading ? t('app.loading') : t('deliveries.attachments.form.noForms')}
        onChange={(id) => void choose(id)}
      />
      {formId ? <Alert type="info" showIcon title={t('deliveries.attachments.form.removeHint')} style={{ marginTop: 8 }} /> : null}
      {cardError ? <ErrorAlert className="form-alert" error={cardError} onClose={() => setCardError(null)} /> : null}
    </Field>
  );
}
