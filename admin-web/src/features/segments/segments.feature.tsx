import { ClusterOutlined } from '@ant-design/icons';
import { lazyPage } from '../../app/feature';
import type { ConsoleFeature } from '../../app/feature';
import { en } from './i18n/en';
import { ja } from './i18n/ja';
import type { SegmentsTranslation } from './i18n/ja';

/** Segments are read with segments.read (the editor opens read-only); creating or changing one needs segments.manage. */
export const segmentsFeature: ConsoleFeature<'segments', SegmentsTranslation> = {
  key: 'segments',
  i18n: { ja, en },
  nav: [
    {
      key: 'segments',
      path: '/segments',
      icon: <ClusterOutlined />,
      labelKey: 'segments.nav.label',
      descriptionKey: 'segments.nav.description',
      permission: 'segments.read',
    },
  ],
  routes: [
    {
      path: '/segments',
      permission: 'segments.read',
      page: lazyPage(() => import('./pages/segments-page').then((m) => m.SegmentsPage)),
    },
    {
      // As the list: the page itself refuses a new segment without segments.manage.
      path: '/segments/new',
      permission: 'segments.read',
      page: lazyPage(() => import('./pages/segment-editor-page').then((m) => m.SegmentEditorPage)),
    },
    {
      path: '/segments/:id',
      permission: 'segments.read',
      page: lazyPage(() => import('./pages/segment-editor-page').then((m) => m.SegmentEditorPage)),
    },
  ],
};
