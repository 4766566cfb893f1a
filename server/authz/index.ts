// Public surface of server/authz: casbin RBAC with region domains.
export { createAuthorizer, actionMatch, userSubject, roleSubject } from "./authorizer";
export type { Authorizer, RoleAssignment } from "./authorizer";
export { SqlCasbinAdapter } from "./casbinAdapter";
export { ROLES, ROLE_NAMES, PERMISSIONS } from "./roles";
export type { RoleInfo } from "./roles";
export { NATIONAL, isRegionCode, isWithin, parentOf, provinceOf, cityOf, tierOf, ancestorsOf } from "./regionCodes";
