import type { TFunction } from 'i18next';
import type { DeliveryTargetKind, DeliveryTiming } from '../../../gql/graphql';
import { formatJst } from './jst';

/** 「すべての友だち」「セグメント：子育て世帯、防災」「住民リスト（120人）」 */
export function targetText(
  delivery: { targetKind: DeliveryTargetKind; segmentIds: readonly string[]; listSize: number; segments?: ReadonlyArray<{ name: string }> },
  t: TFunction,
): string {
  switch (delivery.targetKind) {
    case 'ALL':
      return t('deliveries.target.ALL');
    case 'SEGMENTS':
      if (delivery.segmentIds.length === 0) return t('deliveries.target.noSegments');
      return delivery.segments && delivery.segments.length > 0
        ? t('deliveries.target.segmentsOf', { names: delivery.segments.map((s) => s.name).join('、') })
        : t('deliveries.target.segmentsCount', { n: delivery.segmentIds.length });
    case 'LIST':
      return t('deliveries.target.listOf', { n: delivery.listSize.toLocaleString('ja-JP') });
  }
}

/** 「すぐに送る」「2026/12/08（火）10:30に配信」「毎月 第2火曜日 10:30」 */
export function timingText(
  delivery: { timing: DeliveryTiming; scheduledAt: string | null; recurrencePreview: { summary: string } | null },
  t: TFunction,
): string {
  switch (delivery.timing) {
    case 'IMMEDIATE':
      return t('deliveries.timing.IMMEDIATE');
    case 'SCHEDULED':
      return delivery.scheduledAt ? t('deliveries.timing.at', { at: formatJst(delivery.scheduledAt) }) : t('deliveries.timing.SCHEDULED');
    case 'RECURRING':
      return delivery.recurrencePreview?.summary ?? t('deliveries.timing.RECURRING');
  }
}
