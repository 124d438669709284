import { Table, Typography } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { parseJson } from '../lib/messages';

interface Area {
  x: number;
  y: number;
  width: number;
  height: number;
}
interface AreaAction {
  type: string;
  label?: string;
  linkUri?: string;
  text?: string;
  area: Area;
}

const AREA_COLORS = ['#0b5cad', '#b8336a', '#1e7a46', '#7a4d00', '#5b3fa6'];

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function isArea(value: unknown): value is Area {
  return isRecord(value) && ['x', 'y', 'width', 'height'].every((k) => typeof value[k] === 'number');
}

/** What an imagemap's JSON says about its picture: the base size and the tap areas that are well formed. */
export function readImagemap(json: string): { baseUrl: string; width: number; height: number; actions: AreaAction[] } | null {
  const parsed = parseJson(json);
  if (!parsed.ok || !isRecord(parsed.value)) return null;
  const value = parsed.value;
  const size = isRecord(value['baseSize']) ? value['baseSize'] : {};
  const width = typeof size['width'] === 'number' && size['width'] > 0 ? size['width'] : 1040;
  const height = typeof size['height'] === 'number' && size['height'] > 0 ? size['height'] : width;
  const actions = Array.isArray(value['actions'])
    ? value['actions'].flatMap((a): AreaAction[] =>
        isRecord(a) && isArea(a['area'])
          ? [
              {
                type: typeof a['type'] === 'string' ? a['type'] : '',
                label: typeof a['label'] === 'string' ? a['label'] : undefined,
                linkUri: typeof a['linkUri'] === 'string' ? a['linkUri'] : undefined,
                text: typeof a['text'] === 'string' ? a['text'] : undefined,
                area: a['area'],
              },
            ]
          : [],
      )
    : [];
  return { baseUrl: typeof value['baseUrl'] === 'string' ? value['baseUrl'] : '', width, height, actions };
}

/** The picture LINE shows for a base URL at 1040 pixels wide (LINE appends the width). */
export function imagemapImageUrl(baseUrl: string): string {
  return baseUrl ? `${baseUrl.replace(/\/$/, '')}/1040` : '';
}

/**
 * The imagemap's tap areas drawn over its picture (or over a box of its size when the picture
 * cannot be shown here), numbered, with the same areas as a table for those who do not see them.
 */
export function ImagemapAreas({ json, compact = false }: { json: string; compact?: boolean }) {
  const { t } = useTranslation();
  const map = readImagemap(json);
  const [failed, setFailed] = useState<string | null>(null);
  if (!map) return null;
  const src = imagemapImageUrl(map.baseUrl);
  const percent = (value: number, of: number) => `${(value / of) * 100}%`;
  return (
    <figure style={{ margin: compact ? 0 : '0 0 12px' }}>
      <div
        aria-hidden="true"
        style={{
          position: 'relative',
          // In the talk's preview the bubble has no width of its own to fill.
          width: compact ? 240 : '100%',
          maxWidth: compact ? '100%' : 360,
          aspectRatio: `${map.width} / ${map.height}`,
          background: '#e8ecef',
          borderRadius: compact ? 12 : 6,
          overflow: 'hidden',
        }}
      >
        {src && failed !== src ? (
          <img
            src={src}
            alt=""
            onError={() => setFailed(src)}
            style={{ position: 'absolute', inset: 0, width: '100%', height: '100%', objectFit: 'cover' }}
          />
        ) : null}
        {map.actions.map((action, index) => {
          const color = AREA_COLORS[index % AREA_COLORS.length];
          return (
            <div
              key={index}
              style={{
                position: 'absolute',
                left: percent(action.area.x, map.width),
                top: percent(action.area.y, map.height),
                width: percent(action.area.width, map.width),
                height: percent(action.area.height, map.height),
                border: `2px solid ${color}`,
                background: 'rgba(255,255,255,0.35)',
                boxSizing: 'border-box',
              }}
            >
              <span
                style={{
                  position: 'absolute',
                  top: 2,
                  left: 2,
                  background: color,
                  color: '#fff',
                  fontSize: 12,
                  padding: '0 6px',
                  borderRadius: 4,
                }}
              >
                {index + 1}
              </span>
            </div>
          );
        })}
      </div>
      {compact ? null : (
        <figcaption>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {t('deliveries.editor.imagemap.areasCaption', { width: map.width, height: map.height })}
          </Typography.Text>
          <Table
            size="small"
            pagination={false}
            rowKey="number"
            style={{ marginTop: 4, maxWidth: 560 }}
            dataSource={map.actions.map((action, index) => ({ number: index + 1, action }))}
            columns={[
              { title: t('deliveries.editor.imagemap.number'), dataIndex: 'number', key: 'number', width: 60 },
              {
                title: t('deliveries.editor.imagemap.action'),
                key: 'action',
                render: (_: unknown, row: { action: AreaAction }) => (
                  <span style={{ wordBreak: 'break-all' }}>
                    {row.action.label ? `${row.action.label}: ` : ''}
                    {row.action.type === 'uri' ? row.action.linkUri : row.action.text}
                  </span>
                ),
              },
              {
                title: t('deliveries.editor.imagemap.area'),
                key: 'area',
                width: 200,
                render: (_: unknown, row: { action: AreaAction }) =>
                  t('deliveries.editor.imagemap.areaValue', {
                    x: row.action.area.x,
                    y: row.action.area.y,
                    width: row.action.area.width,
                    height: row.action.area.height,
                  }),
              },
            ]}
          />
        </figcaption>
      )}
    </figure>
  );
}
