import { expect, test } from "@playwright/test";
import { E2E_ADMIN, E2E_INVITED } from "./accounts";
import { uniqueSuffix } from "./helpers";

/**
 * The authorization matrix (issue 13): every tRPC procedure, route handler and page, called over real
 * HTTP as anonymous, viewer, member-not-owner, owner and admin, against the table written out below.
 * Any success the table does not allow fails the test, and so does any refusal it does not expect.
 * Each role signs in afresh here (its own session), so the stored states of other specs stay valid.
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
  "query project.get": /*                         */ [D, A, A, A, A],
  "query interview.get": /*                       */ [D, A, A, A, A],
  "query provisioning.history": /*                */ [D, A, A, A, A],
  "query provisioning.runLog": /*                 */ [D, D, D, A, A],
  "query provisioning.credentials": /*            */ [D, D, D, A, A],
  "query admin.users": /*                         */ [D, D, D, D, A],
  "query audit.project": /*                       */ [D, D, D, A, A],
  "query audit.list": /*                          */ [D, D, D, D, A],
  "mutation project.create": /*                   */ [D, D, A, A, A],
  "mutation project.transferOwnership": /*        */ [D, D, D, D, A],
  "mutation interview.saveAnswers": /*            */ [D, D, D, A, A],
  "mutation interview.saveStack": /*              */ [D, D, D, A, A],
  "mutation provisioning.reprovision": /*         */ [D, D, D, A, A],
  "mutation provisioning.reveal": /*              */ [D, D, D, A, A],
  "mutation admin.createInvite": /*               */ [D, D, D, D, A],
  "mutation admin.setRole": /*                    */ [D, D, D, D, A],
  "mutation admin.deactivate": /*                 */ [D, D, D, D, A],
  "mutation admin.reactivate": /*                 */ [D, D, D, D, A],
  "mutation account.setup": /*                    */ [D, D, D, D, D],
  "mutation account.acceptInvite": /*             */ [A, A, A, A, A],
  "GET /api/auth/get-session": /*                 */ [D, A, A, A, A],
  "GET /admin/audit/export": /*                   */ [D, D, D, D, A],
  "page /": /*                                    */ [D, A, A, A, A],
  "page /projects/new": /*                        */ [D, D, A, A, A],
  "page /projects/:slug": /*                      */ [D, A, A, A, A],
  "page /projects/:slug/interview": /*            */ [D, D, D, A, A],
  "page /admin/users": /*                         */ [D, D, D, D, A],
  "page /admin/audit": /*                         */ [D, D, D, D, A],
  "page /sign-in": /*                             */ [A, D, D, D, D],
  "page /setup": /*                               */ [D, D, D, D, D],
  "page /invite/:token": /*                       */ [A, A, A, A, A],
  "POST /sign-out": /*                            */ [A, A, A, A, A],
};

const ACCOUNTS: Record<Exclude<Who, "anonymous">, { email: string; password: string }> = {
  viewer: E2E_INVITED.viewer,
  memberNotOwner: E2E_INVITED.otherMember,
  owner: E2E_INVITED.member,
  admin: E2E_ADMIN,
};

const BASE_URL = `http://127.0.0.1:${process.env.E2E_PORT ?? 3210}`;
const cookies: Record<Who, string> = { anonymous: "", viewer: "", memberNotOwner: "", owner: "", admin: "" };
const fixture = { slug: "", interviewId: "", targetUserId: "", viewerId: "" };

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

async function trpc(who: Who, kind: "query" | "mutation", procedure: string, input: unknown) {
  const payload = JSON.stringify({ json: input });
  return kind === "query"
    ? fetch(`${BASE_URL}/api/trpc/${procedure}?input=${encodeURIComponent(payload)}`, {
        headers: cookieOf(who),
      })
    : fetch(`${BASE_URL}/api/trpc/${procedure}`, {
        method: "POST",
        headers: { ...cookieOf(who), "content-type": "application/json" },
        body: payload,
      });
}

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

async function freshInviteToken(): Promise<string> {
  const invite = await trpcOk<{ url: string }>("admin", "mutation", "admin.createInvite", { role: "viewer" });
  return invite.url.split("/invite/")[1] ?? "";
}

/** Calls one entry point as one role: "allow" or "deny", or throws on an answer that is neither. */
async function attempt(entry: string, who: Who): Promise<Verdict> {
  const [kind, name] = entry.split(" ") as [string, string];
  if (kind === "query" || kind === "mutation") {
    const response = await trpc(who, kind, name, await inputFor(name));
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

async function inputFor(procedure: string): Promise<unknown> {
  const bySlug = { slug: fixture.slug };
  switch (procedure) {
    case "catalogue.get":
    case "project.list":
    case "admin.users":
      return undefined;
    case "audit.list":
      return {};
    case "project.create":
      return { name: `Matrix ${uniqueSuffix()}` };
    case "provisioning.runLog":
      return { ...bySlug, attempt: 1 };
    case "project.transferOwnership":
      // To the current owner: allowed calls change nothing for the rows after it.
      return { ...bySlug, newOwnerEmail: E2E_INVITED.member.email };
    case "interview.saveAnswers":
      return { interviewId: fixture.interviewId, currentStep: 6, answers: { description: "Matrix" } };
    case "catalogue.verification":
      return { backend: "express", database: "postgresql", frontend: "react", css: "tailwind" };
    case "interview.saveStack":
      return {
        interviewId: fixture.interviewId,
        stack: { backend: "express", database: "postgresql", frontend: "none", css: "none" },
      };
    case "admin.createInvite":
      return { role: "viewer" };
    case "admin.setRole":
      return { userId: fixture.viewerId, role: "viewer" };
    case "admin.deactivate":
    case "admin.reactivate":
      return { userId: fixture.targetUserId };
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

test.beforeAll(async () => {
  for (const who of ROLES) if (who !== "anonymous") cookies[who] = await signIn(ACCOUNTS[who]);
  const project = await trpcOk<{ slug: string }>("owner", "mutation", "project.create", {
    name: `Matrix owned ${uniqueSuffix()}`,
  });
  fixture.slug = project.slug;
  fixture.interviewId = (
    await trpcOk<{ id: string }>("owner", "query", "interview.get", { slug: project.slug })
  ).id;
  await trpcOk("owner", "mutation", "interview.saveStack", (await inputFor("interview.saveStack")) as object);
  const users = await trpcOk<{ id: string; email: string }[]>("admin", "query", "admin.users", undefined);
  fixture.viewerId = users.find((user) => user.email === E2E_INVITED.viewer.email)?.id ?? "";
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
  fixture.targetUserId =
    (await trpcOk<{ id: string; email: string }[]>("admin", "query", "admin.users", undefined)).find(
      (user) => user.email === target.email,
    )?.id ?? "";
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
