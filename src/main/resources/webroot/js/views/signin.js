import { signIn } from '../api.js';
import { h, append, field } from '../dom.js';

export function showSignIn(container, { message, onSignedIn }) {
  const email = h('input', { type: 'email', name: 'email', id: 'email', autocomplete: 'username', required: true });
  const password = h('input', { type: 'password', name: 'password', id: 'password', autocomplete: 'current-password', required: true });
  const error = h('p', { class: 'error', role: 'alert', id: 'sign-in-error' });
  const submit = h('button', { type: 'submit' }, 'Sign in');
  const form = h('form', {
    class: 'sign-in',
    novalidate: true,
    onsubmit: async (event) => {
      event.preventDefault();
      error.textContent = '';
      if (!email.value || !password.value) {
        error.textContent = 'Enter your email address and password.';
        return;
      }
      submit.disabled = true;
      try {
        await signIn(email.value.trim(), password.value);
        onSignedIn();
      } catch (e) {
        error.textContent = e.status === 401 || e.status === 400
          ? 'That email address and password do not match an account.' : e.message;
        password.focus();
      } finally {
        submit.disabled = false;
      }
    },
  }, field('Email address', email), field('Password', password), error, submit);
  append(container, [
    h('h1', { tabindex: '-1' }, 'Sign in to review'),
    message ? h('p', { class: 'notice' }, message) : null,
    h('p', {}, 'For programme managers, designated safeguarding leads, school admins and organisation admins.'),
    form,
  ]);
  email.focus();
}
