import { CheckCircleFilled, UploadOutlined } from '@ant-design/icons';
import { Button, Flex, Progress, Typography, Upload } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { LINE_IMAGE, uploadLineImage } from '../lib/line-image-upload';
import type { LineImageProblem, UploadTransport, UploadedLineImage } from '../lib/line-image-upload';
import { FieldErrors } from './field';

/**
 * 「画像をアップロード」: picks a JPEG or PNG (a button, so the keyboard and screen readers reach
 * it), checks it against the `line-image` limits, uploads it with its progress, and hands the
 * public URLs to the editor. What goes wrong is said beside it, in the server's words when the
 * server refused. Hidden when the editor is read-only.
 */
export function LineImageUpload({
  id,
  label,
  hint,
  disabled,
  onUploaded,
  transport,
}: {
  /** Unique on the page; the hint and the status are `${id}-hint`, `${id}-status`. */
  id: string;
  label: string;
  hint: string;
  disabled: boolean;
  /** Fills the fields; a message it returns is shown as the upload's problem (the JSON cannot take it). */
  onUploaded: (image: UploadedLineImage) => string | void;
  transport?: UploadTransport;
}) {
  const { t } = useTranslation();
  const [progress, setProgress] = useState<number | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  if (disabled) return null;

  const problemText = (problem: LineImageProblem) => {
    switch (problem) {
      case 'tooLarge':
        return t('deliveries.upload.tooLarge', { max: LINE_IMAGE.maxLabel });
      case 'wrongType':
        return t('deliveries.upload.wrongType', { types: LINE_IMAGE.typesLabel });
      case 'empty':
        return t('deliveries.upload.empty');
    }
  };

  const start = async (file: File) => {
    setError(null);
    setDone(null);
    setProgress(0);
    const outcome = await uploadLineImage(file, setProgress, transport);
    setProgress(null);
    switch (outcome.kind) {
      case 'invalid':
        setError(problemText(outcome.problem));
        return;
      case 'refused':
        setError(outcome.message ?? t('deliveries.upload.refused'));
        return;
      case 'failed':
        setError(t('deliveries.upload.failed'));
        return;
      case 'ok': {
        const refused = onUploaded(outcome.image);
        if (refused) setError(refused);
        else setDone(t('deliveries.upload.done', { name: file.name }));
      }
    }
  };

  const busy = progress !== null;
  return (
    <Flex vertical gap={4} align="flex-start" style={{ marginBottom: 12 }}>
      <Upload
        accept={LINE_IMAGE.accept}
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void start(file);
          // The upload is ours (its body the bytes, not a form): antd sends nothing.
          return Upload.LIST_IGNORE;
        }}
      >
        <Button
          id={id}
          icon={<UploadOutlined aria-hidden="true" />}
          loading={busy}
          aria-describedby={`${id}-hint ${id}-status ${id}-errors`}
        >
          {label}
        </Button>
      </Upload>
      <Typography.Text id={`${id}-hint`} type="secondary" style={{ fontSize: 13 }}>
        {hint}
      </Typography.Text>
      <div id={`${id}-status`} role="status" style={{ width: '100%', maxWidth: 360 }}>
        {busy ? (
          <>
            <Progress percent={progress} size="small" aria-label={t('deliveries.upload.progressLabel')} />
            <Typography.Text style={{ fontSize: 13 }}>{t('deliveries.upload.uploading', { percent: progress })}</Typography.Text>
          </>
        ) : done ? (
          <Typography.Text style={{ fontSize: 13 }}>
            <CheckCircleFilled aria-hidden="true" style={{ color: '#1e7a46' }} /> {done}
          </Typography.Text>
        ) : null}
      </div>
      <div role="alert">
        <FieldErrors id={`${id}-errors`} errors={error ? [error] : []} />
      </div>
    </Flex>
  );
}
