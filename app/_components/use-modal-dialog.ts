"use client";

import { useEffect, useRef } from "react";

/**
 * A native <dialog> opened as a modal when it mounts: focus moves into it, Esc closes it (its
 * `onClose` runs) and the browser gives focus back to what opened it. Returns the ref to put on it.
 */
export function useModalDialog() {
  const dialogRef = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const dialog = dialogRef.current;
    if (dialog && !dialog.open) dialog.showModal();
  }, []);
  return dialogRef;
}
