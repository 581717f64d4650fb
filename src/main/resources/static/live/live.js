'use strict';
/*
 * The live page: what the controllers do to one namespace, drawn from the API's own watches (see informer.js).
 * Every change marks only what it touches (a StatefulSet's ordinal slot, one ReplicaSet pod, a node card, one event)
 * and a short timer redraws those, so a namespace of a thousand pods stays fluid. Everything shown is a label in
 * words; colours only repeat what the words say.
 */
(() => {
  const $ = (id) => document.getElementById(id);
  const esc = (s) => String(s ?? '').replace(/[&<>"']/g, (c) => ({'&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;'}[c]));
  const MAX_EVENTS_SHOWN = 400;

  let ns = new URLSearchParams(location.search).get('namespace') || 'default';
  let informers = [];
  let S; // the state of the namespace being shown
  const dirty = {slots: new Set(), setRows: new Set(), rsRows: new Set(), rsPods: new Set(), chips: new Set(), nodes: new Set(), events: false};
  let flushTimer = null;
  let nodeTimer = null;

  function fresh() {
    return {pods: new Map(), claims: new Map(), volumes: new Map(), sets: new Map(), rss: new Map(), nodes: new Map(),
      events: new Map(), podNode: new Map(), attachErrors: new Map(), states: {}};
  }

  // ------------------------------------------------------------------ reading objects

  const name = (o) => o.metadata.name;
  const controllerRef = (o) => (o.metadata.ownerReferences || []).find((r) => r.controller);
  const podClaims = (p) => ((p.spec && p.spec.volumes) || []).filter((v) => v.persistentVolumeClaim).map((v) => v.persistentVolumeClaim.claimName);
  const isReady = (p) => ((p.status && p.status.conditions) || []).some((c) => c.type === 'Ready' && c.status === 'True');

  /** The pod's state in words, as kubectl's STATUS column says it, and a class for its colour. */
  function podState(p) {
    const st = p.status || {};
    if (p.metadata.deletionTimestamp) return {text: 'Terminating', cls: 'terminating'};
    if (st.phase === 'Failed' || st.phase === 'Succeeded') return {text: st.phase, cls: st.phase.toLowerCase()};
    if (st.phase === 'Running') return isReady(p) ? {text: 'Running, Ready', cls: 'ready'} : {text: 'Running, not ready', cls: 'running'};
    if (!p.spec.nodeName) return {text: 'Pending (not scheduled)', cls: 'pending'};
    const waiting = (st.containerStatuses || []).map((c) => c.state && c.state.waiting && c.state.waiting.reason).find(Boolean);
    return {text: waiting || 'Pending', cls: 'creating'};
  }

  /** True when the pod is past ContainerCreating on its node, so its volumes are attached there. */
  const holdsVolumes = (p) => p.spec.nodeName && p.status && (p.status.phase === 'Running' || (p.status.containerStatuses || []).some((c) => c.state && (c.state.running || c.state.terminated)));

  /** The StatefulSet slot (set name, ordinal) a pod or claim name belongs to, or null. */
  function slotOfPod(podName) {
    for (const set of S.sets.keys()) {
      const m = podName.startsWith(set + '-') && /^\d+$/.test(podName.slice(set.length + 1));
      if (m) return [set, Number(podName.slice(set.length + 1))];
    }
    return null;
  }
  function slotOfClaim(claimName) {
    for (const [set, sts] of S.sets) {
      for (const t of sts.spec.volumeClaimTemplates || []) {
        const prefix = t.metadata.name + '-' + set + '-';
        if (claimName.startsWith(prefix) && /^\d+$/.test(claimName.slice(prefix.length))) return [set, Number(claimName.slice(prefix.length))];
      }
    }
    return null;
  }
  const rsKey = (kind, n) => kind + '/' + n;
  function rsOfPod(p) {
    const ref = controllerRef(p);
    return ref && (ref.kind === 'ReplicaSet' || ref.kind === 'ReplicationController') ? rsKey(ref.kind, ref.name) : null;
  }

  // ------------------------------------------------------------------ marking what changed

  function touchPod(p) {
    const slot = slotOfPod(name(p));
    if (slot) dirty.slots.add(slot.join('\u0000'));
    const rs = rsOfPod(p);
    if (rs) { dirty.rsPods.add(name(p)); dirty.rsRows.add(rs); }
    dirty.chips.add(name(p));
    const before = S.podNode.get(name(p));
    if (before) dirty.nodes.add(before);
    if (p.spec.nodeName) dirty.nodes.add(p.spec.nodeName);
  }
  function touchClaim(claimName) {
    const slot = slotOfClaim(claimName);
    if (slot) dirty.slots.add(slot.join('\u0000'));
    for (const [key, rs] of S.rss) {
      if (templateClaims(rs).includes(claimName)) dirty.rsRows.add(key);
    }
    S.nodes.forEach((_, n) => dirty.nodes.add(n));
  }
  const templateClaims = (w) => podClaims({spec: (w.spec.template && w.spec.template.spec) || {}});

  function touchSet(setName) {
    dirty.setRows.add(setName);
    for (const p of S.pods.values()) { const s = slotOfPod(name(p)); if (s && s[0] === setName) dirty.slots.add(s.join('\u0000')); }
    for (const c of S.claims.values()) { const s = slotOfClaim(name(c)); if (s && s[0] === setName) dirty.slots.add(s.join('\u0000')); }
  }

  function schedule() {
    if (flushTimer === null) flushTimer = setTimeout(flush, 30);
  }

  // ------------------------------------------------------------------ what each watch feeds

  const kinds = {
    pods: {
      path: () => `/api/v1/namespaces/${ns}/pods`,
      sync(items) { for (const p of S.pods.values()) touchPod(p); S.pods.clear(); items.forEach((p) => this.event('ADDED', p)); },
      event(type, p) {
        const n = name(p);
        if (type === 'DELETED') { const old = S.pods.get(n); S.pods.delete(n); if (old) touchPod(old); S.podNode.delete(n); return; }
        touchPod(p);
        S.pods.set(n, p);
        if (p.spec.nodeName) S.podNode.set(n, p.spec.nodeName);
      }
    },
    claims: {
      path: () => `/api/v1/namespaces/${ns}/persistentvolumeclaims`,
      sync(items) { for (const n of S.claims.keys()) touchClaim(n); S.claims.clear(); items.forEach((c) => this.event('ADDED', c)); },
      event(type, c) {
        if (type === 'DELETED') S.claims.delete(name(c)); else S.claims.set(name(c), c);
        touchClaim(name(c));
      }
    },
    volumes: {
      path: () => '/api/v1/persistentvolumes',
      sync(items) { S.volumes.clear(); items.forEach((v) => this.event('ADDED', v)); },
      event(type, v) {
        if (type === 'DELETED') S.volumes.delete(name(v)); else S.volumes.set(name(v), v);
        const ref = v.spec.claimRef;
        if (ref && ref.namespace === ns) touchClaim(ref.name);
      }
    },
    statefulsets: {
      path: () => `/apis/apps/v1/namespaces/${ns}/statefulsets`,
      sync(items) { for (const n of S.sets.keys()) dirty.setRows.add(n); S.sets.clear(); items.forEach((o) => this.event('ADDED', o)); },
      event(type, o) {
        if (type === 'DELETED') { touchSet(name(o)); S.sets.delete(name(o)); return; }
        const known = S.sets.has(name(o));
        S.sets.set(name(o), o);
        // Status updates come with every pod change: they redraw the header, not every slot of a large set.
        if (known) dirty.setRows.add(name(o)); else touchSet(name(o));
      }
    },
    replicasets: rsKind('ReplicaSet', (n) => `/apis/apps/v1/namespaces/${n}/replicasets`),
    replicationcontrollers: rsKind('ReplicationController', (n) => `/api/v1/namespaces/${n}/replicationcontrollers`),
    nodes: {
      path: () => '/api/v1/nodes',
      sync(items) { S.nodes.forEach((_, n) => dirty.nodes.add(n)); S.nodes.clear(); items.forEach((o) => this.event('ADDED', o)); },
      event(type, o) { if (type === 'DELETED') S.nodes.delete(name(o)); else S.nodes.set(name(o), o); dirty.nodes.add(name(o)); }
    },
    events: {
      path: () => `/api/v1/namespaces/${ns}/events`,
      sync(items) { S.events.clear(); items.forEach((e) => this.event('ADDED', e, true)); dirty.events = true; },
      event(type, e, quiet) {
        const uid = e.metadata.uid;
        if (type === 'DELETED') { S.events.delete(uid); removeEventItem(uid); return; }
        S.events.set(uid, e);
        const o = e.involvedObject || {};
        if (o.kind === 'Pod' && e.reason === 'FailedAttachVolume') {
          S.attachErrors.set(o.name, e.message);
          const p = S.pods.get(o.name);
          if (p) touchPod(p);
        }
        if (!quiet) prependEvent(e);
      }
    }
  };

  function rsKind(kind, path) {
    return {
      path: () => path(ns),
      sync(items) {
        for (const key of S.rss.keys()) if (key.startsWith(kind + '/')) { dirty.rsRows.add(key); S.rss.delete(key); }
        items.forEach((o) => this.event('ADDED', o));
      },
      event(type, o) {
        const key = rsKey(kind, name(o));
        if (type === 'DELETED') S.rss.delete(key); else S.rss.set(key, o);
        dirty.rsRows.add(key);
      }
    };
  }

  // ------------------------------------------------------------------ drawing

  /** How long redraws take (for a look at fluidity with many pods): count, total and longest, in milliseconds. */
  const drawStats = {redraws: 0, totalMs: 0, longestMs: 0, phases: {}};
  function phase(label, fn) {
    const t = performance.now();
    fn();
    drawStats.phases[label] = Math.max(drawStats.phases[label] || 0, Math.round(performance.now() - t));
  }

  function flush() {
    flushTimer = null;
    const started = performance.now();
    phase('rows', () => { for (const n of dirty.setRows) drawSetRow(n); for (const key of dirty.rsRows) drawRsRow(key); });
    phase('slots', () => { for (const key of dirty.slots) { const [set, ord] = key.split('\u0000'); drawSlot(set, Number(ord)); } });
    phase('rsPods', () => { for (const n of dirty.rsPods) drawRsPod(n); });
    phase('chips', () => { for (const n of dirty.chips) drawChip(n); });
    // A node's summary (its volumes) reads every pod on it: redrawn at most a few times a second.
    if (dirty.nodes.size && nodeTimer === null) nodeTimer = setTimeout(() => phase('nodes', drawNodes), 250);
    if (dirty.events) phase('events', drawAllEvents);
    dirty.setRows.clear(); dirty.slots.clear(); dirty.rsRows.clear(); dirty.rsPods.clear(); dirty.chips.clear(); dirty.events = false;
    $('sts-rows').querySelector('.empty').hidden = S.sets.size > 0;
    $('rs-rows').querySelector('.empty').hidden = S.rss.size > 0;
    const ms = performance.now() - started;
    drawStats.redraws++;
    drawStats.totalMs += ms;
    drawStats.longestMs = Math.max(drawStats.longestMs, ms);
    document.body.dataset.drawStats = `${drawStats.redraws} redraws, ${Math.round(drawStats.totalMs)} ms in all, longest ${Math.round(drawStats.longestMs)} ms, ${S.pods.size} pods`;
  }

  const idOf = (...parts) => 'x-' + parts.map((p) => encodeURIComponent(p).replace(/[%.]/g, '_')).join('--');

  function workloadButtons(kind, n, replicas) {
    const k = esc(kind), v = esc(n);
    return `<span class="buttons">
      <button type="button" data-action="scale" data-kind="${k}" data-name="${v}" data-delta="-1" aria-label="Scale ${v} down by one">−1</button>
      <button type="button" data-action="scale" data-kind="${k}" data-name="${v}" data-delta="1" aria-label="Scale ${v} up by one">+1</button>
      <button type="button" data-action="image" data-kind="${k}" data-name="${v}">Change image</button>
      <label>cascade <select data-cascade-for="${k}/${v}"><option>Background</option><option>Foreground</option><option>Orphan</option></select></label>
      <button type="button" data-action="delete-workload" data-kind="${k}" data-name="${v}">Delete</button></span>`;
  }
  const podButtons = (n) => `<span class="buttons"><button type="button" data-action="delete-pod" data-name="${esc(n)}" aria-label="Delete pod ${esc(n)}">Delete pod</button>`
    + `<button type="button" data-action="fail-pod" data-name="${esc(n)}" aria-label="Fail pod ${esc(n)}">Fail pod</button></span>`;

  function drawSetRow(setName) {
    const id = idOf('sts', setName);
    let row = document.getElementById(id);
    const sts = S.sets.get(setName);
    if (!sts) { if (row) row.remove(); return; }
    if (!row) {
      row = document.createElement('article');
      row.id = id;
      row.className = 'workload statefulset';
      row.dataset.statefulset = setName;
      row.innerHTML = '<header></header><ol class="slots"></ol>';
      insertSorted($('sts-rows'), row, (el) => el.dataset.statefulset > setName);
    }
    const st = sts.status || {};
    const image = (sts.spec.template.spec.containers || []).map((c) => c.image).join(', ');
    row.querySelector('header').innerHTML = `<h3>StatefulSet ${esc(setName)}</h3>
      <span class="facts">replicas ${esc(sts.spec.replicas)} wanted, ${esc(st.readyReplicas || 0)} ready ·
      ${esc(sts.spec.podManagementPolicy || 'OrderedReady')} · image ${esc(image)}</span>` + workloadButtons('StatefulSet', setName);
  }

  function drawSlot(setName, ordinal) {
    const row = document.getElementById(idOf('sts', setName));
    const sts = S.sets.get(setName);
    const id = idOf('slot', setName, ordinal);
    let slot = document.getElementById(id);
    if (!row || !sts) { if (slot) slot.remove(); return; }
    const pod = S.pods.get(setName + '-' + ordinal);
    const claims = (sts.spec.volumeClaimTemplates || []).map((t) => t.metadata.name + '-' + setName + '-' + ordinal).filter((c) => S.claims.has(c));
    if (!pod && claims.length === 0) { if (slot) slot.remove(); return; }
    if (!slot) {
      slot = document.createElement('li');
      slot.id = id;
      slot.className = 'slot';
      slot.dataset.ordinal = ordinal;
      insertSorted(row.querySelector('.slots'), slot, (el) => Number(el.dataset.ordinal) > ordinal);
    }
    const podHtml = pod ? podBox(pod) : `<div class="pod absent" data-pod=""><span class="name">${esc(setName)}-${ordinal}</span><span class="state">no pod</span></div>`;
    const chain = claims.map((c) => `<span class="link" aria-hidden="true">→</span>${claimBox(S.claims.get(c), pod)}<span class="link" aria-hidden="true">→</span>${volumeBox(S.claims.get(c))}`).join('');
    slot.innerHTML = `<span class="ordinal">#${ordinal}</span>${podHtml}${chain}`;
    slot.dataset.pod = pod ? name(pod) : '';
  }

  function podBox(pod) {
    const s = podState(pod);
    return `<div class="pod ${s.cls}" data-pod="${esc(name(pod))}" data-state="${esc(s.text)}">
      <span class="name">${esc(name(pod))}</span> <span class="state">${esc(s.text)}</span>
      <span class="where">${pod.spec.nodeName ? 'on ' + esc(pod.spec.nodeName) : 'no node yet'}</span>${podButtons(name(pod))}</div>`;
  }
  function claimBox(c, pod) {
    const mounted = pod ? 'mounted by ' + name(pod) : 'kept, no pod';
    return `<div class="claim ${esc((c.status && c.status.phase || 'Pending').toLowerCase())}" data-claim="${esc(name(c))}">
      <span class="kind">claim</span> <span class="name">${esc(name(c))}</span> <span class="state">${esc(c.status && c.status.phase || 'Pending')}</span>
      <span class="note">${esc(mounted)}</span></div>`;
  }
  function volumeBox(c) {
    const vn = c.spec.volumeName;
    if (!vn) return '<div class="volume none" data-volume=""><span class="kind">volume</span> <span class="state">not bound yet</span></div>';
    const v = S.volumes.get(vn);
    const phase = v ? (v.status && v.status.phase) || '' : '';
    return `<div class="volume" data-volume="${esc(vn)}"><span class="kind">volume</span> <span class="name">${esc(vn)}</span> <span class="state">${esc(phase)}</span></div>`;
  }

  function drawRsRow(key) {
    const id = idOf('rs', key);
    let row = document.getElementById(id);
    const w = S.rss.get(key);
    if (!w) { if (row) row.remove(); return; }
    const [kind, n] = key.split('/');
    if (!row) {
      row = document.createElement('article');
      row.id = id;
      row.className = 'workload replicaset';
      row.dataset.workload = key;
      row.innerHTML = '<header></header><div class="shared"></div><ul class="rs-pods"></ul>';
      insertSorted($('rs-rows'), row, (el) => el.dataset.workload > key);
      for (const p of S.pods.values()) if (rsOfPod(p) === key) dirty.rsPods.add(name(p));
    }
    const st = w.status || {};
    row.querySelector('header').innerHTML = `<h3>${esc(kind)} ${esc(n)}</h3>
      <span class="facts">replicas ${esc(w.spec.replicas)} wanted, ${esc(st.readyReplicas || 0)} ready · pods get random names</span>` + workloadButtons(kind, n);
    row.querySelector('.shared').innerHTML = templateClaims(w).map((c) => sharedClaim(c, key)).join('');
  }

  /** A claim every pod of the set mounts: who holds its volume and on which node, and how many wait. */
  function sharedClaim(claimName, key) {
    const c = S.claims.get(claimName);
    const pods = [...S.pods.values()].filter((p) => rsOfPod(p) === key);
    const holders = pods.filter((p) => holdsVolumes(p) && podClaims(p).includes(claimName));
    const waiting = pods.filter((p) => !holdsVolumes(p) && p.spec.nodeName && !p.metadata.deletionTimestamp);
    const modes = c ? (c.spec.accessModes || []).join(', ') : '';
    const held = holders.length ? 'held by ' + holders.map((p) => name(p) + ' on ' + p.spec.nodeName).join(', ') : 'held by no pod';
    return `<div class="shared-claim" data-claim="${esc(claimName)}">${c ? claimBox(c, null).replace('kept, no pod', esc(modes)) : `<div class="claim missing"><span class="kind">claim</span> <span class="name">${esc(claimName)}</span> <span class="state">missing</span></div>`}
      ${c ? '<span class="link" aria-hidden="true">→</span>' + volumeBox(c) : ''}
      <span class="holder" data-holders="${holders.length}" data-waiting="${waiting.length}">${esc(held)} · ${waiting.length} waiting</span></div>`;
  }

  function drawRsPod(podName) {
    const pod = S.pods.get(podName);
    const id = idOf('rspod', podName);
    let li = document.getElementById(id);
    const key = pod && rsOfPod(pod);
    const row = key && document.getElementById(idOf('rs', key));
    if (!pod || !row) { if (li) li.remove(); return; }
    const list = row.querySelector('.rs-pods');
    if (!li || li.parentNode !== list) {
      if (li) li.remove();
      li = document.createElement('li');
      li.id = id;
      li.dataset.created = pod.metadata.creationTimestamp + ' ' + podName;
      insertSorted(list, li, (el) => el.dataset.created > li.dataset.created);
    }
    const claims = podClaims(pod);
    let role = '';
    if (claims.length && holdsVolumes(pod)) role = `<span class="role holds">holds the volume of ${esc(claims.join(', '))}</span>`;
    else if (claims.length && pod.spec.nodeName && !pod.metadata.deletionTimestamp) {
      const err = S.attachErrors.get(podName);
      role = `<span class="role waiting">waiting for the volume${err ? ': <span class="multi-attach">' + esc(err) + '</span>' : ''}</span>`;
    }
    li.className = 'rs-pod';
    li.dataset.role = role.includes('holds') ? 'holder' : role ? 'waiting' : '';
    li.innerHTML = podBox(pod) + role;
  }

  function drawNodes() {
    nodeTimer = null;
    for (const n of dirty.nodes) drawNode(n);
    dirty.nodes.clear();
  }

  function drawNode(nodeName) {
    const id = idOf('node', nodeName);
    let card = document.getElementById(id);
    const node = S.nodes.get(nodeName);
    if (!node) { if (card) card.remove(); return; }
    if (!card) {
      card = document.createElement('article');
      card.id = id;
      card.className = 'node';
      card.dataset.node = nodeName;
      card.innerHTML = '<h3></h3><p class="label pods-label"></p><ul class="chips pods"></ul><p class="label volumes-label"></p><ul class="chips volumes"></ul>';
      insertSorted($('node-cards'), card, (el) => el.dataset.node > nodeName);
      for (const p of S.pods.values()) if (p.spec.nodeName === nodeName) dirty.chips.add(name(p));
      schedule();
    }
    const ready = ((node.status && node.status.conditions) || []).find((c) => c.type === 'Ready');
    const state = (ready && ready.status === 'True' ? 'Ready' : 'NotReady') + (node.spec.unschedulable ? ', SchedulingDisabled' : '');
    const volumes = new Set();
    let pods = 0;
    for (const p of S.pods.values()) {
      if (p.spec.nodeName !== nodeName) continue;
      pods++;
      if (holdsVolumes(p)) for (const c of podClaims(p)) { const vn = S.claims.get(c) && S.claims.get(c).spec.volumeName; if (vn) volumes.add(vn); }
    }
    card.dataset.state = state;
    card.querySelector('h3').innerHTML = `${esc(nodeName)} <span class="state ${ready && ready.status === 'True' ? 'ready' : 'failed'}">${esc(state)}</span>`;
    card.querySelector('.pods-label').textContent = `pods (${pods})`;
    card.querySelector('.volumes-label').textContent = `volumes attached (${volumes.size})`;
    card.querySelector('.volumes').innerHTML = [...volumes].sort().map((v) => `<li data-volume="${esc(v)}">${esc(v)}</li>`).join('');
  }

  /** One pod's chip on its node's card, moved when the pod moves, removed when it goes. */
  function drawChip(podName) {
    const pod = S.pods.get(podName);
    const id = idOf('chip', podName);
    let li = document.getElementById(id);
    const card = pod && pod.spec.nodeName && document.getElementById(idOf('node', pod.spec.nodeName));
    if (!card) { if (li) li.remove(); return; }
    const list = card.querySelector('.pods');
    if (!li || li.parentNode !== list) {
      if (li) li.remove();
      li = document.createElement('li');
      li.id = id;
      li.dataset.pod = podName;
      insertSorted(list, li, (el) => el.dataset.pod > podName);
    }
    const st = podState(pod);
    li.className = st.cls;
    li.innerHTML = `${esc(podName)} <small>${esc(st.text)}</small>`;
  }

  /**
   * Inserts el (not yet among parent's children) before the first child that sorts after it. The children are kept
   * in order, so a binary search finds the place: a thousand rows cost a thousand short searches, not a million reads.
   */
  function insertSorted(parent, el, isAfter) {
    const children = parent.children;
    let lo = 0;
    let hi = children.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = children[mid];
      if (!c.classList.contains('empty') && isAfter(c)) hi = mid; else lo = mid + 1;
    }
    parent.insertBefore(el, children[lo] || null);
  }

  // ------------------------------------------------------------------ events

  const eventTime = (e) => e.lastTimestamp || e.eventTime || e.metadata.creationTimestamp || '';
  const eventObject = (e) => ((e.involvedObject && e.involvedObject.kind) || '').toLowerCase() + '/' + ((e.involvedObject && e.involvedObject.name) || '');

  function eventItem(e) {
    const li = document.createElement('li');
    li.id = idOf('ev', e.metadata.uid);
    const warning = e.type === 'Warning';
    li.className = warning ? 'warning' : 'normal';
    li.dataset.object = eventObject(e);
    li.dataset.reason = e.reason || '';
    const t = eventTime(e);
    li.innerHTML = `<time datetime="${esc(t)}">${esc(t.slice(11, 19))}</time>
      <span class="type">${warning ? '⚠ Warning' : 'Normal'}</span> <span class="reason">${esc(e.reason)}</span>
      <button type="button" class="object" data-filter="${esc(li.dataset.object)}">${esc(li.dataset.object)}</button>
      <span class="message">${esc(e.message)}</span>${e.count > 1 ? ` <span class="count">×${esc(e.count)}</span>` : ''}`;
    li.hidden = !matchesFilter(li);
    return li;
  }
  function removeEventItem(uid) { const li = document.getElementById(idOf('ev', uid)); if (li) li.remove(); }
  function prependEvent(e) {
    if (dirty.events) { schedule(); return; }
    removeEventItem(e.metadata.uid);
    const list = $('event-list');
    list.insertBefore(eventItem(e), list.firstChild);
    while (list.children.length > MAX_EVENTS_SHOWN) list.lastChild.remove();
  }
  function drawAllEvents() {
    const list = $('event-list');
    const items = [...S.events.values()].sort((a, b) => eventTime(b).localeCompare(eventTime(a))).slice(0, MAX_EVENTS_SHOWN);
    list.replaceChildren(...items.map(eventItem));
  }
  function matchesFilter(li) {
    const f = $('event-filter').value.trim().toLowerCase();
    return !f || li.dataset.object.includes(f);
  }
  function applyFilter() { for (const li of $('event-list').children) li.hidden = !matchesFilter(li); }

  // ------------------------------------------------------------------ connecting

  function show(namespace) {
    informers.forEach((i) => i.stop());
    ns = namespace;
    S = fresh();
    for (const id of ['sts-rows', 'rs-rows']) $(id).querySelectorAll('article').forEach((a) => a.remove());
    $('node-cards').replaceChildren();
    $('event-list').replaceChildren();
    $('namespace').value = ns;
    history.replaceState(null, '', '?namespace=' + encodeURIComponent(ns));
    informers = Object.entries(kinds).map(([kind, k]) => new Informer(k.path(), {
      sync: (items) => { k.sync(items); schedule(); },
      event: (type, o) => { k.event(type, o); schedule(); }
    }, (state) => { S.states[kind] = state; connection(); }).start());
    window.ordinalLive = {informers, namespace: ns, drawStats};
  }

  function connection() {
    const states = Object.values(S.states);
    const watching = states.filter((s) => s === 'watching').length;
    const el = $('connection');
    const live = watching === Object.keys(kinds).length;
    el.dataset.state = live ? 'live' : 'connecting';
    el.textContent = live ? `live: ${watching} watches open` : `connecting: ${watching} of ${Object.keys(kinds).length} watches open`
      + (states.includes('reconnecting') ? ' (reconnecting…)' : '');
  }

  // ------------------------------------------------------------------ actions: each an ordinary API call, shown as kubectl and curl

  const API = location.origin;
  const kindPaths = {StatefulSet: ['apps/v1', 'statefulsets', 'sts'], ReplicaSet: ['apps/v1', 'replicasets', 'rs'],
    ReplicationController: ['v1', 'replicationcontrollers', 'rc']};
  const base = (gv) => gv === 'v1' ? '/api/v1' : '/apis/' + gv;
  const objPath = (kind, n) => `${base(kindPaths[kind][0])}/namespaces/${ns}/${kindPaths[kind][1]}/${n}`;

  async function call(method, path, body, contentType, kubectl, curlData) {
    const data = curlData ? ` -H 'Content-Type: application/yaml' --data-binary @${curlData}` : body ? ` -H 'Content-Type: ${contentType}' -d '${JSON.stringify(body)}'` : '';
    const curl = `curl -X ${method} ${API}${path}` + data;
    $('cmd-kubectl').textContent = kubectl || '(no kubectl equivalent)';
    $('cmd-curl').textContent = curl;
    const res = await fetch(path, {method, headers: body ? {'Content-Type': contentType} : {}, body: body ? JSON.stringify(body) : undefined});
    let text = res.status + ' ' + res.statusText;
    if (!res.ok) { try { text += ': ' + (await res.json()).message; } catch (e) { /* not a Status */ } }
    $('cmd-result').textContent = '→ ' + text;
    $('cmd-result').dataset.ok = res.ok;
    return res;
  }

  const actions = {
    'create-sts': () => call('POST', `/apis/apps/v1/namespaces/${ns}/statefulsets`, MANIFESTS.statefulSet, 'application/json',
      `kubectl apply -n ${ns} -f src/main/resources/examples/seed-statefulset.yaml`, 'src/main/resources/examples/seed-statefulset.yaml'),
    'create-rc': async () => {
      await call('POST', `/api/v1/namespaces/${ns}/persistentvolumeclaims`, MANIFESTS.sharedClaim, 'application/json');
      return call('POST', `/api/v1/namespaces/${ns}/replicationcontrollers`, MANIFESTS.replicationController, 'application/json',
        `kubectl apply -n ${ns} -f src/main/resources/examples/seed-rc-shared-claim.yaml`);
    },
    scale: async ({kind, name: n, delta, to}) => {
      const w = kind === 'StatefulSet' ? S.sets.get(n) : S.rss.get(rsKey(kind, n));
      const replicas = to !== undefined ? to : Math.max(0, ((w && w.spec.replicas) || 0) + Number(delta));
      return call('PATCH', objPath(kind, n) + '/scale', {spec: {replicas}}, 'application/merge-patch+json',
        `kubectl scale -n ${ns} ${kindPaths[kind][2]}/${n} --replicas=${replicas}`);
    },
    image: ({kind, name: n, image}) => {
      const w = kind === 'StatefulSet' ? S.sets.get(n) : S.rss.get(rsKey(kind, n));
      const c = w.spec.template.spec.containers[0];
      const next = image || (c.image === 'nginx:1.27' ? 'nginx:1.28' : 'nginx:1.27');
      return call('PATCH', objPath(kind, n), {spec: {template: {spec: {containers: [{name: c.name, image: next}]}}}},
        'application/strategic-merge-patch+json', `kubectl set image -n ${ns} ${kindPaths[kind][2]}/${n} ${c.name}=${next}`);
    },
    'delete-workload': ({kind, name: n, cascade}) => {
      const select = document.querySelector(`select[data-cascade-for="${CSS.escape(kind + '/' + n)}"]`);
      const policy = cascade || (select ? select.value : 'Background');
      return call('DELETE', objPath(kind, n), {propagationPolicy: policy}, 'application/json',
        `kubectl delete -n ${ns} ${kindPaths[kind][2]}/${n} --cascade=${policy.toLowerCase()}`);
    },
    'delete-claim': ({name: n}) => call('DELETE', `/api/v1/namespaces/${ns}/persistentvolumeclaims/${n}`, null, null, `kubectl delete -n ${ns} pvc/${n}`),
    'delete-pod': ({name: n}) => call('DELETE', `/api/v1/namespaces/${ns}/pods/${n}`, null, null, `kubectl delete -n ${ns} pod/${n}`),
    'fail-pod': ({name: n}) => call('POST', `/apis/ordinal.dev/v1/namespaces/${ns}/pods/${n}/fail`, null, null, null)
  };

  document.addEventListener('click', (ev) => {
    const b = ev.target.closest('button[data-action]');
    if (b) { actions[b.dataset.action]({...b.dataset}); return; }
    const f = ev.target.closest('button[data-filter]');
    if (f) { $('event-filter').value = f.dataset.filter; applyFilter(); }
  });

  // ------------------------------------------------------------------ playing the article

  const holder = () => [...S.pods.values()].find((p) => rsOfPod(p) === 'ReplicationController/nginx' && holdsVolumes(p));
  const stories = {
    rc: [
      ['A ReplicationController of three nginx pods that all mount one read-write-once claim, helloweb-disk.', () => actions['create-rc']()],
      ['The pods get random names and spread over the nodes. The first pod\'s node attaches the volume; the other two stay ContainerCreating with a Multi-Attach error.', null],
      ['Delete the pod that holds the disk: the controller creates a pod with a new random name, and a waiting pod gets the volume once it is detached.',
        () => { const h = holder(); return h ? actions['delete-pod']({name: name(h)}) : null; }],
      ['Clean up: delete the ReplicationController with its pods, then the claim.', async () => {
        await actions['delete-workload']({kind: 'ReplicationController', name: 'nginx', cascade: 'Background'});
        return actions['delete-claim']({name: 'helloweb-disk'});
      }]
    ],
    sts: [
      ['A StatefulSet of three: nginx-0 comes first with its own claim www-nginx-0; nginx-1 follows only once nginx-0 is Running and Ready, then nginx-2.', () => actions['create-sts']()],
      ['Each claim is bound to its own volume: three pods, three claims, three volumes.', null],
      ['Scale in to one: nginx-2 terminates, then nginx-1. Their claims and volumes stay.', () => actions.scale({kind: 'StatefulSet', name: 'nginx', to: 1})],
      ['Scale out to three: nginx-1 and nginx-2 come back and mount the same claims, so the same volumes.', () => actions.scale({kind: 'StatefulSet', name: 'nginx', to: 3})],
      ['Fail nginx-1: the StatefulSet deletes it and creates it again with the same name, claim and volume.', () => actions['fail-pod']({name: 'nginx-1'})],
      ['Change the image: the pods are replaced from the highest ordinal down, each keeping its claim.', () => actions.image({kind: 'StatefulSet', name: 'nginx', image: 'nginx:1.27'})],
      ['Delete the StatefulSet: its pods go, highest ordinal first; the claims and volumes stay for the next set named nginx.',
        () => actions['delete-workload']({kind: 'StatefulSet', name: 'nginx', cascade: 'Background'})]
    ]
  };
  let step = 0;
  $('story').addEventListener('change', () => { step = 0; narrate('Press “Next step” to begin.'); });
  $('play-reset').addEventListener('click', () => { step = 0; narrate('Press “Next step” to begin.'); });
  $('play-step').addEventListener('click', async () => {
    const story = stories[$('story').value];
    if (step >= story.length) { narrate('The story is over. Press “Restart story” to play it again.'); return; }
    const [sentence, act] = story[step++];
    narrate(`Step ${step} of ${story.length}: ${sentence}`);
    if (act) await act();
  });
  function narrate(text) { $('narration').textContent = text; }

  // ------------------------------------------------------------------ start

  $('switch').addEventListener('click', () => show($('namespace').value.trim() || 'default'));
  $('namespace').addEventListener('keydown', (e) => { if (e.key === 'Enter') show($('namespace').value.trim() || 'default'); });
  $('event-filter').addEventListener('input', applyFilter);
  $('event-filter-clear').addEventListener('click', () => { $('event-filter').value = ''; applyFilter(); });
  fetch('/api/v1/namespaces').then((r) => r.json()).then((l) => {
    $('namespaces').replaceChildren(...l.items.map((n) => Object.assign(document.createElement('option'), {value: name(n)})));
  }).catch(() => {});
  show(ns);
})();
