'use strict';
/*
 * An informer in the browser, as client-go's reflector: list a collection, then watch it from the list's
 * resourceVersion over a WebSocket (the watch path, upgraded). After a disconnect it watches again from the last
 * resourceVersion it saw; when the server answers 410 Expired (that version is no longer known) it lists again and
 * reports the fresh list, so the page replaces what it held. WebSockets are used because a browser opens at most six
 * HTTP/1.1 connections to one server and the page watches eight kinds; WebSockets do not count against that limit.
 */
class Informer {
  /**
   * @param path   collection path, e.g. /api/v1/namespaces/default/pods
   * @param handle {sync(items), event(type, object)} — sync replaces everything known of this kind
   * @param status callback(state) with 'listing' | 'watching' | 'reconnecting' | 'relisting'
   */
  constructor(path, handle, status) {
    this.path = path;
    this.handle = handle;
    this.status = status || (() => {});
    this.rv = null;
    this.stopped = false;
    this.socket = null;
    this.retry = 0;
    this.counters = {lists: 0, watches: 0, events: 0, expired: 0};
  }

  start() {
    this.list();
    return this;
  }

  stop() {
    this.stopped = true;
    if (this.socket) this.socket.close();
  }

  async list() {
    if (this.stopped) return;
    this.status(this.counters.lists ? 'relisting' : 'listing');
    try {
      const res = await fetch(this.path, {headers: {Accept: 'application/json'}});
      if (!res.ok) throw new Error(res.status + ' ' + res.statusText);
      const list = await res.json();
      if (this.stopped) return;
      this.counters.lists++;
      this.rv = list.metadata.resourceVersion;
      this.handle.sync(list.items || []);
      this.retry = 0;
      this.watch();
    } catch (e) {
      this.later(() => this.list());
    }
  }

  watch() {
    if (this.stopped) return;
    const scheme = location.protocol === 'https:' ? 'wss:' : 'ws:';
    const url = scheme + '//' + location.host + this.path + '?watch=true&resourceVersion=' + encodeURIComponent(this.rv);
    const socket = new WebSocket(url);
    this.socket = socket;
    let expired = false;
    socket.onopen = () => {
      this.counters.watches++;
      this.retry = 0;
      this.status('watching');
    };
    socket.onmessage = (m) => {
      const ev = JSON.parse(m.data);
      if (ev.type === 'ERROR') {
        if (ev.object && ev.object.code === 410) {
          expired = true;
          this.counters.expired++;
        }
        return;
      }
      this.counters.events++;
      const rv = ev.object && ev.object.metadata && ev.object.metadata.resourceVersion;
      if (rv) this.rv = rv;
      if (ev.type !== 'BOOKMARK') this.handle.event(ev.type, ev.object);
    };
    socket.onclose = () => {
      if (this.socket !== socket || this.stopped) return;
      if (expired) {
        this.list();
      } else {
        this.status('reconnecting');
        this.later(() => this.watch());
      }
    };
  }

  later(fn) {
    this.retry = Math.min(this.retry + 1, 5);
    setTimeout(fn, 200 * this.retry * this.retry);
  }
}
