// Public surface of server/auth: sessions, HTTP Basic, argon2 passwords, the Principal factory.
export { hashPassword, verifyPassword } from "./passwords";
export { createPrincipalFactory } from "./principals";
export type { PrincipalFactory } from "./principals";
export { sessionAuth, basicAuth, canAnywhere, checkCredentials, SESSION_COOKIE } from "./middleware";
export type { AuthDeps } from "./middleware";
export { mountAuthRoutes, meOf } from "./routes";
export { renderLoginPage, safeNext } from "./loginPage";
