import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, DownOutlined, GlobalOutlined, PlusOutlined } from '@ant-design/icons';
import { App, Badge, Button, Card, Dropdown, Flex, Tabs, Typography } from 'antd';
import type { MenuProps } from 'antd';
import type { Dispatch } from 'react';
import { useTranslation } from 'react-i18next';
import { missingLanguages } from '../lib/draft';
import type { DeliveryDraft, DraftAction, VariantDraft } from '../lib/draft';
import { htmlLang } from '../lib/languages';
import type { VariantLanguage } from '../lib/languages';
import { MAX_MESSAGES, MESSAGE_TYPES, TEMPLATES, TEMPLATE_KEYS, flexDraft } from '../lib/messages';
import type { MessageType, TemplateKey } from '../lib/messages';
import { countVariantProblems } from '../lib/problems';
import type { EditorProblems, VariantProblems } from '../lib/problems';
import { FieldErrors } from './field';
import { MessageEditor } from './message-editors';

/** The language tabs of the content: Japanese first and required, the others added by staff. */
export function VariantTabs({
  draft,
  active,
  onActiveChange,
  problems,
  disabled,
  dispatch,
}: {
  draft: DeliveryDraft;
  active: VariantLanguage;
  onActiveChange: (language: VariantLanguage) => void;
  problems: EditorProblems;
  disabled: boolean;
  dispatch: Dispatch<DraftAction>;
}) {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const missing = missingLanguages(draft);
  const addMenu: MenuProps = {
    items: missing.map((language) => ({ key: language, label: t(`deliveries.languages.${language}`) })),
    onClick: ({ key }) => {
      const language = key as VariantLanguage;
      dispatch({ type: 'addVariant', language });
      onActiveChange(language);
    },
  };
  const remove = (language: VariantLanguage) => {
    const name = t(`deliveries.languages.${language}`);
    void modal.confirm({
      title: t('deliveries.editor.variants.removeTitle', { name }),
      content: t('deliveries.editor.variants.removeBody'),
      okText: t('common.delete'),
      okButtonProps: { danger: true },
      cancelText: t('common.cancel'),
      onOk: () => {
        dispatch({ type: 'removeVariant', language });
        onActiveChange('ja');
      },
    });
  };
  return (
    <>
      {disabled || missing.length === 0 ? null : (
        <Flex justify="flex-end" style={{ marginBottom: -8 }}>
          <Dropdown menu={addMenu} trigger={['click']}>
            <Button size="small" icon={<GlobalOutlined aria-hidden="true" />}>
              {t('deliveries.editor.variants.add')} <DownOutlined aria-hidden="true" />
            </Button>
          </Dropdown>
        </Flex>
      )}
      <Tabs
        activeKey={active}
        onChange={(key) => onActiveChange(key as VariantLanguage)}
        items={draft.variants.map((variant) => {
          const count = countVariantProblems(problems.variants[variant.language]);
          const name = t(`deliveries.languages.${variant.language}`);
          return {
            key: variant.language,
            label: (
              <span>
                {name}
                {variant.language === 'ja' ? <span className="visually-hidden">{t('deliveries.editor.variants.requiredMark')}</span> : null}
                {count > 0 ? (
                  <>
                    {' '}
                    <Badge count={count} size="small" color="#cf1322" aria-hidden="true" />
                    <span className="visually-hidden">{t('deliveries.editor.variants.problems', { n: count })}</span>
                  </>
                ) : null}
              </span>
            ),
            children: (
              <VariantEditor
                variant={variant}
                problems={problems.variants[variant.language]}
                disabled={disabled}
                dispatch={dispatch}
                onRemove={variant.language === 'ja' || disabled ? undefined : () => remove(variant.language)}
              />
            ),
          };
        })}
      />
    </>
  );
}

function VariantEditor({
  variant,
  problems,
  disabled,
  dispatch,
  onRemove,
}: {
  variant: VariantDraft;
  problems: VariantProblems | undefined;
  disabled: boolean;
  dispatch: Dispatch<DraftAction>;
  onRemove?: () => void;
}) {
  const { t } = useTranslation();
  const { language, messages } = variant;
  const full = messages.length >= MAX_MESSAGES;
  const addMenu: MenuProps = {
    items: [
      ...MESSAGE_TYPES.map((type) => ({ key: type, label: t(`deliveries.messageTypes.${type}`) })),
      {
        type: 'group' as const,
        key: 'templates',
        label: t('deliveries.editor.templatesGroup'),
        children: TEMPLATE_KEYS.map((key) => ({
          key: `template:${key}`,
          label: t('deliveries.editor.templateItem', { name: t(`deliveries.editor.templates.${key}`) }),
        })),
      },
    ],
    onClick: ({ key }) => {
      if (key.startsWith('template:')) {
        const template = key.slice('template:'.length) as TemplateKey;
        dispatch({ type: 'addMessage', language, message: flexDraft(TEMPLATES[template]()) });
      } else dispatch({ type: 'addMessage', language, message: key as MessageType });
    },
  };
  return (
    <div lang={htmlLang(language)}>
      {language === 'ja' ? (
        <Typography.Paragraph type="secondary">{t('deliveries.editor.variants.japaneseHint')}</Typography.Paragraph>
      ) : (
        <Flex justify="space-between" align="baseline" gap="small" wrap>
          <Typography.Paragraph type="secondary">{t('deliveries.editor.variants.otherHint')}</Typography.Paragraph>
          {onRemove ? (
            <Button size="small" danger icon={<DeleteOutlined aria-hidden="true" />} onClick={onRemove}>
              {t('deliveries.editor.variants.remove', { name: t(`deliveries.languages.${language}`) })}
            </Button>
          ) : null}
        </Flex>
      )}
      <FieldErrors errors={problems?.general ?? []} />
      <Flex vertical gap="middle">
        {messages.map((message, index) => {
          const number = index + 1;
          const titleId = `delivery-${language}-${message.key}-heading`;
          const typeName = t(`deliveries.messageTypes.${message.type}`);
          const count = problems?.byMessage[message.key]?.length ?? 0;
          return (
            <Card
              key={message.key}
              size="small"
              role="group"
              aria-labelledby={titleId}
              style={count > 0 ? { borderColor: '#cf1322' } : undefined}
              title={<span id={titleId}>{t('deliveries.editor.messageTitle', { n: number, type: typeName })}</span>}
              extra={
                disabled ? null : (
                  <Flex gap={4}>
                    <Button
                      size="small"
                      icon={<ArrowUpOutlined aria-hidden="true" />}
                      aria-label={t('deliveries.editor.moveUp', { n: number })}
                      disabled={index === 0}
                      onClick={() => dispatch({ type: 'moveMessage', language, key: message.key, by: -1 })}
                    />
                    <Button
                      size="small"
                      icon={<ArrowDownOutlined aria-hidden="true" />}
                      aria-label={t('deliveries.editor.moveDown', { n: number })}
                      disabled={index === messages.length - 1}
                      onClick={() => dispatch({ type: 'moveMessage', language, key: message.key, by: 1 })}
                    />
                    <Button
                      size="small"
                      danger
                      icon={<DeleteOutlined aria-hidden="true" />}
                      aria-label={t('deliveries.editor.removeMessage', { n: number })}
                      onClick={() => dispatch({ type: 'removeMessage', language, key: message.key })}
                    />
                  </Flex>
                )
              }
            >
              <MessageEditor
                draft={message}
                idPrefix={`delivery-${language}-${message.key}`}
                problems={problems?.byMessage[message.key]}
                disabled={disabled}
                onChange={(patch) => dispatch({ type: 'updateMessage', language, key: message.key, patch })}
                onReplace={(next) => dispatch({ type: 'replaceMessage', language, key: message.key, message: next })}
              />
            </Card>
          );
        })}
      </Flex>
      {disabled ? null : (
        <Flex gap="small" align="center" wrap style={{ marginTop: 12 }}>
          <Dropdown menu={addMenu} trigger={['click']} disabled={full}>
            <Button
              icon={<PlusOutlined aria-hidden="true" />}
              disabled={full}
              aria-describedby={full ? `delivery-${language}-full` : undefined}
            >
              {t('deliveries.editor.addMessage')} <DownOutlined aria-hidden="true" />
            </Button>
          </Dropdown>
          <Typography.Text id={`delivery-${language}-full`} type="secondary" style={{ fontSize: 13 }}>
            {full
              ? t('deliveries.editor.maxMessages', { max: MAX_MESSAGES })
              : t('deliveries.editor.messagesLeft', { n: MAX_MESSAGES - messages.length })}
          </Typography.Text>
        </Flex>
      )}
    </div>
  );
}
