import type { Metadata } from "next";
import Link from "next/link";
import { Suspense, type ReactNode } from "react";
import { currentUser } from "~/server/auth/current-user";
import { can } from "~/server/auth/policy";
import { TRPCReactProvider } from "./_trpc/client";
import { FocusAfterNavigation } from "./_components/focus-after-navigation";
import "./globals.css";

// Every page is rendered per request so that Next.js can put the request's CSP nonce on its scripts
// (docs/decisions/006); a prerendered page would carry scripts the policy refuses.
export const dynamic = "force-dynamic";

export const metadata: Metadata = {
  title: "Launchpad",
  description: "Turn a short interview into a ready-to-run software project.",
};

/** Header links: at least 44 px tall, so that a thumb can hit them (issue 26). */
const NAV_LINK = "inline-flex min-h-11 items-center px-2 text-sm text-indigo-700 hover:underline";

export default async function RootLayout({ children }: { children: ReactNode }) {
  const user = await currentUser();
  return (
    <html lang="en">
      <body className="min-h-screen bg-slate-50 font-sans text-slate-900 antialiased">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:left-2 focus:top-2 focus:z-50 focus:rounded-md focus:bg-white focus:px-3 focus:py-2 focus:text-sm focus:font-medium focus:text-indigo-700 focus:shadow"
        >
          Skip to content
        </a>
        <Suspense fallback={null}>
          <FocusAfterNavigation />
        </Suspense>
        <header className="border-b border-slate-200 bg-white">
          {/* Wraps on a phone: the links go to a second line instead of past the screen's edge. */}
          <div className="mx-auto flex max-w-5xl flex-wrap items-center justify-between gap-x-4 gap-y-1 px-4 py-2 sm:px-6">
            <Link href="/" className="flex min-h-11 items-center gap-2 text-lg font-semibold tracking-tight">
              <span
                aria-hidden
                className="grid size-7 place-items-center rounded-md bg-indigo-600 text-white"
              >
                ↑
              </span>
              Launchpad
            </Link>
            {user && (
              <nav aria-label="Main" className="flex min-w-0 flex-wrap items-center gap-x-1 gap-y-1">
                {can(user, "accounts.manage") && (
                  <>
                    <Link href="/admin/users" className={NAV_LINK}>
                      Accounts
                    </Link>
                    <Link href="/admin/audit" className={NAV_LINK}>
                      Audit
                    </Link>
                  </>
                )}
                {can(user, "project.create") && (
                  <Link
                    href="/projects/new"
                    className="inline-flex min-h-11 items-center rounded-md bg-indigo-600 px-3 text-sm font-medium text-white hover:bg-indigo-500"
                  >
                    New project
                  </Link>
                )}
                <span className="max-w-48 truncate px-2 text-sm text-slate-600" title={user.name}>
                  {user.name} ({user.role})
                </span>
                <Link href="/account" className={NAV_LINK}>
                  My account
                </Link>
                {/* A plain form post: no auth client library in the shared layout. */}
                <form method="post" action="/sign-out">
                  <button
                    type="submit"
                    className="inline-flex min-h-11 items-center rounded-md border border-slate-300 px-3 text-sm hover:bg-slate-50"
                  >
                    Sign out
                  </button>
                </form>
              </nav>
            )}
          </div>
        </header>
        <TRPCReactProvider>
          <main id="main" tabIndex={-1} className="mx-auto max-w-5xl px-4 py-8 outline-none sm:px-6">
            {children}
          </main>
        </TRPCReactProvider>
      </body>
    </html>
  );
}
