// Form.io form definitions (表单), versioned: IT staff save, everyone with `form read` loads.
import { z } from "zod";
import { notFound } from "../errors";
import { defineRoute, queryInt } from "./route";
import type { RouteModule } from "./services";

export const FormKey = z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,99}$/, "starts with a letter; letters, digits, _ . - (at most 100)");

// A Form.io definition is an object with a `components` array; the rest is Form.io's business.
const FormioDefinition = z.looseObject({
  components: z.array(z.looseObject({ type: z.string().optional(), key: z.string().optional() })),
  display: z.enum(["form", "wizard", "pdf"]).optional(),
}).openapi("FormioDefinition");

export const formRoutes: RouteModule = (router, registry, { repos }) => {
  defineRoute(router, registry, {
    method: "get", path: "/forms", tags: ["forms"], summary: "The latest version of every form",
    response: z.array(z.object({ key: z.string(), name: z.string(), version: z.number(), updatedAt: z.date() }).openapi("FormSummary")),
    permission: { object: "form", action: "read" },
    async handler() { return repos.forms.listLatest(); },
  });

  defineRoute(router, registry, {
    method: "get", path: "/forms/:key", tags: ["forms"], summary: "A form definition: the latest version, or ?version=",
    params: z.object({ key: FormKey }),
    query: z.object({ version: queryInt(1, 1_000_000).optional() }),
    response: z.object({ key: z.string(), name: z.string(), version: z.number(), definition: FormioDefinition,
      note: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.date() }).openapi("Form"),
    permission: { object: "form", action: "read" },
    async handler({ params, query }) {
      const form = await repos.forms.get(params.key, query.version);
      if (!form) throw notFound(query.version ? `Form '${params.key}' has no version ${query.version}` : `No form '${params.key}'`);
      return { key: form.key, name: form.name, version: form.version, definition: form.definition as z.infer<typeof FormioDefinition>,
        note: form.note, createdBy: form.createdBy, createdAt: form.createdAt };
    },
  });

  defineRoute(router, registry, {
    method: "get", path: "/forms/:key/versions", tags: ["forms"], summary: "Every saved version of a form, newest first",
    params: z.object({ key: FormKey }),
    response: z.array(z.object({ version: z.number(), note: z.string().nullable(), createdBy: z.string().nullable(), createdAt: z.date() })),
    permission: { object: "form", action: "read" },
    async handler({ params }) {
      const versions = await repos.forms.versions(params.key);
      if (!versions.length) throw notFound(`No form '${params.key}'`);
      return versions;
    },
  });

  defineRoute(router, registry, {
    method: "put", path: "/forms/:key", tags: ["forms"], summary: "Save a form: stores the next version",
    params: z.object({ key: FormKey }),
    body: z.object({ name: z.string().trim().min(1, "name is required").max(200), definition: FormioDefinition,
      note: z.string().max(2000).optional() }).openapi("FormSave"),
    response: z.object({ key: z.string(), version: z.number() }),
    permission: { object: "form", action: "write" },
    async handler({ params, body, principal, audit }) {
      audit({ target: params.key });
      return repos.forms.save({ key: params.key, name: body.name, definition: body.definition, note: body.note ?? null, createdBy: principal.userId });
    },
  });
};
