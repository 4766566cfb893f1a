-- CreateTable
CREATE TABLE "app_user" (
    "id" TEXT NOT NULL,
    "display_name" TEXT NOT NULL,
    "password_hash" TEXT,
    "email" TEXT,
    "phone" TEXT,
    "disabled" INTEGER NOT NULL DEFAULT 0,
    "created_at" BIGINT NOT NULL,
    "updated_at" BIGINT NOT NULL,

    CONSTRAINT "app_user_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "user_role" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "region" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "created_by" TEXT,

    CONSTRAINT "user_role_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "region" (
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "name_en" TEXT,
    "parent" TEXT,
    "tier" INTEGER NOT NULL,

    CONSTRAINT "region_pkey" PRIMARY KEY ("code")
);

-- CreateTable
CREATE TABLE "casbin_rule" (
    "id" SERIAL NOT NULL,
    "ptype" TEXT NOT NULL,
    "v0" TEXT,
    "v1" TEXT,
    "v2" TEXT,
    "v3" TEXT,
    "v4" TEXT,
    "v5" TEXT,

    CONSTRAINT "casbin_rule_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "session" (
    "id" TEXT NOT NULL,
    "user_id" TEXT NOT NULL,
    "created_at" BIGINT NOT NULL,
    "last_seen_at" BIGINT NOT NULL,
    "expires_at" BIGINT NOT NULL,
    "client_address" TEXT,
    "user_agent" TEXT,

    CONSTRAINT "session_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "audit_log" (
    "id" TEXT NOT NULL,
    "time" BIGINT NOT NULL,
    "user_id" TEXT,
    "region" TEXT,
    "action" TEXT NOT NULL,
    "target" TEXT,
    "client_address" TEXT,
    "status" INTEGER NOT NULL,

    CONSTRAINT "audit_log_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "form_definition" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "definition" TEXT NOT NULL,
    "note" TEXT,
    "created_by" TEXT,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "form_definition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "opinion" (
    "id" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "task_id" TEXT,
    "activity_id" TEXT,
    "task_name" TEXT,
    "user_id" TEXT NOT NULL,
    "decision" TEXT,
    "message" TEXT NOT NULL,
    "tenant_id" TEXT,
    "time" BIGINT NOT NULL,

    CONSTRAINT "opinion_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "attachment" (
    "id" TEXT NOT NULL,
    "process_instance_id" TEXT,
    "task_id" TEXT,
    "name" TEXT NOT NULL,
    "content_type" TEXT NOT NULL,
    "size" INTEGER NOT NULL,
    "sha256" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "description" TEXT,
    "tenant_id" TEXT,
    "created_by" TEXT,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "attachment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "notification" (
    "id" TEXT NOT NULL,
    "recipient" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "sender_id" TEXT,
    "process_instance_id" TEXT,
    "task_id" TEXT,
    "title" TEXT NOT NULL,
    "body" TEXT,
    "created_at" BIGINT NOT NULL,
    "read_at" BIGINT,

    CONSTRAINT "notification_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "holiday_year" (
    "year" INTEGER NOT NULL,
    "days" TEXT NOT NULL,
    "source" TEXT,
    "loaded_by" TEXT,
    "loaded_at" BIGINT NOT NULL,

    CONSTRAINT "holiday_year_pkey" PRIMARY KEY ("year")
);

-- CreateTable
CREATE TABLE "public_application" (
    "receipt_no" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "applicant_name" TEXT,
    "query_code_hash" TEXT NOT NULL,
    "tenant_id" TEXT,
    "created_at" BIGINT NOT NULL,

    CONSTRAINT "public_application_pkey" PRIMARY KEY ("receipt_no")
);

-- CreateIndex
CREATE INDEX "user_role_region_idx" ON "user_role"("region");

-- CreateIndex
CREATE UNIQUE INDEX "user_role_user_id_role_region_key" ON "user_role"("user_id", "role", "region");

-- CreateIndex
CREATE INDEX "region_parent_idx" ON "region"("parent");

-- CreateIndex
CREATE INDEX "casbin_rule_ptype_v0_idx" ON "casbin_rule"("ptype", "v0");

-- CreateIndex
CREATE INDEX "session_user_id_idx" ON "session"("user_id");

-- CreateIndex
CREATE INDEX "session_expires_at_idx" ON "session"("expires_at");

-- CreateIndex
CREATE INDEX "audit_log_time_idx" ON "audit_log"("time");

-- CreateIndex
CREATE INDEX "audit_log_user_id_time_idx" ON "audit_log"("user_id", "time");

-- CreateIndex
CREATE INDEX "audit_log_region_time_idx" ON "audit_log"("region", "time");

-- CreateIndex
CREATE UNIQUE INDEX "form_definition_key_version_key" ON "form_definition"("key", "version");

-- CreateIndex
CREATE INDEX "opinion_process_instance_id_time_idx" ON "opinion"("process_instance_id", "time");

-- CreateIndex
CREATE INDEX "opinion_task_id_idx" ON "opinion"("task_id");

-- CreateIndex
CREATE INDEX "attachment_process_instance_id_idx" ON "attachment"("process_instance_id");

-- CreateIndex
CREATE INDEX "attachment_task_id_idx" ON "attachment"("task_id");

-- CreateIndex
CREATE INDEX "notification_recipient_read_at_idx" ON "notification"("recipient", "read_at");

-- CreateIndex
CREATE INDEX "public_application_process_instance_id_idx" ON "public_application"("process_instance_id");

