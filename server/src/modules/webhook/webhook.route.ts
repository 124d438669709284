import express, { type Request, type Response, type NextFunction, type Router } from 'express';
import type { WebhookService } from './webhook.service.js';

/** POST /webhook/:channel — LINE's calls; the raw body is needed for the signature. */
export function webhookRouter(webhooks: WebhookService): Router {
  const router = express.Router();
  router.post(
    '/webhook/:channel',
    express.raw({ type: () => true, limit: '1mb' }),
    async (req: Request, res: Response, next: NextFunction) => {
      try {
        const body = Buffer.isBuffer(req.body) ? req.body : Buffer.alloc(0);
        const result = await webhooks.ingest(String(req.params['channel']), body, req.header('x-line-signature'));
        if (result.status === 200) res.status(200).json({});
        else res.status(result.status).json({ message: result.status === 401 ? 'invalid signature' : 'unknown channel' });
      } catch (err) {
        next(err);
      }
    },
  );
  return router;
}
