"use client";

import { useState, type FormEvent } from "react";
import type { z } from "zod";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/text-field";
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from "~/server/shared/account";
import { useHydrated } from "~/app/_components/use-hydrated";

export type AccountField<K extends string> = {
  name: K;
  label: string;
  type?: "text" | "email" | "password";
  autoComplete: string;
  /** A password the person chooses now: its length rule is shown under it. */
  isNewPassword?: boolean;
};

export const PASSWORD_LENGTH_HINT = `${MIN_PASSWORD_LENGTH} to ${MAX_PASSWORD_LENGTH} characters.`;

/**
 * The form behind /setup, invites, password resets and password changes: labelled fields, the
 * shared zod schema checked in the browser first (the same one the procedure checks), then `submit`,
 * whose answer (a sentence, or null for success) is shown. No password is ever kept after success.
 */
export function AccountForm<K extends string, T>({
  idPrefix,
  fields,
  schema,
  toInput,
  submit,
  submitLabel,
  pendingLabel,
  focusFirstField = true,
}: {
  idPrefix: string;
  fields: readonly AccountField<K>[];
  schema: z.ZodType<T>;
  /** The procedure's input from the typed values (plus what the page knows, like a link's token). */
  toInput: (values: Record<K, string>) => unknown;
  /** Sends the validated input; resolves to the sentence to show on failure, or null on success. */
  submit: (input: T) => Promise<string | null>;
  submitLabel: string;
  pendingLabel: string;
  /** On pages whose only purpose is this form. */
  focusFirstField?: boolean;
}) {
  const hydrated = useHydrated();
  const empty = () => Object.fromEntries(fields.map((field) => [field.name, ""])) as Record<K, string>;
  const [values, setValues] = useState(empty);
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = schema.safeParse(toInput(values));
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the fields.");
      return;
    }
    setError(null);
    setIsPending(true);
    const failure = await submit(parsed.data);
    setIsPending(false);
    setError(failure);
    if (!failure) setValues(empty());
  }

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      {fields.map((field, index) => (
        <TextField
          key={field.name}
          label={field.label}
          id={`${idPrefix}-${field.name}`}
          type={field.type ?? "text"}
          autoComplete={field.autoComplete}
          autoFocus={focusFirstField && index === 0}
          hint={field.isNewPassword ? PASSWORD_LENGTH_HINT : undefined}
          value={values[field.name]}
          onChange={(event) => setValues({ ...values, [field.name]: event.target.value })}
        />
      ))}
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={isPending || !hydrated}>
        {isPending ? pendingLabel : submitLabel}
      </Button>
    </form>
  );
}
