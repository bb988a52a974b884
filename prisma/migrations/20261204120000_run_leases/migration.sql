-- Several instances on one database (issue 25): each run names the instance that claimed it and
-- carries a lease that instance renews while it works. Recovery fails only runs whose lease expired.
-- Runs written before this migration have no lease: every instance takes them as expired.

-- AlterTable
ALTER TABLE "ProvisioningRun" ADD COLUMN     "instanceId" VARCHAR(100),
ADD COLUMN     "leaseExpiresAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "ProvisioningRun_leaseExpiresAt_idx" ON "ProvisioningRun"("leaseExpiresAt");
