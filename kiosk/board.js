// The board's state and how each message changes it. No DOM here.
//
// A snapshot replaces everything; an event whose seq was already applied is ignored, so a
// replay after a reconnect never counts a coin twice. Applying an event is cheap (a burst of
// 600 coins is applied in a few milliseconds); sorting waits for the next frame (standings()).

const RECENT = 40;
const MODES = new Set(["ranking", "alphabetical", "groups"]);

export function fromSnapshot(message) {
  const mode = message.board.display_mode;
  return {
    seq: message.seq,
    week: message.week,
    title: message.board.title,
    display: message.board.name_display,
    mode: MODES.has(mode) ? mode : "ranking",
    hours: message.board.screen_hours || null,
    timezone: message.board.timezone || undefined,
    children: message.children.map((child) => ({ ...child })),
    groups: message.groups.map((group) => ({ ...group })),
    recent: message.recent.slice(0, RECENT),
    lastWinner: message.last_winner,
    bikes: message.bikes || [],
    unsorted: true,
  };
}

const collator = new Intl.Collator(undefined, { sensitivity: "base", numeric: true });

function byName(a, b) {
  return collator.compare(a.name || "", b.name || "") || a.child_id - b.child_id;
}

function byStanding(a, b) {
  return b.coins - a.coins || byName(a, b);
}

// The children in the order the board shows them: most coins first, or by name.
export function standings(board) {
  if (board.unsorted) {
    board.children.sort(board.mode === "alphabetical" ? byName : byStanding);
    board.unsorted = false;
  }
  return board.children;
}

function addCoins(board, message, sign) {
  const group = board.groups.find((row) => row.group_id === message.group_id);
  if (group) group.coins = Math.max(0, group.coins + sign * message.amount);
  const child =
    message.child_id == null
      ? null
      : board.children.find((row) => row.child_id === message.child_id);
  if (child) {
    child.coins = Math.max(0, child.coins + sign * message.amount);
    board.unsorted = true;
  }
  // A coin of a child the board does not show still fills its group's tube.
  return group || child ? { child, group } : null;
}

function applyCoin(board, message) {
  const found = addCoins(board, message, +1);
  if (!found) return null;
  const entry = {
    coin_id: message.coin_id,
    group_id: message.group_id,
    reason: message.reason,
    icon: message.icon,
    amount: message.amount,
    awarded_at: message.awarded_at,
  };
  if (found.child) {
    entry.child_id = message.child_id;
    entry.avatar = message.avatar;
    if ("name" in message) entry.name = message.name;
  }
  board.recent.unshift(entry);
  if (board.recent.length > RECENT) board.recent.length = RECENT;
  return { kind: "coin", child: found.child, coin: entry };
}

function applyVoid(board, message) {
  board.recent = board.recent.filter((row) => row.coin_id !== message.coin_id);
  return addCoins(board, message, -1) ? { kind: "void" } : null;
}

function applyGoal(board, message) {
  const group = board.groups.find((row) => row.group_id === message.group_id);
  if (!group) return null;
  group.coins = Math.max(group.coins, message.coins);
  group.goal = message.goal;
  return { kind: "goal", group };
}

function applyBike(board, message) {
  const bike = {
    id: message.id,
    name: message.name,
    group_id: message.group_id,
    rider_child_id: message.rider_child_id,
    rider_since: message.rider_since,
    active: message.active,
    queue: message.queue || [],
  };
  const others = board.bikes.filter((row) => row.id !== bike.id);
  board.bikes = bike.active ? [...others, bike].sort((a, b) => a.id - b.id) : others;
  return { kind: "bike" };
}

function applyWinner(board, message) {
  const winner = {
    week: message.week,
    child_id: message.child_id,
    avatar: message.avatar,
    group: message.group,
    reward: message.reward || "",
    reward_status: "pending",
  };
  if ("name" in message) winner.name = message.name;
  board.lastWinner = winner;
  return { kind: "winner", winner };
}

const HANDLERS = {
  coin: applyCoin,
  void: applyVoid,
  goal: applyGoal,
  bike: applyBike,
  winner: applyWinner,
};

// Apply one live event; returns what changed (for effects), or null when nothing did.
export function applyEvent(board, message) {
  if (typeof message.seq !== "number" || message.seq <= board.seq) return null;
  board.seq = message.seq;
  if (message.erased) return null;
  if ((message.type === "coin" || message.type === "void") && message.week !== board.week) {
    return null; // a late coin for another week does not change this week's board
  }
  const handler = HANDLERS[message.type];
  return handler ? handler(board, message) : null;
}

// "2026-12-02" in the school's time zone: the day a coin counts for on the strip.
export function dayIn(timezone, date) {
  try {
    return new Intl.DateTimeFormat("en-CA", { timeZone: timezone }).format(date);
  } catch {
    return new Intl.DateTimeFormat("en-CA").format(date); // an unknown zone: the screen's own
  }
}

// The recent strip: today's coins only, repeats of one child (or, anonymous, of one group and
// reason) folded into one item ("Ömer +4"), newest first.
export function tickerItems(board, now = new Date(), limit = 8) {
  const today = dayIn(board.timezone, now);
  const items = [];
  const byKey = new Map();
  for (const coin of board.recent) {
    if (dayIn(board.timezone, new Date(coin.awarded_at)) !== today) continue;
    const key = coin.child_id != null ? `c${coin.child_id}` : `g${coin.group_id}:${coin.reason}`;
    const item = byKey.get(key);
    if (item) {
      item.amount += coin.amount;
      item.coins.push(coin.coin_id);
      continue;
    }
    if (items.length >= limit) continue;
    const fresh = { ...coin, key, coins: [coin.coin_id] };
    byKey.set(key, fresh);
    items.push(fresh);
  }
  return items;
}
