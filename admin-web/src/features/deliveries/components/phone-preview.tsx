import { PlayCircleFilled, SmileFilled } from '@ant-design/icons';
import { cardToFlex } from '@machi/message-compose';
import type { ComposedCardMessage } from '@machi/message-compose';
import { Typography } from 'antd';
import { useState } from 'react';
import type { CSSProperties, ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { htmlLang } from '../lib/languages';
import type { VariantLanguage } from '../lib/languages';
import { compose, dollarIndexes, parseJson } from '../lib/messages';
import type { MessageDraft } from '../lib/messages';
import { FlexPreview } from './flex-preview';
import { ImagemapAreas } from './imagemap-areas';

const CHAT_BACKGROUND = '#8cabd9';
const BUBBLE: CSSProperties = {
  background: '#ffffff',
  color: '#111111',
  borderRadius: 16,
  borderTopLeftRadius: 4,
  padding: '8px 12px',
  maxWidth: 236,
  whiteSpace: 'pre-wrap',
  overflowWrap: 'anywhere',
  lineHeight: 1.5,
  fontSize: 15,
};

function Media({ url, label, children }: { url: string; label: string; children?: ReactNode }) {
  const [failed, setFailed] = useState<string | null>(null);
  return (
    <div style={{ position: 'relative', width: 200 }}>
      {url && failed !== url ? (
        <img src={url} alt="" onError={() => setFailed(url)} style={{ width: 200, borderRadius: 12, display: 'block' }} />
      ) : (
        <div
          style={{
            width: 200,
            height: 140,
            borderRadius: 12,
            background: '#e4e9ee',
            color: '#3d4550',
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            fontSize: 13,
            padding: 8,
            textAlign: 'center',
          }}
        >
          {label}
        </div>
      )}
      {children}
    </div>
  );
}

/** The text with each LINE emoji drawn at its `$` (the emoji itself comes from LINE when sent). */
function TextWithEmoji({ text, emojis }: { text: string; emojis: number }) {
  const { t } = useTranslation();
  const at = dollarIndexes(text).slice(0, emojis);
  if (at.length === 0) return <>{text}</>;
  const parts: ReactNode[] = [];
  let from = 0;
  at.forEach((index, i) => {
    parts.push(text.slice(from, index));
    parts.push(
      <span key={i} role="img" aria-label={t('deliveries.preview.emoji')} style={{ color: '#d48806', fontSize: '1.1em' }}>
        <SmileFilled aria-hidden="true" />
      </span>,
    );
    from = index + 1;
  });
  parts.push(text.slice(from));
  return <>{parts}</>;
}

function MessageBubble({ draft }: { draft: MessageDraft }) {
  const { t } = useTranslation();
  switch (draft.type) {
    case 'text':
      return (
        <div style={BUBBLE}>
          {draft.text ? (
            <TextWithEmoji text={draft.text} emojis={draft.emojis.length} />
          ) : (
            <span style={{ color: '#6b7280' }}>{t('deliveries.preview.emptyText')}</span>
          )}
        </div>
      );
    case 'sticker':
      return (
        <div
          style={{
            width: 120,
            height: 120,
            display: 'flex',
            flexDirection: 'column',
            alignItems: 'center',
            justifyContent: 'center',
            color: '#1f2937',
            background: 'rgba(255,255,255,0.55)',
            borderRadius: 16,
            fontSize: 12,
            textAlign: 'center',
          }}
        >
          <SmileFilled aria-hidden="true" style={{ fontSize: 44, color: '#f0b400' }} />
          <span>{t('deliveries.preview.sticker', { packageId: draft.packageId || '—', stickerId: draft.stickerId || '—' })}</span>
        </div>
      );
    case 'image':
      return <Media url={draft.previewImageUrl || draft.originalContentUrl} label={t('deliveries.preview.image')} />;
    case 'video':
      return (
        <Media url={draft.previewImageUrl} label={t('deliveries.preview.video')}>
          <PlayCircleFilled
            aria-hidden="true"
            style={{
              position: 'absolute',
              top: '50%',
              left: '50%',
              transform: 'translate(-50%, -50%)',
              fontSize: 40,
              color: 'rgba(255,255,255,0.9)',
            }}
          />
        </Media>
      );
    case 'imagemap':
      return <ImagemapAreas json={draft.json} compact />;
    case 'card': {
      const card = compose(draft).message as unknown as ComposedCardMessage;
      return <FlexPreview contents={cardToFlex(card).contents} />;
    }
    case 'flex': {
      const parsed = parseJson(draft.contents);
      return parsed.ok ? <FlexPreview contents={parsed.value} /> : <div style={BUBBLE}>{t('deliveries.preview.unreadable')}</div>;
    }
  }
}

/**
 * What residents see in their LINE talk: the account's messages as chat bubbles on LINE's blue
 * ground, in order, for one language. Flex and cards drawn roughly (flex-preview.tsx).
 */
export function PhonePreview({
  messages,
  language,
  accountName,
}: {
  messages: readonly MessageDraft[];
  language: VariantLanguage;
  accountName: string;
}) {
  const { t } = useTranslation();
  const languageName = t(`deliveries.languages.${language}`);
  return (
    <section aria-labelledby={`delivery-preview-${language}-title`}>
      <Typography.Title level={2} id={`delivery-preview-${language}-title`} style={{ fontSize: 18 }}>
        {t('deliveries.preview.title', { language: languageName })}
      </Typography.Title>
      <div
        style={{
          width: 340,
          maxWidth: '100%',
          border: '8px solid #1f2328',
          borderRadius: 32,
          overflow: 'hidden',
          background: CHAT_BACKGROUND,
          boxShadow: '0 4px 16px rgba(0,0,0,0.18)',
        }}
      >
        <div style={{ background: '#253041', color: '#ffffff', padding: '10px 16px', fontWeight: 600, fontSize: 15 }}>{accountName}</div>
        {/* Scrolls past a phone's height, as the talk does; focusable, so the keyboard scrolls it too. */}
        <ol
          lang={htmlLang(language)}
          tabIndex={0}
          aria-label={t('deliveries.preview.talk')}
          style={{
            listStyle: 'none',
            margin: 0,
            padding: '16px 12px 24px',
            minHeight: 420,
            maxHeight: 640,
            overflowY: 'auto',
            display: 'flex',
            flexDirection: 'column',
            gap: 10,
          }}
        >
          {messages.length === 0 ? (
            <li style={{ color: '#1f2937', textAlign: 'center', fontSize: 13 }}>{t('deliveries.preview.empty')}</li>
          ) : (
            messages.map((message, index) => (
              <li key={message.key} style={{ display: 'flex', gap: 8, alignItems: 'flex-start' }}>
                <span
                  aria-hidden="true"
                  style={{
                    width: 32,
                    height: 32,
                    flex: '0 0 32px',
                    borderRadius: '50%',
                    background: index === 0 ? '#0b6b35' : 'transparent',
                    color: '#fff',
                    fontSize: 13,
                    display: 'flex',
                    alignItems: 'center',
                    justifyContent: 'center',
                  }}
                >
                  {index === 0 ? accountName.slice(0, 1) : ''}
                </span>
                <span className="visually-hidden">
                  {t('deliveries.editor.messageTitle', { n: index + 1, type: t(`deliveries.messageTypes.${message.type}`) })}
                </span>
                <div style={{ minWidth: 0, maxWidth: 'calc(100% - 40px)' }}>
                  <MessageBubble draft={message} />
                </div>
              </li>
            ))
          )}
        </ol>
      </div>
      <Typography.Paragraph type="secondary" style={{ fontSize: 13, marginTop: 8, maxWidth: 340 }}>
        {t('deliveries.preview.note')}
      </Typography.Paragraph>
    </section>
  );
}
