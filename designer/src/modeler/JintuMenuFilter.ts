// Keeps the context pad and the "change type" menu to what the Jintu engine executes (see
// lint/supportedElements.ts, which the linter uses for the same list).
import { BLOCKED_CONTEXT_PAD_ENTRIES, BLOCKED_REPLACE_ENTRY } from "../lint/supportedElements";

type Entries = Record<string, unknown>;

function withoutBlocked(entries: Entries, blocked: (id: string) => boolean): Entries {
  return Object.fromEntries(Object.entries(entries).filter(([id]) => !blocked(id)));
}

export default class JintuMenuFilter {
  static $inject = ["contextPad", "popupMenu"];

  constructor(contextPad: any, popupMenu: any) {
    contextPad.registerProvider(100, {
      getContextPadEntries: () => (entries: Entries) => withoutBlocked(entries, (id) => BLOCKED_CONTEXT_PAD_ENTRIES.includes(id)),
    });
    const replaceFilter = (entries: Entries) => withoutBlocked(entries, (id) => BLOCKED_REPLACE_ENTRY.test(id));
    popupMenu.registerProvider("bpmn-replace", 100, {
      getPopupMenuEntries: () => replaceFilter,
      getPopupMenuHeaderEntries: () => replaceFilter,
    });
  }
}
