// Talking to the API: JSON in and out, a timeout, and errors that say what happened.
const TIMEOUT_MS = 10000;

export class NetworkError extends Error {}

// Resolves with {status, ok, data, retryAfter, serverTime} for every HTTP answer;
// rejects with NetworkError when no answer came (offline, timeout, dropped connection).
export async function request(method, url, body) {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), TIMEOUT_MS);
  let response;
  try {
    response = await fetch(url, {
      method,
      credentials: "same-origin",
      headers: body === undefined ? {} : { "Content-Type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
      signal: controller.signal,
      cache: "no-store",
    });
  } catch (error) {
    throw new NetworkError(error.message);
  } finally {
    clearTimeout(timer);
  }
  let data = null;
  try {
    data = response.status === 204 ? null : await response.json();
  } catch {
    data = null;
  }
  const retry = Number.parseInt(response.headers.get("Retry-After") ?? "", 10);
  const date = Date.parse(response.headers.get("Date") ?? "");
  return {
    status: response.status,
    ok: response.ok,
    data,
    retryAfter: Number.isFinite(retry) ? retry : null,
    serverTime: Number.isFinite(date) ? date : null,
  };
}

export const api = {
  get: (url) => request("GET", url),
  post: (url, body) => request("POST", url, body ?? {}),
  put: (url, body) => request("PUT", url, body),
  delete: (url) => request("DELETE", url),
};
