-- CreateTable
CREATE TABLE "SecretKeyCanary" (
    "id" INTEGER NOT NULL DEFAULT 1,
    "encrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SecretKeyCanary_pkey" PRIMARY KEY ("id")
);
