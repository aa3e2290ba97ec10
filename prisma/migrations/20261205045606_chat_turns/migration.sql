-- CreateTable
CREATE TABLE "ChatTurn" (
    "id" TEXT NOT NULL,
    "tenantId" TEXT NOT NULL,
    "channel" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "actorKey" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "outcome" TEXT,
    "replies" JSONB,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "startedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ChatTurn_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ChatTurn_createdAt_idx" ON "ChatTurn"("createdAt");

-- CreateIndex
CREATE UNIQUE INDEX "ChatTurn_tenantId_channel_messageId_key" ON "ChatTurn"("tenantId", "channel", "messageId");

-- AddForeignKey
ALTER TABLE "ChatTurn" ADD CONSTRAINT "ChatTurn_tenantId_fkey" FOREIGN KEY ("tenantId") REFERENCES "Tenant"("id") ON DELETE CASCADE ON UPDATE CASCADE;
