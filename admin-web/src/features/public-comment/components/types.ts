import type { PublicCommentProcedureQuery } from '../../../gql/graphql';

/** The procedure as the detail page loads it, with its documents and groups. */
export type ProcedureDetail = PublicCommentProcedureQuery['publicCommentProcedure'];

export interface PanelProps {
  procedure: ProcedureDetail;
  /** After a change: the page loads the procedure again. */
  onChanged: () => void;
}
