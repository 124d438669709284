import { useMutation } from '@apollo/client/react';
import { App, Form } from 'antd';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { useViewer } from '../../../app/auth/viewer-context';
import { CreatePublicCommentProcedureDocument } from '../../../gql/graphql';
import { FormModal } from '../../../shared/ui/form-modal';
import { useFormErrors } from '../../../shared/ui/use-form-errors';
import { fromJapanInput } from '../lib/period';
import { PROCEDURE_FIELDS, ProcedureFormFields, type ProcedureFormValues } from './procedure-form';

/** A new draft procedure, owned by the staff member's department; its opinion form is made with it. */
export function CreateProcedureModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const viewer = useViewer();
  const navigate = useNavigate();
  const [form] = Form.useForm<ProcedureFormValues>();
  const errors = useFormErrors(form, PROCEDURE_FIELDS);
  const [create, { loading }] = useMutation(CreatePublicCommentProcedureDocument, { refetchQueries: ['PublicCommentProcedures'] });

  const submit = async (values: ProcedureFormValues) => {
    errors.clear();
    try {
      const { data } = await create({
        variables: {
          input: {
            title: values.title,
            summary: values.summary ?? '',
            body: values.body,
            opensAt: fromJapanInput(values.opensAt) ?? '',
            closesAt: fromJapanInput(values.closesAt) ?? '',
            departmentId: viewer.staff.department.id,
          },
        },
      });
      void message.success(t('publicComment.created'));
      onClose();
      if (data) void navigate(`/public-comments/${data.createPublicCommentProcedure.procedure.id}`);
    } catch (error) {
      errors.handle(error);
    }
  };

  return (
    <FormModal
      title={t('publicComment.createTitle')}
      formName="public-comment-create"
      submitText={t('publicComment.create')}
      submitting={loading}
      onCancel={onClose}
      width={640}
    >
      {errors.alert}
      <Form form={form} name="public-comment-create" layout="vertical" onFinish={(v) => void submit(v)}>
        <ProcedureFormFields form={form} />
      </Form>
    </FormModal>
  );
}
