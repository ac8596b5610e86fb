// Waits until the portal at <baseUrl> is ready: the backend's readiness probe
// answers 200 and the catalog has ingested the demo organisation's groups.
// Fails early if the backend process <pid> exits. Usage: wait-for-portal.mjs URL PID
const [baseUrl, pid] = process.argv.slice(2);
const deadline = Date.now() + 180_000;

function alive() {
  try {
    process.kill(Number(pid), 0);
    return true;
  } catch {
    return false;
  }
}

async function groupsLoaded() {
  const auth = await fetch(`${baseUrl}/api/auth/guest/refresh`, {
    method: 'POST',
  });
  if (!auth.ok) return false;
  const token = (await auth.json()).backstageIdentity.token;
  const res = await fetch(
    `${baseUrl}/api/catalog/entities/by-query?filter=kind=group&limit=1`,
    { headers: { authorization: `Bearer ${token}` } },
  );
  return res.ok && (await res.json()).items.length > 0;
}

while (Date.now() < deadline) {
  if (pid && !alive()) {
    console.error('wait-for-portal: the backend exited');
    process.exit(1);
  }
  try {
    const ready = await fetch(`${baseUrl}/.backstage/health/v1/readiness`);
    if (ready.ok && (await groupsLoaded())) {
      console.log(`wait-for-portal: ${baseUrl} is ready`);
      process.exit(0);
    }
  } catch {
    // not listening yet
  }
  await new Promise(resolve => setTimeout(resolve, 1000));
}
console.error(`wait-for-portal: ${baseUrl} not ready after 180 s`);
process.exit(1);
