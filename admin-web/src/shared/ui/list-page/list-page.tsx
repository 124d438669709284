import { DownloadOutlined, FileExcelOutlined } from '@ant-design/icons';
import { Button } from 'antd';
import type { ReactNode } from 'react';
import { PageHeader } from '../page-header';
import { ListTable } from './list-table';
import type { ListTableProps } from './list-table';
import type { RowActions } from './use-row-actions';

export interface DownloadAction {
  key: string;
  label: string;
  format?: 'csv' | 'xlsx';
  /** A file the server sends with the session cookie (`/api/….csv?…`), or an action such as a dialog for the period. */
  href?: string;
  onClick?: () => void;
}

export function DownloadButton({ download }: { download: DownloadAction }) {
  return (
    <Button
      icon={download.format === 'xlsx' ? <FileExcelOutlined /> : <DownloadOutlined />}
      onClick={() => {
        if (download.onClick) download.onClick();
        else if (download.href) window.location.assign(download.href);
      }}
    >
      {download.label}
    </Button>
  );
}

export interface ListPageProps<N> extends Omit<ListTableProps<N>, 'caption' | 'title' | 'children'> {
  title: string;
  description?: ReactNode;
  /** The page's own actions (the add button), shown in the header; only those the viewer may use. */
  actions?: ReactNode;
  /** Downloads of the list, beside the actions; only those the viewer may use. */
  downloads?: readonly DownloadAction[];
  /** Above the table: the filters, notices, forms. */
  before?: ReactNode;
  /** Below the table: related panels. */
  after?: ReactNode;
  /** Where row actions report a failure. */
  rowActions?: RowActions;
  /** Lays the parts out with even gaps (pages with several blocks above or below the table). */
  stacked?: boolean;
  /** Dialogs the page opens. */
  children?: ReactNode;
}

/** A page that is a list: header with actions and downloads, filters, the table and its states. */
export function ListPage<N extends object>({
  title,
  description,
  actions,
  downloads = [],
  before,
  after,
  rowActions,
  stacked = false,
  children,
  ...table
}: ListPageProps<N>) {
  const extra =
    actions || downloads.length > 0 ? (
      <>
        {downloads.map((download) => (
          <DownloadButton key={download.key} download={download} />
        ))}
        {actions}
      </>
    ) : undefined;
  const body = (
    <>
      {before}
      {rowActions?.alert(stacked ? undefined : 'form-alert')}
      <ListTable<N> caption={title} {...table} />
      {after}
    </>
  );
  return (
    <>
      <PageHeader title={title} description={description} extra={extra} />
      {stacked ? <div className="stack">{body}</div> : body}
      {children}
    </>
  );
}
