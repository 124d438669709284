import { ArrowLeftOutlined } from '@ant-design/icons';
import { useQuery } from '@apollo/client/react';
import { Space, Tabs } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { PublicCommentProcedureDocument } from '../../../gql/graphql';
import { hasErrorCode } from '../../../shared/lib/graphql-errors';
import { ErrorAlert } from '../../../shared/ui/error-alert';
import { NotFoundResult } from '../../../shared/ui/not-found-result';
import { PageHeader } from '../../../shared/ui/page-header';
import { LoadingState } from '../../../shared/ui/states';
import { DocumentsPanel } from '../components/documents-panel';
import { GroupsPanel } from '../components/groups-panel';
import { OpinionsPanel } from '../components/opinions-panel';
import { OverviewPanel } from '../components/overview-panel';
import { ResultPanel } from '../components/result-panel';
import { PublicCommentStatusTag } from '../components/status-tag';

type TabKey = 'overview' | 'documents' | 'opinions' | 'groups' | 'result';

/** One procedure: its settings, documents, opinions, groups and the published result, one tab each. */
export function PublicCommentDetailPage() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const [tab, setTab] = useState<TabKey>('overview');
  const { data, loading, error, refetch } = useQuery(PublicCommentProcedureDocument, {
    variables: { id },
    fetchPolicy: 'cache-and-network',
  });
  const back = (
    <Link to="/public-comments">
      <ArrowLeftOutlined aria-hidden="true" /> {t('publicComment.backToList')}
    </Link>
  );
  if (!data) {
    if (error && hasErrorCode(error, 'NOT_FOUND')) return <NotFoundResult />;
    if (error) return <ErrorAlert error={error} />;
    return loading ? <LoadingState /> : null;
  }
  const procedure = data.publicCommentProcedure;
  const reload = () => void refetch();
  return (
    <Space direction="vertical" size="large" style={{ width: '100%' }}>
      {back}
      <PageHeader
        title={procedure.title}
        description={
          <Space wrap>
            <PublicCommentStatusTag status={procedure.status} />
            <span>{procedure.departmentName}</span>
          </Space>
        }
      />
      <Tabs
        activeKey={tab}
        onChange={(key) => {
          setTab(key as TabKey);
        }}
        items={[
          {
            key: 'overview',
            label: t('publicComment.tabs.overview'),
            children: <OverviewPanel procedure={procedure} onChanged={reload} />,
          },
          {
            key: 'documents',
            label: t('publicComment.tabs.documents'),
            children: <DocumentsPanel procedure={procedure} onChanged={reload} />,
          },
          {
            key: 'opinions',
            label: `${t('publicComment.tabs.opinions')}（${procedure.opinionCount}）`,
            children: <OpinionsPanel procedure={procedure} onChanged={reload} />,
          },
          { key: 'groups', label: t('publicComment.tabs.groups'), children: <GroupsPanel procedure={procedure} onChanged={reload} /> },
          { key: 'result', label: t('publicComment.tabs.result'), children: <ResultPanel procedure={procedure} onChanged={reload} /> },
        ]}
      />
    </Space>
  );
}
