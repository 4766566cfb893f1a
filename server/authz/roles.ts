// The role catalog (岗位) and what each role may do. Business roles of clerks (land-reviewer, …) inherit
// `clerk`; a flow's user tasks name them as candidate groups `role@region` (e.g. land-reviewer@330106).
// Permissions are written once here and loaded into casbin_rule on start (see authorizer.ts).

export interface RoleInfo {
  name: string;
  /** the role this one inherits permissions from */
  parent: string | null;
  label: string;
  labelEn: string;
}

export const ROLES: readonly RoleInfo[] = [
  { name: "admin", parent: null, label: "系统管理员", labelEn: "Administrator" },
  { name: "it-staff", parent: null, label: "信息技术人员", labelEn: "IT staff" },
  { name: "model-publisher", parent: null, label: "共享模型发布", labelEn: "Shared-model publisher" },
  { name: "clerk", parent: null, label: "业务经办人员", labelEn: "Clerk" },
  { name: "acceptance-clerk", parent: "clerk", label: "受理窗口", labelEn: "Acceptance clerk" },
  { name: "land-reviewer", parent: "clerk", label: "用地审查", labelEn: "Land reviewer" },
  { name: "land-approver", parent: "clerk", label: "用地审批", labelEn: "Land approver" },
  { name: "mining-reviewer", parent: "clerk", label: "矿业权审查", labelEn: "Mining-rights reviewer" },
  { name: "mining-approver", parent: "clerk", label: "矿业权审批", labelEn: "Mining-rights approver" },
  { name: "enforcement-officer", parent: "clerk", label: "执法监察", labelEn: "Enforcement officer" },
  { name: "geohazard-officer", parent: "clerk", label: "地质灾害应急", labelEn: "Geohazard officer" },
  { name: "statistics-officer", parent: "clerk", label: "统计填报", labelEn: "Statistics officer" },
  { name: "reserve-reviewer", parent: "clerk", label: "储量评审", labelEn: "Reserve reviewer" },
  { name: "consolidation-reviewer", parent: "clerk", label: "土地整治", labelEn: "Land consolidation reviewer" },
  { name: "leader", parent: "clerk", label: "分管领导", labelEn: "Department head" },
  { name: "supervisor", parent: null, label: "监督人员", labelEn: "Supervisor" },
  { name: "applicant", parent: null, label: "申请人", labelEn: "Applicant" },
  { name: "worker", parent: null, label: "外部任务执行程序", labelEn: "External-task worker" },
];

export const ROLE_NAMES = new Set(ROLES.map((r) => r.name));

/** [role, region, object, action]: region 000000 = everywhere the role is held. */
export const PERMISSIONS: readonly [string, string, string, string][] = [
  ["admin", "000000", "*", "*"],

  ["it-staff", "000000", "form", "read|write"],
  ["it-staff", "000000", "deployment", "read|write"],
  ["it-staff", "000000", "template", "read"],
  ["it-staff", "000000", "region", "read"],
  ["it-staff", "000000", "user", "read"],
  ["it-staff", "000000", "case", "read"],
  ["it-staff", "000000", "task", "read"],
  ["it-staff", "000000", "engine-rest", "access"],
  ["it-staff", "000000", "calendar", "read"],

  // deploy models shared by every region (no tenant), wherever the role is held; sees no more cases for it
  ["model-publisher", "000000", "shared-deployment", "write"],
  ["model-publisher", "000000", "deployment", "read"],

  ["clerk", "000000", "task", "read|work"],
  ["clerk", "000000", "case", "read"],
  ["clerk", "000000", "opinion", "write"],
  ["clerk", "000000", "form", "read"],
  ["clerk", "000000", "template", "read"],
  ["clerk", "000000", "deployment", "read"],
  ["clerk", "000000", "region", "read"],
  ["clerk", "000000", "engine-rest", "access"],

  // supervise: 转办/加签/减签/催办/挂起 on others' tasks and cases of the region (server/api/approval.ts)
  ["supervisor", "000000", "case", "read|supervise"],
  ["supervisor", "000000", "task", "read|supervise"],
  ["supervisor", "000000", "audit", "read"],
  ["supervisor", "000000", "form", "read"],
  ["supervisor", "000000", "deployment", "read"],
  ["supervisor", "000000", "region", "read"],
  ["supervisor", "000000", "user", "read"],
  ["supervisor", "000000", "engine-rest", "access"],
  ["supervisor", "000000", "calendar", "read"],

  ["applicant", "000000", "application", "create|read"],
  ["applicant", "000000", "form", "read"],
  ["applicant", "000000", "region", "read"],

  ["worker", "000000", "engine-rest", "access"],
];
