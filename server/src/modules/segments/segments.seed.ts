import type { ServiceContext } from '../../platform/context/context.js';
import { DEPARTMENT_SCOPE } from '../../platform/db/department-scope.js';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import { Department } from '../identity/index.js';
import type { SegmentCondition } from './condition.js';
import { Segment } from './segment.entity.js';
import type { SegmentService } from './segments.service.js';

/** The residents who agreed to the city's surveys (the demo attribute `survey_consent`, option `given`). */
export const DEMO_SURVEY_SEGMENT = 'アンケートに協力いただける方';

interface SeedSegment {
  name: string;
  description: string;
  /** The owning department's code (identity's demo departments). */
  departmentCode: string;
  condition: SegmentCondition;
}

const DEMO_SEGMENTS: SeedSegment[] = [
  {
    name: DEMO_SURVEY_SEGMENT,
    description: '属性「アンケートへの協力」に同意した友だち。住民満足度アンケートの配信先です（FORM-08）。',
    departmentCode: 'digital',
    condition: { type: 'attribute', key: 'survey_consent', op: 'in', values: ['given'] },
  },
];

export interface SeededSegment {
  name: string;
  id: string;
  created: boolean;
}

/**
 * The demo city's segments: each made once through SegmentService.create (its condition checked
 * against the attributes, the creation audited), found again by name within its department, so
 * running the seed again adds only what is missing and keeps what staff changed. A segment whose
 * department is gone, or whose condition no longer checks (its attribute retired), is left out
 * with a log line. `ctx` is a system context on an unscoped EntityManager.
 */
export async function seedDemoSegments(ctx: ServiceContext, segments: SegmentService, logger: Logger): Promise<SeededSegment[]> {
  const unscoped = { filters: { [DEPARTMENT_SCOPE]: false } };
  const out: SeededSegment[] = [];
  for (const seed of DEMO_SEGMENTS) {
    const department = await ctx.em.findOne(Department, { code: seed.departmentCode }, unscoped);
    if (!department) {
      logger.warn({ segment: seed.name, department: seed.departmentCode }, 'demo segment not seeded: its department does not exist');
      continue;
    }
    const existing = await ctx.em.findOne(Segment, { name: seed.name, department }, unscoped);
    if (existing) {
      out.push({ name: seed.name, id: existing.id, created: false });
      continue;
    }
    let segment: Segment;
    try {
      segment = await segments.create(ctx, {
        name: seed.name,
        description: seed.description,
        condition: seed.condition,
        departmentId: department.id,
      });
    } catch (err) {
      // The city changed its attributes (retired survey_consent): the demo example no longer applies.
      if (!(err instanceof AppError) || err.code !== ErrorCode.BAD_USER_INPUT) throw err;
      logger.warn({ segment: seed.name, fields: err.options.fields }, 'demo segment not seeded: its condition does not check');
      continue;
    }
    logger.info({ segmentId: segment.id, name: seed.name }, 'seeded a demo segment');
    out.push({ name: seed.name, id: segment.id, created: true });
  }
  return out;
}
