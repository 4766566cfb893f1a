// Public surface of designer/ for other folders: the Node-safe pieces (no DOM). The browser app itself
// is built by Vite from index.html / src/main.ts.
export { jintuLintConfig, JINTU_LINT_RULES, type PackedLintConfig } from "./src/lint/config";
export { SUPPORTED_FLOW_NODES, SUPPORTED_EVENT_DEFINITIONS, UNSUPPORTED_TYPES } from "./src/lint/supportedElements";
export { buildDeploymentForm, boundFormKeys, FORM_KEY_PREFIX, DEPLOYMENT_SOURCE } from "./src/deploy/buildDeployment";
