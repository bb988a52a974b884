"use client";

import { useMutation } from "@tanstack/react-query";
import { useState, type FormEvent } from "react";
import { signInWithPassword } from "~/app/_auth/sign-in-request";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/text-field";
import { useTRPC } from "~/app/_trpc/client";
import { errorMessage } from "~/app/_trpc/error-message";
import { setupInputSchema } from "~/server/shared/account";

export function SetupForm() {
  const trpc = useTRPC();
  const [fields, setFields] = useState({ token: "", name: "", email: "", password: "" });
  const [error, setError] = useState<string | null>(null);
  const setup = useMutation(trpc.account.setup.mutationOptions());

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    const parsed = setupInputSchema.safeParse(fields);
    if (!parsed.success) {
      setError(parsed.error.issues[0]?.message ?? "Check the fields.");
      return;
    }
    setError(null);
    try {
      await setup.mutateAsync(parsed.data);
    } catch (failure) {
      setError(errorMessage(failure));
      return;
    }
    const signInFailure = await signInWithPassword(parsed.data.email, parsed.data.password);
    if (signInFailure) setError(`Your account was created, but signing in failed: ${signInFailure}`);
    else window.location.assign("/");
  }

  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (event: { target: { value: string } }) => setFields({ ...fields, [name]: event.target.value }),
  });

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      noValidate
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <TextField label="Setup token" id="setup-token" autoComplete="off" {...field("token")} autoFocus />
      <TextField label="Your name" id="setup-name" autoComplete="name" {...field("name")} />
      <TextField label="Email" id="setup-email" type="email" autoComplete="username" {...field("email")} />
      <TextField
        label="Password"
        id="setup-password"
        type="password"
        autoComplete="new-password"
        {...field("password")}
      />
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={setup.isPending}>
        {setup.isPending ? "Creating…" : "Create the admin account"}
      </Button>
    </form>
  );
}
