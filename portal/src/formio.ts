// Form.io (loaded on demand: ~1.7 MB) with Jintu's map components registered. Form.io has no server here:
// the page posts the submission to Jintu itself and then emits `submitDone` (or `submitError`), so the
// submit button never spins forever and a failed submit keeps everything typed.
import "@formio/js/dist/formio.form.min.css";
import "leaflet/dist/leaflet.css";
import "@geoman-io/leaflet-geoman-free/dist/leaflet-geoman.css";
import { Formio } from "@formio/js";
import { registerJintuComponents } from "../../forms/components/index";
import { FORMIO_ZH, type Language } from "./i18n";

registerJintuComponents(Formio as never);
keepRadioChoices();

/**
 * A radio group keeps its choice when the chosen option is clicked again (or Space is pressed on it), as
 * radios do everywhere else. Form.io 5.6 empties it instead (Radio.updateValue resets a value equal to the
 * previous one on a user change) and offers no setting to turn that off, so the portal registers a radio
 * that never sees "the same option again": no previous value on a user change. Everything else is Form.io's.
 */
function keepRadioChoices(): void {
  type RadioClass = new (...args: any[]) => { isRadio: boolean; previousValue: unknown; updateValue(value: unknown, flags?: { modified?: boolean }): boolean };
  const components = (Formio as unknown as { Components: { components: Record<string, RadioClass>; setComponent(name: string, component: unknown): void } }).Components;
  const Radio = components.components.radio!;
  class RadioKeepingChoice extends Radio {
    override updateValue(value: unknown, flags?: { modified?: boolean }): boolean {
      if (flags?.modified && this.isRadio) this.previousValue = undefined;
      return super.updateValue(value, flags);
    }
  }
  components.setComponent("radio", RadioKeepingChoice);
}

export interface FieldErrors { [path: string]: string[] }
export type SubmitOutcome = { ok: true } | { ok: false; fieldErrors?: FieldErrors; message?: string };

export interface MountedForm {
  form: any;
  destroy(): void;
}

/**
 * Renders a Form.io definition into `element`. `onSubmit` receives the submission data after Form.io's own
 * validation passed; field errors it returns are shown next to the fields.
 */
export async function mountForm(element: HTMLElement, definition: Record<string, unknown>, options: {
  language: Language; data?: Record<string, unknown>; readOnly?: boolean; onSubmit?: (data: Record<string, unknown>) => Promise<SubmitOutcome>;
}): Promise<MountedForm> {
  const form: any = await Formio.createForm(element, definition, {
    language: options.language === "en" ? "en" : "zh", i18n: { zh: FORMIO_ZH }, readOnly: options.readOnly ?? false, noAlerts: false,
  });
  if (options.data) form.submission = { data: { ...options.data } };
  form.on("submit", async (submission: { data: Record<string, unknown> }) => {
    const outcome = await (options.onSubmit?.(submission.data) ?? Promise.resolve({ ok: true } as SubmitOutcome)).catch((error: Error) =>
      ({ ok: false, message: error.message }) as SubmitOutcome);
    if (outcome.ok) {
      form.emit("submitDone", submission);
      return;
    }
    for (const [path, messages] of Object.entries(outcome.fieldErrors ?? {})) {
      const component = form.getComponent(path);
      if (component) component.setCustomValidity(messages.join("; "), true);
    }
    form.emit("submitError", outcome.message ?? Object.values(outcome.fieldErrors ?? {}).flat().join("; "));
  });
  return { form, destroy: () => form.destroy?.() };
}

/** Jintu's field messages (`{zh, en}` per path) as text in the page's language. */
export function messagesByPath(errors: Record<string, unknown>, language: Language): FieldErrors {
  const out: FieldErrors = {};
  for (const [path, list] of Object.entries(errors)) {
    out[path] = (Array.isArray(list) ? list : [list]).map((m: any) => (language === "en" ? m?.en : m?.zh) ?? m?.message ?? String(m));
  }
  return out;
}
