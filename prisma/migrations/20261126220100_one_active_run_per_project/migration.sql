-- At most one provisioning run per project may be pending or running. Prisma's schema language cannot
-- express a partial index, so it lives only here (the drift test knows about it by name).
CREATE UNIQUE INDEX "ProvisioningRun_one_active_per_project" ON "ProvisioningRun"("projectId")
  WHERE "status" IN ('pending', 'running');
