import { Alert } from "~/app/_components/ui/alert";
import { db } from "~/server/db/client";
import { findOpenInvite } from "~/server/services/accounts/invites";
import { LINK_UNUSABLE } from "~/server/services/accounts/one-time-token";
import { AcceptInviteForm } from "./_components/accept-invite-form";

/**
 * Where an invite link leads: anyone with the link may open an account (the token is the proof). A
 * link that cannot be used (unknown, used, expired, revoked, or its maker no longer an admin) says so
 * at once, with one message whatever the reason, instead of after a password was typed.
 */
export default async function InvitePage({ params }: { params: Promise<{ token: string }> }) {
  const { token } = await params;
  const invite = await findOpenInvite({ db: db(), token });
  return (
    <div className="mx-auto max-w-md space-y-6">
      <div>
        <h1 className="text-2xl font-semibold tracking-tight">Join Launchpad</h1>
        <p className="text-slate-600">An admin invited you. Choose your name, email and password.</p>
      </div>
      {invite ? (
        <>
          {invite.email && (
            <p className="text-sm text-slate-600">
              This invite is for <span className="font-medium">{invite.email}</span>: sign up with that
              address.
            </p>
          )}
          <AcceptInviteForm token={token} />
        </>
      ) : (
        <Alert tone="error">{LINK_UNUSABLE}</Alert>
      )}
    </div>
  );
}
