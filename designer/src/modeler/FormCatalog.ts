// The list of Jintu forms (GET /api/forms), shared by the properties-panel picker and the forms view.
// The picker renders synchronously, so the list is cached here and subscribers re-render on refresh.
import { api, type FormSummary } from "../api";

type Listener = (forms: FormSummary[]) => void;

export default class FormCatalog {
  private forms: FormSummary[] = [];
  private listeners = new Set<Listener>();
  private lastError: Error | null = null;

  list(): FormSummary[] {
    return this.forms;
  }

  error(): Error | null {
    return this.lastError;
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  async refresh(): Promise<FormSummary[]> {
    try {
      this.forms = [...(await api.listForms())].sort((a, b) => a.key.localeCompare(b.key));
      this.lastError = null;
    } catch (error) {
      this.lastError = error as Error;
    }
    for (const listener of this.listeners) listener(this.forms);
    return this.forms;
  }
}
