"use client";

import type { MouseEvent, ReactNode } from "react";

/**
 * A link to another step of the interview (`?step=…`). A plain click goes through the wizard, which
 * saves the current answer first; a click that opens a new tab or window is left to the browser.
 */
export function StepLink({
  href,
  onOpen,
  className,
  children,
}: {
  href: string;
  onOpen: () => void;
  className?: string;
  children: ReactNode;
}) {
  function onClick(event: MouseEvent<HTMLAnchorElement>) {
    if (event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
    event.preventDefault();
    onOpen();
  }
  return (
    <a href={href} onClick={onClick} className={className}>
      {children}
    </a>
  );
}
