import { DeleteOutlined, EditOutlined, EyeOutlined, PauseCircleOutlined, PlayCircleOutlined, PlusOutlined } from '@ant-design/icons';
import { useMutation } from '@apollo/client/react';
import { App, Button, Space, Typography } from 'antd';
import type { TableColumnsType } from 'antd';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { useCan } from '../../../app/auth/viewer-context';
import { DeleteDeliveryStepPlanDocument, DeliveryStepPlansDocument, UpdateDeliveryStepPlanDocument } from '../../../gql/graphql';
import type { DeliveryStepPlanFieldsFragment } from '../../../gql/graphql';
import { formatDateTime } from '../../../shared/lib/format';
import { ListPage, useConnectionList, useRowActions } from '../../../shared/ui/list-page';
import { LockedButton } from '../../../shared/ui/locked-button';
import { StepPlanStatusTag } from '../components/planning-tags';
import { formatJst } from '../lib/jst';
import { UPCOMING_DAYS, offsetText, stepName, upcomingWindow } from '../lib/step-plan';

const n = (value: number) => value.toLocaleString('ja-JP');
/** Steps named in the list's cell; the plan's page shows them all. */
const SHOWN_STEPS = 3;

/** The step plans of the viewer's departments: what each counts from, its messages, whether it is on and what it sends next. */
export function StepPlansPage() {
  const { t } = useTranslation();
  const { modal } = App.useApp();
  const navigate = useNavigate();
  const can = useCan();
  const canManage = can('deliveries.manage');
  const canSend = can('deliveries.send');
  const [span] = useState(() => upcomingWindow());
  const list = useConnectionList(DeliveryStepPlansDocument, {
    variables: span,
    connection: (data) => data.deliveryStepPlans,
    fetchPolicy: 'cache-and-network',
  });
  const rowActions = useRowActions();
  const [updatePlan] = useMutation(UpdateDeliveryStepPlanDocument);
  const [deletePlan] = useMutation(DeleteDeliveryStepPlanDocument, { refetchQueries: ['DeliveryStepPlans'], awaitRefetchQueries: true });

  const toggle = (plan: DeliveryStepPlanFieldsFragment) => {
    const title = plan.title;
    const enabling = !plan.enabled;
    void modal.confirm({
      title: t(enabling ? 'deliveries.steps.list.enableTitle' : 'deliveries.steps.list.disableTitle', { title }),
      content: t(enabling ? 'deliveries.steps.list.enableBody' : 'deliveries.steps.list.disableBody'),
      okText: t(enabling ? 'deliveries.steps.list.enableOk' : 'deliveries.steps.list.disableOk'),
      okButtonProps: enabling ? undefined : { danger: true },
      cancelText: t('common.cancel'),
      onOk: () =>
        rowActions.run(
          () => updatePlan({ variables: { id: plan.id, input: { enabled: enabling }, ...span } }),
          t(enabling ? 'deliveries.steps.list.enabled' : 'deliveries.steps.list.disabled', { title }),
        ),
    });
  };

  const confirmDelete = (plan: DeliveryStepPlanFieldsFragment) => {
    const title = plan.title;
    rowActions.confirm(
      { title: t('deliveries.steps.list.deleteTitle', { title }), content: t('deliveries.steps.list.deleteBody') },
      () => deletePlan({ variables: { id: plan.id } }),
      t('deliveries.steps.list.deleted', { title }),
    );
  };

  const columns: TableColumnsType<DeliveryStepPlanFieldsFragment> = [
    {
      title: t('deliveries.steps.list.columns.title'),
      key: 'title',
      render: (_: unknown, plan) => (
        <Space orientation="vertical" size={0}>
          <Link to={`/deliveries/steps/${plan.id}`}>{plan.title}</Link>
          <Typography.Text type="secondary" className="nowrap" style={{ fontSize: 13 }}>
            {t('deliveries.steps.list.updatedAt', { at: formatDateTime(plan.updatedAt) })}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('deliveries.steps.list.columns.dateAttribute'),
      key: 'dateAttribute',
      render: (_: unknown, plan) => plan.dateAttribute?.label ?? t('deliveries.steps.list.unknownAttribute'),
    },
    {
      title: t('deliveries.steps.list.columns.steps'),
      key: 'steps',
      render: (_: unknown, plan) => (
        <Space orientation="vertical" size={0}>
          <span>{t('deliveries.steps.list.stepsCount', { n: plan.steps.length })}</span>
          <Typography.Text type="secondary" style={{ fontSize: 13 }}>
            {plan.steps
              .slice(0, SHOWN_STEPS)
              .map((step) => `${offsetText(step.offsetDays, t)} ${step.time}`)
              .join('、')}
            {plan.steps.length > SHOWN_STEPS ? '…' : ''}
          </Typography.Text>
        </Space>
      ),
    },
    {
      title: t('deliveries.steps.list.columns.status'),
      key: 'status',
      width: 110,
      render: (_: unknown, plan) => <StepPlanStatusTag enabled={plan.enabled} />,
    },
    {
      title: t('deliveries.steps.list.columns.next'),
      key: 'next',
      render: (_: unknown, plan) => {
        if (!plan.enabled) return <Typography.Text type="secondary">{t('deliveries.steps.list.notSending')}</Typography.Text>;
        const next = plan.upcoming[0];
        const index = next ? plan.steps.findIndex((s) => s.id === next.stepId) : -1;
        const step = plan.steps[index];
        if (!next || !step)
          return <Typography.Text type="secondary">{t('deliveries.steps.list.noUpcoming', { days: UPCOMING_DAYS })}</Typography.Text>;
        return (
          <Space orientation="vertical" size={0}>
            <span className="nowrap">{t('deliveries.steps.list.nextSend', { at: formatJst(next.at) })}</span>
            <Typography.Text type="secondary" style={{ fontSize: 13 }}>
              {t('deliveries.steps.list.nextDetail', { step: stepName(step, index + 1, t), n: n(next.recipients) })}
            </Typography.Text>
          </Space>
        );
      },
    },
    {
      title: t('common.actions'),
      key: 'actions',
      fixed: 'right',
      render: (_: unknown, plan) => {
        const title = plan.title;
        return (
          <Space size={4} wrap>
            <Button
              size="small"
              icon={canManage ? <EditOutlined aria-hidden="true" /> : <EyeOutlined aria-hidden="true" />}
              aria-label={
                canManage ? t('deliveries.steps.list.actions.editOf', { title }) : t('deliveries.steps.list.actions.viewOf', { title })
              }
              onClick={() => void navigate(`/deliveries/steps/${plan.id}`)}
            >
              {canManage ? t('deliveries.steps.list.actions.edit') : t('deliveries.steps.list.actions.view')}
            </Button>
            {canManage ? (
              <>
                {plan.enabled ? (
                  <Button
                    size="small"
                    icon={<PauseCircleOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.steps.list.actions.disableOf', { title })}
                    onClick={() => toggle(plan)}
                  >
                    {t('deliveries.steps.list.actions.disable')}
                  </Button>
                ) : canSend ? (
                  <Button
                    size="small"
                    icon={<PlayCircleOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.steps.list.actions.enableOf', { title })}
                    onClick={() => toggle(plan)}
                  >
                    {t('deliveries.steps.list.actions.enable')}
                  </Button>
                ) : (
                  <LockedButton
                    size="small"
                    icon={<PlayCircleOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.steps.list.actions.enableOf', { title })}
                    reason={t('deliveries.steps.list.sendRequired')}
                  >
                    {t('deliveries.steps.list.actions.enable')}
                  </LockedButton>
                )}
                {plan.enabled ? (
                  <LockedButton
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.steps.list.actions.deleteOf', { title })}
                    reason={t('deliveries.steps.list.deleteLocked')}
                  >
                    {t('deliveries.steps.list.actions.delete')}
                  </LockedButton>
                ) : (
                  <Button
                    size="small"
                    danger
                    icon={<DeleteOutlined aria-hidden="true" />}
                    aria-label={t('deliveries.steps.list.actions.deleteOf', { title })}
                    onClick={() => confirmDelete(plan)}
                  >
                    {t('deliveries.steps.list.actions.delete')}
                  </Button>
                )}
              </>
            ) : null}
          </Space>
        );
      },
    },
  ];

  return (
    <ListPage<DeliveryStepPlanFieldsFragment>
      title={t('deliveries.steps.list.title')}
      description={t('deliveries.steps.list.description')}
      actions={
        canManage ? (
          <Button type="primary" icon={<PlusOutlined aria-hidden="true" />} onClick={() => void navigate('/deliveries/steps/new')}>
            {t('deliveries.steps.list.create')}
          </Button>
        ) : null
      }
      rowActions={rowActions}
      list={list}
      columns={columns}
      emptyText={t('deliveries.steps.list.empty')}
      size="middle"
    />
  );
}
