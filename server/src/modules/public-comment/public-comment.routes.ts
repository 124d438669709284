import type { HttpRoute } from '../../platform/modules/feature-module.js';
import type { PublicCommentService } from './public-comment.service.js';

/**
 * The CSVs: every opinion for staff (a download through the one gate and the own-site check), and
 * the published result for anyone (no sign-in, like the page it belongs to).
 */
export function publicCommentRoutes(service: PublicCommentService): HttpRoute[] {
  return [
    {
      kind: 'download',
      path: '/api/public-comments/:id/opinions.csv',
      filePrefix: 'public-comment-opinions',
      produce: (ctx, req) => service.exportOpinions(ctx, String(req.params['id'])),
    },
    {
      kind: 'actor',
      method: 'get',
      path: '/api/public-comments/:id/result.csv',
      async handle(ctx, req, res) {
        const stream = await service.publicResultCsv(ctx, String(req.params['id']));
        res.setHeader('Content-Type', 'text/csv; charset=utf-8');
        res.setHeader('Content-Disposition', 'attachment; filename="public-comment-result.csv"');
        res.setHeader('Cache-Control', 'no-cache');
        stream.on('error', () => res.destroy());
        stream.pipe(res);
      },
    },
  ];
}
