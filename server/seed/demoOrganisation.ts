// The demo organisation (演示组织) created on first start outside production: Zhejiang province with two
// cities and three counties, and at each tier IT staff, clerks and supervisors, plus the officers every
// business flow of processes/ needs, so each flow can be walked with demo logins alone. Every password is `demo`
// (like Camunda's demo/demo); server/README.md lists them.
import type { Authorizer } from "../authz";
import { hashPassword } from "../auth";
import type { Repositories } from "../repositories";

export const DEMO_PASSWORD = "demo";

export const DEMO_REGIONS = [
  { code: "330000", name: "浙江省" },
  { code: "330100", name: "杭州市" },
  { code: "330200", name: "宁波市" },
  { code: "330106", name: "西湖区" },
  { code: "330110", name: "余杭区" },
  { code: "330203", name: "海曙区" },
] as const;

export interface DemoUser {
  id: string;
  displayName: string;
  roles: [role: string, region: string][];
}

export const DEMO_USERS: readonly DemoUser[] = [
  { id: "demo", displayName: "演示管理员 Demo", roles: [["admin", "000000"]] },
  { id: "worker", displayName: "外部任务程序 Worker", roles: [["worker", "000000"]] },
  // national tier (自然资源部)
  { id: "ministry-reviewer", displayName: "部级审查员 王敏", roles: [["land-approver", "000000"], ["mining-approver", "000000"]] },
  { id: "national-supervisor", displayName: "部级监督员 李强", roles: [["supervisor", "000000"]] },
  { id: "ministry-mining-clerk", displayName: "自然资源部 矿业权登记窗口 袁媛", roles: [["mining-reviewer", "000000"]] },
  // province (浙江省自然资源厅)
  { id: "zhejiang-it", displayName: "省厅信息中心 陈杰", roles: [["it-staff", "330000"], ["model-publisher", "330000"]] },
  { id: "zhejiang-clerk", displayName: "省厅经办 周静", roles: [["land-approver", "330000"], ["mining-reviewer", "330000"]] },
  { id: "zhejiang-supervisor", displayName: "省厅监督 吴刚", roles: [["supervisor", "330000"]] },
  // the departments that countersign construction land (建设用地会审)
  { id: "zhejiang-planning", displayName: "省厅国土空间规划处 刘洋", roles: [["land-approver", "330000"]] },
  { id: "zhejiang-farmland", displayName: "省厅耕地保护监督处 陈红", roles: [["land-approver", "330000"]] },
  { id: "zhejiang-landuse", displayName: "省厅建设用地处 黄磊", roles: [["land-approver", "330000"]] },
  { id: "zhejiang-mining-head", displayName: "省厅矿业权管理处 处长 俞斌", roles: [["mining-approver", "330000"]] },
  { id: "zhejiang-reserves", displayName: "省厅储量评审办 孔洁", roles: [["reserve-reviewer", "330000"]] },
  { id: "zhejiang-stats", displayName: "省厅统计处 蔡文", roles: [["statistics-officer", "330000"]] },
  { id: "zhejiang-geohazard", displayName: "省厅地质灾害防治处 值班员 唐军", roles: [["geohazard-officer", "330000"]] },
  // experts the geohazard flow consults by user name (专家会商)
  { id: "expert-zhou", displayName: "省地质灾害专家 周工", roles: [["clerk", "330000"]] },
  { id: "expert-lin", displayName: "省地质灾害专家 林工", roles: [["clerk", "330000"]] },
  // cities
  { id: "hangzhou-it", displayName: "杭州市局信息科 郑浩", roles: [["it-staff", "330100"]] },
  { id: "hangzhou-clerk", displayName: "杭州市局经办 孙丽", roles: [["land-reviewer", "330100"], ["leader", "330100"]] },
  { id: "hangzhou-supervisor", displayName: "杭州市局监督 钱伟", roles: [["supervisor", "330100"]] },
  { id: "hangzhou-stats", displayName: "杭州市局统计科 许峰", roles: [["statistics-officer", "330100"]] },
  { id: "hangzhou-consolidation", displayName: "杭州市局整治处 方圆", roles: [["consolidation-reviewer", "330100"]] },
  { id: "ningbo-clerk", displayName: "宁波市局经办 冯雪", roles: [["land-reviewer", "330200"], ["enforcement-officer", "330200"]] },
  { id: "ningbo-supervisor", displayName: "宁波市局监督 褚明", roles: [["supervisor", "330200"]] },
  // counties
  { id: "xihu-it", displayName: "西湖分局信息员 蒋涛", roles: [["it-staff", "330106"]] },
  { id: "xihu-clerk", displayName: "西湖分局经办 张华", roles: [["land-reviewer", "330106"], ["acceptance-clerk", "330106"]] },
  { id: "xihu-enforcer", displayName: "西湖分局执法 沈军", roles: [["enforcement-officer", "330106"], ["geohazard-officer", "330106"]] },
  { id: "xihu-supervisor", displayName: "西湖分局监督 韩梅", roles: [["supervisor", "330106"]] },
  { id: "xihu-head", displayName: "西湖分局 分管局长 何平", roles: [["leader", "330106"]] },
  { id: "xihu-stats", displayName: "西湖分局统计员 吕婷", roles: [["statistics-officer", "330106"]] },
  { id: "xihu-consolidation", displayName: "西湖分局整治科 邹明", roles: [["consolidation-reviewer", "330106"]] },
  { id: "yuhang-clerk", displayName: "余杭分局经办 杨帆", roles: [["land-reviewer", "330110"], ["acceptance-clerk", "330110"]] },
  { id: "haishu-clerk", displayName: "海曙分局经办 朱琳", roles: [["land-reviewer", "330203"], ["acceptance-clerk", "330203"]] },
  // the public (申请人)
  { id: "applicant", displayName: "申请人 赵先生", roles: [["applicant", "330106"]] },
];

/** Creates the demo users and their roles; does nothing when any user exists already. */
export async function seedDemoOrganisation(repos: Repositories, authz: Authorizer): Promise<number> {
  if ((await repos.users.count()) > 0) return 0;
  await repos.regions.upsert(DEMO_REGIONS.map((r) => ({ ...r }))); // present even without the region file
  const hashes = await Promise.all(DEMO_USERS.map(() => hashPassword(DEMO_PASSWORD)));
  for (const [i, user] of DEMO_USERS.entries()) {
    await repos.users.create({ id: user.id, displayName: user.displayName, passwordHash: hashes[i]! });
    for (const [role, region] of user.roles) await authz.grant({ userId: user.id, role, region }, "seed");
  }
  return DEMO_USERS.length;
}
