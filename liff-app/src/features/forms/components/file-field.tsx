import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DEFAULT_MAX_FILES, LIMITS, type FormField } from '@machi/form-engine';
import type { UploadedFile } from '../lib/answer-storage';
import { ATTACHMENT_MAX_BYTES, IMAGE_TYPES, PDF_TYPE, sizeLabel, uploadAttachment } from '../lib/upload';
import type { FieldControlProps } from './field-control';
import { controlAria, fieldIds, LabelledField } from './field-shell';
import styles from './form-fields.module.css';

/** Images (and PDFs) uploaded as soon as they are chosen; the answer is the media ids. */
export function FileField({
  field,
  value,
  error,
  onChange,
  files,
  onFilesUploaded,
}: FieldControlProps & { field: Extract<FormField, { type: 'file' }> }) {
  const { t } = useTranslation();
  const ids = fieldIds(field.id);
  const input = useRef<HTMLInputElement>(null);
  const [busy, setBusy] = useState(false);
  const [problems, setProblems] = useState<string[]>([]);
  const [announcement, setAnnouncement] = useState('');
  const max = Math.min(field.maxFiles ?? DEFAULT_MAX_FILES, LIMITS.files);
  const current = Array.isArray(value) ? (value as readonly string[]) : [];
  const accept = field.accept === 'image' ? IMAGE_TYPES.join(',') : [...IMAGE_TYPES, PDF_TYPE].join(',');
  const maxLabel = sizeLabel(ATTACHMENT_MAX_BYTES);

  const choose = async (chosen: File[]) => {
    const found: string[] = [];
    const room = max - current.length;
    if (chosen.length > room) found.push(t('forms.file.tooMany', { max: String(max) }));
    const uploaded: UploadedFile[] = [];
    setBusy(true);
    for (const file of chosen.slice(0, Math.max(0, room))) {
      // Refused here to spare a 10 MB upload on a phone line; the server checks the bytes again.
      if (file.size > ATTACHMENT_MAX_BYTES) {
        found.push(t('forms.file.tooLarge', { name: file.name, max: maxLabel }));
        continue;
      }
      const result = await uploadAttachment(file);
      if (result.kind === 'ok') uploaded.push(result.file);
      else if (result.kind === 'refused' && result.tooLarge) found.push(t('forms.file.tooLarge', { name: file.name, max: maxLabel }));
      else
        found.push(
          result.kind === 'refused' && result.message ? `${file.name}: ${result.message}` : t('forms.file.failed', { name: file.name }),
        );
    }
    setBusy(false);
    setProblems(found);
    if (uploaded.length > 0) {
      onFilesUploaded(uploaded);
      onChange([...current, ...uploaded.map((f) => f.id)]);
      setAnnouncement(uploaded.map((f) => t('forms.file.uploaded', { name: f.name })).join(' '));
    } else {
      setAnnouncement('');
    }
    if (input.current) input.current.value = '';
  };

  return (
    <LabelledField field={field} error={error}>
      {current.length > 0 ? (
        <ul className={styles.files}>
          {current.map((id, i) => {
            const file = files[id];
            const name = file?.name ?? t('forms.file.attachment', { n: String(i + 1) });
            return (
              <li key={id} className={styles.fileItem}>
                {file?.thumbnailUrl ? (
                  <img className={styles.thumbnail} src={file.thumbnailUrl} alt={t('forms.file.thumbnailAlt', { name })} />
                ) : (
                  <span className={styles.fileBadge} aria-hidden="true">
                    {file?.contentType === PDF_TYPE ? t('forms.file.pdf') : '📎'}
                  </span>
                )}
                <span className={styles.fileName}>{name}</span>
                <button
                  type="button"
                  className={styles.linkButton}
                  onClick={() => {
                    onChange(current.filter((other) => other !== id));
                    input.current?.focus();
                  }}
                >
                  {t('forms.file.remove', { name })}
                </button>
              </li>
            );
          })}
        </ul>
      ) : null}
      <div className={styles.fileInput}>
        <input
          ref={input}
          {...controlAria(field, error, ids.extra, problems.length > 0 && `${ids.extra}-problems`)}
          type="file"
          accept={accept}
          multiple={max > 1}
          disabled={busy || current.length >= max}
          onChange={(e) => void choose(Array.from(e.target.files ?? []))}
        />
      </div>
      <p id={ids.extra} className={styles.help}>
        {field.accept === 'image'
          ? t('forms.file.hintImage', { max: maxLabel, count: max })
          : t('forms.file.hintImageOrPdf', { max: maxLabel, count: max })}
      </p>
      {problems.length > 0 ? (
        <div id={`${ids.extra}-problems`} role="alert">
          <ul className={styles.error}>
            {problems.map((p, i) => (
              <li key={i}>{p}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div role="status" className={styles.status}>
        {busy ? t('forms.file.uploading') : announcement}
      </div>
    </LabelledField>
  );
}
