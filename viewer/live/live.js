// The live page until the three.js viewer lands: the IOC feed (same protocol as any IOC client:
// hello → snapshot → patches, resync on a wrong base) drawn on a 2D canvas.
const token = new URLSearchParams(location.search).get('token') ?? '';
const canvas = document.getElementById('map');
const ctx = canvas.getContext('2d');
const state = { version: 0, world: { gate: {}, vehicles: {}, orders: {}, stations: {}, kpis: {}, alarms: {} } };
let map = null;

async function loadMap() {
  const res = await fetch('/api/v1/map', { headers: { authorization: `Bearer ${token}` } });
  if (!res.ok) throw new Error(`map: HTTP ${res.status}`);
  map = await res.json();
}

function connect() {
  const ws = new WebSocket(`${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ioc/v1?token=${encodeURIComponent(token)}`);
  ws.onopen = () => ws.send(JSON.stringify({ type: 'subscribe', collections: ['gate', 'vehicles', 'stations', 'kpis', 'alarms'] }));
  ws.onmessage = (e) => {
    const m = JSON.parse(e.data);
    if (m.type === 'snapshot') { state.version = m.version; state.world = { ...state.world, ...m.world }; }
    else if (m.type === 'patch') {
      if (m.baseVersion !== state.version) { ws.send(JSON.stringify({ type: 'resync' })); return; }
      for (const ch of m.changes) {
        const col = (state.world[ch.c] ??= {});
        if (ch.v === null) delete col[ch.id]; else col[ch.id] = ch.v;
      }
      state.version = m.version;
    }
  };
  ws.onclose = (e) => { document.getElementById('status').textContent = `feed closed (${e.code} ${e.reason}); retrying…`; setTimeout(connect, 2000); };
}

function fit() {
  const xs = map.nodes.map((n) => n.x), ys = map.nodes.map((n) => n.y);
  const [x0, x1, y0, y1] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const w = canvas.clientWidth, h = canvas.clientHeight, pad = 30;
  const s = Math.min((w - 2 * pad) / (x1 - x0 || 1), (h - 2 * pad) / (y1 - y0 || 1));
  return (x, y) => [pad + (x - x0) * s, h - pad - (y - y0) * s, s];
}

function draw() {
  requestAnimationFrame(draw);
  if (!map) return;
  canvas.width = canvas.clientWidth * devicePixelRatio; canvas.height = canvas.clientHeight * devicePixelRatio;
  ctx.setTransform(devicePixelRatio, 0, 0, devicePixelRatio, 0, 0);
  ctx.clearRect(0, 0, canvas.width, canvas.height);
  const P = fit();
  const nodes = new Map(map.nodes.map((n) => [n.id, n]));
  ctx.strokeStyle = '#33414f'; ctx.lineWidth = 2;
  for (const l of map.lanes) {
    const pts = [nodes.get(l.from), ...(l.polyline ?? []).map(([x, y]) => ({ x, y })), nodes.get(l.to)];
    ctx.beginPath();
    pts.forEach((p, i) => { const [sx, sy] = P(p.x, p.y); i ? ctx.lineTo(sx, sy) : ctx.moveTo(sx, sy); });
    ctx.stroke();
  }
  const [, , s] = P(0, 0);
  for (const v of Object.values(state.world.vehicles)) {
    const [sx, sy] = P(v.x * 1000, v.y * 1000);
    ctx.save(); ctx.translate(sx, sy); ctx.rotate(-v.heading);
    ctx.fillStyle = v.status !== 'ok' ? '#ff6b6b' : v.load?.length ? '#4fc3f7' : '#9ccc65';
    const L = Math.max(6, v.lengthM * 1000 * s), W = Math.max(3, v.widthM * 1000 * s);
    ctx.fillRect(-L / 2, -W / 2, L, W); ctx.restore();
  }
  const g = state.world.gate.gate ?? {};
  document.getElementById('status').textContent = `tick ${g.tick ?? '–'} · ${g.timestamp ?? ''}${g.emergencyStop ? ' · EMERGENCY STOP' : ''}${g.safeMode ? ' · SAFE MODE' : ''} · feed v${state.version}`;
  const k = state.world.kpis.live ?? {};
  document.getElementById('kpis').innerHTML = Object.entries(k).map(([n, x]) => `<tr><td>${n}</td><td>${typeof x === 'number' ? Math.round(x * 100) / 100 : x}</td></tr>`).join('');
  const alarms = Object.values(state.world.alarms);
  document.getElementById('alarms').innerHTML = alarms.length ? alarms.map((a) => `<div class="${a.severity === 'critical' ? 'critical' : 'alarm'}">${a.kind}: ${a.message}</div>`).join('') : 'none';
  document.getElementById('vehicles').innerHTML = Object.values(state.world.vehicles).sort((a, b) => (a.id < b.id ? -1 : 1))
    .map((v) => `<tr><td>${v.id}</td><td>${v.state}</td><td>${Math.round(v.socPercent)} %</td></tr>`).join('');
}

loadMap().then(() => { connect(); draw(); }).catch((err) => { document.getElementById('status').textContent = String(err); });
