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
    void import("../formio").then(({ mountForm }) =>
      mountForm(host.current!, definition, { language, data, readOnly, onSubmit: (d) => submitRef.current?.(d) ?? Promise.resolve({ ok: true }) }))
      .then((m) => {
        if (!live) return m.destroy();
        mounted = m;
        onReady?.(m.form);
      });
    return () => { live = false; mounted?.destroy(); };
  }, [definition, language, readOnly]);
  return html`<div class="form-host" ref=${host} data-testid="form-host"></div>`;
}
