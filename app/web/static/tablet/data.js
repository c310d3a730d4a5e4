// Reading the API with an offline copy: a fresh answer is kept (localStorage), and the kept
// copy is used when the network is gone, so the children still show on a dead Wi-Fi.
import { api, NetworkError } from "./net.js";
import { snapshots } from "./store.js";

export class SignedOut extends Error {}

// {data, fresh, serverTime} — fresh is false for the kept copy; null when there is neither.
export async function readJson(url) {
  let answer;
  try {
    answer = await api.get(url);
  } catch (error) {
    if (!(error instanceof NetworkError)) throw error;
    const kept = snapshots.get(url);
    return kept === null ? null : { data: kept, fresh: false };
  }
  if (answer.status === 401) throw new SignedOut();
  if (!answer.ok) {
    const kept = snapshots.get(url);
    return kept === null ? null : { data: kept, fresh: false };
  }
  snapshots.put(url, answer.data);
  return { data: answer.data, fresh: true, serverTime: answer.serverTime };
}
