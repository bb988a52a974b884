-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "TechnologyCategory" AS ENUM ('backend', 'database', 'frontend', 'css');

-- CreateEnum
CREATE TYPE "InterviewStatus" AS ENUM ('in_progress', 'completed');

-- CreateEnum
CREATE TYPE "ProvisioningStatus" AS ENUM ('pending', 'running', 'succeeded', 'failed');

-- CreateEnum
CREATE TYPE "PortPurpose" AS ENUM ('app', 'frontend', 'database', 'admin');

-- CreateTable
CREATE TABLE "Project" (
    "id" UUID NOT NULL,
    "name" VARCHAR(80) NOT NULL,
    "slug" VARCHAR(64) NOT NULL,
    "description" TEXT NOT NULL DEFAULT '',
    "backend" VARCHAR(40),
    "database" VARCHAR(40),
    "frontend" VARCHAR(40),
    "css" VARCHAR(40),
    "stackSavedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Project_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Interview" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "answers" JSONB NOT NULL DEFAULT '{}',
    "currentStep" INTEGER NOT NULL DEFAULT 1,
    "status" "InterviewStatus" NOT NULL DEFAULT 'in_progress',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Interview_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Technology" (
    "id" UUID NOT NULL,
    "category" "TechnologyCategory" NOT NULL,
    "slug" VARCHAR(40) NOT NULL,
    "label" TEXT NOT NULL,
    "description" TEXT NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "provisioning" JSONB NOT NULL DEFAULT '{}',
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Technology_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CompatibilityRule" (
    "id" UUID NOT NULL,
    "code" VARCHAR(60) NOT NULL,
    "reason" TEXT NOT NULL,
    "conditions" JSONB NOT NULL,
    "sortOrder" INTEGER NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CompatibilityRule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProvisioningRun" (
    "id" UUID NOT NULL,
    "projectId" UUID NOT NULL,
    "attempt" INTEGER NOT NULL,
    "status" "ProvisioningStatus" NOT NULL DEFAULT 'pending',
    "stack" JSONB NOT NULL,
    "scriptsUsed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "checksPassed" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "logTail" TEXT NOT NULL DEFAULT '',
    "error" TEXT,
    "projectPath" TEXT,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "finishedAt" TIMESTAMP(3),

    CONSTRAINT "ProvisioningRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PortAllocation" (
    "port" INTEGER NOT NULL,
    "projectId" UUID NOT NULL,
    "purpose" "PortPurpose" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PortAllocation_pkey" PRIMARY KEY ("port")
);

-- CreateTable
CREATE TABLE "ProjectCredentials" (
    "projectId" UUID NOT NULL,
    "databaseName" VARCHAR(63) NOT NULL,
    "databaseUser" VARCHAR(63) NOT NULL,
    "passwordEncrypted" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ProjectCredentials_pkey" PRIMARY KEY ("projectId")
);

-- CreateIndex
CREATE UNIQUE INDEX "Project_slug_key" ON "Project"("slug");

-- CreateIndex
CREATE INDEX "Project_createdAt_idx" ON "Project"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "Interview_projectId_key" ON "Interview"("projectId");

-- CreateIndex
CREATE UNIQUE INDEX "Technology_category_slug_key" ON "Technology"("category", "slug");

-- CreateIndex
CREATE UNIQUE INDEX "CompatibilityRule_code_key" ON "CompatibilityRule"("code");

-- CreateIndex
CREATE INDEX "ProvisioningRun_status_idx" ON "ProvisioningRun"("status");

-- CreateIndex
CREATE UNIQUE INDEX "ProvisioningRun_projectId_attempt_key" ON "ProvisioningRun"("projectId", "attempt");

-- CreateIndex
CREATE UNIQUE INDEX "PortAllocation_projectId_purpose_key" ON "PortAllocation"("projectId", "purpose");

-- AddForeignKey
ALTER TABLE "Interview" ADD CONSTRAINT "Interview_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProvisioningRun" ADD CONSTRAINT "ProvisioningRun_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PortAllocation" ADD CONSTRAINT "PortAllocation_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ProjectCredentials" ADD CONSTRAINT "ProjectCredentials_projectId_fkey" FOREIGN KEY ("projectId") REFERENCES "Project"("id") ON DELETE CASCADE ON UPDATE CASCADE;
