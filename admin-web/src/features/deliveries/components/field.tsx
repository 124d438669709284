import { ExclamationCircleOutlined } from '@ant-design/icons';
import { Flex, Typography } from 'antd';
import type { ReactNode } from 'react';

/**
 * A labelled control with its hint and its problems underneath, tied to the control by
 * `aria-describedby` (see `describedBy`), so a screen reader reads the problem with the field.
 */
export function Field({
  id,
  label,
  hint,
  errors = [],
  children,
  extra,
}: {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  errors?: readonly string[];
  children: ReactNode;
  /** Beside the label, on the right (a character count). */
  extra?: ReactNode;
}) {
  return (
    <Flex vertical gap={4} style={{ marginBottom: 12, minWidth: 0 }}>
      <Flex justify="space-between" align="baseline" gap="small">
        <label htmlFor={id} style={{ fontWeight: 500 }}>
          {label}
        </label>
        {extra}
      </Flex>
      {children}
      {hint ? (
        <Typography.Text id={`${id}-hint`} type="secondary" style={{ fontSize: 13 }}>
          {hint}
        </Typography.Text>
      ) : null}
      <FieldErrors id={`${id}-errors`} errors={errors} />
    </Flex>
  );
}

/** Problems in red with an icon (not by colour alone). */
export function FieldErrors({ id, errors }: { id?: string; errors: readonly string[] }) {
  return (
    <div id={id}>
      {errors.map((message) => (
        <Typography.Text key={message} type="danger" style={{ display: 'block', fontSize: 14 }}>
          <ExclamationCircleOutlined aria-hidden="true" /> {message}
        </Typography.Text>
      ))}
    </div>
  );
}

/** The ARIA attributes of a Field's control. */
export function describedBy(id: string, errors: readonly string[] = [], hint = false) {
  return {
    id,
    'aria-describedby': [hint ? `${id}-hint` : null, `${id}-errors`].filter(Boolean).join(' '),
    'aria-invalid': errors.length > 0 ? true : undefined,
  };
}
