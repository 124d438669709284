import DataLoader from 'dataloader';
import type { EntityManager } from '@mikro-orm/postgresql';
import type { EntityName } from '@mikro-orm/core';

/**
 * Per-request batching for relations a list resolves: every `load(Entity, id)` in one tick
 * becomes a single `WHERE id IN (...)` (through the request's EntityManager, so department
 * scoping still applies).
 */
export class Loaders {
  private readonly byEntity = new Map<unknown, DataLoader<string, unknown>>();

  constructor(private readonly em: EntityManager) {}

  load<T extends { id: string }>(entity: EntityName<T>, id: string): Promise<T | null> {
    return this.loader(entity).load(id);
  }

  /**
   * Batches a custom keyed query, e.g. staff counts per department. `cache: false` for values
   * that move while one context lives (a subscription's context serves every event it delivers).
   */
  custom<K, V>(name: string, batch: (keys: readonly K[]) => Promise<V[]>, options: { cache?: boolean } = {}): DataLoader<K, V> {
    let loader = this.byEntity.get(name) as DataLoader<K, V> | undefined;
    if (!loader) {
      loader = new DataLoader<K, V>(batch, { cache: options.cache ?? true });
      this.byEntity.set(name, loader as DataLoader<string, unknown>);
    }
    return loader;
  }

  private loader<T extends { id: string }>(entity: EntityName<T>): DataLoader<string, T | null> {
    let loader = this.byEntity.get(entity) as DataLoader<string, T | null> | undefined;
    if (!loader) {
      loader = new DataLoader<string, T | null>(async (ids) => {
        const rows = await this.em.find(entity, { id: { $in: [...ids] } } as never);
        const map = new Map(rows.map((r) => [r.id, r]));
        return ids.map((id) => map.get(id) ?? null);
      });
      this.byEntity.set(entity, loader);
    }
    return loader;
  }
}
