import type { Metadata } from "next";
import Link from "next/link";
import type { ReactNode } from "react";
import { currentUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { TRPCReactProvider } from "./_trpc/client";
import "./globals.css";

// Every page is rendered per request so that Next.js can put the request's CSP nonce on its scripts
// (docs/decisions/006); a prerendered page would carry scripts the policy refuses.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Launchpad",
  description: "Turn a short interview into a ready-to-run software project.",
};

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <header className="border-b border-slate-200 bg-white">
          <div className="mx-auto flex max-w-5xl items-center justify-between px-4 py-3 sm:px-6">
            <Link href="/" className="flex items-center gap-2 text-lg font-semibold tracking-tight">
              <span
                aria-hidden
                className="grid size-7 place-items-center rounded-md bg-indigo-600 text-white"
              >
                ↑
              </span>
              Launchpad
            </Link>
            {user && (
              <div className="flex items-center gap-3">
                {can(user, "accounts.manage") && (
                  <>
                    <Link href="/admin/users" className="text-sm text-indigo-700 hover:underline">
                      Accounts
                    </Link>
                    <Link href="/admin/audit" className="text-sm text-indigo-700 hover:underline">
                      Audit
                    </Link>
                  </>
                )}
                {can(user, "project.create") && (
                  <Link
                    href="/projects/new"
                    className="rounded-md bg-indigo-600 px-3 py-1.5 text-sm font-medium text-white hover:bg-indigo-500"
                  >
                    New project
                  </Link>
                )}
                <span className="text-sm text-slate-600">
                  {user.name} <span className="text-slate-400">({user.role})</span>
                </span>
                <Link href="/account" className="text-sm text-indigo-700 hover:underline">
                  My account
                </Link>
                {/* A plain form post: no auth client library in the shared layout. */}
                <form method="post" action="/sign-out">
                  <button
                    type="submit"
                    className="rounded-md border border-slate-300 px-3 py-1.5 text-sm hover:bg-slate-50"
                  >
                    Sign out
                  </button>
                </form>
              </div>
            )}
          </div>
        </header>
        <TRPCReactProvider>
          <main className="mx-auto max-w-5xl px-4 py-8 sm:px-6">{children}</main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
