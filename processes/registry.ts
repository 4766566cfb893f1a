// Every business flow, in the order the portal offers them.
import { constructionLandApproval } from "./construction-land-approval/index";
import { geohazardEmergency } from "./geohazard-emergency/index";
import { landConsolidationProject } from "./land-consolidation-project/index";
import { landEnforcementCase } from "./land-enforcement-case/index";
import { mineralEnforcementCase } from "./mineral-enforcement-case/index";
import { miningRightRegistration } from "./mining-right-registration/index";
import { reservesRegistration } from "./reserves-registration/index";
import { statisticsDirectReport } from "./statistics-direct-report/index";
import type { FlowEntry } from "./shared/flow";

export const FLOWS: readonly FlowEntry[] = [constructionLandApproval, miningRightRegistration, landEnforcementCase, geohazardEmergency, statisticsDirectReport, mineralEnforcementCase, reservesRegistration, landConsolidationProject];
