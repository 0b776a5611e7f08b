// The API client: the bearer token lives in sessionStorage (gone when the tab closes).

const TOKEN = 'chaperone.token';
const USER = 'chaperone.user';

export class ApiError extends Error {
  constructor(status, body) {
    super(body?.message || `The request failed (${status}).`);
    this.status = status;
    this.code = body?.error;
    this.fields = body?.fields || [];
  }
}

export const session = {
  token: () => sessionStorage.getItem(TOKEN),
  user: () => JSON.parse(sessionStorage.getItem(USER) || 'null'),
  save(token, user) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(USER, JSON.stringify(user));
  },
  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(USER);
  },
};

let onSignedOut = () => {};
export function whenSignedOut(fn) { onSignedOut = fn; }

async function request(path, { method = 'GET', body } = {}) {
  const headers = {};
  const token = session.token();
  if (token) headers.Authorization = `Bearer ${token}`;
  if (body !== undefined) headers['Content-Type'] = 'application/json';
  const response = await fetch(`/api/v1${path}`, {
    method, headers, body: body === undefined ? undefined : JSON.stringify(body), credentials: 'omit',
  });
  if (response.status === 401 && token) {
    session.clear();
    onSignedOut('Your session has ended. Please sign in again.');
  }
  return response;
}

export async function api(path, options) {
  const response = await request(path, options);
  const type = response.headers.get('Content-Type') || '';
  const body = type.includes('application/json') ? await response.json() : null;
  if (!response.ok) throw new ApiError(response.status, body);
  return body;
}

/** Fetches a file with the token and hands it to the browser as a download. */
export async function download(path, fallbackName) {
  const response = await request(path);
  if (!response.ok) {
    const type = response.headers.get('Content-Type') || '';
    throw new ApiError(response.status, type.includes('json') ? await response.json() : null);
  }
  const disposition = response.headers.get('Content-Disposition') || '';
  const match = /filename="([^"]+)"/.exec(disposition);
  const blob = await response.blob();
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = match ? match[1] : fallbackName;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export async function signIn(email, password) {
  const response = await fetch('/api/v1/auth/token', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ email, password }),
  });
  const body = await response.json().catch(() => null);
  if (!response.ok) throw new ApiError(response.status, body);
  session.save(body.token, body.user);
  return body.user;
}
