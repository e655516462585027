// The snapshot screens read through useSyncExternalStore: the same object until something changes,
// a new one (version + 1) when anything does, and listeners told once per change.
import type { AuthSnapshot, Notice } from './types.js';

export type SnapshotFields = Omit<AuthSnapshot, 'version' | 'notices'>;
export type NewNotice = Omit<Notice, 'id'>;

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export class AuthState {
  private current: AuthSnapshot;
  private readonly listeners = new Set<() => void>();
  private nextNoticeId = 1;

  constructor(storeMode: AuthSnapshot['storeMode']) {
    this.current = {
      status: 'loading', identity: null, storedAt: null, storeMode, loadError: null, diskAccountChanged: null,
      refreshFailure: null, notices: [], version: 0,
    };
  }

  get(): AuthSnapshot {
    return this.current;
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  clearListeners(): void {
    this.listeners.clear();
  }

  /** Applies the fields that differ; no change, no new snapshot. */
  update(patch: Partial<SnapshotFields>, notices?: readonly Notice[]): void {
    const changed = (Object.keys(patch) as (keyof SnapshotFields)[]).filter((key) => !same(this.current[key], patch[key]));
    if (changed.length === 0 && notices === undefined) return;
    const next = { ...this.current, version: this.current.version + 1 } as AuthSnapshot;
    for (const key of changed) (next as unknown as Record<string, unknown>)[key] = patch[key];
    if (notices !== undefined) next.notices = notices;
    this.current = next;
    for (const listener of [...this.listeners]) listener();
  }

  /** Adds a notice; an earlier notice of the same kind is replaced (one banner per kind). */
  addNotice(notice: NewNotice): number {
    const id = this.nextNoticeId++;
    const kept = notice.kind === 'warning' ? this.current.notices : this.current.notices.filter((n) => n.kind !== notice.kind);
    this.update({}, [...kept, { ...notice, id }]);
    return id;
  }

  removeNotices(predicate: (notice: Notice) => boolean): void {
    if (!this.current.notices.some(predicate)) return;
    this.update({}, this.current.notices.filter((n) => !predicate(n)));
  }

  /** Esc on a banner: sticky ones stay. */
  dismiss(id: number): void {
    this.removeNotices((n) => n.id === id && !n.sticky);
  }
}
