import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./accounts";
import { uniqueSuffix } from "./helpers";

/**
 * The authorization matrix (issue 13): every tRPC procedure, route handler and page, called over real
 * HTTP as anonymous, viewer, member-not-owner, owner and admin, against the table written out below.
 * Any success the table does not allow fails the test, and so does any refusal it does not expect.
 * Each role is an account of the matrix's own, invited here by the suite's admin and signed in here,
 * so calls that change a password or end sessions touch no other spec's accounts or stored states.
 * For the account's own sessions, "owner" is the owner of the session being ended.
 */
const ROLES = ["anonymous", "viewer", "memberNotOwner", "owner", "admin"] as const;
type Who = (typeof ROLES)[number];
type Verdict = "allow" | "deny";
const A: Verdict = "allow";
const D: Verdict = "deny";

//                                                     anonymous viewer  member  owner  admin
const EXPECTED: Record<string, [Verdict, Verdict, Verdict, Verdict, Verdict]> = {
  "query catalogue.get": /*                       */ [D, A, A, A, A],
  "query catalogue.verification": /*              */ [D, A, A, A, A],
  "query project.list": /*                        */ [D, A, A, A, A],
  "query project.owners": /*                      */ [D, A, A, A, A],
  "query project.get": /*                         */ [D, A, A, A, A],
  "query interview.get": /*                       */ [D, A, A, A, A],
  "query provisioning.history": /*                */ [D, A, A, A, A],
  "query provisioning.runLog": /*                 */ [D, D, D, A, A],
  "query provisioning.credentials": /*            */ [D, D, D, A, A],
  "query admin.users": /*                         */ [D, D, D, D, A],
  "query audit.project": /*                       */ [D, D, D, A, A],
  "query audit.list": /*                          */ [D, D, D, D, A],
  "mutation project.create": /*                   */ [D, D, A, A, A],
  "query project.lookalike": /*                   */ [D, D, A, A, A],
  "query project.transferCandidates": /*          */ [D, D, D, A, A],
  "mutation project.transferOwnership": /*        */ [D, D, D, A, A],
  "mutation interview.saveAnswers": /*            */ [D, D, D, A, A],
  "mutation interview.saveStack": /*              */ [D, D, D, A, A],
  "query interview.preview": /*                   */ [D, D, D, A, A],
  "query git.remote": /*                          */ [D, D, D, A, A],
  "mutation git.setRemote": /*                    */ [D, D, D, A, A],
  "mutation git.push": /*                         */ [D, D, D, A, A],
  "mutation git.removeRemote": /*                 */ [D, D, D, A, A],
  "mutation project.archive": /*                  */ [D, D, D, A, A],
  "mutation project.restore": /*                  */ [D, D, D, A, A],
  "mutation project.purge": /*                    */ [D, D, D, A, A],
  "mutation provisioning.reprovision": /*         */ [D, D, D, A, A],
  "mutation provisioning.reveal": /*              */ [D, D, D, A, A],
  "mutation admin.createInvite": /*               */ [D, D, D, D, A],
  "query admin.invites": /*                       */ [D, D, D, D, A],
  "mutation admin.revokeInvite": /*               */ [D, D, D, D, A],
  "mutation admin.setRole": /*                    */ [D, D, D, D, A],
  "mutation admin.deactivate": /*                 */ [D, D, D, D, A],
  "mutation admin.reactivate": /*                 */ [D, D, D, D, A],
  "mutation admin.createPasswordReset": /*        */ [D, D, D, D, A],
  "mutation account.setup": /*                    */ [D, D, D, D, D],
  "mutation account.acceptInvite": /*             */ [A, A, A, A, A],
  "mutation account.resetPassword": /*            */ [A, A, A, A, A],
  "query account.sessions": /*                    */ [D, A, A, A, A],
  "mutation account.endSession": /*               */ [D, D, D, A, D],
  "mutation account.endOtherSessions": /*         */ [D, A, A, A, A],
  "mutation account.changePassword": /*           */ [D, A, A, A, A],
  "GET /api/auth/get-session": /*                 */ [D, A, A, A, A],
  "GET /admin/audit/export": /*                   */ [D, D, D, D, A],
  "POST /projects/:slug/download": /*             */ [D, D, D, A, A],
  "POST /projects/:slug/download includeEnv": /*  */ [D, D, D, A, A],
  "page /": /*                                    */ [D, A, A, A, A],
  "page /projects/new": /*                        */ [D, D, A, A, A],
  "page /projects/:slug": /*                      */ [D, A, A, A, A],
  "page /projects/:slug/interview": /*            */ [D, D, D, A, A],
  "page /admin/users": /*                         */ [D, D, D, D, A],
  "page /admin/audit": /*                         */ [D, D, D, D, A],
  "page /account": /*                             */ [D, A, A, A, A],
  "page /sign-in": /*                             */ [A, D, D, D, D],
  "page /setup": /*                               */ [D, D, D, D, D],
  "page /invite/:token": /*                       */ [A, A, A, A, A],
  "page /reset-password/:token": /*               */ [A, A, A, A, A],
  "POST /sign-out": /*                            */ [A, A, A, A, A],
};

type SignedIn = Exclude<Who, "anonymous">;
const ROLE_OF: Record<SignedIn, "viewer" | "member" | "admin"> = {
  viewer: "viewer",
  memberNotOwner: "member",
  owner: "member",
  admin: "admin",
};
/** The matrix's own accounts, invited in beforeAll. */
const ACCOUNTS = {} as Record<SignedIn, { email: string; password: string; id: string }>;

const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const cookies: Record<Who, string> = { anonymous: "", viewer: "", memberNotOwner: "", owner: "", admin: "" };
const fixture = { slug: "", interviewId: "", targetUserId: "" };

async function signIn(account: { email: string; password: string }): Promise<string> {
  // Node's fetch sends Sec-Fetch-Mode, after which Better Auth wants an Origin, as from a browser.
  const response = await fetch(`${BASE_URL}/api/auth/sign-in/email`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: BASE_URL },
    body: JSON.stringify(account),
  });
  expect(response.status, `sign-in as ${account.email}`).toBe(200);
  return response.headers
    .getSetCookie()
    .map((line) => line.split(";")[0])
    .join("; ");
}

/** The Cookie header of a role (none for anonymous). Plain fetch: no cookie jar lends one role's session to another. */
const cookieOf = (who: Who): Record<string, string> => (cookies[who] ? { cookie: cookies[who] } : {});

async function trpcAs(cookie: string, kind: "query" | "mutation", procedure: string, input: unknown) {
  const payload = JSON.stringify({ json: input });
  const headers: Record<string, string> = cookie ? { cookie } : {};
  return kind === "query"
    ? fetch(`${BASE_URL}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`, { headers })
    : fetch(`${BASE_URL}/api/trpc/${procedure}`, {
        method: "POST",
        headers: { ...headers, "content-type": "application/json" },
        body: payload,
      });
}

const trpc = (who: Who, kind: "query" | "mutation", procedure: string, input: unknown) =>
  trpcAs(cookies[who], kind, procedure, input);

async function trpcOk<T>(
  who: Who,
  kind: "query" | "mutation",
  procedure: string,
  input: unknown,
): Promise<T> {
  const response = await trpc(who, kind, procedure, input);
  const text = await response.text();
  expect(response.status, `${procedure} as ${who}: ${text}`).toBe(200);
  return (JSON.parse(text) as { result: { data: { json: T } } }).result.data.json;
}

async function freshInviteToken(role = "viewer"): Promise<string> {
  const invite = await trpcOk<{ url: string }>("admin", "mutation", "admin.createInvite", { role });
  return invite.url.split("/invite/")[1] ?? "";
}

async function freshInviteId(): Promise<string> {
  return (await trpcOk<{ id: string }>("admin", "mutation", "admin.createInvite", { role: "viewer" })).id;
}

async function freshResetToken(): Promise<string> {
  const reset = await trpcOk<{ url: string }>("admin", "mutation", "admin.createPasswordReset", {
    userId: fixture.targetUserId,
  });
  return reset.url.split("/reset-password/")[1] ?? "";
}

/** The id of a new session of the owner's (another browser), for ending it. */
async function freshOwnerSessionId(): Promise<string> {
  const cookie = await signIn(ACCOUNTS.owner);
  const response = await trpcAs(cookie, "query", "account.sessions", undefined);
  expect(response.status).toBe(200);
  const sessions = (
    (await response.json()) as { result: { data: { json: { id: string; isCurrent: boolean }[] } } }
  ).result.data.json;
  return sessions.find((session) => session.isCurrent)?.id ?? "";
}

/** Calls one entry point as one role: "allow" or "deny", or throws on an answer that is neither. */
async function attempt(entry: string, who: Who): Promise<Verdict> {
  const [kind, name] = entry.split(" ") as [string, string];
  if (kind === "query" || kind === "mutation") {
    const response = await trpc(who, kind, name, await inputFor(name, who));
    const status = response.status;
    if (status === 200) return "allow";
    if (status === 401 || status === 403) return "deny";
    throw new Error(`${entry} as ${who}: unexpected HTTP ${status} ${await response.text()}`);
  }
  if (kind === "GET") {
    // get-session answers 200 with `null` when there is no session; the CSV export says 401 or 403.
    const response = await fetch(`${BASE_URL}${name}`, { headers: cookieOf(who) });
    if (response.status === 401 || response.status === 403) return "deny";
    expect(response.status, `${entry} as ${who}`).toBe(200);
    return (await response.text()) === "null" ? "deny" : "allow";
  }
  if (kind === "POST" && name.endsWith("/download")) {
    // Not a browser navigation: refusals come back as 401 or 403, a download as the zip.
    const includeEnv = entry.endsWith(" includeEnv");
    const response = await fetch(`${BASE_URL}${name.replace(":slug", fixture.slug)}`, {
      method: "POST",
      headers: { ...cookieOf(who), origin: BASE_URL, "content-type": "application/x-www-form-urlencoded" },
      body: includeEnv ? "includeEnv=on" : "",
      redirect: "manual",
    });
    const body = Buffer.from(await response.arrayBuffer());
    if (response.status === 401 || response.status === 403) return "deny";
    expect(response.status, `${entry} as ${who}: ${body.toString()}`).toBe(200);
    expect(body.subarray(0, 4).toString("latin1"), `${entry} as ${who}: a zip`).toBe("PK\x03\x04");
    // With .env the zip holds it and no .env.example; without, the other way round.
    expect(body.includes(".env.example"), `${entry} as ${who}: .env.example`).toBe(!includeEnv);
    return "allow";
  }
  if (kind === "POST") {
    const response = await fetch(`${BASE_URL}${name}`, {
      method: "POST",
      headers: { ...cookieOf(who), origin: BASE_URL, "content-type": "application/x-www-form-urlencoded" },
      body: "",
      redirect: "manual",
    });
    if (response.status === 303) return "allow";
    throw new Error(`${entry} as ${who}: unexpected HTTP ${response.status}`);
  }
  const pathname = name
    .replace(":slug", fixture.slug)
    .replace(":token", "no-such-token-but-the-page-renders");
  const response = await fetch(`${BASE_URL}${pathname}`, { headers: cookieOf(who), redirect: "manual" });
  const status = response.status;
  if (status === 200) return "allow";
  if (status >= 300 && status < 400) return "deny";
  throw new Error(`${entry} as ${who}: unexpected HTTP ${status}`);
}

async function inputFor(procedure: string, who: Who): Promise<unknown> {
  const bySlug = { slug: fixture.slug };
  switch (procedure) {
    case "catalogue.get":
    case "project.list":
    case "project.owners":
    case "admin.users":
    case "admin.invites":
    case "account.sessions":
    case "account.endOtherSessions":
      return undefined;
    case "audit.list":
      return {};
    case "project.create":
      return { name: `Matrix ${uniqueSuffix()}` };
    case "project.lookalike":
      return { name: "Matrix" };
    case "provisioning.runLog":
      return { ...bySlug, attempt: 1 };
    case "project.transferOwnership":
      // To the current owner: allowed calls change nothing for the rows after it.
      return { ...bySlug, newOwnerEmail: ACCOUNTS.owner.email };
    case "interview.saveAnswers":
      return { interviewId: fixture.interviewId, currentStep: 6, answers: { description: "Matrix" } };
    case "catalogue.verification":
      return { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };
    case "git.setRemote":
      // Loopback is on the e2e server's list; nothing listens on port 9, so a push fails quickly.
      return { ...bySlug, url: "https://127.0.0.1:9/matrix.git", token: "matrix-token-123" };
    case "interview.preview":
      return {
        interviewId: fixture.interviewId,
        stack: { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" },
      };
    case "interview.saveStack":
      return {
        interviewId: fixture.interviewId,
        stack: { backend: "express", database: "postgresql", frontend: "none", css: "none" },
      };
    case "project.archive":
      // Each call on a project of its own, owned by the owner: an allowed one archives it for real.
      return freshOwnedProject("active");
    case "project.restore":
      return { slug: (await freshOwnedProject("archived")).slug };
    case "project.purge":
      return freshOwnedProject("archived");
    case "admin.createInvite":
      return { role: "viewer" };
    case "admin.revokeInvite":
      return { inviteId: await freshInviteId() };
    case "admin.setRole":
      return { userId: ACCOUNTS.viewer.id, role: "viewer" };
    case "admin.deactivate":
    case "admin.reactivate":
    case "admin.createPasswordReset":
      return { userId: fixture.targetUserId };
    case "account.resetPassword":
      return { token: await freshResetToken(), password: "target-password-2" };
    case "account.endSession":
      // Always another browser of the owner's: only the owner may end it.
      return { sessionId: await freshOwnerSessionId() };
    case "account.changePassword": {
      // To the same password: an allowed call leaves the account as it was.
      const password = who === "anonymous" ? "any-password-1" : ACCOUNTS[who].password;
      return { currentPassword: password, newPassword: password };
    }
    case "account.setup":
      return { token: "any", name: "Late", email: "late@e2e.invalid", password: "late-password-1" };
    case "account.acceptInvite":
      return {
        token: await freshInviteToken(),
        name: "Matrix Invitee",
        email: `matrix-${uniqueSuffix()}@e2e.invalid`,
        password: "matrix-password-1",
      };
    default:
      return bySlug;
  }
}

/** A new project of the owner's (no stack, so no folder), archived by the owner when asked. */
async function freshOwnedProject(state: "active" | "archived") {
  const name = `Matrix lifecycle ${uniqueSuffix()}`;
  const { slug } = await trpcOk<{ slug: string }>("owner", "mutation", "project.create", { name });
  if (state === "archived") await trpcOk("owner", "mutation", "project.archive", { slug, confirmName: name });
  return { slug, confirmName: name };
}

async function findUserId(email: string): Promise<string> {
  const users = await trpcOk<{ id: string; email: string }[]>("admin", "query", "admin.users", undefined);
  return users.find((user) => user.email === email)?.id ?? "";
}

test.beforeAll(async () => {
  // The suite's admin invites the matrix's admin, who invites the others.
  cookies.admin = await signIn(E2E_ADMIN);
  const suffix = uniqueSuffix();
  for (const who of ["admin", "viewer", "memberNotOwner", "owner"] as const) {
    const account = {
      email: `matrix-${who.toLowerCase()}-${suffix}@e2e.invalid`,
      password: `matrix-${who}-password`,
    };
    await trpcOk("anonymous", "mutation", "account.acceptInvite", {
      token: await freshInviteToken(ROLE_OF[who]),
      name: `Matrix ${who}`,
      ...account,
    });
    ACCOUNTS[who] = { ...account, id: await findUserId(account.email) };
    if (who === "admin") cookies.admin = await signIn(ACCOUNTS.admin);
  }
  for (const who of ROLES)
    if (who !== "anonymous" && who !== "admin") cookies[who] = await signIn(ACCOUNTS[who]);
  const project = await trpcOk<{ slug: string }>("owner", "mutation", "project.create", {
    name: `Matrix owned ${uniqueSuffix()}`,
  });
  fixture.slug = project.slug;
  fixture.interviewId = (
    await trpcOk<{ id: string }>("owner", "query", "interview.get", { slug: project.slug })
  ).id;
  await trpcOk(
    "owner",
    "mutation",
    "interview.saveStack",
    (await inputFor("interview.saveStack", "owner")) as object,
  );
  // Someone to deactivate and reactivate, who is no one else's fixture.
  const target = {
    email: `target-${uniqueSuffix()}@e2e.invalid`,
    name: "Matrix Target",
    password: "target-password-1",
  };
  await trpcOk("anonymous", "mutation", "account.acceptInvite", {
    token: await freshInviteToken(),
    ...target,
  });
  fixture.targetUserId = await findUserId(target.email);
});

test("every procedure, route and page answers each role exactly as the table says", async () => {
  test.setTimeout(180_000);
  const unexpected: string[] = [];
  let unexpectedSuccesses = 0;
  // Sign-out ends the sessions, so it goes last.
  for (const entry of Object.keys(EXPECTED)) {
    for (const [index, who] of ROLES.entries()) {
      const expected = EXPECTED[entry]![index]!;
      const actual = await attempt(entry, who);
      if (actual !== expected) {
        unexpected.push(`${entry} as ${who}: expected ${expected}, got ${actual}`);
        if (actual === "allow") unexpectedSuccesses++;
      }
    }
  }
  console.log(
    JSON.stringify({
      figure: "authorization_matrix",
      cells: Object.keys(EXPECTED).length * ROLES.length,
      unexpectedSuccesses,
    }),
  );
  expect(unexpected).toEqual([]);
  expect(unexpectedSuccesses).toBe(0);
});
