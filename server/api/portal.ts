// The portal's routes (portal/ is the browser app at /): inbox, task page, attachments, case supervision,
// statistics, and the public pages. One module so server/api/index.ts registers it with one line.
import { portalAttachmentRoutes } from "./portalAttachments";
import { portalCaseRoutes } from "./portalCases";
import { portalInboxRoutes } from "./portalInbox";
import { portalPublicRoutes } from "./portalPublic";
import { portalStatisticsRoutes } from "./portalStatistics";
import { portalTaskRoutes } from "./portalTasks";
import type { RouteModule } from "./services";

export const portalRoutes: RouteModule = (router, registry, services) => {
  for (const module of [portalInboxRoutes, portalTaskRoutes, portalAttachmentRoutes, portalCaseRoutes, portalStatisticsRoutes, portalPublicRoutes]) {
    module(router, registry, services);
  }
};
