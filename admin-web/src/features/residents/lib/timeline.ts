import type { FollowEventKind, TalkDirection } from '../../../gql/graphql';

export interface FollowItem {
  id: string;
  kind: FollowEventKind;
  occurredAt: string;
}

export interface TalkItem {
  id: string;
  direction: TalkDirection;
  messageType: string;
  content: string | null;
  origin: string | null;
  occurredAt: string;
}

export type TimelineItem =
  { type: 'follow'; key: string; at: string; event: FollowItem } | { type: 'talk'; key: string; at: string; entry: TalkItem };

/**
 * The follow history and the loaded part of the talk log as one list, newest first. While older
 * talk log pages remain (`talkLogComplete` false), follow events older than the oldest loaded
 * message are held back so the list never shows a gap as if nothing had been said.
 */
export function mergeTimeline(
  followHistory: readonly FollowItem[],
  talkLog: readonly TalkItem[],
  talkLogComplete: boolean,
): TimelineItem[] {
  const oldestTalk = talkLog.reduce<number | null>((oldest, entry) => {
    const at = Date.parse(entry.occurredAt);
    return oldest === null || at < oldest ? at : oldest;
  }, null);
  const items: TimelineItem[] = [
    ...followHistory
      .filter((event) => talkLogComplete || oldestTalk === null || Date.parse(event.occurredAt) >= oldestTalk)
      .map((event): TimelineItem => ({ type: 'follow', key: `follow-${event.id}`, at: event.occurredAt, event })),
    ...talkLog.map((entry): TimelineItem => ({ type: 'talk', key: `talk-${entry.id}`, at: entry.occurredAt, entry })),
  ];
  // Newest first; at the same instant the follow comes after (below) the greeting it caused.
  return items.sort((a, b) => {
    const diff = Date.parse(b.at) - Date.parse(a.at);
    if (diff !== 0) return diff;
    if (a.type !== b.type) return a.type === 'follow' ? 1 : -1;
    return 0;
  });
}
