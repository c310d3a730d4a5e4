// What the outbox still holds, laid over the server's last answer: the bikes and the tally show
// the intern's own changes while the Wi-Fi is gone, and again after a reload offline.

// The bikes as they will be once every waiting change has reached the server, in order.
export function bikesWithPending(bikes, entries) {
  const copy = bikes.map((bike) => ({ ...bike, queue: [...bike.queue] }));
  for (const entry of entries) {
    if (entry.kind === "bike") applyBikeChange(copy, entry.change);
    else if (entry.kind === "turn") applyTurn(copy, entry.body);
  }
  return copy;
}

// {action: "join" | "leave" | "ride", bike_id, child_id (null parks), at}
export function applyBikeChange(bikes, { action, bike_id: bikeId, child_id: child, at }) {
  const bike = bikes.find((one) => one.id === bikeId);
  if (!bike) return;
  if (action === "join") {
    for (const other of bikes) if (other !== bike) other.queue = other.queue.filter((id) => id !== child);
    if (bike.rider_child_id !== child && !bike.queue.includes(child)) bike.queue.push(child);
  } else if (action === "leave") {
    bike.queue = bike.queue.filter((id) => id !== child);
  } else if (action === "ride") {
    if (child !== null) {
      bike.queue = bike.queue.filter((id) => id !== child);
      for (const other of bikes) if (other !== bike && other.rider_child_id === child) Object.assign(other, { rider_child_id: null, rider_since: null });
    }
    if (bike.rider_child_id !== child) Object.assign(bike, { rider_child_id: child, rider_since: child === null ? null : at });
  }
}

function applyTurn(bikes, turn) {
  const bike = bikes.find((one) => one.id === turn.bike_id);
  if (!bike) return;
  Object.assign(bike, { rider_child_id: turn.to_child_id, rider_since: turn.at });
  bike.queue = bike.queue.filter((id) => id !== turn.to_child_id);
}

// "recess:zone" → conflicts, the server's rows plus the deltas still waiting to be sent.
export function talliesWithPending(rows, entries) {
  const counts = new Map(rows.map((row) => [`${row.recess}:${row.zone}`, row.conflicts]));
  for (const entry of entries) {
    if (entry.kind !== "tally") continue;
    const key = `${entry.body.recess}:${entry.body.zone}`;
    counts.set(key, Math.max((counts.get(key) ?? 0) + entry.body.delta, 0));
  }
  return counts;
}
