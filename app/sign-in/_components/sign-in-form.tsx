"use client";

import { useState, type FormEvent } from "react";
import { signInWithPassword } from "~/app/_auth/sign-in-request";
import { Alert } from "~/app/_components/ui/alert";
import { Button } from "~/app/_components/ui/button";
import { TextField } from "~/app/_components/ui/text-field";
import { useHydrated } from "~/app/_components/use-hydrated";

export function SignInForm() {
  const hydrated = useHydrated();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [isPending, setIsPending] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    setIsPending(true);
    const failure = await signInWithPassword(email.trim(), password);
    if (failure) {
      setError(failure);
      setIsPending(false);
      return;
    }
    // A full load: the server renders the header and pages for the new session.
    window.location.assign("/");
  }

  return (
    <form
      onSubmit={(event) => void onSubmit(event)}
      className="space-y-5 rounded-lg border border-slate-200 bg-white p-6 shadow-sm"
    >
      <TextField
        label="Email"
        id="sign-in-email"
        type="email"
        autoComplete="username"
        value={email}
        onChange={(event) => setEmail(event.target.value)}
        required
        autoFocus
      />
      <TextField
        label="Password"
        id="sign-in-password"
        type="password"
        autoComplete="current-password"
        value={password}
        onChange={(event) => setPassword(event.target.value)}
        required
      />
      {error && <Alert tone="error">{error}</Alert>}
      <Button type="submit" disabled={isPending || !hydrated}>
        {isPending ? "Signing in…" : "Sign in"}
      </Button>
    </form>
  );
}
