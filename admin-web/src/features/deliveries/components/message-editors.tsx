import { DeleteOutlined, FormatPainterOutlined, SmileOutlined } from '@ant-design/icons';
import { LIMITS, lineLength } from '@machi/message-compose';
import { App, Button, Flex, Input, Select, Typography } from 'antd';
import type { TextAreaRef } from 'antd/es/input/TextArea';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UploadedLineImage } from '../lib/line-image-upload';
import { TEMPLATES, TEMPLATE_KEYS, flexDraft, imagemapWithImage, parseJson } from '../lib/messages';
import type {
  CardDraft,
  EmojiDraft,
  FlexDraft,
  ImageDraft,
  ImagemapDraft,
  MessageDraft,
  StickerDraft,
  TemplateKey,
  TextDraft,
  VideoDraft,
} from '../lib/messages';
import { problemsAt, problemsBesides } from '../lib/problems';
import type { MessageProblem } from '../lib/problems';
import { Field, FieldErrors, describedBy } from './field';
import { ImagemapAreas } from './imagemap-areas';
import { LineImageUpload } from './line-image-upload';

export interface MessageEditorProps<D extends MessageDraft = MessageDraft> {
  draft: D;
  /** Unique on the page: `delivery-ja-m3`. */
  idPrefix: string;
  problems: readonly MessageProblem[] | undefined;
  disabled: boolean;
  onChange: (patch: Partial<D>) => void;
  onReplace: (draft: MessageDraft) => void;
}

const MONO = { fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace', fontSize: 13 };

/** `12 / 40文字`, red with a word when over. */
function Count({ value, max, id }: { value: string; max: number; id?: string }) {
  const { t } = useTranslation();
  const n = lineLength(value);
  const over = n > max;
  return (
    <Typography.Text id={id} type={over ? 'danger' : 'secondary'} style={{ fontSize: 13 }} className="nowrap">
      {over
        ? t('deliveries.editor.countOver', { n: n.toLocaleString('ja-JP'), max: max.toLocaleString('ja-JP') })
        : t('deliveries.editor.count', { n: n.toLocaleString('ja-JP'), max: max.toLocaleString('ja-JP') })}
    </Typography.Text>
  );
}

/** One text field of a message: its label, problems and, with a limit, its length. */
function TextField<D extends MessageDraft>({
  props,
  field,
  label,
  hint,
  max,
  multiline = false,
  placeholder,
  inputMode,
}: {
  props: MessageEditorProps<D>;
  field: keyof D & string;
  label: string;
  hint?: string;
  max?: number;
  multiline?: boolean;
  placeholder?: string;
  inputMode?: 'numeric' | 'url';
}) {
  const id = `${props.idPrefix}-${field}`;
  const errors = problemsAt(props.problems, field);
  const value = String(props.draft[field] ?? '');
  const aria = describedBy(id, errors, hint !== undefined);
  const change = (next: string) => props.onChange({ [field]: next } as Partial<D>);
  return (
    <Field id={id} label={label} hint={hint} errors={errors} extra={max ? <Count value={value} max={max} /> : undefined}>
      {multiline ? (
        <Input.TextArea
          {...aria}
          value={value}
          disabled={props.disabled}
          placeholder={placeholder}
          autoSize={{ minRows: 3, maxRows: 14 }}
          onChange={(e) => change(e.target.value)}
        />
      ) : (
        <Input
          {...aria}
          value={value}
          disabled={props.disabled}
          placeholder={placeholder}
          inputMode={inputMode}
          onChange={(e) => change(e.target.value)}
        />
      )}
    </Field>
  );
}

function Rest({ props, fields }: { props: MessageEditorProps; fields: readonly string[] }) {
  return <FieldErrors errors={problemsBesides(props.problems, fields)} />;
}

export function MessageEditor(props: MessageEditorProps) {
  switch (props.draft.type) {
    case 'text':
      return <TextEditor {...(props as MessageEditorProps<TextDraft>)} />;
    case 'sticker':
      return <StickerEditor {...(props as MessageEditorProps<StickerDraft>)} />;
    case 'image':
      return <ImageEditor {...(props as MessageEditorProps<ImageDraft>)} />;
    case 'video':
      return <VideoEditor {...(props as MessageEditorProps<VideoDraft>)} />;
    case 'card':
      return <CardEditor {...(props as MessageEditorProps<CardDraft>)} />;
    case 'flex':
      return <FlexEditor {...(props as MessageEditorProps<FlexDraft>)} />;
    case 'imagemap':
      return <ImagemapEditor {...(props as MessageEditorProps<ImagemapDraft>)} />;
  }
}

function TextEditor(props: MessageEditorProps<TextDraft>) {
  const { t } = useTranslation();
  const { draft, idPrefix, disabled, onChange } = props;
  const area = useRef<TextAreaRef>(null);
  const id = `${idPrefix}-text`;
  const errors = problemsAt(props.problems, 'text');
  const setEmoji = (index: number, patch: Partial<EmojiDraft>) =>
    onChange({ emojis: draft.emojis.map((e, i) => (i === index ? { ...e, ...patch } : e)) });
  const addEmoji = () => {
    // A `$` where the caret is; its emoji takes the place among the others that its `$` has.
    const element = area.current?.resizableTextArea?.textArea;
    const at = element && document.activeElement === element ? element.selectionStart : draft.text.length;
    const before = draft.text.slice(0, at);
    const ordinal = [...before].filter((c) => c === '$').length;
    const emojis = [...draft.emojis];
    emojis.splice(ordinal, 0, { productId: '', emojiId: '' });
    onChange({ text: `${before}$${draft.text.slice(at)}`, emojis });
  };
  return (
    <>
      <Field
        id={id}
        label={t('deliveries.editor.text.text')}
        hint={t('deliveries.editor.text.hint')}
        errors={errors}
        extra={<Count value={draft.text} max={LIMITS.text} />}
      >
        <Input.TextArea
          ref={area}
          {...describedBy(id, errors, true)}
          value={draft.text}
          disabled={disabled}
          autoSize={{ minRows: 4, maxRows: 16 }}
          placeholder={t('deliveries.editor.text.placeholder')}
          onChange={(e) => onChange({ text: e.target.value })}
        />
      </Field>
      <fieldset className="plain-fieldset" style={{ marginBottom: 8 }}>
        <legend>{t('deliveries.editor.text.emojis')}</legend>
        <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginBottom: 8 }}>
          {t('deliveries.editor.text.emojiHint')}
        </Typography.Paragraph>
        {draft.emojis.map((emoji, index) => {
          const number = index + 1;
          const rowErrors = problemsAt(props.problems, `emojis.${index}`);
          return (
            <div key={index} role="group" aria-label={t('deliveries.editor.text.emojiNumber', { n: number })} style={{ marginBottom: 8 }}>
              <Flex gap="small" align="flex-end" wrap>
                <Field id={`${idPrefix}-emoji-${index}-product`} label={t('deliveries.editor.text.emojiProduct', { n: number })}>
                  <Input
                    {...describedBy(`${idPrefix}-emoji-${index}-product`, rowErrors)}
                    value={emoji.productId}
                    disabled={disabled}
                    style={{ width: 240, ...MONO }}
                    onChange={(e) => setEmoji(index, { productId: e.target.value.trim() })}
                  />
                </Field>
                <Field id={`${idPrefix}-emoji-${index}-id`} label={t('deliveries.editor.text.emojiId', { n: number })}>
                  <Input
                    {...describedBy(`${idPrefix}-emoji-${index}-id`, rowErrors)}
                    value={emoji.emojiId}
                    disabled={disabled}
                    style={{ width: 100, ...MONO }}
                    onChange={(e) => setEmoji(index, { emojiId: e.target.value.trim() })}
                  />
                </Field>
                {disabled ? null : (
                  <Button
                    style={{ marginBottom: 12 }}
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.editor.text.removeEmoji', { n: number })}
                    onClick={() => onChange({ emojis: draft.emojis.filter((_, i) => i !== index) })}
                  />
                )}
              </Flex>
              <FieldErrors errors={rowErrors} />
            </div>
          );
        })}
        {disabled ? null : (
          <Button
            size="small"
            icon={<SmileOutlined aria-hidden="true" />}
            onClick={addEmoji}
            disabled={draft.emojis.length >= LIMITS.emojis}
          >
            {t('deliveries.editor.text.addEmoji')}
          </Button>
        )}
      </fieldset>
      <Rest props={props as MessageEditorProps} fields={['text', 'emojis']} />
    </>
  );
}

function StickerEditor(props: MessageEditorProps<StickerDraft>) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('deliveries.editor.sticker.hint')}
      </Typography.Paragraph>
      <Flex gap="middle" wrap>
        <TextField props={props} field="packageId" label={t('deliveries.editor.sticker.packageId')} inputMode="numeric" placeholder="446" />
        <TextField
          props={props}
          field="stickerId"
          label={t('deliveries.editor.sticker.stickerId')}
          inputMode="numeric"
          placeholder="1988"
        />
      </Flex>
      <Rest props={props as MessageEditorProps} fields={['packageId', 'stickerId']} />
    </>
  );
}

/** Offers the full image's URL as the preview's, the usual choice. */
function SameAsOriginal({ props }: { props: MessageEditorProps<ImageDraft> }) {
  const { t } = useTranslation();
  const url = props.draft.originalContentUrl;
  if (props.disabled || !url || props.draft.previewImageUrl) return null;
  return (
    <Button
      size="small"
      type="link"
      style={{ paddingInline: 0, marginTop: -8, marginBottom: 8 }}
      onClick={() => props.onChange({ previewImageUrl: url })}
    >
      {t('deliveries.editor.image.sameAsOriginal')}
    </Button>
  );
}

function ImageEditor(props: MessageEditorProps<ImageDraft>) {
  const { t } = useTranslation();
  return (
    <>
      <LineImageUpload
        id={`${props.idPrefix}-upload`}
        label={t('deliveries.upload.image')}
        hint={t('deliveries.upload.imageHint')}
        disabled={props.disabled}
        // The thumbnail (240 px) is the preview LINE shows before the image is opened.
        onUploaded={(image) => props.onChange({ originalContentUrl: image.url, previewImageUrl: image.thumbnailUrl })}
      />
      <TextField
        props={props}
        field="originalContentUrl"
        label={t('deliveries.editor.image.originalContentUrl')}
        hint={t('deliveries.editor.image.hint')}
        inputMode="url"
        placeholder="https://"
      />
      <TextField
        props={props}
        field="previewImageUrl"
        label={t('deliveries.editor.image.previewImageUrl')}
        inputMode="url"
        placeholder="https://"
      />
      <SameAsOriginal props={props} />
      <Rest props={props as MessageEditorProps} fields={['originalContentUrl', 'previewImageUrl']} />
    </>
  );
}

function VideoEditor(props: MessageEditorProps<VideoDraft>) {
  const { t } = useTranslation();
  return (
    <>
      <TextField
        props={props}
        field="originalContentUrl"
        label={t('deliveries.editor.video.originalContentUrl')}
        hint={t('deliveries.editor.video.hint')}
        inputMode="url"
        placeholder="https://"
      />
      <TextField
        props={props}
        field="previewImageUrl"
        label={t('deliveries.editor.video.previewImageUrl')}
        inputMode="url"
        placeholder="https://"
      />
      <LineImageUpload
        id={`${props.idPrefix}-preview-upload`}
        label={t('deliveries.upload.videoPreview')}
        hint={t('deliveries.upload.videoPreviewHint')}
        disabled={props.disabled}
        // LINE takes a video's preview up to 1 MB: the 240 px thumbnail always is.
        onUploaded={(image) => props.onChange({ previewImageUrl: image.thumbnailUrl })}
      />
      <TextField
        props={props}
        field="trackingId"
        label={t('deliveries.editor.video.trackingId')}
        hint={t('deliveries.editor.video.trackingHint')}
      />
      <Rest props={props as MessageEditorProps} fields={['originalContentUrl', 'previewImageUrl', 'trackingId']} />
    </>
  );
}

function CardEditor(props: MessageEditorProps<CardDraft>) {
  const { t } = useTranslation();
  return (
    <>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
        {t('deliveries.editor.card.hint')}
      </Typography.Paragraph>
      <TextField props={props} field="title" label={t('deliveries.editor.card.title')} max={LIMITS.card.title} />
      <TextField props={props} field="text" label={t('deliveries.editor.card.text')} max={LIMITS.card.text} multiline />
      <TextField props={props} field="imageUrl" label={t('deliveries.editor.card.imageUrl')} inputMode="url" placeholder="https://" />
      <Flex gap="middle" wrap>
        <TextField
          props={props}
          field="buttonLabel"
          label={t('deliveries.editor.card.buttonLabel')}
          max={LIMITS.actionLabel}
          placeholder={t('deliveries.editor.card.buttonPlaceholder')}
        />
        <div style={{ flex: '1 1 280px' }}>
          <TextField
            props={props}
            field="url"
            label={t('deliveries.editor.card.url')}
            hint={t('deliveries.editor.card.urlHint')}
            inputMode="url"
            placeholder="https://"
          />
        </div>
      </Flex>
      <Rest props={props as MessageEditorProps} fields={['title', 'text', 'imageUrl', 'buttonLabel', 'url']} />
    </>
  );
}

/** A JSON text area with a button that lays the JSON out again. */
function JsonField({
  id,
  label,
  hint,
  value,
  errors,
  disabled,
  onChange,
}: {
  id: string;
  label: string;
  hint: string;
  value: string;
  errors: readonly string[];
  disabled: boolean;
  onChange: (value: string) => void;
}) {
  const { t } = useTranslation();
  const parsed = parseJson(value);
  return (
    <Field
      id={id}
      label={label}
      hint={hint}
      errors={errors}
      extra={
        disabled ? null : (
          <Button
            size="small"
            icon={<FormatPainterOutlined aria-hidden="true" />}
            disabled={!parsed.ok}
            onClick={() => parsed.ok && onChange(JSON.stringify(parsed.value, null, 2))}
          >
            {t('deliveries.editor.json.format')}
          </Button>
        )
      }
    >
      <Input.TextArea
        {...describedBy(id, errors, true)}
        value={value}
        disabled={disabled}
        spellCheck={false}
        autoSize={{ minRows: 10, maxRows: 28 }}
        style={MONO}
        onChange={(e) => onChange(e.target.value)}
      />
    </Field>
  );
}

function FlexEditor(props: MessageEditorProps<FlexDraft>) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const { draft, idPrefix, disabled } = props;
  const [template, setTemplate] = useState<TemplateKey | null>(null);
  const templateId = `${idPrefix}-template`;
  const apply = () => {
    if (!template) return;
    const replace = () => props.onReplace(flexDraft(TEMPLATES[template](), draft.key));
    void modal.confirm({
      title: t('deliveries.editor.flex.replaceTitle'),
      content: t('deliveries.editor.flex.replaceBody', { name: t(`deliveries.editor.templates.${template}`) }),
      okText: t('deliveries.editor.flex.apply'),
      cancelText: t('common.cancel'),
      onOk: replace,
    });
  };
  return (
    <>
      <TextField
        props={props}
        field="altText"
        label={t('deliveries.editor.flex.altText')}
        hint={t('deliveries.editor.flex.altTextHint')}
        max={LIMITS.altText}
      />
      {disabled ? null : (
        <Flex gap="small" align="flex-end" wrap style={{ marginBottom: 12 }}>
          <Field id={templateId} label={t('deliveries.editor.flex.template')}>
            <Select<TemplateKey>
              id={templateId}
              value={template ?? undefined}
              placeholder={t('deliveries.editor.flex.templatePlaceholder')}
              style={{ width: 240 }}
              options={TEMPLATE_KEYS.map((key) => ({ value: key, label: t(`deliveries.editor.templates.${key}`) }))}
              onChange={(value) => setTemplate(value)}
            />
          </Field>
          <Button style={{ marginBottom: 12 }} disabled={!template} onClick={apply}>
            {t('deliveries.editor.flex.apply')}
          </Button>
        </Flex>
      )}
      <JsonField
        id={`${idPrefix}-contents`}
        label={t('deliveries.editor.flex.contents')}
        hint={t('deliveries.editor.flex.contentsHint')}
        value={draft.contents}
        errors={problemsBesides(props.problems, ['altText'])}
        disabled={disabled}
        onChange={(contents) => props.onChange({ contents })}
      />
    </>
  );
}

function ImagemapEditor(props: MessageEditorProps<ImagemapDraft>) {
  const { t } = useTranslation();
  const { draft, idPrefix, disabled } = props;
  const takeImage = (image: UploadedLineImage): string | void => {
    const next = imagemapWithImage(draft.json, image);
    if (next === null) return t('deliveries.upload.imagemapJsonBroken');
    props.onChange({ json: next });
  };
  return (
    <>
      <LineImageUpload
        id={`${idPrefix}-upload`}
        label={t('deliveries.upload.imagemap')}
        hint={t('deliveries.upload.imagemapHint')}
        disabled={disabled}
        onUploaded={takeImage}
      />
      <JsonField
        id={`${idPrefix}-json`}
        label={t('deliveries.editor.imagemap.json')}
        hint={t('deliveries.editor.imagemap.hint')}
        value={draft.json}
        errors={problemsBesides(props.problems, [])}
        disabled={disabled}
        onChange={(json) => props.onChange({ json })}
      />
      <ImagemapAreas json={draft.json} />
    </>
  );
}
