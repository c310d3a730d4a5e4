// What this tablet remembers between visits (localStorage): the chosen group, who signed in,
// and the last answers of the API, so the page still shows the children when offline.
const PREFIX = "pleinmunt.tablet.";

function read(key) {
  try {
    return JSON.parse(localStorage.getItem(PREFIX + key));
  } catch {
    return null;
  }
}

function write(key, value) {
  try {
    if (value === null) localStorage.removeItem(PREFIX + key);
    else localStorage.setItem(PREFIX + key, JSON.stringify(value));
  } catch {
    // A full or blocked storage only costs the offline copy; the outbox lives in IndexedDB.
  }
}

export const prefs = {
  get groupId() {
    return read("group");
  },
  set groupId(id) {
    write("group", id);
  },
  get me() {
    return read("me");
  },
  set me(me) {
    write("me", me);
  },
  get insecureSeen() {
    return read("insecure-seen");
  },
  set insecureSeen(seen) {
    write("insecure-seen", seen);
  },
};

export const snapshots = {
  get: (url) => read(`snapshot:${url}`),
  put: (url, data) => write(`snapshot:${url}`, data),
  clear() {
    for (const key of Object.keys(localStorage)) {
      if (key.startsWith(`${PREFIX}snapshot:`)) localStorage.removeItem(key);
    }
  },
};
