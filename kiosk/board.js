// The board's state and how each message changes it. No DOM here.
//
// A snapshot replaces everything; an event whose seq was already applied is ignored, so a
// replay after a reconnect never counts a coin twice.

const RECENT = 12;

export function fromSnapshot(message) {
  return {
    seq: message.seq,
    week: message.week,
    title: message.board.title,
    display: message.board.name_display,
    children: message.children.map((child) => ({ ...child })),
    groups: message.groups.map((group) => ({ ...group })),
    recent: message.recent.slice(0, RECENT),
    lastWinner: message.last_winner,
    bikes: message.bikes || [],
  };
}

function byStanding(a, b) {
  return (
    b.coins - a.coins ||
    (a.name || "").localeCompare(b.name || "", undefined, { sensitivity: "base" }) ||
    a.child_id - b.child_id
  );
}

function addCoins(board, message, sign) {
  const child = board.children.find((row) => row.child_id === message.child_id);
  if (!child) return null; // not on this board (any more): a board event brings a snapshot
  child.coins = Math.max(0, child.coins + sign * message.amount);
  const group = board.groups.find((row) => row.group_id === message.group_id);
  if (group) group.coins = Math.max(0, group.coins + sign * message.amount);
  board.children.sort(byStanding);
  return { child, group };
}

function applyCoin(board, message) {
  const found = addCoins(board, message, +1);
  if (!found) return null;
  const entry = {
    coin_id: message.coin_id,
    child_id: message.child_id,
    avatar: message.avatar,
    reason: message.reason,
    icon: message.icon,
    amount: message.amount,
    awarded_at: message.awarded_at,
  };
  if ("name" in message) entry.name = message.name;
  board.recent = [entry, ...board.recent].slice(0, RECENT);
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
