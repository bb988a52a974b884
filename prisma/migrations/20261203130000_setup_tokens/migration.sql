-- The one-time tokens that open /setup while no account exists (issue 23): in the database, so that
-- every instance accepts the token any of them printed. Only each token's SHA-256 is stored.

-- CreateTable
CREATE TABLE "SetupToken" (
    "tokenHash" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SetupToken_pkey" PRIMARY KEY ("tokenHash")
);
