import * as client from 'openid-client';
import type { WardenConfig } from '../config/index.js';
import { AppError } from '../errors/index.js';
import type { Role } from './permissions.js';

/** The OIDC settings once checked: what a login needs. */
export interface OidcSettings {
  issuer: URL;
  clientId: string;
  clientSecret: string | undefined;
  redirectUrl: URL;
  scopes: string;
  roleClaim: string;
  /** Claim value → role; empty when roles are managed in Warden only. */
  roleMap: Map<string, Role>;
  defaultRole: Role | undefined;
  autoProvision: boolean;
}

/** Console roles from least to most privileged: the highest one a user's claims map to wins. */
const consoleRoles: readonly Role[] = ['viewer', 'analyst', 'lead', 'admin'];

const isLoopback = (u: URL) =>
  u.hostname === '127.0.0.1' || u.hostname === 'localhost' || u.hostname === '[::1]';

/**
 * Reads `WARDEN_OIDC_*`; undefined when no issuer is set (OIDC off). A half-configured or
 * malformed setting is CONFIG_INVALID naming the variable, at start rather than at first login.
 */
export function oidcSettings(config: Pick<WardenConfig, 'oidc'>): OidcSettings | undefined {
  const o = config.oidc;
  if (!o.issuer) return undefined;
  const bad = (variable: string, message: string) =>
    new AppError('CONFIG_INVALID', `${variable}: ${message}`, {
      details: { issues: [{ variable, message }] },
    });
  const url = (value: string | undefined, variable: string) => {
    if (!value) throw bad(variable, 'required when WARDEN_OIDC_ISSUER is set');
    let u: URL;
    try {
      u = new URL(value);
    } catch {
      throw bad(variable, `not a URL: "${value.slice(0, 100)}"`);
    }
    // Plain HTTP only on loopback (development and tests): tokens must not cross a network in clear.
    if (u.protocol !== 'https:' && !(u.protocol === 'http:' && isLoopback(u)))
      throw bad(variable, 'must be https:// (http:// only on loopback)');
    return u;
  };
  const issuer = url(o.issuer, 'WARDEN_OIDC_ISSUER');
  const redirectUrl = url(o.redirectUrl, 'WARDEN_OIDC_REDIRECT_URL');
  if (!o.clientId) throw bad('WARDEN_OIDC_CLIENT_ID', 'required when WARDEN_OIDC_ISSUER is set');
  if (!o.scopes.split(/\s+/).includes('openid')) throw bad('WARDEN_OIDC_SCOPES', 'must include "openid"');
  const roleMap = new Map<string, Role>();
  for (const pair of o.roleMap
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean)) {
    const at = pair.lastIndexOf('=');
    const value = pair.slice(0, at).trim();
    const role = pair.slice(at + 1).trim() as Role;
    if (at <= 0 || !value || !consoleRoles.includes(role))
      throw bad(
        'WARDEN_OIDC_ROLE_MAP',
        `"${pair.slice(0, 100)}" is not value=role with role one of ${consoleRoles.join(', ')}`,
      );
    roleMap.set(value, role);
  }
  return {
    issuer,
    clientId: o.clientId,
    clientSecret: o.clientSecret || undefined,
    redirectUrl,
    scopes: o.scopes,
    roleClaim: o.roleClaim,
    roleMap,
    defaultRole: o.defaultRole,
    autoProvision: o.autoProvision,
  };
}

/**
 * The role a user's ID token claims give: the most privileged role any claim value maps to,
 * else the default role, else undefined. Only string values (or arrays of strings) count.
 */
export function roleFromClaims(
  claims: Record<string, unknown>,
  settings: Pick<OidcSettings, 'roleClaim' | 'roleMap' | 'defaultRole'>,
): Role | undefined {
  const raw = claims[settings.roleClaim];
  const values =
    typeof raw === 'string'
      ? [raw]
      : Array.isArray(raw)
        ? raw.filter((v): v is string => typeof v === 'string')
        : [];
  let best = -1;
  for (const v of values.slice(0, 1000)) {
    const role = settings.roleMap.get(v);
    if (role) best = Math.max(best, consoleRoles.indexOf(role));
  }
  return best >= 0 ? consoleRoles[best] : settings.defaultRole;
}

/** Whether an error means the issuer could not be reached (rather than that it said no). */
function unreachable(err: unknown): boolean {
  for (let e = err, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const code = (e as { code?: unknown }).code;
    if (
      typeof code === 'string' &&
      /^(ECONNREFUSED|ECONNRESET|ENOTFOUND|EAI_AGAIN|ETIMEDOUT|EHOSTUNREACH|UND_ERR_\w+)$/.test(code)
    )
      return true;
    const name = (e as { name?: unknown }).name;
    if (name === 'TimeoutError' || name === 'AbortError') return true;
    if (e instanceof TypeError && e.message === 'fetch failed') return true;
  }
  return false;
}

/** What the authorization request needs kept until its callback. */
export interface StartedLogin {
  url: URL;
  state: string;
  nonce: string;
  codeVerifier: string;
}

/**
 * Warden as an OIDC relying party: the authorization code flow with PKCE (RFC 7636, S256) and a
 * nonce (OpenID Connect Core 1.0 §3.1), through `openid-client`, which validates the ID token
 * (signature, issuer, audience, expiry, nonce) and the state. Discovery is fetched on first use
 * and again after a failure, so an issuer that was down at start does not need a restart.
 */
export class OidcRelyingParty {
  private discovered: Promise<client.Configuration> | undefined;

  constructor(
    readonly settings: OidcSettings,
    private readonly timeoutMs = 10_000,
  ) {}

  private configuration(): Promise<client.Configuration> {
    this.discovered ??= (async () => {
      const s = this.settings;
      const auth = s.clientSecret ? client.ClientSecretBasic(s.clientSecret) : client.None();
      const execute = s.issuer.protocol === 'http:' ? [client.allowInsecureRequests] : [];
      const fetchWithTimeout: client.CustomFetch = (url, options) =>
        fetch(url, { ...(options as RequestInit), signal: AbortSignal.timeout(this.timeoutMs) });
      const config = await client.discovery(s.issuer, s.clientId, undefined, auth, {
        execute,
        [client.customFetch]: fetchWithTimeout,
        timeout: this.timeoutMs / 1000,
      });
      config[client.customFetch] = fetchWithTimeout;
      return config;
    })().catch((err: unknown) => {
      this.discovered = undefined;
      throw this.providerError('discovery', err);
    });
    return this.discovered;
  }

  private providerError(step: string, err: unknown): AppError {
    if (err instanceof AppError) return err;
    if (unreachable(err) || step === 'discovery') {
      return new AppError(
        'AUTH_OIDC_PROVIDER_UNAVAILABLE',
        `The OIDC issuer ${this.settings.issuer.origin} could not be used (${step}): ${err instanceof Error ? err.message : String(err)}.`,
        {
          details: { issuer: this.settings.issuer.href, step },
          cause: err,
          expose: true,
        },
      );
    }
    const code = (err as { code?: unknown; error?: unknown }).error ?? (err as { code?: unknown }).code;
    return new AppError(
      'AUTH_OIDC_REJECTED',
      `SSO login refused: ${err instanceof Error ? err.message : String(err)}.`,
      {
        details: { reason: typeof code === 'string' ? code : 'invalid_response' },
        cause: err,
      },
    );
  }

  /** Builds the authorization request: fresh state, nonce and PKCE verifier. */
  async start(): Promise<StartedLogin> {
    const config = await this.configuration();
    const state = client.randomState();
    const nonce = client.randomNonce();
    const codeVerifier = client.randomPKCECodeVerifier();
    const url = client.buildAuthorizationUrl(config, {
      redirect_uri: this.settings.redirectUrl.href,
      scope: this.settings.scopes,
      code_challenge: await client.calculatePKCECodeChallenge(codeVerifier),
      code_challenge_method: 'S256',
      state,
      nonce,
    });
    return { url, state, nonce, codeVerifier };
  }

  /**
   * Redeems the callback's code and validates the ID token; returns its claims. `query` is the
   * callback's query string as received.
   */
  async finish(
    query: string,
    expected: { state: string; nonce: string; codeVerifier: string },
  ): Promise<Record<string, unknown> & { sub: string }> {
    const config = await this.configuration();
    const current = new URL(this.settings.redirectUrl.href);
    current.search = query;
    try {
      const tokens = await client.authorizationCodeGrant(config, current, {
        pkceCodeVerifier: expected.codeVerifier,
        expectedState: expected.state,
        expectedNonce: expected.nonce,
        idTokenExpected: true,
      });
      const claims = tokens.claims();
      if (!claims)
        throw new AppError('AUTH_OIDC_REJECTED', 'SSO login refused: the issuer returned no ID token.', {
          details: { reason: 'no_id_token' },
        });
      return claims;
    } catch (err) {
      throw this.providerError('token', err);
    }
  }
}
