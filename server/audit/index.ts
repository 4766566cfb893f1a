// Public surface of server/audit.
export { auditMiddleware } from "./auditMiddleware";
