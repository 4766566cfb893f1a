// Node-safe public surface of forms/: component settings types and the server-side validation.
// The browser registration lives in forms/components/index.ts (imports Leaflet; browser only).
export * from "./schema";
export * from "./validation/index";
