import { useEffect, useRef, useState } from 'preact/hooks';
import type { WidgetConfig } from '../shared/webchat-protocol';
import { ChatError } from './chat-client';
import type { ChatController } from './chat-controller';
import { looksLikeEmail } from './chat-format';
import type { Translate } from './chat-i18n';
import type { ChatState } from './chat-store';

type FieldErrors = { name?: string; email?: string; consent?: string; form?: string };

/**
 * Validates the pre-chat form against the widget's field modes: the errors to show, empty when
 * it may be sent.
 *
 * @example
 * preChatErrors({ name: '', email: 'x', consent: false }, config.pre_chat.fields, t); // { email: 'Enter a valid email address.' }
 */
export function preChatErrors(values: { name: string; email: string; consent: boolean }, fields: WidgetConfig['pre_chat']['fields'], t: Translate): FieldErrors {
  const errors: FieldErrors = {};
  if (fields.name === 'required' && !values.name.trim()) errors.name = t('required');
  if (fields.email !== 'off' && values.email.trim() && !looksLikeEmail(values.email.trim())) errors.email = t('emailInvalid');
  else if (fields.email === 'required' && !values.email.trim()) errors.email = t('required');
  if (fields.consent === 'required' && !values.consent) errors.consent = t('required');
  return errors;
}

/** The server's word on a refused form, else a generic one. */
const problemText = (err: unknown, t: Translate) => (err instanceof ChatError && err.status === 422 ? err.message : t('error'));

/**
 * The pre-chat form (name, email, consent as the widget configures them), before the first
 * message. `optional` forms can be skipped. Errors sit beside their fields and are announced.
 *
 * @example
 * <PreChat state={state} chat={chat} t={t} onSkip={() => setSkipped(true)} />
 */
export function PreChat({ state, chat, t, onSkip }: { state: ChatState; chat: ChatController; t: Translate; onSkip: () => void }) {
  const pre = state.widget!.pre_chat;
  const [values, setValues] = useState({ name: '', email: '', consent: false });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [busy, setBusy] = useState(false);
  const first = useRef<HTMLInputElement>(null);
  useEffect(() => {
    if (state.focus > 0) first.current?.focus();
  }, [state.focus]);
  const label = (text: string, mode: string) => (mode === 'optional' ? `${text} ${t('optional')}` : text);
  const submit = async () => {
    const found = preChatErrors(values, pre.fields, t);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      await chat.saveProfile({
        ...(values.name.trim() ? { name: values.name.trim() } : {}),
        ...(values.email.trim() ? { email: values.email.trim() } : {}),
        ...(pre.fields.consent !== 'off' ? { consent: values.consent } : {}),
      });
      chat.focus();
    } catch (err) {
      setErrors({ form: problemText(err, t) });
    } finally {
      setBusy(false);
    }
  };
  const field = (name: 'name' | 'email', autocomplete: string) => {
    if (pre.fields[name] === 'off') return null;
    const props = {
      ref: name === 'name' || pre.fields.name === 'off' ? first : undefined,
      autocomplete,
      value: values[name],
      required: pre.fields[name] === 'required',
      'aria-invalid': errors[name] ? true : undefined,
      'aria-describedby': errors[name] ? `e-${name}` : undefined,
      onInput: (e: Event) => setValues({ ...values, [name]: (e.currentTarget as HTMLInputElement).value }),
    };
    return (
      <div class="fld">
        <label>
          <span>{label(t(name), pre.fields[name])}</span>
          {name === 'email' ? <input type="email" {...props} /> : <input type="text" {...props} />}
        </label>
        {errors[name] && (
          <span id={`e-${name}`} class="err">
            {errors[name]}
          </span>
        )}
      </div>
    );
  };
  return (
    <form
      class="card pre"
      aria-labelledby="pre-intro"
      noValidate
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <p id="pre-intro">{t('prechatIntro')}</p>
      {field('name', 'name')}
      {field('email', 'email')}
      {pre.fields.consent !== 'off' && (
        <label class="chk">
          <input type="checkbox" checked={values.consent} aria-invalid={errors.consent ? true : undefined} onChange={(e) => setValues({ ...values, consent: e.currentTarget.checked })} />
          <span>{pre.consent_text ?? t('consent')}</span>
        </label>
      )}
      {errors.consent && <span class="err">{errors.consent}</span>}
      <div role="alert" class="err">
        {errors.form}
      </div>
      <div class="acts">
        <button type="submit" class="primary" disabled={busy}>
          {t('start')}
        </button>
        {pre.mode === 'optional' && (
          <button type="button" class="link" onClick={onSkip}>
            {t('skip')}
          </button>
        )}
      </div>
    </form>
  );
}

/**
 * "Leave your email": after the visitor's first message when we have no address, so the
 * conversation can go on by email if they leave — the way out when nobody answers.
 *
 * @example
 * <EmailAsk state={state} chat={chat} t={t} />
 */
export function EmailAsk({ state, chat, t }: { state: ChatState; chat: ChatController; t: Translate }) {
  const [email, setEmail] = useState('');
  const [error, setError] = useState('');
  if (state.emailAsk === 'saved') {
    return (
      <p class="card ok" role="status">
        {t('emailSaved', { email: state.email ?? '' })}
      </p>
    );
  }
  const away = state.availability?.online === false;
  return (
    <form
      class="card ask"
      noValidate
      onSubmit={async (e) => {
        e.preventDefault();
        if (!looksLikeEmail(email.trim())) return setError(t('emailInvalid'));
        try {
          await chat.saveProfile({ email: email.trim() });
        } catch (err) {
          setError(problemText(err, t));
        }
      }}
    >
      <label class="fld">
        <span>{away ? t('emailAskAway') : t('emailAsk')}</span>
        <input type="email" autocomplete="email" placeholder={t('email')} value={email} aria-invalid={error ? true : undefined} onInput={(e) => setEmail(e.currentTarget.value)} />
      </label>
      <div role="alert" class="err">
        {error}
      </div>
      <div class="acts">
        <button type="submit" class="primary">
          {t('save')}
        </button>
        <button type="button" class="link" onClick={chat.dismissEmailAsk}>
          {t('dismiss')}
        </button>
      </div>
    </form>
  );
}

/**
 * The satisfaction survey once the conversation is resolved: 1–5 stars (native radio buttons,
 * so arrows and screen readers work) and an optional comment.
 *
 * @example
 * <Csat state={state} chat={chat} t={t} />
 */
export function Csat({ state, chat, t }: { state: ChatState; chat: ChatController; t: Translate }) {
  const [rating, setRating] = useState(0);
  const [comment, setComment] = useState('');
  const [error, setError] = useState('');
  if (!state.csat) return null;
  if (state.csat.state === 'done') {
    return (
      <p class="card ok" role="status">
        {t('csatThanks')}
      </p>
    );
  }
  return (
    <form
      class="card csat"
      onSubmit={async (e) => {
        e.preventDefault();
        if (rating === 0) return;
        try {
          await chat.rate(rating, comment.trim());
        } catch (err) {
          setError(problemText(err, t));
        }
      }}
    >
      <fieldset>
        <legend>{t('csatTitle')}</legend>
        <div class="stars">
          {[1, 2, 3, 4, 5].map((n) => (
            <label key={n} class={n <= rating ? 'on' : undefined}>
              <input type="radio" name="rating" value={n} checked={rating === n} aria-label={t('csatRating', { n })} onChange={() => setRating(n)} />
              <span aria-hidden="true">★</span>
            </label>
          ))}
        </div>
      </fieldset>
      <textarea aria-label={t('csatComment')} placeholder={t('csatComment')} rows={2} maxLength={2000} value={comment} onInput={(e) => setComment(e.currentTarget.value)} />
      <div role="alert" class="err">
        {error}
      </div>
      <button type="submit" class="primary" disabled={rating === 0 || state.csat.state === 'sending'}>
        {t('csatSubmit')}
      </button>
    </form>
  );
}
