import type { AgendaBackend } from 'agenda';

/** Where Agenda keeps its jobs: MongoDB in production, PostgreSQL where no MongoDB can run. */
export type JobStoreKind = 'mongodb' | 'postgres';

/** An opened job store: a connected Agenda backend plus the connections we own behind it. */
export interface JobStore {
  readonly kind: JobStoreKind;
  /** Already connected (and its schema ensured) when the store is returned. */
  readonly backend: AgendaBackend;
  ping(): Promise<void>;
  /** Closes what the store opened. Call after Agenda has stopped using it. */
  close(): Promise<void>;
}
