/**
 * The sign-in form that index.html shows before the app has started (staticSignIn.tsx renders it at build time,
 * boot-script.js runs it until then), and how the app takes it over: the app's own form starts with what was typed,
 * takes the focus where it was, and goes on with a press of the button the boot script already sent (or, with a
 * field left empty, checks the form as every form does). Anything else the app shows removes the boot form.
 */

interface BootState {
  /** The sign-in request the boot script sent when the button was pressed. */
  submission: Promise<Response> | null;
  /** The button was pressed with a field empty: the app submits its form, which says what is missing. */
  queued: boolean;
}

declare global {
  interface Window {
    quorumBoot?: BootState;
  }
}

const BOOT_ID = 'boot';

function bootElement(): HTMLElement | null {
  // Rendered to HTML at build time too, where there is no page.
  if (typeof document === 'undefined') return null;
  const boot = document.getElementById(BOOT_ID);
  return boot && !boot.hidden ? boot : null;
}

/** What was typed into the boot form's field, '' when there is none. */
export function bootValue(testId: string): string {
  return bootElement()?.querySelector<HTMLInputElement>(`input[data-testid="${testId}"]`)?.value ?? '';
}

export function dropBoot(): void {
  document.getElementById(BOOT_ID)?.remove();
}

/**
 * Replaces the boot form by the app's (already rendered into `appForm`): the same field focused with the same
 * selection, the boot form removed. Returns what the boot script was left holding, once.
 */
export function takeOverBoot(appForm: HTMLElement | null): BootState {
  const state = window.quorumBoot ?? { submission: null, queued: false };
  window.quorumBoot = undefined;
  const boot = bootElement();
  if (!boot) return { submission: null, queued: false };
  const active = document.activeElement;
  const focused = active instanceof HTMLElement && boot.contains(active) ? active : null;
  const testId = focused?.dataset.testid;
  const selection = focused instanceof HTMLInputElement ? [focused.selectionStart, focused.selectionEnd] : [null, null];
  dropBoot();
  const target = testId ? appForm?.querySelector<HTMLElement>(`[data-testid="${testId}"]`) : null;
  target?.focus();
  const [start, end] = selection;
  if (target instanceof HTMLInputElement && start != null && end != null) target.setSelectionRange(start, end);
  return state;
}
