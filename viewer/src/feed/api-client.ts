/**
 * The operator API as the viewer calls it: Bearer token on every request, answers checked for
 * success, and a refusal turned into the API's own words (`403 forbidden: …`) for the page.
 */
import { apiErrorText } from '../model/hud-model.ts';

export type ApiResult<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly status: number; readonly message: string };

export interface ApiClient {
  get<T>(path: string): Promise<ApiResult<T>>;
  post<T>(path: string): Promise<ApiResult<T>>;
}

/** Calls `/api/v1{path}` of this origin with `token`. */
export function createApiClient(token: string, base = '/api/v1'): ApiClient {
  async function call<T>(method: 'GET' | 'POST', path: string): Promise<ApiResult<T>> {
    let res: Response;
    try {
      res = await fetch(`${base}${path}`, { method, headers: token ? { authorization: `Bearer ${token}` } : {} });
    } catch (e) {
      return { ok: false, status: 0, message: `network error: ${e instanceof Error ? e.message : String(e)}` };
    }
    const text = await res.text();
    if (!res.ok) return { ok: false, status: res.status, message: apiErrorText(res.status, text) };
    try {
      return { ok: true, value: JSON.parse(text) as T };
    } catch {
      return { ok: false, status: res.status, message: `${res.status}: the answer is not JSON` };
    }
  }
  return { get: (p) => call('GET', p), post: (p) => call('POST', p) };
}
