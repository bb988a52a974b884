"use client";
// Written by Launchpad. Renders the page again on the server, which asks the backend once more.
import { useRouter } from "next/navigation";
import { useTransition } from "react";

export function CheckAgainButton({ className }: { className?: string }) {
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <button
      type="button"
      data-launchpad="action"
      className={className}
      disabled={pending}
      onClick={() => startTransition(() => router.refresh())}
    >
      {pending ? "Checking..." : "Check again"}
    </button>
  );
}
