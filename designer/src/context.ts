// What the dialogs (new, deploy, versions, forms) need from the running designer.
import type FormCatalog from "./modeler/FormCatalog";
import type { IssuesByElement } from "./ui/problemsPanel";

export interface ProcessInfo { id: string; name: string }

export interface DesignerContext {
  modeler: any;
  formCatalog: FormCatalog;
  importXml(xml: string): Promise<void>;
  saveXml(): Promise<string>;
  processInfo(): ProcessInfo;
  lintIssues(): IssuesByElement;
  isDirty(): boolean;
  markSaved(): void;
  showAlert(kind: "success" | "danger" | "warning" | "info", text: string): void;
  openVersions(processKey?: string): void;
}
