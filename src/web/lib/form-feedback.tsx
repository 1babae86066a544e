import { useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import { useBlocker, type BlockerFunction } from 'react-router-dom';
import { App, Typography, type FormInstance } from 'antd';
import { ApiError, errorMessage } from '../api/client.js';
import { useT } from '../i18n.js';
import { formsMessages } from './forms.messages.js';

// The one form behaviour every form of the app uses (issue 22 items 1 and 3), so the modules to come copy it:
// - a failed save (the form's own rules or the server's 4xx field messages) scrolls to the first problem in the
//   page's order, focuses it and says in a message which field it is and what is wrong;
// - required fields carry a mark and optional ones say "（可选）" (antd's "optional" mark alone shows nothing on a
//   required field and "（可选）" on every field whose rule is a validator);
// - leaving a form with unsaved input by the menu, a link or the browser's back button asks first, and so does
//   closing the tab;
// - a long form saves a draft by itself a moment after the user stops typing.

type NamePath = (string | number)[];
type FieldError = { name: NamePath; errors: string[] };

/** antd's id of a field's control (rc-field-form's getFieldId): `${formName}_${path joined by _}`, or the bare path. */
const fieldId = (formName: string | undefined, name: NamePath) => (formName ? `${formName}_${name.join('_')}` : name.join('_'));

/** The text of a field's label without the required/optional marks, or the control's aria-label. */
function labelOf(el: Element): string | null {
  const label = el.closest('.ant-form-item')?.querySelector('.ant-form-item-label label');
  if (label) {
    const copy = label.cloneNode(true) as Element;
    copy.querySelectorAll('.form-mark, button').forEach((m) => m.remove());
    const text = copy.textContent?.trim();
    if (text) return text;
  }
  return el.getAttribute('aria-label') ?? el.querySelector('[aria-label]')?.getAttribute('aria-label') ?? null;
}

function focusable(el: HTMLElement): HTMLElement {
  if (el.matches('input, textarea, select, button, [tabindex]')) return el;
  return el.querySelector<HTMLElement>('input:not([type=hidden]), textarea, select, [tabindex]:not([tabindex="-1"]), button') ?? el;
}

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));

export interface FormFeedbackOptions {
  /**
   * The form's name (antd derives the controls' ids from it: `name_field`); formProps passes it on. Left out, the ids
   * are the bare field names (the login form's #username and #password, which password managers know).
   */
  name?: string;
  /**
   * Makes a field visible before it is scrolled to (the wizard switches to the step holding it). May return a
   * promise; the scroll waits for it and for the next frame.
   */
  reveal?: (name: NamePath) => void | Promise<void>;
}

export interface ServerErrorOptions {
  /** A server field name (`leaderPhone`, `data.org.name`) to the form's path; null: not a field of this form. */
  map?: (key: string) => NamePath | string | null | undefined;
}

export interface FormFeedback<T> {
  /** Spread onto <Form>: name, required/optional marks, and the first-problem feedback when onFinish's rules fail. */
  formProps: {
    form: FormInstance<T>;
    name?: string;
    requiredMark: (label: ReactNode, info: { required: boolean }) => ReactNode;
    scrollToFirstError: false;
    onFinishFailed: () => void;
  };
  /** Checks the form (or the given fields); on a problem shows it (scroll, focus, message) and answers null. */
  validate(names?: NamePath[]): Promise<T | null>;
  /** Scrolls to and focuses the first field with a message, and says what it is. False when no field has one. */
  showFirstError(): Promise<boolean>;
  /**
   * Puts a failed request's field messages on the fields and shows the first; messages that fit no field, and
   * errors without field messages, go to a message of their own. Returns the messages that fitted no field.
   */
  showServerError(err: unknown, opts?: ServerErrorOptions): Promise<string[]>;
}

/** The required mark (before the label) and the optional note (after it), as antd's `requiredMark` renders them. */
export function useRequiredMark() {
  const t = useT(formsMessages);
  return useCallback(
    (label: ReactNode, { required }: { required: boolean }) =>
      required ? (
        <>
          <span className="form-mark form-mark-required" aria-hidden>
            *
          </span>
          {label}
        </>
      ) : (
        <>
          {label}
          <span className="form-mark form-mark-optional">{t('form.optional')}</span>
        </>
      ),
    [t],
  );
}

/** The shared form behaviour of item 1: see the file's head. */
export function useFormFeedback<T>(form: FormInstance<T>, options: FormFeedbackOptions): FormFeedback<T> {
  const t = useT(formsMessages);
  const { message } = App.useApp();
  const requiredMark = useRequiredMark();
  const { name: formName } = options;
  const reveal = useRef(options.reveal);
  reveal.current = options.reveal;

  const showFirstError = useCallback(async (): Promise<boolean> => {
    const failing = (form.getFieldsError() as FieldError[]).filter((f) => f.errors.length > 0);
    if (failing.length === 0) return false;
    // The page's order, not the order the fields registered in (a list's rows, sections mounted later).
    const placed = failing.map((f) => ({ f, el: document.getElementById(fieldId(formName, f.name)) }));
    placed.sort((a, b) => {
      if (!a.el || !b.el) return a.el ? -1 : b.el ? 1 : 0;
      return a.el.compareDocumentPosition(b.el) & Node.DOCUMENT_POSITION_FOLLOWING ? -1 : 1;
    });
    const first = placed[0];
    await reveal.current?.(first.f.name);
    await nextFrame();
    const el = document.getElementById(fieldId(formName, first.f.name));
    if (el) {
      (el.closest('.ant-form-item') ?? el).scrollIntoView({ block: 'center' });
      focusable(el).focus({ preventScroll: true });
    } else {
      form.scrollToField(first.f.name, { block: 'center' });
      form.focusField(first.f.name);
    }
    const field = el ? labelOf(el) : null;
    const error = first.f.errors[0];
    const n = failing.length;
    const text = field
      ? t(n > 1 ? 'form.firstErrorMore' : 'form.firstError', { field, error, n })
      : t(n > 1 ? 'form.firstErrorBareMore' : 'form.firstErrorBare', { error, n });
    void message.error({ content: text, key: `form-error-${formName ?? ''}` });
    return true;
  }, [form, formName, message, t]);

  const validate = useCallback(
    async (names?: NamePath[]): Promise<T | null> => {
      try {
        return (await (names ? form.validateFields(names, { recursive: true }) : form.validateFields())) as T;
      } catch {
        await showFirstError();
        return null;
      }
    },
    [form, showFirstError],
  );

  const showServerError = useCallback(
    async (err: unknown, opts: ServerErrorOptions = {}): Promise<string[]> => {
      if (!(err instanceof ApiError) || !err.fields) {
        void message.error(errorMessage(err));
        return [];
      }
      const known = new Set((form.getFieldsError() as FieldError[]).map((f) => JSON.stringify(f.name)));
      const toPath = (key: string): NamePath | null => {
        const mapped = opts.map ? opts.map(key) : key;
        if (mapped === null || mapped === undefined) return null;
        const path = Array.isArray(mapped) ? mapped : mapped.split('.').map((p) => (/^\d+$/.test(p) ? Number(p) : p));
        return known.has(JSON.stringify(path)) ? path : null;
      };
      const fields: FieldError[] = [];
      const rest: string[] = [];
      for (const [key, msg] of Object.entries(err.fields)) {
        const path = toPath(key);
        if (path) fields.push({ name: path, errors: [msg] });
        else rest.push(msg);
      }
      form.setFields(fields as Parameters<FormInstance<T>['setFields']>[0]);
      rest.forEach((m) => void message.error(m));
      if (fields.length > 0) await showFirstError();
      else if (rest.length === 0) void message.error(err.message);
      return rest;
    },
    [form, message, showFirstError],
  );

  const onFinishFailed = useCallback(() => void showFirstError(), [showFirstError]);
  const formProps = useMemo(
    () => ({ form, name: formName, requiredMark, scrollToFirstError: false as const, onFinishFailed }),
    [form, formName, requiredMark, onFinishFailed],
  );
  return { formProps, validate, showFirstError, showServerError };
}

export interface UnsavedGuard {
  /** Lets the next navigation through without asking (call right before navigating away after a save). */
  release(): void;
}

/**
 * Asks before leaving a form with unsaved input: links, the menu, `navigate()` and the browser's back and forward
 * buttons (react-router's blocker; the app runs on a data router for it), and closing or reloading the tab (the
 * browser's own question).
 */
export function useUnsavedGuard(dirty: boolean): UnsavedGuard {
  const t = useT(formsMessages);
  const { modal } = App.useApp();
  const armed = useRef(dirty);
  armed.current = dirty;
  const blocker = useBlocker(useCallback<BlockerFunction>(({ currentLocation, nextLocation }) => armed.current && currentLocation.pathname !== nextLocation.pathname, []));
  const asking = useRef(false);

  useEffect(() => {
    if (blocker.state !== 'blocked' || asking.current) return;
    asking.current = true;
    modal.confirm({
      title: t('form.leaveTitle'),
      content: t('form.leaveContent'),
      okText: t('form.leaveOk'),
      okButtonProps: { danger: true },
      cancelText: t('form.leaveStay'),
      onOk: () => {
        asking.current = false;
        armed.current = false;
        blocker.proceed();
      },
      onCancel: () => {
        asking.current = false;
        blocker.reset();
      },
    });
  }, [blocker, modal, t]);

  useEffect(() => {
    if (!dirty) return;
    const warn = (e: BeforeUnloadEvent) => e.preventDefault();
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [dirty]);

  return useMemo(() => ({ release: () => void (armed.current = false) }), []);
}

/**
 * Saves a draft by itself once the input has stopped changing for `delayMs` while it is dirty. `save` answers
 * whether it saved; `changeTick` is anything that changes with each edit (a counter). Returns when it last saved.
 */
export function useAutosave({ dirty, changeTick, save, delayMs = 2500 }: { dirty: boolean; changeTick: unknown; save: () => Promise<boolean>; delayMs?: number }) {
  const [savedAt, setSavedAt] = useState<Date | null>(null);
  const [saving, setSaving] = useState(false);
  const saveRef = useRef(save);
  saveRef.current = save;
  useEffect(() => {
    if (!dirty) return;
    const timer = setTimeout(() => {
      setSaving(true);
      void saveRef.current().then(
        (ok) => {
          setSaving(false);
          if (ok) setSavedAt(new Date());
        },
        () => setSaving(false),
      );
    }, delayMs);
    return () => clearTimeout(timer);
  }, [dirty, changeTick, delayMs]);
  return { savedAt, saving, markSaved: useCallback(() => setSavedAt(new Date()), []) };
}

/** "已自动保存 14:05" beside a form's buttons (nothing before the first save). */
export function AutosaveNote({ savedAt, saving }: { savedAt: Date | null; saving: boolean }) {
  const t = useT(formsMessages);
  if (saving) return <Typography.Text type="secondary">{t('form.autosaving')}</Typography.Text>;
  if (!savedAt) return null;
  const time = `${String(savedAt.getHours()).padStart(2, '0')}:${String(savedAt.getMinutes()).padStart(2, '0')}`;
  return (
    <Typography.Text type="secondary" className="autosave-note nowrap" role="status">
      {t('form.autosaved', { time })}
    </Typography.Text>
  );
}
