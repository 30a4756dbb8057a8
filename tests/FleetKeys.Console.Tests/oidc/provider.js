// A real OpenID Connect provider for the console's sign-in spec: oidc-provider on loopback, one client (the node under
// test) and its users: one in a group the node maps to the operator role, one in none, and the others each in a group that
// holds only the grants (a role or a permission set) an admin gives it at runtime. The login and consent pages
// are oidc-provider's own development pages. Usage: node provider.js <port> <the node's redirect URI>
import Provider from "oidc-provider";

const [port, redirectUri] = [Number(process.argv[2]), process.argv[3]];
const issuer = `http://127.0.0.1:${port}`;

const users = {
  olivia: { sub: "olivia", name: "Olivia Operator", preferred_username: "olivia@example.com", groups: ["fleetkeys-operators", "staff"] },
  victor: { sub: "victor", name: "Victor Visitor", preferred_username: "victor@example.com", groups: ["visitors"] },
  sam: { sub: "sam", name: "Sam Site", preferred_username: "sam@example.com", groups: ["harbour-staff"] },
  cora: { sub: "cora", name: "Cora Custody", preferred_username: "cora@example.com", groups: ["custody-desk"] },
  rey: { sub: "rey", name: "Rey Release", preferred_username: "rey@example.com", groups: ["release-desk"] },
  ada: { sub: "ada", name: "Ada Admin", preferred_username: "ada@example.com", groups: ["harbour-admins"] },
};

const provider = new Provider(issuer, {
  clients: [{
    client_id: "fleetkeys-console",
    client_secret: "console-test-secret",
    redirect_uris: [redirectUri],
    grant_types: ["authorization_code"],
    response_types: ["code"],
    token_endpoint_auth_method: "client_secret_post",
  }],
  scopes: ["openid", "profile", "groups"],
  claims: { openid: ["sub"], profile: ["name", "preferred_username"], groups: ["groups"] },
  findAccount: (_, id) => (users[id] ? { accountId: id, claims: () => users[id] } : undefined),
  cookies: { keys: ["fleetkeys-test-only"] },
  pkce: { required: () => true },
});
// The node talks to it over plain HTTP on loopback, as the test's node is configured to accept.
provider.proxy = false;
provider.listen(port, "127.0.0.1", () => console.log(`oidc-provider listening on ${issuer}`));
