-- Archive, restore and purge (issue 29). An archived project keeps its row, so its slug stays
-- reserved (the Compose project name is the slug); its ports are released, remembered in
-- "archivedPorts" so that a restore can take them again. One archive, restore or purge at a time per
-- project: "lifecycleOperation" is the claim, taken in the database so that it holds across
-- instances. A step that failed is kept in "lifecycleFailure" until the operation is retried.
-- "purgeStartedAt" is set before a purge removes anything and never cleared: such a project can only
-- be purged, never restored.

-- AlterTable
ALTER TABLE "Project" ADD COLUMN     "archivedAt" TIMESTAMP(3),
ADD COLUMN     "retainUntil" TIMESTAMP(3),
ADD COLUMN     "archivedPorts" JSONB,
ADD COLUMN     "lifecycleOperation" VARCHAR(20),
ADD COLUMN     "lifecycleClaimedAt" TIMESTAMP(3),
ADD COLUMN     "lifecycleFailure" JSONB,
ADD COLUMN     "purgeStartedAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Project_retainUntil_idx" ON "Project"("retainUntil");

-- CreateTable
CREATE TABLE "ScheduledJob" (
    "name" VARCHAR(60) NOT NULL,
    "lastRunOn" VARCHAR(10) NOT NULL,
    "instanceId" VARCHAR(100) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ScheduledJob_pkey" PRIMARY KEY ("name")
);
