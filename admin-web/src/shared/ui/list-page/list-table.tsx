import { Table } from 'antd';
import type { TableColumnsType, TableProps } from 'antd';
import type { ReactNode } from 'react';
import { ErrorAlert } from '../error-alert';
import { EmptyState, LoadingState } from '../states';
import { ListFooter } from './list-footer';
import type { ListState } from './use-connection-list';

export interface ListTableProps<N> extends Omit<TableProps<N>, 'columns' | 'dataSource' | 'loading' | 'pagination' | 'locale' | 'caption'> {
  list: ListState<N>;
  columns: TableColumnsType<N>;
  /** The table's name for screen readers (usually the page title). */
  caption: string;
  /** What to say when there are no rows: why, and what to do. */
  emptyText: ReactNode;
  skeletonRows?: number;
}

/**
 * A list's table with its states: a skeleton while the first rows load, the error with a retry
 * when nothing could load (above the rows when some did), the empty text, and the next page.
 */
export function ListTable<N extends object>({ list, columns, caption, emptyText, skeletonRows, ...tableProps }: ListTableProps<N>) {
  if (list.error && !list.hasData) return <ErrorAlert error={list.error} onRetry={list.refetch} />;
  if (list.loading && !list.hasData) return <LoadingState rows={skeletonRows} />;
  return (
    <div>
      {list.error ? <ErrorAlert className="form-alert" error={list.error} onRetry={list.refetch} /> : null}
      <Table<N>
        rowKey="id"
        pagination={false}
        scroll={{ x: 'max-content' }}
        {...tableProps}
        columns={columns}
        dataSource={list.rows}
        loading={list.refreshing}
        locale={{ emptyText: <EmptyState description={emptyText} /> }}
        caption={<span className="visually-hidden">{caption}</span>}
      />
      <ListFooter footer={list.footer} />
    </div>
  );
}
