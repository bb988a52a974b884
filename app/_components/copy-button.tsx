"use client";

import { useEffect, useState, type Ref } from "react";

/**
 * Copies `value` to the clipboard and says so, visibly and to screen readers. `value` may be a
 * function that fetches it first (the password, which only an audited call returns).
 */
export function CopyButton({
  value,
  label,
  text = "Copy",
  ref,
}: {
  value: string | (() => Promise<string>);
  label: string;
  text?: string;
  ref?: Ref<HTMLButtonElement>;
}) {
  const [state, setState] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => {
    if (state === "idle") return;
    const timer = setTimeout(() => setState("idle"), 2000);
    return () => clearTimeout(timer);
  }, [state]);

  async function onCopy() {
    try {
      await writeToClipboard(value);
      setState("copied");
    } catch {
      setState("failed");
    }
  }

  // The button's name stays "Copy …" (its visible word is part of it, as WCAG 2.5.3 asks); what
  // happened is said next to it, in a live region, so the name never contradicts the text.
  return (
    <span className="inline-flex shrink-0 items-center gap-2">
      <button
        ref={ref}
        type="button"
        onClick={() => void onCopy()}
        aria-label={label}
        className="min-h-11 min-w-11 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50"
      >
        {text}
      </button>
      <span
        aria-live="polite"
        className={`text-xs font-medium ${state === "failed" ? "text-rose-700" : "text-emerald-700"}`}
      >
        {state === "copied" ? "Copied ✓" : state === "failed" ? "Copy failed" : ""}
      </span>
    </span>
  );
}

async function writeToClipboard(value: string | (() => Promise<string>)) {
  if (typeof value === "string") return navigator.clipboard.writeText(value);
  // Some browsers let a page write to the clipboard only while the click lasts: a ClipboardItem given
  // the promise keeps the click's permission while the value is fetched.
  if (typeof ClipboardItem !== "undefined") {
    const blob = value().then((text) => new Blob([text], { type: "text/plain" }));
    return navigator.clipboard.write([new ClipboardItem({ "text/plain": blob })]);
  }
  return navigator.clipboard.writeText(await value());
}
