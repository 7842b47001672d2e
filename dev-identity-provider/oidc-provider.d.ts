// The part of oidc-provider 8 (which ships no types) the development identity provider uses; the configuration's
// meaning is in the library's docs/README.md of that version.
declare module 'oidc-provider' {
  import type { IncomingMessage, ServerResponse } from 'node:http';

  export interface KoaContextWithOIDC {
    host: string;
    type: string;
    body: unknown;
    status: number;
    oidc: {
      client?: { clientId: string };
      session: { accountId?: string; exp?: number; grantIdFor(clientId: string): string | undefined };
      result?: { consent?: { grantId?: string } };
      account?: unknown;
    };
  }

  export interface Account {
    accountId: string;
    claims(use: string, scope: string): Promise<Record<string, unknown>> | Record<string, unknown>;
  }

  export interface Grant {
    exp?: number;
    addOIDCScope(scope: string): void;
    addOIDCClaims(claims: string[]): void;
    save(): Promise<string>;
  }

  export interface InteractionDetails {
    uid: string;
    prompt: { name: string; reasons: string[]; details: Record<string, unknown> };
    params: Record<string, unknown>;
    session?: { accountId?: string };
    grantId?: string;
  }

  export type InteractionResults =
    | { login: { accountId: string; remember?: boolean } }
    | { consent: { grantId: string } }
    | { error: string; error_description?: string };

  export interface Configuration {
    adapter?: new (model: string) => object;
    clients?: Record<string, unknown>[];
    findAccount?(ctx: KoaContextWithOIDC, sub: string): Promise<Account | undefined>;
    claims?: Record<string, string[]>;
    scopes?: string[];
    conformIdTokenClaims?: boolean;
    interactions?: { url(ctx: KoaContextWithOIDC, interaction: { uid: string }): string };
    loadExistingGrant?(ctx: KoaContextWithOIDC): Promise<Grant | undefined>;
    cookies?: { keys?: string[]; long?: Record<string, unknown>; short?: Record<string, unknown> };
    jwks?: { keys: Record<string, unknown>[] };
    features?: Record<string, Record<string, unknown>>;
    renderError?(ctx: KoaContextWithOIDC, out: Record<string, string>, error: Error): Promise<void>;
    ttl?: Record<string, number>;
    clockTolerance?: number;
    pkce?: { required?(): boolean; methods?: string[] };
  }

  export default class Provider {
    constructor(issuer: string, configuration?: Configuration);
    readonly issuer: string;
    Grant: { new (properties: { accountId: string; clientId: string }): Grant; find(id: string): Promise<Grant | undefined> };
    callback(): (req: IncomingMessage, res: ServerResponse) => void;
    interactionDetails(req: IncomingMessage, res: ServerResponse): Promise<InteractionDetails>;
    interactionFinished(req: IncomingMessage, res: ServerResponse, result: InteractionResults, options?: { mergeWithLastSubmission?: boolean }): Promise<void>;
    on(event: string, listener: (...args: unknown[]) => void): this;
  }

  export const errors: { SessionNotFound: new (...args: unknown[]) => Error };
}
