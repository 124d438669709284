import express, { Router } from 'express';
import type { EmulatorContext } from '../context.js';
import { IdTokenRejected } from '../line-login.js';

// LINE Login endpoints used to check LIFF users: ID token verification and the signing keys.

export function loginRouter(context: EmulatorContext): Router {
  const router = Router();
  const form = express.urlencoded({ extended: false });

  router.post('/oauth2/v2.1/verify', form, async (req, res, next) => {
    try {
      const body = (req.body ?? {}) as Record<string, unknown>;
      const idToken = typeof body.id_token === 'string' ? body.id_token : '';
      const clientId = typeof body.client_id === 'string' ? body.client_id : '';
      if (!idToken || !clientId) {
        res.status(400).json({ error: 'invalid_request', error_description: idToken ? 'Required client_id.' : 'Required id_token.' });
        return;
      }
      const claims = await context.login.verify(idToken, clientId, {
        ...(typeof body.nonce === 'string' ? { nonce: body.nonce } : {}),
        ...(typeof body.user_id === 'string' ? { userId: body.user_id } : {}),
      });
      res.json(claims);
    } catch (error) {
      if (error instanceof IdTokenRejected) {
        res.status(400).json({ error: 'invalid_request', error_description: error.message });
        return;
      }
      next(error);
    }
  });

  router.get('/oauth2/v2.1/certs', (_req, res) => {
    res.json(context.login.jwks());
  });

  return router;
}
