-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateEnum
CREATE TYPE "Role" AS ENUM ('CASEWORKER', 'CONSULTANT', 'MANAGER', 'ADMIN');

-- CreateEnum
CREATE TYPE "Locale" AS ENUM ('da', 'en');

-- CreateEnum
CREATE TYPE "TargetGroup" AS ENUM ('JOBPARAT', 'AKTIVITETSPARAT', 'UDDANNELSESPARAT', 'RESSOURCEFORLOEB', 'SYGEDAGPENGE');

-- CreateEnum
CREATE TYPE "CitizenStatus" AS ENUM ('ACTIVE', 'CLOSED');

-- CreateEnum
CREATE TYPE "CloseReason" AS ENUM ('JOB', 'EDUCATION', 'MOVED', 'RETIREMENT', 'SELF_SUPPORTING', 'OTHER');

-- CreateEnum
CREATE TYPE "MeetingKind" AS ENUM ('INDIVIDUAL', 'THREE_PARTY', 'WALK_AND_TALK', 'PHONE', 'VIDEO', 'COMPANY_VISIT', 'NETWORK');

-- CreateEnum
CREATE TYPE "SourceChannel" AS ENUM ('CONSOLE', 'SLACK', 'TEAMS', 'IMPORT', 'SEED');

-- CreateEnum
CREATE TYPE "PlacementType" AS ENUM ('INTERNSHIP', 'WAGE_SUBSIDY_PRIVATE', 'WAGE_SUBSIDY_PUBLIC', 'ORDINARY_HOURS', 'UTILITY_WORK', 'ADULT_APPRENTICE', 'FLEXJOB');

-- CreateEnum
CREATE TYPE "PlacementStatus" AS ENUM ('ACTIVE', 'ENDED');

-- CreateEnum
CREATE TYPE "PlacementEndReason" AS ENUM ('COMPLETED', 'JOB', 'NO_JOB_PROSPECT', 'COMPANY_WONT_PAY', 'CITIZEN_STOPPED', 'OTHER');

-- CreateEnum
CREATE TYPE "FollowUpOutcome" AS ENUM ('CONTINUE', 'EXTEND', 'ORDINARY_HOURS_AGREED', 'END');

-- CreateEnum
CREATE TYPE "OutcomeKind" AS ENUM ('ORDINARY_JOB', 'ORDINARY_HOURS', 'FLEXJOB', 'EDUCATION', 'APPRENTICESHIP', 'MOVED', 'RETIREMENT', 'SELF_SUPPORTING', 'OTHER_ENDING');

-- CreateEnum
CREATE TYPE "TargetMetric" AS ENUM ('PLACEMENT_STARTS', 'JOB_OUTCOMES', 'MEETINGS', 'THREE_PARTY_MEETINGS');

-- CreateEnum
CREATE TYPE "DeliveryStatus" AS ENUM ('PENDING', 'SENDING', 'SENT', 'FAILED', 'SKIPPED');

-- CreateTable
CREATE TABLE "Team" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "celebrationsEnabled" BOOLEAN NOT NULL DEFAULT true,
    "slackChannelId" TEXT,
    "teamsChannelId" TEXT,
    "digestTime" TEXT NOT NULL DEFAULT '09:00',
    "teamMeetingEveryDays" INTEGER,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Team_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Staff" (
    "id" TEXT NOT NULL,
    "handle" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "email" TEXT,
    "role" "Role" NOT NULL,
    "isAdmin" BOOLEAN NOT NULL DEFAULT false,
    "locale" "Locale" NOT NULL DEFAULT 'da',
    "teamId" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "leftAt" TIMESTAMP(3),
    "slackUserId" TEXT,
    "teamsAadObjectId" TEXT,
    "slackDmChannelId" TEXT,
    "reminderTime" TEXT NOT NULL DEFAULT '08:00',
    "awayUntil" DATE,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Staff_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Citizen" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "ref" TEXT NOT NULL,
    "initials" TEXT,
    "targetGroup" "TargetGroup" NOT NULL DEFAULT 'JOBPARAT',
    "caseworkerId" TEXT,
    "consultantId" TEXT,
    "mentorId" TEXT,
    "cadenceDays" INTEGER NOT NULL DEFAULT 7,
    "nextCheckInOn" DATE,
    "status" "CitizenStatus" NOT NULL DEFAULT 'ACTIVE',
    "closeReason" "CloseReason",
    "closedAt" TIMESTAMP(3),
    "wishCompanies" TEXT[] DEFAULT ARRAY[]::TEXT[],
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Citizen_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Meeting" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "kind" "MeetingKind" NOT NULL,
    "heldOn" DATE NOT NULL,
    "durationMinutes" INTEGER,
    "loggedById" TEXT NOT NULL,
    "note" TEXT,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Meeting_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Placement" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "consultantId" TEXT,
    "company" TEXT NOT NULL,
    "type" "PlacementType" NOT NULL,
    "startOn" DATE NOT NULL,
    "plannedEndOn" DATE NOT NULL,
    "weeklyHours" DECIMAL(5,2),
    "ordinaryHours" DECIMAL(5,2),
    "followUpCadenceDays" INTEGER NOT NULL DEFAULT 30,
    "status" "PlacementStatus" NOT NULL DEFAULT 'ACTIVE',
    "endReason" "PlacementEndReason",
    "endedOn" DATE,
    "createdById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Placement_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "PlacementFollowUp" (
    "id" TEXT NOT NULL,
    "placementId" TEXT NOT NULL,
    "heldOn" DATE NOT NULL,
    "outcome" "FollowUpOutcome" NOT NULL,
    "note" TEXT,
    "loggedById" TEXT NOT NULL,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "PlacementFollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Outcome" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "kind" "OutcomeKind" NOT NULL,
    "occurredOn" DATE NOT NULL,
    "weeklyHours" DECIMAL(5,2),
    "employer" TEXT,
    "loggedById" TEXT NOT NULL,
    "caseworkerId" TEXT,
    "consultantId" TEXT,
    "source" "SourceChannel" NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Outcome_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "MonthlyTarget" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "metric" "TargetMetric" NOT NULL,
    "month" DATE NOT NULL,
    "target" INTEGER NOT NULL,
    "setById" TEXT NOT NULL,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "MonthlyTarget_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "CaseworkerChange" (
    "id" TEXT NOT NULL,
    "citizenId" TEXT NOT NULL,
    "fromStaffId" TEXT,
    "toStaffId" TEXT NOT NULL,
    "changedById" TEXT NOT NULL,
    "changedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "CaseworkerChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" BIGSERIAL NOT NULL,
    "at" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "actorId" TEXT,
    "action" TEXT NOT NULL,
    "citizenId" TEXT,
    "channel" "SourceChannel" NOT NULL,
    "details" JSONB,

    CONSTRAINT "AuditLog_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Delivery" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "teamId" TEXT,
    "recipientId" TEXT,
    "audience" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "status" "DeliveryStatus" NOT NULL DEFAULT 'PENDING',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "payload" JSONB NOT NULL,
    "messageRef" JSONB,
    "error" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "sentAt" TIMESTAMP(3),

    CONSTRAINT "Delivery_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReminderState" (
    "id" TEXT NOT NULL,
    "staffId" TEXT NOT NULL,
    "subject" TEXT NOT NULL,
    "snoozedUntil" DATE,
    "doneAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReminderState_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "SchedulerCursor" (
    "job" TEXT NOT NULL,
    "lastRunAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "SchedulerCursor_pkey" PRIMARY KEY ("job")
);

-- CreateTable
CREATE TABLE "ConversationRef" (
    "id" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "scope" TEXT NOT NULL,
    "conversationId" TEXT NOT NULL,
    "staffId" TEXT,
    "teamId" TEXT,
    "reference" JSONB,
    "installed" BOOLEAN NOT NULL DEFAULT true,
    "updatedAt" TIMESTAMP(3) NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ConversationRef_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ImportBatch" (
    "id" TEXT NOT NULL,
    "teamId" TEXT NOT NULL,
    "createdById" TEXT NOT NULL,
    "fileHash" TEXT NOT NULL,
    "preview" JSONB NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "appliedAt" TIMESTAMP(3),

    CONSTRAINT "ImportBatch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ProcessedRequest" (
    "key" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "response" JSONB,

    CONSTRAINT "ProcessedRequest_pkey" PRIMARY KEY ("key")
);

-- CreateTable
CREATE TABLE "_MeetingParticipants" (
    "A" TEXT NOT NULL,
    "B" TEXT NOT NULL,

    CONSTRAINT "_MeetingParticipants_AB_pkey" PRIMARY KEY ("A","B")
);

-- CreateIndex
CREATE UNIQUE INDEX "Team_name_key" ON "Team"("name");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_handle_key" ON "Staff"("handle");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_email_key" ON "Staff"("email");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_slackUserId_key" ON "Staff"("slackUserId");

-- CreateIndex
CREATE UNIQUE INDEX "Staff_teamsAadObjectId_key" ON "Staff"("teamsAadObjectId");

-- CreateIndex
CREATE INDEX "Staff_teamId_active_idx" ON "Staff"("teamId", "active");

-- CreateIndex
CREATE INDEX "Citizen_caseworkerId_status_idx" ON "Citizen"("caseworkerId", "status");

-- CreateIndex
CREATE INDEX "Citizen_consultantId_status_idx" ON "Citizen"("consultantId", "status");

-- CreateIndex
CREATE INDEX "Citizen_teamId_status_idx" ON "Citizen"("teamId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Citizen_teamId_ref_key" ON "Citizen"("teamId", "ref");

-- CreateIndex
CREATE INDEX "Meeting_citizenId_heldOn_idx" ON "Meeting"("citizenId", "heldOn");

-- CreateIndex
CREATE INDEX "Meeting_heldOn_idx" ON "Meeting"("heldOn");

-- CreateIndex
CREATE INDEX "Placement_citizenId_status_idx" ON "Placement"("citizenId", "status");

-- CreateIndex
CREATE INDEX "Placement_consultantId_status_idx" ON "Placement"("consultantId", "status");

-- CreateIndex
CREATE INDEX "Placement_status_plannedEndOn_idx" ON "Placement"("status", "plannedEndOn");

-- CreateIndex
CREATE INDEX "PlacementFollowUp_placementId_heldOn_idx" ON "PlacementFollowUp"("placementId", "heldOn");

-- CreateIndex
CREATE INDEX "Outcome_teamId_occurredOn_idx" ON "Outcome"("teamId", "occurredOn");

-- CreateIndex
CREATE INDEX "Outcome_citizenId_idx" ON "Outcome"("citizenId");

-- CreateIndex
CREATE UNIQUE INDEX "MonthlyTarget_teamId_metric_month_key" ON "MonthlyTarget"("teamId", "metric", "month");

-- CreateIndex
CREATE INDEX "CaseworkerChange_citizenId_idx" ON "CaseworkerChange"("citizenId");

-- CreateIndex
CREATE INDEX "AuditLog_citizenId_at_idx" ON "AuditLog"("citizenId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_actorId_at_idx" ON "AuditLog"("actorId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "Delivery_key_key" ON "Delivery"("key");

-- CreateIndex
CREATE INDEX "Delivery_status_nextAttemptAt_idx" ON "Delivery"("status", "nextAttemptAt");

-- CreateIndex
CREATE INDEX "Delivery_recipientId_kind_idx" ON "Delivery"("recipientId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "ReminderState_staffId_subject_key" ON "ReminderState"("staffId", "subject");

-- CreateIndex
CREATE INDEX "ConversationRef_platform_staffId_idx" ON "ConversationRef"("platform", "staffId");

-- CreateIndex
CREATE INDEX "ConversationRef_platform_teamId_idx" ON "ConversationRef"("platform", "teamId");

-- CreateIndex
CREATE UNIQUE INDEX "ConversationRef_platform_conversationId_key" ON "ConversationRef"("platform", "conversationId");

-- CreateIndex
CREATE INDEX "ImportBatch_teamId_fileHash_idx" ON "ImportBatch"("teamId", "fileHash");

-- CreateIndex
CREATE INDEX "ProcessedRequest_createdAt_idx" ON "ProcessedRequest"("createdAt");

-- CreateIndex
CREATE INDEX "_MeetingParticipants_B_index" ON "_MeetingParticipants"("B");

-- AddForeignKey
ALTER TABLE "Staff" ADD CONSTRAINT "Staff_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citizen" ADD CONSTRAINT "Citizen_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citizen" ADD CONSTRAINT "Citizen_caseworkerId_fkey" FOREIGN KEY ("caseworkerId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citizen" ADD CONSTRAINT "Citizen_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Citizen" ADD CONSTRAINT "Citizen_mentorId_fkey" FOREIGN KEY ("mentorId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Meeting" ADD CONSTRAINT "Meeting_loggedById_fkey" FOREIGN KEY ("loggedById") REFERENCES "Staff"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Placement" ADD CONSTRAINT "Placement_consultantId_fkey" FOREIGN KEY ("consultantId") REFERENCES "Staff"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PlacementFollowUp" ADD CONSTRAINT "PlacementFollowUp_placementId_fkey" FOREIGN KEY ("placementId") REFERENCES "Placement"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Outcome" ADD CONSTRAINT "Outcome_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "MonthlyTarget" ADD CONSTRAINT "MonthlyTarget_teamId_fkey" FOREIGN KEY ("teamId") REFERENCES "Team"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "CaseworkerChange" ADD CONSTRAINT "CaseworkerChange_citizenId_fkey" FOREIGN KEY ("citizenId") REFERENCES "Citizen"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MeetingParticipants" ADD CONSTRAINT "_MeetingParticipants_A_fkey" FOREIGN KEY ("A") REFERENCES "Meeting"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "_MeetingParticipants" ADD CONSTRAINT "_MeetingParticipants_B_fkey" FOREIGN KEY ("B") REFERENCES "Staff"("id") ON DELETE CASCADE ON UPDATE CASCADE;
