// Where the development provider keeps its sessions, codes and grants: in memory, per provider (two providers in one
// process — a test's — share nothing), each entry dropped when it expires. oidc-provider's adapter interface (its
// docs/README.md, "adapter"); what a provider restart forgets is only development sign-ins under way.

interface Entry {
  payload: Record<string, unknown>;
  expiresAt: number;
}

export function inMemoryAdapter(): new (model: string) => object {
  const entries = new Map<string, Entry>();
  const index = new Map<string, string>();
  const grants = new Map<string, Set<string>>();

  const live = (key: string | undefined): Record<string, unknown> | undefined => {
    if (key === undefined) return undefined;
    const entry = entries.get(key);
    if (entry && entry.expiresAt <= Date.now()) {
      entries.delete(key);
      return undefined;
    }
    return entry?.payload;
  };

  return class InMemoryAdapter {
    constructor(private readonly model: string) {}

    private key(id: string): string {
      return `${this.model}:${id}`;
    }

    async upsert(id: string, payload: Record<string, unknown>, expiresIn: number): Promise<void> {
      if (entries.size > 10_000) for (const key of [...entries.keys()]) live(key);
      const key = this.key(id);
      entries.set(key, { payload, expiresAt: Date.now() + expiresIn * 1000 });
      if (typeof payload.uid === 'string') index.set(`uid:${this.model}:${payload.uid}`, key);
      if (typeof payload.userCode === 'string') index.set(`userCode:${this.model}:${payload.userCode}`, key);
      if (typeof payload.grantId === 'string') {
        const keys = grants.get(payload.grantId) ?? new Set<string>();
        grants.set(payload.grantId, keys.add(key));
      }
    }

    async find(id: string): Promise<Record<string, unknown> | undefined> {
      return live(this.key(id));
    }

    async findByUid(uid: string): Promise<Record<string, unknown> | undefined> {
      return live(index.get(`uid:${this.model}:${uid}`));
    }

    async findByUserCode(userCode: string): Promise<Record<string, unknown> | undefined> {
      return live(index.get(`userCode:${this.model}:${userCode}`));
    }

    async consume(id: string): Promise<void> {
      const payload = live(this.key(id));
      if (payload) payload.consumed = Math.floor(Date.now() / 1000);
    }

    async destroy(id: string): Promise<void> {
      entries.delete(this.key(id));
    }

    async revokeByGrantId(grantId: string): Promise<void> {
      for (const key of grants.get(grantId) ?? []) entries.delete(key);
      grants.delete(grantId);
    }
  };
}
