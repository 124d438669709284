import { Alert } from 'antd';
import { describeApiError } from '../lib/graphql-errors';
import { ErrorAlert } from './error-alert';

export interface EditorFailuresProps {
  /** The last save's failure; null when the last save worked or none was tried. */
  failure: { error: unknown } | null;
  /** Forgets the failure (the alert's close button). */
  onClose: () => void;
  /** What still stops saving, in the UI's language: the editor's own checks and the server's field messages it placed. */
  messages: readonly string[];
  /** The heading over `messages` ("N 件の問題があるため保存できません"). */
  title: string;
}

/**
 * What stopped an editor's save, above the editor. A refusal that names input fields
 * (BAD_USER_INPUT with `extensions.fields`) is told beside those fields and in `messages`, so it
 * is not said twice; any other refusal (a code, a network failure) is explained by its own alert.
 */
export function EditorFailures({ failure, onClose, messages, title }: EditorFailuresProps) {
  const info = failure ? describeApiError(failure.error) : null;
  const placed = info?.code === 'BAD_USER_INPUT' && Object.keys(info.fields).length > 0;
  return (
    <>
      {failure && !placed ? <ErrorAlert className="form-alert" error={failure.error} onClose={onClose} /> : null}
      {messages.length > 0 ? (
        <Alert
          className="form-alert"
          type="error"
          showIcon
          role="alert"
          title={title}
          description={
            <ul className="error-list">
              {messages.map((m) => (
                <li key={m}>{m}</li>
              ))}
            </ul>
          }
        />
      ) : null}
    </>
  );
}
