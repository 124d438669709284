/** The segments module's public surface: deliveries resolve and stream recipients through `segments`. */
import type { SegmentServices } from './segments.module.js';

export { segmentsModule, type SegmentServices } from './segments.module.js';
export { Segment } from './segment.entity.js';
export { SegmentService, type SegmentCount, type CountOptions, type DeliveryFormDirectory } from './segments.service.js';
export { checkCondition, tokyoDay, type ResolvedCondition, type SegmentCondition } from './condition.js';
export { matches, type ResidentFacts } from './evaluate.js';
export { DEMO_SURVEY_SEGMENT, seedDemoSegments, type SeededSegment } from './segments.seed.js';

declare module '../../platform/modules/feature-module.js' {
  interface ModuleApis {
    segments: SegmentServices;
  }
}
