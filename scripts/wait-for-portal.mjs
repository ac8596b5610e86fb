// Waits until the portal at <baseUrl> is ready: the backend's readiness probe
// answers 200, the catalog has ingested the demo organisation's groups, and the
// catalog's entity count has stopped growing (initial processing is done).
// Fails early if the backend process <pid> exits. Usage: wait-for-portal.mjs URL PID
// with E2E_HARNESS_TOKEN set to a static token the portal accepts (app-config.e2e.yaml).
const [baseUrl, pid] = process.argv.slice(2);
const token = process.env.E2E_HARNESS_TOKEN;
if (!token) {
  console.error('wait-for-portal: E2E_HARNESS_TOKEN is not set');
  process.exit(2);
}
const deadline = Date.now() + 240_000;
const SETTLED_POLLS = 6;

function alive() {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

async function count(token, filter) {
  const query = filter ? `filter=${encodeURIComponent(filter)}&` : '';
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?${query}limit=1`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  if (!res.ok) throw new Error(`catalog answered ${res.status}`);
  return (await res.json()).totalItems;
}

let last = -1;
let stable = 0;
while (Date.now() < deadline) {
  if (pid && !alive()) {
    console.error('wait-for-portal: the backend exited');
    process.exit(1);
  }
  try {
    const ready = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    if (ready.ok) {
      if ((await count(token, 'kind=group')) > 0) {
        const total = await count(token);
        stable = total === last ? stable + 1 : 0;
        last = total;
        if (stable >= SETTLED_POLLS) {
          console.log(
            `wait-for-portal: ${baseUrl} is ready with ${total} entities`,
          );
          process.exit(0);
        }
      }
    }
  } catch {
    // not listening yet
  }
  await new Promise(resolve => setTimeout(resolve, 1000));
}
console.error(
  `wait-for-portal: ${baseUrl} not ready after 240 s (entities: ${last})`,
);
process.exit(1);
