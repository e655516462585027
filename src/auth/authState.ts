// The snapshot screens read through useSyncExternalStore: the same object until something changes,
// a new one (version + 1) when anything does, and listeners told once per change.
import type { AuthSnapshot, Identity, NotAllowed, Notice, RefreshFailure, SignedInSnapshot } from './types.js';

/** The state behind the snapshot, kept flat so that changes can be patched field by field. */
export interface SnapshotFields {
  status: AuthSnapshot['status'];
  identity: Identity | null;
  storedAt: string | null;
  storeMode: AuthSnapshot['storeMode'];
  loadError: string | null;
  diskAccountChanged: SignedInSnapshot['diskAccountChanged'];
  refreshFailure: RefreshFailure | null;
  notAllowed: NotAllowed | null;
}
export type NewNotice = Omit<Notice, 'id'>;

/** The published snapshot: signed in only with an identity; the signed-in fields only then. */
function toSnapshot(fields: SnapshotFields, notices: readonly Notice[], version: number): AuthSnapshot {
  const { status, identity, storedAt, storeMode, loadError, diskAccountChanged, refreshFailure, notAllowed } = fields;
  if (status === 'signedIn' && identity) {
    return { status, identity, storedAt: storedAt ?? 'unknown', storeMode, loadError, notAllowed: null, diskAccountChanged, refreshFailure, notices, version };
  }
  return { status: status === 'signedIn' ? 'signedOut' : status, storeMode, loadError, notAllowed, notices, version };
}

const same = (a: unknown, b: unknown) => a === b || JSON.stringify(a) === JSON.stringify(b);

export class AuthState {
  private fields: SnapshotFields;
  private notices: readonly Notice[] = [];
  private current: AuthSnapshot;
  private readonly listeners = new Set<() => void>();
  private nextNoticeId = 1;

  constructor(storeMode: AuthSnapshot['storeMode']) {
    this.fields = { status: 'loading', identity: null, storedAt: null, storeMode, loadError: null, diskAccountChanged: null, refreshFailure: null, notAllowed: null };
    this.current = toSnapshot(this.fields, this.notices, 0);
  }

  get(): AuthSnapshot {
    return this.current;
  }

  /** One field of the state behind the snapshot (also those a signed-out snapshot leaves out). */
  field<K extends keyof SnapshotFields>(key: K): SnapshotFields[K] {
    return this.fields[key];
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
    const changed = (Object.keys(patch) as (keyof SnapshotFields)[]).filter((key) => !same(this.fields[key], patch[key]));
    if (changed.length === 0 && notices === undefined) return;
    this.fields = { ...this.fields, ...Object.fromEntries(changed.map((key) => [key, patch[key]])) };
    if (notices !== undefined) this.notices = notices;
    this.current = toSnapshot(this.fields, this.notices, this.current.version + 1);
    for (const listener of [...this.listeners]) listener();
  }

  /** Adds a notice; an earlier notice of the same kind is replaced (one banner per kind). */
  addNotice(notice: NewNotice): number {
    const id = this.nextNoticeId++;
    const kept = notice.kind === 'warning' ? this.notices : this.notices.filter((n) => n.kind !== notice.kind);
    this.update({}, [...kept, { ...notice, id }]);
    return id;
  }

  removeNotices(predicate: (notice: Notice) => boolean): void {
    if (!this.notices.some(predicate)) return;
    this.update({}, this.notices.filter((n) => !predicate(n)));
  }

  /** Esc on a banner: sticky ones stay. */
  dismiss(id: number): void {
    this.removeNotices((n) => n.id === id && !n.sticky);
  }
}
