import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { AppError, ErrorCode } from '../../platform/errors/app-error.js';
import type { Logger } from '../../platform/logging/logger.js';
import type { HttpRoute } from '../../platform/modules/feature-module.js';
import {
  alreadyConfirmedPage,
  confirmedPage,
  confirmPage,
  expiredPage,
  invalidLinkPage,
  signUpPage,
  signUpSentPage,
  tooManyPage,
  unavailablePage,
  unsubscribedPage,
  unsubscribePage,
  type PublicListView,
} from './mail-lists.pages.js';
import type { ConfirmationView, MailSubscriptionService, RequestInfo } from './mail-subscription.service.js';

/** The sign-up form's body: an address and a few list ids. */
const readForm = express.urlencoded({ extended: false, limit: '16kb', parameterLimit: 100 });

function send(res: Response, status: number, html: string): void {
  res.status(status);
  res.setHeader('Content-Type', 'text/html; charset=utf-8');
  res.setHeader('Cache-Control', 'no-store');
  // The pages carry tokens in their address: never sent on to another site.
  res.setHeader('Referrer-Policy', 'no-referrer');
  res.setHeader('X-Robots-Tag', 'noindex');
  res.send(html);
}

const text = (value: unknown): string => (typeof value === 'string' ? value : '');
const texts = (value: unknown): string[] =>
  Array.isArray(value) ? value.filter((v) => typeof v === 'string') : typeof value === 'string' ? [value] : [];
const tokenOf = (req: Request): string => text(req.query['token']).slice(0, 200);

/**
 * The public pages: `/mail-lists` (the sign-up form and its POST), `/mail-lists/confirm?token=`
 * (the confirmation link: a page with one button, then its POST) and `/mail-lists/unsubscribe?token=`
 * (the same; its POST is also what a mail client's one-click unsubscribe sends, RFC 8058). Tokens
 * travel in the query, which the access log leaves out.
 */
export function mailListRoutes(subscriptions: MailSubscriptionService, logger: Logger): HttpRoute[] {
  const info = (req: Request, res: Response): RequestInfo => ({
    requestId: String(res.locals['requestId'] ?? ''),
    ip: req.ip ?? null,
    userAgent: req.header('user-agent')?.slice(0, 500) ?? null,
  });

  const publicLists = async (): Promise<PublicListView[]> =>
    (await subscriptions.publicLists()).map((l) => ({
      id: l.id,
      name: l.name,
      description: l.description,
      departmentName: l.department.name,
    }));

  /** Our own failures answer a page, never a stack; the client's malformed requests never get here. */
  const page =
    (work: (req: Request, res: Response) => Promise<void>): RequestHandler =>
    (req, res) => {
      work(req, res).catch((err: unknown) => {
        if (err instanceof AppError && err.code === ErrorCode.RATE_LIMITED) {
          res.setHeader('Retry-After', String(err.options.retryAfterSeconds ?? 60));
          send(res, 429, tooManyPage());
          return;
        }
        logger.error({ err }, 'mail list page failed');
        if (!res.headersSent) send(res, 503, unavailablePage());
        else res.end();
      });
    };

  const showSignUp = page(async (_req, res) => send(res, 200, signUpPage(await publicLists())));

  const submitSignUp: RequestHandler = (req, res, next: NextFunction) => {
    readForm(req, res, (err?: unknown) => {
      if (err) {
        next(err);
        return;
      }
      void page(async () => {
        const body = (req.body ?? {}) as Record<string, unknown>;
        const email = text(body['email']).slice(0, 300);
        const listIds = texts(body['lists']).slice(0, 100);
        try {
          await subscriptions.signUp(info(req, res), { email, listIds });
        } catch (e) {
          if (e instanceof AppError && e.code === ErrorCode.BAD_USER_INPUT) {
            send(res, 400, signUpPage(await publicLists(), { email, listIds, errors: e.options.fields ?? {} }));
            return;
          }
          throw e;
        }
        send(res, 200, signUpSentPage());
      })(req, res, next);
    });
  };

  const confirmation = (view: ConfirmationView, token: string): [number, string] => {
    switch (view.state) {
      case 'valid':
        return [200, confirmPage(token, view.lists)];
      case 'confirmed':
        return [200, confirmedPage(view.lists)];
      case 'used':
        return [200, alreadyConfirmedPage(view.lists)];
      case 'expired':
        return [410, expiredPage()];
      case 'unknown':
        return [404, invalidLinkPage()];
    }
  };

  const showConfirm = page(async (req, res) => {
    const token = tokenOf(req);
    send(res, ...confirmation(await subscriptions.inspectConfirmation(token), token));
  });

  const submitConfirm = page(async (req, res) => {
    const token = tokenOf(req);
    // The form's body says nothing the query does not; let it drain.
    req.resume();
    send(res, ...confirmation(await subscriptions.confirm(info(req, res), token), token));
  });

  const showUnsubscribe = page(async (req, res) => {
    const token = tokenOf(req);
    const view = await subscriptions.inspectUnsubscribe(token);
    if (view.state === 'unknown') send(res, 404, invalidLinkPage());
    else if (view.state === 'unsubscribed') send(res, 200, unsubscribedPage([]));
    else send(res, 200, unsubscribePage(token, view.lists));
  });

  const submitUnsubscribe = page(async (req, res) => {
    req.resume();
    const view = await subscriptions.unsubscribe(info(req, res), tokenOf(req));
    if (view.state === 'unknown') send(res, 404, invalidLinkPage());
    else send(res, 200, unsubscribedPage(view.lists));
  });

  return [
    { kind: 'express', method: 'get', path: '/mail-lists', handler: showSignUp },
    { kind: 'express', method: 'post', path: '/mail-lists', handler: submitSignUp },
    { kind: 'express', method: 'get', path: '/mail-lists/confirm', handler: showConfirm },
    { kind: 'express', method: 'post', path: '/mail-lists/confirm', handler: submitConfirm },
    { kind: 'express', method: 'get', path: '/mail-lists/unsubscribe', handler: showUnsubscribe },
    { kind: 'express', method: 'post', path: '/mail-lists/unsubscribe', handler: submitUnsubscribe },
  ];
}
