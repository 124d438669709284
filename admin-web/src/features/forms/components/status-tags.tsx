import { Tag } from 'antd';
import { useTranslation } from 'react-i18next';
import type { FormKind, FormStatus, SubmissionStatus } from '../../../gql/graphql';
import { FORM_STATUS_COLORS, SUBMISSION_STATUS_COLORS } from '../lib/form-display';

export function FormStatusTag({ status }: { status: FormStatus }) {
  const { t } = useTranslation();
  return <Tag color={FORM_STATUS_COLORS[status]}>{t(`forms.statuses.${status}`)}</Tag>;
}

export function FormKindTag({ kind }: { kind: FormKind }) {
  const { t } = useTranslation();
  return <Tag>{t(`forms.kinds.${kind}`)}</Tag>;
}

export function SubmissionStatusTag({ status }: { status: SubmissionStatus }) {
  const { t } = useTranslation();
  return <Tag color={SUBMISSION_STATUS_COLORS[status]}>{t(`forms.submissionStatuses.${status}`)}</Tag>;
}
