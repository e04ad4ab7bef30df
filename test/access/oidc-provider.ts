import { createPrivateKey, generateKeyPairSync, randomBytes, sign } from 'node:crypto';
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import Provider from 'oidc-provider';

/** What the test's identity provider says about each login name (the `sub`). */
export type TestAccounts = Record<string, Record<string, unknown>>;

export interface TestIssuer {
  /** The issuer URL Warden is configured with (the front server). */
  issuer: string;
  clientId: string;
  clientSecret: string;
  redirectUrl: string;
  /** Rewrites the next ID tokens the token endpoint returns, re-signed with the issuer's own key. */
  tamperIdToken: ((claims: Record<string, unknown>) => Record<string, unknown>) | undefined;
  /**
   * Plays the browser at the issuer: follows the authorization URL through the dev login and
   * consent forms as `login`, and returns the query string the issuer redirects back with.
   */
  authorize(authorizationUrl: string, login: string): Promise<string>;
  close(): Promise<void>;
}

const b64url = (b: Buffer | string) => Buffer.from(b).toString('base64url');

/**
 * A real OpenID Provider (`oidc-provider`) on a loopback port, with one confidential client for
 * Warden and its development login forms. A front server relays every request to it unchanged,
 * unless a test asks it to tamper with an ID token (another audience, another nonce) and sign it
 * with the provider's key: what a compromised or mixed-up issuer would send.
 */
export async function startTestIssuer(
  accounts: TestAccounts,
  redirectUrl = 'http://127.0.0.1:7420/api/v1/auth/oidc/callback',
): Promise<TestIssuer> {
  const front = createServer();
  await new Promise<void>((r) => front.listen(0, '127.0.0.1', r));
  const issuer = `http://127.0.0.1:${(front.address() as AddressInfo).port}`;
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const jwk = { ...privateKey.export({ format: 'jwk' }), kid: 'test-key', use: 'sig', alg: 'RS256' };
  const clientId = 'warden';
  const clientSecret = randomBytes(16).toString('hex');
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: [redirectUrl],
        response_types: ['code'],
        grant_types: ['authorization_code'],
      },
    ],
    jwks: { keys: [jwk] },
    cookies: { keys: [randomBytes(16).toString('hex')] },
    claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['name', 'groups'] },
    // Claims in the ID token itself: Warden reads them there, not from userinfo.
    conformIdTokenClaims: false,
    features: { devInteractions: { enabled: true } },
    pkce: { required: () => true },
    findAccount: (_ctx: unknown, sub: string) => ({
      accountId: sub,
      claims: () => ({ sub, ...accounts[sub] }),
    }),
  });
  const inner: Server = createServer(provider.callback());
  await new Promise<void>((r) => inner.listen(0, '127.0.0.1', r));
  const innerPort = (inner.address() as AddressInfo).port;

  const t: TestIssuer = {
    issuer,
    clientId,
    clientSecret,
    redirectUrl,
    tamperIdToken: undefined,
    authorize: (url, login) => authorize(url, login, redirectUrl),
    async close() {
      await new Promise((r) => front.close(r));
      await new Promise((r) => inner.close(r));
    },
  };

  const key = createPrivateKey({ key: jwk, format: 'jwk' });
  const resign = (idToken: string) => {
    const [h, p] = idToken.split('.');
    const claims = t.tamperIdToken!(
      JSON.parse(Buffer.from(p!, 'base64url').toString()) as Record<string, unknown>,
    );
    const data = `${h}.${b64url(JSON.stringify(claims))}`;
    return `${data}.${b64url(sign('sha256', Buffer.from(data), key))}`;
  };

  front.on('request', (req: IncomingMessage, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const up = request(
        { host: '127.0.0.1', port: innerPort, method: req.method, path: req.url, headers: req.headers },
        (ur) => {
          const body: Buffer[] = [];
          ur.on('data', (c: Buffer) => body.push(c));
          ur.on('end', () => {
            let out = Buffer.concat(body);
            const headers = { ...ur.headers };
            if (t.tamperIdToken && req.url?.startsWith('/token') && ur.statusCode === 200) {
              const json = JSON.parse(out.toString()) as { id_token?: string };
              if (json.id_token) json.id_token = resign(json.id_token);
              out = Buffer.from(JSON.stringify(json));
              headers['content-length'] = String(out.length);
            }
            res.writeHead(ur.statusCode ?? 502, headers);
            res.end(out);
          });
        },
      );
      up.on('error', () => res.destroy());
      up.end(Buffer.concat(chunks));
    });
  });
  return t;
}

/** A browser at the issuer: a cookie jar and manual redirects through the dev interaction forms. */
async function authorize(authorizationUrl: string, login: string, redirectUrl: string): Promise<string> {
  const jar = new Map<string, string>();
  const cookieHeader = () => [...jar].map(([k, v]) => `${k}=${v}`).join('; ');
  const keep = (res: Response) => {
    for (const c of res.headers.getSetCookie()) {
      const [pair] = c.split(';');
      const at = pair!.indexOf('=');
      jar.set(pair!.slice(0, at), pair!.slice(at + 1));
    }
  };
  let url = authorizationUrl;
  let method = 'GET';
  let body: string | undefined;
  for (let hops = 0; hops < 20; hops++) {
    if (url.startsWith(redirectUrl)) return new URL(url).search;
    const res = await fetch(url, {
      method,
      redirect: 'manual',
      headers: {
        cookie: cookieHeader(),
        ...(body ? { 'content-type': 'application/x-www-form-urlencoded' } : {}),
      },
      ...(body ? { body } : {}),
    });
    keep(res);
    const location = res.headers.get('location');
    if (location) {
      url = new URL(location, url).href;
      method = 'GET';
      body = undefined;
      continue;
    }
    const html = await res.text();
    const prompt = /name="prompt" value="(login|consent)"/.exec(html)?.[1];
    const action = /<form[^>]*action="([^"]+)"/.exec(html)?.[1];
    if (res.status !== 200 || !prompt || !action)
      throw new Error(`issuer answered ${res.status} without a form at ${url}: ${html.slice(0, 300)}`);
    url = new URL(action, url).href;
    method = 'POST';
    body = new URLSearchParams(
      prompt === 'login' ? { prompt, login, password: 'any' } : { prompt },
    ).toString();
  }
  throw new Error('too many redirects at the issuer');
}
