// One OpenAPI registry per app: every /api route registers its zod schemas here (see route.ts), and
// /api/openapi.json is generated from it, so the document cannot drift from the validation.
import { extendZodWithOpenApi, OpenAPIRegistry, OpenApiGeneratorV3 } from "@asteasolutions/zod-to-openapi";
import { z } from "zod";

extendZodWithOpenApi(z);

export const ErrorSchema = z.object({
  type: z.string().openapi({ example: "InvalidRequestException" }),
  message: z.string(),
}).openapi("Error");

export function createRegistry(): OpenAPIRegistry {
  const registry = new OpenAPIRegistry();
  registry.register("Error", ErrorSchema);
  registry.registerComponent("securitySchemes", "session", { type: "apiKey", in: "cookie", name: "jintu_session" });
  return registry;
}

export function generateDocument(registry: OpenAPIRegistry): unknown {
  return new OpenApiGeneratorV3(registry.definitions).generateDocument({
    openapi: "3.0.3",
    info: {
      title: "Jintu API",
      version: "1",
      description: "Jintu's own API (/api): identity, organisation, forms, deployments, inbox, case tracking, audit. " +
        "The Camunda 7 compatible engine API is under /engine-rest. Errors have the shape {type, message}.",
    },
    servers: [{ url: "/" }],
    security: [{ session: [] }],
  });
}
