// Public surface of server/seed.
export { seedDemoOrganisation, DEMO_USERS, DEMO_REGIONS, DEMO_PASSWORD } from "./demoOrganisation";
export type { DemoUser } from "./demoOrganisation";
export { loadRegions } from "./regions";
export { createAdministrator } from "./administrator";
