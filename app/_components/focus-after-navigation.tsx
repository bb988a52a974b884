"use client";

import { usePathname, useSearchParams } from "next/navigation";
import { useEffect, useRef } from "react";

/**
 * After a client-side navigation, focus would stay on an element the new page no longer has, which
 * leaves keyboard and screen-reader users at the top of the document with nothing said. If focus was
 * lost that way, it moves to the new page's `[data-navigation-focus]` element or else its main
 * heading, which screen readers then read out. Focus a page set itself (a dialog, a form field) is
 * left alone. The first load is left to the browser.
 */
export function FocusAfterNavigation() {
  const pathname = usePathname();
  const search = useSearchParams().toString();
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const active = document.activeElement;
    if (active && active !== document.body && active.isConnected) return;
    const main = document.getElementById("main");
    const target = main?.querySelector<HTMLElement>("[data-navigation-focus]") ?? main?.querySelector("h1");
    if (!target) return;
    if (!target.hasAttribute("tabindex")) target.setAttribute("tabindex", "-1");
    target.focus();
  }, [pathname, search]);
  return null;
}
