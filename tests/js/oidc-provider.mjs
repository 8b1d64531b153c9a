// An OpenID provider for Carmen's single sign-on tests: oidc-provider (OpenID Certified) on 127.0.0.1, with a
// confidential client for Carmen and a few accounts whose claims carry an email and groups. Its development
// interactions take any login; the tests sign in through them with a real browser.
// Usage: node oidc-provider.mjs <port> <issuer> <clientId> <clientSecret> <redirectUri>; prints {"listening": issuer} when ready.
import Provider from 'oidc-provider';

const [port, issuer, clientId, clientSecret, redirectUri] = process.argv.slice(2);
const accounts = {
  ana: { email: 'ana@berlin.example', groups: ['plant-berlin-ops'] },
  bo: { email: 'bo@berlin.example', groups: ['plant-berlin-viewers', 'staff'] },
  mallory: { email: 'mallory@berlin.example', groups: ['visitors'] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: clientId,
    client_secret: clientSecret,
    redirect_uris: [redirectUri],
    grant_types: ['authorization_code'],
    response_types: ['code'],
  }],
  pkce: { required: () => true },
  scopes: ['openid', 'email', 'profile', 'groups'],
  claims: { openid: ['sub'], email: ['email', 'email_verified'], profile: ['preferred_username'], groups: ['groups'] },
  conformIdTokenClaims: false, // the requested claims travel in the ID token, which is all Carmen reads
  findAccount: async (_, id) => ({
    accountId: id,
    claims: async () => ({
      sub: id,
      email: accounts[id]?.email ?? `${id}@elsewhere.example`,
      email_verified: true,
      preferred_username: id,
      groups: accounts[id]?.groups ?? [],
    }),
  }),
  features: { devInteractions: { enabled: true } },
  cookies: { keys: ['carmen-test-cookie-key'] },
  renderError: async (ctx, out) => { ctx.type = 'text'; ctx.body = `error: ${out.error}: ${out.error_description ?? ''}`; },
});
provider.proxy = false;

provider.listen(Number(port), '127.0.0.1', () => console.log(JSON.stringify({ listening: issuer })));
// The test ends it by closing stdin (NodeScript's contract), or kills it.
process.stdin.on('end', () => process.exit(0));
process.stdin.resume();
