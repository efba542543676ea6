/**
 * Asks before an action that mails people or cannot be undone, saying what will happen. A native
 * modal <dialog>: it traps focus, closes on Escape, and gives focus back to the button that opened
 * it. The safe choice ("Keep it") has the focus first, so that Enter never confirms by accident.
 */
import type { ComponentChildren } from 'preact';
import { useId, useRef } from 'preact/hooks';
import { t } from './i18n';

export function ConfirmButton(props: {
  /** The button that opens the question. */
  label: ComponentChildren;
  /** The question, e.g. "Cancel this meeting?" */
  title: string;
  /** What will happen: who is mailed, what cannot be undone. */
  body: ComponentChildren;
  /** The button that does it, e.g. "Cancel the meeting". */
  confirmLabel: string;
  onConfirm: () => unknown;
  class?: string;
  /** When the label alone does not say which one (a "Remove" in each row of a table). */
  ariaLabel?: string;
  disabled?: boolean;
  /** Whether the action destroys something (a red button) or only sends (the usual colour). */
  danger?: boolean;
}) {
  const dialog = useRef<HTMLDialogElement>(null);
  const id = useId();
  const close = () => {
    dialog.current?.close();
  };
  return (
    <>
      <button
        type="button"
        class={props.class}
        disabled={props.disabled}
        aria-label={props.ariaLabel}
        aria-haspopup="dialog"
        onClick={() => dialog.current?.showModal()}
      >
        {props.label}
      </button>
      <dialog
        ref={dialog}
        class="confirm-dialog"
        aria-labelledby={`${id}-title`}
        aria-describedby={`${id}-body`}
      >
        <h2 id={`${id}-title`}>{props.title}</h2>
        <div id={`${id}-body`} class="confirm-body">
          {props.body}
        </div>
        <div class="actions">
          <button type="button" class="secondary" autofocus onClick={close}>
            {t('confirmKeep')}
          </button>
          <button
            type="button"
            class={props.danger === false ? undefined : 'danger'}
            onClick={() => {
              close();
              void props.onConfirm();
            }}
          >
            {props.confirmLabel}
          </button>
        </div>
      </dialog>
    </>
  );
}
