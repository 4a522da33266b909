/** The full remediation runbook (`seg-hook explain`), from the seed document's steps. */
export const RUNBOOK = `Segment Public API token exposed: what to do

A Segment Public API token authenticates requests to Segment's Public API: it can manage
sources, destinations and data pipelines, and may read customer data and event logs.
Severity: high. A token that reached a shared place (a pushed commit, a CI log, a chat) must
be treated as compromised, even if the commit is later rewritten.

1. Revoke immediately: in Segment, Settings > Workspace settings > Access Management >
   Tokens, delete the exposed token.
2. Audit access logs: review Segment's audit trail for requests or configuration changes
   made with the token during the exposure window.
3. Assess the blast radius: list every system, application and environment that used the
   token and every source and destination it could reach.
4. Rotate the credential: create a new token with the least privilege the job needs.
5. Update dependent systems: deploy the new token to the applications and CI/CD pipelines
   that need it, through their secret stores, never through the repository.
6. Harden access controls: restrict who can create tokens and enable the workspace's
   network and access restrictions where available.
7. Use secrets management: keep credentials in a secrets manager (HashiCorp Vault, AWS
   Secrets Manager, your CI's encrypted secrets) and load them at run time.
8. Keep detection controls: keep seg-hook installed as a pre-commit hook and scan pushes
   and CI builds, so the next leak is caught before it is shared.

Removing the token from the latest commit does not remove it from history: once revoked,
rewrite history only if your policy requires it (git filter-repo), and tell everyone who
cloned the repository.
`;
