import { AcceptInviteForm } from "./_components/accept-invite-form";

/** Where an invite link leads: anyone with the link may open an account (the token is the proof). */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Join Launchpad</h1>
        <p className="text-slate-600">An admin invited you. Choose your name, email and password.</p>
      </div>
      <AcceptInviteForm token={token} />
    </div>
  );
}
