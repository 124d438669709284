import { describe, expect, it } from 'vitest';
import { mergeTimeline } from './timeline';
import type { FollowItem, TalkItem } from './timeline';

const follow = (id: string, occurredAt: string, kind: FollowItem['kind'] = 'FOLLOW'): FollowItem => ({ id, kind, occurredAt });
const talk = (id: string, occurredAt: string, direction: TalkItem['direction'] = 'OUTGOING'): TalkItem => ({
  id,
  direction,
  messageType: 'text',
  content: `m${id}`,
  origin: null,
  occurredAt,
});

describe('mergeTimeline', () => {
  it('merges follow history and talk log, newest first', () => {
    const items = mergeTimeline(
      [follow('f1', '2026-04-01T00:00:00Z'), follow('f2', '2026-04-03T00:00:00Z', 'UNFOLLOW')],
      [talk('t1', '2026-04-02T00:00:00Z', 'INCOMING'), talk('t2', '2026-04-01T00:00:01Z')],
      true,
    );
    expect(items.map((i) => i.key)).toEqual(['follow-f2', 'talk-t1', 'talk-t2', 'follow-f1']);
  });

  it('puts a follow below the greeting sent at the same instant', () => {
    const items = mergeTimeline([follow('f1', '2026-04-01T00:00:00Z')], [talk('t1', '2026-04-01T00:00:00Z')], true);
    expect(items.map((i) => i.type)).toEqual(['talk', 'follow']);
  });

  it('holds back follow events older than the loaded talk log while more pages remain', () => {
    const history = [follow('old', '2026-01-01T00:00:00Z'), follow('new', '2026-04-05T00:00:00Z')];
    const log = [talk('t1', '2026-04-04T00:00:00Z')];
    expect(mergeTimeline(history, log, false).map((i) => i.key)).toEqual(['follow-new', 'talk-t1']);
    expect(mergeTimeline(history, log, true).map((i) => i.key)).toEqual(['follow-new', 'talk-t1', 'follow-old']);
  });

  it('shows the whole follow history when there is no talk log', () => {
    expect(mergeTimeline([follow('f1', '2026-04-01T00:00:00Z')], [], false)).toHaveLength(1);
  });
});
