-- The account page's sessions say when each browser was last used (issue 26). Better Auth's own
-- updatedAt moves only when it extends a session (at most once a day); this column is touched by
-- Launchpad's session read, at most once a minute per session. Null until the first such read.

-- AlterTable
ALTER TABLE "Session" ADD COLUMN     "lastUsedAt" TIMESTAMP(3);
