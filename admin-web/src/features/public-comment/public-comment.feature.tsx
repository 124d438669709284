import { CommentOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { PublicCommentTranslation } from './i18n/ja';

export const publicCommentFeature: ConsoleFeature<'publicComment', PublicCommentTranslation> = {
  key: 'publicComment',
  i18n: { ja, en },
  nav: [
    {
      key: 'publicComment',
      path: '/public-comments',
      icon: <CommentOutlined />,
      labelKey: 'publicComment.nav.label',
      descriptionKey: 'publicComment.nav.description',
      permission: 'public_comment.read',
    },
  ],
  routes: [
    {
      path: '/public-comments',
      permission: 'public_comment.read',
      page: lazyPage(() => import('./pages/public-comments-page').then((m) => m.PublicCommentsPage)),
    },
    {
      path: '/public-comments/:id',
      permission: 'public_comment.read',
      page: lazyPage(() => import('./pages/public-comment-detail-page').then((m) => m.PublicCommentDetailPage)),
    },
  ],
};
