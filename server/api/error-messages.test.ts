import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { describe, expect, it } from "vitest";
import { TEST_USERS, testDb } from "../test/test-context";
import { appRouter } from "./root";
import type { Context } from "./trpc";

/**
 * Every error a client sees says Launchpad's words (issue 23): a request tRPC or superjson cannot
 * read, a procedure that does not exist, a method it does not take. Their own texts name libraries
 * and internals; the answer keeps their code and gives a sentence of ours.
 */
async function call(url: string, init: RequestInit = {}) {
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req: new Request(`http://localhost:3000/api/trpc/${url}`, init),
    router: appRouter,
    // The app's context, on the run's database (createContext would read the process's DATABASE_URL).
    createContext: (): Context => ({
      db: testDb(),
      provisioningConfig: () => {
        throw new Error("these calls never provision");
      },
      user: TEST_USERS.member,
      userLimits: null,
      headers: new Headers(),
      currentSessionId: () => Promise.resolve(null),
    }),
  });
  const body = (await response.json()) as { error: { json: { message: string; data: { code: string } } } };
  return { status: response.status, message: body.error.json.message, code: body.error.json.data.code };
}

describe("error messages a client sees", () => {
  it("are Launchpad's own for input superjson cannot read, unknown procedures and wrong methods", async () => {
    const unreadable = encodeURIComponent(
      JSON.stringify({ json: { slug: "x" }, meta: { values: { slug: ["custom", "no-such-type"] } } }),
    );
    const answers = [
      await call(`project.get?input=${unreadable}`),
      await call("project.get?input=%7Bnot-json"),
      await call("project.noSuchProcedure"),
      await call("project.create", { method: "GET" }),
    ];
    for (const answer of answers) {
      expect(answer.message).not.toMatch(
        /superjson|deserializ|custom|procedure found|JSON\.parse|Unexpected token|tRPC/i,
      );
    }
    expect(answers.map((answer) => answer.code)).toEqual([
      "BAD_REQUEST",
      "BAD_REQUEST",
      "NOT_FOUND",
      "METHOD_NOT_SUPPORTED",
    ]);
    expect(answers.map((answer) => answer.status)).toEqual([400, 400, 404, 405]);
    expect(answers.map((answer) => answer.message)).toEqual([
      "The request could not be read. Send the input as the API expects it.",
      "The request could not be read. Send the input as the API expects it.",
      "There is no such API call.",
      "Queries are read with GET and changes are sent with POST.",
    ]);
  });
});
