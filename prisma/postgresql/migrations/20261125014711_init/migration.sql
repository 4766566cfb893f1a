-- CreateSchema
CREATE SCHEMA IF NOT EXISTS "public";

-- CreateTable
CREATE TABLE "deployment" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "source" TEXT,
    "tenant_id" TEXT,
    "deployment_time" BIGINT NOT NULL,
    "deployed_by" TEXT,
    "note" TEXT,

    CONSTRAINT "deployment_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "resource" (
    "id" TEXT NOT NULL,
    "deployment_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "content" BYTEA NOT NULL,
    "hash" TEXT NOT NULL,

    CONSTRAINT "resource_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "process_definition" (
    "id" TEXT NOT NULL,
    "key" TEXT NOT NULL,
    "version" INTEGER NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "version_tag" TEXT,
    "deployment_id" TEXT NOT NULL,
    "resource_name" TEXT NOT NULL,
    "tenant_id" TEXT,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "startable_in_tasklist" INTEGER NOT NULL DEFAULT 1,
    "history_ttl" INTEGER,
    "start_form_key" TEXT,

    CONSTRAINT "process_definition_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "execution" (
    "id" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "parent_id" TEXT,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "activity_id" TEXT,
    "activity_instance_id" TEXT,
    "business_key" TEXT,
    "super_execution_id" TEXT,
    "root_process_instance_id" TEXT NOT NULL,
    "is_active" INTEGER NOT NULL DEFAULT 1,
    "is_scope" INTEGER NOT NULL DEFAULT 0,
    "is_concurrent" INTEGER NOT NULL DEFAULT 0,
    "is_event_scope" INTEGER NOT NULL DEFAULT 0,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "tenant_id" TEXT,
    "start_time" BIGINT NOT NULL,
    "start_user_id" TEXT,
    "data" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "execution_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "task" (
    "id" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "task_definition_key" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "business_key" TEXT,
    "activity_instance_id" TEXT NOT NULL,
    "assignee" TEXT,
    "owner" TEXT,
    "delegation_state" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "due_date" BIGINT,
    "follow_up_date" BIGINT,
    "create_time" BIGINT NOT NULL,
    "last_updated" BIGINT,
    "form_key" TEXT,
    "tenant_id" TEXT,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "parent_task_id" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "identity_link" (
    "id" TEXT NOT NULL,
    "task_id" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "user_id" TEXT,
    "group_id" TEXT,

    CONSTRAINT "identity_link_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "variable" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "task_id" TEXT,
    "activity_instance_id" TEXT,
    "text_value" TEXT,
    "long_value" BIGINT,
    "double_value" DOUBLE PRECISION,
    "blob_id" TEXT,
    "value_info" TEXT,
    "tenant_id" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "variable_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "blob" (
    "id" TEXT NOT NULL,
    "process_instance_id" TEXT,
    "content" BYTEA NOT NULL,

    CONSTRAINT "blob_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "job" (
    "id" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "handler_type" TEXT NOT NULL,
    "handler_config" TEXT,
    "process_instance_id" TEXT,
    "execution_id" TEXT,
    "process_definition_id" TEXT,
    "process_definition_key" TEXT,
    "activity_id" TEXT,
    "due_date" BIGINT,
    "repeat" TEXT,
    "retries" INTEGER NOT NULL DEFAULT 3,
    "retry_time_cycle" TEXT,
    "exception_message" TEXT,
    "exception_stacktrace" TEXT,
    "lock_owner" TEXT,
    "lock_expiration" BIGINT,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "tenant_id" TEXT,
    "create_time" BIGINT NOT NULL,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "job_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "external_task" (
    "id" TEXT NOT NULL,
    "topic_name" TEXT NOT NULL,
    "worker_id" TEXT,
    "lock_expiration" BIGINT,
    "retries" INTEGER,
    "error_message" TEXT,
    "error_details" TEXT,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "version_tag" TEXT,
    "activity_id" TEXT NOT NULL,
    "activity_instance_id" TEXT NOT NULL,
    "business_key" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 0,
    "suspended" INTEGER NOT NULL DEFAULT 0,
    "tenant_id" TEXT,
    "create_time" BIGINT NOT NULL,
    "extension_properties" TEXT,
    "revision" INTEGER NOT NULL DEFAULT 1,

    CONSTRAINT "external_task_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "event_subscription" (
    "id" TEXT NOT NULL,
    "event_type" TEXT NOT NULL,
    "event_name" TEXT NOT NULL,
    "execution_id" TEXT,
    "process_instance_id" TEXT,
    "process_definition_id" TEXT,
    "activity_id" TEXT NOT NULL,
    "tenant_id" TEXT,
    "create_time" BIGINT NOT NULL,
    "data" TEXT,

    CONSTRAINT "event_subscription_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "incident" (
    "id" TEXT NOT NULL,
    "incident_type" TEXT NOT NULL,
    "incident_message" TEXT,
    "process_definition_id" TEXT,
    "process_instance_id" TEXT,
    "execution_id" TEXT,
    "activity_id" TEXT,
    "failed_activity_id" TEXT,
    "cause_incident_id" TEXT NOT NULL,
    "root_cause_incident_id" TEXT NOT NULL,
    "configuration" TEXT,
    "tenant_id" TEXT,
    "annotation" TEXT,
    "incident_timestamp" BIGINT NOT NULL,

    CONSTRAINT "incident_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_process_instance" (
    "id" TEXT NOT NULL,
    "business_key" TEXT,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "process_definition_name" TEXT,
    "process_definition_version" INTEGER NOT NULL,
    "start_time" BIGINT NOT NULL,
    "end_time" BIGINT,
    "duration_ms" BIGINT,
    "start_user_id" TEXT,
    "start_activity_id" TEXT,
    "end_activity_id" TEXT,
    "super_process_instance_id" TEXT,
    "root_process_instance_id" TEXT NOT NULL,
    "delete_reason" TEXT,
    "state" TEXT NOT NULL,
    "tenant_id" TEXT,

    CONSTRAINT "hi_process_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_activity_instance" (
    "id" TEXT NOT NULL,
    "parent_activity_instance_id" TEXT,
    "activity_id" TEXT NOT NULL,
    "activity_name" TEXT,
    "activity_type" TEXT NOT NULL,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "task_id" TEXT,
    "called_process_instance_id" TEXT,
    "assignee" TEXT,
    "start_time" BIGINT NOT NULL,
    "end_time" BIGINT,
    "duration_ms" BIGINT,
    "canceled" INTEGER NOT NULL DEFAULT 0,
    "complete_scope" INTEGER NOT NULL DEFAULT 0,
    "tenant_id" TEXT,
    "sequence_counter" BIGINT NOT NULL,

    CONSTRAINT "hi_activity_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_task_instance" (
    "id" TEXT NOT NULL,
    "task_definition_key" TEXT NOT NULL,
    "process_definition_id" TEXT NOT NULL,
    "process_definition_key" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "activity_instance_id" TEXT NOT NULL,
    "name" TEXT,
    "description" TEXT,
    "owner" TEXT,
    "assignee" TEXT,
    "priority" INTEGER NOT NULL DEFAULT 50,
    "due_date" BIGINT,
    "follow_up_date" BIGINT,
    "start_time" BIGINT NOT NULL,
    "end_time" BIGINT,
    "duration_ms" BIGINT,
    "delete_reason" TEXT,
    "tenant_id" TEXT,

    CONSTRAINT "hi_task_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_variable_instance" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "task_id" TEXT,
    "activity_instance_id" TEXT,
    "text_value" TEXT,
    "long_value" BIGINT,
    "double_value" DOUBLE PRECISION,
    "blob_id" TEXT,
    "value_info" TEXT,
    "create_time" BIGINT NOT NULL,
    "removal_time" BIGINT,
    "state" TEXT NOT NULL,
    "tenant_id" TEXT,

    CONSTRAINT "hi_variable_instance_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_variable_update" (
    "id" TEXT NOT NULL,
    "variable_instance_id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "type" TEXT NOT NULL,
    "process_instance_id" TEXT NOT NULL,
    "execution_id" TEXT NOT NULL,
    "task_id" TEXT,
    "activity_instance_id" TEXT,
    "text_value" TEXT,
    "long_value" BIGINT,
    "double_value" DOUBLE PRECISION,
    "blob_id" TEXT,
    "value_info" TEXT,
    "time" BIGINT NOT NULL,
    "revision" INTEGER NOT NULL,
    "user_id" TEXT,
    "tenant_id" TEXT,

    CONSTRAINT "hi_variable_update_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "hi_operation_log" (
    "id" TEXT NOT NULL,
    "operation_id" TEXT NOT NULL,
    "operation_type" TEXT NOT NULL,
    "entity_type" TEXT NOT NULL,
    "property" TEXT,
    "org_value" TEXT,
    "new_value" TEXT,
    "user_id" TEXT,
    "timestamp" BIGINT NOT NULL,
    "process_definition_id" TEXT,
    "process_definition_key" TEXT,
    "process_instance_id" TEXT,
    "execution_id" TEXT,
    "task_id" TEXT,
    "job_id" TEXT,
    "deployment_id" TEXT,
    "annotation" TEXT,
    "category" TEXT NOT NULL,

    CONSTRAINT "hi_operation_log_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "deployment_name_idx" ON "deployment"("name");

-- CreateIndex
CREATE INDEX "deployment_deployment_time_idx" ON "deployment"("deployment_time");

-- CreateIndex
CREATE INDEX "resource_deployment_id_idx" ON "resource"("deployment_id");

-- CreateIndex
CREATE INDEX "process_definition_key_tenant_id_version_idx" ON "process_definition"("key", "tenant_id", "version");

-- CreateIndex
CREATE INDEX "process_definition_deployment_id_idx" ON "process_definition"("deployment_id");

-- CreateIndex
CREATE INDEX "execution_process_instance_id_idx" ON "execution"("process_instance_id");

-- CreateIndex
CREATE INDEX "execution_parent_id_idx" ON "execution"("parent_id");

-- CreateIndex
CREATE INDEX "execution_super_execution_id_idx" ON "execution"("super_execution_id");

-- CreateIndex
CREATE INDEX "execution_business_key_idx" ON "execution"("business_key");

-- CreateIndex
CREATE INDEX "execution_process_definition_key_idx" ON "execution"("process_definition_key");

-- CreateIndex
CREATE INDEX "task_assignee_create_time_idx" ON "task"("assignee", "create_time");

-- CreateIndex
CREATE INDEX "task_process_instance_id_idx" ON "task"("process_instance_id");

-- CreateIndex
CREATE INDEX "task_execution_id_idx" ON "task"("execution_id");

-- CreateIndex
CREATE INDEX "task_process_definition_key_create_time_idx" ON "task"("process_definition_key", "create_time");

-- CreateIndex
CREATE INDEX "task_tenant_id_create_time_idx" ON "task"("tenant_id", "create_time");

-- CreateIndex
CREATE INDEX "task_due_date_idx" ON "task"("due_date");

-- CreateIndex
CREATE INDEX "task_business_key_idx" ON "task"("business_key");

-- CreateIndex
CREATE INDEX "task_create_time_idx" ON "task"("create_time");

-- CreateIndex
CREATE INDEX "identity_link_task_id_idx" ON "identity_link"("task_id");

-- CreateIndex
CREATE INDEX "identity_link_group_id_task_id_idx" ON "identity_link"("group_id", "task_id");

-- CreateIndex
CREATE INDEX "identity_link_user_id_task_id_idx" ON "identity_link"("user_id", "task_id");

-- CreateIndex
CREATE INDEX "identity_link_process_instance_id_idx" ON "identity_link"("process_instance_id");

-- CreateIndex
CREATE INDEX "variable_process_instance_id_idx" ON "variable"("process_instance_id");

-- CreateIndex
CREATE INDEX "variable_execution_id_name_idx" ON "variable"("execution_id", "name");

-- CreateIndex
CREATE INDEX "variable_task_id_idx" ON "variable"("task_id");

-- CreateIndex
CREATE INDEX "variable_name_text_value_idx" ON "variable"("name", "text_value");

-- CreateIndex
CREATE INDEX "blob_process_instance_id_idx" ON "blob"("process_instance_id");

-- CreateIndex
CREATE INDEX "job_due_date_idx" ON "job"("due_date");

-- CreateIndex
CREATE INDEX "job_process_instance_id_idx" ON "job"("process_instance_id");

-- CreateIndex
CREATE INDEX "job_execution_id_idx" ON "job"("execution_id");

-- CreateIndex
CREATE INDEX "job_lock_expiration_idx" ON "job"("lock_expiration");

-- CreateIndex
CREATE INDEX "external_task_topic_name_lock_expiration_idx" ON "external_task"("topic_name", "lock_expiration");

-- CreateIndex
CREATE INDEX "external_task_process_instance_id_idx" ON "external_task"("process_instance_id");

-- CreateIndex
CREATE INDEX "external_task_execution_id_idx" ON "external_task"("execution_id");

-- CreateIndex
CREATE INDEX "event_subscription_event_type_event_name_idx" ON "event_subscription"("event_type", "event_name");

-- CreateIndex
CREATE INDEX "event_subscription_process_instance_id_idx" ON "event_subscription"("process_instance_id");

-- CreateIndex
CREATE INDEX "event_subscription_execution_id_idx" ON "event_subscription"("execution_id");

-- CreateIndex
CREATE INDEX "event_subscription_process_definition_id_idx" ON "event_subscription"("process_definition_id");

-- CreateIndex
CREATE INDEX "incident_process_instance_id_idx" ON "incident"("process_instance_id");

-- CreateIndex
CREATE INDEX "incident_configuration_idx" ON "incident"("configuration");

-- CreateIndex
CREATE INDEX "hi_process_instance_process_definition_key_start_time_idx" ON "hi_process_instance"("process_definition_key", "start_time");

-- CreateIndex
CREATE INDEX "hi_process_instance_business_key_idx" ON "hi_process_instance"("business_key");

-- CreateIndex
CREATE INDEX "hi_process_instance_state_idx" ON "hi_process_instance"("state");

-- CreateIndex
CREATE INDEX "hi_process_instance_start_time_idx" ON "hi_process_instance"("start_time");

-- CreateIndex
CREATE INDEX "hi_activity_instance_process_instance_id_sequence_counter_idx" ON "hi_activity_instance"("process_instance_id", "sequence_counter");

-- CreateIndex
CREATE INDEX "hi_activity_instance_activity_id_idx" ON "hi_activity_instance"("activity_id");

-- CreateIndex
CREATE INDEX "hi_task_instance_process_instance_id_idx" ON "hi_task_instance"("process_instance_id");

-- CreateIndex
CREATE INDEX "hi_task_instance_assignee_idx" ON "hi_task_instance"("assignee");

-- CreateIndex
CREATE INDEX "hi_task_instance_process_definition_key_start_time_idx" ON "hi_task_instance"("process_definition_key", "start_time");

-- CreateIndex
CREATE INDEX "hi_variable_instance_process_instance_id_idx" ON "hi_variable_instance"("process_instance_id");

-- CreateIndex
CREATE INDEX "hi_variable_instance_name_idx" ON "hi_variable_instance"("name");

-- CreateIndex
CREATE INDEX "hi_variable_update_process_instance_id_idx" ON "hi_variable_update"("process_instance_id");

-- CreateIndex
CREATE INDEX "hi_variable_update_variable_instance_id_idx" ON "hi_variable_update"("variable_instance_id");

-- CreateIndex
CREATE INDEX "hi_operation_log_process_instance_id_idx" ON "hi_operation_log"("process_instance_id");

-- CreateIndex
CREATE INDEX "hi_operation_log_task_id_idx" ON "hi_operation_log"("task_id");

-- CreateIndex
CREATE INDEX "hi_operation_log_user_id_timestamp_idx" ON "hi_operation_log"("user_id", "timestamp");

