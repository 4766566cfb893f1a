// A Form.io form inside a Preact page: mounted once per definition/language, destroyed on leave.
import { html } from "htm/preact";
import { useEffect, useRef } from "preact/hooks";
import { usePortal } from "../context";
import type { MountedForm, SubmitOutcome } from "../formio";

export function FormView({ definition, data, readOnly, onSubmit, onReady }: {
  definition: Record<string, unknown>; data?: Record<string, unknown>; readOnly?: boolean;
  onSubmit?: (data: Record<string, unknown>) => Promise<SubmitOutcome>; onReady?: (form: any) => void;
}) {
  const { language } = usePortal();
  const host = useRef<HTMLDivElement>(null);
  const submitRef = useRef(onSubmit);
  submitRef.current = onSubmit;
  useEffect(() => {
    let mounted: MountedForm | null = null;
    let live = true;
    // Each mount renders into its own element. On leave the element is taken out of the page at once, but
    // the form is destroyed a little later: a map component may still be in a zoom animation, and Leaflet
    // removed mid-animation throws from its transition-end handler (`_leaflet_pos` of a removed pane).
    const element = document.createElement("div");
    host.current!.appendChild(element);
    const destroyLater = (m: MountedForm) => setTimeout(() => m.destroy(), 1000);
    void import("../formio").then(({ mountForm }) =>
      mountForm(element, definition, { language, data, readOnly, onSubmit: (d) => submitRef.current?.(d) ?? Promise.resolve({ ok: true }) }))
      .then((m) => {
        if (!live) return destroyLater(m);
        mounted = m;
        onReady?.(m.form);
      });
    return () => {
      live = false;
      element.remove();
      if (mounted) destroyLater(mounted);
    };
  }, [definition, language, readOnly]);
  return html`<div class="form-host" ref=${host} data-testid="form-host"></div>`;
}
