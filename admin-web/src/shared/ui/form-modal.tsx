import { Modal } from 'antd';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FormModalProps {
  title: ReactNode;
  /** The `name` of the antd Form inside; it becomes the form's id, which the OK button submits. */
  formName: string;
  submitText: ReactNode;
  submitting: boolean;
  onCancel: () => void;
  width?: number;
  children: ReactNode;
}

/**
 * A modal whose OK button is the submit button of the form inside, so Enter and the button take
 * the same path (validation, then onFinish). Mount it only while open.
 */
export function FormModal({ title, formName, submitText, submitting, onCancel, width, children }: FormModalProps) {
  const { t } = useTranslation();
  return (
    <Modal
      open
      title={title}
      onCancel={onCancel}
      okText={submitText}
      cancelText={t('common.cancel')}
      okButtonProps={{ htmlType: 'submit', form: formName, loading: submitting }}
      mask={{ closable: false }}
      width={width}
      destroyOnHidden
    >
      {children}
    </Modal>
  );
}
