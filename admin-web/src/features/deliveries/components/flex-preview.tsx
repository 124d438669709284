import type { CSSProperties, ReactNode } from 'react';
import { useState } from 'react';

/**
 * A rough picture of a Flex Message as LINE lays it out: bubbles and carousels, boxes (vertical,
 * horizontal, baseline), texts and spans, buttons, images, icons, separators and fillers. Sizes
 * follow LINE's keywords loosely; it is for judging a layout, not a pixel match. Nothing in it is
 * interactive: a button is drawn, not a control.
 */

type Node = Record<string, unknown>;

function isNode(value: unknown): value is Node {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const str = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

const FONT: Record<string, number> = { xxs: 10, xs: 12, sm: 13, md: 15, lg: 17, xl: 20, xxl: 24, '3xl': 28, '4xl': 34, '5xl': 40 };
const SPACE: Record<string, number> = { none: 0, xs: 2, sm: 4, md: 8, lg: 12, xl: 16, xxl: 20 };
const IMAGE: Record<string, string> = {
  xxs: '40px',
  xs: '60px',
  sm: '80px',
  md: '100px',
  lg: '120px',
  xl: '140px',
  xxl: '160px',
  '3xl': '180px',
  '4xl': '200px',
  '5xl': '220px',
  full: '100%',
};
const BUBBLE_WIDTH: Record<string, number> = { nano: 120, micro: 160, deca: 220, hecto: 240, kilo: 260, mega: 280, giga: 320 };

/** A keyword (`md`) or pixels (`12px`) as pixels, from a table of keywords. */
function px(value: unknown, table: Record<string, number>): number | undefined {
  const text = str(value);
  if (text === undefined) return undefined;
  if (text in table) return table[text];
  const match = /^(\d+(?:\.\d+)?)px$/.exec(text);
  return match ? Number(match[1]) : undefined;
}

function length(value: unknown): string | undefined {
  const text = str(value);
  if (!text) return undefined;
  if (/^\d+(\.\d+)?(px|%)$/.test(text)) return text;
  const n = px(text, SPACE);
  return n === undefined ? undefined : `${n}px`;
}

function aspect(value: unknown): string | undefined {
  const match = /^(\d+):(\d+)$/.exec(str(value) ?? '');
  return match ? `${match[1]} / ${match[2]}` : undefined;
}

/** A picture that may not load here (the console's policy shows only its own images): a grey box then. */
function Picture({ url, style }: { url: string | undefined; style: CSSProperties }) {
  const [failed, setFailed] = useState<string | null>(null);
  if (!url || failed === url) return <div style={{ ...style, background: '#d9dee3' }} />;
  return <img src={url} alt="" style={{ ...style, objectFit: 'cover', display: 'block' }} onError={() => setFailed(url)} />;
}

interface Parent {
  layout: 'vertical' | 'horizontal' | 'baseline';
}

function marginStyle(node: Node, parent: Parent, first: boolean): CSSProperties {
  const margin = first ? undefined : px(node['margin'], SPACE);
  if (margin === undefined) return {};
  return parent.layout === 'vertical' ? { marginTop: margin } : { marginLeft: margin };
}

function flexStyle(node: Node, parent: Parent): CSSProperties {
  const flex = typeof node['flex'] === 'number' ? node['flex'] : parent.layout === 'vertical' ? 0 : 1;
  return parent.layout === 'vertical' ? { flex: `${flex} 0 auto` } : { flex: `${flex} 1 0`, minWidth: 0 };
}

function Component({ node, parent, first }: { node: Node; parent: Parent; first: boolean }): ReactNode {
  const common = { ...marginStyle(node, parent, first), ...flexStyle(node, parent) };
  switch (node['type']) {
    case 'box':
      return <Box node={node} style={common} />;
    case 'text': {
      const spans = Array.isArray(node['contents']) ? node['contents'].filter(isNode) : [];
      const wrap = node['wrap'] === true;
      return (
        <div
          style={{
            ...common,
            fontSize: px(node['size'], FONT) ?? FONT['md'],
            fontWeight: node['weight'] === 'bold' ? 700 : 400,
            fontStyle: node['style'] === 'italic' ? 'italic' : undefined,
            textDecoration: str(node['decoration']),
            color: str(node['color']) ?? '#111111',
            textAlign: node['align'] === 'center' ? 'center' : node['align'] === 'end' ? 'right' : 'left',
            whiteSpace: wrap ? 'pre-wrap' : 'nowrap',
            overflow: 'hidden',
            textOverflow: 'ellipsis',
            overflowWrap: 'anywhere',
            lineHeight: 1.45,
          }}
        >
          {spans.length
            ? spans.map((span, i) => (
                <span
                  key={i}
                  style={{
                    fontSize: px(span['size'], FONT),
                    fontWeight: span['weight'] === 'bold' ? 700 : undefined,
                    color: str(span['color']),
                    fontStyle: span['style'] === 'italic' ? 'italic' : undefined,
                    textDecoration: str(span['decoration']),
                  }}
                >
                  {str(span['text'])}
                </span>
              ))
            : str(node['text'])}
        </div>
      );
    }
    case 'button': {
      const action = isNode(node['action']) ? node['action'] : {};
      const style = str(node['style']) ?? 'link';
      const color = str(node['color']);
      const filled = style === 'primary' || style === 'secondary';
      return (
        <div
          style={{
            ...common,
            height: node['height'] === 'sm' ? 36 : 46,
            display: 'flex',
            alignItems: 'center',
            justifyContent: 'center',
            borderRadius: 8,
            padding: '0 8px',
            fontSize: 15,
            background: style === 'primary' ? (color ?? '#17c950') : style === 'secondary' ? (color ?? '#dcdfe5') : 'transparent',
            color: style === 'primary' ? '#ffffff' : style === 'secondary' ? '#111111' : (color ?? '#2b5aa0'),
            fontWeight: filled ? 600 : 500,
          }}
        >
          {str(action['label']) ?? ''}
        </div>
      );
    }
    case 'image': {
      const size = str(node['size']) ?? 'md';
      const width = IMAGE[size] ?? (/^\d+(\.\d+)?(px|%)$/.test(size) ? size : '100px');
      return (
        <div
          style={{
            ...common,
            display: 'flex',
            justifyContent: node['align'] === 'start' ? 'flex-start' : node['align'] === 'end' ? 'flex-end' : 'center',
          }}
        >
          <Picture url={str(node['url'])} style={{ width, maxWidth: '100%', aspectRatio: aspect(node['aspectRatio']) ?? '1 / 1' }} />
        </div>
      );
    }
    case 'icon': {
      const size = px(node['size'], FONT) ?? FONT['md'];
      return (
        <Picture
          url={str(node['url'])}
          style={{ ...marginStyle(node, parent, first), width: size, height: size, flex: '0 0 auto', alignSelf: 'center' }}
        />
      );
    }
    case 'separator':
      return (
        <div
          style={{
            ...marginStyle(node, parent, first),
            flex: '0 0 auto',
            alignSelf: 'stretch',
            ...(parent.layout === 'vertical'
              ? { borderTop: `1px solid ${str(node['color']) ?? '#e0e0e0'}` }
              : { borderLeft: `1px solid ${str(node['color']) ?? '#e0e0e0'}` }),
          }}
        />
      );
    case 'filler':
      return <div style={{ flex: typeof node['flex'] === 'number' ? node['flex'] : 1 }} />;
    case 'video':
      return <Picture url={str(node['previewUrl'])} style={{ width: '100%', aspectRatio: aspect(node['aspectRatio']) ?? '16 / 9' }} />;
    default:
      return null;
  }
}

function Box({ node, style }: { node: Node; style?: CSSProperties }) {
  const layout = node['layout'] === 'horizontal' || node['layout'] === 'baseline' ? node['layout'] : 'vertical';
  const children = Array.isArray(node['contents']) ? node['contents'].filter(isNode) : [];
  const spacing = px(node['spacing'], SPACE) ?? 0;
  // The box's own settings override the block's defaults (its padding), but only where it has them.
  const own: CSSProperties = Object.fromEntries(
    Object.entries({
      background: str(node['backgroundColor']),
      border: node['borderColor'] ? `${length(node['borderWidth']) ?? '1px'} solid ${str(node['borderColor'])}` : undefined,
      borderRadius: length(node['cornerRadius']),
      padding: length(node['paddingAll']),
      paddingTop: length(node['paddingTop']),
      paddingBottom: length(node['paddingBottom']),
      paddingLeft: length(node['paddingStart']),
      paddingRight: length(node['paddingEnd']),
      width: length(node['width']),
      height: length(node['height']),
    }).filter(([, value]) => value !== undefined),
  );
  return (
    <div
      style={{
        ...style,
        ...own,
        display: 'flex',
        flexDirection: layout === 'vertical' ? 'column' : 'row',
        alignItems: layout === 'baseline' ? 'baseline' : layout === 'horizontal' ? 'stretch' : undefined,
        justifyContent: str(node['justifyContent']),
        gap: spacing,
        minWidth: 0,
      }}
    >
      {children.map((child, i) => (
        <Component key={i} node={child} parent={{ layout }} first={i === 0} />
      ))}
    </div>
  );
}

function Bubble({ node }: { node: Node }) {
  const styles = isNode(node['styles']) ? node['styles'] : {};
  const block = (name: 'header' | 'hero' | 'body' | 'footer') => {
    const content = node[name];
    if (!isNode(content)) return null;
    const blockStyle = isNode(styles[name]) ? styles[name] : {};
    const background = str(blockStyle['backgroundColor']);
    if (name === 'hero') {
      if (content['type'] === 'box') return <Box node={content} style={{ background }} />;
      return <Component node={{ ...content, size: content['size'] ?? 'full' }} parent={{ layout: 'vertical' }} first />;
    }
    return <Box node={content} style={{ padding: name === 'footer' ? '10px 12px 12px' : '16px 16px', background }} />;
  };
  return (
    <div
      style={{
        width: BUBBLE_WIDTH[str(node['size']) ?? 'mega'] ?? 280,
        maxWidth: '100%',
        flex: '0 0 auto',
        background: '#ffffff',
        borderRadius: 14,
        overflow: 'hidden',
        boxShadow: '0 1px 2px rgba(0,0,0,0.15)',
      }}
    >
      {block('header')}
      {block('hero')}
      {block('body')}
      {block('footer')}
    </div>
  );
}

/** A Flex container (bubble or carousel) drawn roughly as LINE would. */
export function FlexPreview({ contents }: { contents: unknown }) {
  if (!isNode(contents)) return null;
  if (contents['type'] === 'carousel') {
    const bubbles = Array.isArray(contents['contents']) ? contents['contents'].filter(isNode) : [];
    return (
      <div style={{ display: 'flex', gap: 8, overflowX: 'auto', paddingBottom: 4, maxWidth: '100%' }}>
        {bubbles.map((bubble, i) => (
          <Bubble key={i} node={bubble} />
        ))}
      </div>
    );
  }
  return <Bubble node={contents} />;
}
