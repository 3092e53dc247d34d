// Resumable, content-addressed evidence uploads, like the tablets' photos: the file is
// named by the SHA-256 of its bytes, HQ says how much it already holds, and the rest goes
// in chunks of at most 1 MiB. A failed upload resumes where HQ stopped receiving.
import { api, ApiError } from '../api';
import type { UploadState } from './types';
import { sha256BlobHex, toHex } from './sha256';

export const chunkSize = 1024 * 1024;
export const maxFileSize = 30 * 1024 * 1024;
const uploads = '/api/v1/hq/followup/uploads';

export async function sha256Hex(file: Blob): Promise<string> {
  // crypto.subtle exists only in a secure context (HTTPS, or localhost); on a plain-HTTP
  // LAN address the file is hashed here, 4 MiB at a time.
  if (!globalThis.crypto?.subtle) return sha256BlobHex(file);
  return toHex(new Uint8Array(await crypto.subtle.digest('SHA-256', await file.arrayBuffer())));
}

async function uploadState(sha256: string): Promise<UploadState> {
  try {
    return await api.get<UploadState>(`${uploads}/${sha256}`);
  } catch (e) {
    // Nothing received yet may be answered as unknown.
    if (e instanceof ApiError && e.status === 404) return { received: 0, complete: false };
    throw e;
  }
}

/** Sends what HQ does not hold yet; onProgress gets the bytes HQ has received. */
export async function uploadFile(file: Blob, sha256: string, onProgress: (received: number) => void): Promise<void> {
  let state = await uploadState(sha256);
  onProgress(state.complete ? file.size : state.received);
  while (!state.complete) {
    const offset = state.received;
    if (offset >= file.size) throw new ApiError(0, 'upload_incomplete', '');
    const chunk = file.slice(offset, Math.min(offset + chunkSize, file.size));
    const path = `${uploads}/${sha256}?offset=${offset}&total=${file.size}`;
    try {
      state = await api.put<UploadState>(path, { raw: chunk, type: 'application/octet-stream' });
    } catch (e) {
      // HQ holds a different amount (another tab, a lost answer): continue from there.
      if (e instanceof ApiError && e.code === 'offset_mismatch') {
        state = await uploadState(sha256);
        continue;
      }
      throw e;
    }
    onProgress(state.complete ? file.size : state.received);
  }
}

/** Failures worth retrying by themselves: the network or HQ being briefly away. */
export function transient(e: unknown): boolean {
  return e instanceof ApiError && (e.serverDown || e.status === 408 || e.status === 429);
}
