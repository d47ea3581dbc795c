import {
  createContext,
  useContext,
  useRef,
  useState,
  type FormEvent,
  type FormHTMLAttributes,
  type InputEvent,
  type ReactNode,
} from 'react';
import { useI18n } from '../i18n.tsx';
import { problemText, validityProblem, type Problem } from './validity.ts';

type Control = HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement;
/** Kept as problems rather than text, so that a message follows a switch of the interface's language. */
type Errors = Readonly<Record<string, Problem>>;

const FormErrors = createContext<Errors>({});

interface Props extends Omit<FormHTMLAttributes<HTMLFormElement>, 'onSubmit' | 'noValidate'> {
  /** Called only once every field passes its checks (`required`, `minLength`, a date field's own, …). */
  onSubmit(event: FormEvent<HTMLFormElement>): unknown;
}

function isControl(element: Element): element is Control {
  return element instanceof HTMLInputElement || element instanceof HTMLSelectElement || element instanceof HTMLTextAreaElement;
}

function problemOf(control: Control): Problem | null {
  if (!control.willValidate || control.validity.valid) return null;
  const input = control instanceof HTMLInputElement ? control : null;
  return validityProblem({
    validity: control.validity,
    validationMessage: control.validationMessage,
    type: control.type,
    value: control.value,
    minLength: input?.minLength ?? (control instanceof HTMLTextAreaElement ? control.minLength : -1),
    maxLength: input?.maxLength ?? (control instanceof HTMLTextAreaElement ? control.maxLength : -1),
    min: input?.min ?? '',
    max: input?.max ?? '',
  });
}

function controls(form: HTMLFormElement): Control[] {
  return Array.from(form.elements).filter(isControl);
}

/**
 * Every form of the interface: the browser's own validation is off (`noValidate`: its bubbles speak the
 * browser's language and leave no trace for a screen reader), and on submit each field's constraints are
 * checked here instead. A field that fails gets our message under it (`Field`, or `useFieldError` for a bare
 * input), `aria-invalid` and `aria-describedby` pointing to the message; the first one takes the focus, so
 * that a screen reader reads its label and the message. A flagged field is checked again as it changes, and
 * its message goes once it passes. The submit handler runs only when every field passes; the server's own
 * checks stay what they were.
 *
 * Fields are known by their `id` (every `Field` has one).
 */
export function Form({ onSubmit, onInput, children, ...props }: Props) {
  const [errors, setErrors] = useState<Errors>({});
  const formRef = useRef<HTMLFormElement>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const failing = controls(event.currentTarget).flatMap((control) => {
      const problem = problemOf(control);
      return problem ? [{ control, problem }] : [];
    });
    setErrors(Object.fromEntries(failing.filter(({ control }) => control.id).map(({ control, problem }) => [control.id, problem])));
    const first = failing[0];
    if (first) {
      first.control.focus();
      return;
    }
    void onSubmit(event);
  };

  // After the change has been rendered: a field may set its custom validity in an effect (the date field).
  const recheck = (event: InputEvent<HTMLFormElement>) => {
    onInput?.(event);
    window.setTimeout(() => {
      const form = formRef.current;
      if (!form) return;
      setErrors((old) => {
        if (Object.keys(old).length === 0) return old;
        const next: Record<string, Problem> = {};
        for (const control of controls(form)) {
          const problem = control.id in old ? problemOf(control) : null;
          if (problem) next[control.id] = problem;
        }
        return JSON.stringify(next) === JSON.stringify(old) ? old : next;
      });
    }, 0);
  };

  return (
    <FormErrors.Provider value={errors}>
      <form {...props} ref={formRef} noValidate onSubmit={submit} onInput={recheck}>
        {children}
      </form>
    </FormErrors.Provider>
  );
}

export interface FieldErrorProps {
  'aria-invalid'?: true;
  'aria-describedby'?: string;
}

/**
 * The form's message for the field with this id, if any, with the attributes that tie it to the field.
 * `hintId`: a hint under the field, also named by `aria-describedby` (after the message).
 */
export function useFieldError(id: string, hintId?: string): { message: string | undefined; errorId: string; props: FieldErrorProps } {
  const { t } = useI18n();
  const problem = useContext(FormErrors)[id];
  const message = problem && problemText(problem, t);
  const errorId = `${id}-error`;
  const describedBy = [message ? errorId : null, hintId ?? null].filter(Boolean).join(' ');
  return {
    message,
    errorId,
    props: { ...(message ? { 'aria-invalid': true as const } : {}), ...(describedBy ? { 'aria-describedby': describedBy } : {}) },
  };
}

/** The message itself, under the field it is about. */
export function FieldMessage({ id, message }: { id: string; message: string | undefined }) {
  if (!message) return null;
  return (
    <p id={id} className="field-error" data-testid="field-error">
      {message}
    </p>
  );
}

/**
 * For a bare input (no `Field`) in a component that renders the `Form` itself, and so cannot read its messages
 * with a hook: the attributes for the input, from inside the form. `FieldCheckMessage` shows the message where
 * the layout has room for it.
 */
export function FieldCheck({ id, children }: { id: string; children(props: FieldErrorProps): ReactNode }) {
  return children(useFieldError(id).props);
}

export function FieldCheckMessage({ forId }: { forId: string }) {
  const { message, errorId } = useFieldError(forId);
  return <FieldMessage id={errorId} message={message} />;
}
