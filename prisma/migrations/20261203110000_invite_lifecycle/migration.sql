-- Invites that die with their maker (issue 19): an invite can be revoked (by an admin, or because
-- its creator was deactivated or demoted) and bound to one email.

-- AlterTable
ALTER TABLE "Invite" ADD COLUMN     "email" VARCHAR(320),
ADD COLUMN     "revokedAt" TIMESTAMP(3);
