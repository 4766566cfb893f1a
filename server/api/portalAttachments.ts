// 附件 attachments of a case (申请材料, 现场照片, 批复文件 …) in the `attachment` table: upload with type and
// size limits (the extension, the declared type and the file's first bytes must agree), list, download,
// delete. Who may do what:
//   list / download — anyone who may read the case (its region is his), and the applicant who started it;
//   upload          — a clerk who may work an open task of the case, or the applicant while his case runs;
//   delete          — the uploader, while the case runs.
// A case of another region answers 404 (its existence does not leak).
import { createHash, randomUUID } from "node:crypto";
import type { OpenAPIRegistry } from "@asteasolutions/zod-to-openapi";
import type { Request, Response } from "express";
import multer from "multer";
import { z } from "zod";
import type { HistoricProcessInstance } from "../../engine";
import { NATIONAL } from "../authz";
import { ApiError, badRequest, forbidden, notFound, unauthorized } from "../errors";
import type { Principal } from "../principal";
import { ErrorSchema } from "./openapiRegistry";
import { canWorkTask, toDate, visibleCase } from "./portalShared";
import { defineRoute } from "./route";
import { tenantVisible } from "./scope";
import type { ApiServices, RouteModule } from "./services";

export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

/** Allowed types: extension → MIME type and a check of the first bytes (magic number). */
const TYPES: Record<string, { mime: string; magic?: (b: Buffer) => boolean }> = {
  pdf: { mime: "application/pdf", magic: (b) => b.subarray(0, 5).toString("latin1") === "%PDF-" },
  png: { mime: "image/png", magic: (b) => b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) },
  jpg: { mime: "image/jpeg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  jpeg: { mime: "image/jpeg", magic: (b) => b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", magic: isZip },
  xlsx: { mime: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", magic: isZip },
  doc: { mime: "application/msword", magic: isOle },
  xls: { mime: "application/vnd.ms-excel", magic: isOle },
  zip: { mime: "application/zip", magic: isZip },
  ofd: { mime: "application/ofd", magic: isZip }, // 版式文档 OFD (GB/T 33190) is a zip container
  geojson: { mime: "application/geo+json", magic: isUtf8Text },
  txt: { mime: "text/plain", magic: isUtf8Text },
};
export const ALLOWED_EXTENSIONS = Object.keys(TYPES);

function isZip(b: Buffer): boolean { return b[0] === 0x50 && b[1] === 0x4b && b[2] === 0x03 && b[3] === 0x04; }
function isOle(b: Buffer): boolean { return b.subarray(0, 8).equals(Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])); }
function isUtf8Text(b: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(b);
    return !b.includes(0);
  } catch {
    return false;
  }
}

export const AttachmentInfo = z.object({
  id: z.string(), processInstanceId: z.string().nullable(), taskId: z.string().nullable(), name: z.string(), contentType: z.string(),
  size: z.number(), sha256: z.string(), description: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.date(),
}).openapi("Attachment");
type AttachmentInfo = z.infer<typeof AttachmentInfo>;

interface AttachmentRow {
  id: string; process_instance_id: string | null; task_id: string | null; name: string; content_type: string; size: number; sha256: string;
  description: string | null; tenant_id: string | null; created_by: string | null; created_at: number;
}
const INFO_COLUMNS = `"id", "process_instance_id", "task_id", "name", "content_type", "size", "sha256", "description", "tenant_id", "created_by", "created_at"`;
const toInfo = (r: AttachmentRow): AttachmentInfo => ({
  id: r.id, processInstanceId: r.process_instance_id, taskId: r.task_id, name: r.name, contentType: r.content_type, size: Number(r.size),
  sha256: r.sha256, description: r.description, createdBy: r.created_by, createdAt: toDate(r.created_at)!,
});

export async function listAttachments({ db }: ApiServices, processInstanceId: string): Promise<AttachmentInfo[]> {
  const rows = await db.all<AttachmentRow>(`SELECT ${INFO_COLUMNS} FROM "attachment" WHERE "process_instance_id" = ? ORDER BY "created_at", "id"`, [processInstanceId]);
  return rows.map(toInfo);
}

/** The case when the principal may read it: his region's case, or the applicant's own. 404 otherwise. */
async function readableCase(services: ApiServices, principal: Principal, processInstanceId: string): Promise<HistoricProcessInstance> {
  const [instance] = await services.engine.getHistoricProcessInstances({ processInstanceId });
  if (instance && instance.startUserId === principal.userId && tenantVisible(principal, instance.tenantId)) return instance;
  return visibleCase(services, principal, processInstanceId);
}

/** May the principal add files to the case now? */
async function mayUpload(services: ApiServices, principal: Principal, instance: HistoricProcessInstance, taskId: string | null): Promise<boolean> {
  if (instance.endTime !== null) return false;
  if (instance.startUserId === principal.userId && (await principal.can("application", "create", instance.tenantId ?? NATIONAL))) return true;
  const tasks = await services.engine.getTasks({ processInstanceId: instance.id });
  for (const task of tasks.filter((t) => !taskId || t.id === taskId)) {
    if (await canWorkTask(services, principal, task)) return true;
  }
  return false;
}

/** `attachment; filename="…"; filename*=UTF-8''…` so Chinese file names survive every browser. */
function contentDisposition(name: string): string {
  const ascii = name.replace(/[^\x20-\x7e]/g, "_").replace(/["\\]/g, "_");
  return `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function checkAttachment(name: string, declaredType: string, content: Buffer): { extension: string; mime: string } {
  const extension = /\.([A-Za-z0-9]+)$/.exec(name)?.[1]?.toLowerCase() ?? "";
  const type = TYPES[extension];
  if (!type) throw badRequest(`File type '.${extension || "?"}' is not allowed; allowed: ${ALLOWED_EXTENSIONS.map((e) => "." + e).join(", ")}`);
  if (content.length === 0) throw badRequest(`The file '${name}' is empty`);
  if (content.length > MAX_ATTACHMENT_BYTES) throw new ApiError(413, "InvalidRequestException", `The file '${name}' is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);
  if (type.magic && !type.magic(content)) throw badRequest(`The content of '${name}' is not a .${extension} file`);
  const declared = declaredType.split(";")[0]!.trim().toLowerCase();
  // browsers send octet-stream (or nothing) for types they do not know; anything else must agree
  if (declared && declared !== "application/octet-stream" && declared !== type.mime && !(extension === "geojson" && declared === "application/json")) {
    throw badRequest(`The file '${name}' was sent as ${declared}, expected ${type.mime}`);
  }
  return { extension, mime: type.mime };
}

export const portalAttachmentRoutes: RouteModule = (router, registry, services) => {
  const { db, clock } = services;
  const upload = multer({ storage: multer.memoryStorage(), limits: { fileSize: MAX_ATTACHMENT_BYTES, files: 1, fields: 10 } });
  const principalOf = (res: Response): Principal => {
    const principal = res.locals.principal as Principal | undefined;
    if (!principal) throw unauthorized();
    return principal;
  };

  registerUpload(registry);
  router.post("/portal/cases/:processInstanceId/attachments", (req: Request, res: Response, next) => {
    principalOf(res);
    upload.single("file")(req, res, (error: unknown) => {
      if (error instanceof multer.MulterError) {
        return next(error.code === "LIMIT_FILE_SIZE"
          ? new ApiError(413, "InvalidRequestException", `The file is larger than ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`)
          : badRequest(`Upload refused: ${error.message}`));
      }
      next(error);
    });
  }, async (req: Request, res: Response) => {
    res.locals.auditPattern = "/api/portal/cases/:processInstanceId/attachments";
    const principal = principalOf(res);
    const processInstanceId = String(req.params.processInstanceId);
    const instance = await readableCase(services, principal, processInstanceId);
    res.locals.auditRegion = instance.tenantId;
    res.locals.auditTarget = instance.id;
    const fields = z.object({ taskId: z.string().min(1).max(100).optional(), description: z.string().max(500).optional() }).safeParse(req.body ?? {});
    if (!fields.success) throw badRequest(`Invalid form fields: ${fields.error.issues.map((i) => i.message).join("; ")}`);
    const file = req.file;
    if (!file) throw badRequest("No file: send multipart/form-data with the file in the field 'file'");
    if (!(await mayUpload(services, principal, instance, fields.data.taskId ?? null))) {
      throw forbidden(`The user '${principal.userId}' may not add files to case '${instance.id}' now`);
    }
    // multer decodes the multipart file name as latin1; browsers send UTF-8
    const name = Buffer.from(file.originalname, "latin1").toString("utf8").replace(/[/\\\0]/g, "_").slice(0, 200);
    const { mime } = checkAttachment(name, file.mimetype ?? "", file.buffer);
    const info: AttachmentInfo = {
      id: randomUUID(), processInstanceId: instance.id, taskId: fields.data.taskId ?? null, name, contentType: mime, size: file.size,
      sha256: createHash("sha256").update(file.buffer).digest("hex"), description: fields.data.description ?? null,
      createdBy: principal.userId, createdAt: clock.now(),
    };
    await db.run(
      `INSERT INTO "attachment" ("id", "process_instance_id", "task_id", "name", "content_type", "size", "sha256", "content", "description", "tenant_id", "created_by", "created_at")
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
      [info.id, info.processInstanceId, info.taskId, info.name, info.contentType, info.size, info.sha256, file.buffer, info.description,
        instance.tenantId, info.createdBy, info.createdAt.getTime()]);
    res.status(201).json(info);
  });

  defineRoute(router, registry, {
    method: "get", path: "/portal/cases/:processInstanceId/attachments", tags: ["portal"], summary: "附件: the files of a case",
    params: z.object({ processInstanceId: z.string().min(1).max(100) }), response: z.array(AttachmentInfo),
    permission: "authenticated",
    async handler({ params, principal }) {
      const instance = await readableCase(services, principal, params.processInstanceId);
      return listAttachments(services, instance.id);
    },
  });

  const attachmentOf = async (principal: Principal, id: string) => {
    const row = await db.get<AttachmentRow>(`SELECT ${INFO_COLUMNS} FROM "attachment" WHERE "id" = ?`, [id]);
    if (!row || !row.process_instance_id) throw notFound(`No attachment '${id}'`);
    try {
      return { row, instance: await readableCase(services, principal, row.process_instance_id) };
    } catch {
      throw notFound(`No attachment '${id}'`);
    }
  };

  registry.registerPath({
    method: "get", path: "/api/portal/attachments/{id}/content", tags: ["portal"], summary: "Download an attachment",
    request: { params: z.object({ id: z.string() }) },
    responses: { 200: { description: "The file" }, 404: { description: "No such attachment (or not yours to see)", content: { "application/json": { schema: ErrorSchema } } } },
  });
  router.get("/portal/attachments/:id/content", async (req: Request, res: Response) => {
    const principal = principalOf(res);
    const { row } = await attachmentOf(principal, String(req.params.id));
    const content = await db.get<{ content: Buffer }>(`SELECT "content" FROM "attachment" WHERE "id" = ?`, [row.id]);
    res.set({
      "Content-Type": row.content_type, "Content-Disposition": contentDisposition(row.name), "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store", "Content-Security-Policy": "sandbox",
    });
    res.send(Buffer.from(content!.content));
  });

  defineRoute(router, registry, {
    method: "delete", path: "/portal/attachments/:id", tags: ["portal"], summary: "Delete an attachment (its uploader, while the case runs)",
    params: z.object({ id: z.string().min(1).max(100) }), permission: "authenticated",
    async handler({ params, principal, audit }) {
      const { row, instance } = await attachmentOf(principal, params.id);
      audit({ region: instance.tenantId, target: row.id });
      if (row.created_by !== principal.userId) throw forbidden("Only the uploader may delete an attachment");
      if (instance.endTime !== null) throw badRequest("The case has ended; its files are kept");
      await db.run(`DELETE FROM "attachment" WHERE "id" = ?`, [row.id]);
      return undefined;
    },
  });
};

function registerUpload(registry: OpenAPIRegistry): void {
  registry.registerPath({
    method: "post", path: "/api/portal/cases/{processInstanceId}/attachments", tags: ["portal"],
    summary: `Upload a file to a case (multipart field 'file'; optional taskId, description). At most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB; types ${ALLOWED_EXTENSIONS.join(", ")}`,
    request: {
      params: z.object({ processInstanceId: z.string() }),
      body: { required: true, content: { "multipart/form-data": { schema: z.object({ file: z.string().openapi({ format: "binary" }), taskId: z.string().optional(), description: z.string().optional() }) } } },
    },
    responses: {
      201: { description: "Stored", content: { "application/json": { schema: AttachmentInfo } } },
      400: { description: "Type not allowed, content does not match, no file", content: { "application/json": { schema: ErrorSchema } } },
      403: { description: "May not add files to this case", content: { "application/json": { schema: ErrorSchema } } },
      413: { description: "Too large", content: { "application/json": { schema: ErrorSchema } } },
    },
  });
}
