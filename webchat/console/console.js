/*!
 * Borgerservice-assistenten: the staff console (served at /console/). Staff take over chats that
 * citizens hand off from the assistant. Talks to /api/staff (see API.md next to this file): JSON
 * over fetch with the session cookie, live changes over one EventSource.
 *
 * Everything the server sends is put on the page with textContent, never as HTML: transcripts,
 * notes and callback messages are written by citizens and colleagues.
 *
 * localStorage: "bsa-console-sound" "1"/"0" (sound on new citizens). The CSRF token lives in memory only.
 */
(function () {
  'use strict';

  var API = '/api/staff';
  var MAX_LENGTH = 2000;
  var TYPING_SEND_INTERVAL = 3000; // POST /typing at most this often while the agent types
  var TYPING_SHOW_FOR = 5000; // "Borgeren skriver …" goes away this long after the last typing event
  var WAIT_REFRESH = 15000; // "venter 3 min" is recomputed this often
  var STATUS_CLEAR_AFTER = 15000;
  var SNAPSHOT_GRACE = 10000; // a snapshot may be older than a claim the agent just made
  var SOUND_KEY = 'bsa-console-sound';
  var BASE_TITLE = document.title;

  var T = {
    language: { da: 'Dansk', en: 'Engelsk' },
    reason: {
      asked: 'Borgeren bad om en medarbejder',
      fallbacks: 'Assistenten forstod ikke spørgsmålet',
      unhelpful: 'Borgeren fandt ikke svarene brugbare',
    },
    ended: {
      cancelled: 'Borgeren har forladt samtalen.',
      dropped: 'Samtalen blev sendt tilbage i køen, fordi forbindelsen til dig blev afbrudt.',
      returned: 'Borgeren er givet tilbage til assistenten.',
      ended: 'Samtalen er afsluttet.',
      expired: 'Samtalen blev lukket, fordi der ikke skete noget i lang tid.',
    },
    endedOther: 'Samtalen er lukket.',
    endedIn: 'Samtalen med $1 er lukket: $2',
    notYours: 'Samtalen er ikke længere din.',
    noTopic: 'Intet emne',
    returnedBadge: 'Tilbageført',
    unreadBadge: 'Ny besked',
    claim: 'Tag samtalen',
    waiting: 'venter $1',
    underAMinute: 'under 1 min',
    minutes: '$1 min',
    hours: '$1 t $2 min',
    nobodyWaiting: 'Ingen venter',
    oneWaiting: '1 borger venter',
    manyWaiting: '$1 borgere venter',
    oneOnDuty: '1 medarbejder på vagt',
    manyOnDuty: '$1 medarbejdere på vagt',
    newCitizen: 'Ny borger i kø fra $1.',
    titleFlash: '($1) Ny borger i kø',
    newMessage: 'Ny besked fra borgeren i samtalen med $1.',
    connecting: 'Forbinder …',
    connected: 'Forbundet',
    disconnected: 'Forbindelsen er afbrudt – prøver igen',
    soundOn: ': til',
    soundOff: ': fra',
    signinMissing: 'Skriv dit brugernavn og din adgangskode.',
    signinInvalid: 'Forkert brugernavn eller adgangskode.',
    signinRateLimited: 'For mange forsøg. Vent $1, og prøv igen.',
    oneMinute: '1 minut',
    manyMinutes: '$1 minutter',
    signinFailed: 'Du kunne ikke logges ind. Prøv igen om lidt.',
    unreachable: 'Der er ingen forbindelse til serveren. Prøv igen om lidt.',
    signedOutExpired: 'Du er blevet logget ud. Log ind igen.',
    signedOut: 'Du er logget ud.',
    signoutFailed: 'Du blev ikke logget ud. Prøv igen.',
    notWaiting: 'En kollega har allerede taget samtalen.',
    limitReached: 'Du har nået dit maksimum af samtidige samtaler ($1).',
    queueEmpty: 'Der er ingen borgere i køen lige nu.',
    failed: 'Det lykkedes ikke. Prøv igen om lidt.',
    notFound: 'Samtalen findes ikke længere.',
    emptyMessage: 'Skriv en besked først.',
    messageFailed: 'Beskeden blev ikke sendt. Prøv igen.',
    emptyNote: 'Skriv noten først.',
    noteSaved: 'Noten er gemt.',
    noteFailed: 'Noten blev ikke gemt. Prøv igen.',
    endedByYou: 'Du har afsluttet samtalen. Assistenten takker borgeren.',
    returnedByYou: 'Borgeren er givet tilbage til assistenten.',
    callbackDone: 'Markeret som ringet op.',
    callbackDoneButton: 'Markér som ringet op',
    noCallbackMessage: 'Ingen besked.',
    phone: 'Telefon: ',
    today: 'i dag $1',
    charCount: '$1 af $2 tegn',
    sender: { citizen: 'Borger', assistant: 'Assistent', staff: 'Medarbejder', system: 'System' },
    staffSuffix: ' (medarbejder)',
    facts: {
      municipality: 'Kommune',
      language: 'Sprog',
      topic: 'Emne',
      reason: 'Hvorfor',
      enqueuedAt: 'I kø fra',
      claimedAt: 'Taget',
    },
    newWindow: ' (åbner i et nyt vindue)',
    roleAdmin: 'Administrator',
    roleAgent: 'Medarbejder',
    yes: 'Ja',
    no: 'Nej',
    none: '–',
  };

  // ---- small helpers ----
  function $(id) {
    return document.getElementById(id);
  }
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === 'text') node.textContent = attrs[name];
      else if (attrs[name] !== undefined && attrs[name] !== null && attrs[name] !== false) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) {
      node.appendChild(typeof child === 'string' ? document.createTextNode(child) : child);
    });
    return node;
  }
  function format(template) {
    var args = arguments;
    return template.replace(/\$(\d)/g, function (all, n) { return String(args[Number(n)]); });
  }
  function plural(n, one, many) {
    return n === 1 ? one : format(many, n);
  }
  function pad(n) {
    return (n < 10 ? '0' : '') + n;
  }
  function noop() { /* nothing to do */ }

  var uid = 0;
  function nextId(prefix) {
    uid += 1;
    return prefix + '-' + uid;
  }

  /** The municipality's name; the API gives {id, name}, but a bare string is tolerated. */
  function municipalityName(m) {
    if (!m) return '';
    if (typeof m === 'string') return m;
    return m.name || m.id || '';
  }
  function topicTitle(topic) {
    if (!topic) return T.noTopic;
    if (typeof topic === 'string') return topic;
    return topic.title || topic.id || T.noTopic;
  }
  function languageName(language) {
    return T.language[language] || String(language || '');
  }

  // The agent's PC clock may be off; waiting times are computed with the server's clock (its Date header).
  var clockSkew = 0;
  function noteServerTime(response) {
    var date = Date.parse(response.headers.get('Date') || '');
    if (!isNaN(date) && Math.abs(date - Date.now()) > 5000) clockSkew = date - Date.now();
  }
  function serverNow() {
    return Date.now() + clockSkew;
  }

  /** "14:03", always with a colon (Danish toLocaleTimeString writes 14.03). */
  function clock(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    return pad(d.getHours()) + ':' + pad(d.getMinutes());
  }
  /** "i dag 14:03" or "12.3. 14:03". */
  function dayAndClock(iso) {
    var d = new Date(iso);
    if (isNaN(d.getTime())) return '';
    var today = new Date();
    if (d.toDateString() === today.toDateString()) return format(T.today, clock(iso));
    return d.getDate() + '.' + (d.getMonth() + 1) + '. ' + clock(iso);
  }
  /** "under 1 min", "3 min", "1 t 5 min" since an ISO time. */
  function duration(since) {
    var ms = serverNow() - Date.parse(since);
    if (!(ms > 0)) ms = 0;
    var minutes = Math.floor(ms / 60000);
    if (minutes < 1) return T.underAMinute;
    if (minutes < 60) return format(T.minutes, minutes);
    return format(T.hours, Math.floor(minutes / 60), minutes % 60);
  }
  function timeElement(iso, text) {
    return el('time', { datetime: iso, text: text });
  }

  /** Markdown from the assistant as plain text: links as "text (address)", emphasis markers dropped. */
  function plain(markdown) {
    return String(markdown)
      .replace(/\[([^\]]+)\]\(([^)\s]+)\)/g, '$1 ($2)')
      .replace(/(\*\*|__)(.+?)\1/g, '$2');
  }
  /** Only http(s) addresses become links; anything else (javascript:, data:) stays text. */
  function safeUrl(url) {
    try {
      var parsed = new URL(String(url), window.location.href);
      return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : null;
    } catch (e) {
      return null;
    }
  }

  // ---- HTTP ----
  /** An HTTP error: status 0 for a network failure, code from the body's "error". */
  function HttpError(status, code, message, retryAfter) {
    this.name = 'HttpError';
    this.status = status;
    this.code = code || '';
    this.message = message || '';
    this.retryAfter = retryAfter;
  }
  HttpError.prototype = Object.create(Error.prototype);

  function request(method, path, body) {
    var headers = { Accept: 'application/json' };
    var init = { method: method, headers: headers, credentials: 'same-origin', cache: 'no-store' };
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
      init.body = JSON.stringify(body);
    }
    if (method !== 'GET' && method !== 'HEAD' && session.csrf) headers['X-CSRF-Token'] = session.csrf;
    return window.fetch(API + path, init).then(
      function (response) {
        noteServerTime(response);
        var retryAfter = response.headers.get('Retry-After');
        if (response.status === 204) return null;
        return response.json().then(
          function (json) {
            if (!response.ok) throw new HttpError(response.status, json && json.error, json && json.message, retryAfter);
            return json;
          },
          function () {
            if (!response.ok) throw new HttpError(response.status, '', response.statusText, retryAfter);
            return null;
          },
        );
      },
      function (error) { throw new HttpError(0, 'network', error && error.message); },
    );
  }

  /** An answer that arrived after the agent signed out (or in again): nobody wants it. */
  function stale() {
    var error = new HttpError(-1, 'stale');
    error.ignore = true;
    return error;
  }

  /**
   * request() for the signed-in console: a 401 signs out (error.ignore is then set, callers do
   * nothing more); a refused CSRF token is fetched again once and the request repeated.
   */
  function call(method, path, body, retried) {
    var generation = session.generation;
    return request(method, path, body).then(
      function (result) {
        if (generation !== session.generation) throw stale();
        return result;
      },
      function (error) {
        if (generation !== session.generation) throw stale();
        if (error.status === 401) {
          signOut(true);
          error.ignore = true;
          throw error;
        }
        if (error.status === 403 && error.code === 'csrf' && !retried) {
          return request('GET', '/session').then(
            function (answer) {
              if (generation !== session.generation) throw stale();
              adoptSession(answer);
              return call(method, path, body, true);
            },
            function (again) {
              if (again.status === 401 && generation === session.generation) {
                signOut(true);
                again.ignore = true;
              }
              throw again;
            },
          );
        }
        throw error;
      },
    );
  }

  /** The words for an error, with the caller's wording for particular codes. */
  function problem(error, byCode) {
    if (byCode && error.code && byCode[error.code]) return byCode[error.code];
    if (error.status === 0) return T.unreachable;
    return T.failed;
  }

  // ---- state ----
  var session = { agent: null, csrf: null, generation: 0 };
  var live = {
    source: null,
    reconnectTimer: null,
    failures: 0,
    state: '',
  };
  var queue = {
    entries: [],
    previousIds: null, // ids in the previous snapshot; null until the first one (no alert for those)
  };
  var mine = [];
  var unread = {};
  var closedByMe = {}; // conversations the agent ended or returned: their "ended" event needs no notice
  var drafts = {};
  var current = null; // {id, view, shown: {itemId: true}, openedAt, lastTypingSent}
  var loading = null; // {id, buffer: [activity items]} while GET /conversations/:id is under way
  var cannedReplies = [];
  var cannedInserted = null; // {before, after}: the composer's text without and with the last inserted reply
  var callbackCount = null;
  var overviewState = { busy: false, again: false };
  var timers = { wait: null, typing: null, status: null };

  // ---- status line and connection state ----
  /** A short message in the status line (a polite live region); it goes away after a while. */
  function setStatus(text) {
    var status = $('status');
    status.textContent = text || '';
    clearTimeout(timers.status);
    if (text) {
      timers.status = setTimeout(function () {
        if (status.textContent === text) status.textContent = '';
      }, STATUS_CLEAR_AFTER);
    }
  }

  function setConnection(state) {
    if (live.state === state) return; // the region is live: say each change once
    live.state = state;
    var node = $('connection');
    node.setAttribute('data-state', state);
    node.textContent = state === 'connected' ? T.connected : state === 'disconnected' ? T.disconnected : T.connecting;
  }

  // ---- sound ----
  var sound = { on: readSound(), context: null };

  function readSound() {
    try {
      return window.localStorage.getItem(SOUND_KEY) !== '0';
    } catch (e) {
      return true;
    }
  }
  function renderSound() {
    var button = $('sound');
    button.setAttribute('aria-pressed', sound.on ? 'true' : 'false');
    $('sound-state').textContent = sound.on ? T.soundOn : T.soundOff;
  }
  function toggleSound() {
    sound.on = !sound.on;
    try {
      window.localStorage.setItem(SOUND_KEY, sound.on ? '1' : '0');
    } catch (e) { /* storage blocked: the choice lasts as long as the page */ }
    renderSound();
    if (sound.on) {
      unlockAudio();
      beep(); // so the agent hears what it sounds like
    }
  }
  function audioContext(create) {
    if (!sound.context && create) {
      var Context = window.AudioContext || window.webkitAudioContext;
      if (!Context) return null;
      try {
        sound.context = new Context();
      } catch (e) {
        return null;
      }
    }
    return sound.context;
  }
  /** Browsers let a page play sound only after the user has done something on it: every click or key unlocks. */
  function unlockAudio() {
    if (!sound.on) return;
    var context = audioContext(true);
    if (context && context.state === 'suspended' && context.resume) context.resume().catch(noop);
  }
  function beep() {
    if (!sound.on) return;
    // Before the first click or key on the page the browser would refuse (and log a warning).
    var activation = navigator.userActivation;
    var context = audioContext(!activation || activation.hasBeenActive);
    if (!context) return;
    if (context.state === 'suspended' && context.resume) context.resume().catch(noop);
    try {
      var start = context.currentTime + 0.01;
      var oscillator = context.createOscillator();
      var gain = context.createGain();
      oscillator.type = 'sine';
      oscillator.frequency.setValueAtTime(880, start);
      oscillator.frequency.setValueAtTime(660, start + 0.12);
      gain.gain.setValueAtTime(0.0001, start);
      gain.gain.exponentialRampToValueAtTime(0.25, start + 0.02);
      gain.gain.setValueAtTime(0.25, start + 0.2);
      gain.gain.exponentialRampToValueAtTime(0.0001, start + 0.26);
      oscillator.connect(gain);
      gain.connect(context.destination);
      oscillator.start(start);
      oscillator.stop(start + 0.28);
    } catch (e) { /* no audio device: the title and the live region still tell */ }
  }

  // ---- the title flashes on new citizens until the agent comes back to the window ----
  var flash = { timer: null, on: false, until: 0 };

  function startFlash() {
    // An agent already looking at the console needs only a short flash; one elsewhere, until they return.
    flash.until = document.hasFocus() ? Date.now() + 6000 : Infinity;
    if (flash.timer) return;
    flash.timer = setInterval(flashTick, 1000);
    flashTick();
  }
  function flashTick() {
    if (Date.now() > flash.until || queue.entries.length === 0) {
      stopFlash();
      return;
    }
    flash.on = !flash.on;
    document.title = flash.on ? format(T.titleFlash, queue.entries.length) : BASE_TITLE;
  }
  function stopFlash() {
    clearInterval(flash.timer);
    flash.timer = null;
    flash.on = false;
    document.title = BASE_TITLE;
  }

  // ---- lists that keep their elements (and so the keyboard focus) across updates ----
  /**
   * Makes `list` show `items` in order, reusing the <li> with the same key. Returns true when the
   * element with focus was removed, so the caller can put focus somewhere sensible.
   */
  function reconcile(list, items, attribute, keyOf, create, update) {
    var wanted = {};
    items.forEach(function (item) { wanted[keyOf(item)] = true; });
    var existing = {};
    var lostFocus = false;
    Array.prototype.slice.call(list.children).forEach(function (li) {
      var key = li.getAttribute(attribute);
      if (wanted[key] && !existing[key]) {
        existing[key] = li;
      } else {
        if (li.contains(document.activeElement)) lostFocus = true;
        list.removeChild(li);
      }
    });
    items.forEach(function (item, index) {
      var key = keyOf(item);
      var li = existing[key];
      if (!li) {
        li = create(item);
        li.setAttribute(attribute, key);
      }
      update(li, item);
      var at = list.children[index];
      if (at !== li) list.insertBefore(li, at || null);
    });
    return lostFocus;
  }

  // ---- signing in and out ----
  function showSignin(message, focus) {
    $('loading').hidden = true;
    $('app').hidden = true;
    $('nav').hidden = true;
    $('session-bar').hidden = true;
    $('signin-view').hidden = false;
    $('signin-error').textContent = message || '';
    $('password').value = '';
    $('username').removeAttribute('aria-invalid');
    $('password').removeAttribute('aria-invalid');
    if (focus) $('username').focus();
  }

  function showApp() {
    $('loading').hidden = true;
    $('signin-view').hidden = true;
    $('signin-error').textContent = '';
    $('app').hidden = false;
    $('nav').hidden = false;
    $('session-bar').hidden = false;
    $('agent-name').textContent = session.agent.name || session.agent.id || '';
    var admin = session.agent.role === 'admin';
    $('overview').hidden = !admin;
    $('nav-overview').hidden = !admin;
    renderSound();
  }

  function adoptSession(body) {
    if (body && body.csrfToken) session.csrf = body.csrfToken;
    if (body && body.agent) session.agent = body.agent;
  }

  function signedIn(body, fromForm) {
    session.generation += 1;
    session.agent = null;
    adoptSession(body);
    if (!session.agent) {
      showSignin(T.signinFailed, fromForm);
      return;
    }
    resetConsole();
    showApp();
    connect();
    loadCanned();
    timers.wait = setInterval(refreshTimes, WAIT_REFRESH);
    if (fromForm) $('queue-heading').focus();
  }

  /** expired: the server no longer knows the session (a 401), as opposed to the agent's own "Log ud". */
  function signOut(expired) {
    session.generation += 1;
    session.agent = null;
    session.csrf = null;
    disconnect();
    resetConsole();
    showSignin(expired ? T.signedOutExpired : '', true);
    if (!expired) setStatus(T.signedOut);
  }

  /** Forgets everything of the previous session, so a colleague signing in on the same PC sees nothing of it. */
  function resetConsole() {
    clearInterval(timers.wait);
    clearTimeout(timers.typing);
    stopFlash();
    queue.entries = [];
    queue.previousIds = null;
    mine = [];
    unread = {};
    closedByMe = {};
    drafts = {};
    current = null;
    loading = null;
    cannedReplies = [];
    cannedInserted = null;
    callbackCount = null;
    overviewState = { busy: false, again: false };
    live.failures = 0;
    $('queue').textContent = '';
    $('mine').textContent = '';
    $('callbacks').textContent = '';
    $('messages').textContent = '';
    $('notes').textContent = '';
    $('composer').value = '';
    $('note').value = '';
    $('no-conversation-reason').hidden = true;
    $('no-conversation-reason').textContent = '';
    var canned = $('canned');
    while (canned.options.length > 1) canned.remove(1);
    $('onduty-count').textContent = '';
    renderQueueCounts(null);
    setStatus('');
    renderMine();
    renderCallbacksEmpty();
    hideConversation();
    setConnection('connecting');
  }

  function onSigninSubmit(event) {
    event.preventDefault();
    unlockAudio();
    var username = $('username');
    var password = $('password');
    var error = $('signin-error');
    var missing = [username, password].filter(function (input) { return !input.value.trim(); });
    [username, password].forEach(function (input) {
      if (missing.indexOf(input) >= 0) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
    });
    if (missing.length > 0) {
      error.textContent = T.signinMissing;
      missing[0].focus();
      return;
    }
    var button = event.target.querySelector('button[type="submit"]');
    button.disabled = true;
    error.textContent = '';
    request('POST', '/session', { username: username.value.trim(), password: password.value }).then(
      function (body) {
        button.disabled = false;
        password.value = '';
        signedIn(body, true);
      },
      function (failure) {
        button.disabled = false;
        password.value = '';
        if (failure.status === 401 || failure.code === 'invalid_credentials') {
          error.textContent = T.signinInvalid;
          password.setAttribute('aria-invalid', 'true');
          password.focus();
        } else if (failure.status === 429 || failure.code === 'rate_limited') {
          var minutes = retryMinutes(failure.retryAfter);
          error.textContent = format(T.signinRateLimited, plural(minutes, T.oneMinute, T.manyMinutes));
        } else if (failure.status === 400) {
          error.textContent = T.signinMissing;
        } else {
          error.textContent = failure.status === 0 ? T.unreachable : T.signinFailed;
        }
      },
    );
  }

  /** Retry-After is seconds or an HTTP date; the agent is told whole minutes, at least one. */
  function retryMinutes(value) {
    var seconds = Number(value);
    if (!(seconds >= 0) || String(value || '').trim() === '') {
      var date = Date.parse(value || '');
      seconds = isNaN(date) ? 60 : (date - serverNow()) / 1000;
    }
    return Math.max(1, Math.ceil(seconds / 60));
  }

  function onSignoutClick() {
    var button = $('signout');
    button.disabled = true;
    call('DELETE', '/session').then(
      function () {
        button.disabled = false;
        signOut(false);
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        setStatus(T.signoutFailed);
      },
    );
  }

  // ---- live events ----
  function connect() {
    disconnect();
    var generation = session.generation;
    var source;
    try {
      source = new window.EventSource(API + '/events');
    } catch (e) {
      scheduleReconnect();
      return;
    }
    live.source = source;
    setConnection(live.failures > 0 ? 'disconnected' : 'connecting');
    source.addEventListener('open', function () {
      if (source !== live.source) return;
      live.failures = 0;
      setConnection('connected');
    });
    source.addEventListener('error', function () {
      if (source !== live.source || generation !== session.generation) return;
      setConnection('disconnected');
      // CONNECTING: EventSource tries again by itself. CLOSED: the server answered with something
      // other than a stream (a 401 when the session is gone, or a proxy's error page), after which
      // EventSource gives up; the session check tells which.
      if (source.readyState !== 2) return;
      source.close();
      live.source = null;
      call('GET', '/session').then(
        function (body) {
          adoptSession(body);
          scheduleReconnect();
        },
        function (error) {
          if (!error.ignore) scheduleReconnect();
        },
      );
    });
    listen(source, 'snapshot', onSnapshot);
    listen(source, 'activity', onActivity);
    listen(source, 'typing', onTyping);
    listen(source, 'ended', onEnded);
  }

  function listen(source, name, handler) {
    source.addEventListener(name, function (event) {
      if (source !== live.source) return;
      var data;
      try {
        data = JSON.parse(event.data);
      } catch (e) {
        return;
      }
      if (data && typeof data === 'object') handler(data);
    });
  }

  function scheduleReconnect() {
    clearTimeout(live.reconnectTimer);
    live.failures += 1;
    var delay = Math.min(30000, 1000 * Math.pow(2, live.failures));
    var generation = session.generation;
    live.reconnectTimer = setTimeout(function () {
      if (generation === session.generation) connect();
    }, delay);
  }

  function disconnect() {
    clearTimeout(live.reconnectTimer);
    if (live.source) live.source.close();
    live.source = null;
  }

  // ---- snapshot: queue, my conversations, counts ----
  function onSnapshot(snapshot) {
    var entries = Array.isArray(snapshot.queue) ? snapshot.queue : [];
    var previous = queue.previousIds;
    var fresh = previous ? entries.filter(function (entry) { return !previous[entry.conversationId]; }) : [];
    queue.entries = entries;
    queue.previousIds = {};
    entries.forEach(function (entry) { queue.previousIds[entry.conversationId] = true; });
    renderQueue();
    renderQueueCounts(typeof snapshot.onDuty === 'number' ? snapshot.onDuty : null);
    if (fresh.length > 0) announceNewCitizens(fresh);

    if (Array.isArray(snapshot.mine)) {
      mine = snapshot.mine.slice();
      // A conversation just claimed may be newer than this snapshot: keep it until the next one.
      if (current && !isMine(current.id) && Date.now() - current.openedAt < SNAPSHOT_GRACE) mine.push(summaryOf(current.view));
      Object.keys(unread).forEach(function (id) { if (!isMine(id)) delete unread[id]; });
      renderMine();
      if (current && !isMine(current.id)) closeConversation(format(T.endedIn, municipalityName(current.view.municipality), T.notYours));
    }

    if (typeof snapshot.callbacks === 'number' && snapshot.callbacks !== callbackCount) {
      callbackCount = snapshot.callbacks;
      $('nav-callbacks').textContent = '(' + callbackCount + ')';
      loadCallbacks();
    }
    if (session.agent && session.agent.role === 'admin') loadOverview();
  }

  function announceNewCitizens(entries) {
    setStatus(entries.map(function (entry) { return format(T.newCitizen, municipalityName(entry.municipality)); }).join(' '));
    beep();
    startFlash();
  }

  function renderQueueCounts(onDuty) {
    var n = queue.entries.length;
    $('waiting-count').textContent = n === 0 ? T.nobodyWaiting : plural(n, T.oneWaiting, T.manyWaiting);
    if (onDuty !== null) $('onduty-count').textContent = plural(onDuty, T.oneOnDuty, T.manyOnDuty);
    $('nav-queue').textContent = '(' + n + ')';
  }

  function renderQueue() {
    var list = $('queue');
    var lostFocus = reconcile(list, queue.entries, 'data-conversation-id',
      function (entry) { return entry.conversationId; },
      createQueueItem,
      updateQueueItem);
    $('queue-empty').hidden = queue.entries.length > 0;
    if (lostFocus) $('next').focus();
  }

  function createQueueItem(entry) {
    var titleId = nextId('queue-title');
    var metaId = nextId('queue-meta');
    var button = el('button', { type: 'button', class: 'btn btn-primary', 'aria-describedby': titleId + ' ' + metaId, text: T.claim });
    button.addEventListener('click', function () { claim(entry.conversationId, button); });
    return el('li', { class: 'card queue-item' }, [
      el('p', { id: titleId, class: 'card-title' }, [
        el('span', { class: 'municipality' }),
        ' ',
        el('span', { class: 'badge badge-returned', text: T.returnedBadge }),
      ]),
      el('p', { id: metaId, class: 'card-meta' }, [
        el('span', { class: 'language' }),
        el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
        el('span', { class: 'topic' }),
        el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
        el('span', { class: 'wait' }),
      ]),
      button,
    ]);
  }

  function updateQueueItem(li, entry) {
    li.querySelector('.municipality').textContent = municipalityName(entry.municipality);
    li.querySelector('.badge-returned').hidden = !entry.returned;
    li.querySelector('.language').textContent = languageName(entry.language);
    li.querySelector('.topic').textContent = topicTitle(entry.topic);
    var wait = li.querySelector('.wait');
    wait.setAttribute('data-since', entry.enqueuedAt || '');
    wait.textContent = format(T.waiting, duration(entry.enqueuedAt));
    li.classList.toggle('is-returned', Boolean(entry.returned));
  }

  /** Waiting times move on without a snapshot. Not announced: they would interrupt every 15 seconds. */
  function refreshTimes() {
    Array.prototype.forEach.call(document.querySelectorAll('#queue .wait[data-since]'), function (node) {
      node.textContent = format(T.waiting, duration(node.getAttribute('data-since')));
    });
    Array.prototype.forEach.call(document.querySelectorAll('#overview-queues [data-since]'), function (node) {
      node.textContent = duration(node.getAttribute('data-since'));
    });
  }

  // ---- claiming ----
  function claimErrors() {
    return {
      not_waiting: T.notWaiting,
      limit_reached: format(T.limitReached, session.agent ? session.agent.maxConversations : ''),
      queue_empty: T.queueEmpty,
    };
  }

  function claim(conversationId, button) {
    button.disabled = true;
    call('POST', '/conversations/' + encodeURIComponent(conversationId) + '/claim').then(
      function (view) {
        button.disabled = false;
        claimed(view);
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        setStatus(problem(error, claimErrors()));
        if (error.code === 'not_waiting') {
          // Gone from the queue; no need to wait for the snapshot that says so.
          queue.entries = queue.entries.filter(function (entry) { return entry.conversationId !== conversationId; });
          renderQueue();
          renderQueueCounts(null);
        }
      },
    );
  }

  function claimNext() {
    var button = $('next');
    button.disabled = true;
    call('POST', '/queue/next').then(
      function (view) {
        button.disabled = false;
        claimed(view);
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        setStatus(problem(error, claimErrors()));
        button.focus();
      },
    );
  }

  function claimed(view) {
    if (!view || !view.conversationId) return;
    if (!isMine(view.conversationId)) mine.push(summaryOf(view));
    // It leaves the queue now; the next snapshot says so too.
    queue.entries = queue.entries.filter(function (entry) { return entry.conversationId !== view.conversationId; });
    renderQueue();
    renderQueueCounts(null);
    stashDraft();
    openConversation(view, true);
  }

  function summaryOf(view) {
    return {
      conversationId: view.conversationId,
      municipality: view.municipality,
      language: view.language,
      topic: view.topic,
      claimedAt: view.claimedAt,
    };
  }

  // ---- my conversations ----
  function isMine(id) {
    return mine.some(function (summary) { return summary.conversationId === id; });
  }
  function mineSummary(id) {
    for (var i = 0; i < mine.length; i++) if (mine[i].conversationId === id) return mine[i];
    return null;
  }

  function renderMine() {
    var list = $('mine');
    var lostFocus = reconcile(list, mine, 'data-conversation-id',
      function (summary) { return summary.conversationId; },
      createMineItem,
      updateMineItem);
    $('mine-empty').hidden = mine.length > 0;
    $('nav-mine').textContent = '(' + mine.length + ')';
    if (lostFocus) $('mine-heading').focus();
  }

  function createMineItem(summary) {
    var id = summary.conversationId;
    var button = el('button', { type: 'button', class: 'mine-button' }, [
      el('span', { class: 'mine-title' }),
      el('span', { class: 'sr-only', text: ', ' }),
      el('span', { class: 'mine-meta' }),
      el('span', { class: 'badge badge-unread', text: T.unreadBadge }),
    ]);
    button.addEventListener('click', function () { selectConversation(id); });
    return el('li', {}, [button]);
  }

  function updateMineItem(li, summary) {
    var id = summary.conversationId;
    var button = li.querySelector('button');
    li.querySelector('.mine-title').textContent = municipalityName(summary.municipality) + ' – ' + topicTitle(summary.topic);
    li.querySelector('.mine-meta').textContent = languageName(summary.language) + (summary.claimedAt ? ', ' + clock(summary.claimedAt) : '');
    li.querySelector('.badge-unread').hidden = !unread[id];
    var selected = Boolean(current && current.id === id) || Boolean(loading && loading.id === id);
    if (selected) button.setAttribute('aria-current', 'true');
    else button.removeAttribute('aria-current');
    li.classList.toggle('is-unread', Boolean(unread[id]));
  }

  function selectConversation(id) {
    if (current && current.id === id) {
      $('conversation-heading').focus();
      return;
    }
    stashDraft();
    var generation = session.generation;
    loading = { id: id, buffer: [] };
    renderMine();
    call('GET', '/conversations/' + encodeURIComponent(id)).then(
      function (view) {
        if (!loading || loading.id !== id || generation !== session.generation) return;
        var buffer = loading.buffer;
        loading = null;
        openConversation(view, true);
        buffer.forEach(appendMessage);
      },
      function (error) {
        if (error.ignore || !loading || loading.id !== id) return;
        loading = null;
        if (error.status === 404) {
          mine = mine.filter(function (summary) { return summary.conversationId !== id; });
          setStatus(T.notFound);
        } else {
          setStatus(problem(error));
        }
        renderMine();
      },
    );
  }

  // ---- the open conversation ----
  function openConversation(view, focus) {
    var language = view.language === 'en' ? 'en' : 'da';
    current = { id: view.conversationId, view: view, shown: {}, openedAt: Date.now(), lastTypingSent: 0, language: language };
    delete unread[view.conversationId];
    hideTyping();
    toggleConfirm(null);

    $('conversation-heading').textContent = municipalityName(view.municipality) + ' – ' + topicTitle(view.topic);
    renderContext(view);
    renderTranscript(view.transcript || []);
    renderNotes(view.notes || []);

    var composer = $('composer');
    composer.value = drafts[view.conversationId] || '';
    cannedInserted = null;
    $('canned').value = '';
    updateCount();

    $('no-conversation').hidden = true;
    $('no-conversation-reason').hidden = true;
    $('conversation').hidden = false;
    renderMine();
    scrollTranscriptToEnd();
    if (focus) $('conversation-heading').focus();
  }

  function stashDraft() {
    if (current) drafts[current.id] = $('composer').value;
  }

  function hideConversation() {
    $('conversation').hidden = true;
    $('no-conversation').hidden = false;
    hideTyping();
    toggleConfirm(null);
  }

  /** The view closes (ended, returned, gone); why is said in the status line and stays on the page. */
  function closeConversation(message) {
    if (!current) return;
    var view = $('conversation');
    var hadFocus = view.contains(document.activeElement) || document.activeElement === document.body;
    delete drafts[current.id];
    current = null;
    hideConversation();
    var reason = $('no-conversation-reason');
    reason.textContent = message;
    reason.hidden = !message;
    if (message) setStatus(message);
    renderMine();
    // Focus was in what just disappeared: put it where the message is, not back at the top of the page.
    if (hadFocus) $('no-conversation-heading').focus();
  }

  function renderContext(view) {
    var context = view.context || {};
    var facts = $('context-facts');
    facts.textContent = '';
    var rows = [
      [T.facts.municipality, municipalityName(view.municipality)],
      [T.facts.language, languageName(view.language)],
      [T.facts.topic, topicTitle(view.topic)],
      [T.facts.reason, T.reason[context.reason] || context.reason || T.none],
      [T.facts.enqueuedAt, view.enqueuedAt ? dayAndClock(view.enqueuedAt) : T.none],
      [T.facts.claimedAt, view.claimedAt ? dayAndClock(view.claimedAt) : T.none],
    ];
    rows.forEach(function (row) {
      facts.appendChild(el('div', { class: 'fact' }, [el('dt', { text: row[0] }), el('dd', { text: row[1] })]));
    });

    var intents = Array.isArray(context.intents) ? context.intents : [];
    var intentList = $('intents');
    intentList.textContent = '';
    intents.forEach(function (intent) {
      intentList.appendChild(el('li', {}, [
        el('span', { text: intent.title || intent.id || '' }),
        ' ',
        el('span', { class: 'score', text: percent(intent.score) }),
      ]));
    });
    $('intents-empty').hidden = intents.length > 0;

    var guides = Array.isArray(context.guides) ? context.guides : [];
    var guideList = $('guides');
    guideList.textContent = '';
    guides.forEach(function (guide) {
      var href = safeUrl(guide.url);
      var title = guide.title || guide.url || '';
      guideList.appendChild(el('li', {}, [
        href
          ? el('a', { href: href, target: '_blank', rel: 'noopener noreferrer' }, [title, el('span', { class: 'sr-only', text: T.newWindow })])
          : el('span', { text: title }),
      ]));
    });
    $('guides-empty').hidden = guides.length > 0;
  }

  /** Scores are 0–1; "87 %" the Danish way, with a space. */
  function percent(score) {
    var n = Number(score);
    if (!isFinite(n)) return '';
    if (n <= 1) n *= 100;
    return Math.round(n) + ' %';
  }

  function renderTranscript(items) {
    var log = $('transcript');
    var list = $('messages');
    // Filling the log is not news: aria-busy keeps screen readers from reading the whole history.
    log.setAttribute('aria-busy', 'true');
    list.textContent = '';
    items.forEach(function (item) { addMessage(item); });
    log.setAttribute('aria-busy', 'false');
  }

  function addMessage(item) {
    if (!current || !item) return false;
    var key = item.id !== undefined && item.id !== null ? String(item.id) : null;
    if (key && current.shown[key]) return false;
    if (key) current.shown[key] = true;
    var from = T.sender[item.from] ? item.from : 'system';
    var sender = from === 'staff' ? (item.name || T.sender.staff) + T.staffSuffix : T.sender[from];
    var text = from === 'assistant' ? plain(item.text || '') : String(item.text || '');
    var textAttrs = { class: 'message-text', text: text };
    if (current.language === 'en') textAttrs.lang = 'en';
    $('messages').appendChild(el('li', { class: 'message message-' + from, 'data-from': from, 'data-id': key }, [
      el('p', { class: 'message-meta' }, [
        el('span', { class: 'sender', text: sender }),
        ' ',
        item.at ? timeElement(item.at, clock(item.at)) : el('span'),
      ]),
      el('p', textAttrs),
    ]));
    return true;
  }

  /** A new message in the open conversation: added, and the log follows it if the agent was at the end. */
  function appendMessage(item) {
    var log = $('transcript');
    var atEnd = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
    if (!addMessage(item)) return;
    if (item.from === 'citizen') hideTyping();
    if (atEnd) scrollTranscriptToEnd();
  }

  function scrollTranscriptToEnd() {
    var log = $('transcript');
    log.scrollTop = log.scrollHeight;
  }

  function renderNotes(notes) {
    var list = $('notes');
    list.textContent = '';
    notes.forEach(addNote);
    $('notes-empty').hidden = notes.length > 0;
  }

  function addNote(note) {
    var author = note.author && typeof note.author === 'object' ? note.author.name || note.author.id : note.author;
    $('notes').appendChild(el('li', { class: 'note', 'data-id': note.id }, [
      el('p', { class: 'note-meta' }, [
        el('span', { class: 'sender', text: author || T.sender.staff }),
        ' ',
        note.at ? timeElement(note.at, dayAndClock(note.at)) : el('span'),
      ]),
      el('p', { class: 'note-text', text: note.text || '' }),
    ]));
    $('notes-empty').hidden = true;
  }

  // ---- events about held conversations ----
  function onActivity(data) {
    var id = data.conversationId;
    var item = data.item;
    if (!item) return;
    if (current && current.id === id) {
      appendMessage(item);
      return;
    }
    if (loading && loading.id === id) {
      loading.buffer.push(item);
      return;
    }
    if (item.from === 'citizen' && isMine(id)) {
      unread[id] = true;
      renderMine();
      var summary = mineSummary(id);
      setStatus(format(T.newMessage, summary ? municipalityName(summary.municipality) : ''));
    }
  }

  function onTyping(data) {
    if (!current || current.id !== data.conversationId) return;
    var typing = $('typing');
    typing.hidden = false;
    clearTimeout(timers.typing);
    timers.typing = setTimeout(hideTyping, TYPING_SHOW_FOR);
  }

  function hideTyping() {
    clearTimeout(timers.typing);
    $('typing').hidden = true;
  }

  function onEnded(data) {
    var id = data.conversationId;
    var summary = mineSummary(id);
    var name = municipalityName((summary && summary.municipality) || (current && current.id === id && current.view.municipality));
    var why = T.ended[data.reason] || T.endedOther;
    mine = mine.filter(function (s) { return s.conversationId !== id; });
    delete unread[id];
    delete drafts[id];
    if (closedByMe[id]) {
      delete closedByMe[id];
      renderMine();
      return;
    }
    if (loading && loading.id === id) loading = null;
    if (current && current.id === id) {
      closeConversation(format(T.endedIn, name, why));
    } else {
      renderMine();
      setStatus(format(T.endedIn, name, why));
    }
  }

  // ---- writing to the citizen ----
  function updateCount() {
    $('composer-count').textContent = format(T.charCount, $('composer').value.length, MAX_LENGTH);
  }

  function onComposerInput() {
    updateCount();
    if (!current || !$('composer').value.trim()) return;
    var now = Date.now();
    if (now - current.lastTypingSent < TYPING_SEND_INTERVAL) return;
    current.lastTypingSent = now;
    call('POST', '/conversations/' + encodeURIComponent(current.id) + '/typing').catch(noop);
  }

  function onComposerKeydown(event) {
    // Enter sends, Shift+Enter is a new line; not while an input method is composing a character.
    if (event.key !== 'Enter' || event.shiftKey || event.ctrlKey || event.altKey || event.metaKey) return;
    if (event.isComposing || event.keyCode === 229) return;
    event.preventDefault();
    sendMessage();
  }

  function sendMessage() {
    if (!current) return;
    var composer = $('composer');
    var text = composer.value.trim();
    if (!text) {
      setStatus(T.emptyMessage);
      return;
    }
    if (text.length > MAX_LENGTH) text = text.slice(0, MAX_LENGTH);
    var id = current.id;
    var name = session.agent && session.agent.name;
    var button = $('send');
    if (button.disabled) return;
    button.disabled = true;
    composer.value = '';
    cannedInserted = null;
    updateCount();
    call('POST', '/conversations/' + encodeURIComponent(id) + '/messages', { text: text }).then(
      function (answer) {
        button.disabled = false;
        // The activity event may bring the same message; the id keeps it from showing twice.
        if (current && current.id === id) {
          appendMessage({ id: answer && answer.id, from: 'staff', name: name, text: text, at: new Date(serverNow()).toISOString() });
          current.lastTypingSent = 0;
        }
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        if (current && current.id === id && !composer.value) {
          composer.value = text;
          updateCount();
        }
        setStatus(error.status === 404 || error.status === 409 ? T.notYours : error.status === 0 ? T.unreachable : T.messageFailed);
      },
    );
  }

  // ---- canned replies ----
  function loadCanned() {
    call('GET', '/canned-replies').then(
      function (body) {
        cannedReplies = (body && Array.isArray(body.replies)) ? body.replies : [];
        var select = $('canned');
        while (select.options.length > 1) select.remove(1);
        cannedReplies.forEach(function (reply, index) {
          select.appendChild(el('option', { value: reply.id !== undefined ? String(reply.id) : 'reply-' + index, text: reply.title || '' }));
        });
      },
      noop, // without canned replies the agent can still write
    );
  }

  /**
   * Puts the chosen reply into the composer without sending it. Choosing another reply right after
   * replaces the first (a keyboard user moving through the list changes it one step at a time);
   * text the agent wrote is kept and the reply goes after it.
   */
  function onCannedChange() {
    var select = $('canned');
    var reply = cannedReplies[select.selectedIndex - 1]; // the first option is "Vælg et standardsvar"
    if (!current || !reply || select.value === '') return;
    var texts = reply.text || {};
    var text = typeof texts === 'string' ? texts : texts[current.language] || texts.da || texts.en || '';
    var composer = $('composer');
    var before = cannedInserted && composer.value === cannedInserted.after ? cannedInserted.before : composer.value;
    var joined = before && !/\s$/.test(before) ? before + '\n' + text : before + text;
    joined = joined.slice(0, MAX_LENGTH);
    composer.value = joined;
    cannedInserted = { before: before, after: joined };
    updateCount();
  }

  // ---- notes ----
  function saveNote(event) {
    event.preventDefault();
    if (!current) return;
    var input = $('note');
    var text = input.value.trim();
    if (!text) {
      setStatus(T.emptyNote);
      input.focus();
      return;
    }
    var id = current.id;
    var button = $('save-note');
    button.disabled = true;
    call('POST', '/conversations/' + encodeURIComponent(id) + '/notes', { text: text.slice(0, MAX_LENGTH) }).then(
      function (note) {
        button.disabled = false;
        if (!current || current.id !== id) return;
        input.value = '';
        addNote(note || { text: text, author: session.agent && session.agent.name, at: new Date(serverNow()).toISOString() });
        setStatus(T.noteSaved);
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        setStatus(error.status === 0 ? T.unreachable : T.noteFailed);
      },
    );
  }

  // ---- ending and returning, each with a confirmation on the page ----
  var CONFIRMS = {
    end: { trigger: 'end', box: 'confirm-end', no: 'confirm-end-no', yes: 'confirm-end-yes', path: '/end', done: 'endedByYou' },
    'return': { trigger: 'return', box: 'confirm-return', no: 'confirm-return-no', yes: 'confirm-return-yes', path: '/return', done: 'returnedByYou' },
  };

  /** Shows one confirmation (name) or none (null). */
  function toggleConfirm(name, returnFocus) {
    Object.keys(CONFIRMS).forEach(function (key) {
      var c = CONFIRMS[key];
      var box = $(c.box);
      var show = key === name;
      var hadFocus = box.contains(document.activeElement);
      box.hidden = !show;
      $(c.trigger).setAttribute('aria-expanded', show ? 'true' : 'false');
      if (show) $(c.no).focus();
      else if (hadFocus && returnFocus) $(c.trigger).focus();
    });
  }

  function confirmed(name) {
    if (!current) return;
    var c = CONFIRMS[name];
    var id = current.id;
    var yes = $(c.yes);
    yes.disabled = true;
    closedByMe[id] = true;
    call('POST', '/conversations/' + encodeURIComponent(id) + c.path).then(
      function () {
        yes.disabled = false;
        mine = mine.filter(function (s) { return s.conversationId !== id; });
        if (current && current.id === id) closeConversation(T[c.done]);
        else renderMine();
      },
      function (error) {
        yes.disabled = false;
        delete closedByMe[id];
        if (error.ignore) return;
        if (error.status === 404 || error.status === 409) {
          mine = mine.filter(function (s) { return s.conversationId !== id; });
          if (current && current.id === id) closeConversation(T.notYours);
          return;
        }
        toggleConfirm(null, true);
        setStatus(problem(error));
      },
    );
  }

  // ---- callbacks ----
  function loadCallbacks() {
    call('GET', '/callbacks').then(
      function (body) {
        renderCallbacks(body && Array.isArray(body.callbacks) ? body.callbacks : []);
      },
      function (error) {
        if (!error.ignore) callbackCount = null; // try again on the next snapshot
      },
    );
  }

  function renderCallbacks(callbacks) {
    var list = $('callbacks');
    var lostFocus = reconcile(list, callbacks, 'data-callback-id',
      function (callback) { return String(callback.id); },
      createCallbackItem,
      updateCallbackItem);
    renderCallbacksEmpty();
    if (lostFocus) $('callbacks-heading').focus();
  }

  function renderCallbacksEmpty() {
    var n = $('callbacks').children.length;
    $('callbacks-empty').hidden = n > 0;
    $('nav-callbacks').textContent = '(' + n + ')';
  }

  function createCallbackItem(callback) {
    var titleId = nextId('callback-title');
    var phoneId = nextId('callback-phone');
    var button = el('button', { type: 'button', class: 'btn btn-secondary', 'aria-describedby': titleId + ' ' + phoneId, text: T.callbackDoneButton });
    var li = el('li', { class: 'card callback' }, [
      el('p', { id: titleId, class: 'card-title' }, [el('span', { class: 'municipality' })]),
      el('p', { id: phoneId, class: 'phone' }),
      el('p', { class: 'card-meta' }, [
        el('span', { class: 'language' }),
        el('span', { class: 'sep', 'aria-hidden': 'true', text: ' · ' }),
        el('span', { class: 'when' }),
      ]),
      el('p', { class: 'callback-message' }),
      button,
    ]);
    button.addEventListener('click', function () { callbackDone(li, button); });
    return li;
  }

  function updateCallbackItem(li, callback) {
    li.querySelector('.municipality').textContent = municipalityName(callback.municipality);
    var phoneLine = li.querySelector('.phone');
    phoneLine.textContent = '';
    var phone = String(callback.phone || '');
    var dial = phone.replace(/[^\d+]/g, '');
    phoneLine.appendChild(document.createTextNode(T.phone));
    phoneLine.appendChild(dial ? el('a', { href: 'tel:' + dial, text: phone }) : el('span', { text: phone || T.none }));
    li.querySelector('.language').textContent = languageName(callback.language);
    var when = li.querySelector('.when');
    when.textContent = '';
    if (callback.createdAt) when.appendChild(timeElement(callback.createdAt, dayAndClock(callback.createdAt)));
    var message = li.querySelector('.callback-message');
    message.textContent = callback.message ? callback.message : T.noCallbackMessage;
    if (callback.message && callback.language === 'en') message.setAttribute('lang', 'en');
    else message.removeAttribute('lang');
  }

  function callbackDone(li, button) {
    var id = li.getAttribute('data-callback-id');
    button.disabled = true;
    call('POST', '/callbacks/' + encodeURIComponent(id) + '/done').then(
      function () {
        // Focus goes to the next request (or the heading), not back to the top of the page.
        var next = li.nextElementSibling || li.previousElementSibling;
        if (li.parentNode) li.parentNode.removeChild(li);
        renderCallbacksEmpty();
        setStatus(T.callbackDone);
        if (next) next.querySelector('button').focus();
        else $('callbacks-heading').focus();
      },
      function (error) {
        button.disabled = false;
        if (error.ignore) return;
        if (error.status === 404) {
          if (li.parentNode) li.parentNode.removeChild(li); // a colleague was quicker
          renderCallbacksEmpty();
          $('callbacks-heading').focus();
          return;
        }
        setStatus(problem(error));
      },
    );
  }

  // ---- overview (admins) ----
  /** One request at a time; snapshots arriving meanwhile ask for one more afterwards. */
  function loadOverview() {
    if (overviewState.busy) {
      overviewState.again = true;
      return;
    }
    var state = overviewState;
    state.busy = true;
    state.again = false;
    call('GET', '/overview').then(
      function (body) {
        state.busy = false;
        renderOverview(body || {});
        if (state.again && state === overviewState) loadOverview();
      },
      function (error) {
        state.busy = false;
        if (error.ignore) return;
        if (error.status === 403) {
          $('overview').hidden = true;
          $('nav-overview').hidden = true;
          return;
        }
        $('overview-error').hidden = false;
      },
    );
  }

  function renderOverview(body) {
    $('overview-error').hidden = true;
    var agents = $('overview-agents').tBodies[0];
    agents.textContent = '';
    (Array.isArray(body.agents) ? body.agents : []).forEach(function (agent) {
      agents.appendChild(el('tr', {}, [
        el('th', { scope: 'row', text: agent.name || agent.id || '' }),
        el('td', { text: agent.role === 'admin' ? T.roleAdmin : T.roleAgent }),
        el('td', { text: agent.onDuty ? T.yes : T.no }),
        el('td', { text: String(agent.conversations === undefined ? T.none : agent.conversations) }),
      ]));
    });
    var queues = $('overview-queues').tBodies[0];
    queues.textContent = '';
    (Array.isArray(body.queues) ? body.queues : []).forEach(function (q) {
      var oldest = q.oldestEnqueuedAt
        ? el('td', { 'data-since': q.oldestEnqueuedAt, text: duration(q.oldestEnqueuedAt) })
        : el('td', { text: T.none });
      queues.appendChild(el('tr', {}, [
        el('th', { scope: 'row', text: q.id || '' }),
        el('td', { text: String(q.waiting === undefined ? T.none : q.waiting) }),
        oldest,
        el('td', { text: String(q.agentsOnDuty === undefined ? T.none : q.agentsOnDuty) }),
      ]));
    });
  }

  // ---- wiring ----
  function start() {
    $('signin').addEventListener('submit', onSigninSubmit);
    $('signout').addEventListener('click', onSignoutClick);
    $('sound').addEventListener('click', toggleSound);
    $('next').addEventListener('click', claimNext);

    var composer = $('composer');
    composer.setAttribute('maxlength', String(MAX_LENGTH));
    composer.addEventListener('input', onComposerInput);
    composer.addEventListener('keydown', onComposerKeydown);
    $('composer-form').addEventListener('submit', function (event) {
      event.preventDefault();
      sendMessage();
    });
    $('canned').addEventListener('change', onCannedChange);
    $('note-form').addEventListener('submit', saveNote);

    Object.keys(CONFIRMS).forEach(function (name) {
      var c = CONFIRMS[name];
      $(c.trigger).addEventListener('click', function () {
        toggleConfirm($(c.box).hidden ? name : null, true);
      });
      $(c.no).addEventListener('click', function () { toggleConfirm(null, true); });
      $(c.yes).addEventListener('click', function () { confirmed(name); });
      $(c.box).addEventListener('keydown', function (event) {
        if (event.key !== 'Escape') return;
        event.preventDefault();
        toggleConfirm(null, true);
      });
    });

    window.addEventListener('focus', stopFlash);
    document.addEventListener('pointerdown', unlockAudio, true);
    document.addEventListener('keydown', unlockAudio, true);
    renderSound();

    request('GET', '/session').then(
      function (body) { signedIn(body, false); },
      function (error) {
        showSignin(error.status === 401 ? '' : error.status === 0 ? T.unreachable : '', true);
      },
    );
  }

  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', start);
  else start();
})();
