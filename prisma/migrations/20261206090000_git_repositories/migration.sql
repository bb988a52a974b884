-- Every project a git repository (issue 28): each run records the commit it made on the project's
-- `launchpad` branch, or why it made none; a project may have one https remote, whose access token
-- is stored encrypted like the database passwords.

-- AlterTable
ALTER TABLE "ProvisioningRun" ADD COLUMN     "gitCommit" VARCHAR(64),
ADD COLUMN     "gitNote" TEXT;

-- CreateTable
CREATE TABLE "ProjectRemote" (
    "projectId" UUID NOT NULL,
    "url" VARCHAR(2000) NOT NULL,
    "tokenEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "lastPushAt" TIMESTAMP(3),
    "lastPushOk" BOOLEAN,
    "lastPushMessage" TEXT,

    CONSTRAINT "ProjectRemote_pkey" PRIMARY KEY ("projectId")
);

-- AddForeignKey
ALTER TABLE "ProjectRemote" ADD CONSTRAINT "ProjectRemote_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
