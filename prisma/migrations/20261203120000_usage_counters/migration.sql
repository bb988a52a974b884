-- Launchpad's own fixed-window counters (issues 19 and 23): Better Auth deletes rows of its RateLimit
-- table once they are older than its own longest window, which would reset longer windows of ours.

-- CreateTable
CREATE TABLE "UsageCounter" (
    "key" TEXT NOT NULL,
    "count" INTEGER NOT NULL,
    "windowStart" BIGINT NOT NULL,

    CONSTRAINT "UsageCounter_pkey" PRIMARY KEY ("key")
);
