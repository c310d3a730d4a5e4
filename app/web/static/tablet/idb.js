// A small promise wrapper around IndexedDB: one database, one store (the outbox).
const NAME = "pleinmunt-tablet";
const VERSION = 1;
let opening = null;

export function openDb() {
  opening ??= new Promise((resolve, reject) => {
    const req = indexedDB.open(NAME, VERSION);
    req.onupgradeneeded = () => {
      const store = req.result.createObjectStore("outbox", { keyPath: "seq", autoIncrement: true });
      store.createIndex("id", "id", { unique: true });
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
  return opening;
}

// Run fn(store) in one transaction; resolves with fn's request result once it has committed.
export async function withStore(mode, fn) {
  const db = await openDb();
  return new Promise((resolve, reject) => {
    const transaction = db.transaction("outbox", mode);
    const req = fn(transaction.objectStore("outbox"));
    transaction.oncomplete = () => resolve(req ? req.result : undefined);
    transaction.onerror = () => reject(transaction.error);
    transaction.onabort = () => reject(transaction.error);
  });
}
