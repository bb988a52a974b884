-- Failed runs explain themselves (issue 18): the step that failed, whose fault it was (the
-- environment's or Launchpad's own) and what fixes it. Runs recorded before this have none.

-- CreateEnum
CREATE TYPE "FailureFault" AS ENUM ('environment', 'launchpad');

-- AlterTable
ALTER TABLE "ProvisioningRun" ADD COLUMN     "failedStep" VARCHAR(40),
ADD COLUMN     "failureAdvice" TEXT,
ADD COLUMN     "failureFault" "FailureFault";
