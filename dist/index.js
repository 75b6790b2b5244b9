import { createRequire as __WEBPACK_EXTERNAL_createRequire } from "module";
/******/ var __webpack_modules__ = ({

/***/ 770:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

module.exports = __nccwpck_require__(218);


/***/ }),

/***/ 218:
/***/ ((__unused_webpack_module, exports, __nccwpck_require__) => {



var net = __nccwpck_require__(9278);
var tls = __nccwpck_require__(4756);
var http = __nccwpck_require__(8611);
var https = __nccwpck_require__(5692);
var events = __nccwpck_require__(4434);
var assert = __nccwpck_require__(2613);
var util = __nccwpck_require__(9023);


exports.httpOverHttp = httpOverHttp;
exports.httpsOverHttp = httpsOverHttp;
exports.httpOverHttps = httpOverHttps;
exports.httpsOverHttps = httpsOverHttps;


function httpOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  return agent;
}

function httpsOverHttp(options) {
  var agent = new TunnelingAgent(options);
  agent.request = http.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}

function httpOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  return agent;
}

function httpsOverHttps(options) {
  var agent = new TunnelingAgent(options);
  agent.request = https.request;
  agent.createSocket = createSecureSocket;
  agent.defaultPort = 443;
  return agent;
}


function TunnelingAgent(options) {
  var self = this;
  self.options = options || {};
  self.proxyOptions = self.options.proxy || {};
  self.maxSockets = self.options.maxSockets || http.Agent.defaultMaxSockets;
  self.requests = [];
  self.sockets = [];

  self.on('free', function onFree(socket, host, port, localAddress) {
    var options = toOptions(host, port, localAddress);
    for (var i = 0, len = self.requests.length; i < len; ++i) {
      var pending = self.requests[i];
      if (pending.host === options.host && pending.port === options.port) {
        // Detect the request to connect same origin server,
        // reuse the connection.
        self.requests.splice(i, 1);
        pending.request.onSocket(socket);
        return;
      }
    }
    socket.destroy();
    self.removeSocket(socket);
  });
}
util.inherits(TunnelingAgent, events.EventEmitter);

TunnelingAgent.prototype.addRequest = function addRequest(req, host, port, localAddress) {
  var self = this;
  var options = mergeOptions({request: req}, self.options, toOptions(host, port, localAddress));

  if (self.sockets.length >= this.maxSockets) {
    // We are over limit so we'll add it to the queue.
    self.requests.push(options);
    return;
  }

  // If we are under maxSockets create a new one.
  self.createSocket(options, function(socket) {
    socket.on('free', onFree);
    socket.on('close', onCloseOrRemove);
    socket.on('agentRemove', onCloseOrRemove);
    req.onSocket(socket);

    function onFree() {
      self.emit('free', socket, options);
    }

    function onCloseOrRemove(err) {
      self.removeSocket(socket);
      socket.removeListener('free', onFree);
      socket.removeListener('close', onCloseOrRemove);
      socket.removeListener('agentRemove', onCloseOrRemove);
    }
  });
};

TunnelingAgent.prototype.createSocket = function createSocket(options, cb) {
  var self = this;
  var placeholder = {};
  self.sockets.push(placeholder);

  var connectOptions = mergeOptions({}, self.proxyOptions, {
    method: 'CONNECT',
    path: options.host + ':' + options.port,
    agent: false,
    headers: {
      host: options.host + ':' + options.port
    }
  });
  if (options.localAddress) {
    connectOptions.localAddress = options.localAddress;
  }
  if (connectOptions.proxyAuth) {
    connectOptions.headers = connectOptions.headers || {};
    connectOptions.headers['Proxy-Authorization'] = 'Basic ' +
        new Buffer(connectOptions.proxyAuth).toString('base64');
  }

  debug('making CONNECT request');
  var connectReq = self.request(connectOptions);
  connectReq.useChunkedEncodingByDefault = false; // for v0.6
  connectReq.once('response', onResponse); // for v0.6
  connectReq.once('upgrade', onUpgrade);   // for v0.6
  connectReq.once('connect', onConnect);   // for v0.7 or later
  connectReq.once('error', onError);
  connectReq.end();

  function onResponse(res) {
    // Very hacky. This is necessary to avoid http-parser leaks.
    res.upgrade = true;
  }

  function onUpgrade(res, socket, head) {
    // Hacky.
    process.nextTick(function() {
      onConnect(res, socket, head);
    });
  }

  function onConnect(res, socket, head) {
    connectReq.removeAllListeners();
    socket.removeAllListeners();

    if (res.statusCode !== 200) {
      debug('tunneling socket could not be established, statusCode=%d',
        res.statusCode);
      socket.destroy();
      var error = new Error('tunneling socket could not be established, ' +
        'statusCode=' + res.statusCode);
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    if (head.length > 0) {
      debug('got illegal response body from proxy');
      socket.destroy();
      var error = new Error('got illegal response body from proxy');
      error.code = 'ECONNRESET';
      options.request.emit('error', error);
      self.removeSocket(placeholder);
      return;
    }
    debug('tunneling connection has established');
    self.sockets[self.sockets.indexOf(placeholder)] = socket;
    return cb(socket);
  }

  function onError(cause) {
    connectReq.removeAllListeners();

    debug('tunneling socket could not be established, cause=%s\n',
          cause.message, cause.stack);
    var error = new Error('tunneling socket could not be established, ' +
                          'cause=' + cause.message);
    error.code = 'ECONNRESET';
    options.request.emit('error', error);
    self.removeSocket(placeholder);
  }
};

TunnelingAgent.prototype.removeSocket = function removeSocket(socket) {
  var pos = this.sockets.indexOf(socket)
  if (pos === -1) {
    return;
  }
  this.sockets.splice(pos, 1);

  var pending = this.requests.shift();
  if (pending) {
    // If we have pending requests and a socket gets closed a new one
    // needs to be created to take over in the pool for the one that closed.
    this.createSocket(pending, function(socket) {
      pending.request.onSocket(socket);
    });
  }
};

function createSecureSocket(options, cb) {
  var self = this;
  TunnelingAgent.prototype.createSocket.call(self, options, function(socket) {
    var hostHeader = options.request.getHeader('host');
    var tlsOptions = mergeOptions({}, self.options, {
      socket: socket,
      servername: hostHeader ? hostHeader.replace(/:.*$/, '') : options.host
    });

    // 0 is dummy port for v0.6
    var secureSocket = tls.connect(0, tlsOptions);
    self.sockets[self.sockets.indexOf(socket)] = secureSocket;
    cb(secureSocket);
  });
}


function toOptions(host, port, localAddress) {
  if (typeof host === 'string') { // since v0.10
    return {
      host: host,
      port: port,
      localAddress: localAddress
    };
  }
  return host; // for v0.11 or later
}

function mergeOptions(target) {
  for (var i = 1, len = arguments.length; i < len; ++i) {
    var overrides = arguments[i];
    if (typeof overrides === 'object') {
      var keys = Object.keys(overrides);
      for (var j = 0, keyLen = keys.length; j < keyLen; ++j) {
        var k = keys[j];
        if (overrides[k] !== undefined) {
          target[k] = overrides[k];
        }
      }
    }
  }
  return target;
}


var debug;
if (process.env.NODE_DEBUG && /\btunnel\b/.test(process.env.NODE_DEBUG)) {
  debug = function() {
    var args = Array.prototype.slice.call(arguments);
    if (typeof args[0] === 'string') {
      args[0] = 'TUNNEL: ' + args[0];
    } else {
      args.unshift('TUNNEL:');
    }
    console.error.apply(console, args);
  }
} else {
  debug = function() {};
}
exports.debug = debug; // for test


/***/ }),

/***/ 5803:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { websocketMask, websocketUnmask } = __nccwpck_require__(8611);
const {
  types: { isAnyArrayBuffer }
} = __nccwpck_require__(9023);

const { EMPTY_BUFFER } = __nccwpck_require__(1791);

const FastBuffer = Buffer[Symbol.species];

/**
 * Merges an array of buffers into a new buffer.
 *
 * @param {Buffer[]} list The array of buffers to concat
 * @param {Number} totalLength The total length of buffers in the list
 * @return {Buffer} The resulting buffer
 * @public
 */
function concat(list, totalLength) {
  if (list.length === 0) return EMPTY_BUFFER;
  if (list.length === 1) return list[0];

  const target = Buffer.allocUnsafe(totalLength);
  let offset = 0;

  for (let i = 0; i < list.length; i++) {
    const buf = list[i];
    target.set(buf, offset);
    offset += buf.length;
  }

  if (offset < totalLength) {
    return new FastBuffer(target.buffer, target.byteOffset, offset);
  }

  return target;
}

/**
 * Masks a buffer using the given mask.
 *
 * @param {Buffer} source The buffer to mask
 * @param {Buffer} mask The mask to use
 * @param {Buffer} output The buffer where to store the result
 * @param {Number} offset The offset at which to start writing
 * @param {Number} length The number of bytes to mask.
 * @public
 */
function _mask(source, mask, output, offset, length) {
  for (let i = 0; i < length; i++) {
    output[offset + i] = source[i] ^ mask[i & 3];
  }
}

/**
 * Unmasks a buffer using the given mask.
 *
 * @param {Buffer} buffer The buffer to unmask
 * @param {Buffer} mask The mask to use
 * @public
 */
function _unmask(buffer, mask) {
  for (let i = 0; i < buffer.length; i++) {
    buffer[i] ^= mask[i & 3];
  }
}

/**
 * Converts a buffer to an `ArrayBuffer`.
 *
 * @param {Buffer} buf The buffer to convert
 * @return {ArrayBuffer} Converted buffer
 * @public
 */
function toArrayBuffer(buf) {
  if (buf.length === buf.buffer.byteLength) {
    return buf.buffer;
  }

  return buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length);
}

/**
 * Converts `data` to a `Buffer`.
 *
 * @param {*} data The data to convert
 * @return {Buffer} The buffer
 * @throws {TypeError}
 * @public
 */
function toBuffer(data) {
  toBuffer.readOnly = true;

  if (Buffer.isBuffer(data)) return data;

  let buf;

  if (isAnyArrayBuffer(data)) {
    buf = new FastBuffer(data);
  } else if (ArrayBuffer.isView(data)) {
    buf = new FastBuffer(data.buffer, data.byteOffset, data.byteLength);
  } else {
    buf = Buffer.from(data);
    toBuffer.readOnly = false;
  }

  return buf;
}

module.exports = {
  concat,
  mask: _mask,
  toArrayBuffer,
  toBuffer,
  unmask: _unmask
};

if (websocketMask) {
  module.exports.mask = function (source, mask, output, offset, length) {
    if (length < 24) _mask(source, mask, output, offset, length);
    else websocketMask(source, mask, output, offset, length);
  };

  module.exports.unmask = function (buffer, mask) {
    if (buffer.length < 24) _unmask(buffer, mask);
    else websocketUnmask(buffer, mask);
  };
} /* istanbul ignore else  */ else if (!process.env.WS_NO_BUFFER_UTIL) {
  try {
    const bufferUtil = __nccwpck_require__(8327);

    module.exports.mask = function (source, mask, output, offset, length) {
      if (length < 48) _mask(source, mask, output, offset, length);
      else bufferUtil.mask(source, mask, output, offset, length);
    };

    module.exports.unmask = function (buffer, mask) {
      if (buffer.length < 32) _unmask(buffer, mask);
      else bufferUtil.unmask(buffer, mask);
    };
  } catch (e) {
    // Continue regardless of the error.
  }
}


/***/ }),

/***/ 1791:
/***/ ((module) => {



const BINARY_TYPES = ['nodebuffer', 'arraybuffer', 'fragments'];
const hasBlob = typeof Blob !== 'undefined';

if (hasBlob) BINARY_TYPES.push('blob');

module.exports = {
  BINARY_TYPES,
  CLOSE_TIMEOUT: 30000,
  EMPTY_BUFFER: Buffer.alloc(0),
  GUID: '258EAFA5-E914-47DA-95CA-C5AB0DC85B11',
  hasBlob,
  kForOnEventAttribute: Symbol('kIsForOnEventAttribute'),
  kListener: Symbol('kListener'),
  kStatusCode: Symbol('status-code'),
  kWebSocket: Symbol('websocket'),
  NOOP: () => {}
};


/***/ }),

/***/ 4634:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { kForOnEventAttribute, kListener } = __nccwpck_require__(1791);

const kCode = Symbol('kCode');
const kData = Symbol('kData');
const kError = Symbol('kError');
const kMessage = Symbol('kMessage');
const kReason = Symbol('kReason');
const kTarget = Symbol('kTarget');
const kType = Symbol('kType');
const kWasClean = Symbol('kWasClean');

/**
 * Class representing an event.
 */
class Event {
  /**
   * Create a new `Event`.
   *
   * @param {String} type The name of the event
   * @throws {TypeError} If the `type` argument is not specified
   */
  constructor(type) {
    this[kTarget] = null;
    this[kType] = type;
  }

  /**
   * @type {*}
   */
  get target() {
    return this[kTarget];
  }

  /**
   * @type {String}
   */
  get type() {
    return this[kType];
  }
}

Object.defineProperty(Event.prototype, 'target', { enumerable: true });
Object.defineProperty(Event.prototype, 'type', { enumerable: true });

/**
 * Class representing a close event.
 *
 * @extends Event
 */
class CloseEvent extends Event {
  /**
   * Create a new `CloseEvent`.
   *
   * @param {String} type The name of the event
   * @param {Object} [options] A dictionary object that allows for setting
   *     attributes via object members of the same name
   * @param {Number} [options.code=0] The status code explaining why the
   *     connection was closed
   * @param {String} [options.reason=''] A human-readable string explaining why
   *     the connection was closed
   * @param {Boolean} [options.wasClean=false] Indicates whether or not the
   *     connection was cleanly closed
   */
  constructor(type, options = {}) {
    super(type);

    this[kCode] = options.code === undefined ? 0 : options.code;
    this[kReason] = options.reason === undefined ? '' : options.reason;
    this[kWasClean] = options.wasClean === undefined ? false : options.wasClean;
  }

  /**
   * @type {Number}
   */
  get code() {
    return this[kCode];
  }

  /**
   * @type {String}
   */
  get reason() {
    return this[kReason];
  }

  /**
   * @type {Boolean}
   */
  get wasClean() {
    return this[kWasClean];
  }
}

Object.defineProperty(CloseEvent.prototype, 'code', { enumerable: true });
Object.defineProperty(CloseEvent.prototype, 'reason', { enumerable: true });
Object.defineProperty(CloseEvent.prototype, 'wasClean', { enumerable: true });

/**
 * Class representing an error event.
 *
 * @extends Event
 */
class ErrorEvent extends Event {
  /**
   * Create a new `ErrorEvent`.
   *
   * @param {String} type The name of the event
   * @param {Object} [options] A dictionary object that allows for setting
   *     attributes via object members of the same name
   * @param {*} [options.error=null] The error that generated this event
   * @param {String} [options.message=''] The error message
   */
  constructor(type, options = {}) {
    super(type);

    this[kError] = options.error === undefined ? null : options.error;
    this[kMessage] = options.message === undefined ? '' : options.message;
  }

  /**
   * @type {*}
   */
  get error() {
    return this[kError];
  }

  /**
   * @type {String}
   */
  get message() {
    return this[kMessage];
  }
}

Object.defineProperty(ErrorEvent.prototype, 'error', { enumerable: true });
Object.defineProperty(ErrorEvent.prototype, 'message', { enumerable: true });

/**
 * Class representing a message event.
 *
 * @extends Event
 */
class MessageEvent extends Event {
  /**
   * Create a new `MessageEvent`.
   *
   * @param {String} type The name of the event
   * @param {Object} [options] A dictionary object that allows for setting
   *     attributes via object members of the same name
   * @param {*} [options.data=null] The message content
   */
  constructor(type, options = {}) {
    super(type);

    this[kData] = options.data === undefined ? null : options.data;
  }

  /**
   * @type {*}
   */
  get data() {
    return this[kData];
  }
}

Object.defineProperty(MessageEvent.prototype, 'data', { enumerable: true });

/**
 * This provides methods for emulating the `EventTarget` interface. It's not
 * meant to be used directly.
 *
 * @mixin
 */
const EventTarget = {
  /**
   * Register an event listener.
   *
   * @param {String} type A string representing the event type to listen for
   * @param {(Function|Object)} handler The listener to add
   * @param {Object} [options] An options object specifies characteristics about
   *     the event listener
   * @param {Boolean} [options.once=false] A `Boolean` indicating that the
   *     listener should be invoked at most once after being added. If `true`,
   *     the listener would be automatically removed when invoked.
   * @public
   */
  addEventListener(type, handler, options = {}) {
    for (const listener of this.listeners(type)) {
      if (
        !options[kForOnEventAttribute] &&
        listener[kListener] === handler &&
        !listener[kForOnEventAttribute]
      ) {
        return;
      }
    }

    let wrapper;

    if (type === 'message') {
      wrapper = function onMessage(data, isBinary) {
        const event = new MessageEvent('message', {
          data: isBinary ? data : data.toString()
        });

        event[kTarget] = this;
        callListener(handler, this, event);
      };
    } else if (type === 'close') {
      wrapper = function onClose(code, message) {
        const event = new CloseEvent('close', {
          code,
          reason: message.toString(),
          wasClean: this._closeFrameReceived && this._closeFrameSent
        });

        event[kTarget] = this;
        callListener(handler, this, event);
      };
    } else if (type === 'error') {
      wrapper = function onError(error) {
        const event = new ErrorEvent('error', {
          error,
          message: error.message
        });

        event[kTarget] = this;
        callListener(handler, this, event);
      };
    } else if (type === 'open') {
      wrapper = function onOpen() {
        const event = new Event('open');

        event[kTarget] = this;
        callListener(handler, this, event);
      };
    } else {
      return;
    }

    wrapper[kForOnEventAttribute] = !!options[kForOnEventAttribute];
    wrapper[kListener] = handler;

    if (options.once) {
      this.once(type, wrapper);
    } else {
      this.on(type, wrapper);
    }
  },

  /**
   * Remove an event listener.
   *
   * @param {String} type A string representing the event type to remove
   * @param {(Function|Object)} handler The listener to remove
   * @public
   */
  removeEventListener(type, handler) {
    for (const listener of this.listeners(type)) {
      if (listener[kListener] === handler && !listener[kForOnEventAttribute]) {
        this.removeListener(type, listener);
        break;
      }
    }
  }
};

module.exports = {
  CloseEvent,
  ErrorEvent,
  Event,
  EventTarget,
  MessageEvent
};

/**
 * Call an event listener
 *
 * @param {(Function|Object)} listener The listener to call
 * @param {*} thisArg The value to use as `this`` when calling the listener
 * @param {Event} event The event to pass to the listener
 * @private
 */
function callListener(listener, thisArg, event) {
  if (typeof listener === 'object' && listener.handleEvent) {
    listener.handleEvent.call(listener, event);
  } else {
    listener.call(thisArg, event);
  }
}


/***/ }),

/***/ 1335:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { tokenChars } = __nccwpck_require__(6615);

/**
 * Adds an offer to the map of extension offers or a parameter to the map of
 * parameters.
 *
 * @param {Object} dest The map of extension offers or parameters
 * @param {String} name The extension or parameter name
 * @param {(Object|Boolean|String)} elem The extension parameters or the
 *     parameter value
 * @private
 */
function push(dest, name, elem) {
  if (dest[name] === undefined) dest[name] = [elem];
  else dest[name].push(elem);
}

/**
 * Parses the `Sec-WebSocket-Extensions` header into an object.
 *
 * @param {String} header The field value of the header
 * @return {Object} The parsed object
 * @public
 */
function parse(header) {
  const offers = Object.create(null);
  let params = Object.create(null);
  let mustUnescape = false;
  let isEscaping = false;
  let inQuotes = false;
  let extensionName;
  let paramName;
  let start = -1;
  let code = -1;
  let end = -1;
  let i = 0;

  for (; i < header.length; i++) {
    code = header.charCodeAt(i);

    if (extensionName === undefined) {
      if (end === -1 && tokenChars[code] === 1) {
        if (start === -1) start = i;
      } else if (
        i !== 0 &&
        (code === 0x20 /* ' ' */ || code === 0x09) /* '\t' */
      ) {
        if (end === -1 && start !== -1) end = i;
      } else if (code === 0x3b /* ';' */ || code === 0x2c /* ',' */) {
        if (start === -1) {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }

        if (end === -1) end = i;
        const name = header.slice(start, end);
        if (code === 0x2c) {
          push(offers, name, params);
          params = Object.create(null);
        } else {
          extensionName = name;
        }

        start = end = -1;
      } else {
        throw new SyntaxError(`Unexpected character at index ${i}`);
      }
    } else if (paramName === undefined) {
      if (end === -1 && tokenChars[code] === 1) {
        if (start === -1) start = i;
      } else if (code === 0x20 || code === 0x09) {
        if (end === -1 && start !== -1) end = i;
      } else if (code === 0x3b || code === 0x2c) {
        if (start === -1) {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }

        if (end === -1) end = i;
        push(params, header.slice(start, end), true);
        if (code === 0x2c) {
          push(offers, extensionName, params);
          params = Object.create(null);
          extensionName = undefined;
        }

        start = end = -1;
      } else if (code === 0x3d /* '=' */ && start !== -1 && end === -1) {
        paramName = header.slice(start, i);
        start = end = -1;
      } else {
        throw new SyntaxError(`Unexpected character at index ${i}`);
      }
    } else {
      //
      // The value of a quoted-string after unescaping must conform to the
      // token ABNF, so only token characters are valid.
      // Ref: https://tools.ietf.org/html/rfc6455#section-9.1
      //
      if (isEscaping) {
        if (tokenChars[code] !== 1) {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }
        if (start === -1) start = i;
        else if (!mustUnescape) mustUnescape = true;
        isEscaping = false;
      } else if (inQuotes) {
        if (tokenChars[code] === 1) {
          if (start === -1) start = i;
        } else if (code === 0x22 /* '"' */ && start !== -1) {
          inQuotes = false;
          end = i;
        } else if (code === 0x5c /* '\' */) {
          isEscaping = true;
        } else {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }
      } else if (code === 0x22 && header.charCodeAt(i - 1) === 0x3d) {
        inQuotes = true;
      } else if (end === -1 && tokenChars[code] === 1) {
        if (start === -1) start = i;
      } else if (start !== -1 && (code === 0x20 || code === 0x09)) {
        if (end === -1) end = i;
      } else if (code === 0x3b || code === 0x2c) {
        if (start === -1) {
          throw new SyntaxError(`Unexpected character at index ${i}`);
        }

        if (end === -1) end = i;
        let value = header.slice(start, end);
        if (mustUnescape) {
          value = value.replace(/\\/g, '');
          mustUnescape = false;
        }
        push(params, paramName, value);
        if (code === 0x2c) {
          push(offers, extensionName, params);
          params = Object.create(null);
          extensionName = undefined;
        }

        paramName = undefined;
        start = end = -1;
      } else {
        throw new SyntaxError(`Unexpected character at index ${i}`);
      }
    }
  }

  if (start === -1 || inQuotes || code === 0x20 || code === 0x09) {
    throw new SyntaxError('Unexpected end of input');
  }

  if (end === -1) end = i;
  const token = header.slice(start, end);
  if (extensionName === undefined) {
    push(offers, token, params);
  } else {
    if (paramName === undefined) {
      push(params, token, true);
    } else if (mustUnescape) {
      push(params, paramName, token.replace(/\\/g, ''));
    } else {
      push(params, paramName, token);
    }
    push(offers, extensionName, params);
  }

  return offers;
}

/**
 * Builds the `Sec-WebSocket-Extensions` header field value.
 *
 * @param {Object} extensions The map of extensions and parameters to format
 * @return {String} A string representing the given object
 * @public
 */
function format(extensions) {
  return Object.keys(extensions)
    .map((extension) => {
      let configurations = extensions[extension];
      if (!Array.isArray(configurations)) configurations = [configurations];
      return configurations
        .map((params) => {
          return [extension]
            .concat(
              Object.keys(params).map((k) => {
                let values = params[k];
                if (!Array.isArray(values)) values = [values];
                return values
                  .map((v) => (v === true ? k : `${k}=${v}`))
                  .join('; ');
              })
            )
            .join('; ');
        })
        .join(', ');
    })
    .join(', ');
}

module.exports = { format, parse };


/***/ }),

/***/ 958:
/***/ ((module) => {



const kDone = Symbol('kDone');
const kRun = Symbol('kRun');

/**
 * A very simple job queue with adjustable concurrency. Adapted from
 * https://github.com/STRML/async-limiter
 */
class Limiter {
  /**
   * Creates a new `Limiter`.
   *
   * @param {Number} [concurrency=Infinity] The maximum number of jobs allowed
   *     to run concurrently
   */
  constructor(concurrency) {
    this[kDone] = () => {
      this.pending--;
      this[kRun]();
    };
    this.concurrency = concurrency || Infinity;
    this.jobs = [];
    this.pending = 0;
  }

  /**
   * Adds a job to the queue.
   *
   * @param {Function} job The job to run
   * @public
   */
  add(job) {
    this.jobs.push(job);
    this[kRun]();
  }

  /**
   * Removes a job from the queue and runs it if possible.
   *
   * @private
   */
  [kRun]() {
    if (this.pending === this.concurrency) return;

    if (this.jobs.length) {
      const job = this.jobs.shift();

      this.pending++;
      job(this[kDone]);
    }
  }
}

module.exports = Limiter;


/***/ }),

/***/ 4376:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const zlib = __nccwpck_require__(3106);

const bufferUtil = __nccwpck_require__(5803);
const Limiter = __nccwpck_require__(958);
const { kStatusCode } = __nccwpck_require__(1791);

const FastBuffer = Buffer[Symbol.species];
const TRAILER = Buffer.from([0x00, 0x00, 0xff, 0xff]);
const kPerMessageDeflate = Symbol('permessage-deflate');
const kTotalLength = Symbol('total-length');
const kCallback = Symbol('callback');
const kBuffers = Symbol('buffers');
const kError = Symbol('error');
const windowBitsRegex = /^(?:[89]|1[0-5])$/;

//
// We limit zlib concurrency, which prevents severe memory fragmentation
// as documented in https://github.com/nodejs/node/issues/8871#issuecomment-250915913
// and https://github.com/websockets/ws/issues/1202
//
// Intentionally global; it's the global thread pool that's an issue.
//
let zlibLimiter;

/**
 * permessage-deflate implementation.
 */
class PerMessageDeflate {
  /**
   * Creates a PerMessageDeflate instance.
   *
   * @param {Object} [options] Configuration options
   * @param {(Boolean|Number)} [options.clientMaxWindowBits] Advertise support
   *     for, or request, a custom client window size
   * @param {Boolean} [options.clientNoContextTakeover=false] Advertise/
   *     acknowledge disabling of client context takeover
   * @param {Number} [options.concurrencyLimit=10] The number of concurrent
   *     calls to zlib
   * @param {Boolean} [options.isServer=false] Create the instance in either
   *     server or client mode
   * @param {Number} [options.maxPayload=0] The maximum allowed message length
   * @param {(Boolean|Number)} [options.serverMaxWindowBits] Request/confirm the
   *     use of a custom server window size
   * @param {Boolean} [options.serverNoContextTakeover=false] Request/accept
   *     disabling of server context takeover
   * @param {Number} [options.threshold=1024] Size (in bytes) below which
   *     messages should not be compressed if context takeover is disabled
   * @param {Object} [options.zlibDeflateOptions] Options to pass to zlib on
   *     deflate
   * @param {Object} [options.zlibInflateOptions] Options to pass to zlib on
   *     inflate
   */
  constructor(options) {
    this._options = options || {};
    this._threshold =
      this._options.threshold !== undefined ? this._options.threshold : 1024;
    this._maxPayload = this._options.maxPayload | 0;
    this._isServer = !!this._options.isServer;
    this._deflate = null;
    this._inflate = null;

    this.params = null;

    if (!zlibLimiter) {
      const concurrency =
        this._options.concurrencyLimit !== undefined
          ? this._options.concurrencyLimit
          : 10;
      zlibLimiter = new Limiter(concurrency);
    }
  }

  /**
   * @type {String}
   */
  static get extensionName() {
    return 'permessage-deflate';
  }

  /**
   * Create an extension negotiation offer.
   *
   * @return {Object} Extension parameters
   * @public
   */
  offer() {
    const params = {};

    if (this._options.serverNoContextTakeover) {
      params.server_no_context_takeover = true;
    }
    if (this._options.clientNoContextTakeover) {
      params.client_no_context_takeover = true;
    }
    if (this._options.serverMaxWindowBits) {
      params.server_max_window_bits = this._options.serverMaxWindowBits;
    }
    if (this._options.clientMaxWindowBits) {
      params.client_max_window_bits = this._options.clientMaxWindowBits;
    } else if (this._options.clientMaxWindowBits == null) {
      params.client_max_window_bits = true;
    }

    return params;
  }

  /**
   * Accept an extension negotiation offer/response.
   *
   * @param {Array} configurations The extension negotiation offers/response
   * @return {Object} Accepted configuration
   * @public
   */
  accept(configurations) {
    configurations = this.normalizeParams(configurations);

    this.params = this._isServer
      ? this.acceptAsServer(configurations)
      : this.acceptAsClient(configurations);

    return this.params;
  }

  /**
   * Releases all resources used by the extension.
   *
   * @public
   */
  cleanup() {
    if (this._inflate) {
      this._inflate.close();
      this._inflate = null;
    }

    if (this._deflate) {
      const callback = this._deflate[kCallback];

      this._deflate.close();
      this._deflate = null;

      if (callback) {
        callback(
          new Error(
            'The deflate stream was closed while data was being processed'
          )
        );
      }
    }
  }

  /**
   *  Accept an extension negotiation offer.
   *
   * @param {Array} offers The extension negotiation offers
   * @return {Object} Accepted configuration
   * @private
   */
  acceptAsServer(offers) {
    const opts = this._options;
    const accepted = offers.find((params) => {
      if (
        (opts.serverNoContextTakeover === false &&
          params.server_no_context_takeover) ||
        (params.server_max_window_bits &&
          (opts.serverMaxWindowBits === false ||
            (typeof opts.serverMaxWindowBits === 'number' &&
              opts.serverMaxWindowBits > params.server_max_window_bits))) ||
        (typeof opts.clientMaxWindowBits === 'number' &&
          (typeof params.client_max_window_bits === 'number'
            ? opts.clientMaxWindowBits > params.client_max_window_bits
            : !params.client_max_window_bits))
      ) {
        return false;
      }

      return true;
    });

    if (!accepted) {
      throw new Error('None of the extension offers can be accepted');
    }

    if (opts.serverNoContextTakeover) {
      accepted.server_no_context_takeover = true;
    }
    if (opts.clientNoContextTakeover) {
      accepted.client_no_context_takeover = true;
    }
    if (typeof opts.serverMaxWindowBits === 'number') {
      accepted.server_max_window_bits = opts.serverMaxWindowBits;
    }
    if (typeof opts.clientMaxWindowBits === 'number') {
      accepted.client_max_window_bits = opts.clientMaxWindowBits;
    } else if (
      accepted.client_max_window_bits === true ||
      opts.clientMaxWindowBits === false
    ) {
      delete accepted.client_max_window_bits;
    }

    return accepted;
  }

  /**
   * Accept the extension negotiation response.
   *
   * @param {Array} response The extension negotiation response
   * @return {Object} Accepted configuration
   * @private
   */
  acceptAsClient(response) {
    const params = response[0];

    if (
      this._options.clientNoContextTakeover === false &&
      params.client_no_context_takeover
    ) {
      throw new Error('Unexpected parameter "client_no_context_takeover"');
    }

    if (!params.client_max_window_bits) {
      if (typeof this._options.clientMaxWindowBits === 'number') {
        params.client_max_window_bits = this._options.clientMaxWindowBits;
      }
    } else if (
      this._options.clientMaxWindowBits === false ||
      (typeof this._options.clientMaxWindowBits === 'number' &&
        params.client_max_window_bits > this._options.clientMaxWindowBits)
    ) {
      throw new Error(
        'Unexpected or invalid parameter "client_max_window_bits"'
      );
    }

    return params;
  }

  /**
   * Normalize parameters.
   *
   * @param {Array} configurations The extension negotiation offers/response
   * @return {Array} The offers/response with normalized parameters
   * @private
   */
  normalizeParams(configurations) {
    configurations.forEach((params) => {
      Object.keys(params).forEach((key) => {
        let value = params[key];

        if (value.length > 1) {
          throw new Error(`Parameter "${key}" must have only a single value`);
        }

        value = value[0];

        if (key === 'client_max_window_bits') {
          if (value !== true) {
            if (!windowBitsRegex.test(value)) {
              throw new TypeError(
                `Invalid value for parameter "${key}": ${value}`
              );
            }
            value = +value;
          } else if (!this._isServer) {
            throw new TypeError(
              `Invalid value for parameter "${key}": ${value}`
            );
          }
        } else if (key === 'server_max_window_bits') {
          if (!windowBitsRegex.test(value)) {
            throw new TypeError(
              `Invalid value for parameter "${key}": ${value}`
            );
          }
          value = +value;
        } else if (
          key === 'client_no_context_takeover' ||
          key === 'server_no_context_takeover'
        ) {
          if (value !== true) {
            throw new TypeError(
              `Invalid value for parameter "${key}": ${value}`
            );
          }
        } else {
          throw new Error(`Unknown parameter "${key}"`);
        }

        params[key] = value;
      });
    });

    return configurations;
  }

  /**
   * Decompress data. Concurrency limited.
   *
   * @param {Buffer} data Compressed data
   * @param {Boolean} fin Specifies whether or not this is the last fragment
   * @param {Function} callback Callback
   * @public
   */
  decompress(data, fin, callback) {
    zlibLimiter.add((done) => {
      this._decompress(data, fin, (err, result) => {
        done();
        callback(err, result);
      });
    });
  }

  /**
   * Compress data. Concurrency limited.
   *
   * @param {(Buffer|String)} data Data to compress
   * @param {Boolean} fin Specifies whether or not this is the last fragment
   * @param {Function} callback Callback
   * @public
   */
  compress(data, fin, callback) {
    zlibLimiter.add((done) => {
      this._compress(data, fin, (err, result) => {
        done();
        callback(err, result);
      });
    });
  }

  /**
   * Decompress data.
   *
   * @param {Buffer} data Compressed data
   * @param {Boolean} fin Specifies whether or not this is the last fragment
   * @param {Function} callback Callback
   * @private
   */
  _decompress(data, fin, callback) {
    const endpoint = this._isServer ? 'client' : 'server';

    if (!this._inflate) {
      const key = `${endpoint}_max_window_bits`;
      const windowBits =
        typeof this.params[key] !== 'number'
          ? zlib.Z_DEFAULT_WINDOWBITS
          : this.params[key];

      this._inflate = zlib.createInflateRaw({
        ...this._options.zlibInflateOptions,
        windowBits
      });
      this._inflate[kPerMessageDeflate] = this;
      this._inflate[kTotalLength] = 0;
      this._inflate[kBuffers] = [];
      this._inflate.on('error', inflateOnError);
      this._inflate.on('data', inflateOnData);
    }

    this._inflate[kCallback] = callback;

    this._inflate.write(data);
    if (fin) this._inflate.write(TRAILER);

    this._inflate.flush(() => {
      const err = this._inflate[kError];

      if (err) {
        this._inflate.close();
        this._inflate = null;
        callback(err);
        return;
      }

      const data = bufferUtil.concat(
        this._inflate[kBuffers],
        this._inflate[kTotalLength]
      );

      if (this._inflate._readableState.endEmitted) {
        this._inflate.close();
        this._inflate = null;
      } else {
        this._inflate[kTotalLength] = 0;
        this._inflate[kBuffers] = [];

        if (fin && this.params[`${endpoint}_no_context_takeover`]) {
          this._inflate.reset();
        }
      }

      callback(null, data);
    });
  }

  /**
   * Compress data.
   *
   * @param {(Buffer|String)} data Data to compress
   * @param {Boolean} fin Specifies whether or not this is the last fragment
   * @param {Function} callback Callback
   * @private
   */
  _compress(data, fin, callback) {
    const endpoint = this._isServer ? 'server' : 'client';

    if (!this._deflate) {
      const key = `${endpoint}_max_window_bits`;
      const windowBits =
        typeof this.params[key] !== 'number'
          ? zlib.Z_DEFAULT_WINDOWBITS
          : this.params[key];

      this._deflate = zlib.createDeflateRaw({
        ...this._options.zlibDeflateOptions,
        windowBits
      });

      this._deflate[kTotalLength] = 0;
      this._deflate[kBuffers] = [];

      this._deflate.on('data', deflateOnData);
    }

    this._deflate[kCallback] = callback;

    this._deflate.write(data);
    this._deflate.flush(zlib.Z_SYNC_FLUSH, () => {
      if (!this._deflate) {
        //
        // The deflate stream was closed while data was being processed.
        //
        return;
      }

      let data = bufferUtil.concat(
        this._deflate[kBuffers],
        this._deflate[kTotalLength]
      );

      if (fin) {
        data = new FastBuffer(data.buffer, data.byteOffset, data.length - 4);
      }

      //
      // Ensure that the callback will not be called again in
      // `PerMessageDeflate#cleanup()`.
      //
      this._deflate[kCallback] = null;

      this._deflate[kTotalLength] = 0;
      this._deflate[kBuffers] = [];

      if (fin && this.params[`${endpoint}_no_context_takeover`]) {
        this._deflate.reset();
      }

      callback(null, data);
    });
  }
}

module.exports = PerMessageDeflate;

/**
 * The listener of the `zlib.DeflateRaw` stream `'data'` event.
 *
 * @param {Buffer} chunk A chunk of data
 * @private
 */
function deflateOnData(chunk) {
  this[kBuffers].push(chunk);
  this[kTotalLength] += chunk.length;
}

/**
 * The listener of the `zlib.InflateRaw` stream `'data'` event.
 *
 * @param {Buffer} chunk A chunk of data
 * @private
 */
function inflateOnData(chunk) {
  this[kTotalLength] += chunk.length;

  if (
    this[kPerMessageDeflate]._maxPayload < 1 ||
    this[kTotalLength] <= this[kPerMessageDeflate]._maxPayload
  ) {
    this[kBuffers].push(chunk);
    return;
  }

  this[kError] = new RangeError('Max payload size exceeded');
  this[kError].code = 'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH';
  this[kError][kStatusCode] = 1009;
  this.removeListener('data', inflateOnData);

  //
  // The choice to employ `zlib.reset()` over `zlib.close()` is dictated by the
  // fact that in Node.js versions prior to 13.10.0, the callback for
  // `zlib.flush()` is not called if `zlib.close()` is used. Utilizing
  // `zlib.reset()` ensures that either the callback is invoked or an error is
  // emitted.
  //
  this.reset();
}

/**
 * The listener of the `zlib.InflateRaw` stream `'error'` event.
 *
 * @param {Error} err The emitted error
 * @private
 */
function inflateOnError(err) {
  //
  // There is no need to call `Zlib#close()` as the handle is automatically
  // closed when an error is emitted.
  //
  this[kPerMessageDeflate]._inflate = null;

  if (this[kError]) {
    this[kCallback](this[kError]);
    return;
  }

  err[kStatusCode] = 1007;
  this[kCallback](err);
}


/***/ }),

/***/ 893:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { Writable } = __nccwpck_require__(2203);

const PerMessageDeflate = __nccwpck_require__(4376);
const {
  BINARY_TYPES,
  EMPTY_BUFFER,
  kStatusCode,
  kWebSocket
} = __nccwpck_require__(1791);
const { concat, toArrayBuffer, unmask } = __nccwpck_require__(5803);
const { isValidStatusCode, isValidUTF8 } = __nccwpck_require__(6615);

const FastBuffer = Buffer[Symbol.species];

const GET_INFO = 0;
const GET_PAYLOAD_LENGTH_16 = 1;
const GET_PAYLOAD_LENGTH_64 = 2;
const GET_MASK = 3;
const GET_DATA = 4;
const INFLATING = 5;
const DEFER_EVENT = 6;

/**
 * HyBi Receiver implementation.
 *
 * @extends Writable
 */
class Receiver extends Writable {
  /**
   * Creates a Receiver instance.
   *
   * @param {Object} [options] Options object
   * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
   *     multiple times in the same tick
   * @param {String} [options.binaryType=nodebuffer] The type for binary data
   * @param {Object} [options.extensions] An object containing the negotiated
   *     extensions
   * @param {Boolean} [options.isServer=false] Specifies whether to operate in
   *     client or server mode
   * @param {Number} [options.maxBufferedChunks=0] The maximum number of
   *     buffered data chunks
   * @param {Number} [options.maxFragments=0] The maximum number of message
   *     fragments
   * @param {Number} [options.maxPayload=0] The maximum allowed message length
   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
   *     not to skip UTF-8 validation for text and close messages
   */
  constructor(options = {}) {
    super();

    this._allowSynchronousEvents =
      options.allowSynchronousEvents !== undefined
        ? options.allowSynchronousEvents
        : true;
    this._binaryType = options.binaryType || BINARY_TYPES[0];
    this._extensions = options.extensions || {};
    this._isServer = !!options.isServer;
    this._maxBufferedChunks = options.maxBufferedChunks | 0;
    this._maxFragments = options.maxFragments | 0;
    this._maxPayload = options.maxPayload | 0;
    this._skipUTF8Validation = !!options.skipUTF8Validation;
    this[kWebSocket] = undefined;

    this._bufferedBytes = 0;
    this._buffers = [];

    this._compressed = false;
    this._payloadLength = 0;
    this._mask = undefined;
    this._fragmented = 0;
    this._masked = false;
    this._fin = false;
    this._opcode = 0;

    this._totalPayloadLength = 0;
    this._messageLength = 0;
    this._numFragments = 0;
    this._fragments = [];

    this._errored = false;
    this._loop = false;
    this._state = GET_INFO;
  }

  /**
   * Implements `Writable.prototype._write()`.
   *
   * @param {Buffer} chunk The chunk of data to write
   * @param {String} encoding The character encoding of `chunk`
   * @param {Function} cb Callback
   * @private
   */
  _write(chunk, encoding, cb) {
    if (this._opcode === 0x08 && this._state == GET_INFO) return cb();

    if (
      this._maxBufferedChunks > 0 &&
      this._buffers.length >= this._maxBufferedChunks
    ) {
      cb(
        this.createError(
          RangeError,
          'Too many buffered chunks',
          false,
          1008,
          'WS_ERR_TOO_MANY_BUFFERED_PARTS'
        )
      );
      return;
    }

    this._bufferedBytes += chunk.length;
    this._buffers.push(chunk);
    this.startLoop(cb);
  }

  /**
   * Consumes `n` bytes from the buffered data.
   *
   * @param {Number} n The number of bytes to consume
   * @return {Buffer} The consumed bytes
   * @private
   */
  consume(n) {
    this._bufferedBytes -= n;

    if (n === this._buffers[0].length) return this._buffers.shift();

    if (n < this._buffers[0].length) {
      const buf = this._buffers[0];
      this._buffers[0] = new FastBuffer(
        buf.buffer,
        buf.byteOffset + n,
        buf.length - n
      );

      return new FastBuffer(buf.buffer, buf.byteOffset, n);
    }

    const dst = Buffer.allocUnsafe(n);

    do {
      const buf = this._buffers[0];
      const offset = dst.length - n;

      if (n >= buf.length) {
        dst.set(this._buffers.shift(), offset);
      } else {
        dst.set(new Uint8Array(buf.buffer, buf.byteOffset, n), offset);
        this._buffers[0] = new FastBuffer(
          buf.buffer,
          buf.byteOffset + n,
          buf.length - n
        );
      }

      n -= buf.length;
    } while (n > 0);

    return dst;
  }

  /**
   * Starts the parsing loop.
   *
   * @param {Function} cb Callback
   * @private
   */
  startLoop(cb) {
    this._loop = true;

    do {
      switch (this._state) {
        case GET_INFO:
          this.getInfo(cb);
          break;
        case GET_PAYLOAD_LENGTH_16:
          this.getPayloadLength16(cb);
          break;
        case GET_PAYLOAD_LENGTH_64:
          this.getPayloadLength64(cb);
          break;
        case GET_MASK:
          this.getMask();
          break;
        case GET_DATA:
          this.getData(cb);
          break;
        case INFLATING:
        case DEFER_EVENT:
          this._loop = false;
          return;
      }
    } while (this._loop);

    if (!this._errored) cb();
  }

  /**
   * Reads the first two bytes of a frame.
   *
   * @param {Function} cb Callback
   * @private
   */
  getInfo(cb) {
    if (this._bufferedBytes < 2) {
      this._loop = false;
      return;
    }

    let buf = this._buffers[0];

    if (buf.length > 2) {
      //
      // Only advance `this._buffers[0]` by 2 bytes. The first 2 bytes can
      // be read directly from `buf` without allocating another buffer via
      // `this.consume(2)`.
      //
      this._bufferedBytes -= 2;
      this._buffers[0] = new FastBuffer(
        buf.buffer,
        buf.byteOffset + 2,
        buf.length - 2
      );
    } else {
      buf = this.consume(2);
    }

    if ((buf[0] & 0x30) !== 0x00) {
      const error = this.createError(
        RangeError,
        'RSV2 and RSV3 must be clear',
        true,
        1002,
        'WS_ERR_UNEXPECTED_RSV_2_3'
      );

      cb(error);
      return;
    }

    const compressed = (buf[0] & 0x40) === 0x40;

    if (compressed && !this._extensions[PerMessageDeflate.extensionName]) {
      const error = this.createError(
        RangeError,
        'RSV1 must be clear',
        true,
        1002,
        'WS_ERR_UNEXPECTED_RSV_1'
      );

      cb(error);
      return;
    }

    this._fin = (buf[0] & 0x80) === 0x80;
    this._opcode = buf[0] & 0x0f;
    this._payloadLength = buf[1] & 0x7f;

    if (this._opcode === 0x00) {
      if (compressed) {
        const error = this.createError(
          RangeError,
          'RSV1 must be clear',
          true,
          1002,
          'WS_ERR_UNEXPECTED_RSV_1'
        );

        cb(error);
        return;
      }

      if (!this._fragmented) {
        const error = this.createError(
          RangeError,
          'invalid opcode 0',
          true,
          1002,
          'WS_ERR_INVALID_OPCODE'
        );

        cb(error);
        return;
      }

      this._opcode = this._fragmented;
    } else if (this._opcode === 0x01 || this._opcode === 0x02) {
      if (this._fragmented) {
        const error = this.createError(
          RangeError,
          `invalid opcode ${this._opcode}`,
          true,
          1002,
          'WS_ERR_INVALID_OPCODE'
        );

        cb(error);
        return;
      }

      this._compressed = compressed;
    } else if (this._opcode > 0x07 && this._opcode < 0x0b) {
      if (!this._fin) {
        const error = this.createError(
          RangeError,
          'FIN must be set',
          true,
          1002,
          'WS_ERR_EXPECTED_FIN'
        );

        cb(error);
        return;
      }

      if (compressed) {
        const error = this.createError(
          RangeError,
          'RSV1 must be clear',
          true,
          1002,
          'WS_ERR_UNEXPECTED_RSV_1'
        );

        cb(error);
        return;
      }

      if (
        this._payloadLength > 0x7d ||
        (this._opcode === 0x08 && this._payloadLength === 1)
      ) {
        const error = this.createError(
          RangeError,
          `invalid payload length ${this._payloadLength}`,
          true,
          1002,
          'WS_ERR_INVALID_CONTROL_PAYLOAD_LENGTH'
        );

        cb(error);
        return;
      }
    } else {
      const error = this.createError(
        RangeError,
        `invalid opcode ${this._opcode}`,
        true,
        1002,
        'WS_ERR_INVALID_OPCODE'
      );

      cb(error);
      return;
    }

    if (!this._fin && !this._fragmented) this._fragmented = this._opcode;
    this._masked = (buf[1] & 0x80) === 0x80;

    if (this._isServer) {
      if (!this._masked) {
        const error = this.createError(
          RangeError,
          'MASK must be set',
          true,
          1002,
          'WS_ERR_EXPECTED_MASK'
        );

        cb(error);
        return;
      }
    } else if (this._masked) {
      const error = this.createError(
        RangeError,
        'MASK must be clear',
        true,
        1002,
        'WS_ERR_UNEXPECTED_MASK'
      );

      cb(error);
      return;
    }

    if (this._payloadLength === 126) this._state = GET_PAYLOAD_LENGTH_16;
    else if (this._payloadLength === 127) this._state = GET_PAYLOAD_LENGTH_64;
    else this.haveLength(cb);
  }

  /**
   * Gets extended payload length (7+16).
   *
   * @param {Function} cb Callback
   * @private
   */
  getPayloadLength16(cb) {
    if (this._bufferedBytes < 2) {
      this._loop = false;
      return;
    }

    this._payloadLength = this.consume(2).readUInt16BE(0);
    this.haveLength(cb);
  }

  /**
   * Gets extended payload length (7+64).
   *
   * @param {Function} cb Callback
   * @private
   */
  getPayloadLength64(cb) {
    if (this._bufferedBytes < 8) {
      this._loop = false;
      return;
    }

    const buf = this.consume(8);
    const num = buf.readUInt32BE(0);

    //
    // The maximum safe integer in JavaScript is 2^53 - 1. An error is returned
    // if payload length is greater than this number.
    //
    if (num > Math.pow(2, 53 - 32) - 1) {
      const error = this.createError(
        RangeError,
        'Unsupported WebSocket frame: payload length > 2^53 - 1',
        false,
        1009,
        'WS_ERR_UNSUPPORTED_DATA_PAYLOAD_LENGTH'
      );

      cb(error);
      return;
    }

    this._payloadLength = num * Math.pow(2, 32) + buf.readUInt32BE(4);
    this.haveLength(cb);
  }

  /**
   * Payload length has been read.
   *
   * @param {Function} cb Callback
   * @private
   */
  haveLength(cb) {
    if (this._payloadLength && this._opcode < 0x08) {
      this._totalPayloadLength += this._payloadLength;
      if (this._totalPayloadLength > this._maxPayload && this._maxPayload > 0) {
        const error = this.createError(
          RangeError,
          'Max payload size exceeded',
          false,
          1009,
          'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
        );

        cb(error);
        return;
      }
    }

    if (this._masked) this._state = GET_MASK;
    else this._state = GET_DATA;
  }

  /**
   * Reads mask bytes.
   *
   * @private
   */
  getMask() {
    if (this._bufferedBytes < 4) {
      this._loop = false;
      return;
    }

    this._mask = this.consume(4);
    this._state = GET_DATA;
  }

  /**
   * Reads data bytes.
   *
   * @param {Function} cb Callback
   * @private
   */
  getData(cb) {
    let data = EMPTY_BUFFER;

    if (this._payloadLength) {
      if (this._bufferedBytes < this._payloadLength) {
        this._loop = false;
        return;
      }

      data = this.consume(this._payloadLength);

      if (
        this._masked &&
        (this._mask[0] | this._mask[1] | this._mask[2] | this._mask[3]) !== 0
      ) {
        unmask(data, this._mask);
      }
    }

    //
    // The mask is a view into the buffer the stream delivered, which is commonly
    // 64 KiB, and it is not needed once the payload above has been unmasked.
    // Leaving it set would pin that whole buffer until the next frame arrives,
    // which on an idle connection can be indefinitely.
    //
    this._mask = undefined;

    if (this._opcode > 0x07) {
      this.controlMessage(data, cb);
      return;
    }

    if (this._maxFragments > 0 && ++this._numFragments > this._maxFragments) {
      const error = this.createError(
        RangeError,
        'Too many message fragments',
        false,
        1008,
        'WS_ERR_TOO_MANY_BUFFERED_PARTS'
      );

      cb(error);
      return;
    }

    if (this._compressed) {
      this._state = INFLATING;
      this.decompress(data, cb);
      return;
    }

    if (data.length) {
      //
      // This message is not compressed so its length is the sum of the payload
      // length of all fragments.
      //
      this._messageLength = this._totalPayloadLength;
      this._fragments.push(data);
    }

    this.dataMessage(cb);
  }

  /**
   * Decompresses data.
   *
   * @param {Buffer} data Compressed data
   * @param {Function} cb Callback
   * @private
   */
  decompress(data, cb) {
    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];

    perMessageDeflate.decompress(data, this._fin, (err, buf) => {
      if (err) return cb(err);

      if (buf.length) {
        this._messageLength += buf.length;
        if (this._messageLength > this._maxPayload && this._maxPayload > 0) {
          const error = this.createError(
            RangeError,
            'Max payload size exceeded',
            false,
            1009,
            'WS_ERR_UNSUPPORTED_MESSAGE_LENGTH'
          );

          cb(error);
          return;
        }

        this._fragments.push(buf);
      }

      this.dataMessage(cb);
      if (this._state === GET_INFO) this.startLoop(cb);
    });
  }

  /**
   * Handles a data message.
   *
   * @param {Function} cb Callback
   * @private
   */
  dataMessage(cb) {
    if (!this._fin) {
      this._state = GET_INFO;
      return;
    }

    const messageLength = this._messageLength;
    const fragments = this._fragments;

    this._totalPayloadLength = 0;
    this._messageLength = 0;
    this._fragmented = 0;
    this._numFragments = 0;
    this._fragments = [];

    if (this._opcode === 2) {
      let data;

      if (this._binaryType === 'nodebuffer') {
        data = concat(fragments, messageLength);
      } else if (this._binaryType === 'arraybuffer') {
        data = toArrayBuffer(concat(fragments, messageLength));
      } else if (this._binaryType === 'blob') {
        data = new Blob(fragments);
      } else {
        data = fragments;
      }

      if (this._allowSynchronousEvents) {
        this.emit('message', data, true);
        this._state = GET_INFO;
      } else {
        this._state = DEFER_EVENT;
        setImmediate(() => {
          this.emit('message', data, true);
          this._state = GET_INFO;
          this.startLoop(cb);
        });
      }
    } else {
      const buf = concat(fragments, messageLength);

      if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
        const error = this.createError(
          Error,
          'invalid UTF-8 sequence',
          true,
          1007,
          'WS_ERR_INVALID_UTF8'
        );

        cb(error);
        return;
      }

      if (this._state === INFLATING || this._allowSynchronousEvents) {
        this.emit('message', buf, false);
        this._state = GET_INFO;
      } else {
        this._state = DEFER_EVENT;
        setImmediate(() => {
          this.emit('message', buf, false);
          this._state = GET_INFO;
          this.startLoop(cb);
        });
      }
    }
  }

  /**
   * Handles a control message.
   *
   * @param {Buffer} data Data to handle
   * @return {(Error|RangeError|undefined)} A possible error
   * @private
   */
  controlMessage(data, cb) {
    if (this._opcode === 0x08) {
      if (data.length === 0) {
        this._loop = false;
        this.emit('conclude', 1005, EMPTY_BUFFER);
        this.end();
      } else {
        const code = data.readUInt16BE(0);

        if (!isValidStatusCode(code)) {
          const error = this.createError(
            RangeError,
            `invalid status code ${code}`,
            true,
            1002,
            'WS_ERR_INVALID_CLOSE_CODE'
          );

          cb(error);
          return;
        }

        const buf = new FastBuffer(
          data.buffer,
          data.byteOffset + 2,
          data.length - 2
        );

        if (!this._skipUTF8Validation && !isValidUTF8(buf)) {
          const error = this.createError(
            Error,
            'invalid UTF-8 sequence',
            true,
            1007,
            'WS_ERR_INVALID_UTF8'
          );

          cb(error);
          return;
        }

        this._loop = false;
        this.emit('conclude', code, buf);
        this.end();
      }

      this._state = GET_INFO;
      return;
    }

    if (this._allowSynchronousEvents) {
      this.emit(this._opcode === 0x09 ? 'ping' : 'pong', data);
      this._state = GET_INFO;
    } else {
      this._state = DEFER_EVENT;
      setImmediate(() => {
        this.emit(this._opcode === 0x09 ? 'ping' : 'pong', data);
        this._state = GET_INFO;
        this.startLoop(cb);
      });
    }
  }

  /**
   * Builds an error object.
   *
   * @param {function(new:Error|RangeError)} ErrorCtor The error constructor
   * @param {String} message The error message
   * @param {Boolean} prefix Specifies whether or not to add a default prefix to
   *     `message`
   * @param {Number} statusCode The status code
   * @param {String} errorCode The exposed error code
   * @return {(Error|RangeError)} The error
   * @private
   */
  createError(ErrorCtor, message, prefix, statusCode, errorCode) {
    this._loop = false;
    this._errored = true;

    const err = new ErrorCtor(
      prefix ? `Invalid WebSocket frame: ${message}` : message
    );

    Error.captureStackTrace(err, this.createError);
    err.code = errorCode;
    err[kStatusCode] = statusCode;
    return err;
  }
}

module.exports = Receiver;


/***/ }),

/***/ 7389:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex" }] */



const { Duplex } = __nccwpck_require__(2203);
const { randomFillSync } = __nccwpck_require__(6982);
const {
  types: { isUint8Array }
} = __nccwpck_require__(9023);

const PerMessageDeflate = __nccwpck_require__(4376);
const { EMPTY_BUFFER, kWebSocket, NOOP } = __nccwpck_require__(1791);
const { isBlob, isValidStatusCode } = __nccwpck_require__(6615);
const { mask: applyMask, toBuffer } = __nccwpck_require__(5803);

const kByteLength = Symbol('kByteLength');
const maskBuffer = Buffer.alloc(4);
const RANDOM_POOL_SIZE = 8 * 1024;
let randomPool;
let randomPoolPointer = RANDOM_POOL_SIZE;

const DEFAULT = 0;
const DEFLATING = 1;
const GET_BLOB_DATA = 2;

/**
 * HyBi Sender implementation.
 */
class Sender {
  /**
   * Creates a Sender instance.
   *
   * @param {Duplex} socket The connection socket
   * @param {Object} [extensions] An object containing the negotiated extensions
   * @param {Function} [generateMask] The function used to generate the masking
   *     key
   */
  constructor(socket, extensions, generateMask) {
    this._extensions = extensions || {};

    if (generateMask) {
      this._generateMask = generateMask;
      this._maskBuffer = Buffer.alloc(4);
    }

    this._socket = socket;

    this._firstFragment = true;
    this._compress = false;

    this._bufferedBytes = 0;
    this._queue = [];
    this._state = DEFAULT;
    this.onerror = NOOP;
    this[kWebSocket] = undefined;
  }

  /**
   * Frames a piece of data according to the HyBi WebSocket protocol.
   *
   * @param {(Buffer|String)} data The data to frame
   * @param {Object} options Options object
   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
   *     FIN bit
   * @param {Function} [options.generateMask] The function used to generate the
   *     masking key
   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
   *     `data`
   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
   *     key
   * @param {Number} options.opcode The opcode
   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
   *     modified
   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
   *     RSV1 bit
   * @return {(Buffer|String)[]} The framed data
   * @public
   */
  static frame(data, options) {
    let mask;
    let merge = false;
    let offset = 2;
    let skipMasking = false;

    if (options.mask) {
      mask = options.maskBuffer || maskBuffer;

      if (options.generateMask) {
        options.generateMask(mask);
      } else {
        if (randomPoolPointer === RANDOM_POOL_SIZE) {
          /* istanbul ignore else  */
          if (randomPool === undefined) {
            //
            // This is lazily initialized because server-sent frames must not
            // be masked so it may never be used.
            //
            randomPool = Buffer.alloc(RANDOM_POOL_SIZE);
          }

          randomFillSync(randomPool, 0, RANDOM_POOL_SIZE);
          randomPoolPointer = 0;
        }

        mask[0] = randomPool[randomPoolPointer++];
        mask[1] = randomPool[randomPoolPointer++];
        mask[2] = randomPool[randomPoolPointer++];
        mask[3] = randomPool[randomPoolPointer++];
      }

      skipMasking = (mask[0] | mask[1] | mask[2] | mask[3]) === 0;
      offset = 6;
    }

    let dataLength;

    if (typeof data === 'string') {
      if (
        (!options.mask || skipMasking) &&
        options[kByteLength] !== undefined
      ) {
        dataLength = options[kByteLength];
      } else {
        data = Buffer.from(data);
        dataLength = data.length;
      }
    } else {
      dataLength = data.length;
      merge = options.mask && options.readOnly && !skipMasking;
    }

    let payloadLength = dataLength;

    if (dataLength >= 65536) {
      offset += 8;
      payloadLength = 127;
    } else if (dataLength > 125) {
      offset += 2;
      payloadLength = 126;
    }

    const target = Buffer.allocUnsafe(merge ? dataLength + offset : offset);

    target[0] = options.fin ? options.opcode | 0x80 : options.opcode;
    if (options.rsv1) target[0] |= 0x40;

    target[1] = payloadLength;

    if (payloadLength === 126) {
      target.writeUInt16BE(dataLength, 2);
    } else if (payloadLength === 127) {
      target[2] = target[3] = 0;
      target.writeUIntBE(dataLength, 4, 6);
    }

    if (!options.mask) {
      return dataLength ? [target, data] : [target];
    }

    target[1] |= 0x80;
    target[offset - 4] = mask[0];
    target[offset - 3] = mask[1];
    target[offset - 2] = mask[2];
    target[offset - 1] = mask[3];

    if (!dataLength) return [target];
    if (skipMasking) return [target, data];

    if (merge) {
      applyMask(data, mask, target, offset, dataLength);
      return [target];
    }

    applyMask(data, mask, data, 0, dataLength);
    return [target, data];
  }

  /**
   * Sends a close message to the other peer.
   *
   * @param {Number} [code] The status code component of the body
   * @param {(String|Buffer)} [data] The message component of the body
   * @param {Boolean} [mask=false] Specifies whether or not to mask the message
   * @param {Function} [cb] Callback
   * @public
   */
  close(code, data, mask, cb) {
    let buf;

    if (code === undefined) {
      buf = EMPTY_BUFFER;
    } else if (typeof code !== 'number' || !isValidStatusCode(code)) {
      throw new TypeError('First argument must be a valid error code number');
    } else if (data === undefined || !data.length) {
      buf = Buffer.allocUnsafe(2);
      buf.writeUInt16BE(code, 0);
    } else {
      const length = Buffer.byteLength(data);

      if (length > 123) {
        throw new RangeError('The message must not be greater than 123 bytes');
      }

      buf = Buffer.allocUnsafe(2 + length);
      buf.writeUInt16BE(code, 0);

      if (typeof data === 'string') {
        buf.write(data, 2);
      } else if (isUint8Array(data)) {
        buf.set(data, 2);
      } else {
        throw new TypeError('Second argument must be a string or a Uint8Array');
      }
    }

    const options = {
      [kByteLength]: buf.length,
      fin: true,
      generateMask: this._generateMask,
      mask,
      maskBuffer: this._maskBuffer,
      opcode: 0x08,
      readOnly: false,
      rsv1: false
    };

    if (this._state !== DEFAULT) {
      this.enqueue([this.dispatch, buf, false, options, cb]);
    } else {
      this.sendFrame(Sender.frame(buf, options), cb);
    }
  }

  /**
   * Sends a ping message to the other peer.
   *
   * @param {*} data The message to send
   * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
   * @param {Function} [cb] Callback
   * @public
   */
  ping(data, mask, cb) {
    let byteLength;
    let readOnly;

    if (typeof data === 'string') {
      byteLength = Buffer.byteLength(data);
      readOnly = false;
    } else if (isBlob(data)) {
      byteLength = data.size;
      readOnly = false;
    } else {
      data = toBuffer(data);
      byteLength = data.length;
      readOnly = toBuffer.readOnly;
    }

    if (byteLength > 125) {
      throw new RangeError('The data size must not be greater than 125 bytes');
    }

    const options = {
      [kByteLength]: byteLength,
      fin: true,
      generateMask: this._generateMask,
      mask,
      maskBuffer: this._maskBuffer,
      opcode: 0x09,
      readOnly,
      rsv1: false
    };

    if (isBlob(data)) {
      if (this._state !== DEFAULT) {
        this.enqueue([this.getBlobData, data, false, options, cb]);
      } else {
        this.getBlobData(data, false, options, cb);
      }
    } else if (this._state !== DEFAULT) {
      this.enqueue([this.dispatch, data, false, options, cb]);
    } else {
      this.sendFrame(Sender.frame(data, options), cb);
    }
  }

  /**
   * Sends a pong message to the other peer.
   *
   * @param {*} data The message to send
   * @param {Boolean} [mask=false] Specifies whether or not to mask `data`
   * @param {Function} [cb] Callback
   * @public
   */
  pong(data, mask, cb) {
    let byteLength;
    let readOnly;

    if (typeof data === 'string') {
      byteLength = Buffer.byteLength(data);
      readOnly = false;
    } else if (isBlob(data)) {
      byteLength = data.size;
      readOnly = false;
    } else {
      data = toBuffer(data);
      byteLength = data.length;
      readOnly = toBuffer.readOnly;
    }

    if (byteLength > 125) {
      throw new RangeError('The data size must not be greater than 125 bytes');
    }

    const options = {
      [kByteLength]: byteLength,
      fin: true,
      generateMask: this._generateMask,
      mask,
      maskBuffer: this._maskBuffer,
      opcode: 0x0a,
      readOnly,
      rsv1: false
    };

    if (isBlob(data)) {
      if (this._state !== DEFAULT) {
        this.enqueue([this.getBlobData, data, false, options, cb]);
      } else {
        this.getBlobData(data, false, options, cb);
      }
    } else if (this._state !== DEFAULT) {
      this.enqueue([this.dispatch, data, false, options, cb]);
    } else {
      this.sendFrame(Sender.frame(data, options), cb);
    }
  }

  /**
   * Sends a data message to the other peer.
   *
   * @param {*} data The message to send
   * @param {Object} options Options object
   * @param {Boolean} [options.binary=false] Specifies whether `data` is binary
   *     or text
   * @param {Boolean} [options.compress=false] Specifies whether or not to
   *     compress `data`
   * @param {Boolean} [options.fin=false] Specifies whether the fragment is the
   *     last one
   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
   *     `data`
   * @param {Function} [cb] Callback
   * @public
   */
  send(data, options, cb) {
    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];
    let opcode = options.binary ? 2 : 1;
    let rsv1 = options.compress;

    let byteLength;
    let readOnly;

    if (typeof data === 'string') {
      byteLength = Buffer.byteLength(data);
      readOnly = false;
    } else if (isBlob(data)) {
      byteLength = data.size;
      readOnly = false;
    } else {
      data = toBuffer(data);
      byteLength = data.length;
      readOnly = toBuffer.readOnly;
    }

    if (this._firstFragment) {
      this._firstFragment = false;
      if (
        rsv1 &&
        perMessageDeflate &&
        perMessageDeflate.params[
          perMessageDeflate._isServer
            ? 'server_no_context_takeover'
            : 'client_no_context_takeover'
        ]
      ) {
        rsv1 = byteLength >= perMessageDeflate._threshold;
      }
      this._compress = rsv1;
    } else {
      rsv1 = false;
      opcode = 0;
    }

    if (options.fin) this._firstFragment = true;

    const opts = {
      [kByteLength]: byteLength,
      fin: options.fin,
      generateMask: this._generateMask,
      mask: options.mask,
      maskBuffer: this._maskBuffer,
      opcode,
      readOnly,
      rsv1
    };

    if (isBlob(data)) {
      if (this._state !== DEFAULT) {
        this.enqueue([this.getBlobData, data, this._compress, opts, cb]);
      } else {
        this.getBlobData(data, this._compress, opts, cb);
      }
    } else if (this._state !== DEFAULT) {
      this.enqueue([this.dispatch, data, this._compress, opts, cb]);
    } else {
      this.dispatch(data, this._compress, opts, cb);
    }
  }

  /**
   * Gets the contents of a blob as binary data.
   *
   * @param {Blob} blob The blob
   * @param {Boolean} [compress=false] Specifies whether or not to compress
   *     the data
   * @param {Object} options Options object
   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
   *     FIN bit
   * @param {Function} [options.generateMask] The function used to generate the
   *     masking key
   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
   *     `data`
   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
   *     key
   * @param {Number} options.opcode The opcode
   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
   *     modified
   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
   *     RSV1 bit
   * @param {Function} [cb] Callback
   * @private
   */
  getBlobData(blob, compress, options, cb) {
    this._bufferedBytes += options[kByteLength];
    this._state = GET_BLOB_DATA;

    blob
      .arrayBuffer()
      .then((arrayBuffer) => {
        if (this._socket.destroyed) {
          const err = new Error(
            'The socket was closed while the blob was being read'
          );

          //
          // `callCallbacks` is called in the next tick to ensure that errors
          // that might be thrown in the callbacks behave like errors thrown
          // outside the promise chain.
          //
          process.nextTick(callCallbacks, this, err, cb);
          return;
        }

        this._bufferedBytes -= options[kByteLength];
        const data = toBuffer(arrayBuffer);

        if (!compress) {
          this._state = DEFAULT;
          this.sendFrame(Sender.frame(data, options), cb);
          this.dequeue();
        } else {
          this.dispatch(data, compress, options, cb);
        }
      })
      .catch((err) => {
        //
        // `onError` is called in the next tick for the same reason that
        // `callCallbacks` above is.
        //
        process.nextTick(onError, this, err, cb);
      });
  }

  /**
   * Dispatches a message.
   *
   * @param {(Buffer|String)} data The message to send
   * @param {Boolean} [compress=false] Specifies whether or not to compress
   *     `data`
   * @param {Object} options Options object
   * @param {Boolean} [options.fin=false] Specifies whether or not to set the
   *     FIN bit
   * @param {Function} [options.generateMask] The function used to generate the
   *     masking key
   * @param {Boolean} [options.mask=false] Specifies whether or not to mask
   *     `data`
   * @param {Buffer} [options.maskBuffer] The buffer used to store the masking
   *     key
   * @param {Number} options.opcode The opcode
   * @param {Boolean} [options.readOnly=false] Specifies whether `data` can be
   *     modified
   * @param {Boolean} [options.rsv1=false] Specifies whether or not to set the
   *     RSV1 bit
   * @param {Function} [cb] Callback
   * @private
   */
  dispatch(data, compress, options, cb) {
    if (!compress) {
      this.sendFrame(Sender.frame(data, options), cb);
      return;
    }

    const perMessageDeflate = this._extensions[PerMessageDeflate.extensionName];

    this._bufferedBytes += options[kByteLength];
    this._state = DEFLATING;
    perMessageDeflate.compress(data, options.fin, (_, buf) => {
      if (this._socket.destroyed) {
        const err = new Error(
          'The socket was closed while data was being compressed'
        );

        callCallbacks(this, err, cb);
        return;
      }

      this._bufferedBytes -= options[kByteLength];
      this._state = DEFAULT;
      options.readOnly = false;
      this.sendFrame(Sender.frame(buf, options), cb);
      this.dequeue();
    });
  }

  /**
   * Executes queued send operations.
   *
   * @private
   */
  dequeue() {
    while (this._state === DEFAULT && this._queue.length) {
      const params = this._queue.shift();

      this._bufferedBytes -= params[3][kByteLength];
      Reflect.apply(params[0], this, params.slice(1));
    }
  }

  /**
   * Enqueues a send operation.
   *
   * @param {Array} params Send operation parameters.
   * @private
   */
  enqueue(params) {
    this._bufferedBytes += params[3][kByteLength];
    this._queue.push(params);
  }

  /**
   * Sends a frame.
   *
   * @param {(Buffer | String)[]} list The frame to send
   * @param {Function} [cb] Callback
   * @private
   */
  sendFrame(list, cb) {
    if (list.length === 2) {
      this._socket.cork();
      this._socket.write(list[0]);
      this._socket.write(list[1], cb);
      this._socket.uncork();
    } else {
      this._socket.write(list[0], cb);
    }
  }
}

module.exports = Sender;

/**
 * Calls queued callbacks with an error.
 *
 * @param {Sender} sender The `Sender` instance
 * @param {Error} err The error to call the callbacks with
 * @param {Function} [cb] The first callback
 * @private
 */
function callCallbacks(sender, err, cb) {
  if (typeof cb === 'function') cb(err);

  for (let i = 0; i < sender._queue.length; i++) {
    const params = sender._queue[i];
    const callback = params[params.length - 1];

    if (typeof callback === 'function') callback(err);
  }
}

/**
 * Handles a `Sender` error.
 *
 * @param {Sender} sender The `Sender` instance
 * @param {Error} err The error
 * @param {Function} [cb] The first pending callback
 * @private
 */
function onError(sender, err, cb) {
  callCallbacks(sender, err, cb);
  sender.onerror(err);
}


/***/ }),

/***/ 6412:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^WebSocket$" }] */


const WebSocket = __nccwpck_require__(6681);
const { Duplex } = __nccwpck_require__(2203);

/**
 * Emits the `'close'` event on a stream.
 *
 * @param {Duplex} stream The stream.
 * @private
 */
function emitClose(stream) {
  stream.emit('close');
}

/**
 * The listener of the `'end'` event.
 *
 * @private
 */
function duplexOnEnd() {
  if (!this.destroyed && this._writableState.finished) {
    this.destroy();
  }
}

/**
 * The listener of the `'error'` event.
 *
 * @param {Error} err The error
 * @private
 */
function duplexOnError(err) {
  this.removeListener('error', duplexOnError);
  this.destroy();
  if (this.listenerCount('error') === 0) {
    // Do not suppress the throwing behavior.
    this.emit('error', err);
  }
}

/**
 * Wraps a `WebSocket` in a duplex stream.
 *
 * @param {WebSocket} ws The `WebSocket` to wrap
 * @param {Object} [options] The options for the `Duplex` constructor
 * @return {Duplex} The duplex stream
 * @public
 */
function createWebSocketStream(ws, options) {
  let terminateOnDestroy = true;

  const duplex = new Duplex({
    ...options,
    autoDestroy: false,
    emitClose: false,
    objectMode: false,
    writableObjectMode: false
  });

  ws.on('message', function message(msg, isBinary) {
    const data =
      !isBinary && duplex._readableState.objectMode ? msg.toString() : msg;

    if (!duplex.push(data)) ws.pause();
  });

  ws.once('error', function error(err) {
    if (duplex.destroyed) return;

    // Prevent `ws.terminate()` from being called by `duplex._destroy()`.
    //
    // - If the `'error'` event is emitted before the `'open'` event, then
    //   `ws.terminate()` is a noop as no socket is assigned.
    // - Otherwise, the error is re-emitted by the listener of the `'error'`
    //   event of the `Receiver` object. The listener already closes the
    //   connection by calling `ws.close()`. This allows a close frame to be
    //   sent to the other peer. If `ws.terminate()` is called right after this,
    //   then the close frame might not be sent.
    terminateOnDestroy = false;
    duplex.destroy(err);
  });

  ws.once('close', function close() {
    if (duplex.destroyed) return;

    duplex.push(null);
  });

  duplex._destroy = function (err, callback) {
    if (ws.readyState === ws.CLOSED) {
      callback(err);
      process.nextTick(emitClose, duplex);
      return;
    }

    let called = false;

    ws.once('error', function error(err) {
      called = true;
      callback(err);
    });

    ws.once('close', function close() {
      if (!called) callback(err);
      process.nextTick(emitClose, duplex);
    });

    if (terminateOnDestroy) ws.terminate();
  };

  duplex._final = function (callback) {
    if (ws.readyState === ws.CONNECTING) {
      ws.once('open', function open() {
        duplex._final(callback);
      });
      return;
    }

    // If the value of the `_socket` property is `null` it means that `ws` is a
    // client websocket and the handshake failed. In fact, when this happens, a
    // socket is never assigned to the websocket. Wait for the `'error'` event
    // that will be emitted by the websocket.
    if (ws._socket === null) return;

    if (ws._socket._writableState.finished) {
      callback();
      if (duplex._readableState.endEmitted) duplex.destroy();
    } else {
      ws._socket.once('finish', function finish() {
        // `duplex` is not destroyed here because the `'end'` event will be
        // emitted on `duplex` after this `'finish'` event. The EOF signaling
        // `null` chunk is, in fact, pushed when the websocket emits `'close'`.
        callback();
      });
      ws.close();
    }
  };

  duplex._read = function () {
    if (ws.isPaused) ws.resume();
  };

  duplex._write = function (chunk, encoding, callback) {
    if (ws.readyState === ws.CONNECTING) {
      ws.once('open', function open() {
        duplex._write(chunk, encoding, callback);
      });
      return;
    }

    ws.send(chunk, callback);
  };

  duplex.on('end', duplexOnEnd);
  duplex.on('error', duplexOnError);
  return duplex;
}

module.exports = createWebSocketStream;


/***/ }),

/***/ 3332:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { tokenChars } = __nccwpck_require__(6615);

/**
 * Parses the `Sec-WebSocket-Protocol` header into a set of subprotocol names.
 *
 * @param {String} header The field value of the header
 * @return {Set} The subprotocol names
 * @public
 */
function parse(header) {
  const protocols = new Set();
  let start = -1;
  let end = -1;
  let i = 0;

  for (i; i < header.length; i++) {
    const code = header.charCodeAt(i);

    if (end === -1 && tokenChars[code] === 1) {
      if (start === -1) start = i;
    } else if (
      i !== 0 &&
      (code === 0x20 /* ' ' */ || code === 0x09) /* '\t' */
    ) {
      if (end === -1 && start !== -1) end = i;
    } else if (code === 0x2c /* ',' */) {
      if (start === -1) {
        throw new SyntaxError(`Unexpected character at index ${i}`);
      }

      if (end === -1) end = i;

      const protocol = header.slice(start, end);

      if (protocols.has(protocol)) {
        throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
      }

      protocols.add(protocol);
      start = end = -1;
    } else {
      throw new SyntaxError(`Unexpected character at index ${i}`);
    }
  }

  if (start === -1 || end !== -1) {
    throw new SyntaxError('Unexpected end of input');
  }

  const protocol = header.slice(start, i);

  if (protocols.has(protocol)) {
    throw new SyntaxError(`The "${protocol}" subprotocol is duplicated`);
  }

  protocols.add(protocol);
  return protocols;
}

module.exports = { parse };


/***/ }),

/***/ 6615:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {



const { isUtf8 } = __nccwpck_require__(181);

const { hasBlob } = __nccwpck_require__(1791);

//
// Allowed token characters:
//
// '!', '#', '$', '%', '&', ''', '*', '+', '-',
// '.', 0-9, A-Z, '^', '_', '`', a-z, '|', '~'
//
// tokenChars[32] === 0 // ' '
// tokenChars[33] === 1 // '!'
// tokenChars[34] === 0 // '"'
// ...
//
// prettier-ignore
const tokenChars = [
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 0 - 15
  0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, // 16 - 31
  0, 1, 0, 1, 1, 1, 1, 1, 0, 0, 1, 1, 0, 1, 1, 0, // 32 - 47
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0, // 48 - 63
  0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 64 - 79
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 1, 1, // 80 - 95
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, // 96 - 111
  1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 0, 1, 0 // 112 - 127
];

/**
 * Checks if a status code is allowed in a close frame.
 *
 * @param {Number} code The status code
 * @return {Boolean} `true` if the status code is valid, else `false`
 * @public
 */
function isValidStatusCode(code) {
  return (
    (code >= 1000 &&
      code <= 1014 &&
      code !== 1004 &&
      code !== 1005 &&
      code !== 1006) ||
    (code >= 3000 && code <= 4999)
  );
}

/**
 * Checks if a given buffer contains only correct UTF-8.
 * Ported from https://www.cl.cam.ac.uk/%7Emgk25/ucs/utf8_check.c by
 * Markus Kuhn.
 *
 * @param {Buffer} buf The buffer to check
 * @return {Boolean} `true` if `buf` contains only correct UTF-8, else `false`
 * @public
 */
function _isValidUTF8(buf) {
  const len = buf.length;
  let i = 0;

  while (i < len) {
    if ((buf[i] & 0x80) === 0) {
      // 0xxxxxxx
      i++;
    } else if ((buf[i] & 0xe0) === 0xc0) {
      // 110xxxxx 10xxxxxx
      if (
        i + 1 === len ||
        (buf[i + 1] & 0xc0) !== 0x80 ||
        (buf[i] & 0xfe) === 0xc0 // Overlong
      ) {
        return false;
      }

      i += 2;
    } else if ((buf[i] & 0xf0) === 0xe0) {
      // 1110xxxx 10xxxxxx 10xxxxxx
      if (
        i + 2 >= len ||
        (buf[i + 1] & 0xc0) !== 0x80 ||
        (buf[i + 2] & 0xc0) !== 0x80 ||
        (buf[i] === 0xe0 && (buf[i + 1] & 0xe0) === 0x80) || // Overlong
        (buf[i] === 0xed && (buf[i + 1] & 0xe0) === 0xa0) // Surrogate (U+D800 - U+DFFF)
      ) {
        return false;
      }

      i += 3;
    } else if ((buf[i] & 0xf8) === 0xf0) {
      // 11110xxx 10xxxxxx 10xxxxxx 10xxxxxx
      if (
        i + 3 >= len ||
        (buf[i + 1] & 0xc0) !== 0x80 ||
        (buf[i + 2] & 0xc0) !== 0x80 ||
        (buf[i + 3] & 0xc0) !== 0x80 ||
        (buf[i] === 0xf0 && (buf[i + 1] & 0xf0) === 0x80) || // Overlong
        (buf[i] === 0xf4 && buf[i + 1] > 0x8f) ||
        buf[i] > 0xf4 // > U+10FFFF
      ) {
        return false;
      }

      i += 4;
    } else {
      return false;
    }
  }

  return true;
}

/**
 * Determines whether a value is a `Blob`.
 *
 * @param {*} value The value to be tested
 * @return {Boolean} `true` if `value` is a `Blob`, else `false`
 * @private
 */
function isBlob(value) {
  return (
    hasBlob &&
    typeof value === 'object' &&
    typeof value.arrayBuffer === 'function' &&
    typeof value.type === 'string' &&
    typeof value.stream === 'function' &&
    (value[Symbol.toStringTag] === 'Blob' ||
      value[Symbol.toStringTag] === 'File')
  );
}

module.exports = {
  isBlob,
  isValidStatusCode,
  isValidUTF8: _isValidUTF8,
  tokenChars
};

if (isUtf8) {
  module.exports.isValidUTF8 = function (buf) {
    return buf.length < 24 ? _isValidUTF8(buf) : isUtf8(buf);
  };
} /* istanbul ignore else  */ else if (!process.env.WS_NO_UTF_8_VALIDATE) {
  try {
    const isValidUTF8 = __nccwpck_require__(2414);

    module.exports.isValidUTF8 = function (buf) {
      return buf.length < 32 ? _isValidUTF8(buf) : isValidUTF8(buf);
    };
  } catch (e) {
    // Continue regardless of the error.
  }
}


/***/ }),

/***/ 129:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex$", "caughtErrors": "none" }] */



const EventEmitter = __nccwpck_require__(4434);
const http = __nccwpck_require__(8611);
const { Duplex } = __nccwpck_require__(2203);
const { createHash } = __nccwpck_require__(6982);

const extension = __nccwpck_require__(1335);
const PerMessageDeflate = __nccwpck_require__(4376);
const subprotocol = __nccwpck_require__(3332);
const WebSocket = __nccwpck_require__(6681);
const { CLOSE_TIMEOUT, GUID, kWebSocket } = __nccwpck_require__(1791);

const keyRegex = /^[+/0-9A-Za-z]{22}==$/;

const RUNNING = 0;
const CLOSING = 1;
const CLOSED = 2;

/**
 * Class representing a WebSocket server.
 *
 * @extends EventEmitter
 */
class WebSocketServer extends EventEmitter {
  /**
   * Create a `WebSocketServer` instance.
   *
   * @param {Object} options Configuration options
   * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether
   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
   *     multiple times in the same tick
   * @param {Boolean} [options.autoPong=true] Specifies whether or not to
   *     automatically send a pong in response to a ping
   * @param {Number} [options.backlog=511] The maximum length of the queue of
   *     pending connections
   * @param {Boolean} [options.clientTracking=true] Specifies whether or not to
   *     track clients
   * @param {Number} [options.closeTimeout=30000] Duration in milliseconds to
   *     wait for the closing handshake to finish after `websocket.close()` is
   *     called
   * @param {Function} [options.handleProtocols] A hook to handle protocols
   * @param {String} [options.host] The hostname where to bind the server
   * @param {Number} [options.maxBufferedChunks=262144] The maximum number of
   *     buffered data chunks
   * @param {Number} [options.maxFragments=16384] The maximum number of message
   *     fragments
   * @param {Number} [options.maxPayload=104857600] The maximum allowed message
   *     size
   * @param {Number} [options.maxPendingAutoPongs=60] The maximum number of
   *     pending automatic pongs
   * @param {Boolean} [options.noServer=false] Enable no server mode
   * @param {String} [options.path] Accept only connections matching this path
   * @param {(Boolean|Object)} [options.perMessageDeflate=false] Enable/disable
   *     permessage-deflate
   * @param {Number} [options.port] The port where to bind the server
   * @param {(http.Server|https.Server)} [options.server] A pre-created HTTP/S
   *     server to use
   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
   *     not to skip UTF-8 validation for text and close messages
   * @param {Function} [options.verifyClient] A hook to reject connections
   * @param {Function} [options.WebSocket=WebSocket] Specifies the `WebSocket`
   *     class to use. It must be the `WebSocket` class or class that extends it
   * @param {Function} [callback] A listener for the `listening` event
   */
  constructor(options, callback) {
    super();

    options = {
      allowSynchronousEvents: true,
      autoPong: true,
      maxBufferedChunks: 256 * 1024,
      maxFragments: 16 * 1024,
      maxPayload: 100 * 1024 * 1024,
      maxPendingAutoPongs: 60,
      skipUTF8Validation: false,
      perMessageDeflate: false,
      handleProtocols: null,
      clientTracking: true,
      closeTimeout: CLOSE_TIMEOUT,
      verifyClient: null,
      noServer: false,
      backlog: null, // use default (511 as implemented in net.js)
      server: null,
      host: null,
      path: null,
      port: null,
      WebSocket,
      ...options
    };

    if (
      (options.port == null && !options.server && !options.noServer) ||
      (options.port != null && (options.server || options.noServer)) ||
      (options.server && options.noServer)
    ) {
      throw new TypeError(
        'One and only one of the "port", "server", or "noServer" options ' +
          'must be specified'
      );
    }

    if (options.port != null) {
      this._server = http.createServer((req, res) => {
        const body = http.STATUS_CODES[426];

        res.writeHead(426, {
          'Content-Length': body.length,
          'Content-Type': 'text/plain'
        });
        res.end(body);
      });
      this._server.listen(
        options.port,
        options.host,
        options.backlog,
        callback
      );
    } else if (options.server) {
      this._server = options.server;
    }

    if (this._server) {
      const emitConnection = this.emit.bind(this, 'connection');

      this._removeListeners = addListeners(this._server, {
        listening: this.emit.bind(this, 'listening'),
        error: this.emit.bind(this, 'error'),
        upgrade: (req, socket, head) => {
          this.handleUpgrade(req, socket, head, emitConnection);
        }
      });
    }

    if (options.perMessageDeflate === true) options.perMessageDeflate = {};
    if (options.clientTracking) {
      this.clients = new Set();
      this._shouldEmitClose = false;
    }

    this.options = options;
    this._state = RUNNING;
  }

  /**
   * Returns the bound address, the address family name, and port of the server
   * as reported by the operating system if listening on an IP socket.
   * If the server is listening on a pipe or UNIX domain socket, the name is
   * returned as a string.
   *
   * @return {(Object|String|null)} The address of the server
   * @public
   */
  address() {
    if (this.options.noServer) {
      throw new Error('The server is operating in "noServer" mode');
    }

    if (!this._server) return null;
    return this._server.address();
  }

  /**
   * Stop the server from accepting new connections and emit the `'close'` event
   * when all existing connections are closed.
   *
   * @param {Function} [cb] A one-time listener for the `'close'` event
   * @public
   */
  close(cb) {
    if (this._state === CLOSED) {
      if (cb) {
        this.once('close', () => {
          cb(new Error('The server is not running'));
        });
      }

      process.nextTick(emitClose, this);
      return;
    }

    if (cb) this.once('close', cb);

    if (this._state === CLOSING) return;
    this._state = CLOSING;

    if (this.options.noServer || this.options.server) {
      if (this._server) {
        this._removeListeners();
        this._removeListeners = this._server = null;
      }

      if (this.clients) {
        if (!this.clients.size) {
          process.nextTick(emitClose, this);
        } else {
          this._shouldEmitClose = true;
        }
      } else {
        process.nextTick(emitClose, this);
      }
    } else {
      const server = this._server;

      this._removeListeners();
      this._removeListeners = this._server = null;

      //
      // The HTTP/S server was created internally. Close it, and rely on its
      // `'close'` event.
      //
      server.close(() => {
        emitClose(this);
      });
    }
  }

  /**
   * See if a given request should be handled by this server instance.
   *
   * @param {http.IncomingMessage} req Request object to inspect
   * @return {Boolean} `true` if the request is valid, else `false`
   * @public
   */
  shouldHandle(req) {
    if (this.options.path) {
      const index = req.url.indexOf('?');
      const pathname = index !== -1 ? req.url.slice(0, index) : req.url;

      if (pathname !== this.options.path) return false;
    }

    return true;
  }

  /**
   * Handle a HTTP Upgrade request.
   *
   * @param {http.IncomingMessage} req The request object
   * @param {Duplex} socket The network socket between the server and client
   * @param {Buffer} head The first packet of the upgraded stream
   * @param {Function} cb Callback
   * @public
   */
  handleUpgrade(req, socket, head, cb) {
    socket.on('error', socketOnError);

    const key = req.headers['sec-websocket-key'];
    const upgrade = req.headers.upgrade;
    const version = req.headers['sec-websocket-version'];

    if (req.method !== 'GET') {
      const message = 'Invalid HTTP method';
      abortHandshakeOrEmitwsClientError(this, req, socket, 405, message);
      return;
    }

    if (upgrade === undefined || upgrade.toLowerCase() !== 'websocket') {
      const message = 'Invalid Upgrade header';
      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
      return;
    }

    if (key === undefined || !keyRegex.test(key)) {
      const message = 'Missing or invalid Sec-WebSocket-Key header';
      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
      return;
    }

    if (version !== '13' && version !== '8') {
      const message = 'Missing or invalid Sec-WebSocket-Version header';
      abortHandshakeOrEmitwsClientError(this, req, socket, 400, message, {
        'Sec-WebSocket-Version': '13, 8'
      });
      return;
    }

    if (!this.shouldHandle(req)) {
      abortHandshake(socket, 400);
      return;
    }

    const secWebSocketProtocol = req.headers['sec-websocket-protocol'];
    let protocols = new Set();

    if (secWebSocketProtocol !== undefined) {
      try {
        protocols = subprotocol.parse(secWebSocketProtocol);
      } catch (err) {
        const message = 'Invalid Sec-WebSocket-Protocol header';
        abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
        return;
      }
    }

    const secWebSocketExtensions = req.headers['sec-websocket-extensions'];
    const extensions = {};

    if (
      this.options.perMessageDeflate &&
      secWebSocketExtensions !== undefined
    ) {
      const perMessageDeflate = new PerMessageDeflate({
        ...this.options.perMessageDeflate,
        isServer: true,
        maxPayload: this.options.maxPayload
      });

      try {
        const offers = extension.parse(secWebSocketExtensions);

        if (offers[PerMessageDeflate.extensionName]) {
          perMessageDeflate.accept(offers[PerMessageDeflate.extensionName]);
          extensions[PerMessageDeflate.extensionName] = perMessageDeflate;
        }
      } catch (err) {
        const message =
          'Invalid or unacceptable Sec-WebSocket-Extensions header';
        abortHandshakeOrEmitwsClientError(this, req, socket, 400, message);
        return;
      }
    }

    //
    // Optionally call external client verification handler.
    //
    if (this.options.verifyClient) {
      const info = {
        origin:
          req.headers[`${version === '8' ? 'sec-websocket-origin' : 'origin'}`],
        secure: !!(req.socket.authorized || req.socket.encrypted),
        req
      };

      if (this.options.verifyClient.length === 2) {
        this.options.verifyClient(info, (verified, code, message, headers) => {
          if (!verified) {
            return abortHandshake(socket, code || 401, message, headers);
          }

          this.completeUpgrade(
            extensions,
            key,
            protocols,
            req,
            socket,
            head,
            cb
          );
        });
        return;
      }

      if (!this.options.verifyClient(info)) return abortHandshake(socket, 401);
    }

    this.completeUpgrade(extensions, key, protocols, req, socket, head, cb);
  }

  /**
   * Upgrade the connection to WebSocket.
   *
   * @param {Object} extensions The accepted extensions
   * @param {String} key The value of the `Sec-WebSocket-Key` header
   * @param {Set} protocols The subprotocols
   * @param {http.IncomingMessage} req The request object
   * @param {Duplex} socket The network socket between the server and client
   * @param {Buffer} head The first packet of the upgraded stream
   * @param {Function} cb Callback
   * @throws {Error} If called more than once with the same socket
   * @private
   */
  completeUpgrade(extensions, key, protocols, req, socket, head, cb) {
    //
    // Destroy the socket if the client has already sent a FIN packet.
    //
    if (!socket.readable || !socket.writable) return socket.destroy();

    if (socket[kWebSocket]) {
      throw new Error(
        'server.handleUpgrade() was called more than once with the same ' +
          'socket, possibly due to a misconfiguration'
      );
    }

    if (this._state > RUNNING) return abortHandshake(socket, 503);

    const digest = createHash('sha1')
      .update(key + GUID)
      .digest('base64');

    const headers = [
      'HTTP/1.1 101 Switching Protocols',
      'Upgrade: websocket',
      'Connection: Upgrade',
      `Sec-WebSocket-Accept: ${digest}`
    ];

    const ws = new this.options.WebSocket(null, undefined, this.options);

    if (protocols.size) {
      //
      // Optionally call external protocol selection handler.
      //
      const protocol = this.options.handleProtocols
        ? this.options.handleProtocols(protocols, req)
        : protocols.values().next().value;

      if (protocol) {
        headers.push(`Sec-WebSocket-Protocol: ${protocol}`);
        ws._protocol = protocol;
      }
    }

    if (extensions[PerMessageDeflate.extensionName]) {
      const params = extensions[PerMessageDeflate.extensionName].params;
      const value = extension.format({
        [PerMessageDeflate.extensionName]: [params]
      });
      headers.push(`Sec-WebSocket-Extensions: ${value}`);
      ws._extensions = extensions;
    }

    //
    // Allow external modification/inspection of handshake headers.
    //
    this.emit('headers', headers, req);

    socket.write(headers.concat('\r\n').join('\r\n'));
    socket.removeListener('error', socketOnError);

    ws.setSocket(socket, head, {
      allowSynchronousEvents: this.options.allowSynchronousEvents,
      maxBufferedChunks: this.options.maxBufferedChunks,
      maxFragments: this.options.maxFragments,
      maxPayload: this.options.maxPayload,
      skipUTF8Validation: this.options.skipUTF8Validation
    });

    if (this.clients) {
      this.clients.add(ws);
      ws.on('close', () => {
        this.clients.delete(ws);

        if (this._shouldEmitClose && !this.clients.size) {
          process.nextTick(emitClose, this);
        }
      });
    }

    cb(ws, req);
  }
}

module.exports = WebSocketServer;

/**
 * Add event listeners on an `EventEmitter` using a map of <event, listener>
 * pairs.
 *
 * @param {EventEmitter} server The event emitter
 * @param {Object.<String, Function>} map The listeners to add
 * @return {Function} A function that will remove the added listeners when
 *     called
 * @private
 */
function addListeners(server, map) {
  for (const event of Object.keys(map)) server.on(event, map[event]);

  return function removeListeners() {
    for (const event of Object.keys(map)) {
      server.removeListener(event, map[event]);
    }
  };
}

/**
 * Emit a `'close'` event on an `EventEmitter`.
 *
 * @param {EventEmitter} server The event emitter
 * @private
 */
function emitClose(server) {
  server._state = CLOSED;
  server.emit('close');
}

/**
 * Handle socket errors.
 *
 * @private
 */
function socketOnError() {
  this.destroy();
}

/**
 * Close the connection when preconditions are not fulfilled.
 *
 * @param {Duplex} socket The socket of the upgrade request
 * @param {Number} code The HTTP response status code
 * @param {String} [message] The HTTP response body
 * @param {Object} [headers] Additional HTTP response headers
 * @private
 */
function abortHandshake(socket, code, message, headers) {
  //
  // The socket is writable unless the user destroyed or ended it before calling
  // `server.handleUpgrade()` or in the `verifyClient` function, which is a user
  // error. Handling this does not make much sense as the worst that can happen
  // is that some of the data written by the user might be discarded due to the
  // call to `socket.end()` below, which triggers an `'error'` event that in
  // turn causes the socket to be destroyed.
  //
  message = message || http.STATUS_CODES[code];
  headers = {
    Connection: 'close',
    'Content-Type': 'text/html',
    'Content-Length': Buffer.byteLength(message),
    ...headers
  };

  socket.once('finish', socket.destroy);

  socket.end(
    `HTTP/1.1 ${code} ${http.STATUS_CODES[code]}\r\n` +
      Object.keys(headers)
        .map((h) => `${h}: ${headers[h]}`)
        .join('\r\n') +
      '\r\n\r\n' +
      message
  );
}

/**
 * Emit a `'wsClientError'` event on a `WebSocketServer` if there is at least
 * one listener for it, otherwise call `abortHandshake()`.
 *
 * @param {WebSocketServer} server The WebSocket server
 * @param {http.IncomingMessage} req The request object
 * @param {Duplex} socket The socket of the upgrade request
 * @param {Number} code The HTTP response status code
 * @param {String} message The HTTP response body
 * @param {Object} [headers] The HTTP response headers
 * @private
 */
function abortHandshakeOrEmitwsClientError(
  server,
  req,
  socket,
  code,
  message,
  headers
) {
  if (server.listenerCount('wsClientError')) {
    const err = new Error(message);
    Error.captureStackTrace(err, abortHandshakeOrEmitwsClientError);

    server.emit('wsClientError', err, socket, req);
  } else {
    abortHandshake(socket, code, message, headers);
  }
}


/***/ }),

/***/ 6681:
/***/ ((module, __unused_webpack_exports, __nccwpck_require__) => {

/* eslint no-unused-vars: ["error", { "varsIgnorePattern": "^Duplex|Readable$", "caughtErrors": "none" }] */



const EventEmitter = __nccwpck_require__(4434);
const https = __nccwpck_require__(5692);
const http = __nccwpck_require__(8611);
const net = __nccwpck_require__(9278);
const querystring = __nccwpck_require__(3480);
const tls = __nccwpck_require__(4756);
const { randomBytes, createHash } = __nccwpck_require__(6982);
const { Duplex, Readable } = __nccwpck_require__(2203);
const { URL } = __nccwpck_require__(7016);

const PerMessageDeflate = __nccwpck_require__(4376);
const Receiver = __nccwpck_require__(893);
const Sender = __nccwpck_require__(7389);
const { isBlob } = __nccwpck_require__(6615);

const {
  BINARY_TYPES,
  CLOSE_TIMEOUT,
  EMPTY_BUFFER,
  GUID,
  kForOnEventAttribute,
  kListener,
  kStatusCode,
  kWebSocket,
  NOOP
} = __nccwpck_require__(1791);
const {
  EventTarget: { addEventListener, removeEventListener }
} = __nccwpck_require__(4634);
const { format, parse } = __nccwpck_require__(1335);
const { toBuffer } = __nccwpck_require__(5803);

const kAborted = Symbol('kAborted');
const protocolVersions = [8, 13];
const readyStates = ['CONNECTING', 'OPEN', 'CLOSING', 'CLOSED'];
const subprotocolRegex = /^[!#$%&'*+\-.0-9A-Z^_`|a-z~]+$/;

/**
 * Class representing a WebSocket.
 *
 * @extends EventEmitter
 */
class WebSocket extends EventEmitter {
  /**
   * Create a new `WebSocket`.
   *
   * @param {(String|URL)} address The URL to which to connect
   * @param {(String|String[])} [protocols] The subprotocols
   * @param {Object} [options] Connection options
   */
  constructor(address, protocols, options) {
    super();

    this._binaryType = BINARY_TYPES[0];
    this._closeCode = 1006;
    this._closeFrameReceived = false;
    this._closeFrameSent = false;
    this._closeMessage = EMPTY_BUFFER;
    this._closeTimer = null;
    this._errorEmitted = false;
    this._extensions = {};
    this._paused = false;
    this._protocol = '';
    this._readyState = WebSocket.CONNECTING;
    this._receiver = null;
    this._sender = null;
    this._socket = null;

    if (address !== null) {
      this._bufferedAmount = 0;
      this._isServer = false;
      this._redirects = 0;

      if (protocols === undefined) {
        if (!options || options.protocols === undefined) {
          protocols = [];
        } else if (Array.isArray(options.protocols)) {
          protocols = options.protocols;
        } else {
          protocols = [options.protocols];
        }
      } else if (!Array.isArray(protocols)) {
        if (typeof protocols === 'object' && protocols !== null) {
          options = protocols;

          if (options.protocols === undefined) {
            protocols = [];
          } else if (Array.isArray(options.protocols)) {
            protocols = options.protocols;
          } else {
            protocols = [options.protocols];
          }
        } else {
          protocols = [protocols];
        }
      }

      options = initAsClient(this, address, protocols, options);
    } else {
      this._isServer = true;
    }

    if (options.autoPong) {
      this._autoPong = true;
      this._autoPongComplete = () => autoPongComplete(this);
      this._pendingAutoPongs = 0;
      this._maxPendingAutoPongs = options.maxPendingAutoPongs | 0;
    }

    this._closeTimeout = options.closeTimeout;
  }

  /**
   * For historical reasons, the custom "nodebuffer" type is used by the default
   * instead of "blob".
   *
   * @type {String}
   */
  get binaryType() {
    return this._binaryType;
  }

  set binaryType(type) {
    if (!BINARY_TYPES.includes(type)) return;

    this._binaryType = type;

    //
    // Allow to change `binaryType` on the fly.
    //
    if (this._receiver) this._receiver._binaryType = type;
  }

  /**
   * @type {Number}
   */
  get bufferedAmount() {
    if (!this._socket) return this._bufferedAmount;

    return this._socket._writableState.length + this._sender._bufferedBytes;
  }

  /**
   * @type {String}
   */
  get extensions() {
    return Object.keys(this._extensions).join();
  }

  /**
   * @type {Boolean}
   */
  get isPaused() {
    return this._paused;
  }

  /**
   * @type {Function}
   */
  /* istanbul ignore next */
  get onclose() {
    return null;
  }

  /**
   * @type {Function}
   */
  /* istanbul ignore next */
  get onerror() {
    return null;
  }

  /**
   * @type {Function}
   */
  /* istanbul ignore next */
  get onopen() {
    return null;
  }

  /**
   * @type {Function}
   */
  /* istanbul ignore next */
  get onmessage() {
    return null;
  }

  /**
   * @type {String}
   */
  get protocol() {
    return this._protocol;
  }

  /**
   * @type {Number}
   */
  get readyState() {
    return this._readyState;
  }

  /**
   * @type {String}
   */
  get url() {
    return this._url;
  }

  /**
   * Set up the socket and the internal resources.
   *
   * @param {Duplex} socket The network socket between the server and client
   * @param {Buffer} head The first packet of the upgraded stream
   * @param {Object} options Options object
   * @param {Boolean} [options.allowSynchronousEvents=false] Specifies whether
   *     any of the `'message'`, `'ping'`, and `'pong'` events can be emitted
   *     multiple times in the same tick
   * @param {Function} [options.generateMask] The function used to generate the
   *     masking key
   * @param {Number} [options.maxBufferedChunks=0] The maximum number of
   *     buffered data chunks
   * @param {Number} [options.maxFragments=0] The maximum number of message
   *     fragments
   * @param {Number} [options.maxPayload=0] The maximum allowed message size
   * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
   *     not to skip UTF-8 validation for text and close messages
   * @private
   */
  setSocket(socket, head, options) {
    const receiver = new Receiver({
      allowSynchronousEvents: options.allowSynchronousEvents,
      binaryType: this.binaryType,
      extensions: this._extensions,
      isServer: this._isServer,
      maxBufferedChunks: options.maxBufferedChunks,
      maxFragments: options.maxFragments,
      maxPayload: options.maxPayload,
      skipUTF8Validation: options.skipUTF8Validation
    });

    const sender = new Sender(socket, this._extensions, options.generateMask);

    this._receiver = receiver;
    this._sender = sender;
    this._socket = socket;

    receiver[kWebSocket] = this;
    sender[kWebSocket] = this;
    socket[kWebSocket] = this;

    receiver.on('conclude', receiverOnConclude);
    receiver.on('drain', receiverOnDrain);
    receiver.on('error', receiverOnError);
    receiver.on('message', receiverOnMessage);
    receiver.on('ping', receiverOnPing);
    receiver.on('pong', receiverOnPong);

    sender.onerror = senderOnError;

    //
    // These methods may not be available if `socket` is just a `Duplex`.
    //
    if (socket.setTimeout) socket.setTimeout(0);
    if (socket.setNoDelay) socket.setNoDelay();

    if (head.length > 0) socket.unshift(head);

    socket.on('close', socketOnClose);
    socket.on('data', socketOnData);
    socket.on('end', socketOnEnd);
    socket.on('error', socketOnError);

    this._readyState = WebSocket.OPEN;
    this.emit('open');
  }

  /**
   * Emit the `'close'` event.
   *
   * @private
   */
  emitClose() {
    if (!this._socket) {
      this._readyState = WebSocket.CLOSED;
      this.emit('close', this._closeCode, this._closeMessage);
      return;
    }

    if (this._extensions[PerMessageDeflate.extensionName]) {
      this._extensions[PerMessageDeflate.extensionName].cleanup();
    }

    this._receiver.removeAllListeners();
    this._readyState = WebSocket.CLOSED;
    this.emit('close', this._closeCode, this._closeMessage);
  }

  /**
   * Start a closing handshake.
   *
   *          +----------+   +-----------+   +----------+
   *     - - -|ws.close()|-->|close frame|-->|ws.close()|- - -
   *    |     +----------+   +-----------+   +----------+     |
   *          +----------+   +-----------+         |
   * CLOSING  |ws.close()|<--|close frame|<--+-----+       CLOSING
   *          +----------+   +-----------+   |
   *    |           |                        |   +---+        |
   *                +------------------------+-->|fin| - - - -
   *    |         +---+                      |   +---+
   *     - - - - -|fin|<---------------------+
   *              +---+
   *
   * @param {Number} [code] Status code explaining why the connection is closing
   * @param {(String|Buffer)} [data] The reason why the connection is
   *     closing
   * @public
   */
  close(code, data) {
    if (this.readyState === WebSocket.CLOSED) return;
    if (this.readyState === WebSocket.CONNECTING) {
      const msg = 'WebSocket was closed before the connection was established';
      abortHandshake(this, this._req, msg);
      return;
    }

    if (this.readyState === WebSocket.CLOSING) {
      if (
        this._closeFrameSent &&
        (this._closeFrameReceived || this._receiver._writableState.errorEmitted)
      ) {
        this._socket.end();
      }

      return;
    }

    this._sender.close(code, data, !this._isServer, (err) => {
      //
      // This error is handled by the `'error'` listener on the socket. We only
      // want to know if the close frame has been sent here.
      //
      if (err) return;

      this._closeFrameSent = true;

      if (
        this._closeFrameReceived ||
        this._receiver._writableState.errorEmitted
      ) {
        this._socket.end();
      }
    });

    this._readyState = WebSocket.CLOSING;
    setCloseTimer(this);
  }

  /**
   * Pause the socket.
   *
   * @public
   */
  pause() {
    if (
      this.readyState === WebSocket.CONNECTING ||
      this.readyState === WebSocket.CLOSED
    ) {
      return;
    }

    this._paused = true;
    this._socket.pause();
  }

  /**
   * Send a ping.
   *
   * @param {*} [data] The data to send
   * @param {Boolean} [mask] Indicates whether or not to mask `data`
   * @param {Function} [cb] Callback which is executed when the ping is sent
   * @public
   */
  ping(data, mask, cb) {
    if (this.readyState === WebSocket.CONNECTING) {
      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    }

    if (typeof data === 'function') {
      cb = data;
      data = mask = undefined;
    } else if (typeof mask === 'function') {
      cb = mask;
      mask = undefined;
    }

    if (typeof data === 'number') data = data.toString();

    if (this.readyState !== WebSocket.OPEN) {
      sendAfterClose(this, data, cb);
      return;
    }

    if (mask === undefined) mask = !this._isServer;
    this._sender.ping(data || EMPTY_BUFFER, mask, cb);
  }

  /**
   * Send a pong.
   *
   * @param {*} [data] The data to send
   * @param {Boolean} [mask] Indicates whether or not to mask `data`
   * @param {Function} [cb] Callback which is executed when the pong is sent
   * @public
   */
  pong(data, mask, cb) {
    if (this.readyState === WebSocket.CONNECTING) {
      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    }

    if (typeof data === 'function') {
      cb = data;
      data = mask = undefined;
    } else if (typeof mask === 'function') {
      cb = mask;
      mask = undefined;
    }

    if (typeof data === 'number') data = data.toString();

    if (this.readyState !== WebSocket.OPEN) {
      sendAfterClose(this, data, cb);
      return;
    }

    if (mask === undefined) mask = !this._isServer;
    this._sender.pong(data || EMPTY_BUFFER, mask, cb);
  }

  /**
   * Resume the socket.
   *
   * @public
   */
  resume() {
    if (
      this.readyState === WebSocket.CONNECTING ||
      this.readyState === WebSocket.CLOSED
    ) {
      return;
    }

    this._paused = false;
    if (!this._receiver._writableState.needDrain) this._socket.resume();
  }

  /**
   * Send a data message.
   *
   * @param {*} data The message to send
   * @param {Object} [options] Options object
   * @param {Boolean} [options.binary] Specifies whether `data` is binary or
   *     text
   * @param {Boolean} [options.compress] Specifies whether or not to compress
   *     `data`
   * @param {Boolean} [options.fin=true] Specifies whether the fragment is the
   *     last one
   * @param {Boolean} [options.mask] Specifies whether or not to mask `data`
   * @param {Function} [cb] Callback which is executed when data is written out
   * @public
   */
  send(data, options, cb) {
    if (this.readyState === WebSocket.CONNECTING) {
      throw new Error('WebSocket is not open: readyState 0 (CONNECTING)');
    }

    if (typeof options === 'function') {
      cb = options;
      options = {};
    }

    if (typeof data === 'number') data = data.toString();

    if (this.readyState !== WebSocket.OPEN) {
      sendAfterClose(this, data, cb);
      return;
    }

    const opts = {
      binary: typeof data !== 'string',
      mask: !this._isServer,
      compress: true,
      fin: true,
      ...options
    };

    if (!this._extensions[PerMessageDeflate.extensionName]) {
      opts.compress = false;
    }

    this._sender.send(data || EMPTY_BUFFER, opts, cb);
  }

  /**
   * Forcibly close the connection.
   *
   * @public
   */
  terminate() {
    if (this.readyState === WebSocket.CLOSED) return;
    if (this.readyState === WebSocket.CONNECTING) {
      const msg = 'WebSocket was closed before the connection was established';
      abortHandshake(this, this._req, msg);
      return;
    }

    if (this._socket) {
      this._readyState = WebSocket.CLOSING;
      this._socket.destroy();
    }
  }
}

/**
 * @constant {Number} CONNECTING
 * @memberof WebSocket
 */
Object.defineProperty(WebSocket, 'CONNECTING', {
  enumerable: true,
  value: readyStates.indexOf('CONNECTING')
});

/**
 * @constant {Number} CONNECTING
 * @memberof WebSocket.prototype
 */
Object.defineProperty(WebSocket.prototype, 'CONNECTING', {
  enumerable: true,
  value: readyStates.indexOf('CONNECTING')
});

/**
 * @constant {Number} OPEN
 * @memberof WebSocket
 */
Object.defineProperty(WebSocket, 'OPEN', {
  enumerable: true,
  value: readyStates.indexOf('OPEN')
});

/**
 * @constant {Number} OPEN
 * @memberof WebSocket.prototype
 */
Object.defineProperty(WebSocket.prototype, 'OPEN', {
  enumerable: true,
  value: readyStates.indexOf('OPEN')
});

/**
 * @constant {Number} CLOSING
 * @memberof WebSocket
 */
Object.defineProperty(WebSocket, 'CLOSING', {
  enumerable: true,
  value: readyStates.indexOf('CLOSING')
});

/**
 * @constant {Number} CLOSING
 * @memberof WebSocket.prototype
 */
Object.defineProperty(WebSocket.prototype, 'CLOSING', {
  enumerable: true,
  value: readyStates.indexOf('CLOSING')
});

/**
 * @constant {Number} CLOSED
 * @memberof WebSocket
 */
Object.defineProperty(WebSocket, 'CLOSED', {
  enumerable: true,
  value: readyStates.indexOf('CLOSED')
});

/**
 * @constant {Number} CLOSED
 * @memberof WebSocket.prototype
 */
Object.defineProperty(WebSocket.prototype, 'CLOSED', {
  enumerable: true,
  value: readyStates.indexOf('CLOSED')
});

[
  'binaryType',
  'bufferedAmount',
  'extensions',
  'isPaused',
  'protocol',
  'readyState',
  'url'
].forEach((property) => {
  Object.defineProperty(WebSocket.prototype, property, { enumerable: true });
});

//
// Add the `onopen`, `onerror`, `onclose`, and `onmessage` attributes.
// See https://html.spec.whatwg.org/multipage/comms.html#the-websocket-interface
//
['open', 'error', 'close', 'message'].forEach((method) => {
  Object.defineProperty(WebSocket.prototype, `on${method}`, {
    enumerable: true,
    get() {
      for (const listener of this.listeners(method)) {
        if (listener[kForOnEventAttribute]) return listener[kListener];
      }

      return null;
    },
    set(handler) {
      for (const listener of this.listeners(method)) {
        if (listener[kForOnEventAttribute]) {
          this.removeListener(method, listener);
          break;
        }
      }

      if (typeof handler !== 'function') return;

      this.addEventListener(method, handler, {
        [kForOnEventAttribute]: true
      });
    }
  });
});

WebSocket.prototype.addEventListener = addEventListener;
WebSocket.prototype.removeEventListener = removeEventListener;

module.exports = WebSocket;

/**
 * Initialize a WebSocket client.
 *
 * @param {WebSocket} websocket The client to initialize
 * @param {(String|URL)} address The URL to which to connect
 * @param {Array} protocols The subprotocols
 * @param {Object} [options] Connection options
 * @param {Boolean} [options.allowSynchronousEvents=true] Specifies whether any
 *     of the `'message'`, `'ping'`, and `'pong'` events can be emitted multiple
 *     times in the same tick
 * @param {Boolean} [options.autoPong=true] Specifies whether or not to
 *     automatically send a pong in response to a ping
 * @param {Number} [options.closeTimeout=30000] Duration in milliseconds to wait
 *     for the closing handshake to finish after `websocket.close()` is called
 * @param {Function} [options.finishRequest] A function which can be used to
 *     customize the headers of each http request before it is sent
 * @param {Boolean} [options.followRedirects=false] Whether or not to follow
 *     redirects
 * @param {Function} [options.generateMask] The function used to generate the
 *     masking key
 * @param {Number} [options.handshakeTimeout] Timeout in milliseconds for the
 *     handshake request
 * @param {Number} [options.maxBufferedChunks=262144] The maximum number of
 *     buffered data chunks
 * @param {Number} [options.maxFragments=16384] The maximum number of message
 *     fragments
 * @param {Number} [options.maxPayload=104857600] The maximum allowed message
 *     size
 * @param {Number} [options.maxPendingAutoPongs=60] The maximum number of
 *     pending automatic pongs
 * @param {Number} [options.maxRedirects=10] The maximum number of redirects
 *     allowed
 * @param {String} [options.origin] Value of the `Origin` or
 *     `Sec-WebSocket-Origin` header
 * @param {(Boolean|Object)} [options.perMessageDeflate=true] Enable/disable
 *     permessage-deflate
 * @param {Number} [options.protocolVersion=13] Value of the
 *     `Sec-WebSocket-Version` header
 * @param {Boolean} [options.skipUTF8Validation=false] Specifies whether or
 *     not to skip UTF-8 validation for text and close messages
 * @return {Object} The resolved options object used for initialization
 * @private
 */
function initAsClient(websocket, address, protocols, options) {
  const opts = {
    allowSynchronousEvents: true,
    autoPong: true,
    closeTimeout: CLOSE_TIMEOUT,
    protocolVersion: protocolVersions[1],
    maxBufferedChunks: 256 * 1024,
    maxFragments: 16 * 1024,
    maxPayload: 100 * 1024 * 1024,
    maxPendingAutoPongs: 60,
    skipUTF8Validation: false,
    perMessageDeflate: true,
    followRedirects: false,
    maxRedirects: 10,
    ...options,
    socketPath: undefined,
    hostname: undefined,
    protocol: undefined,
    protocols: undefined,
    timeout: undefined,
    method: 'GET',
    host: undefined,
    path: undefined,
    port: undefined
  };

  if (!protocolVersions.includes(opts.protocolVersion)) {
    throw new RangeError(
      `Unsupported protocol version: ${opts.protocolVersion} ` +
        `(supported versions: ${protocolVersions.join(', ')})`
    );
  }

  let parsedUrl;

  if (address instanceof URL) {
    parsedUrl = address;
  } else {
    try {
      parsedUrl = new URL(address);
    } catch {
      throw new SyntaxError(`Invalid URL: ${address}`);
    }
  }

  if (parsedUrl.protocol === 'http:' || parsedUrl.protocol === 'https:') {
    parsedUrl = new URL(parsedUrl);
    parsedUrl.protocol = parsedUrl.protocol === 'http:' ? 'ws:' : 'wss:';
  }

  websocket._url = parsedUrl.href;

  const isSecure = parsedUrl.protocol === 'wss:';
  const isIpcUrl = parsedUrl.protocol === 'ws+unix:';
  let invalidUrlMessage;

  if (parsedUrl.protocol !== 'ws:' && !isSecure && !isIpcUrl) {
    invalidUrlMessage =
      'The URL\'s protocol must be one of "ws:", "wss:", ' +
      '"http:", "https:", or "ws+unix:"';
  } else if (isIpcUrl && !parsedUrl.pathname) {
    invalidUrlMessage = "The URL's pathname is empty";
  } else if (parsedUrl.hash) {
    invalidUrlMessage = 'The URL contains a fragment identifier';
  }

  if (invalidUrlMessage) {
    const err = new SyntaxError(invalidUrlMessage);

    if (websocket._redirects === 0) {
      throw err;
    } else {
      emitErrorAndClose(websocket, err);
      return;
    }
  }

  const defaultPort = isSecure ? 443 : 80;
  const key = randomBytes(16).toString('base64');
  const request = isSecure ? https.request : http.request;
  const protocolSet = new Set();
  let perMessageDeflate;

  opts.createConnection =
    opts.createConnection || (isSecure ? tlsConnect : netConnect);
  opts.defaultPort = opts.defaultPort || defaultPort;
  opts.port = parsedUrl.port || defaultPort;
  opts.host = parsedUrl.hostname.startsWith('[')
    ? parsedUrl.hostname.slice(1, -1)
    : parsedUrl.hostname;
  opts.headers = {
    ...opts.headers,
    'Sec-WebSocket-Version': opts.protocolVersion,
    'Sec-WebSocket-Key': key,
    Connection: 'Upgrade',
    Upgrade: 'websocket'
  };
  opts.path = parsedUrl.pathname + parsedUrl.search;
  opts.timeout = opts.handshakeTimeout;

  if (opts.perMessageDeflate) {
    perMessageDeflate = new PerMessageDeflate({
      ...opts.perMessageDeflate,
      isServer: false,
      maxPayload: opts.maxPayload
    });
    opts.headers['Sec-WebSocket-Extensions'] = format({
      [PerMessageDeflate.extensionName]: perMessageDeflate.offer()
    });
  }
  if (protocols.length) {
    for (const protocol of protocols) {
      if (
        typeof protocol !== 'string' ||
        !subprotocolRegex.test(protocol) ||
        protocolSet.has(protocol)
      ) {
        throw new SyntaxError(
          'An invalid or duplicated subprotocol was specified'
        );
      }

      protocolSet.add(protocol);
    }

    opts.headers['Sec-WebSocket-Protocol'] = protocols.join(',');
  }
  if (opts.origin) {
    if (opts.protocolVersion < 13) {
      opts.headers['Sec-WebSocket-Origin'] = opts.origin;
    } else {
      opts.headers.Origin = opts.origin;
    }
  }
  if (parsedUrl.username || parsedUrl.password) {
    const username = querystring.unescape(parsedUrl.username);
    const password = querystring.unescape(parsedUrl.password);

    opts.auth = `${username}:${password}`;
  }

  if (isIpcUrl) {
    const i = opts.path.indexOf(':');

    if (i === -1) {
      opts.socketPath = opts.path;
      opts.path = '';
    } else {
      opts.socketPath = opts.path.slice(0, i);
      opts.path = opts.path.slice(i + 1);
    }
  }

  let req;

  if (opts.followRedirects) {
    if (websocket._redirects === 0) {
      websocket._originalIpc = isIpcUrl;
      websocket._originalSecure = isSecure;
      websocket._originalHostOrSocketPath = isIpcUrl
        ? opts.socketPath
        : parsedUrl.host;

      const headers = options && options.headers;

      //
      // Shallow copy the user provided options so that headers can be changed
      // without mutating the original object.
      //
      options = { ...options, headers: {} };

      if (headers) {
        for (const [key, value] of Object.entries(headers)) {
          options.headers[key.toLowerCase()] = value;
        }
      }
    } else if (websocket.listenerCount('redirect') === 0) {
      const isSameHost = isIpcUrl
        ? websocket._originalIpc
          ? opts.socketPath === websocket._originalHostOrSocketPath
          : false
        : websocket._originalIpc
          ? false
          : parsedUrl.host === websocket._originalHostOrSocketPath;

      if (!isSameHost || (websocket._originalSecure && !isSecure)) {
        //
        // Match curl 7.77.0 behavior and drop the following headers. These
        // headers are also dropped when following a redirect to a subdomain.
        //
        delete opts.headers.authorization;
        delete opts.headers.cookie;

        if (!isSameHost) delete opts.headers.host;

        opts.auth = undefined;
      }
    }

    //
    // Match curl 7.77.0 behavior and make the first `Authorization` header win.
    // If the `Authorization` header is set, then there is nothing to do as it
    // will take precedence.
    //
    if (opts.auth && !options.headers.authorization) {
      options.headers.authorization =
        'Basic ' + Buffer.from(opts.auth).toString('base64');
    }

    try {
      req = websocket._req = request(opts);
    } catch (err) {
      if (websocket._redirects === 0) throw err;

      //
      // The request is created in a listener of the `'response'` event when
      // following a redirect. Emit the error instead of throwing it as it could
      // not be caught otherwise.
      //
      emitErrorAndClose(websocket, err);
      return;
    }

    if (websocket._redirects) {
      //
      // Unlike what is done for the `'upgrade'` event, no early exit is
      // triggered here if the user calls `websocket.close()` or
      // `websocket.terminate()` from a listener of the `'redirect'` event. This
      // is because the user can also call `request.destroy()` with an error
      // before calling `websocket.close()` or `websocket.terminate()` and this
      // would result in an error being emitted on the `request` object with no
      // `'error'` event listeners attached.
      //
      websocket.emit('redirect', websocket.url, req);
    }
  } else {
    req = websocket._req = request(opts);
  }

  if (opts.timeout) {
    req.on('timeout', () => {
      abortHandshake(websocket, req, 'Opening handshake has timed out');
    });
  }

  req.on('error', (err) => {
    if (req === null || req[kAborted]) return;

    req = websocket._req = null;
    emitErrorAndClose(websocket, err);
  });

  req.on('response', (res) => {
    const location = res.headers.location;
    const statusCode = res.statusCode;

    if (
      location &&
      opts.followRedirects &&
      statusCode >= 300 &&
      statusCode < 400
    ) {
      if (++websocket._redirects > opts.maxRedirects) {
        abortHandshake(websocket, req, 'Maximum redirects exceeded');
        return;
      }

      req.abort();

      let addr;

      try {
        addr = new URL(location, address);
      } catch (e) {
        const err = new SyntaxError(`Invalid URL: ${location}`);
        emitErrorAndClose(websocket, err);
        return;
      }

      initAsClient(websocket, addr, protocols, options);
    } else if (!websocket.emit('unexpected-response', req, res)) {
      abortHandshake(
        websocket,
        req,
        `Unexpected server response: ${res.statusCode}`
      );
    }
  });

  req.on('upgrade', (res, socket, head) => {
    websocket.emit('upgrade', res);

    //
    // The user may have closed the connection from a listener of the
    // `'upgrade'` event.
    //
    if (websocket.readyState !== WebSocket.CONNECTING) return;

    req = websocket._req = null;

    const upgrade = res.headers.upgrade;

    if (upgrade === undefined || upgrade.toLowerCase() !== 'websocket') {
      abortHandshake(websocket, socket, 'Invalid Upgrade header');
      return;
    }

    const digest = createHash('sha1')
      .update(key + GUID)
      .digest('base64');

    if (res.headers['sec-websocket-accept'] !== digest) {
      abortHandshake(websocket, socket, 'Invalid Sec-WebSocket-Accept header');
      return;
    }

    const serverProt = res.headers['sec-websocket-protocol'];
    let protError;

    if (serverProt !== undefined) {
      if (!protocolSet.size) {
        protError = 'Server sent a subprotocol but none was requested';
      } else if (!protocolSet.has(serverProt)) {
        protError = 'Server sent an invalid subprotocol';
      }
    } else if (protocolSet.size) {
      protError = 'Server sent no subprotocol';
    }

    if (protError) {
      abortHandshake(websocket, socket, protError);
      return;
    }

    if (serverProt) websocket._protocol = serverProt;

    const secWebSocketExtensions = res.headers['sec-websocket-extensions'];

    if (secWebSocketExtensions !== undefined) {
      if (!perMessageDeflate) {
        const message =
          'Server sent a Sec-WebSocket-Extensions header but no extension ' +
          'was requested';
        abortHandshake(websocket, socket, message);
        return;
      }

      let extensions;

      try {
        extensions = parse(secWebSocketExtensions);
      } catch (err) {
        const message = 'Invalid Sec-WebSocket-Extensions header';
        abortHandshake(websocket, socket, message);
        return;
      }

      const extensionNames = Object.keys(extensions);

      if (
        extensionNames.length !== 1 ||
        extensionNames[0] !== PerMessageDeflate.extensionName
      ) {
        const message = 'Server indicated an extension that was not requested';
        abortHandshake(websocket, socket, message);
        return;
      }

      try {
        perMessageDeflate.accept(extensions[PerMessageDeflate.extensionName]);
      } catch (err) {
        const message = 'Invalid Sec-WebSocket-Extensions header';
        abortHandshake(websocket, socket, message);
        return;
      }

      websocket._extensions[PerMessageDeflate.extensionName] =
        perMessageDeflate;
    }

    websocket.setSocket(socket, head, {
      allowSynchronousEvents: opts.allowSynchronousEvents,
      generateMask: opts.generateMask,
      maxBufferedChunks: opts.maxBufferedChunks,
      maxFragments: opts.maxFragments,
      maxPayload: opts.maxPayload,
      skipUTF8Validation: opts.skipUTF8Validation
    });
  });

  if (opts.finishRequest) {
    opts.finishRequest(req, websocket);
  } else {
    req.end();
  }

  return opts;
}

/**
 * Emit the `'error'` and `'close'` events.
 *
 * @param {WebSocket} websocket The WebSocket instance
 * @param {Error} err The error to emit
 * @private
 */
function emitErrorAndClose(websocket, err) {
  websocket._readyState = WebSocket.CLOSING;
  //
  // The following assignment is practically useless and is done only for
  // consistency.
  //
  websocket._errorEmitted = true;
  websocket.emit('error', err);
  websocket.emitClose();
}

/**
 * Create a `net.Socket` and initiate a connection.
 *
 * @param {Object} options Connection options
 * @return {net.Socket} The newly created socket used to start the connection
 * @private
 */
function netConnect(options) {
  options.path = options.socketPath;
  return net.connect(options);
}

/**
 * Create a `tls.TLSSocket` and initiate a connection.
 *
 * @param {Object} options Connection options
 * @return {tls.TLSSocket} The newly created socket used to start the connection
 * @private
 */
function tlsConnect(options) {
  options.path = undefined;

  if (!options.servername && options.servername !== '') {
    options.servername = net.isIP(options.host) ? '' : options.host;
  }

  return tls.connect(options);
}

/**
 * Abort the handshake and emit an error.
 *
 * @param {WebSocket} websocket The WebSocket instance
 * @param {(http.ClientRequest|net.Socket|tls.Socket)} stream The request to
 *     abort or the socket to destroy
 * @param {String} message The error message
 * @private
 */
function abortHandshake(websocket, stream, message) {
  websocket._readyState = WebSocket.CLOSING;

  const err = new Error(message);
  Error.captureStackTrace(err, abortHandshake);

  if (stream.setHeader) {
    stream[kAborted] = true;
    stream.abort();

    if (stream.socket && !stream.socket.destroyed) {
      //
      // On Node.js >= 14.3.0 `request.abort()` does not destroy the socket if
      // called after the request completed. See
      // https://github.com/websockets/ws/issues/1869.
      //
      stream.socket.destroy();
    }

    process.nextTick(emitErrorAndClose, websocket, err);
  } else {
    stream.destroy(err);
    stream.once('error', websocket.emit.bind(websocket, 'error'));
    stream.once('close', websocket.emitClose.bind(websocket));
  }
}

/**
 * Handle cases where the `ping()`, `pong()`, or `send()` methods are called
 * when the `readyState` attribute is `CLOSING` or `CLOSED`.
 *
 * @param {WebSocket} websocket The WebSocket instance
 * @param {*} [data] The data to send
 * @param {Function} [cb] Callback
 * @private
 */
function sendAfterClose(websocket, data, cb) {
  if (data) {
    const length = isBlob(data) ? data.size : toBuffer(data).length;

    //
    // The `_bufferedAmount` property is used only when the peer is a client and
    // the opening handshake fails. Under these circumstances, in fact, the
    // `setSocket()` method is not called, so the `_socket` and `_sender`
    // properties are set to `null`.
    //
    if (websocket._socket) websocket._sender._bufferedBytes += length;
    else websocket._bufferedAmount += length;
  }

  if (cb) {
    const err = new Error(
      `WebSocket is not open: readyState ${websocket.readyState} ` +
        `(${readyStates[websocket.readyState]})`
    );
    process.nextTick(cb, err);
  }
}

/**
 * The listener of the `Receiver` `'conclude'` event.
 *
 * @param {Number} code The status code
 * @param {Buffer} reason The reason for closing
 * @private
 */
function receiverOnConclude(code, reason) {
  const websocket = this[kWebSocket];

  websocket._closeFrameReceived = true;
  websocket._closeCode = code;

  //
  // The reason is a view into the buffer the socket delivered. Copy it so that
  // the `WebSocket` does not keep that buffer alive. The copy is not pooled
  // because a pooled one would keep the pool alive in the same way.
  //
  if (reason.length === 0) {
    websocket._closeMessage = EMPTY_BUFFER;
  } else {
    websocket._closeMessage = Buffer.allocUnsafeSlow(reason.length);
    websocket._closeMessage.set(reason);
  }

  if (websocket._socket[kWebSocket] === undefined) return;

  websocket._socket.removeListener('data', socketOnData);
  process.nextTick(resume, websocket._socket);

  if (code === 1005) websocket.close();
  else websocket.close(code, reason);
}

/**
 * The listener of the `Receiver` `'drain'` event.
 *
 * @private
 */
function receiverOnDrain() {
  const websocket = this[kWebSocket];

  if (!websocket.isPaused) websocket._socket.resume();
}

/**
 * The listener of the `Receiver` `'error'` event.
 *
 * @param {(RangeError|Error)} err The emitted error
 * @private
 */
function receiverOnError(err) {
  const websocket = this[kWebSocket];

  if (websocket._socket[kWebSocket] !== undefined) {
    websocket._socket.removeListener('data', socketOnData);

    //
    // On Node.js < 14.0.0 the `'error'` event is emitted synchronously. See
    // https://github.com/websockets/ws/issues/1940.
    //
    process.nextTick(resume, websocket._socket);

    websocket.close(err[kStatusCode]);
  }

  if (!websocket._errorEmitted) {
    websocket._errorEmitted = true;
    websocket.emit('error', err);
  }
}

/**
 * The listener of the `Receiver` `'finish'` event.
 *
 * @private
 */
function receiverOnFinish() {
  this[kWebSocket].emitClose();
}

/**
 * The listener of the `Receiver` `'message'` event.
 *
 * @param {Buffer|ArrayBuffer|Buffer[])} data The message
 * @param {Boolean} isBinary Specifies whether the message is binary or not
 * @private
 */
function receiverOnMessage(data, isBinary) {
  this[kWebSocket].emit('message', data, isBinary);
}

/**
 * The listener of the `Receiver` `'ping'` event.
 *
 * @param {Buffer} data The data included in the ping frame
 * @private
 */
function receiverOnPing(data) {
  const websocket = this[kWebSocket];

  if (websocket._autoPong && websocket.readyState === WebSocket.OPEN) {
    if (
      websocket._maxPendingAutoPongs > 0 &&
      websocket._pendingAutoPongs >= websocket._maxPendingAutoPongs
    ) {
      websocket.terminate();
    } else {
      websocket._pendingAutoPongs++;
      websocket.pong(data, !this._isServer, websocket._autoPongComplete);
    }
  }

  websocket.emit('ping', data);
}

/**
 * The callback for automatic pong responses.
 *
 * @param {WebSocket} websocket The WebSocket instance
 * @private
 */
function autoPongComplete(websocket) {
  websocket._pendingAutoPongs--;
}

/**
 * The listener of the `Receiver` `'pong'` event.
 *
 * @param {Buffer} data The data included in the pong frame
 * @private
 */
function receiverOnPong(data) {
  this[kWebSocket].emit('pong', data);
}

/**
 * Resume a readable stream
 *
 * @param {Readable} stream The readable stream
 * @private
 */
function resume(stream) {
  stream.resume();
}

/**
 * The `Sender` error event handler.
 *
 * @param {Error} err The error
 * @private
 */
function senderOnError(err) {
  const websocket = this[kWebSocket];

  if (websocket.readyState === WebSocket.CLOSED) return;
  if (websocket.readyState === WebSocket.OPEN) {
    websocket._readyState = WebSocket.CLOSING;
    setCloseTimer(websocket);
  }

  //
  // `socket.end()` is used instead of `socket.destroy()` to allow the other
  // peer to finish sending queued data. There is no need to set a timer here
  // because `CLOSING` means that it is already set or not needed.
  //
  this._socket.end();

  if (!websocket._errorEmitted) {
    websocket._errorEmitted = true;
    websocket.emit('error', err);
  }
}

/**
 * Set a timer to destroy the underlying raw socket of a WebSocket.
 *
 * @param {WebSocket} websocket The WebSocket instance
 * @private
 */
function setCloseTimer(websocket) {
  websocket._closeTimer = setTimeout(
    websocket._socket.destroy.bind(websocket._socket),
    websocket._closeTimeout
  );
}

/**
 * The listener of the socket `'close'` event.
 *
 * @private
 */
function socketOnClose() {
  const websocket = this[kWebSocket];

  this.removeListener('close', socketOnClose);
  this.removeListener('data', socketOnData);
  this.removeListener('end', socketOnEnd);

  websocket._readyState = WebSocket.CLOSING;

  //
  // The close frame might not have been received or the `'end'` event emitted,
  // for example, if the socket was destroyed due to an error. Ensure that the
  // `receiver` stream is closed after writing any remaining buffered data to
  // it. If the readable side of the socket is in flowing mode then there is no
  // buffered data as everything has been already written. If instead, the
  // socket is paused, any possible buffered data will be read as a single
  // chunk.
  //
  if (
    !this._readableState.endEmitted &&
    !websocket._closeFrameReceived &&
    !websocket._receiver._writableState.errorEmitted &&
    this._readableState.length !== 0
  ) {
    const chunk = this.read(this._readableState.length);

    websocket._receiver.write(chunk);
  }

  websocket._receiver.end();

  this[kWebSocket] = undefined;

  clearTimeout(websocket._closeTimer);

  if (
    websocket._receiver._writableState.finished ||
    websocket._receiver._writableState.errorEmitted
  ) {
    websocket.emitClose();
  } else {
    websocket._receiver.on('error', receiverOnFinish);
    websocket._receiver.on('finish', receiverOnFinish);
  }
}

/**
 * The listener of the socket `'data'` event.
 *
 * @param {Buffer} chunk A chunk of data
 * @private
 */
function socketOnData(chunk) {
  if (!this[kWebSocket]._receiver.write(chunk)) {
    this.pause();
  }
}

/**
 * The listener of the socket `'end'` event.
 *
 * @private
 */
function socketOnEnd() {
  const websocket = this[kWebSocket];

  websocket._readyState = WebSocket.CLOSING;
  websocket._receiver.end();
  this.end();
}

/**
 * The listener of the socket `'error'` event.
 *
 * @private
 */
function socketOnError() {
  const websocket = this[kWebSocket];

  this.removeListener('error', socketOnError);
  this.on('error', NOOP);

  if (websocket) {
    websocket._readyState = WebSocket.CLOSING;
    this.destroy();
  }
}


/***/ }),

/***/ 9319:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  V: () => (/* binding */ runMain)
});

// EXTERNAL MODULE: ./node_modules/@actions/core/lib/core.js + 15 modules
var core = __nccwpck_require__(4183);
// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __nccwpck_require__(7598);
;// CONCATENATED MODULE: external "node:os"
const external_node_os_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:os");
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __nccwpck_require__(6760);
;// CONCATENATED MODULE: ./src/analysis/catalog.ts
const PATTERNS = {
    'executor-shutdown-wait': { title: 'Executor shutdown waits on the event loop' },
    'thread-join': { title: 'Thread.join() on the event loop' },
    'sync-sleep': { title: 'time.sleep() on the event loop' },
    'sync-io': { title: 'Blocking I/O on the event loop' },
    'lock-wait': { title: 'Waiting for a threading lock on the event loop' },
    'future-result': { title: 'Future.result() on the event loop' },
    'subprocess-wait': { title: 'Waiting for a subprocess on the event loop' },
    'cpu-bound': { title: 'CPU-bound work on the event loop' },
    'threadpool-exhausted': { title: 'The thread pool for sync routes is exhausted' },
    unknown: { title: 'Blocked somewhere not in the catalog' }
};

;// CONCATENATED MODULE: ./src/analysis/stack-shapes.ts
// Recognises the parts of a Python stack by their structure: which frames are
// the event loop's machinery, which are a task's own work, and which are the
// app's code. File names are matched by their trailing path so that any
// Python install (pyenv, system, venv, setup-python) is recognised.

function inFile(frame, suffix) {
    const file = frame.file.replaceAll('\\', '/');
    return file === suffix || file.endsWith(`/${suffix}`) || frame.shortFile === suffix;
}
/**
 * Frames of an asyncio event loop that runs on this thread: stdlib asyncio's
 * own, or, for uvloop, whose loop is compiled and has no Python frames, the
 * functions known to run one (asyncio.run's runner, uvloop.run, aiohttp's
 * web.run_app).
 */
function isLoopMachinery(frame) {
    if (inFile(frame, 'asyncio/events.py') && frame.name === '_run')
        return true;
    if (inFile(frame, 'asyncio/base_events.py') &&
        ['_run_once', 'run_forever', 'run_until_complete'].includes(frame.name))
        return true;
    if (inFile(frame, 'asyncio/runners.py'))
        return true;
    if (inFile(frame, 'aiohttp/web.py') && frame.name === 'run_app')
        return true;
    // anyio's own `run` is not matched: its worker threads have a frame of that name too
    return /\/uvloop\//.test(frame.file) || frame.shortFile.startsWith('uvloop/');
}
/** A line that starts an event loop and stays in it: the frame that runs a compiled loop (uvloop) anywhere else. */
const STARTS_A_LOOP = /\b(?:run_until_complete|run_forever)\s*\(|\b(?:asyncio|uvloop)\.run\s*\(/;
function startsALoop(frame, readLines) {
    const line = readLines?.(frame.file)?.[frame.line - 1];
    return line !== undefined && STARTS_A_LOOP.test(line);
}
const SERVER_PACKAGES = /(^|\/)(uvicorn|hypercorn|granian|gunicorn|daphne)\//;
/** aiohttp's server (web.run_app and its runner), not its client, which runs in any thread */
const AIOHTTP_SERVER = /(^|\/)aiohttp\/web(_runner|_protocol|_server)?\.py$/;
/** Frames of a web server that drives the loop; they make a loop thread the one that serves HTTP. */
function isServerFrame(frame) {
    return [frame.shortFile, frame.file].some(file => SERVER_PACKAGES.test(file) || AIOHTTP_SERVER.test(file));
}
/**
 * The frames a thread really runs. A process started with fork (a
 * ProcessPoolExecutor worker, multiprocessing) inherits a copy of the stack
 * it was forked from, loop and all; those frames lie outward of
 * multiprocessing's `_launch` and belong to the parent.
 */
function ownFrames(thread) {
    const fork = thread.frames.findIndex(f => f.name === '_launch' && inFile(f, 'multiprocessing/popen_fork.py'));
    return fork < 0 ? thread.frames : thread.frames.slice(0, fork);
}
/**
 * Describes the thread as an event-loop thread, or undefined when no loop
 * runs on it. With the source at hand, a frame whose line starts a loop
 * (`loop.run_until_complete(...)`) marks one that no known frame does.
 */
function loopShape(thread, readLines) {
    const frames = ownFrames(thread);
    // the dispatch frame (Handle._run) runs callbacks and task steps; without it
    // (uvloop dispatches in C) the innermost loop frame is the boundary
    let boundary = frames.findIndex(f => inFile(f, 'asyncio/events.py') && f.name === '_run');
    if (boundary < 0)
        boundary = frames.findIndex(isLoopMachinery);
    if (boundary < 0)
        boundary = frames.findIndex(f => startsALoop(f, readLines));
    if (boundary < 0)
        return undefined;
    const work = frames.slice(0, boundary);
    const idle = work.length === 0 || work.every(f => inFile(f, 'selectors.py'));
    return { thread, work, idle, serves: frames.some(isServerFrame) };
}
/** Orders candidate loop threads: busy before idle, serving before not, the main thread first. */
function rankLoopThreads(shapes) {
    const score = (s) => (s.idle ? 0 : 4) + (s.serves ? 2 : 0) + (s.thread.name === 'MainThread' ? 1 : 0);
    return [...shapes].sort((a, b) => score(b) - score(a));
}
function isUnder(file, root) {
    const relative = external_node_path_.relative(root, file);
    return relative !== '' && !relative.startsWith('..') && !external_node_path_.isAbsolute(relative);
}
/** The app's own code: under the app root, never installed packages or a virtualenv. */
function isAppCode(frame, scope) {
    if (!external_node_path_.isAbsolute(frame.file) || !isUnder(frame.file, scope.appRoot))
        return false;
    if (/[\\/](site|dist)-packages[\\/]/.test(frame.file))
        return false;
    return !scope.libraryRoots.some(root => isUnder(frame.file, root));
}
/** The app-relative path with forward slashes. */
function appRelative(file, scope) {
    return external_node_path_.relative(scope.appRoot, file).split(external_node_path_.sep).join('/');
}
function sameFrame(a, b) {
    return !!a && !!b && a.file === b.file && a.line === b.line && a.name === b.name;
}
function frameLabel(frame) {
    return `${frame.name} (${frame.shortFile}:${frame.line})`;
}

;// CONCATENATED MODULE: ./src/analysis/lock-holder.ts
// Which thread holds the lock the event loop waits for: py-spy shows no
// owner of a lock, but the holder's own code does. A thread of the app whose
// frame sits inside `with LOCK:` (or after `LOCK.acquire()` with no release
// since) holds it. Pure: source lines are read through the function passed in.

const indentOf = (line) => line.length - line.trimStart().length;
const escaped = (text) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
/**
 * The statement that took `variable` and still holds it at `frame`, read
 * upwards from the frame's line to the start of its function: a `with` over
 * it that encloses the line, or an `acquire()` on it with no `release()`
 * between the two. `name` is the lock's name as a pattern.
 */
function takenAt(frame, name, lines) {
    const here = lines[frame.line - 1];
    if (here === undefined)
        return undefined;
    const withLock = new RegExp(`^\\s*(?:async\\s+)?with\\b[^#]*${name}(?!\\w)[^#]*:`);
    const acquire = new RegExp(`${name}\\.acquire\\s*\\(`);
    const release = new RegExp(`${name}\\.release\\s*\\(`);
    let innermost = indentOf(here);
    for (let index = frame.line - 2; index >= 0; index--) {
        const line = lines[index];
        if (line.trim() === '' || line.trim().startsWith('#'))
            continue;
        const indent = indentOf(line);
        if (indent > innermost)
            continue;
        if (release.test(line))
            return undefined;
        if (acquire.test(line))
            return { statement: line.trim(), line: index + 1 };
        if (indent < innermost) {
            // a block that encloses the frame's line
            if (withLock.test(line))
                return { statement: line.trim(), line: index + 1 };
            if (/^\s*(?:async\s+)?def\s/.test(line))
                return undefined;
            innermost = indent;
        }
    }
    return undefined;
}
/**
 * The thread of the app that holds `variable` (the lock, event or queue the
 * loop waits for, as the app names it), found by the code each other thread
 * is in: the first whose app frame lies inside a `with` over it or after an
 * `acquire()` of it. Undefined when no thread's code shows it.
 */
function lockHolder(variable, threads, scope, readLines) {
    // the name as the loop's code wrote it, or any attribute of that last name (`self.lock` there, `exporter.lock` here)
    const exact = `(?<![\\w.])${escaped(variable)}`;
    const short = variable.split('.').at(-1);
    const attribute = `(?<![\\w.])(?:[A-Za-z_]\\w*\\.)*${escaped(short)}`;
    for (const thread of threads) {
        for (const frame of thread.frames) {
            if (!isAppCode(frame, scope))
                continue;
            const lines = readLines(frame.file);
            if (!lines)
                continue;
            const taken = takenAt(frame, exact, lines) ?? (short !== variable ? takenAt(frame, attribute, lines) : undefined);
            if (!taken)
                continue;
            return {
                thread: thread.name ? `"${thread.name}"` : thread.threadId,
                at: { path: appRelative(frame.file, scope), absolutePath: frame.file, line: frame.line, function: frame.name },
                takenBy: taken.statement,
                takenAtLine: taken.line
            };
        }
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/analysis/patterns.ts
// The rules that name a pattern of the catalog from the shape of the blocked
// thread. Each rule looks at two kinds of evidence:
//
// - the library frames the app's code called into (`called`): Python code of
//   the standard library or of a package, recognised by file and function,
//   whatever the Python version calls the inner helpers;
// - the blocking primitive itself: the innermost Python frame of a waiting
//   thread calls a C function (time.sleep, lock.acquire, `with lock:`,
//   sock.recv, os.system, select.select), which py-spy cannot show; the
//   statement on that frame's line says what it calls, whoever wrote it: the
//   app, or any library, listed or not (its source is on disk).
//
// The first rule that matches names the pattern; the order puts the most
// specific evidence first (a Future's result() waits on a threading lock,
// so future-result is tried before lock-wait).

const calls = (context, test) => context.called.find(test);
/**
 * The C call the thread waits in, when the innermost frame's statement (the
 * app's line or a library's) matches: classified by what blocks, not by who
 * calls it. Only for a thread that waits: a line that computes
 * (`cache.get(key)` in a hot loop) is active, and cpu-bound.
 */
const statementCalls = (context, pattern) => (!context.alwaysActive && pattern.exec(context.innermostStatement)) || undefined;
/** The receiver of `.method(` in the statement, e.g. `pool` in `pool.shutdown()`. */
function receiverOf(statement, method) {
    return new RegExp(`([A-Za-z_][\\w.]*)\\.${method}\\s*\\(`).exec(statement)?.[1];
}
/** The entries that have a value. */
function defined(entries) {
    return Object.fromEntries(Object.entries(entries).filter((e) => e[1] !== undefined));
}
/** "f (a.py:1) ×2, g (b.py:3)" */
function summarizeCounts(items) {
    const counts = new Map();
    for (const item of items)
        counts.set(item, (counts.get(item) ?? 0) + 1);
    return [...counts].map(([item, n]) => (n > 1 ? `${item} ×${n}` : item)).join(', ');
}
/** Where a thread is in the app's own code, or its innermost frame when none is the app's. */
function placeOf(thread, scope) {
    const own = ownFrames(thread).find(f => isAppCode(f, scope));
    return own ? `${own.name} (${appRelative(own.file, scope)}:${own.line})` : frameLabel(thread.frames[0]);
}
const LOOP_CANNOT_RUN = 'so the loop cannot run anything else, the health route included, until it returns.';
// ---------------------------------------------------------------- executor-shutdown-wait
/** ThreadPoolExecutor/ProcessPoolExecutor.shutdown(wait=True), explicit or at the end of a `with`. */
const isExecutorShutdown = (f) => f.name === 'shutdown' && (inFile(f, 'concurrent/futures/thread.py') || inFile(f, 'concurrent/futures/process.py'));
const executorShutdownWait = context => {
    const shutdown = calls(context, isExecutorShutdown);
    if (!shutdown)
        return undefined;
    const kind = inFile(shutdown, 'concurrent/futures/process.py') ? 'ProcessPoolExecutor' : 'ThreadPoolExecutor';
    const implicit = context.called.some(f => f.name === '__exit__' && inFile(f, 'concurrent/futures/_base.py'));
    const details = { executor: kind, implicit: String(implicit) };
    const withMatch = /with\s+(?:[\w.]+\.)?(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\((.*)\)\s*as\s+(\w+)/.exec(context.statement);
    const variable = withMatch?.[2] ?? receiverOf(context.statement, 'shutdown');
    if (variable)
        details.variable = variable;
    if (withMatch)
        details.arguments = withMatch[1].trim();
    // the pool's workers that are still running a task are what shutdown waits for
    const busyWorkers = context.threads.filter(t => t !== context.loop.thread && isBusyPoolWorker(t, kind));
    if (busyWorkers.length > 0) {
        details.waitingFor = summarizeCounts(busyWorkers.map(t => placeOf(t, context.scope)));
        details.busyWorkers = String(busyWorkers.length);
    }
    const where = implicit ? `at the end of a \`with ${kind}(...)\` block` : 'called directly';
    return {
        pattern: 'executor-shutdown-wait',
        blockingCall: `\`${kind}.shutdown(wait=True)\` ${where}`,
        explanation: `The event loop thread is inside \`${kind}.shutdown(wait=True)\` ${where}: it joins the pool's worker threads, ` +
            'so the loop cannot run anything else until every submitted task has finished.',
        details
    };
};
/**
 * A pool worker in the middle of a task: a thread worker inside the work
 * item's `run`, or a process worker past its wait on the call queue.
 */
function isBusyPoolWorker(thread, kind) {
    const frames = ownFrames(thread);
    if (kind === 'ThreadPoolExecutor')
        return frames.some(f => f.name === 'run' && inFile(f, 'concurrent/futures/thread.py'));
    const worker = frames.findIndex(f => f.name === '_process_worker' && inFile(f, 'concurrent/futures/process.py'));
    return worker > 0 && !inFile(frames[worker - 1], 'multiprocessing/queues.py');
}
// ---------------------------------------------------------------- future-result
/** concurrent.futures.Future.result(), also the one run_coroutine_threadsafe returns. */
const isFutureResult = (f) => f.name === 'result' && inFile(f, 'concurrent/futures/_base.py');
const futureResult = context => {
    const inResult = calls(context, isFutureResult);
    if (!inResult && !statementCalls(context, /\.result\s*\(/))
        return undefined;
    const variable = receiverOf(context.statement, 'result');
    const threadsafe = /run_coroutine_threadsafe/.test(context.statement);
    return {
        pattern: 'future-result',
        blockingCall: '`concurrent.futures.Future.result()`',
        explanation: 'The event loop thread waits in `Future.result()` for a result that another thread or the loop itself must produce. ' +
            'When the future belongs to a coroutine handed to this same loop (`asyncio.run_coroutine_threadsafe(coro, loop)`), ' +
            'it can never finish: the loop that would run it is the one waiting. That is a deadlock, not a slow call.',
        details: defined({ variable, threadsafe: String(threadsafe) })
    };
};
// ---------------------------------------------------------------- thread-join
// Python 3.9–3.12 wait in _wait_for_tstate_lock; 3.13 in the thread handle's join (C) under Thread.join
const isThreadJoin = (f) => (f.name === 'join' || f.name === '_wait_for_tstate_lock') && inFile(f, 'threading.py');
const threadJoin = context => {
    const inJoin = calls(context, isThreadJoin);
    // Thread.join takes no argument or a timeout; str.join takes an iterable
    if (!inJoin && !statementCalls(context, /\.join\s*\(\s*(?:timeout\s*=\s*)?[\d.]*\s*\)/))
        return undefined;
    const variable = receiverOf(context.statement, 'join');
    return {
        pattern: 'thread-join',
        blockingCall: '`threading.Thread.join()`',
        explanation: `The event loop thread waits in \`Thread.join()\` for another thread to finish, ${LOOP_CANNOT_RUN}`,
        details: defined({ variable })
    };
};
// ---------------------------------------------------------------- subprocess-wait
const isSubprocess = (f) => inFile(f, 'subprocess.py');
/** C calls that wait for a child process: os.system, os.wait*, a pipe of os.popen read to its end, pty.spawn, Popen.communicate. */
const CHILD_WAIT_STATEMENT = /\b(os\.system|os\.waitpid|os\.wait[34]?|os\.waitid|os\.popen|os\.spawn\w*|pty\.spawn)\s*\(|\.communicate\s*\(|\bsubprocess\.\w+\s*\(/;
const subprocessWait = context => {
    const inSubprocess = calls(context, isSubprocess);
    const waited = inSubprocess ? undefined : statementCalls(context, CHILD_WAIT_STATEMENT);
    if (!inSubprocess && !waited)
        return undefined;
    // the outermost subprocess frame is the function the app called: run, check_output, wait, ...
    const entry = [...context.called].reverse().find(isSubprocess);
    const osCall = waited?.[1];
    const call = entry
        ? `subprocess.${entry.name === 'wait' || entry.name === 'communicate' ? `Popen.${entry.name}` : entry.name}()`
        : osCall
            ? `${osCall}()`
            : 'a wait for a child process';
    return {
        pattern: 'subprocess-wait',
        blockingCall: `\`${call}\``,
        explanation: `The event loop thread waits in \`${call}\` for a child process to exit, ${LOOP_CANNOT_RUN}`,
        details: { call }
    };
};
// ---------------------------------------------------------------- sync-io
/** Modules whose frames mean blocking network or socket I/O. */
const IO_FILES = [
    'socket.py',
    'ssl.py',
    'selectors.py',
    'http/client.py',
    'urllib/request.py',
    'smtplib.py',
    'ftplib.py',
    'imaplib.py',
    'poplib.py'
];
const IO_PACKAGES = /(^|\/)(requests|urllib3|httpx|httpcore|botocore|boto3|redis|psycopg2|psycopg|pymysql|MySQLdb|pymongo|elasticsearch|grpc|kafka|pika|paramiko)\//;
/** C calls that block on I/O, as the statement spells them. */
const IO_STATEMENT = /\.(?:recv|recv_into|recvfrom|recvmsg|recvfrom_into|accept|connect|connect_ex|send|sendall|sendto|sendfile|read|readline|readlines|readinto|makefile|poll|select)\s*\(|\b(?:select\.select|select\.poll|select\.epoll|socket\.create_connection|socket\.getaddrinfo|os\.read|urlopen|requests\.\w+)\s*\(/;
const isBlockingIo = (f) => IO_FILES.some(file => inFile(f, file)) || IO_PACKAGES.test(f.shortFile) || IO_PACKAGES.test(f.file);
const syncIo = context => {
    const inIo = calls(context, isBlockingIo);
    if (!inIo && !statementCalls(context, IO_STATEMENT))
        return undefined;
    // name the library the app called: the outermost library frame
    const outer = context.called.at(-1);
    const library = outer ? frameLabel(outer) : context.statement;
    return {
        pattern: 'sync-io',
        blockingCall: `blocking I/O in ${outer ? `\`${library}\`` : `\`${context.statement}\``}`,
        explanation: 'The event loop thread is blocked reading or writing a socket (a synchronous HTTP client, database driver or raw socket call) ' +
            `and waits for the other side to answer, ${LOOP_CANNOT_RUN}`,
        details: { library }
    };
};
// ---------------------------------------------------------------- lock-wait
const LOCK_FILES = ['threading.py', 'queue.py', 'multiprocessing/synchronize.py', 'multiprocessing/queues.py'];
/** `lock.acquire(`, `event.wait(`, `queue.get(`, or a bare `with lock:` (its __enter__ is lock.acquire, in C). */
const LOCK_STATEMENT = /\.(?:acquire|wait|get|put)\s*\(|^with\s+([A-Za-z_][\w.]*)\s*:/;
const isLockWait = (f) => LOCK_FILES.some(file => inFile(f, file));
const lockWait = context => {
    const inLock = calls(context, isLockWait);
    const statement = statementCalls(context, LOCK_STATEMENT);
    if (!inLock && !statement)
        return undefined;
    // the primitive as the app called it: the outermost frame of those modules
    const outer = [...context.called].reverse().find(isLockWait);
    const isQueue = outer
        ? inFile(outer, 'queue.py') || inFile(outer, 'multiprocessing/queues.py')
        : /\.(?:get|put)\s*\(/.test(context.statement);
    const variable = statement?.[1] ?? /([A-Za-z_][\w.]*)\.(?:acquire|wait|get|put)\s*\(/.exec(context.statement)?.[1];
    const primitive = outer ? `${outer.name} (${outer.shortFile})` : context.statement;
    return {
        pattern: 'lock-wait',
        blockingCall: `\`${primitive}\``,
        explanation: `The event loop thread waits for a threading ${isQueue ? 'queue' : 'lock or event'} that another thread holds or has yet to set, ` +
            LOOP_CANNOT_RUN,
        details: defined({ kind: isQueue ? 'queue' : 'lock', variable })
    };
};
// ---------------------------------------------------------------- sync-sleep
const syncSleep = context => {
    // py-spy shows no frame for time.sleep: the app's line is the innermost frame
    const match = statementCalls(context, /(?<![\w.])(?:time\.)?sleep\s*\((.*)\)/);
    if (!match)
        return undefined;
    return {
        pattern: 'sync-sleep',
        blockingCall: '`time.sleep()`',
        explanation: `The event loop thread is in \`time.sleep()\`, which stops the whole thread, ${LOOP_CANNOT_RUN}`,
        details: { seconds: match[1].trim() }
    };
};
// ---------------------------------------------------------------- cpu-bound
const cpuBound = context => {
    if (!context.alwaysActive)
        return undefined;
    const innermost = context.loop.work[0];
    return {
        pattern: 'cpu-bound',
        blockingCall: `running Python in \`${frameLabel(innermost)}\``,
        explanation: 'The event loop thread was running (not waiting) in every sample: it is computing, and a coroutine that never awaits ' +
            'keeps the loop from serving anything else until the work is done.',
        details: {}
    };
};
/** The library frames by which the rules above recognise a blocking call, whoever made it. */
const BLOCKING_FRAMES = [isExecutorShutdown, isFutureResult, isThreadJoin, isSubprocess, isBlockingIo, isLockWait];
/** The innermost frame of a call the catalog knows to block (a lock, a socket, a join, ...), if any. */
function catalogCall(frames) {
    return frames.find(f => BLOCKING_FRAMES.some(isBlocking => isBlocking(f)));
}
/**
 * Waits recognised by their frames come first; then "busy in every sample"
 * (a C call that computes is cpu-bound, not a wait); then the waits only the
 * statement on a C call's line can tell.
 */
const LOOP_RULES = [
    executorShutdownWait,
    futureResult,
    threadJoin,
    subprocessWait,
    syncIo,
    lockWait,
    cpuBound,
    syncSleep
];
// ---------------------------------------------------------------- threadpool-exhausted
/** A thread of anyio's worker pool (which runs Starlette's sync routes and dependencies). */
function anyioWorkerRun(thread) {
    return thread.frames.findIndex(f => f.name === 'run' && inFile(f, 'anyio/_backends/_asyncio.py'));
}
/** An idle pool thread waits for work directly in the worker's queue. */
function isIdleAnyioWorker(thread, run) {
    const next = thread.frames[run - 1];
    return run === 0 || (next !== undefined && next.name === 'get' && inFile(next, 'queue.py'));
}
/**
 * With an idle loop, a sync route (or sync dependency) that does not answer
 * waits for a thread of anyio's pool: all of them are busy.
 */
function threadpoolExhaustion(threads, scope) {
    const workers = threads.map(t => ({ thread: t, run: anyioWorkerRun(t) })).filter(w => w.run >= 0);
    const busy = workers.filter(w => !isIdleAnyioWorker(w.thread, w.run));
    if (busy.length === 0 || busy.length < workers.length)
        return undefined;
    const parked = new Map();
    for (const { thread } of busy) {
        const own = ownFrames(thread).find(f => isAppCode(f, scope));
        if (!own)
            continue;
        const key = `${own.file}:${own.line}`;
        parked.set(key, { frame: own, count: (parked.get(key)?.count ?? 0) + 1 });
    }
    const most = [...parked.values()].sort((a, b) => b.count - a.count)[0];
    const places = summarizeCounts(busy.map(w => placeOf(w.thread, scope)));
    return {
        match: {
            pattern: 'threadpool-exhausted',
            blockingCall: `every thread of anyio's pool (${busy.length}) is busy`,
            explanation: "The event loop is idle, waiting for I/O: it is not blocked. But every thread of anyio's worker pool, which runs Starlette's sync routes " +
                `and sync dependencies, is busy (${busy.length} of ${workers.length}), so a sync route such as the health route waits for a free thread ` +
                'and never gets one.',
            details: {
                busyWorkers: String(busy.length),
                waitingFor: places,
                ...(most ? { parkedCount: String(most.count) } : {})
            }
        },
        ...(most ? { parkedAt: most.frame } : {})
    };
}

;// CONCATENATED MODULE: ./src/analysis/classify.ts
// Works out, from the stacks captured during a hang, which thread runs the
// event loop, what it is blocked in, which line of the app's own code is to
// blame, and which known pattern that is. Pure: source lines are read through
// the function passed in.



const EXCERPT_RADIUS = 3;
function excerpt(lines, line) {
    if (!lines || line < 1 || line > lines.length)
        return undefined;
    const first = Math.max(1, line - EXCERPT_RADIUS);
    const last = Math.min(lines.length, line + EXCERPT_RADIUS);
    return { firstLine: first, lines: lines.slice(first - 1, last) };
}
function culpritOf(frame, scope, readLines) {
    const culprit = {
        path: appRelative(frame.file, scope),
        absolutePath: frame.file,
        line: frame.line,
        function: frame.name
    };
    const shown = excerpt(readLines(frame.file), frame.line);
    if (shown)
        culprit.excerpt = shown;
    return culprit;
}
/** The loop thread of one sample, chosen among every process's threads. */
function loopOf(sample, readLines) {
    const shapes = [];
    for (const process of sample.processes) {
        for (const thread of process.threads) {
            const shape = loopShape(thread, readLines);
            if (shape)
                shapes.push(shape);
        }
    }
    return rankLoopThreads(shapes)[0];
}
function sameThread(sample, thread) {
    return sample.processes.flatMap(p => p.threads).find(t => t.pid === thread.pid && t.threadId === thread.threadId);
}
/** The loop thread in each sample, compared with the one the diagnosis rests on. */
function timelineOf(samples, loop) {
    return samples.map(sample => {
        const same = sameThread(sample, loop);
        return {
            atMs: sample.takenAtMs,
            samePlace: !!same && sameFrame(same.frames[0], loop.frames[0]),
            active: same?.active ?? false
        };
    });
}
/** The line a frame is at, trimmed; '' when its source cannot be read (a frozen module, a file gone). */
function lineOf(frame, readLines) {
    return frame ? (readLines(frame.file)?.[frame.line - 1] ?? '').trim() : '';
}
/** The statement on a culprit's line, trimmed; '' when its source was not read. */
function culpritStatement(culprit) {
    const excerpt = culprit?.excerpt;
    if (!culprit || !excerpt)
        return '';
    return (excerpt.lines[culprit.line - excerpt.firstLine] ?? '').trim();
}
/**
 * Diagnoses a hang from its samples. The newest sample that shows the loop is
 * the evidence (the block has lasted longest there); the others say whether
 * it persisted and whether the loop was computing or waiting.
 */
function diagnose({ samples, scope, readLines }) {
    const usable = samples.filter(s => s.processes.length > 0);
    // the newest sample that shows the loop (a faulthandler dump of a process with over 100 threads may not)
    const sample = usable.findLast(s => loopOf(s, readLines) !== undefined) ?? usable.at(-1);
    const base = { otherThreads: [], totalSamples: usable.length, details: {}, timeline: [] };
    if (!sample) {
        return {
            ...base,
            pattern: 'unknown',
            explanation: 'No stacks could be captured, so the blocking call is not known.'
        };
    }
    const threads = sample.processes.flatMap(p => p.threads);
    const loop = loopOf(sample, readLines);
    if (!loop) {
        return {
            ...base,
            otherThreads: threads,
            pattern: 'unknown',
            explanation: 'No thread of the app runs an asyncio event loop in the captured stacks; all threads are shown below.'
        };
    }
    const loopThread = {
        pid: loop.thread.pid,
        threadId: loop.thread.threadId,
        ...(loop.thread.name ? { name: loop.thread.name } : {})
    };
    const timeline = timelineOf(usable, loop.thread);
    const diagnosis = {
        ...base,
        pattern: 'unknown',
        explanation: '',
        loopThread,
        loopStack: loop.thread,
        otherThreads: threads.filter(t => t !== loop.thread),
        timeline
    };
    if (loop.idle) {
        const exhaustion = threadpoolExhaustion(threads, scope);
        if (exhaustion) {
            const culprit = exhaustion.parkedAt ? culpritOf(exhaustion.parkedAt, scope, readLines) : undefined;
            return { ...diagnosis, ...exhaustion.match, ...(culprit ? { culprit } : {}) };
        }
        diagnosis.explanation =
            'The event loop thread was idle, waiting for I/O: the loop itself is not blocked, yet the health route did not answer. ' +
                'Something the route waits for (a lock, a downstream service) is the likely cause; see the other threads.';
        return diagnosis;
    }
    // the culprit is the innermost frame of the app's code; the entry, its outermost (the route)
    const appFrames = loop.work.filter(f => isAppCode(f, scope));
    const culpritFrame = appFrames[0];
    const entryFrame = appFrames.at(-1);
    const culprit = culpritFrame ? culpritOf(culpritFrame, scope, readLines) : undefined;
    if (culprit)
        diagnosis.culprit = culprit;
    if (entryFrame && culpritFrame && entryFrame.name !== culpritFrame.name)
        diagnosis.entry = culpritOf(entryFrame, scope, readLines);
    const culpritIndex = culpritFrame ? loop.work.indexOf(culpritFrame) : -1;
    const context = {
        loop,
        called: culpritIndex < 0 ? loop.work : loop.work.slice(0, culpritIndex),
        statement: culpritStatement(culprit),
        callsIntoC: culpritIndex === 0,
        innermostStatement: culpritIndex === 0 ? culpritStatement(culprit) : lineOf(loop.work[0], readLines),
        alwaysActive: timeline.every(mark => mark.active),
        threads,
        scope
    };
    for (const rule of LOOP_RULES) {
        const match = rule(context);
        if (!match)
            continue;
        const variable = match.pattern === 'lock-wait' ? match.details?.variable : undefined;
        const holder = variable ? lockHolder(variable, diagnosis.otherThreads, scope, readLines) : undefined;
        return { ...diagnosis, ...match, ...(holder ? { holder } : {}) };
    }
    const innermost = loop.work[0];
    return {
        ...diagnosis,
        blockingCall: `\`${frameLabel(innermost)}\``,
        explanation: `The event loop thread is waiting in \`${frameLabel(innermost)}\`, a call not in the catalog, and does not return to the loop, so no other request is served.`
    };
}

;// CONCATENATED MODULE: ./src/analysis/stalls.ts
// Tells a stall of the event loop from a slow machine. A probe that took
// stall-threshold or more is a stall only when at least two of the samples
// taken while it waited agree: the loop thread was away from its idle
// selector wait, at the same place, in the app's own code or in a call the
// catalog knows to block. A slow probe whose samples show the loop idle (a
// health route that awaits something slow, a machine busy with other work)
// is noise: it stays in the probe table and gets no verdict. Pure.



/** Samples that agree make a stall; one alone may be a moment caught in passing. */
const AGREEING_SAMPLES = 2;
/** Where the loop thread was in one sample. */
function whereabouts(sample, scope, readLines) {
    const loop = loopOf(sample, readLines);
    if (!loop)
        return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: 'no event loop thread in the stacks' } };
    if (loop.idle)
        return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: 'idle' } };
    const own = loop.work.find(f => isAppCode(f, scope));
    if (own) {
        const loopAt = `${own.name} (${appRelative(own.file, scope)}:${own.line})`;
        return { mark: { atMs: sample.takenAtMs, blocked: true, loopAt }, place: `${own.file}\0${own.name}` };
    }
    const known = catalogCall(loop.work);
    if (known)
        return {
            mark: { atMs: sample.takenAtMs, blocked: true, loopAt: frameLabel(known) },
            place: `${known.file}\0${known.name}`
        };
    // the server's or the framework's own code, caught in passing: not the app's doing
    const innermost = loop.work[0];
    return { mark: { atMs: sample.takenAtMs, blocked: false, loopAt: innermost ? frameLabel(innermost) : 'idle' } };
}
/** The evidence that a slow probe was a stall, or undefined when its samples do not agree that it was. */
function judgeSlowProbe(slow, scope, readLines) {
    const seen = slow.samples.map(sample => ({ sample, ...whereabouts(sample, scope, readLines) }));
    const byPlace = new Map();
    for (const { sample, place } of seen) {
        if (place !== undefined)
            byPlace.set(place, [...(byPlace.get(place) ?? []), sample]);
    }
    const agreeing = [...byPlace.values()].sort((a, b) => b.length - a.length)[0] ?? [];
    if (agreeing.length < AGREEING_SAMPLES)
        return undefined;
    return { slow, marks: seen.map(s => s.mark), agreeing };
}

;// CONCATENATED MODULE: ./src/core/durations.ts
// Durations as the inputs write them (`500ms`, `5s`, `2m`) and as reports say them.
const DURATION = /^(\d+(?:\.\d+)?)\s*(ms|s|m)?$/;
const UNIT_MS = { ms: 1, s: 1000, m: 60_000 };
/** `500ms`, `5s`, `2m` or a bare number of seconds, to milliseconds; undefined when malformed. */
function parseDuration(text) {
    const match = DURATION.exec(text.trim());
    if (!match)
        return undefined;
    const unit = (match[2] ?? 's');
    return Math.round(Number(match[1]) * UNIT_MS[unit]);
}
/** Formats milliseconds the way the inputs are written, e.g. `1.5s`, `250ms`. */
function formatDuration(ms) {
    if (ms < 1000)
        return `${Math.round(ms)}ms`;
    if (ms % 60_000 === 0)
        return `${ms / 60_000}m`;
    return `${Number((ms / 1000).toFixed(2))}s`;
}

;// CONCATENATED MODULE: ./src/core/model.ts
// The plain data that flows from one stage to the next: probes, routes,
// streams, the run and its results (the stacks, the diagnosis and the fix
// are in diagnosis.ts). Each type is defined here once; stages import these
// types and nothing else of each other's.
/** The app watched idle, as a route of the run: its findings are what no request of ours caused. */
const IDLE_ROUTE = { method: 'IDLE', path: '', found: 'idle' };
function routeLabel(route) {
    return route.found === 'idle' ? 'the app, idle' : `${route.method} ${route.path}`;
}
/** Every probe of a run in the order sent: the baseline, then each cycle's. */
function probesOf(run) {
    return [...run.baseline, ...run.cycles.flatMap(c => c.probes)];
}
/** How bad each verdict is, for the worst of several routes. */
const VERDICT_RANK = {
    healthy: 0,
    stalled: 1,
    unhealthy: 2,
    crashed: 3,
    hung: 4,
    'startup-failed': 5
};
/** Whether a value read from a file is one of the verdicts. */
function isVerdict(value) {
    return typeof value === 'string' && Object.hasOwn(VERDICT_RANK, value);
}
/** The first of these with the worst verdict (hung > crashed > unhealthy > stalled > healthy); undefined for none. */
function worstOf(items) {
    return items.reduce((a, b) => (a === undefined || VERDICT_RANK[b.verdict] > VERDICT_RANK[a.verdict] ? b : a), undefined);
}
/** Every warning of a run: its own, then each route's. */
function warningsOf(run) {
    return [...run.warnings, ...run.routes.flatMap(r => r.warnings)];
}
/** The stall that lasted longest: the one a stalled verdict is diagnosed from. */
function longestStall(stalls) {
    return stalls.reduce((a, b) => (a === undefined || b.durationMs > a.durationMs ? b : a), undefined);
}

;// CONCATENATED MODULE: ./src/analysis/verdict.ts
// The verdict rules, pure: a route's stalls weighed against its probes, the
// run's verdict as the worst of its routes, whether the run fails the step,
// and the figures the outputs give (slowest probe, longest stall, culprit).




/** The run's verdict once each route is judged: the worst of them (hung > crashed > unhealthy > stalled > healthy), unless the start failed. */
function judgedRun(run, routes, healthPath) {
    if (run.verdict === 'startup-failed')
        return { ...run, routes };
    const decisive = worstOf(routes);
    const judged = {
        ...run,
        routes,
        verdict: decisive?.verdict ?? 'healthy',
        headline: decisive?.headline ?? run.headline
    };
    delete judged.decisive;
    if (decisive && decisive.verdict !== 'healthy')
        judged.decisive = routes.indexOf(decisive);
    else if (routes.length > 1) {
        const probes = routes.reduce((n, r) => n + probesOf(r).length, 0);
        judged.headline = `\`${healthPath}\` answered all ${probes} probes within ${formatDuration(run.healthTimeoutMs)} over the cycles of ${routes.length} routes: ${routes.map(r => `\`${routeLabel(r.route)}\``).join(', ')}.`;
    }
    return judged;
}
/** Each slow probe whose samples agree that the loop was blocked, as a stall with its diagnosis. */
function judgeStalls(result, scope, readLines) {
    return result.slowProbes
        .map(slow => judgeSlowProbe(slow, scope, readLines))
        .filter((evidence) => evidence !== undefined)
        .map(({ slow, marks, agreeing }) => {
        const diagnosis = diagnose({ samples: agreeing, scope, readLines });
        const stall = {
            cycle: slow.probe.cycle,
            phase: slow.probe.phase,
            startMs: slow.probe.sentAtMs,
            durationMs: slow.probe.latencyMs,
            samples: marks,
            pattern: diagnosis.pattern,
            culprit: culpritLabel(diagnosis)
        };
        return { stall, diagnosis };
    });
}
/**
 * A route with its stalls: a route that was otherwise healthy is stalled,
 * with a headline that says where the longest stall began and how often the
 * loop stalled. Worse verdicts stand, and list their stalls.
 */
function withStalls(result, stalls, settings) {
    const longest = longestStall(stalls);
    if (!longest || result.verdict !== 'healthy')
        return { ...result, stalls };
    const when = describeWhen(longest.phase, longest.cycle, result.cyclesPlanned, routeLabel(result.route));
    const cycles = new Set(stalls.map(s => s.cycle)).size;
    const often = stalls.length === 1 ? 'It stalled once' : `It stalled ${stalls.length} times`;
    const ran = result.cycles.length;
    return {
        ...result,
        verdict: 'stalled',
        stalls,
        headline: `The event loop was blocked for ${formatDuration(longest.durationMs)} ${when}: \`${settings.healthPath}\` answered, but only after ${formatDuration(longest.durationMs)} ` +
            `(stall-threshold ${formatDuration(result.stallThresholdMs)}). ${often}${result.route.found === 'idle' ? ' while idle' : `, in ${cycles} of ${ran} cycle${ran === 1 ? '' : 's'}`}.`
    };
}
/** The slowest probe of a route in ms; the timeout itself when one timed out. */
function slowestLatencyMs(result) {
    if (result.verdict === 'hung')
        return result.healthTimeoutMs;
    return Math.round(Math.max(0, ...probesOf(result).map(p => p.latencyMs)));
}
/** The slowest probe of the whole run: the health-latency-ms output. */
function slowestOfRun(run) {
    return Math.max(0, ...run.routes.map(slowestLatencyMs));
}
/**
 * Whether the run ends in failure (the step fails, the command line exits 1):
 * fail-on-stall decides a stall, fail-on-hang the rest; nothing excuses a start that failed.
 */
function failsTheRun(run, settings) {
    switch (run.verdict) {
        case 'healthy':
            return false;
        case 'startup-failed':
            return true;
        case 'stalled':
            return settings.failOnStall;
        default:
            return settings.failOnHang;
    }
}
/** The longest stall of a route in whole ms; undefined when there was none. */
function longestStallMs(result) {
    const longest = longestStall(result.stalls);
    return longest ? Math.round(longest.durationMs) : undefined;
}
/** The longest stall of the whole run: the stall-ms output. */
function longestStallOfRun(run) {
    return longestStallMs({ stalls: run.routes.flatMap(r => r.stalls) });
}
/** The culprit as `path:line`, for outputs and titles; '' when there is none. */
function culpritLabel(diagnosis) {
    return diagnosis?.culprit ? `${diagnosis.culprit.path}:${diagnosis.culprit.line}` : '';
}
/**
 * The phase of a probe sent before the route's first event arrived: a probe
 * belongs to the phase in which most of its wait lay. The loop sent that
 * event while the probe waited, so it was blocked either before the event
 * (the probe's answer came soon after it) or after it (the event came soon
 * after the probe was sent, and the answer long after, or never): a block
 * that began right after the first event is not "before the first event"
 * because the probe that saw it left a moment before the event arrived.
 */
function phaseOfWait(probe, firstEventAtMs) {
    if (probe.phase !== 'before-first-event' || firstEventAtMs === undefined || firstEventAtMs < probe.sentAtMs)
        return probe.phase;
    const endMs = probe.outcome === 'timeout' ? Infinity : probe.sentAtMs + probe.latencyMs;
    if (firstEventAtMs >= endMs)
        return probe.phase;
    return firstEventAtMs - probe.sentAtMs < endMs - firstEventAtMs ? 'during-stream' : probe.phase;
}
/** When in the run a probe went out, as a headline says it. */
function describeWhen(phase, cycle, cycles, what) {
    switch (phase) {
        case 'baseline':
            return `before \`${what}\` was opened (baseline)`;
        case 'during-stream':
            return `while \`${what}\` was streaming (cycle ${cycle} of ${cycles})`;
        case 'after-abort':
            return `right after the client disconnected from \`${what}\` (cycle ${cycle} of ${cycles})`;
        case 'after-sniff':
            return `right after discovery opened and closed \`${what}\` to see whether it streams`;
        case 'before-first-event':
            return `after \`${what}\` was requested and before its first event (cycle ${cycle} of ${cycles})`;
        case 'idle':
            return 'while the app was idle, between routes, with no request of ours running (min-watch)';
    }
}

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __nccwpck_require__(3024);
;// CONCATENATED MODULE: ./src/capture/py-spy-pins.json
const py_spy_pins_namespaceObject = /*#__PURE__*/JSON.parse('{"rE":"0.4.2","tg":[{"platform":"manylinux_x86_64","file":"py_spy-0.4.2-py2.py3-none-manylinux_2_5_x86_64.manylinux1_x86_64.whl","sha256":"aeb0323409199c785f730645e9f4bb7a7b9ca2c481f2c331a55642b5d13fa52f"}]}');
;// CONCATENATED MODULE: ./src/capture/py-spy-install-plan.ts
// What the action installs when the runner has no py-spy, and how: the
// version pinned in py-spy-pins.json, checked against the sha256 of its wheel
// for this platform with `pip install --require-hashes`, so that pip refuses
// any other file. A platform without a verified hash, or another version
// asked for with the py-spy-version input, is installed without the check,
// and says so. Pure, but for reading a pins file a maintainer points at.


/**
 * Set to the path of another pins file to try new pins before committing
 * them (and, in the tests, to pin a wrong hash on purpose).
 */
const PINS_FILE_VARIABLE = 'BACKEND_HANG_DEBUG_PY_SPY_PINS';
const SHA256 = /^[0-9a-f]{64}$/;
/** Reads and checks a pins file; throws with what is wrong. */
function parsePins(text) {
    const data = JSON.parse(text);
    if (typeof data.version !== 'string' || !/^\d+\.\d+\.\d+$/.test(data.version))
        throw new Error('pins: "version" must be a release such as 0.4.2');
    if (!Array.isArray(data.wheels) || data.wheels.length === 0)
        throw new Error('pins: "wheels" must list at least one wheel');
    for (const wheel of data.wheels) {
        if (typeof wheel.platform !== 'string' ||
            typeof wheel.file !== 'string' ||
            !wheel.file.startsWith(`py_spy-${data.version}-`) ||
            !wheel.file.endsWith('.whl')) {
            throw new Error(`pins: each wheel needs a platform and the file name of a py-spy ${data.version} wheel`);
        }
        if (typeof wheel.sha256 !== 'string' || !SHA256.test(wheel.sha256))
            throw new Error(`pins: ${wheel.file} has no sha256 (64 hex digits)`);
    }
    return { version: data.version, wheels: data.wheels };
}
/**
 * The pinned py-spy: the default of the py-spy-version input. The bundled file
 * is checked with parsePins by the unit tests, not at every start: a module
 * that can throw while it loads takes down every module that imports it.
 */
const PINNED_PY_SPY = { version: py_spy_pins_namespaceObject.rE, wheels: py_spy_pins_namespaceObject.tg };
/** The pins to install from: the bundled ones, or a file a maintainer points at. */
function pinsFrom(env) {
    const file = env[PINS_FILE_VARIABLE];
    return file ? parsePins(external_node_fs_.readFileSync(file, 'utf8')) : PINNED_PY_SPY;
}
/** This machine's wheel platform, as the pins name it: manylinux_x86_64, musllinux_aarch64, ... */
function wheelPlatform(arch = process.arch, glibc = hasGlibc()) {
    const machine = arch === 'x64' ? 'x86_64' : arch === 'arm64' ? 'aarch64' : arch;
    return `${glibc ? 'manylinux' : 'musllinux'}_${machine}`;
}
function hasGlibc() {
    const header = process.report?.getReport()?.header;
    return typeof header?.glibcVersionRuntime === 'string';
}
/** What to install for the version asked for (py-spy-version) on this platform. */
function installPlan(pins, version, platform) {
    if (version !== pins.version) {
        return {
            version,
            requirements: `py-spy==${version}\n`,
            unverified: `py-spy ${version} (py-spy-version) is installed from the package index without a hash check: only py-spy ${pins.version} is pinned by its sha256`
        };
    }
    const wheel = pins.wheels.find(w => w.platform === platform);
    if (!wheel) {
        return {
            version,
            requirements: `py-spy==${version}\n`,
            unverified: `py-spy ${version} is installed without a hash check: no sha256 is pinned for ${platform} wheels, only for ${pins.wheels.map(w => w.platform).join(', ')}`
        };
    }
    return { version, requirements: `py-spy==${version} \\\n    --hash=sha256:${wheel.sha256}\n`, sha256: wheel.sha256 };
}
/**
 * pip's arguments for a plan: wheels only, no dependencies, into a folder of
 * the run's own (the user's environments stay untouched, and PEP 668 does not
 * apply), and with --require-hashes when the plan is pinned.
 */
function pipInstallArgs(plan, requirementsFile, target) {
    return [
        '-m',
        'pip',
        'install',
        '--disable-pip-version-check',
        '--no-input',
        '--quiet',
        ...(plan.sha256 ? ['--require-hashes'] : []),
        '--only-binary=:all:',
        '--no-deps',
        '--upgrade',
        '--target',
        target,
        '-r',
        requirementsFile
    ];
}
/** pip's words when a download's hash is not the pinned one. */
function isHashMismatch(pipOutput) {
    return /DO NOT MATCH THE HASHES/i.test(pipOutput);
}

;// CONCATENATED MODULE: ./src/analysis/route-candidates.ts
// Which routes discovery checks, chosen from the app's OpenAPI document:
// operations that declare text/event-stream, and GET operations without
// required parameters to open once and see whether they stream (likely
// streams first). Pure: the document in, the candidates out.
/** A glob of exclude-paths as a pattern: `*` within one segment, `**` across segments. */
function globPattern(glob) {
    let pattern = '';
    for (let i = 0; i < glob.length; i++) {
        const c = glob[i];
        if (c === '*' && glob[i + 1] === '*') {
            pattern += '.*';
            i++;
        }
        else if (c === '*')
            pattern += '[^/]*';
        else if (c === '?')
            pattern += '[^/]';
        else
            pattern += c.replace(/[.+^${}()|[\]\\]/g, '\\$&');
    }
    return new RegExp(`^${pattern}$`);
}
const METHODS = ['get', 'post', 'put', 'patch', 'delete'];
/** Paths that often stream: sniffed first, so a cut by max-routes leaves the likeliest in. */
const STREAMY = /stream|events?|sse|feed|subscri|watch|tail|logs?|live|notif|updates|chat|progress/i;
function declaresEventStream(operation) {
    return Object.values(operation.responses ?? {}).some(response => Object.keys(response?.content ?? {}).some(type => /^text\/event-stream\b/i.test(type)));
}
function needsParameters(operation, item, path) {
    const parameters = [...(item.parameters ?? []), ...(operation.parameters ?? [])];
    return (/\{[^}]+\}/.test(path) ||
        parameters.some(p => p.required === true && (p.in === 'path' || p.in === 'query' || p.in === 'header' || p.in === 'cookie')));
}
/**
 * The candidates an OpenAPI document gives: declared streams, and the GET
 * operations to sniff, in the order they will be tried (likely streams
 * first). The health route and the document itself are not candidates.
 */
function candidatesFrom(document, options) {
    const paths = document?.paths ?? {};
    const excluded = options.exclude.map(glob => ({ glob, pattern: globPattern(glob) }));
    const declared = [];
    const toSniff = [];
    const leftAside = [];
    for (const [path, item] of Object.entries(paths)) {
        if (path === options.healthPath || path === options.openapiPath)
            continue;
        for (const method of METHODS) {
            const operation = item[method];
            if (!operation || typeof operation !== 'object')
                continue;
            const label = `${method.toUpperCase()} ${path}`;
            const exclusion = excluded.find(e => e.pattern.test(path));
            if (exclusion) {
                leftAside.push(`${label}: excluded by exclude-paths (${exclusion.glob})`);
                continue;
            }
            const streams = declaresEventStream(operation);
            if (method !== 'get') {
                // every POST of a big API would be noise: only those that look like streams are named
                if (streams || STREAMY.test(path))
                    leftAside.push(`${label}: discovery sends only GET; name it in stream-path (with its body) to check it`);
                continue;
            }
            if (needsParameters(operation, item, path)) {
                leftAside.push(`${label}: needs parameters${streams ? ' (it declares text/event-stream)' : ''}; name it in stream-path with them to check it`);
                continue;
            }
            if (streams)
                declared.push({ method: 'GET', path, found: 'declared' });
            else
                toSniff.push({ method: 'GET', path, found: 'sniffed' });
        }
    }
    toSniff.sort((a, b) => Number(STREAMY.test(b.path)) - Number(STREAMY.test(a.path)));
    return { declared, toSniff, leftAside };
}
/**
 * The routes of one shard: sorted by a stable key (the path, then the
 * method), the i-th route goes to shard i mod count + 1, so that every route
 * is in exactly one shard whatever the order they were named or found in,
 * and the shards get as many routes as they can.
 */
function shareOf(routes, shard) {
    if (!shard || shard.count === 1)
        return routes;
    const key = (route) => `${route.path}\u0000${route.method}`;
    const sorted = [...routes].sort((a, b) => (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const mine = new Set(sorted.filter((_, i) => i % shard.count === shard.index - 1));
    // the share keeps the order the routes came in (declared streams first, likely streams first)
    return routes.filter(route => mine.has(route));
}

// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __nccwpck_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __nccwpck_require__(4708);
;// CONCATENATED MODULE: ./src/os/http-client.ts
// The one place that makes HTTP requests to the app. Every request goes out on
// a fresh connection (no keep-alive agent): a probe must be a new request that
// the app's event loop has to accept and answer, and an aborted stream must be
// a real client disconnect that closes the socket.


/** Sends a request on its own connection; the caller owns the returned request (destroy() closes the socket). */
function sendRequest(request, onResponse) {
    const url = new URL(request.url);
    const transport = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
    const headers = { ...request.headers };
    if (request.body !== undefined && request.body !== '') {
        headers['content-length'] ??= String(Buffer.byteLength(request.body));
    }
    const req = transport.request(url, {
        method: request.method ?? 'GET',
        headers,
        agent: false,
        // a loopback app in CI usually has no valid certificate
        ...(url.protocol === 'https:' ? { rejectUnauthorized: false } : {})
    }, onResponse);
    if (request.body !== undefined && request.body !== '')
        req.write(request.body);
    req.end();
    return req;
}
/** A short description of a socket error, e.g. `ECONNREFUSED`. */
function describeError(error) {
    if (error && typeof error === 'object') {
        const code = error.code;
        const message = error.message;
        if (typeof code === 'string')
            return code;
        if (typeof message === 'string')
            return message;
    }
    return String(error);
}
/** Errors that mean nothing answers on the port, as opposed to an answer that never came. */
function isUnreachable(error) {
    const code = describeError(error);
    return (code === 'ECONNREFUSED' ||
        code === 'ECONNRESET' ||
        code === 'EPIPE' ||
        code === 'EHOSTUNREACH' ||
        code === 'ENOTFOUND' ||
        code === 'EADDRNOTAVAIL');
}

// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __nccwpck_require__(8500);
;// CONCATENATED MODULE: ./src/core/waits.ts
// Waiting for whichever comes first, a time or an event, without leaving the
// timer behind: a timer still pending keeps the process alive after its work
// is done (the step's exit waited out a probe's sampling schedule).

/** Waits `ms`, or until `event` settles if that is sooner; the timer goes with the wait. */
async function waitAtMost(ms, event) {
    const timer = new AbortController();
    try {
        return await Promise.race([(0,promises_.setTimeout)(ms, undefined, { signal: timer.signal }), event]);
    }
    finally {
        timer.abort();
    }
}

// EXTERNAL MODULE: ./src/os/app-process.ts
var app_process = __nccwpck_require__(2877);
;// CONCATENATED MODULE: ./src/engine/probe.ts
// One health probe: a fresh GET that must be answered completely (status and
// body) within the timeout. A route that sends headers and then trickles its
// body forever is as hung as one that never answers.

/** Bodies are drained but only this much is kept, for the detail of an error answer. */
const KEPT_BODY_BYTES = 300;
function probeHealth(url, timeoutMs) {
    return new Promise(resolve => {
        const started = performance.now();
        let settled = false;
        const finish = (answer) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            req.destroy();
            resolve({ latencyMs: performance.now() - started, ...answer });
        };
        const req = sendRequest({ url, headers: { accept: 'application/json, */*', connection: 'close' } }, response => {
            const status = response.statusCode ?? 0;
            let kept = '';
            response.setEncoding('utf8');
            response.on('data', (chunk) => {
                if (kept.length < KEPT_BODY_BYTES)
                    kept += chunk.slice(0, KEPT_BODY_BYTES - kept.length);
            });
            response.on('end', () => {
                if (status >= 200 && status < 300)
                    finish({ outcome: 'ok', status });
                else
                    finish({ outcome: 'http-error', status, detail: kept.trim() });
            });
            response.on('error', error => finish({ outcome: 'unreachable', status, detail: describeError(error) }));
        });
        req.on('error', error => finish({ outcome: isUnreachable(error) ? 'unreachable' : 'http-error', detail: describeError(error) }));
        const timer = setTimeout(() => finish({ outcome: 'timeout', detail: `no complete answer within ${Math.round(timeoutMs)} ms` }), timeoutMs);
    });
}

;// CONCATENATED MODULE: ./src/engine/loop-watch.ts
// Watches the event loop through the health route: probes sent back to back,
// one in flight at a time and at most about 20 a second (100 a second in a
// watch's first 100 ms), each on a fresh connection; and, while a probe is
// slow to answer, samples of every thread's stack, so that the analysis can
// tell a loop blocked by the app from a machine that was merely busy. The
// engine (triage.ts) decides when to watch.


/** Back-to-back probes start at least this far apart: about 20 a second. */
const PROBE_INTERVAL_MS = 50;
/**
 * A watch begins where something changed (a request sent, a client gone):
 * a block that change sets off starts within a few ms, so the first
 * CLOSE_WATCH_MS are probed every CLOSE_PROBE_INTERVAL_MS. A probe that
 * left before the block began answers; the next one is what finds it, and
 * the timeout runs from when that one left.
 */
const CLOSE_WATCH_MS = 100;
const CLOSE_PROBE_INTERVAL_MS = 10;
/** Stall samples are taken this far apart (the issue's 100–200 ms), at most. */
const STALL_SAMPLE_STEP_MS = { min: 100, max: 200 };
/** Hang samples, beyond the stall samples: at these shares of the timeout, the last ending about when the timeout does. */
const HANG_SAMPLE_AT = [0.3, 0.6, 0.9];
/** How long an answered slow probe waits for the sample still being taken. */
const SAMPLE_GRACE_MS = 1000;
/**
 * When to sample a probe that has not answered yet, in ms after it was sent.
 * From a third of stall-threshold, every 100–200 ms until twice the
 * threshold, enough for two samples to agree on a stall; then at 30, 60 and
 * 90 % of the timeout, so a hang has samples spread over its whole wait
 * without dozens of dumps.
 */
function sampleSchedule(stallThresholdMs, timeoutMs) {
    const first = stallThresholdMs / 3;
    const step = Math.min(STALL_SAMPLE_STEP_MS.max, Math.max(STALL_SAMPLE_STEP_MS.min, first));
    const times = [];
    const stallSamplesEnd = Math.min(2 * stallThresholdMs, timeoutMs);
    for (let k = 0; Math.round(first + k * step) < stallSamplesEnd; k++)
        times.push(Math.round(first + k * step));
    for (const share of HANG_SAMPLE_AT) {
        const at = Math.round(timeoutMs * share);
        if (at > (times.at(-1) ?? 0) + step)
            times.push(at);
    }
    return times;
}
/** The settle window's floor: time for a server to notice a disconnect at its next write. */
const MIN_SETTLE_MS = 300;
const SETTLE_GAPS = 1.5;
/**
 * How long to keep watching after a disconnect: the settle input when given;
 * else long enough for the app to reach its next send (1.5 × the longest wait
 * seen for an event), at least MIN_SETTLE_MS and at most the timeout.
 */
function settleWindowMs(given, longestGapMs, timeoutMs) {
    if (given !== undefined)
        return given;
    return Math.round(Math.min(timeoutMs, Math.max(MIN_SETTLE_MS, SETTLE_GAPS * (longestGapMs ?? 0))));
}
/**
 * The settle window a stream's gaps call for, when the cap kept the window
 * shorter: a hang that begins at the app's next send may come after it.
 */
function settleShortfallMs(given, longestGapMs, timeoutMs) {
    if (given !== undefined || longestGapMs === undefined)
        return undefined;
    const wanted = Math.ceil(SETTLE_GAPS * longestGapMs);
    return wanted > timeoutMs ? wanted : undefined;
}
/**
 * Sends one probe and samples the stacks on the schedule while it waits. A
 * fast answer drops the samples; a slow one keeps them (with the sample in
 * flight, given a short grace); an unanswered one keeps every sample.
 */
async function watchedProbe(options, phase, cycle) {
    const sentAtMs = options.clock();
    options.onProbeSent?.(phase, cycle);
    let answered = false;
    const answering = probeHealth(options.healthUrl, options.timeoutMs).finally(() => (answered = true));
    const samples = [];
    const sampling = (async () => {
        for (const at of sampleSchedule(options.stallThresholdMs, options.timeoutMs)) {
            const wait = Math.ceil(sentAtMs + at - options.clock());
            if (wait > 0)
                await waitAtMost(wait, answering);
            if (answered)
                return;
            const taken = await options.sample();
            if (taken)
                samples.push(taken);
        }
    })();
    const answer = await answering;
    const probe = { phase, cycle, sentAtMs, ...answer };
    options.onProbeAnswered?.(probe);
    if (answer.outcome === 'timeout') {
        await sampling;
    }
    else if (answer.latencyMs >= options.stallThresholdMs) {
        await waitAtMost(SAMPLE_GRACE_MS, sampling);
    }
    else {
        return { probe, samples: [] };
    }
    return { probe, samples: [...samples] };
}
/**
 * Keeps the health route probed, back to back, until stopped or until a
 * probe fails (no answer in time, an error, nothing listening): then it stops
 * by itself and `failed` resolves with that probe.
 */
class Heartbeat {
    options;
    phase;
    cycle;
    probes = [];
    /** resolves with the first probe that did not answer 2xx in time */
    failed;
    resolveFailed;
    stopping = false;
    wake;
    /** who waits for a probe sent from `sentFromMs`; -Infinity: the next one, whenever it goes */
    waiters = [];
    running;
    startedAtMs;
    constructor(options, 
    /** the phase each probe is labelled with, read as it is sent: a label may change while the watch goes on */
    phase, cycle) {
        this.options = options;
        this.phase = phase;
        this.cycle = cycle;
        this.failed = new Promise(resolve => (this.resolveFailed = resolve));
        this.startedAtMs = options.clock();
        this.running = this.loop();
    }
    /** The failed probe, if one failed. */
    get failure() {
        return this.probes.find(p => p.probe.outcome !== 'ok');
    }
    /** Resolves when the next probe has its answer (or the probe that failed, once one has). */
    nextProbe() {
        const failure = this.failure;
        if (failure)
            return Promise.resolve(failure);
        return new Promise(resolve => this.waiters.push({ sentFromMs: -Infinity, resolve }));
    }
    /**
     * Resolves when a probe sent at sentFromMs or later (the watch's clock) has
     * its answer: proof that the loop answered after that moment. The probe
     * that failed, once one has; the last one, if the watch is stopped first.
     * That probe goes out at sentFromMs (or as soon as the one in flight has
     * its answer), not at the next beat: whoever asks waits on it (the
     * disconnect does, in every cycle).
     */
    probeSentFrom(sentFromMs) {
        const failure = this.failure;
        if (failure)
            return Promise.resolve(failure);
        const answered = this.probes.find(p => p.probe.sentAtMs >= sentFromMs);
        if (answered)
            return Promise.resolve(answered);
        const proof = new Promise(resolve => this.waiters.push({ sentFromMs, resolve }));
        // the watch sleeps until the next beat: it works out again when the next probe is due
        this.wake?.();
        return proof;
    }
    /** Sends no more probes; resolves once the one in flight has its answer. */
    async stop() {
        this.stopping = true;
        this.wake?.();
        await this.running;
    }
    async loop() {
        try {
            await this.probeUntilStopped();
        }
        finally {
            // whoever still waits for a probe gets the last one
            const last = this.probes.at(-1);
            if (last)
                for (const waiter of this.waiters.splice(0))
                    waiter.resolve(last);
        }
    }
    async probeUntilStopped() {
        while (!this.stopping) {
            const watched = await watchedProbe(this.options, typeof this.phase === 'function' ? this.phase() : this.phase, this.cycle);
            this.probes.push(watched);
            const failed = watched.probe.outcome !== 'ok';
            const ready = this.waiters.filter(w => failed || watched.probe.sentAtMs >= w.sentFromMs);
            this.waiters = this.waiters.filter(w => !ready.includes(w));
            for (const waiter of ready)
                waiter.resolve(watched);
            if (failed) {
                this.resolveFailed(watched);
                return;
            }
            // whoever was waiting for this probe may stop the watch before the next one goes out
            await this.sleep(1);
            // then the next one waits for its time, read again after each wake (a probe asked for may
            // move it) and against the clock: a timer may fire a little early, and a probe asked for
            // from a moment must not leave before it
            let due = this.nextProbeAtMs(watched.probe.sentAtMs);
            while (!this.stopping && this.options.clock() < due) {
                await this.sleep(Math.ceil(due - this.options.clock()));
                due = this.nextProbeAtMs(watched.probe.sentAtMs);
            }
        }
    }
    /**
     * When the next probe is due: at the next beat (closer together while the
     * watch is young), or sooner for one who asked for a probe sent from an
     * earlier moment (nextProbe's waiters, from -Infinity, take the probe the
     * beat sends).
     */
    nextProbeAtMs(lastSentAtMs) {
        const young = lastSentAtMs < this.startedAtMs + CLOSE_WATCH_MS;
        const beat = lastSentAtMs + (young ? CLOSE_PROBE_INTERVAL_MS : PROBE_INTERVAL_MS);
        const asked = this.waiters.map(w => w.sentFromMs).filter(Number.isFinite);
        return Math.min(beat, ...asked);
    }
    /** Waits `ms`, or less when woken (by stop, or by a probe asked for). */
    async sleep(ms) {
        await waitAtMost(ms, new Promise(resolve => (this.wake = resolve)));
        this.wake = undefined;
    }
}

// EXTERNAL MODULE: external "node:net"
var external_node_net_ = __nccwpck_require__(7030);
// EXTERNAL MODULE: ./src/os/process-table.ts
var process_table = __nccwpck_require__(6402);
;// CONCATENATED MODULE: ./src/engine/time-bound.ts
// How long a run may take, whatever the app does: the bound the watchdog
// enforces (cancellation.ts), the time a tried fix must fit in, and whether
// a start of the app again still fits.
/** Probes answered before a route is opened, to know the loop answers at all. */
const BASELINE_PROBES = 3;
/** How long the port check waits for a connection to what may already listen there. */
const PORT_CHECK_TIMEOUT_MS = 1000;
/** How long discovery waits for a route's headers when it opens it to see whether it streams. */
const SNIFF_MS = 2000;
/** What a run may take beyond its inputs: capture (an install, a dump retried with sudo), stopping the app, the report. */
const TIME_MARGIN_MS = 60_000;
/** Per cycle, for the samples a slow probe waits for once it has its answer. */
const CYCLE_SAMPLE_MARGIN_MS = 1000;
/**
 * Between SIGTERM and SIGKILL when stopping the app. A hung loop cannot run
 * its shutdown handlers, and its stacks are taken by then: it is killed at
 * once; an app that can still answer gets a grace to shut down cleanly.
 */
const STOP_GRACE_MS = { hung: 0, other: 3000 };
/** The grace for an app as a route left it: none for a hung one. */
function stopGraceMs(verdict) {
    return verdict === 'hung' ? STOP_GRACE_MS.hung : STOP_GRACE_MS.other;
}
/** The longest one route's check can take: its baseline probes and its cycles. */
function routeBoundMs(settings) {
    const settle = settings.settleMs ?? settings.healthTimeoutMs;
    const cycle = settings.abortAfterMs + settle + 2 * settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS;
    return BASELINE_PROBES * settings.healthTimeoutMs + settings.cycles * cycle;
}
/** The longest a start of the app after a route broke it can take: stopping it, then its start-up. */
function restartBoundMs(settings) {
    return STOP_GRACE_MS.other + settings.startupTimeoutMs;
}
/**
 * The longest a run can take, whatever the app does: the port check, the
 * start-up, then for each route (those named, else up to max-routes found by
 * discovery) its baseline probes and cycles, each cycle's streams
 * (abort-after), the probe that confirms the loop answers while they are
 * open, the settle window after the disconnect with the probe in flight at
 * its end, and the samples of slow probes; discovery's OpenAPI request and
 * its sniffs, each a fixed wait for headers and a settle window; the idle
 * watch up to min-watch with its last probe; a start again (stop grace and
 * startup-timeout) after each route but the last (restart: auto); then a
 * fixed margin. The action enforces it with a watchdog.
 */
function timeBoundMs(settings) {
    const settle = settings.settleMs ?? settings.healthTimeoutMs;
    const routes = settings.routes.length || settings.maxRoutes;
    const discovery = settings.routes.length > 0
        ? 0
        : settings.healthTimeoutMs +
            settings.maxRoutes * (SNIFF_MS + settle + settings.healthTimeoutMs + CYCLE_SAMPLE_MARGIN_MS);
    // the idle watch ends min-watch after the first healthy probe, with the probe then in flight
    const idle = settings.minWatchMs > 0 ? settings.minWatchMs + settings.healthTimeoutMs : 0;
    const restarts = settings.restart === 'auto' ? (routes - 1) * restartBoundMs(settings) : 0;
    return (PORT_CHECK_TIMEOUT_MS +
        settings.startupTimeoutMs +
        routes * routeBoundMs(settings) +
        discovery +
        idle +
        restarts +
        TIME_MARGIN_MS);
}

;// CONCATENATED MODULE: ./src/engine/start-up.ts
// Bringing the app up: the port must be free (probing another program would
// diagnose the wrong process), then the app is started (or attached to) and
// its health route polled briskly until it answers 2xx. Each way this fails
// is a startup-failed conclusion that says what to change.









const STARTUP_POLL_MS = 10;
const PORT_FREE_POLL_MS = 50;
/** Starts the app, or attaches to the one at attachPid; a Conclusion when that fails. */
async function startOrAttach({ settings, logger, env, logPath, attachPid, portFreeWithinMs = 0 }) {
    if (attachPid !== undefined) {
        if (!(0,process_table/* isAlive */._n)(attachPid))
            return { verdict: 'startup-failed', headline: `No process with pid ${attachPid} runs.` };
        logger.info(`Attaching to pid ${attachPid} (${(0,process_table/* commandLine */.ay)(attachPid)}); it is left running`);
        return (0,app_process/* attachApp */.FP)(attachPid);
    }
    // probing a program that is not ours would diagnose the wrong process
    let occupied = await portInUse(settings.baseUrl);
    const deadline = performance.now() + portFreeWithinMs;
    while (occupied && performance.now() < deadline) {
        await (0,promises_.setTimeout)(PORT_FREE_POLL_MS);
        occupied = await portInUse(settings.baseUrl);
    }
    if (occupied)
        return { verdict: 'startup-failed', headline: occupied };
    logger.info(`Starting the app in ${settings.workingDirectory}: ${settings.startCommand}`);
    return (0,app_process/* startApp */.Yk)({
        command: settings.startCommand,
        cwd: settings.workingDirectory,
        env,
        logPath,
        marker: (0,external_node_crypto_.randomUUID)()
    });
}
/** Polls the health route briskly until it answers 2xx; a Conclusion when it never does. */
async function waitUntilHealthy(app, settings, logger) {
    const healthUrl = settings.baseUrl + settings.healthPath;
    const deadline = performance.now() + settings.startupTimeoutMs;
    let last = '';
    while (performance.now() < deadline) {
        const exited = (0,app_process/* exitOf */.sX)(app);
        if (exited) {
            return { verdict: 'startup-failed', headline: startupExitHeadline(settings, exited), extra: { appExit: exited } };
        }
        const remaining = deadline - performance.now();
        const answer = await probeHealth(healthUrl, Math.max(1, Math.min(settings.healthTimeoutMs, remaining)));
        if (answer.outcome === 'ok')
            return undefined;
        if (answer.outcome === 'http-error' && answer.status === 404) {
            return {
                verdict: 'startup-failed',
                headline: `\`${settings.healthPath}\` answered HTTP 404: the app runs but has no such route. Set health-path to a route that answers 2xx.`
            };
        }
        const now = answer.outcome === 'http-error' ? `HTTP ${answer.status}` : (answer.detail ?? answer.outcome);
        if (now !== last)
            logger.debug(`waiting for ${healthUrl}: ${now}`);
        last = now;
        if (answer.outcome === 'unreachable')
            await waitAtMost(STARTUP_POLL_MS, app.exited);
    }
    return {
        verdict: 'startup-failed',
        headline: `\`${settings.healthPath}\` did not answer 2xx within the startup-timeout of ${formatDuration(settings.startupTimeoutMs)} (last: ${last || 'no answer'}).`
    };
}
/** Why the app exited before it answered, naming start-command when the shell could not run it. */
function startupExitHeadline({ startCommand, healthPath }, exit) {
    const program = startCommand
        .trim()
        .split(/\s+/)
        .find(word => !/^\w+=/.test(word)) ?? startCommand;
    // the shell's own exit codes: 127 command not found, 126 found but not executable
    if (exit.code === 127) {
        return `start-command: \`${program}\` was not found (the shell exited with 127). Install it in an earlier step, or give its path; for a virtualenv, e.g. \`.venv/bin/${program}\`.`;
    }
    if (exit.code === 126)
        return `start-command: \`${program}\` could not be executed (the shell exited with 126): is it executable?`;
    return `The app exited (${describeExit(exit)}) before \`${healthPath}\` answered.`;
}
/** A message naming what already listens where the app should, or undefined when the port is free. */
async function portInUse(baseUrl) {
    const url = new URL(baseUrl);
    const port = Number(url.port || (url.protocol === 'https:' ? 443 : 80));
    const host = url.hostname.replace(/^\[|\]$/g, '');
    const listening = await new Promise(resolve => {
        const socket = external_node_net_.connect({ host, port });
        const done = (result) => {
            socket.destroy();
            resolve(result);
        };
        socket.setTimeout(PORT_CHECK_TIMEOUT_MS, () => done(false));
        socket.once('connect', () => done(true));
        socket.once('error', () => done(false));
    });
    if (!listening)
        return undefined;
    const holders = (0,process_table/* listenersOnPort */.A1)(port);
    const who = holders.length > 0 ? ` (held by ${holders.map(h => `pid ${h.pid}: ${h.command}`).join('; ')})` : '';
    return `Port ${port} is already in use${who} before the app was started, so the probes would reach another program. Stop it, or give the app another port in start-command and base-url.`;
}
function describeExit(exit) {
    if (exit.signal)
        return `killed by ${exit.signal}`;
    // an app we attached to: its exit status is its parent's to read
    return exit.code === null ? 'exit status unknown' : `exit code ${exit.code}`;
}

;// CONCATENATED MODULE: ./src/engine/stream-events.ts
// What counts as an event on a streaming response, by its content type: an
// SSE event for text/event-stream; a line for the JSON-lines family and
// text/plain; a chunk (what one read delivers) for anything else.
const LINE_TYPES = /^(application\/(x-ndjson|ndjson|jsonl|x-jsonlines|jsonlines|json-seq)|text\/plain)\b/i;
function eventKindOf(contentType) {
    if (/^text\/event-stream\b/i.test(contentType))
        return 'sse';
    if (LINE_TYPES.test(contentType))
        return 'lines';
    return 'chunks';
}
/** How the kind's event is named in a warning. */
const EVENT_NAME = { sse: 'SSE event', lines: 'line', chunks: 'data' };
function counterFor(kind) {
    switch (kind) {
        case 'sse':
            return new SseEventCounter();
        case 'lines':
            return new LineCounter();
        case 'chunks':
            return new ChunkCounter();
    }
}
/**
 * Counts Server-Sent Events as the HTML spec dispatches them: an event is the
 * lines up to a blank line, and it is dispatched only if it has a data field.
 * Comment lines (`: ping`) and retry/id-only blocks are not events.
 */
class SseEventCounter {
    events = 0;
    partial = '';
    hasData = false;
    lastWasCR = false;
    push(chunk) {
        let text = this.partial + chunk;
        // a CR at the end of the last chunk already ended its line; skip the LF of a split CRLF
        if (this.lastWasCR && text.startsWith('\n'))
            text = text.slice(1);
        this.lastWasCR = false;
        const lines = text.split(/\r\n|\r|\n/);
        this.partial = lines.pop() ?? '';
        if (this.partial === '' && text.endsWith('\r'))
            this.lastWasCR = true;
        for (const line of lines)
            this.line(line);
    }
    line(line) {
        if (line === '') {
            if (this.hasData)
                this.events++;
            this.hasData = false;
            return;
        }
        if (line.startsWith(':'))
            return;
        const colon = line.indexOf(':');
        const field = colon < 0 ? line : line.slice(0, colon);
        if (field === 'data')
            this.hasData = true;
    }
}
/** json-seq's record separator (RS, 0x1E), which begins each record. */
const RECORD_SEPARATOR = String.fromCharCode(0x1e);
/**
 * Counts the non-blank records of a line-delimited body (NDJSON, JSON lines,
 * text): each ends at a newline, or for application/json-seq at the record
 * separator that begins the next one.
 */
class LineCounter {
    events = 0;
    partial = '';
    push(chunk) {
        const records = (this.partial + chunk).replaceAll(RECORD_SEPARATOR, '\n').split(/\r?\n/);
        this.partial = records.pop() ?? '';
        this.events += records.filter(r => r.trim() !== '').length;
    }
}
/** Counts each piece of body that arrives: the server's writes, as the network delivers them. */
class ChunkCounter {
    events = 0;
    push(chunk) {
        if (chunk.length > 0)
            this.events++;
    }
}

;// CONCATENATED MODULE: ./src/engine/stream-progress.ts
// The life of one stream as its client sees it, shared by the HTTP and the
// WebSocket clients: when it answered, its events counted up to the
// disconnect's trigger with the gaps between them, when it may be aborted,
// how it ended, and the result handed back at the disconnect.
class StreamProgress {
    abortAfterEvents;
    result;
    /** true at the answer (headers, or an open WebSocket); false when abort-after elapses first or the connection fails */
    responded;
    /** once the stream may be aborted: enough events, abort-after elapsed, or the stream ended */
    abortable;
    /** at the first event, or when the stream is abortable without one */
    firstEvent;
    started = performance.now();
    lastEventAt = this.started;
    ended;
    closed = false;
    resolveResponded;
    rejectResponded;
    resolveAbortable;
    resolveFirstEvent;
    timer;
    constructor(index, abortAfterEvents, abortAfterMs, kind) {
        this.abortAfterEvents = abortAfterEvents;
        this.result = { index, ...(kind ? { kind } : {}), events: 0, openMs: 0, end: 'failed' };
        this.responded = new Promise((resolve, reject) => {
            this.resolveResponded = resolve;
            this.rejectResponded = reject;
        });
        // the engine may stop listening after another stream failed; never leave a rejection unhandled
        this.responded.catch(() => undefined);
        this.abortable = new Promise(resolve => (this.resolveAbortable = resolve));
        this.firstEvent = Promise.race([this.abortable, new Promise(resolve => (this.resolveFirstEvent = resolve))]);
        this.timer = setTimeout(() => {
            this.resolveResponded(false);
            this.resolveAbortable();
        }, abortAfterMs);
    }
    /** The client closed it: what fails after that is the client's doing, not the app's. */
    get isClosed() {
        return this.closed;
    }
    respond(answered) {
        this.resolveResponded(answered);
    }
    /** The route answered in a way that is a configuration problem, not a hang. */
    refuse(error) {
        this.rejectResponded(error);
    }
    /** The stream may be aborted now (a sniff has its headers). */
    allowAbort() {
        this.resolveAbortable();
    }
    /**
     * The events received so far reached `total`; counted up to the
     * disconnect's trigger (abort-after-events): what comes while the last
     * probe is proved is not the route's doing.
     */
    counted(total) {
        const { result } = this;
        if (result.events >= this.abortAfterEvents || total <= result.events)
            return;
        const now = performance.now();
        result.events = total;
        result.firstEventMs ??= now - this.started;
        result.longestGapMs = Math.max(result.longestGapMs ?? 0, now - this.lastEventAt);
        this.lastEventAt = now;
        this.resolveFirstEvent();
        if (result.events >= this.abortAfterEvents)
            this.resolveAbortable();
    }
    /** The stream ended (by the server, or failing) before the client disconnected; only the first end counts. */
    finish(end, detail) {
        if (this.ended)
            return;
        this.ended = end;
        if (detail)
            this.result.detail = detail;
        this.result.openMs = performance.now() - this.started;
        this.resolveAbortable();
    }
    /** Disconnects (once, with `disconnect`) and returns what was seen. */
    close(disconnect) {
        clearTimeout(this.timer);
        if (!this.closed) {
            this.closed = true;
            if (!this.ended)
                this.finish(this.result.events >= this.abortAfterEvents ? 'aborted-after-events' : 'aborted-after-time');
            disconnect();
        }
        this.resolveResponded(false);
        this.result.end = this.ended ?? 'failed';
        return { ...this.result };
    }
}

;// CONCATENATED MODULE: ./src/engine/stream.ts
// Opens one streaming response the way a browser's EventSource or an LLM
// chat client does (SSE, NDJSON token streams, text or any chunked body),
// counts the real events it receives and the gaps between them, and
// disconnects by closing the socket, which is what the app sees when a user
// closes the tab. WebSocket routes have their own module with the same shape.



/** The stream route answered in a way that is a configuration problem, not a hang. */
class StreamRouteError extends Error {
    constructor(message) {
        super(message);
        this.name = 'StreamRouteError';
    }
}
const stream_KEPT_BODY_BYTES = 300;
const ERROR_BODY_WAIT_MS = 500;
function openStream(options, index) {
    const progress = new StreamProgress(index, options.abortAfterEvents, options.abortAfterMs);
    const { result } = progress;
    let counter;
    /** a response that ends with no event in its body has answered all the same: one event */
    let answeredByEnd = 0;
    const eventsSoFar = () => (counter?.events ?? 0) + answeredByEnd;
    const headers = {
        accept: 'text/event-stream, application/x-ndjson;q=0.9, */*;q=0.8',
        'cache-control': 'no-cache',
        ...Object.fromEntries(options.headers.map(([name, value]) => [name.toLowerCase(), value]))
    };
    // a body written as JSON (the form stream-path's route lines take) is sent as JSON, unless a header says otherwise
    if (options.body !== '' && headers['content-type'] === undefined && isJson(options.body))
        headers['content-type'] = 'application/json';
    const onResponse = (response) => {
        result.status = response.statusCode ?? 0;
        result.contentType = String(response.headers['content-type'] ?? '');
        const kind = eventKindOf(result.contentType);
        const ok = result.status >= 200 && result.status < 300;
        response.setEncoding('utf8');
        if (options.sniff) {
            // a body of known length is an answer, not a stream: only what may go on is kept
            const streams = kind === 'sse' || (kind === 'lines' && response.headers['content-length'] === undefined);
            progress.respond(ok && streams);
            progress.allowAbort();
            response.resume();
            return;
        }
        if (!ok) {
            reportBadRoute(response, result, options, error => progress.refuse(error));
            return;
        }
        result.kind = kind;
        const events = counterFor(kind);
        counter = events;
        progress.respond(true);
        response.on('data', (chunk) => {
            events.push(chunk);
            progress.counted(eventsSoFar());
        });
        response.on('end', () => {
            // a response that ends has answered: one event, whatever its body held
            if (events.events === 0)
                answeredByEnd = 1;
            progress.counted(eventsSoFar());
            progress.finish('ended-by-server');
        });
        response.on('error', error => progress.finish('failed', describeError(error)));
    };
    const req = sendRequest({ url: options.url, method: options.method, headers, body: options.body }, onResponse);
    req.on('error', error => {
        if (progress.isClosed)
            return;
        // a connection that fails is the app's state, not a configuration error: the probes judge it
        progress.finish('failed', describeError(error));
        progress.respond(false);
    });
    return {
        responded: progress.responded,
        firstEvent: progress.firstEvent,
        abortable: progress.abortable,
        eventCount: eventsSoFar,
        abort: () => progress.close(() => {
            // destroy() closes the socket with a FIN, as a closed tab does; a reset is a dying one
            if (options.abrupt)
                req.socket?.resetAndDestroy();
            req.destroy();
        })
    };
}
function isJson(text) {
    try {
        JSON.parse(text);
        return true;
    }
    catch {
        return false;
    }
}
function reportBadRoute(response, result, options, reject) {
    let body = '';
    const done = () => {
        clearTimeout(timer);
        const what = `${options.method} ${new URL(options.url).pathname}`;
        const excerpt = body.trim() === '' ? '' : ` (body: ${body.trim().slice(0, stream_KEPT_BODY_BYTES)})`;
        reject(new StreamRouteError(`stream-path: ${what} answered HTTP ${result.status}${excerpt}; expected a 2xx response (a stream: SSE, NDJSON, text or any body). Check stream-path, stream-method, stream-headers and stream-body.`));
    };
    const timer = setTimeout(done, ERROR_BODY_WAIT_MS);
    response.on('data', (chunk) => {
        if (body.length < stream_KEPT_BODY_BYTES)
            body += chunk;
        if (body.length >= stream_KEPT_BODY_BYTES)
            done();
    });
    response.on('end', done);
    response.on('error', done);
}

;// CONCATENATED MODULE: ./src/engine/route-warnings.ts
// What a route's check says went unexpectedly with its streams, and when its
// watch after the disconnect may have been too short: warnings, in words.



/**
 * When the stream's events came further apart than the settle window's cap,
 * a late-noticed disconnect may go unseen: says so, and how long to watch.
 */
function settleWarning(settings, longestGapMs) {
    const wanted = settleShortfallMs(settings.settleMs, longestGapMs, settings.healthTimeoutMs);
    if (wanted === undefined)
        return undefined;
    return (`The stream's events came up to ${formatDuration(longestGapMs ?? 0)} apart, and the watch after each disconnect lasted ${formatDuration(settings.healthTimeoutMs)} (health-timeout): ` +
        `a hang that begins at the app's next send, as with servers that notice a disconnect only when they write (aiohttp, ASGI 2.4 under Starlette), could not be seen. ` +
        `Set settle to ${formatDuration(wanted)} or more to watch that long.`);
}
/** What went unexpectedly with each stream of a cycle: no headers, an end before the disconnect, a failure, no event. */
function streamWarnings(record, abortAfterMs) {
    const abortAfter = formatDuration(abortAfterMs);
    return record.streams.flatMap(stream => {
        const label = `Cycle ${record.cycle}, stream ${stream.index}`;
        if (stream.status === undefined)
            return [`${label}: no response headers within abort-after (${abortAfter}); it was aborted before it answered.`];
        if (stream.end === 'ended-by-server')
            return [
                `${label}: the server ended the stream after ${stream.events} event(s) before the client disconnected, so the disconnect path was not exercised. Lower abort-after-events or abort-after, if the route streams.`
            ];
        if (stream.end === 'failed')
            return [`${label}: the stream failed (${stream.detail ?? 'unknown error'}).`];
        if (stream.events === 0) {
            const event = stream.kind === 'websocket' ? 'message' : EVENT_NAME[stream.kind ?? 'sse'];
            return [`${label}: no ${event} arrived within abort-after (${abortAfter}).`];
        }
        return [];
    });
}

;// CONCATENATED MODULE: ./src/engine/websocket-stream.ts
// Opens a WebSocket route as a chat front-end or a dashboard does: the
// upgrade request with stream-headers, one JSON message sent once it is open
// when the route line gives one, every message received counted as an event,
// and then the client goes away: a normal close (a close frame), or an
// abrupt one (the TCP connection closed with no close frame, as when a
// browser tab dies). The client is the `ws` package, not a hand-written
// handshake.



const websocket_stream_KEPT_BODY_BYTES = 300;
/** How long a normal close waits for the server's close frame before the socket is dropped. */
const CLOSE_TIMEOUT_MS = 1000;
/** The ws:// or wss:// address of an http:// or https:// one. */
function webSocketUrl(httpUrl) {
    const url = new URL(httpUrl);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    return url.toString();
}
/**
 * The opener of WebSocket routes, with `ws` loaded on the first call. `ws`
 * and the zlib it pulls in took about 30 ms of every start-up, also in runs
 * with no WebSocket route. "eager": it stays in the bundle's own file (the
 * command line is one file) and only its evaluation waits for this call.
 */
async function webSocketOpener() {
    const { default: client } = await Promise.resolve(/* import() eager */).then(__nccwpck_require__.bind(__nccwpck_require__, 2977));
    return (options, index) => openWebSocket(client, options, index);
}
function openWebSocket(WebSocket, options, index) {
    const progress = new StreamProgress(index, options.abortAfterEvents, options.abortAfterMs, 'websocket');
    const { result } = progress;
    let messages = 0;
    const what = `WS ${new URL(options.url).pathname}`;
    // closeTimeout is ws's own option (its types do not list it yet): without it a close waits 30 s for a hung server
    const clientOptions = {
        headers: Object.fromEntries(options.headers),
        handshakeTimeout: options.abortAfterMs,
        closeTimeout: CLOSE_TIMEOUT_MS,
        perMessageDeflate: false,
        // a loopback app in CI usually has no valid certificate
        rejectUnauthorized: false
    };
    const socket = new WebSocket(webSocketUrl(options.url), clientOptions);
    socket.on('upgrade', response => {
        result.status = response.statusCode ?? 101;
    });
    socket.on('open', () => {
        progress.respond(true);
        if (options.body !== '')
            socket.send(options.body);
    });
    socket.on('message', () => progress.counted(++messages));
    socket.on('unexpected-response', (_request, response) => {
        // the route answered HTTP instead of switching protocols: a configuration problem, not a hang
        result.status = response.statusCode ?? 0;
        let body = '';
        response.setEncoding('utf8');
        response.on('data', (chunk) => (body += chunk.slice(0, websocket_stream_KEPT_BODY_BYTES)));
        const done = () => {
            const excerpt = body.trim() === '' ? '' : ` (body: ${body.trim().slice(0, websocket_stream_KEPT_BODY_BYTES)})`;
            progress.refuse(new StreamRouteError(`stream-path: ${what} answered HTTP ${result.status}${excerpt}; expected a WebSocket upgrade (101 Switching Protocols). Is it the path of a WebSocket route, served with WebSocket support (for uvicorn: the websockets package)?`));
            progress.finish('failed', `HTTP ${result.status}`);
            socket.terminate();
        };
        response.on('end', done);
        response.on('error', done);
    });
    socket.on('close', (code) => {
        if (!progress.isClosed)
            progress.finish('ended-by-server', `closed by the server (code ${code})`);
    });
    socket.on('error', error => {
        if (progress.isClosed)
            return;
        // a connection that fails is the app's state, not a configuration error: the probes judge it
        progress.finish('failed', describeError(error));
        progress.respond(false);
    });
    return {
        responded: progress.responded,
        firstEvent: progress.firstEvent,
        abortable: progress.abortable,
        eventCount: () => messages,
        abort: () => progress.close(() => {
            if (options.abrupt)
                result.abrupt = true;
            if (options.abrupt || socket.readyState !== WebSocket.OPEN)
                socket.terminate();
            else
                socket.close(1000, 'client going away');
        })
    };
}

;// CONCATENATED MODULE: ./src/engine/route-check.ts
// One route's check: its baseline probes and its open/abort cycles (or, for
// a route discovery opens to see whether it streams, that one sniff), with
// the loop watched throughout and stacks kept when a probe is slow or goes
// unanswered. It sees the run only through RouteCheckContext, so its rules
// run in unit tests against a fake of it.











/** How long a refused probe waits for the app's exit before calling it unhealthy rather than crashed. */
const EXIT_GRACE_MS = 200;
/** How long the streams stay open after their events, at least, before the disconnect. */
const HOLD_AFTER_EVENTS_MS = 60;
/** The cycle in which a WebSocket client drops its connection instead of closing it. */
const ABRUPT_CLOSE_CYCLE = 2;
/** At a hang with nothing else to capture with, how long to wait for a py-spy install still running. */
const INSTALL_WAIT_AT_HANG_MS = 30_000;
/**
 * One route's check: its baseline probes and cycles, or, for a route
 * discovery opens to see whether it streams, that one sniff. What its probes
 * and samples show is its own.
 */
class RouteCheck {
    run;
    route;
    streams;
    baseline = [];
    cycles = [];
    slowProbes = [];
    verdict = 'healthy';
    conclusion = { verdict: 'healthy', headline: '' };
    /** the samples taken while the unanswered probe waited */
    hangSamples = [];
    /** slow probes that had no samples to judge them by */
    unsampledSlowProbes = 0;
    /** the longest wait for a stream event over the route's cycles */
    longestGapMs;
    warnings = [];
    /** e.g. `GET /api/news/stream` */
    what;
    constructor(run, route, 
    /** whether the route answers an event stream: known for named and declared routes, found out by a sniff */
    streams) {
        this.run = run;
        this.route = route;
        this.streams = streams;
        this.what = routeLabel(route);
    }
    get settings() {
        return this.run.settings;
    }
    conclude(conclusion) {
        this.conclusion = conclusion;
        this.verdict = conclusion.verdict;
    }
    /** Baseline probes, then the cycles; the verdict is this route's. */
    async check() {
        this.run.logger.info(`Checking ${this.what}${this.route.found === 'named' ? '' : ` (${this.route.found})`}`);
        for (let i = 0; i < BASELINE_PROBES; i++) {
            const probe = await this.keep(await watchedProbe(this.run.watch, 'baseline', 0));
            this.baseline.push(probe);
            const failed = await this.judge(probe);
            if (failed)
                return this.conclude(failed);
        }
        for (let cycle = 1; cycle <= this.settings.cycles; cycle++) {
            let failed;
            try {
                failed = await this.runCycle(cycle);
            }
            catch (error) {
                // a route discovery found that does not answer a stream after all: not a configuration error of the user's
                if (!(error instanceof StreamRouteError) || this.route.found === 'named')
                    throw error;
                this.warnings.push(`${this.what} (${this.route.found}): ${error.message.replace(/^stream-path: /, '')}`);
                return;
            }
            if (failed)
                return this.conclude(failed);
        }
    }
    /**
     * Opens the route once (GET, no body), reads its headers, closes it and
     * watches the loop for a settle window: whether it streams, and what
     * closing it does to the loop.
     */
    async sniff() {
        const { settings } = this;
        const record = { cycle: 0, streams: [], probes: [] };
        this.cycles.push(record);
        // watched from the request on, as any route: a block before the headers is a finding too
        const watch = new Heartbeat(this.run.watch, 'after-sniff', 0);
        const stream = openStream({
            url: settings.baseUrl + this.route.path,
            method: 'GET',
            headers: settings.streamHeaders,
            body: '',
            abortAfterEvents: 1,
            abortAfterMs: SNIFF_MS,
            sniff: true
        }, 1);
        this.streams = await Promise.race([stream.responded, watch.failed.then(() => false)]);
        record.streams = [stream.abort()];
        const exited = (0,app_process/* exitOf */.sX)(this.run.app);
        if (exited) {
            await watch.stop();
            return this.conclude({
                verdict: 'crashed',
                headline: `The app exited (${describeExit(exited)}) when discovery opened \`${this.what}\`.`,
                extra: { appExit: exited }
            });
        }
        await waitAtMost(settleWindowMs(settings.settleMs, undefined, settings.healthTimeoutMs), watch.failed);
        await watch.stop();
        const failed = await this.record(record, watch.probes);
        if (failed)
            this.conclude(failed);
    }
    /**
     * Keeps the loop watched with no request of ours running, for forMs: what
     * work the app does on its own (a background task, a scheduler) does to it.
     */
    async watchIdle(forMs) {
        this.run.logger.info(`Watching the app idle for ${formatDuration(forMs)} (min-watch ${formatDuration(this.settings.minWatchMs)} from its first answer)`);
        const record = { cycle: 0, streams: [], probes: [] };
        this.cycles.push(record);
        const failed = await this.watchFor(record, 'idle', forMs);
        if (failed)
            this.conclude(failed);
    }
    /** Watches the loop for `ms`, or until a probe fails, into the record; the conclusion of the probe that failed. */
    async watchFor(record, phase, ms) {
        const watch = new Heartbeat(this.run.watch, phase, record.cycle);
        await waitAtMost(ms, watch.failed);
        await watch.stop();
        return this.record(record, watch.probes);
    }
    /**
     * Opens the streams and watches the loop from the request until a settle
     * window has passed after the disconnect: long enough for a server that
     * notices a disconnect only at its next write to reach that write.
     */
    async runCycle(cycle) {
        const { settings } = this;
        const record = { cycle, streams: [], probes: [] };
        this.cycles.push(record);
        const exited = (0,app_process/* exitOf */.sX)(this.run.app);
        if (exited) {
            return {
                verdict: 'crashed',
                headline: `The app exited (${describeExit(exited)}) before cycle ${cycle} of \`${this.what}\`.`,
                extra: { appExit: exited }
            };
        }
        this.run.logger.info(`Cycle ${cycle}/${settings.cycles}: opening ${settings.concurrency} × ${this.what}`);
        const websocket = this.route.method === 'WS';
        const open = websocket ? await webSocketOpener() : openStream;
        const streams = Array.from({ length: settings.concurrency }, (_, i) => open({
            url: settings.baseUrl + this.route.path,
            method: this.route.method,
            headers: settings.streamHeaders,
            body: this.route.body ?? (this.route.found === 'named' ? settings.streamBody : ''),
            abortAfterEvents: settings.abortAfterEvents,
            abortAfterMs: settings.abortAfterMs,
            // a WebSocket client also goes away without a close frame, as a dying tab's does: in cycle 2
            abrupt: websocket && cycle === ABRUPT_CLOSE_CYCLE
        }, i + 1));
        const disconnectAll = () => {
            record.streams = streams.map(s => s.abort());
            for (const stream of record.streams) {
                if (stream.longestGapMs !== undefined)
                    this.longestGapMs = Math.max(this.longestGapMs ?? 0, stream.longestGapMs);
            }
        };
        // watched from the request on: a call that blocks before the first event (a synchronous
        // model call before the first token) holds the loop while no event has come yet
        const during = new Heartbeat(this.run.watch, () => (streams.some(s => s.eventCount() > 0) ? 'during-stream' : 'before-first-event'), cycle);
        let firstEventAtMs;
        for (const stream of streams) {
            void stream.firstEvent.then(() => {
                if (stream.eventCount() > 0)
                    firstEventAtMs = Math.min(firstEventAtMs ?? Infinity, this.run.watch.clock());
            });
        }
        try {
            await Promise.race([Promise.all(streams.map(s => s.responded)), during.failed]);
        }
        catch (error) {
            await during.stop();
            disconnectAll();
            throw error;
        }
        if (!during.failure)
            await Promise.race([Promise.all(streams.map(s => s.abortable)), during.failed]);
        // before the disconnect, a probe sent a while after every stream has had its events must
        // be answered: a call that blocks from the last event on is caught while the streams are
        // open, not taken for the disconnect's doing by the probe that happened to be in flight;
        // and a generator that awaits briefly after its event (the next token, a short poll) and
        // then blocks is caught too, where a disconnect at once would cancel it at that await
        if (!during.failure)
            await during.probeSentFrom(this.run.watch.clock() + HOLD_AFTER_EVENTS_MS);
        await during.stop();
        // a probe that left just before the first event arrived belongs where most of its wait lay
        const labelled = during.probes.map(w => ({
            ...w,
            probe: { ...w.probe, phase: phaseOfWait(w.probe, firstEventAtMs) }
        }));
        const failedDuring = await this.record(record, labelled);
        disconnectAll();
        if (failedDuring)
            return failedDuring;
        const settleMs = settleWindowMs(settings.settleMs, this.longestGapMs, settings.healthTimeoutMs);
        this.warnings.push(...streamWarnings(record, this.settings.abortAfterMs));
        const failedAfter = await this.watchFor(record, 'after-abort', settleMs);
        const slowest = Math.max(...record.probes.map(p => p.latencyMs));
        this.run.logger.debug(`cycle ${cycle}: ${record.probes.length} probes, slowest ${Math.round(slowest)} ms, watched ${formatDuration(settleMs)} after the disconnect`);
        return failedAfter;
    }
    /** Adds a heartbeat's probes to the cycle; the conclusion of the one that failed, if one did. */
    async record(record, watched) {
        for (const w of watched) {
            const probe = await this.keep(w);
            record.probes.push(probe);
            const failed = await this.judge(probe);
            if (failed)
                return failed;
        }
        return undefined;
    }
    /**
     * Keeps what a watched probe's samples are evidence of: a hang's samples
     * (one more, waiting for a py-spy install, when there are none), or a slow
     * probe's for the stall analysis.
     */
    async keep({ probe, samples }) {
        if (probe.outcome === 'timeout') {
            const where = `${probe.phase}${probe.cycle ? `, cycle ${probe.cycle}` : ''}`;
            this.run.logger.info(`${this.settings.healthPath} gave no answer within ${formatDuration(this.settings.healthTimeoutMs)} (${this.what}, ${where}); capturing stacks`);
            this.run.progress({ kind: 'capturing' });
            const taken = samples.some(t => t.sample.processes.length > 0)
                ? samples
                : [...samples, await this.run.takeSample(INSTALL_WAIT_AT_HANG_MS)];
            this.hangSamples = taken.filter((t) => t !== undefined);
            this.run.keepEvidence(this.hangSamples);
        }
        else if (probe.outcome === 'ok' && probe.latencyMs >= this.settings.stallThresholdMs) {
            const usable = samples.filter(t => t.sample.processes.length > 0);
            if (usable.length === 0)
                this.unsampledSlowProbes++;
            this.slowProbes.push({ probe, samples: usable.map(t => t.sample) });
            this.run.keepEvidence(usable);
        }
        return probe;
    }
    /** The conclusion a probe implies, or undefined when it answered 2xx in time. */
    async judge(probe) {
        const { settings } = this;
        const when = describeWhen(probe.phase, probe.cycle, settings.cycles, this.what);
        switch (probe.outcome) {
            case 'ok':
                return undefined;
            case 'timeout':
                return {
                    verdict: 'hung',
                    headline: `\`${settings.healthPath}\` gave no answer within ${formatDuration(this.settings.healthTimeoutMs)} ${when}.`,
                    extra: { hang: { phase: probe.phase, cycle: probe.cycle, probe } }
                };
            case 'unreachable': {
                const exit = await (0,app_process/* exitWithin */.yb)(this.run.app, EXIT_GRACE_MS);
                if (exit)
                    return {
                        verdict: 'crashed',
                        headline: `The app exited (${describeExit(exit)}) ${when}.`,
                        extra: { appExit: exit }
                    };
                return {
                    verdict: 'unhealthy',
                    headline: `Nothing answered at ${this.settings.baseUrl}${this.settings.healthPath} (${probe.detail}) ${when}.`,
                    extra: { unhealthyProbe: probe }
                };
            }
            case 'http-error':
                return {
                    verdict: 'unhealthy',
                    headline: `\`${settings.healthPath}\` answered ${probe.status ? `HTTP ${probe.status}` : `with an error (${probe.detail})`} ${when}.`,
                    extra: { unhealthyProbe: probe }
                };
        }
    }
    /** This route's result. */
    assemble(verdictAtMs, startupMs, method) {
        const { settings } = this;
        const { verdict } = this.conclusion;
        const probes = probesOf({ baseline: this.baseline, cycles: this.cycles });
        const cycles = this.cycles.filter(c => c.cycle > 0).length;
        const headline = verdict === 'healthy'
            ? `\`${settings.healthPath}\` answered all ${probes.length} probes within ${formatDuration(this.settings.healthTimeoutMs)} over ${cycles} cycle${cycles === 1 ? '' : 's'} of opening and aborting \`${this.what}\`.`
            : this.conclusion.headline;
        let capture;
        const samples = this.hangSamples.map(t => t.sample);
        if (verdict === 'hung' || this.slowProbes.some(s => s.samples.length > 0)) {
            const captured = samples.some(s => s.processes.length > 0);
            const why = samples.flatMap(s => s.failures.map(f => f.reason))[0] ??
                this.run.captureProblem() ??
                (startupMs === undefined ? 'the app never became healthy' : 'py-spy was still being installed');
            capture = { method, samples, ...(captured || verdict !== 'hung' ? {} : { unavailable: why }) };
        }
        const settle = settleWarning(this.settings, this.longestGapMs);
        if (settle)
            this.warnings.push(settle);
        if (this.unsampledSlowProbes > 0) {
            this.warnings.push(`${this.unsampledSlowProbes} probe(s) took ${formatDuration(settings.stallThresholdMs)} (stall-threshold) or more, but no stacks could be taken while they waited, so a stall of the loop cannot be told from a busy machine${this.run.captureProblem() ? ` (${this.run.captureProblem()})` : ''}.`);
        }
        return {
            route: this.route,
            streams: this.streams,
            verdict,
            ...(startupMs !== undefined ? { startupMs } : {}),
            verdictAtMs,
            healthTimeoutMs: settings.healthTimeoutMs,
            baseline: this.baseline,
            cycles: this.cycles,
            cyclesPlanned: settings.cycles,
            headline,
            warnings: this.warnings,
            slowProbes: this.slowProbes,
            stalls: [],
            stallThresholdMs: settings.stallThresholdMs,
            settle: {
                ms: settleWindowMs(settings.settleMs, this.longestGapMs, settings.healthTimeoutMs),
                given: settings.settleMs !== undefined,
                ...(this.longestGapMs !== undefined ? { longestGapMs: Math.round(this.longestGapMs) } : {})
            },
            ...(capture ? { capture } : {}),
            ...this.conclusion.extra
        };
    }
}
/** Why the next routes cannot be checked after this one, when it left the app hung, crashed or failing (no healthy baseline is possible). */
function leftBroken(check) {
    return VERDICT_RANK[check.verdict] >= VERDICT_RANK.unhealthy
        ? `the app was left ${check.verdict} by \`${routeLabel(check.route)}\``
        : undefined;
}

;// CONCATENATED MODULE: ./src/engine/discovery.ts
// Discovery: the app's OpenAPI document fetched, the candidates chosen from
// it (analysis/route-candidates.ts), and each GET candidate opened once, with
// the loop watched, to see whether it streams. Nothing but GET is sent to a
// route it was not told about.




class DiscoveryError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DiscoveryError';
    }
}
/** The app's OpenAPI document, or a DiscoveryError that names stream-path when there is none. */
function fetchOpenApi(url, timeoutMs) {
    const path = new URL(url).pathname;
    const none = (why) => new DiscoveryError(`stream-path names no route, and the app serves no OpenAPI document at ${path} (${why}) to find its streaming routes in. ` +
        'Name them in stream-path, one per line (e.g. "/events" or "POST /chat"), or point openapi-path at the document.');
    return new Promise((resolve, reject) => {
        let body = '';
        const timer = setTimeout(() => {
            req.destroy();
            reject(none(`no answer within ${timeoutMs} ms`));
        }, timeoutMs);
        const req = sendRequest({ url, headers: { accept: 'application/json', connection: 'close' } }, response => {
            response.setEncoding('utf8');
            response.on('data', (chunk) => (body += chunk));
            response.on('end', () => {
                clearTimeout(timer);
                if ((response.statusCode ?? 0) < 200 || (response.statusCode ?? 0) >= 300)
                    return reject(none(`HTTP ${response.statusCode}`));
                try {
                    const document = JSON.parse(body);
                    if (typeof document.paths !== 'object' || document.paths === null)
                        return reject(none('not an OpenAPI document: no "paths"'));
                    resolve(document);
                }
                catch {
                    reject(none('not JSON'));
                }
            });
        });
        req.on('error', error => {
            clearTimeout(timer);
            reject(none(describeError(error)));
        });
    });
}
/**
 * The streaming routes the app's OpenAPI document declares, and those found
 * by opening every other GET operation without required parameters once.
 * Closing a sniffed route is a disconnect: each sniff is watched as any
 * abort is, and a route that blocks the loop then is a finding of its own.
 */
async function discoverRoutes(context, restart) {
    const { settings, logger } = context;
    const document = await fetchOpenApi(settings.baseUrl + settings.openapiPath, settings.healthTimeoutMs);
    const candidates = candidatesFrom(document, {
        exclude: settings.excludePaths,
        healthPath: settings.healthPath,
        openapiPath: settings.openapiPath
    });
    // this job's share (shard): of the declared streams and the routes to sniff together, so each is in one share
    const mine = new Set(shareOf([...candidates.declared, ...candidates.toSniff], settings.shard));
    const declared = candidates.declared.filter(route => mine.has(route));
    const toSniff = candidates.toSniff.filter(route => mine.has(route));
    const found = declared.map(route => new RouteCheck(context, route, true));
    const troubled = [];
    // a stream whose sniff left the app broken has its finding: it is not opened again
    const stillToCheck = (c) => !troubled.includes(c) || leftBroken(c) === undefined;
    const leftAside = [...candidates.leftAside];
    let sniffed = 0;
    let leftBy;
    for (const [index, route] of toSniff.entries()) {
        if (leftBy) {
            leftAside.push(`${routeLabel(route)}: not opened, ${leftBy}`);
            continue;
        }
        // no more opened than can be checked: max-routes streams found (the declared ones first), or as many opened
        if (found.length >= settings.maxRoutes || sniffed >= settings.maxRoutes) {
            leftAside.push(`${routeLabel(route)}: not opened, max-routes (${settings.maxRoutes}) cut discovery short`);
            continue;
        }
        sniffed++;
        const check = new RouteCheck(context, route, false);
        await check.sniff();
        if (check.streams)
            found.push(check);
        // kept now only for what its sniff did to the loop (judged later); a stream is kept when its cycles run
        if (check.verdict !== 'healthy' || check.slowProbes.length > 0)
            troubled.push(check);
        const broken = leftBroken(check);
        // the app is needed again for the sniffs after this one, and for the routes found
        const more = index < toSniff.length - 1 || found.some(stillToCheck);
        // with nothing after it, the app is left as the sniff left it
        if (broken)
            leftBy = more && restart ? await restart(check) : broken;
    }
    const discovery = {
        openapiPath: settings.openapiPath,
        routes: found.map(c => c.route),
        declared: declared.length,
        sniffed,
        sniffedStreams: found.length - declared.length,
        leftAside
    };
    logger.info(`Discovery: ${discovery.openapiPath} declares ${discovery.declared} streaming route(s); ${discovery.sniffed} GET route(s) opened, ${discovery.sniffedStreams} of them streaming` +
        (discovery.routes.length > 0 ? `: ${discovery.routes.map(routeLabel).join(', ')}` : ''));
    const toCheck = found.filter(stillToCheck);
    return {
        discovery,
        // the app is hung or gone: what discovery found cannot be checked
        toCheck: leftBy ? [] : toCheck,
        troubled,
        notChecked: leftBy ? toCheck.map(c => ({ route: c.route, reason: leftBy })) : [],
        appBroken: leftBy !== undefined,
        candidates: { total: candidates.declared.length + candidates.toSniff.length, mine: mine.size }
    };
}

;// CONCATENATED MODULE: ./src/engine/cancellation.ts
// Keeps a run from outliving its welcome: stops the app when the job (or the
// user, with Ctrl-C) cancels, kills it outright if the process dies some
// other way, and ends the run past the time bound its settings allow, which
// would be a bug, so that the tool itself can never hang a job.


/**
 * Nothing makes a run overrun the bound its settings allow, short of a bug:
 * the tests set this to a bound of a few seconds to see the watchdog fire.
 */
const TIME_BOUND_VARIABLE = 'BACKEND_HANG_DEBUG_TIME_BOUND_MS';
/** The watchdog's bound: the one the settings allow, unless the tests force a smaller one. */
function watchdogBoundMs(allowedMs, env) {
    const forced = Number(env[TIME_BOUND_VARIABLE]);
    return Number.isInteger(forced) && forced > 0 ? forced : allowedMs;
}
function guardAgainstCancellation({ boundMs, warn, fail, exitCode = 1 }) {
    let app;
    let cancelled = false;
    const abandon = (why, failed) => {
        if (cancelled)
            return;
        cancelled = true;
        if (failed)
            fail(why);
        else
            warn(why);
        const stopped = app ? (0,app_process/* stopApp */.cR)(app, 1000) : Promise.resolve();
        void stopped.finally(() => process.exit(failed ? 1 : exitCode));
    };
    const onSignal = (signal) => abandon(`Received ${signal}: stopping the app before exiting`, false);
    setTimeout(() => abandon(`backend-hang-debug did not finish within ${formatDuration(boundMs)}, the bound its settings allow; the app is stopped and the run ends here. Please report this as a bug.`, true), boundMs).unref();
    const onExit = () => {
        if (app)
            (0,app_process/* killAppNow */.AP)(app);
    };
    process.on('SIGINT', onSignal);
    process.on('SIGTERM', onSignal);
    process.on('exit', onExit);
    return {
        track: tracked => {
            app = tracked;
        },
        done: () => {
            if (cancelled)
                return;
            app = undefined;
            process.off('SIGINT', onSignal);
            process.off('SIGTERM', onSignal);
            process.off('exit', onExit);
        },
        get cancelled() {
            return cancelled;
        }
    };
}

;// CONCATENATED MODULE: ./src/analysis/faulthandler-dump.ts
// Parses what Python's faulthandler writes for all threads into the same
// stack model as py-spy's dumps. Pure.
//
// faulthandler prints, per thread, "Thread 0x… (most recent call first):"
// ("Current thread 0x…" for the one that took the signal) and one line per
// frame, innermost first: `  File "<path>", line <n> in <function>`. It has
// no thread names and no running/waiting flag: the thread that runs the
// script's `<module>` is the main thread, and whether it was running comes
// from the process table, read when the stacks were taken.

const THREAD = /^(?:Current thread|Thread) (0x[0-9a-fA-F]+) \(most recent call first\):$/;
const FRAME = /^ {2}File "(.*)", line (\d+) in (.+)$/;
/**
 * The path py-spy would show: relative to the Python library or
 * site-packages folder it lies in, or to the process's working directory.
 */
function shortFileOf(file, cwd) {
    const installed = /[\\/](?:site|dist)-packages[\\/](.+)$/.exec(file) ?? /[\\/]lib[\\/]python\d+(?:\.\d+)?t?[\\/](.+)$/.exec(file);
    if (installed)
        return installed[1].replaceAll('\\', '/');
    if (cwd && file.startsWith(cwd + external_node_path_.sep))
        return file.slice(cwd.length + 1).replaceAll('\\', '/');
    return file;
}
/** Parses one faulthandler dump of all threads; lines it does not know are skipped. */
function faulthandler_dump_parseFaulthandlerDump(text, context) {
    const threads = [];
    let current;
    for (const line of text.split('\n')) {
        const thread = THREAD.exec(line);
        if (thread) {
            current = { pid: context.pid, threadId: thread[1], active: false, ownsGil: false, frames: [] };
            threads.push(current);
            continue;
        }
        const frame = FRAME.exec(line);
        if (!frame || !current)
            continue;
        const raw = frame[1];
        const file = external_node_path_.isAbsolute(raw) || !context.cwd || raw.startsWith('<') ? raw : external_node_path_.resolve(context.cwd, raw);
        const parsed = {
            name: frame[3],
            file,
            shortFile: shortFileOf(file, context.cwd),
            line: Number(frame[2])
        };
        current.frames.push(parsed);
    }
    for (const thread of threads) {
        if (thread.frames.at(-1)?.name !== '<module>')
            continue;
        thread.name = 'MainThread';
        thread.active = context.mainThreadRunning === true;
    }
    return threads;
}

;// CONCATENATED MODULE: ./src/analysis/py-spy-dump.ts
// Parses the output of `py-spy dump --json` into our stack model. Pure: the
// process's working directory is passed in to resolve relative file names.
//
// py-spy prints one JSON array per process: a thread object has pid,
// thread_id, thread_name, os_thread_id, active, owns_gil and frames
// (innermost first), each frame name, filename, short_filename, line and,
// only with --locals, locals. We never keep locals: they may hold secrets.


class DumpFormatError extends Error {
    constructor(message) {
        super(message);
        this.name = 'DumpFormatError';
    }
}
function isRecord(value) {
    return typeof value === 'object' && value !== null && !Array.isArray(value);
}
function parseFrame(raw, cwd) {
    if (!isRecord(raw))
        return undefined;
    const filename = typeof raw.filename === 'string' ? raw.filename : '';
    const file = external_node_path_.isAbsolute(filename) || !cwd ? filename : external_node_path_.resolve(cwd, filename);
    return {
        name: typeof raw.name === 'string' ? raw.name : '?',
        file,
        shortFile: typeof raw.short_filename === 'string' && raw.short_filename !== '' ? raw.short_filename : filename,
        line: typeof raw.line === 'number' ? raw.line : 0
    };
}
/** Parses the threads of one process; throws DumpFormatError when the text is not a py-spy JSON dump. */
function parsePySpyDump(json, options = {}) {
    let data = json;
    if (typeof json === 'string') {
        try {
            data = JSON.parse(json);
        }
        catch (error) {
            throw new DumpFormatError(`not JSON: ${error.message}`);
        }
    }
    if (!Array.isArray(data))
        throw new DumpFormatError('expected an array of threads');
    return data.map((raw, i) => {
        if (!isRecord(raw) || !Array.isArray(raw.frames)) {
            throw new DumpFormatError(`thread ${i} has no frames array`);
        }
        const thread = {
            pid: typeof raw.pid === 'number' ? raw.pid : (options.pid ?? 0),
            threadId: String(raw.thread_id ?? i),
            active: raw.active === true,
            ownsGil: raw.owns_gil === true,
            frames: raw.frames.map(f => parseFrame(f, options.cwd)).filter((f) => f !== undefined)
        };
        if (typeof raw.os_thread_id === 'number')
            thread.osThreadId = raw.os_thread_id;
        if (typeof raw.thread_name === 'string')
            thread.name = raw.thread_name;
        return thread;
    });
}
/** The stacks in py-spy's text layout, innermost frame first, for logs and the report. */
function formatThread(thread) {
    const state = thread.active ? 'active' : 'idle';
    const title = `Thread ${thread.osThreadId ?? thread.threadId} (${state})${thread.name ? `: "${thread.name}"` : ''}`;
    return [title, ...thread.frames.map(f => `    ${f.name} (${f.shortFile}:${f.line})`)].join('\n');
}
/** The threads of one recorded dump, whichever tool took it. */
function threadsOf(dump) {
    const cwd = dump.cwd ? { cwd: dump.cwd } : {};
    if (dump.format === 'faulthandler') {
        return parseFaulthandlerDump(String(dump.output), {
            pid: dump.pid,
            ...cwd,
            mainThreadRunning: dump.mainThreadRunning === true
        });
    }
    return parsePySpyDump(dump.output, { pid: dump.pid, ...cwd });
}
/** Rebuilds the stack samples from saved evidence. */
function samplesFromEvidence(evidence) {
    return evidence.samples.map(sample => ({
        takenAtMs: sample.takenAtMs,
        processes: sample.dumps.map(dump => ({ pid: dump.pid, command: dump.command, threads: threadsOf(dump) })),
        failures: []
    }));
}

;// CONCATENATED MODULE: ./src/engine/evidence.ts
// The run's evidence as files: a fresh directory per run, and the stacks
// taken, as JSON for tools and in py-spy's text layout for people.




/**
 * A fresh directory for one run under `parent`, with the evidence apart from
 * scratch files, so that evidence-dir uploads only what is worth keeping.
 */
function makeRunDirs(parent) {
    const runDir = external_node_fs_.mkdtempSync(external_node_path_.join(parent, 'backend-hang-debug-'));
    const workDir = external_node_path_.join(runDir, 'evidence');
    const scratchDir = external_node_path_.join(runDir, 'scratch');
    external_node_fs_.mkdirSync(workDir);
    external_node_fs_.mkdirSync(scratchDir);
    return { workDir, scratchDir };
}
/** Writes the samples that hold a dump as stacks.json and stacks.txt; the JSON's path, or undefined when there is none. */
function writeStacks(workDir, method, taken) {
    const dumped = taken.filter(t => t.raw.length > 0);
    if (dumped.length === 0)
        return undefined;
    const dumpPath = external_node_path_.join(workDir, 'stacks.json');
    const evidence = {
        method,
        samples: dumped.map(t => ({ takenAtMs: t.sample.takenAtMs, dumps: t.raw }))
    };
    external_node_fs_.writeFileSync(dumpPath, JSON.stringify(evidence, null, 2));
    external_node_fs_.writeFileSync(external_node_path_.join(workDir, 'stacks.txt'), stacksAsText(method, dumped.map(t => t.sample)));
    return dumpPath;
}
/** Every sample in py-spy's text layout, for people and for tools that read that layout. */
function stacksAsText(method, samples) {
    return samples
        .filter(s => s.processes.length > 0)
        .map(sample => [
        `# sample at ${formatDuration(sample.takenAtMs)}, ${method}`,
        ...sample.processes.map(p => [`Process ${p.pid}: ${p.command}`, ...p.threads.map(formatThread)].join('\n\n'))
    ].join('\n\n'))
        .join('\n\n')
        .concat('\n');
}

;// CONCATENATED MODULE: ./src/fix/advice.ts
// What to do about each pattern, in words: the advice every report gives,
// and the notes that say when there is a better fix than the mechanical one.
const ADVICE = {
    'executor-shutdown-wait': 'Never let the event loop thread wait for a pool. Create the executor outside a `with`, and shut it down without waiting when the stream ends (also when the client disconnects).',
    'thread-join': 'Do not wait for a thread on the event loop: wait in a worker thread, or signal the thread to stop and do not wait for it at all.',
    'sync-sleep': '`time.sleep` stops the whole thread, the event loop with it. In a coroutine, sleep with the loop.',
    'sync-io': 'Run the blocking client call in a worker thread, or use an async client end to end (e.g. `httpx.AsyncClient`).',
    'lock-wait': 'Do not wait for a threading lock, event or queue on the event loop: wait in a worker thread, or use the `asyncio` primitive when only coroutines share it.',
    'future-result': 'Await the future instead of blocking on it: `asyncio.wrap_future` lets the loop run (and finish the work) while it waits.',
    'subprocess-wait': 'Wait for the child process off the loop: in a worker thread, or with `asyncio.create_subprocess_exec`.',
    'cpu-bound': 'Move the computation off the loop. A worker thread keeps the loop answering (it takes turns with the GIL); for throughput, a process pool created once at startup.',
    'threadpool-exhausted': [
        "Free the pool's threads. In order of preference:",
        '',
        '1. Make the routes that block there `async def` and await async calls, so they do not take a pool thread at all; keep the health route `async def` too.',
        '2. Give every blocking call in sync code a timeout, so a thread comes back even when its upstream never answers.',
        "3. Raise the pool's size (40 threads by default) when the blocking is expected and bounded:",
        '',
        '```python',
        'from contextlib import asynccontextmanager',
        '',
        'import anyio.to_thread',
        '',
        '@asynccontextmanager',
        'async def lifespan(app):',
        '    anyio.to_thread.current_default_thread_limiter().total_tokens = 100',
        '    yield',
        '',
        'app = FastAPI(lifespan=lifespan)',
        '```'
    ].join('\n'),
    unknown: 'Move the blocking call off the event loop: `await asyncio.to_thread(function, ...)` runs it in a worker thread and keeps the loop answering.'
};
function notesFor(pattern) {
    switch (pattern) {
        case 'lock-wait':
            return [
                'If the task can be cancelled while it waits (a client that disconnects), acquire with a timeout in a loop, so a lock taken after the cancellation is not left held.'
            ];
        case 'cpu-bound':
            return [
                'For throughput, run it in a `ProcessPoolExecutor` created once at startup: `await loop.run_in_executor(pool, ...)`.'
            ];
        case 'sync-io':
            return [
                'Better still, an async client end to end, e.g. `async with httpx.AsyncClient(timeout=10) as client: reply = await client.get(url)`.'
            ];
        case 'subprocess-wait':
            return ['Or start it with `asyncio.create_subprocess_exec(...)` and `await process.communicate()`.'];
        default:
            return [];
    }
}
/**
 * Where a place of the changed copy was in the original code: the line of
 * the changed statement itself when it lies in an edit's new lines, else
 * its line moved back by what the edits above it added or took away.
 */
function originalLine(edits, path, line) {
    let shift = 0;
    for (const edit of edits.filter(e => e.path === path).sort((a, b) => a.firstLine - b.firstLine)) {
        const first = edit.firstLine + shift;
        if (line >= first && line < first + edit.after.length)
            return edit.firstLine;
        if (line >= first + edit.after.length)
            shift += edit.after.length - (edit.lastLine - edit.firstLine + 1);
    }
    return line - shift;
}
/**
 * What to do when the change was tried and the loop was still blocked: the
 * next best change, in Markdown. The lock's holder when the code shows one;
 * the second blocking call when the loop got past the first; else the
 * blocking lies in what the changed line calls.
 */
function nextStep(diagnosis, fix, trial) {
    if (trial.skipped || (trial.verdict !== 'hung' && trial.verdict !== 'stalled'))
        return undefined;
    const holder = diagnosis?.holder;
    if (holder)
        return (`**Next:** the lock is held by thread ${holder.thread} at \`${holder.at.path}:${holder.at.line}\` in \`${holder.at.function}\`, ` +
            `which took it with \`${holder.takenBy}\` (line ${holder.takenAtLine}) and had not let go: with the change the loop runs, but what waits for the lock still waits. ` +
            'Make that thread hold it only briefly (the slow part outside the block, or a timeout on its wait), or do not share the lock with code the loop runs.');
    const culprit = diagnosis?.culprit;
    const [path, line] = (trial.culprit ?? '').split(/:(?=\d+$)/);
    const edits = fix.primary?.edits ?? [];
    if (culprit && path && line && (path !== culprit.path || originalLine(edits, path, Number(line)) !== culprit.line))
        return (`**Next:** with the change the loop got past \`${culprit.path}:${culprit.line}\`, and was then blocked at \`${trial.culprit}\` of the changed code` +
            `${trial.pattern ? ` (\`${trial.pattern}\`)` : ''}: a second blocking call. Take it off the loop too; a run on the changed code names it and its fix.`);
    return fix.alternative
        ? '**Next:** the loop still blocks in what this line calls: take the other way below, which makes the blocking helper async.'
        : '**Next:** the loop still blocks in what this line calls: run the whole call in a worker thread (`await asyncio.to_thread(...)`), or see in the stacks where it waits.';
}

;// CONCATENATED MODULE: ./src/fix/python-source.ts
// Just enough of Python's grammar to rewrite one statement: logical lines
// (a statement over several physical lines, brackets, strings and
// backslashes), the function a line belongs to and whether it is `async def`,
// the block under a header, and the span of a call. Pure: lines in, positions
// out.
const python_source_indentOf = (line) => line.length - line.trimStart().length;
/** Whether the line holds no code: blank, or a comment alone. */
function isBlank(line) {
    const trimmed = line.trim();
    return trimmed === '' || trimmed.startsWith('#');
}
/**
 * Splits source lines into logical lines. A physical line continues the
 * statement while a bracket is open, a triple-quoted string is open, or it
 * ends with a backslash. Blank and comment lines outside a statement are left
 * out.
 */
function logicalLines(lines) {
    const result = [];
    let current;
    let depth = 0;
    let triple;
    lines.forEach((line, index) => {
        if (!current) {
            if (isBlank(line))
                return;
            current = { first: index + 1, last: index + 1, lines: [], indent: python_source_indentOf(line) };
        }
        current.lines.push(line);
        current.last = index + 1;
        let continued = false;
        for (let i = 0; i < line.length; i++) {
            const c = line[i];
            if (triple) {
                if (line.startsWith(triple, i)) {
                    triple = undefined;
                    i += 2;
                }
                else if (c === '\\')
                    i++;
                continue;
            }
            if (c === '#')
                break;
            if (line.startsWith('"""', i) || line.startsWith("'''", i)) {
                triple = line.slice(i, i + 3);
                i += 2;
                continue;
            }
            if (c === '"' || c === "'") {
                // a string on one line: find its end, past escaped quotes
                let j = i + 1;
                while (j < line.length && line[j] !== c)
                    j += line[j] === '\\' ? 2 : 1;
                i = j;
                continue;
            }
            if ('([{'.includes(c))
                depth++;
            else if (')]}'.includes(c))
                depth = Math.max(0, depth - 1);
            else if (c === '\\' && i === line.trimEnd().length - 1)
                continued = true;
        }
        if (depth === 0 && !triple && !continued) {
            result.push(current);
            current = undefined;
        }
    });
    if (current)
        result.push(current);
    return result;
}
/** The statement that holds physical line `line` (1-based). */
function statementAt(lines, line) {
    return logicalLines(lines).find(l => l.first <= line && line <= l.last);
}
const DEF = /^(\s*)(async\s+)?def\s+([A-Za-z_]\w*)\s*\(/;
/** The function whose body holds line `line`: the nearest `def` above it with less indentation. */
function enclosingDef(lines, line) {
    const statements = logicalLines(lines);
    const at = statements.findIndex(s => s.first <= line && line <= s.last);
    if (at < 0)
        return undefined;
    let indent = statements[at].indent;
    for (const s of statements.slice(0, at).reverse()) {
        if (s.indent >= indent)
            continue;
        const def = DEF.exec(s.lines[0]);
        if (def)
            return { name: def[3], async: def[2] !== undefined, line: s.first, indent: s.indent };
        // a block header (if, for, with, try, class) the line sits in: look further out from it
        indent = s.indent;
        if (indent === 0)
            return undefined;
    }
    return undefined;
}
/** The block under a header statement (for, with, ...): its statements, up to the last line that belongs to it. */
function blockUnder(lines, header) {
    const statements = logicalLines(lines);
    const start = statements.findIndex(s => s.first === header.first);
    let last;
    for (const s of statements.slice(start + 1)) {
        if (s.indent <= header.indent)
            break;
        last = s.last;
    }
    return last === undefined ? undefined : { first: header.last + 1, last };
}
/** Index of the bracket that closes the one at `open`, skipping strings; -1 when it is not closed. */
function closingBracket(text, open) {
    let depth = 0;
    for (let i = open; i < text.length; i++) {
        const c = text[i];
        if (c === '"' || c === "'") {
            const triple = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
            const end = text.indexOf(triple, i + triple.length);
            if (end < 0)
                return -1;
            i = end + triple.length - 1;
            continue;
        }
        if ('([{'.includes(c))
            depth++;
        else if (')]}'.includes(c) && --depth === 0)
            return i;
    }
    return -1;
}
/**
 * The first call in `text` of a function named `name`, with the whole callee
 * as written: `name(`, `pool.name(`, or `subprocess.Popen([...]).name(`;
 * undefined when there is none outside strings.
 */
function findCall(text, name) {
    const pattern = new RegExp(`(?<![\\w])${name}\\s*\\(`, 'g');
    for (const match of text.matchAll(pattern)) {
        if (insideString(text, match.index))
            continue;
        const start = receiverStart(text, match.index);
        const open = match.index + match[0].length - 1;
        const close = closingBracket(text, open);
        if (close < 0)
            continue;
        return { start, callee: text.slice(start, open).trimEnd(), open, close, args: text.slice(open + 1, close) };
    }
    return undefined;
}
/** Where the expression a method is called on begins: back over names, dots, calls and subscripts. */
function receiverStart(text, nameAt) {
    let i = nameAt;
    for (;;) {
        let j = i - 1;
        while (j >= 0 && /\s/.test(text[j]))
            j--;
        if (text[j] !== '.')
            return i;
        j--;
        while (j >= 0 && /\s/.test(text[j]))
            j--;
        // a call or a subscript: back to its opening bracket, then to the name it follows
        let bracket;
        while (text[j] === ')' || text[j] === ']') {
            bracket = openingBracket(text, j);
            if (bracket < 0)
                return i;
            j = bracket - 1;
        }
        let k = j;
        while (k >= 0 && /\w/.test(text[k]))
            k--;
        // no name before the bracket: a parenthesised expression or a literal, `(a or b).wait(`, is the receiver
        if (k === j)
            return bracket ?? i;
        i = k + 1;
    }
}
/** Index of the bracket that opens the one at `close`, backwards; -2 when there is none. */
function openingBracket(text, close) {
    let depth = 0;
    for (let i = close; i >= 0; i--) {
        const c = text[i];
        if (')]}'.includes(c))
            depth++;
        else if ('([{'.includes(c) && --depth === 0)
            return i;
    }
    return -2;
}
/** Whether position `at` of a statement lies inside a string literal (or a comment). */
function insideString(text, at) {
    let quote;
    for (let i = 0; i < at; i++) {
        const c = text[i];
        if (quote) {
            if (text.startsWith(quote, i)) {
                i += quote.length - 1;
                quote = undefined;
            }
            else if (c === '\\')
                i++;
        }
        else if (c === '#') {
            const newline = text.indexOf('\n', i);
            if (newline < 0 || newline > at)
                return true;
            i = newline;
        }
        else if (c === '"' || c === "'") {
            quote = text.startsWith(c.repeat(3), i) ? c.repeat(3) : c;
            i += quote.length - 1;
        }
    }
    return quote !== undefined;
}
/** Whether the module imports `asyncio` itself (so that `asyncio.` names resolve). */
function importsModule(lines, module) {
    const pattern = new RegExp(`^\\s*import\\s+(?:[\\w.]+\\s*,\\s*)*${module}\\b(?!\\s+as\\b)`);
    return lines.some(line => pattern.test(line));
}
/**
 * Where `import <module>` goes: before the module's first top-level import
 * (after a docstring and `from __future__` imports), or at the top.
 */
function importLine(lines) {
    const statements = logicalLines(lines).filter(s => s.indent === 0);
    const first = statements.find(s => /^(import|from)\s/.test(s.lines[0].trim()) &&
        !/^from\s+__future__\s/.test(s.lines[0].trim()));
    if (first)
        return first.first;
    const docstring = statements[0] && /^("""|''')/.test(statements[0].lines[0].trim()) ? statements[0].last : 0;
    const future = statements.filter(s => /^from\s+__future__\s/.test(s.lines[0].trim())).at(-1)?.last ?? 0;
    return Math.max(docstring, future) + 1;
}

;// CONCATENATED MODULE: ./src/fix/edits.ts
// The pieces a change is built from: the statement around a frame's line,
// an edit of its lines, a call moved to a worker thread or awaited, and the
// import the change needs. Pure: source lines come through the reader.


const edits_indentOf = (line) => line.slice(0, line.length - line.trimStart().length);
/** The statement text of a logical line, its lines joined. */
const textOf = (statement) => statement.lines.join('\n');
/** The statement and the function around a frame's line, when its source can be read. */
function locate(frame, readLines) {
    const lines = readLines(frame.file);
    if (!lines)
        return undefined;
    const statement = statementAt(lines, frame.line);
    if (!statement)
        return undefined;
    return { frame, lines, statement, def: enclosingDef(lines, frame.line) };
}
function editOf(located, scope, first, last, after) {
    return {
        file: located.frame.file,
        path: appRelative(located.frame.file, scope),
        firstLine: first,
        lastLine: last,
        before: located.lines.slice(first - 1, last),
        after
    };
}
/** The statement's lines with one call replaced by `replacement`. */
function replaceSpan(statement, span, replacement) {
    const text = textOf(statement);
    return (text.slice(0, span.start) + replacement + text.slice(span.end)).split('\n');
}
/**
 * `callee(args)` → `await asyncio.to_thread(callee, args)`, keeping the
 * arguments as written (also over several lines), in parentheses when an
 * attribute, index or call follows it.
 */
function toThread(text, call) {
    return awaited(text, call, `asyncio.to_thread(${call.callee}${joinArgs(call.args)})`);
}
function joinArgs(args) {
    if (args.trim() === '')
        return '';
    // a lone generator expression needs its own parentheses once it is not the only argument
    const lone = /\bfor\b/.test(args) && !topLevelComma(args) && !/^\s*[([]/.test(args);
    if (lone)
        return `, (${args.trim()})`;
    return args.startsWith('\n') ? `,${args}` : `, ${args}`;
}
function topLevelComma(args) {
    let depth = 0;
    for (const c of args) {
        if ('([{'.includes(c))
            depth++;
        else if (')]}'.includes(c))
            depth--;
        else if (c === ',' && depth === 0)
            return true;
    }
    return false;
}
/** `await <expr>`, in parentheses when the call it replaces was followed by `.x`, `[i]` or `(...)`. */
function awaited(text, call, expression) {
    const trailer = /^\s*[.[(]/.test(text.slice(call.close + 1));
    return trailer ? `(await ${expression})` : `await ${expression}`;
}
const span = (call) => ({ start: call.start, end: call.close + 1 });
/** `f.result()` → `await asyncio.wrap_future(f)`; with a timeout, `await asyncio.wait_for(asyncio.wrap_future(f), timeout)`. */
function awaitFuture(text, call, future, args) {
    const timeout = args.replace(/^\s*timeout\s*=\s*/, '').trim();
    const wrapped = `asyncio.wrap_future(${future})`;
    return awaited(text, call, timeout === '' ? wrapped : `asyncio.wait_for(${wrapped}, ${timeout})`);
}
/** The statement's first call, when the statement is one: `x = f(a)`, `return f(a)`, `f(a)`. */
function outermostCall(text) {
    const head = /^\s*(?:(?:[\w.,\s*]+?)\s*=\s*|return\s+|yield\s+)?([A-Za-z_][\w.]*)\s*\(/.exec(text);
    if (!head)
        return undefined;
    const name = head[1].split('.').at(-1);
    return findCall(text, name);
}
/** The statement edit, and `import asyncio` at the top of the file when the edit uses it and the file lacks it. */
function withImport(edit, located, scope) {
    if (!edit.after.join('\n').includes('asyncio.') || importsModule(located.lines, 'asyncio'))
        return [edit];
    const line = importLine(located.lines);
    return [edit, editOf(located, scope, line, line - 1, ['import asyncio'])];
}
function unknownStatement(statement) {
    const text = statement.lines.map(l => l.trim()).join(' ');
    return `the rewriter does not know this statement's shape: \`${text.length > 120 ? `${text.slice(0, 117)}...` : text}\``;
}

;// CONCATENATED MODULE: ./src/fix/blocks.ts
// Rewrites of a whole block, not one call: a `with ThreadPoolExecutor()`
// block, a `with lock:` block, and a `for` over a blocking iterator, each
// keeping its body as written.


/** The user's own `with Executor(...) as pool:` block, with the pool created before it and shut down without waiting after it. */
function executorBlock(located, scope, indent, constructor, variable) {
    const { statement, lines } = located;
    const block = blockUnder(lines, statement);
    if (!block)
        return { unknown: unknownStatement(statement) };
    const body = lines.slice(block.first - 1, block.last);
    const after = [
        `${indent}${variable} = ${constructor}`,
        `${indent}try:`,
        ...body,
        `${indent}finally:`,
        `${indent}    # the client may be gone: do not wait for the pool (Python >= 3.9)`,
        `${indent}    ${variable}.shutdown(wait=False, cancel_futures=True)`
    ];
    return {
        summary: `Create the pool outside the \`with\`, and shut it down without waiting when the generator ends, also when the client disconnects.`,
        edit: editOf(located, scope, statement.first, block.last, after)
    };
}
/** `with lock:` → acquired in a worker thread, released in `finally`. */
function lockBlock(located, scope, indent, lock) {
    const { statement, lines } = located;
    const block = blockUnder(lines, statement);
    if (!block)
        return { unknown: unknownStatement(statement) };
    const after = [
        `${indent}await asyncio.to_thread(${lock}.acquire)`,
        `${indent}try:`,
        ...lines.slice(block.first - 1, block.last),
        `${indent}finally:`,
        `${indent}    ${lock}.release()`
    ];
    return {
        summary: `Acquire \`${lock}\` in a worker thread, so the loop keeps serving while it waits.`,
        edit: editOf(located, scope, statement.first, block.last, after)
    };
}
/** Whether the frame's function is a generator: its source has a `yield` in its body. */
function isGenerator(frame, readLines) {
    const lines = readLines(frame.file);
    const def = lines ? enclosingDef(lines, frame.line) : undefined;
    if (!lines || !def)
        return frame.name === '__next__' || frame.name === '__iter__';
    const header = statementAt(lines, def.line);
    const body = header ? blockUnder(lines, header) : undefined;
    return !!body && lines.slice(body.first - 1, body.last).some(line => /\byield\b/.test(line.replace(/#.*$/, '')));
}
/** A `for` header: its indentation, target and iterable. */
const FOR_HEADER = /^(\s*)for\s+(.+?)\s+in\s+(.+):\s*(#.*)?$/s;
/** An iterable made by a call on the result of another call: making it may block (it opens the stream). */
const CHAINED_CALL = /\)\s*\.\s*[A-Za-z_]\w*\s*\(/;
/**
 * `for item in source:` → each item taken from the iterator in a worker
 * thread. Only the header changes, so `break`, `continue` and the loop's
 * `else:` keep their meaning (a `while` runs its `else` when its condition
 * fails, as a `for` does when its items run out); a tuple target is
 * unpacked as the body's first line.
 */
function iterateInThread(located, scope, indent, target, source, createInThread) {
    const { statement } = located;
    const simple = /^[A-Za-z_]\w*$/.test(target);
    const iterator = simple ? `${target}_iter` : 'items_iter';
    // the sentinel must not shadow a name of the function's own
    const sentinel = located.lines.some(line => /\bdone\b/.test(line)) ? 'no_more' : 'done';
    const header = [
        createInThread
            ? `${indent}${iterator} = await asyncio.to_thread(lambda: iter(${source}))`
            : `${indent}${iterator} = iter(${source})`,
        `${indent}${sentinel} = object()`,
        `${indent}while (${simple ? target : 'item'} := await asyncio.to_thread(next, ${iterator}, ${sentinel})) is not ${sentinel}:`
    ];
    const bodyIndent = edits_indentOf(located.lines[statement.last] ?? `${indent}    `) || `${indent}    `;
    const after = simple ? header : [...header, `${bodyIndent}${target} = item`];
    return {
        summary: 'Take each item from the blocking iterator in a worker thread, so the loop keeps serving between items.',
        edit: editOf(located, scope, statement.first, statement.last, after)
    };
}

;// CONCATENATED MODULE: ./src/fix/rewrite.ts
// The fix, written for this code: from the diagnosis's frames and the source
// lines, the statement to change, where (the innermost `async def` of the
// app on the loop thread, so the change is one an `await` can live in), and
// the change itself, built from the statement as written: its names, its
// arguments, its indentation, its block. Where the shape is not one this
// knows, it says so and gives no made-up "after". Pure: source lines come
// through the reader passed in.





/** The proposal for a diagnosis: the change at the right depth when the code's shape allows one. */
function proposeFix(diagnosis, scope, readLines) {
    const proposal = { pattern: diagnosis.pattern, advice: ADVICE[diagnosis.pattern], notes: [] };
    const frames = diagnosis.loopStack?.frames ?? [];
    const culprit = diagnosis.culprit;
    if (diagnosis.pattern === 'threadpool-exhausted' || !culprit)
        return proposal;
    const at = frames.findIndex(f => f.file === culprit.absolutePath && f.line === culprit.line);
    if (at < 0)
        return proposal;
    // outward from the culprit to the innermost coroutine of the app's own code: where `await` may stand
    let coroutine;
    for (let i = at; i < frames.length; i++) {
        const frame = frames[i];
        if (!isAppCode(frame, scope))
            continue;
        const located = locate(frame, readLines);
        if (!located)
            continue;
        if (located.def?.async) {
            coroutine = { index: i, located };
            break;
        }
    }
    if (!coroutine) {
        proposal.unknownShape = `no \`async def\` of the app's code is on the event loop thread between \`${culprit.path}:${culprit.line}\` and the loop, so there is no line where an \`await\` could go`;
        return proposal;
    }
    const where = (located) => ({
        path: appRelative(located.frame.file, scope),
        line: located.statement.first,
        function: located.def?.name ?? located.frame.name
    });
    if (coroutine.index === at) {
        const change = rewriteInPlace(diagnosis, coroutine.located, frames[at - 1], scope, readLines);
        if ('unknown' in change)
            proposal.unknownShape = change.unknown;
        else
            proposal.primary = {
                summary: change.summary,
                where: where(coroutine.located),
                edits: withImport(change.edit, coroutine.located, scope)
            };
    }
    else {
        const callee = frames[coroutine.index - 1];
        const change = rewriteCallSite(diagnosis, coroutine.located, callee, scope, readLines);
        if ('unknown' in change)
            proposal.unknownShape = change.unknown;
        else
            proposal.primary = {
                summary: change.summary,
                where: where(coroutine.located),
                edits: withImport(change.edit, coroutine.located, scope)
            };
        const helper = locate(frames[at], readLines);
        if (helper && !('unknown' in change)) {
            const alternative = asyncHelper(diagnosis, helper, coroutine, callee, frames, at, scope, readLines);
            if (alternative)
                proposal.alternative = alternative;
        }
    }
    if (proposal.primary)
        proposal.notes.push(...notesFor(diagnosis.pattern));
    return proposal;
}
/** The blocking call on a coroutine's own line, rewritten where it stands. */
function rewriteInPlace(diagnosis, located, inner, scope, readLines) {
    const { statement } = located;
    const text = textOf(statement);
    // `for x in it:` that blocks in taking an item (a generator below, or a C iterator): each item off the loop
    const forLoop = FOR_HEADER.exec(text);
    if (forLoop && (inner === undefined || isGenerator(inner, readLines))) {
        const source = forLoop[3].trim();
        // a C iterator may block in its creation too (`requests.get(url, stream=True).iter_lines()`): made in the thread
        const createInThread = inner === undefined ? /\(/.test(source) : CHAINED_CALL.test(source);
        return iterateInThread(located, scope, forLoop[1], forLoop[2].trim(), source, createInThread);
    }
    const first = statement.first;
    const replace = (call, replacement, summary) => ({
        summary,
        edit: editOf(located, scope, first, statement.last, replaceSpan(statement, span(call), replacement))
    });
    const offload = (call, summary) => call ? replace(call, toThread(text, call), summary) : { unknown: unknownStatement(statement) };
    switch (diagnosis.pattern) {
        case 'executor-shutdown-wait': {
            const withBlock = /^(\s*)with\s+((?:[\w.]+\.)?(?:ThreadPoolExecutor|ProcessPoolExecutor)\s*\(.*\))\s+as\s+([A-Za-z_]\w*)\s*:\s*(#.*)?$/s.exec(text);
            if (withBlock)
                return executorBlock(located, scope, withBlock[1], withBlock[2], withBlock[3]);
            const shutdown = findCall(text, 'shutdown');
            if (!shutdown)
                return { unknown: unknownStatement(statement) };
            return replace(shutdown, `${shutdown.callee}(wait=False, cancel_futures=True)`, `Shut the pool down without waiting for it (\`cancel_futures\` needs Python 3.9 or newer).`);
        }
        case 'sync-sleep': {
            const sleep = findCall(text, 'sleep');
            if (!sleep || /asyncio\.sleep$/.test(sleep.callee))
                return { unknown: unknownStatement(statement) };
            return replace(sleep, awaited(text, sleep, `asyncio.sleep(${sleep.args})`), 'Sleep with the loop instead of stopping its thread.');
        }
        case 'lock-wait': {
            const withLock = /^(\s*)with\s+([A-Za-z_][\w.]*)\s*:\s*(#.*)?$/.exec(text);
            if (withLock)
                return lockBlock(located, scope, withLock[1], withLock[2]);
            const call = ['acquire', 'get', 'wait', 'put'].map(name => findCall(text, name)).find(c => c !== undefined);
            return offload(call, 'Wait in a worker thread, so the loop keeps serving.');
        }
        case 'thread-join':
            return offload(findCall(text, 'join'), 'Wait for the thread in a worker thread, so the loop keeps serving.');
        case 'future-result': {
            const result = findCall(text, 'result');
            if (!result)
                return { unknown: unknownStatement(statement) };
            const future = result.callee.replace(/\.result$/, '');
            return replace(result, awaitFuture(text, result, future, result.args), 'Await the future: the loop runs on (and can finish the work) while it waits.');
        }
        case 'subprocess-wait': {
            const call = (inner && findCall(text, inner.name)) ??
                [
                    'communicate',
                    'wait',
                    'waitpid',
                    'wait4',
                    'wait3',
                    'system',
                    'read',
                    'spawn',
                    'run',
                    'call',
                    'check_call',
                    'check_output'
                ]
                    .map(name => findCall(text, name))
                    .find(c => c !== undefined);
            return offload(call, 'Wait for the child process in a worker thread, so the loop keeps serving.');
        }
        case 'sync-io':
        case 'cpu-bound':
        case 'unknown': {
            // the call the line makes into the blocking code: the library function below it, or the line's own call
            const call = (inner && findCall(text, inner.name)) ?? outermostCall(text);
            const what = diagnosis.pattern === 'cpu-bound'
                ? 'the computation'
                : diagnosis.pattern === 'sync-io'
                    ? 'the blocking client call'
                    : 'the blocking call';
            return offload(call, `Run ${what} in a worker thread, so the loop keeps serving.`);
        }
        case 'threadpool-exhausted':
            return { unknown: unknownStatement(statement) };
    }
}
/**
 * The coroutine's line that calls into the blocking code: the call to the
 * helper in a worker thread (`await asyncio.to_thread(helper, args...)`), a
 * future awaited where a sync method would block on it, or a loop over a
 * blocking iterator that takes each item in a worker thread.
 */
function rewriteCallSite(diagnosis, located, callee, scope, readLines) {
    const { statement } = located;
    const text = textOf(statement);
    const forLoop = FOR_HEADER.exec(text);
    const call = findCall(text, callee.name);
    if (forLoop && (!call || isGenerator(callee, readLines))) {
        const source = forLoop[3].trim();
        return iterateInThread(located, scope, forLoop[1], forLoop[2].trim(), source, CHAINED_CALL.test(source));
    }
    if (!call)
        return { unknown: unknownStatement(statement) };
    if (diagnosis.pattern === 'future-result') {
        const future = futureBehind(callee, call, readLines);
        if (future) {
            return {
                summary: `Await the future \`${call.callee}()\` waits on, instead of blocking on it: the loop runs on (and can finish the work) while it waits.`,
                edit: editOf(located, scope, statement.first, statement.last, replaceSpan(statement, span(call), awaited(text, call, `asyncio.wrap_future(${future})`)))
            };
        }
    }
    return {
        summary: `Call \`${call.callee}\` in a worker thread: it blocks, and this coroutine is where the loop waits for it.`,
        edit: editOf(located, scope, statement.first, statement.last, replaceSpan(statement, span(call), toThread(text, call)))
    };
}
/**
 * A sync method that only waits for a future (`return self.future.result()`),
 * called as `job.wait()`: the future the caller can await (`job.future`).
 */
function futureBehind(callee, call, readLines) {
    const lines = readLines(callee.file);
    const statement = lines ? statementAt(lines, callee.line) : undefined;
    const waited = statement
        ? /^\s*return\s+self\.([A-Za-z_][\w.]*)\.result\(\s*\)\s*$/.exec(textOf(statement))
        : undefined;
    const receiver = /^(.*)\.[A-Za-z_]\w*$/.exec(call.callee)?.[1];
    return waited && receiver ? `${receiver}.${waited[1]}` : undefined;
}
/**
 * "Or make the helper async": the helper's `def` made `async def`, its
 * blocking statement rewritten in place, and its call awaited. Only for a
 * helper called straight from the coroutine; deeper chains would all change.
 */
function asyncHelper(diagnosis, helper, coroutine, callee, frames, at, scope, readLines) {
    if (coroutine.index !== at + 1 || !helper.def || helper.def.async)
        return undefined;
    const generator = isGenerator(helper.frame, readLines);
    const inPlace = rewriteInPlace(diagnosis, helper, frames[at - 1], scope, readLines);
    if ('unknown' in inPlace)
        return undefined;
    const defLine = helper.lines[helper.def.line - 1];
    const defEdit = editOf(helper, scope, helper.def.line, helper.def.line, [
        defLine.replace(/^(\s*)def\b/, '$1async def')
    ]);
    const { statement } = coroutine.located;
    const text = textOf(statement);
    const call = findCall(text, callee.name);
    if (!call)
        return undefined;
    // a generator made async is an async generator: iterated with `async for`, never awaited
    const forLoop = generator ? FOR_HEADER.exec(text) : undefined;
    if (generator && !forLoop)
        return undefined;
    const callEdit = editOf(coroutine.located, scope, statement.first, statement.last, forLoop
        ? text.replace(/^(\s*)for\b/, '$1async for').split('\n')
        : replaceSpan(statement, span(call), awaited(text, call, text.slice(call.start, call.close + 1))));
    return {
        summary: generator
            ? `Or make \`${helper.def.name}\` an async generator, and iterate it with \`async for\` where it is used.`
            : `Or make \`${helper.def.name}\` async, and await it where it is called (every caller of it then awaits it).`,
        where: { path: appRelative(helper.frame.file, scope), line: helper.def.line, function: helper.def.name },
        edits: [defEdit, inPlace.edit, callEdit]
    };
}

;// CONCATENATED MODULE: ./src/report/redact.ts
// Removes secrets from text the action publishes (report file, job summary,
// PR comment). The app's log tail and command lines are the app's own output
// and may hold credentials; GitHub masks registered secrets in the log, but
// not in a comment posted through the API.
/** Names of environment variables whose values are treated as secrets. */
const SECRET_NAME = /(TOKEN|SECRET|PASSWORD|PASSWD|PASSPHRASE|CREDENTIAL|PRIVATE|API_?KEY|ACCESS_?KEY|AUTH(?!OR)|_KEY$|^KEY$)/i;
/** Token shapes that are secrets wherever they appear. */
const TOKEN_SHAPES = [
    /\bgh[pousr]_[A-Za-z0-9]{20,}\b/g,
    /\bgithub_pat_[A-Za-z0-9_]{20,}\b/g,
    /\b(?:AKIA|ASIA)[0-9A-Z]{16}\b/g,
    /\bxox[abprs]-[A-Za-z0-9-]{10,}\b/g,
    /\bsk-[A-Za-z0-9_-]{20,}\b/g,
    /(\bBearer\s+)[A-Za-z0-9._~+/=-]{8,}/gi
];
/** Values shorter than this are not redacted by value: "1" or "true" would wreck the text. */
const MIN_SECRET_LENGTH = 6;
const REDACTED = '***';
/** The secret values of an environment, longest first so that overlapping values are fully removed. */
function secretValues(env, extra = []) {
    const values = Object.entries(env)
        .filter(([name, value]) => SECRET_NAME.test(name) && value !== undefined)
        .map(([, value]) => value);
    return [...new Set([...values, ...extra])]
        .filter(v => v.length >= MIN_SECRET_LENGTH)
        .sort((a, b) => b.length - a.length);
}
function redact(text, secrets) {
    let result = text;
    for (const secret of secrets)
        result = result.split(secret).join(REDACTED);
    for (const shape of TOKEN_SHAPES) {
        result = result.replace(shape, (match, prefix) => typeof prefix === 'string' ? `${prefix}${REDACTED}` : REDACTED);
    }
    return result;
}

;// CONCATENATED MODULE: ./package.json
const package_namespaceObject = {"rE":"0.1.0"};
;// CONCATENATED MODULE: ./src/core/version.ts
// The version that made a report: package.json's, bundled at build time
// (a release bumps it and rebuilds dist/, so the two always agree).

const VERSION = package_namespaceObject.rE;

;// CONCATENATED MODULE: ./src/report/markdown.ts
// Markdown pieces the report is built from: fenced code a line cannot break
// out of, collapsed sections, inline code, links to the source, and the
// plain text of Markdown for the log and the terminal.
/** A fenced code block that the content cannot break out of. */
function codeBlock(text, language = '') {
    const longest = Math.max(2, ...(text.match(/`+/g) ?? []).map(run => run.length));
    const fence = '`'.repeat(longest + 1);
    return `${fence}${language}\n${text}\n${fence}`;
}
function details(summary, body, open = false) {
    return `<details${open ? ' open' : ''}>\n<summary>${summary}</summary>\n\n${body}\n\n</details>`;
}
/** Inline code that survives backticks in the text. */
function inlineCode(text) {
    return text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``;
}
/** Markdown inline code as plain text, for the log and the terminal. */
function plainText(markdown) {
    return markdown.replaceAll('`', '');
}
/** The source around a culprit, one row per line, with its number padded and the culprit's line marked. */
function excerptRows(place) {
    const excerpt = place.excerpt;
    if (!excerpt)
        return [];
    const width = String(excerpt.firstLine + excerpt.lines.length - 1).length;
    return excerpt.lines.map((text, i) => {
        const number = excerpt.firstLine + i;
        return { number: String(number).padStart(width), text, marked: number === place.line };
    });
}
function placeLink(place, links) {
    const url = links.source?.(place.path, place.line);
    const text = url ? `[\`${place.path}:${place.line}\`](${url})` : `\`${place.path}:${place.line}\``;
    return `${text} in ${inlineCode(place.function)}`;
}

;// CONCATENATED MODULE: ./src/report/fix-section.ts
// The fix as Markdown: each change with where it goes, before and after,
// what trying it showed, and the advice when no change is shown.

/** The lines of a change without the indentation they share, for reading. */
function dedented(lines) {
    const indent = Math.min(...lines.filter(l => l.trim() !== '').map(l => l.length - l.trimStart().length));
    return lines.map(l => l.slice(Number.isFinite(indent) ? indent : 0)).join('\n');
}
/** One change as Markdown: where, the summary, and the code before and after. */
function changeMarkdown(change, links, title) {
    const [statement, ...others] = change.edits;
    if (!statement)
        return [];
    const place = placeLink({ path: change.where.path, line: change.where.line, function: change.where.function, absolutePath: '' }, links);
    const parts = [
        `**${title}** in ${place}: ${change.summary}`,
        '',
        '**Before**',
        '',
        codeBlock(dedented(statement.before), 'python'),
        '',
        '**After**',
        '',
        codeBlock(dedented(statement.after), 'python')
    ];
    for (const edit of others) {
        if (edit.before.length === 0 && edit.after.length === 1 && /^import /.test(edit.after[0])) {
            parts.push('', `and at the top of \`${edit.path}\`: \`${edit.after[0]}\``);
        }
        else {
            parts.push('', `and in \`${edit.path}\` at line ${edit.firstLine}:`, '', codeBlock(dedented(edit.after), 'python'));
        }
    }
    return parts;
}
/** What trying the change showed, in one line. */
function verificationLine(verification, healthPath) {
    if (verification.skipped)
        return `The change was not tried: ${verification.skipped}.`;
    const probes = verification.probes === undefined ? '' : ` (${verification.probes} probes)`;
    if (verification.verdict === 'healthy') {
        return `✅ **Tried:** the change was applied to a scratch copy of the app and the route checked again: \`${healthPath}\` then answered in ${Math.round(verification.slowestProbeMs ?? 0)} ms or less in every probe${probes}.`;
    }
    const at = verification.culprit ? ` at \`${verification.culprit}\`` : '';
    const what = verification.pattern ? ` (\`${verification.pattern}\`)` : '';
    const why = verification.headline ? `: ${plainText(verification.headline)}` : '.';
    return `⚠️ **Tried:** the change was applied to a scratch copy of the app and the route checked again: still ${verification.verdict}${at}${what}. The change alone is not enough${why}`;
}
/** The Fix section: the general advice, then the change built from the code (or why there is none), what trying it showed, the alternative. */
function fixSection(fix, verification, links, healthPath = '/health') {
    const parts = [fix.advice];
    if (fix.primary) {
        parts.push('', ...changeMarkdown(fix.primary, links, 'The change'));
        if (verification)
            parts.push('', verificationLine(verification, healthPath));
        if (verification?.next)
            parts.push('', verification.next);
    }
    else if (fix.unknownShape) {
        parts.push('', `_No change is shown: ${fix.unknownShape}._`);
    }
    if (fix.alternative)
        parts.push('', ...changeMarkdown(fix.alternative, links, 'Or'));
    for (const note of fix.notes)
        parts.push('', note);
    return parts.join('\n');
}

;// CONCATENATED MODULE: ./src/report/timings.ts
// The probe timings of a route: the table by phase, the Mermaid chart of the
// slowest probe of each phase of each cycle, and the table of its stalls.



function formatLatency(probe, timeoutMs) {
    if (probe.outcome === 'timeout')
        return `> ${formatDuration(timeoutMs)} (timeout)`;
    const ms = probe.latencyMs < 10 ? probe.latencyMs.toFixed(1) : Math.round(probe.latencyMs).toString();
    if (probe.outcome === 'http-error')
        return `${ms} ms (HTTP ${probe.status})`;
    if (probe.outcome === 'unreachable')
        return `${ms} ms (${probe.detail ?? 'unreachable'})`;
    return `${ms} ms`;
}
const PHASE_LABEL = {
    baseline: 'baseline (no stream)',
    'during-stream': 'during the stream',
    'after-abort': 'after the disconnect',
    'after-sniff': 'after discovery opened it',
    'before-first-event': 'before the first event',
    idle: 'idle, no request of ours running'
};
const PHASE_TAG = {
    baseline: 'B',
    'before-first-event': 'F',
    'during-stream': 'S',
    'after-abort': 'A',
    'after-sniff': 'D',
    idle: 'I'
};
/** The slowest of some probes; a failed probe outranks any answered one, whatever its latency. */
function slowestProbe(probes) {
    const weight = (p) => (p.outcome === 'ok' ? 0 : 1e12) + p.latencyMs;
    return probes.reduce((a, b) => (a === undefined || weight(b) > weight(a) ? b : a), undefined);
}
function timingsTable(result) {
    const rows = ['after-sniff', 'idle', 'baseline', 'before-first-event', 'during-stream', 'after-abort'].flatMap(phase => {
        const probes = probesOf(result).filter(p => p.phase === phase);
        const slowest = slowestProbe(probes);
        if (!slowest)
            return [];
        const fastest = probes.reduce((a, b) => (b.latencyMs < a.latencyMs ? b : a));
        return [
            `| ${PHASE_LABEL[phase]} | ${probes.length} | ${formatLatency(fastest, result.healthTimeoutMs)} | ${formatLatency(slowest, result.healthTimeoutMs)} |`
        ];
    });
    if (rows.length === 0)
        return '';
    return ['| health probe | probes | fastest | slowest |', '|---|---:|---:|---:|', ...rows].join('\n');
}
/** The slowest probe of each phase of each cycle, in the order sent: one bar each in the chart. */
function chartProbes(result) {
    const bars = result.baseline.map((probe, i) => ({
        label: `${PHASE_TAG.baseline}${i + 1}`,
        probe
    }));
    for (const cycle of result.cycles) {
        for (const phase of ['after-sniff', 'idle', 'before-first-event', 'during-stream', 'after-abort']) {
            const slowest = slowestProbe(cycle.probes.filter(p => p.phase === phase));
            if (slowest)
                bars.push({ label: `${PHASE_TAG[phase]}${cycle.cycle}`, probe: slowest });
        }
    }
    return bars;
}
/** A Mermaid bar chart of the slowest probe of each phase of each cycle, with the timeout as a line. */
function latencyChart(result) {
    const bars = chartProbes(result);
    if (bars.length === 0)
        return '';
    const values = bars.map(b => Math.round(Math.min(b.probe.latencyMs, result.healthTimeoutMs)));
    const top = Math.ceil((result.healthTimeoutMs * 1.1) / 10) * 10;
    return [
        '```mermaid',
        'xychart-beta',
        `    title "Slowest health probe (ms); the line is the ${formatDuration(result.healthTimeoutMs)} timeout"`,
        `    x-axis [${bars.map(b => `"${b.label}"`).join(', ')}]`,
        `    y-axis "ms" 0 --> ${top}`,
        `    bar [${values.join(', ')}]`,
        `    line [${values.map(() => result.healthTimeoutMs).join(', ')}]`,
        '```',
        '',
        '<sub>B = baseline, S = while streaming, A = after the client disconnected, D = after discovery opened the route; the number is the cycle. Each bar is the slowest probe of its phase.</sub>'
    ].join('\n');
}
/** Every stall, when there were any: when, how long, where the loop was, and what blocked it. */
function stallsSection(result, heading = '###') {
    if (result.stalls.length === 0)
        return '';
    const rows = result.stalls.map(stall => {
        const blocked = stall.samples.filter(s => s.blocked).length;
        const where = stall.culprit ? inlineCode(stall.culprit) : '—';
        return `| ${stall.cycle || '—'} | ${PHASE_LABEL[stall.phase]} | ${formatDuration(stall.startMs)} | ${formatDuration(stall.durationMs)} | \`${stall.pattern}\` | ${where} | ${blocked} of ${stall.samples.length} |`;
    });
    const intro = result.verdict === 'stalled'
        ? `The loop was blocked for ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more, while every probe still answered within the timeout:`
        : `Besides the ${result.verdict} verdict, the loop stalled for ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more:`;
    return [
        `${heading} Stalls (${result.stalls.length})`,
        '',
        intro,
        '',
        '| cycle | when | probe sent at | lasted | pattern | culprit | samples blocked |',
        '|---:|---|---:|---:|---|---|---:|',
        ...rows
    ].join('\n');
}
/** Slow probes that were not stalls: the samples showed the loop free, so they get no verdict, but they are said. */
function noiseNote(result) {
    const stalled = new Set(result.stalls.map(s => s.startMs));
    const noise = result.slowProbes.filter(s => !stalled.has(s.probe.sentAtMs) && s.samples.length > 0);
    if (noise.length === 0)
        return '';
    return (`<sub>${noise.length} probe(s) took ${formatDuration(result.stallThresholdMs)} (stall-threshold) or more, but the stacks sampled while they waited did not show the loop blocked ` +
        "in the app's code or a known blocking call (a slow health route, or a busy machine): no verdict.</sub>");
}

;// CONCATENATED MODULE: ./src/report/report.ts
// Renders the run as Markdown for the job summary, the PR comment and the
// report file. Pure: every fact comes in as data.








const ICON = {
    healthy: '✅',
    stalled: '🟠',
    hung: '🛑',
    unhealthy: '⚠️',
    crashed: '💥',
    'startup-failed': '⛔'
};
function excerptBlock(diagnosis) {
    const rows = diagnosis.culprit ? excerptRows(diagnosis.culprit) : [];
    if (rows.length === 0)
        return '';
    return codeBlock(rows.map(row => `${row.marked ? '>' : ' '} ${row.number} | ${row.text}`).join('\n'), 'python');
}
function threadSection(title, threads, open = false) {
    if (threads.length === 0)
        return '';
    return details(title, codeBlock(threads.map(formatThread).join('\n\n')), open);
}
/** A verdict and the pattern that set it, e.g. hung: `sync-sleep`. */
function verdictWithPattern(verdict, pattern) {
    return `${verdict}${pattern ? `: \`${pattern}\`` : ''}`;
}
/** A verdict as the report writes it: its icon, its name and the pattern, e.g. 🛑 hung: `sync-sleep`. */
function verdictLabel(verdict, pattern) {
    return `${ICON[verdict]} ${verdictWithPattern(verdict, pattern)}`;
}
/** The heading of one route's part of the report, e.g. ### 🛑 `GET /feed`: hung: `sync-sleep`. */
function routeHeading(verdict, route, pattern) {
    return `### ${ICON[verdict]} \`${route}\`: ${verdictWithPattern(verdict, pattern)}`;
}
/** The report's first line: the verdict of the run and the pattern that set it. */
function titleLine(verdict, pattern) {
    return `## ${ICON[verdict]} backend-hang-debug: ${verdictWithPattern(verdict, pattern)}`;
}
/** The pattern as a report line, linked to its catalog entry. */
function patternFact(pattern, links) {
    return `- **Pattern:** [\`${pattern}\`](${links.pattern(pattern)}): ${PATTERNS[pattern]?.title ?? ''}`;
}
/** Where the loop was blocked, as report lines: the culprit, where it was called from, and the blocking call. */
function placeFacts(diagnosis, links) {
    const facts = [];
    if (diagnosis.culprit) {
        facts.push(`- **Culprit:** ${placeLink(diagnosis.culprit, links)}`);
        if (diagnosis.entry)
            facts.push(`- **Called from:** ${placeLink(diagnosis.entry, links)}`);
    }
    else {
        facts.push("- **Culprit:** no frame of the app's own code is on the event loop thread");
    }
    // rules write blockingCall as Markdown; a bare frame label is wrapped as code
    if (diagnosis.blockingCall) {
        const call = diagnosis.blockingCall.includes('`') ? diagnosis.blockingCall : inlineCode(diagnosis.blockingCall);
        facts.push(`- **Blocked in:** ${call}`);
    }
    const holder = diagnosis.holder;
    if (holder)
        facts.push(`- **Held by:** thread ${holder.thread} at ${placeLink(holder.at, links)}, inside ${inlineCode(holder.takenBy)} (line ${holder.takenAtLine})`);
    return facts;
}
function diagnosisSection(route, links, healthPath, heading) {
    const { result, diagnosis } = route;
    if (!diagnosis)
        return [];
    const facts = [patternFact(diagnosis.pattern, links)];
    if (diagnosis.totalSamples === 0) {
        const why = result.capture?.unavailable ?? 'no stacks were captured';
        return [
            facts.join('\n'),
            '',
            `**No stacks were captured:** ${why}. The probe timings below still show the hang; see "Stack capture" in the README to enable it.`
        ];
    }
    facts.push(...placeFacts(diagnosis, links));
    if (diagnosis.details.waitingFor) {
        if (diagnosis.pattern === 'threadpool-exhausted') {
            facts.push(`- **Pool threads:** ${diagnosis.details.busyWorkers} busy in ${inlineCode(diagnosis.details.waitingFor)}`);
        }
        else {
            const workers = diagnosis.details.executor === 'ProcessPoolExecutor' ? 'worker process(es)' : 'worker thread(s)';
            facts.push(`- **Waiting for:** ${diagnosis.details.busyWorkers} ${workers} still running ${inlineCode(diagnosis.details.waitingFor)}`);
        }
    }
    const began = beganIn(result);
    if (began)
        facts.push(`- **Began:** ${BEGAN[began]}`);
    const lasted = lastedIn(result);
    if (lasted)
        facts.push(`- **Lasted:** ${lasted}`);
    if (diagnosis.loopThread)
        facts.push(`- **Event loop:** ${loopEvidence(diagnosis, result)}`);
    const parts = [facts.join('\n'), '', diagnosis.explanation];
    const excerpt = excerptBlock(diagnosis);
    if (excerpt)
        parts.push('', excerpt);
    if (route.fix)
        parts.push('', `${heading} Fix`, '', fixSection(route.fix, route.verification, links, healthPath));
    return parts;
}
/** The phase in which the hang, or else the longest stall, began. */
function beganIn(result) {
    return result.hang?.phase ?? (result.verdict === 'stalled' ? longestStall(result.stalls)?.phase : undefined);
}
/** For a stalled run: how long the longest stall lasted, and how often the loop stalled. */
function lastedIn(result) {
    const longest = result.verdict === 'stalled' ? longestStall(result.stalls) : undefined;
    if (!longest)
        return undefined;
    const cycles = new Set(result.stalls.map(s => s.cycle)).size;
    const count = result.stalls.length === 1 ? '1 stall' : `${result.stalls.length} stalls`;
    const where = result.route.found === 'idle'
        ? 'while idle'
        : `in ${cycles} of ${result.cycles.length} cycle${result.cycles.length === 1 ? '' : 's'}`;
    return `${formatDuration(longest.durationMs)} (the longest stall); ${count} ${where}`;
}
const BEGAN = {
    'after-sniff': 'when discovery opened and closed the route, to see whether it streams (a disconnect, as any)',
    baseline: 'before the route was opened',
    'during-stream': 'while the stream was still open (a blocking call between two events), not at the disconnect',
    'after-abort': 'when the client disconnected (in the code that runs as the stream is cancelled)',
    'before-first-event': 'before the first event (in the code that runs between the request and the first event it sends)',
    idle: 'while idle, between routes: no request of ours was running (a background task, or work scheduled by an earlier request)'
};
/**
 * What the samples say about the loop thread, relative to the probe that went
 * unanswered: "at the same place in 3 of 3 samples, 0.3–0.9 s after the probe
 * was sent" or, when it computes, "running in 3 of 3 samples".
 */
function loopEvidence(diagnosis, result) {
    const thread = diagnosis.loopThread;
    const who = `thread ${thread.name ? `"${thread.name}" ` : ''}of pid ${thread.pid}`;
    const marks = diagnosis.timeline;
    if (marks.length === 0)
        return who;
    const stall = result.verdict === 'stalled' ? longestStall(result.stalls) : undefined;
    const since = result.hang?.probe.sentAtMs ?? stall?.startMs;
    const probe = stall ? 'slow probe' : 'unanswered probe';
    const first = marks[0];
    const last = marks.at(-1);
    const when = since === undefined
        ? ''
        : marks.length === 1
            ? `, ${formatDuration(Math.max(0, last.atMs - since))} after the ${probe} was sent`
            : `, taken ${formatDuration(Math.max(0, first.atMs - since))}–${formatDuration(Math.max(0, last.atMs - since))} after the ${probe} was sent`;
    const loopState = (mark) => (mark.active ? 'running' : 'waiting');
    if (diagnosis.pattern === 'cpu-bound') {
        return `${who}, running Python (not waiting) in ${marks.filter(m => m.active).length} of ${marks.length} samples${when}`;
    }
    const same = marks.filter(m => m.samePlace);
    const steady = same.length === marks.length && marks.length > 1
        ? ` (${loopState(last)} in the same place for at least ${formatDuration(last.atMs - first.atMs)})`
        : '';
    return `${who}, at the same place in ${same.length} of ${marks.length} samples${when}${steady}`;
}
function captureNote(result) {
    const capture = result?.capture;
    if (!capture || capture.unavailable)
        return '';
    return `<sub>Stacks captured with ${capture.method}.</sub>`;
}
/** The table of the routes checked, those not checked, and what discovery did. */
function routesTable(run, routes) {
    const rows = routes.map(({ result, diagnosis }) => {
        const verdict = verdictLabel(result.verdict, diagnosis?.pattern);
        const slowest = slowestProbe(probesOf(result));
        return `| \`${routeLabel(result.route)}\` | ${result.route.found}${result.streams ? '' : ' (does not stream)'} | ${verdict} | ${slowest ? formatLatency(slowest, result.healthTimeoutMs) : '—'} |`;
    });
    const share = run.shard
        ? [
            `This job checked share ${run.shard.index} of ${run.shard.count} (shard): ${run.shard.routes} of the app's ${run.shard.total} route(s).`,
            ''
        ]
        : [];
    const parts = [...share, '| route | found | verdict | slowest probe |', '|---|---|---|---:|', ...rows];
    for (const { route, reason } of run.notChecked)
        parts.push(`| \`${routeLabel(route)}\` | ${route.found} | not checked: ${reason} | — |`);
    for (const restart of run.restarts ?? []) {
        parts.push('', restart.failed
            ? `The app was not started again after \`${restart.after}\` left it broken: ${restart.failed}`
            : `The app was started again after \`${restart.after}\` left it broken, and answered again ${formatDuration(restart.answeredAtMs ?? 0)} into the run: the routes after it were checked on it.`);
    }
    const discovery = run.discovery;
    if (discovery) {
        parts.push('', `Found by discovery: ${discovery.declared} route(s) declared as \`text/event-stream\` in \`${discovery.openapiPath}\`, and ${discovery.sniffedStreams} of the ${discovery.sniffed} GET route(s) opened once answered with one.`);
        if (discovery.leftAside.length > 0)
            parts.push('', details(`Left aside (${discovery.leftAside.length})`, discovery.leftAside.map(l => `- ${l}`).join('\n')));
    }
    return parts.join('\n');
}
/** A route's part of the report: its diagnosis, fix, stalls, timings and stacks. */
function routeSections(route, input, single) {
    const { result, diagnosis } = route;
    const heading = single ? '###' : '####';
    const parts = [];
    if (!single)
        parts.push('', routeHeading(result.verdict, routeLabel(result.route), diagnosis?.pattern), '', result.headline);
    if (result.verdict === 'hung' || result.verdict === 'stalled')
        parts.push('', ...diagnosisSection(route, input.links, input.healthPath, heading));
    const stalls = stallsSection(result, heading);
    if (stalls)
        parts.push('', stalls);
    const table = timingsTable(result);
    if (table)
        parts.push('', `${heading} Probe timings`, '', table, '', latencyChart(result));
    const noise = noiseNote(result);
    if (noise)
        parts.push('', noise);
    const where = single ? '' : ` (\`${routeLabel(result.route)}\`)`;
    if (diagnosis?.loopStack)
        parts.push('', threadSection(`Event loop thread stack${where}`, [diagnosis.loopStack], true));
    if (diagnosis && diagnosis.otherThreads.length > 0)
        parts.push('', threadSection(`Other threads (${diagnosis.otherThreads.length})${where}`, diagnosis.otherThreads));
    return parts;
}
/** The whole report in Markdown: the verdict, the routes, then each route that is not healthy in full. */
function renderReport(input) {
    const { run, routes } = input;
    const decisive = run.decisive === undefined ? undefined : routes[run.decisive];
    const parts = [];
    parts.push(titleLine(run.verdict, decisive?.diagnosis?.pattern), '', run.headline);
    if (run.verdict === 'startup-failed' || run.verdict === 'crashed') {
        const tail = run.appLogTail.length > 0 ? codeBlock(run.appLogTail.join('\n')) : '_The app printed nothing._';
        parts.push('', `### App output (last ${run.appLogTail.length} lines)`, '', tail);
    }
    if (routes.length > 0 || run.notChecked.length > 0)
        parts.push('', '### Routes', '', routesTable(run, routes));
    // one route: its whole story; several: each one that is not healthy, in full
    const single = routes.length === 1;
    const shown = single ? routes : routes.filter(r => r.result.verdict !== 'healthy');
    for (const route of shown)
        parts.push(...routeSections(route, input, single));
    const note = captureNote(decisive?.result ?? routes.find(r => r.result.capture)?.result);
    if (note)
        parts.push('', note);
    const warnings = [
        ...run.warnings,
        ...routes.flatMap(r => r.result.warnings.map(w => (single ? w : `\`${routeLabel(r.result.route)}\`: ${w}`)))
    ];
    if (warnings.length > 0)
        parts.push('', details(`Warnings (${warnings.length})`, warnings.map(w => `- ${w}`).join('\n')));
    if (run.verdict !== 'startup-failed' && run.verdict !== 'crashed' && run.appLogTail.length > 0) {
        parts.push('', details(`App output (last ${run.appLogTail.length} lines)`, codeBlock(run.appLogTail.join('\n'))));
    }
    const checked = routes.length === 1
        ? `Route: \`${routeLabel(routes[0].result.route)}\``
        : `${routes.length} routes`;
    const footer = [
        checked,
        `health: \`${input.healthPath}\``,
        `verdict after ${formatDuration(run.verdictAtMs)}`,
        `backend-hang-debug ${VERSION}`
    ];
    if (input.links.run)
        footer.push(`[workflow run](${input.links.run})`);
    parts.push('', `<sub>${footer.join(' · ')}</sub>`);
    return parts.join('\n') + '\n';
}

;// CONCATENATED MODULE: ./src/report/result-document.ts
// The result as JSON for tools (the command line's --json, result-path, the
// routes output): its shape is a documented output, so it changes only with
// care.



/**
 * What a result file says it is, for the tools that read it (merge-results):
 * bumped when a field they rely on changes meaning or goes away.
 */
const RESULT_FORMAT = 'backend-hang-debug/result@1';
/** A route document in a line, as the routes output gives it. */
function routeLine(route) {
    const { method, path, found, verdict, pattern, culprit, slowestProbeMs } = route;
    return { method, path, found, verdict, pattern, culprit, slowestProbeMs };
}
/** A route in a line: what it is, how it was found and what came of it. */
function routeSummary({ result, diagnosis }) {
    return {
        method: result.route.method,
        path: result.route.path,
        found: result.route.found,
        verdict: result.verdict,
        pattern: diagnosis?.pattern ?? '',
        culprit: culpritLabel(diagnosis),
        slowestProbeMs: slowestLatencyMs(result)
    };
}
/** The routes output: every route named or found, in a line each; those not checked with why. */
function routesOutput({ run, routes }) {
    return [...routes.map(routeSummary), ...notCheckedRoutes(run)];
}
function notCheckedRoutes(run) {
    return run.notChecked.map(({ route, reason }) => ({
        method: route.method,
        path: route.path,
        found: route.found,
        verdict: 'not-checked',
        reason
    }));
}
function routeDocument(finding) {
    const { result, diagnosis, fix, verification } = finding;
    const longestStallOfRoute = longestStallMs(result);
    return {
        ...routeSummary(finding),
        headline: result.headline,
        timings: {
            slowestProbeMs: slowestLatencyMs(result),
            stallThresholdMs: result.stallThresholdMs,
            ...(longestStallOfRoute !== undefined ? { longestStallMs: longestStallOfRoute } : {}),
            settle: result.settle
        },
        ...(result.hang ? { hang: result.hang } : {}),
        stalls: result.stalls,
        baseline: result.baseline,
        cycles: result.cycles,
        ...(diagnosis ? { diagnosis: withoutStacks(diagnosis) } : {}),
        ...(fix ? { fix: { ...fix, ...(verification ? { verification } : {}) } } : {}),
        ...(result.capture
            ? {
                capture: {
                    method: result.capture.method,
                    samples: result.capture.samples.length,
                    ...(result.capture.unavailable ? { unavailable: result.capture.unavailable } : {})
                }
            }
            : {}),
        warnings: result.warnings
    };
}
function resultDocument({ run, routes, decisive, healthPath, files }) {
    const documents = routes.map(routeDocument);
    // the route that set the verdict (or the only one) is repeated at the top
    const top = decisive ? documents[routes.indexOf(decisive)] : documents[0];
    return {
        format: RESULT_FORMAT,
        version: VERSION,
        verdict: run.verdict,
        headline: run.headline,
        healthPath,
        pattern: decisive?.diagnosis?.pattern ?? '',
        culprit: culpritLabel(decisive?.diagnosis),
        timings: {
            stallThresholdMs: top?.timings.stallThresholdMs ?? 0,
            settle: top?.timings.settle ?? { ms: 0, given: false },
            ...(top?.timings.longestStallMs !== undefined ? { longestStallMs: top.timings.longestStallMs } : {}),
            slowestProbeMs: slowestOfRun(run),
            ...(run.startupMs !== undefined ? { startupMs: Math.round(run.startupMs) } : {}),
            verdictAtMs: Math.round(run.verdictAtMs),
            healthTimeoutMs: run.healthTimeoutMs
        },
        ...(top?.hang ? { hang: top.hang } : {}),
        stalls: top?.stalls ?? [],
        baseline: top?.baseline ?? [],
        cycles: top?.cycles ?? [],
        cyclesPlanned: run.routes[0]?.cyclesPlanned ?? 0,
        ...(top?.diagnosis ? { diagnosis: top.diagnosis } : {}),
        ...(top?.fix ? { fix: top.fix } : {}),
        ...(top?.capture ? { capture: top.capture } : {}),
        ...(run.appExit ? { appExit: run.appExit } : {}),
        routes: [...documents, ...notCheckedRoutes(run)],
        notChecked: run.notChecked.map(n => ({ method: n.route.method, path: n.route.path, reason: n.reason })),
        ...(run.discovery ? { discovery: run.discovery } : {}),
        ...(run.restarts ? { restarts: run.restarts } : {}),
        ...(run.shard ? { shard: run.shard } : {}),
        warnings: warningsOf(run),
        files
    };
}
function withoutStacks(diagnosis) {
    const facts = { ...diagnosis };
    delete facts.loopStack;
    delete facts.otherThreads;
    return facts;
}

;// CONCATENATED MODULE: ./src/engine/fix-trial.ts
// Tries the suggested change before anyone has to: a scratch copy of the
// app with the change applied, and its route checked on it once more. The
// user's files are never touched: the app's own files are copied, and large
// or unchanged folders (virtualenvs, node_modules, .git, big data files) are
// linked into the copy instead. The run itself is the caller's (one more
// triage, judged as the first one was), so that this module knows nothing of
// how a run is judged.



/** Folders linked into the copy, never copied: installed code and tool caches. */
const LINKED_FOLDERS = new Set([
    'node_modules',
    '.git',
    '.hg',
    '.svn',
    '.tox',
    '.nox',
    '.mypy_cache',
    '.pytest_cache',
    '.ruff_cache'
]);
/** Left out of the copy: Python writes them anew. */
const LEFT_OUT = new Set(['__pycache__']);
/** A file this large is linked, not copied: data, not the app's code. */
const LARGE_FILE_BYTES = 5 * 1024 * 1024;
/** Past this much copied, the app is too big to copy for a try: the try is skipped. */
const COPY_BUDGET_BYTES = 256 * 1024 * 1024;
class ScratchCopyError extends Error {
    constructor(message) {
        super(message);
        this.name = 'ScratchCopyError';
    }
}
function isInside(child, parent) {
    const relative = external_node_path_.relative(parent, child);
    return relative === '' || (!relative.startsWith('..') && !external_node_path_.isAbsolute(relative));
}
/**
 * Copies the app at `from` to `to`: its own files copied, virtualenvs
 * (folders with a pyvenv.cfg), the folders in LINKED_FOLDERS and large files
 * linked. Returns how many bytes it copied.
 */
function copyApp(from, to) {
    let copied = 0;
    const walk = (source, target) => {
        external_node_fs_.mkdirSync(target, { recursive: true });
        for (const entry of external_node_fs_.readdirSync(source, { withFileTypes: true })) {
            const src = external_node_path_.join(source, entry.name);
            const dst = external_node_path_.join(target, entry.name);
            // the copy may lie inside the app (a scratch folder under the workspace): never copy it into itself
            if (isInside(to, src))
                continue;
            if (entry.isSymbolicLink()) {
                external_node_fs_.symlinkSync(external_node_fs_.readlinkSync(src), dst);
            }
            else if (entry.isDirectory()) {
                if (LEFT_OUT.has(entry.name))
                    continue;
                if (LINKED_FOLDERS.has(entry.name) || external_node_fs_.existsSync(external_node_path_.join(src, 'pyvenv.cfg')))
                    external_node_fs_.symlinkSync(src, dst);
                else
                    walk(src, dst);
            }
            else if (entry.isFile()) {
                const size = external_node_fs_.statSync(src).size;
                if (size > LARGE_FILE_BYTES) {
                    external_node_fs_.symlinkSync(src, dst);
                    continue;
                }
                copied += size;
                if (copied > COPY_BUDGET_BYTES)
                    throw new ScratchCopyError(`the app's files come to more than ${COPY_BUDGET_BYTES / 1024 / 1024} MB, too many to copy for a try`);
                external_node_fs_.copyFileSync(src, dst);
            }
        }
    };
    walk(from, to);
    return copied;
}
/** Applies edits to the files under `root`, bottom up in each file so that line numbers hold; each must find the lines it replaces. */
function applyEdits(root, edits) {
    const byFile = new Map();
    for (const edit of edits)
        byFile.set(edit.path, [...(byFile.get(edit.path) ?? []), edit]);
    for (const [relative, fileEdits] of byFile) {
        const file = external_node_path_.join(root, relative);
        const text = external_node_fs_.readFileSync(file, 'utf8');
        // a linked file is replaced by a copy of its own before it is changed
        if (external_node_fs_.lstatSync(file).isSymbolicLink())
            external_node_fs_.unlinkSync(file);
        const lines = text.split('\n');
        for (const edit of [...fileEdits].sort((a, b) => b.firstLine - a.firstLine)) {
            const found = lines.slice(edit.firstLine - 1, edit.lastLine);
            if (found.join('\n') !== edit.before.join('\n')) {
                throw new ScratchCopyError(`${relative}:${edit.firstLine} does not hold the lines the change replaces (was it edited since the run?)`);
            }
            lines.splice(edit.firstLine - 1, edit.lastLine - edit.firstLine + 1, ...edit.after);
        }
        external_node_fs_.writeFileSync(file, lines.join('\n'));
    }
}
/** Applies the change to a scratch copy and runs the cycles there; says why not when it cannot. */
async function tryFix(options) {
    const started = performance.now();
    const done = (facts) => ({
        applied: options.change.edits,
        ...facts,
        durationMs: Math.round(performance.now() - started)
    });
    if (options.deadlineMs !== undefined) {
        const left = options.deadlineMs - started;
        if (left < options.runBoundMs) {
            return done({
                skipped: `no time is left within the run's time bound (another run of these cycles may take up to ${formatDuration(options.runBoundMs)}; ${formatDuration(Math.max(0, left))} is left)`
            });
        }
    }
    const copy = external_node_path_.join(options.scratchDir, 'app');
    try {
        copyApp(options.appRoot, copy);
        applyEdits(copy, options.change.edits);
    }
    catch (error) {
        if (error instanceof ScratchCopyError)
            return done({ skipped: error.message });
        throw error;
    }
    const outcome = await options.run(copy);
    return done({
        verdict: outcome.verdict,
        headline: outcome.headline,
        slowestProbeMs: outcome.slowestProbeMs,
        probes: outcome.probes,
        ...(outcome.pattern ? { pattern: outcome.pattern } : {}),
        ...(outcome.culprit ? { culprit: outcome.culprit } : {})
    });
}

;// CONCATENATED MODULE: ./src/engine/source-files.ts
// The file-system facts the analysis needs, gathered before it runs: the
// app's source lines, and which folders under the app root are installed code
// (a virtualenv inside the workspace is not the app's own code).


/** Reads a source file as lines, once per path; undefined when unreadable. */
function sourceReader() {
    const cache = new Map();
    return file => {
        if (!cache.has(file)) {
            try {
                cache.set(file, external_node_fs_.readFileSync(file, 'utf8').split(/\r?\n/));
            }
            catch {
                cache.set(file, undefined);
            }
        }
        return cache.get(file);
    };
}
function realpathOr(p) {
    try {
        return external_node_fs_.realpathSync(p);
    }
    catch {
        return p;
    }
}
/**
 * The app root and the virtualenvs inside it that the captured frames run
 * from. A virtualenv is a folder with a pyvenv.cfg; walking up from each
 * frame's file finds them without scanning the whole workspace.
 */
function codeScope(workingDirectory, samples) {
    const appRoot = realpathOr(workingDirectory);
    const libraryRoots = new Set();
    const checked = new Set();
    const files = new Set(samples.flatMap(s => s.processes.flatMap(p => p.threads.flatMap(t => t.frames.map(f => f.file)))));
    for (const file of files) {
        if (!external_node_path_.isAbsolute(file) || external_node_path_.relative(appRoot, file).startsWith('..'))
            continue;
        for (let dir = external_node_path_.dirname(file); dir.length >= appRoot.length && dir !== external_node_path_.dirname(dir); dir = external_node_path_.dirname(dir)) {
            if (checked.has(dir))
                break;
            checked.add(dir);
            if (external_node_fs_.existsSync(external_node_path_.join(dir, 'pyvenv.cfg'))) {
                libraryRoots.add(dir);
                break;
            }
        }
    }
    return { appRoot, libraryRoots: [...libraryRoots] };
}

;// CONCATENATED MODULE: ./src/capture/faulthandler-hook.ts
// The Python side of the faulthandler capture, the fallback that needs no
// ptrace: a sitecustomize put on the app's PYTHONPATH registers faulthandler
// for one real-time signal in every Python process of the app (also forked
// and spawned workers), each writing to its own file. Sending the signal makes
// the process write every thread's stack there, even while its main thread
// is blocked in C.


/**
 * SIGRTMIN + 6 with glibc (and SIGRTMIN + 5 with musl): a real-time signal
 * no web server uses. It is only ever sent to a process that has written its
 * stacks file, i.e. that registered a handler for it; its default action
 * would end the process.
 */
const STACKS_SIGNAL = 40;
const DIR_VARIABLE = 'BACKEND_HANG_DEBUG_STACKS_DIR';
const SIGNAL_VARIABLE = 'BACKEND_HANG_DEBUG_STACKS_SIGNAL';
const SITECUSTOMIZE = `# Put on PYTHONPATH by backend-hang-debug when it starts the app: registers
# faulthandler for one real-time signal, so that the action can ask each of
# the app's Python processes for every thread's stack without ptrace. Each
# process writes to its own file, named by its pid (also after a fork). Then
# runs the sitecustomize this one hides, if there is one, so the app's own
# site customisation keeps working.
import os
import sys


def _backend_hang_debug_register():
    directory = os.environ.get("BACKEND_HANG_DEBUG_STACKS_DIR")
    signal_number = os.environ.get("BACKEND_HANG_DEBUG_STACKS_SIGNAL")
    if not directory or not signal_number:
        return
    import faulthandler

    kept = []

    def register():
        try:
            stacks = open(os.path.join(directory, "stacks-%d.txt" % os.getpid()), "w")
        except OSError:
            return
        kept[:] = [stacks]  # faulthandler keeps only the file descriptor
        faulthandler.register(int(signal_number), file=stacks, all_threads=True, chain=False)

    register()
    os.register_at_fork(after_in_child=register)


def _backend_hang_debug_chain():
    here = os.path.dirname(os.path.abspath(__file__))
    for entry in sys.path:
        folder = os.path.abspath(entry or os.curdir)
        candidate = os.path.join(folder, "sitecustomize.py")
        if folder == here or not os.path.isfile(candidate):
            continue
        import importlib.util

        spec = importlib.util.spec_from_file_location("sitecustomize", candidate)
        module = importlib.util.module_from_spec(spec)
        sys.modules["sitecustomize"] = module
        spec.loader.exec_module(module)
        return


try:
    _backend_hang_debug_register()
except Exception as error:  # never keep the app from starting
    print("backend-hang-debug: faulthandler capture not available: %s" % error, file=sys.stderr)
_backend_hang_debug_chain()
`;
/** Writes the sitecustomize into dir and returns the environment that makes the app load it. */
function installFaulthandlerHook(dir, appEnv) {
    const hookDir = external_node_path_.join(dir, 'python-hook');
    const stacksDir = external_node_path_.join(dir, 'faulthandler');
    external_node_fs_.mkdirSync(hookDir, { recursive: true });
    external_node_fs_.mkdirSync(stacksDir, { recursive: true });
    external_node_fs_.writeFileSync(external_node_path_.join(hookDir, 'sitecustomize.py'), SITECUSTOMIZE);
    const existing = appEnv.PYTHONPATH;
    return {
        stacksDir,
        env: {
            PYTHONPATH: existing ? `${hookDir}${external_node_path_.delimiter}${existing}` : hookDir,
            [DIR_VARIABLE]: stacksDir,
            [SIGNAL_VARIABLE]: String(STACKS_SIGNAL)
        }
    };
}
/** The file a registered process writes its stacks to. */
function stacksFileOf(hook, pid) {
    return external_node_path_.join(hook.stacksDir, `stacks-${pid}.txt`);
}

// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __nccwpck_require__(1421);
;// CONCATENATED MODULE: ./src/os/run-command.ts
// Runs a helper program (py-spy, pip, sudo) with a hard timeout. Any of them
// can hang (py-spy on a wedged target, pip on an unreachable index), and the
// action must never hang with them, nor wait for one it no longer needs.


/** Groups started with a signal and still running: none may outlive the action. */
const runningGroups = new Set();
let killedAtExit = false;
function killGroup(pid) {
    (0,process_table/* sendSignal */.vG)(-pid, 'SIGKILL');
}
function runCommand(file, args, options) {
    const started = performance.now();
    const { signal } = options;
    if (signal?.aborted)
        return Promise.resolve({ code: null, stdout: '', stderr: '', timedOut: false, stopped: true, ms: 0 });
    return new Promise(resolve => {
        const child = (0,external_node_child_process_.spawn)(file, args, {
            cwd: options.cwd,
            env: options.env,
            stdio: ['ignore', 'pipe', 'pipe'],
            // a stoppable program gets a group of its own, so that what it started goes with it
            detached: signal !== undefined
        });
        const stdout = [];
        const stderr = [];
        child.stdout.setEncoding('utf8').on('data', (chunk) => stdout.push(chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk) => stderr.push(chunk));
        let timedOut = false;
        let stopped = false;
        const kill = () => {
            if (child.pid === undefined)
                return;
            if (signal)
                killGroup(child.pid);
            else
                child.kill('SIGKILL');
        };
        const timer = setTimeout(() => {
            timedOut = true;
            kill();
        }, options.timeoutMs);
        const stop = () => {
            stopped = true;
            kill();
        };
        signal?.addEventListener('abort', stop, { once: true });
        if (signal && child.pid !== undefined) {
            runningGroups.add(child.pid);
            if (!killedAtExit) {
                killedAtExit = true;
                process.on('exit', () => runningGroups.forEach(killGroup));
            }
        }
        const settle = (result) => {
            clearTimeout(timer);
            signal?.removeEventListener('abort', stop);
            if (child.pid !== undefined)
                runningGroups.delete(child.pid);
            const ms = performance.now() - started;
            resolve({ ...result, stdout: stdout.join(''), stderr: stderr.join(''), ms });
        };
        child.once('error', (error) => settle({ code: null, timedOut: false, startError: error.code ?? error.message }));
        // 'close' waits for the output to end, also when a grandchild still holds it (until the kill)
        child.once('close', code => settle({ code, timedOut: timedOut && !stopped, ...(stopped && !timedOut ? { stopped: true } : {}) }));
    });
}
/** The first line of a program's error output, for messages. */
function firstErrorLine(result) {
    if (result.startError)
        return result.startError;
    if (result.stopped)
        return 'stopped: no longer needed';
    if (result.timedOut)
        return `no answer within ${Math.round(result.ms)} ms`;
    const line = `${result.stderr}\n${result.stdout}`
        .split('\n')
        .map(l => l.trim())
        .find(l => l !== '');
    return line ?? `exit code ${result.code}`;
}

;// CONCATENATED MODULE: ./src/os/executables.ts
// Finding an executable by name: in a directory, or on PATH.


function executableIn(dir, name) {
    const candidate = external_node_path_.join(dir, name);
    try {
        external_node_fs_.accessSync(candidate, external_node_fs_.constants.X_OK);
        return external_node_fs_.statSync(candidate).isFile() ? candidate : undefined;
    }
    catch {
        return undefined;
    }
}
/** Like `which`: the first executable of that name on PATH, as an absolute path. */
function findOnPath(name, searchPath = process.env.PATH ?? '') {
    for (const dir of searchPath.split(external_node_path_.delimiter)) {
        if (dir === '' || !external_node_path_.isAbsolute(dir))
            continue;
        const found = executableIn(dir, name);
        if (found)
            return found;
    }
    return undefined;
}

;// CONCATENATED MODULE: ./src/capture/py-spy-locate.ts
// Which py-spy takes the stacks: one given by the py-spy input, on PATH or
// in the app's virtualenv (the user's own, used as it is), else the pinned
// one installed with pip into the run's own folder, its hash checked.







const VERSION_TIMEOUT_MS = 5_000;
const INSTALL_TIMEOUT_MS = 60_000;
/** Why there is no py-spy when the run ended before its install did. */
const RUN_OVER = 'the run was over before py-spy was installed';
async function versionOf(file) {
    const result = await runCommand(file, ['--version'], { timeoutMs: VERSION_TIMEOUT_MS });
    const match = /py-spy\s+(\S+)/.exec(result.stdout);
    return result.code === 0 && match ? match[1] : undefined;
}
/** The interpreters the app runs, as started (a venv's bin/python, not the base it links to). */
function appInterpreters(app) {
    const found = new Set();
    for (const p of (0,app_process/* appProcesses */.jn)(app)) {
        if (!(0,process_table/* isPythonProcess */.SW)(p.pid))
            continue;
        const first = (0,process_table/* argv0 */.Vs)(p.pid);
        if (external_node_path_.isAbsolute(first))
            found.add(first);
        else {
            const cwd = (0,process_table/* workingDirectoryOf */._X)(p.pid);
            const resolved = first.includes('/') && cwd ? external_node_path_.resolve(cwd, first) : findOnPath(first);
            if (resolved)
                found.add(resolved);
        }
    }
    return [...found];
}
/**
 * Finds a working py-spy. With `auto`: PATH, then the app's own virtualenv,
 * then `python -m pip install --target <installDir>` of the pinned py-spy,
 * checked against its sha256 (py-spy-install-plan.ts), which leaves the user's
 * environments untouched (and works where PEP 668 forbids installs). PATH is
 * looked at at once; `interpreters` is asked only when PATH has none, and
 * gives undefined when the app never came up (nothing to attach to, nothing
 * worth an install).
 */
async function locatePySpy(search, interpreters) {
    const { setting } = search;
    if (setting.mode === 'off')
        return { unavailable: 'stack capture is turned off (py-spy: off)' };
    if (setting.mode === 'path') {
        return ((await usable(setting.path, 'given as the py-spy input')) ?? {
            unavailable: `py-spy: ${setting.path} did not run (\`${setting.path} --version\` failed)`
        });
    }
    const onPath = await usable(findOnPath('py-spy'), 'found on PATH');
    if (onPath)
        return onPath;
    const pythons = await interpreters();
    if (!pythons)
        return { unavailable: 'the app did not come up, so there was nothing to find py-spy for' };
    for (const python of pythons) {
        const inEnvironment = await usable(executableIn(external_node_path_.dirname(python), 'py-spy'), "found in the app's environment");
        if (inEnvironment)
            return inEnvironment;
    }
    return installPySpy([...pythons, findOnPath('python3'), findOnPath('python')], search);
}
/**
 * One py-spy for a whole run: looked for (or installed) once, for the app,
 * its starts again and a fix's try on a copy of it, which runs the same
 * interpreters. An install still running when the run is over is stopped
 * (`close`): a healthy run does not wait for pip, nor does a hang that
 * faulthandler answered.
 */
class PySpySupply {
    search;
    pending;
    settled;
    over = new AbortController();
    /** what the report must say about the py-spy it got, heard once for the whole run */
    warnings = [];
    constructor(search) {
        this.search = search;
    }
    /** The lookup, started by the first app that asks; `interpreters` as for locatePySpy. */
    find(interpreters) {
        this.pending ??= locatePySpy({
            ...this.search,
            signal: this.over.signal,
            warn: warning => {
                this.warnings.push(warning);
                this.search.logger.warning(warning);
            }
        }, interpreters).then(lookup => (this.settled = lookup));
        return this.pending;
    }
    /** The lookup's outcome, once it is in. */
    get found() {
        return this.settled;
    }
    /** The lookup under way (or done), once an app has asked for it. */
    get underWay() {
        return this.pending;
    }
    /** The run is over: stops an install still running, and returns once pip is gone. */
    async close() {
        this.over.abort();
        await this.pending;
    }
}
/** The py-spy at `file` when there is one and it says its version. */
async function usable(file, origin) {
    if (!file)
        return undefined;
    const version = await versionOf(file);
    return version ? { tool: { path: file, version, origin } } : undefined;
}
/** Installs the pinned py-spy (or the version asked for, unchecked and said so) with the first Python whose pip can. */
async function installPySpy(candidates, { install, installDir, logger, warn, signal }) {
    const plan = installPlan(install.pins, install.version, wheelPlatform());
    // said as the install is decided: a hang's report may be written before pip is done
    if (plan.unverified)
        warn(plan.unverified);
    const pythons = [...new Set(candidates.filter((p) => !!p))];
    if (pythons.length === 0)
        return { unavailable: 'py-spy is not on PATH and no Python was found to install it with' };
    external_node_fs_.mkdirSync(installDir, { recursive: true });
    const requirements = external_node_path_.join(installDir, 'py-spy-requirements.txt');
    external_node_fs_.writeFileSync(requirements, plan.requirements);
    const checked = plan.sha256 ? 'pinned, sha256-checked' : 'without a hash check';
    const tried = [];
    for (const python of pythons) {
        if (signal?.aborted)
            break;
        logger.info(`py-spy is not installed; installing py-spy ${plan.version} (${checked}) with ${python} -m pip into ${installDir}`);
        const result = await runCommand(python, pipInstallArgs(plan, requirements, installDir), {
            timeoutMs: INSTALL_TIMEOUT_MS,
            ...(signal ? { signal } : {})
        });
        if (result.stopped) {
            logger.info('Stopped the py-spy install: the run is over without needing it');
            return { unavailable: RUN_OVER };
        }
        if (plan.sha256 && isHashMismatch(`${result.stderr}${result.stdout}`)) {
            // another Python's pip would get the same file: refuse it once and for all
            const refused = `pip refused the py-spy ${plan.version} download: its sha256 is not the pinned ${plan.sha256}, so it was not installed and never ran`;
            warn(refused);
            return { unavailable: refused };
        }
        const installed = await usable(executableIn(external_node_path_.join(installDir, 'bin'), 'py-spy'), `installed with pip into ${installDir}, ${checked}`);
        if (installed)
            return installed;
        tried.push(`${python}: ${firstErrorLine(result)}`);
    }
    if (tried.length === 0)
        return { unavailable: RUN_OVER };
    return { unavailable: `py-spy is not on PATH and could not be installed (${tried.join('; ')})` };
}

;// CONCATENATED MODULE: ./src/capture/capture.ts
// Captures the Python stacks of every process of the app with py-spy.
//
// Facts that shape this code: py-spy must target the interpreter itself (a
// shell's pid gives "Failed to find python version"); `dump --subprocesses`
// prints only the target, so we walk the process tree ourselves; on runners
// with kernel.yama.ptrace_scope = 1 a py-spy that is not the app's ancestor
// is refused, so we retry with `sudo -n` and py-spy's absolute path (sudo
// resets PATH); and py-spy itself can hang, so each dump has its own timeout.











const DUMP_TIMEOUT_MS = 5_000;
/** How long a sample waits for py-spy's lookup (not an install) before the faulthandler hook answers instead. */
const PREFER_PY_SPY_WAIT_MS = 1_000;
/** How long a faulthandler dump may take to appear in its file. */
const FAULTHANDLER_TIMEOUT_MS = 1_000;
const FAULTHANDLER_POLL_MS = 5;
/** Takes every Python process of the app at once with `capture`. */
async function sampleEachPython(app, takenAtMs, capture) {
    const pythons = (0,app_process/* appProcesses */.jn)(app).filter(p => (0,process_table/* isPythonProcess */.SW)(p.pid));
    const sample = { takenAtMs, processes: [], failures: [] };
    const raw = [];
    if (pythons.length === 0) {
        sample.failures.push({
            pid: app.pid,
            command: (0,process_table/* commandLine */.ay)(app.pid),
            reason: "no Python process in the app's process tree"
        });
        return { sample, raw };
    }
    await Promise.all(pythons.map(async (p) => {
        const command = (0,process_table/* commandLine */.ay)(p.pid);
        const cwd = (0,process_table/* workingDirectoryOf */._X)(p.pid);
        const outcome = await capture(p.pid, cwd);
        if ('reason' in outcome) {
            sample.failures.push({ pid: p.pid, command, reason: outcome.reason });
            return;
        }
        const stacks = { pid: p.pid, command, threads: outcome.threads };
        sample.processes.push(stacks);
        raw.push({ pid: p.pid, command, ...(cwd ? { cwd } : {}), ...outcome.raw });
    }));
    sample.processes.sort((a, b) => a.pid - b.pid);
    raw.sort((a, b) => a.pid - b.pid);
    return { sample, raw };
}
const PERMISSION = /permission denied|operation not permitted|os error 1\)|EPERM|ptrace/i;
/** Takes stacks with py-spy; remembers when it needed sudo so later dumps go straight there. */
class PySpyCapturer {
    tool;
    viaSudo = false;
    /** attaching was refused, also through sudo: it will stay refused */
    refused = false;
    sudo = findOnPath('sudo');
    constructor(tool) {
        this.tool = tool;
    }
    describe() {
        return `py-spy ${this.tool.version} (${this.tool.path}, ${this.tool.origin}${this.viaSudo ? ', run with sudo' : ''})`;
    }
    /** Dumps every Python process of the app at once. */
    sample(app, takenAtMs) {
        return sampleEachPython(app, takenAtMs, async (pid, cwd) => {
            const outcome = await this.dumpOne(pid);
            if ('reason' in outcome)
                return outcome;
            try {
                return {
                    threads: parsePySpyDump(outcome.output, { pid, ...(cwd ? { cwd } : {}) }),
                    raw: { output: outcome.output }
                };
            }
            catch (error) {
                const reason = error instanceof DumpFormatError ? error.message : String(error);
                return { reason: `unreadable py-spy output: ${reason}` };
            }
        });
    }
    async dumpOne(pid) {
        const args = ['dump', '--pid', String(pid), '--json'];
        let result = this.viaSudo
            ? await this.runSudo(args)
            : await runCommand(this.tool.path, args, { timeoutMs: DUMP_TIMEOUT_MS });
        if (result.code !== 0 && !this.viaSudo && PERMISSION.test(`${result.stderr}${result.stdout}`)) {
            if (!this.sudo) {
                this.refused = true;
                return {
                    reason: `py-spy was refused permission to attach (${firstErrorLine(result)}), and sudo is not available`
                };
            }
            const retry = await this.runSudo(args);
            if (retry.code !== 0) {
                this.refused = true;
                return {
                    reason: `py-spy was refused permission to attach (${firstErrorLine(result)}), and \`sudo -n\` failed too (${firstErrorLine(retry)})`
                };
            }
            this.viaSudo = true;
            result = retry;
        }
        if (result.code !== 0)
            return { reason: `py-spy dump failed: ${firstErrorLine(result)}` };
        try {
            return { output: JSON.parse(result.stdout) };
        }
        catch {
            return { reason: `py-spy printed no JSON: ${result.stdout.slice(0, 200)}` };
        }
    }
    runSudo(args) {
        return runCommand(this.sudo ?? 'sudo', ['-n', this.tool.path, ...args], { timeoutMs: DUMP_TIMEOUT_MS });
    }
}
/**
 * Takes stacks through the faulthandler hook (faulthandler-hook.ts): signals
 * each Python process that registered it and reads what it wrote. Needs no
 * ptrace, no sudo and no install.
 */
class FaulthandlerCapturer {
    hook;
    why;
    logger;
    constructor(hook, 
    /** why this capture is used, for the report */
    why, logger) {
        this.hook = hook;
        this.why = why;
        this.logger = logger;
    }
    describe() {
        return `faulthandler (${this.why})`;
    }
    sample(app, takenAtMs) {
        return sampleEachPython(app, takenAtMs, async (pid, cwd) => {
            const file = stacksFileOf(this.hook, pid);
            let before;
            try {
                before = external_node_fs_.statSync(file).size;
            }
            catch {
                return {
                    reason: 'the process did not load the faulthandler hook (does start-command replace PYTHONPATH, or run python -I or -S?)'
                };
            }
            const mainThreadRunning = (0,process_table/* threadState */.QY)(pid) === 'R';
            try {
                process.kill(pid, STACKS_SIGNAL);
            }
            catch (error) {
                return { reason: `could not signal the process: ${error.message}` };
            }
            const text = await newOutput(file, before);
            if (text === '')
                return { reason: `no faulthandler output within ${FAULTHANDLER_TIMEOUT_MS} ms` };
            // faulthandler stops after 100 threads, newest first: the main thread (the loop) may be past them
            if (/^\.\.\.$/m.test(text)) {
                this.logger.warning(`Process ${pid} has more than 100 threads, the most faulthandler prints; the event loop thread may be missing from its stacks (py-spy has no such limit).`);
            }
            const threads = faulthandler_dump_parseFaulthandlerDump(text, { pid, ...(cwd ? { cwd } : {}), mainThreadRunning });
            return { threads, raw: { format: 'faulthandler', output: text, mainThreadRunning } };
        });
    }
}
/** What was appended to the file after `offset`, once it stops growing. */
async function newOutput(file, offset) {
    const deadline = performance.now() + FAULTHANDLER_TIMEOUT_MS;
    let size = offset;
    let stableSince = 0;
    while (performance.now() < deadline) {
        await (0,promises_.setTimeout)(FAULTHANDLER_POLL_MS);
        const now = external_node_fs_.statSync(file).size;
        if (now !== size) {
            size = now;
            stableSince = performance.now();
        }
        else if (size > offset && performance.now() - stableSince >= 2 * FAULTHANDLER_POLL_MS) {
            break;
        }
    }
    if (size <= offset)
        return '';
    const fd = external_node_fs_.openSync(file, 'r');
    try {
        const buffer = Buffer.alloc(size - offset);
        external_node_fs_.readSync(fd, buffer, 0, buffer.length, offset);
        return buffer.toString('utf8');
    }
    finally {
        external_node_fs_.closeSync(fd);
    }
}
/**
 * Chooses how to take each sample: py-spy when it is at hand and can attach,
 * otherwise the faulthandler hook (capture: auto); or only one of them. Never
 * waits for a py-spy install when the hook can answer now.
 */
class CaptureChain {
    options;
    pySpy;
    /** why py-spy is not used, once that is known */
    pySpyProblem;
    used;
    /** once a process of the app has loaded the hook, it stays loaded */
    hookSeen = false;
    constructor(options) {
        this.options = options;
        if (options.mode === 'faulthandler')
            this.pySpyProblem = 'capture: faulthandler';
    }
    /**
     * Starts finding (or installing) py-spy as the app starts, so that a hang
     * finds it ready: on PATH at once, while the app imports; in the app's own
     * environment, or by an install, once it has answered (its interpreters
     * run by then), and only if it does.
     */
    prepare(app, answered) {
        if (this.options.mode === 'faulthandler')
            return;
        void this.options.pySpy.find(async () => ((await answered) ? appInterpreters(app) : undefined));
    }
    /** What the report must say about the py-spy it got: an unchecked download, a refused one. */
    get warnings() {
        return this.options.pySpy.warnings;
    }
    /** A sample can be taken now without waiting for an install. */
    get ready() {
        return this.options.pySpy.found !== undefined || this.hookLoaded();
    }
    /** How the stacks were taken, for the report; undefined before any sample. */
    describe() {
        return this.used?.describe();
    }
    /** Why no stacks could be taken, when that is so. */
    get problem() {
        if (this.options.hook && !this.hookLoaded()) {
            const hook = "the app's interpreters did not load the faulthandler hook (does start-command replace PYTHONPATH, or run python -I or -S?)";
            return this.pySpyProblem && this.options.mode !== 'faulthandler' ? `${this.pySpyProblem}; and ${hook}` : hook;
        }
        return this.pySpyProblem;
    }
    /** Some process of the app registered the faulthandler hook (it creates its stacks file at start). */
    hookLoaded() {
        const hook = this.options.hook;
        if (!hook || this.hookSeen)
            return this.hookSeen;
        try {
            this.hookSeen = external_node_fs_.readdirSync(hook.stacksDir).length > 0;
        }
        catch {
            // not there yet
        }
        return this.hookSeen;
    }
    /** One sample; waits at most `waitForInstallMs` for a py-spy still being installed when nothing else can answer. */
    async take(app, takenAtMs, waitForInstallMs = 0) {
        const hookLoaded = this.hookLoaded();
        if (this.pySpyProblem === undefined) {
            // py-spy sees every thread (faulthandler at most 100 per process) and whether each runs:
            // worth a short wait while it is still being looked for, but not a whole install
            const wait = hookLoaded ? PREFER_PY_SPY_WAIT_MS : waitForInstallMs;
            const { found, underWay } = this.options.pySpy;
            const lookup = found ?? (underWay ? await waitAtMost(wait, underWay) : undefined);
            if (lookup && 'tool' in lookup) {
                this.pySpy ??= new PySpyCapturer(lookup.tool);
                const taken = await this.pySpy.sample(app, takenAtMs);
                if (taken.sample.processes.length > 0 || !hookLoaded) {
                    this.used = this.pySpy;
                    return taken;
                }
                const reason = `py-spy could not take the stacks: ${taken.sample.failures[0]?.reason ?? 'no output'}`;
                // refused permission stays refused; anything else may pass (a dump under heavy load), so only this sample falls back
                if (this.pySpy.refused)
                    this.pySpyProblem = reason;
                else
                    this.options.logger.warning(`${reason}; this sample is taken with faulthandler`);
                return this.faulthandlerSample(app, takenAtMs, reason);
            }
            if (lookup && 'unavailable' in lookup)
                this.pySpyProblem = lookup.unavailable;
        }
        if (!hookLoaded)
            return undefined;
        return this.faulthandlerSample(app, takenAtMs, this.pySpyProblem ?? 'py-spy was still being looked for or installed');
    }
    faulthandlerSample(app, takenAtMs, why) {
        const hook = this.options.hook;
        this.used = new FaulthandlerCapturer(hook, why, this.options.logger);
        return this.used.sample(app, takenAtMs);
    }
}

;// CONCATENATED MODULE: ./src/engine/triage.ts
// The conductor: the order of a run and nothing else. Start the app (or
// attach to it) and wait for health, find the routes (named, or by
// discovery), check each in turn (route-check.ts), stop the app, and hand
// back what was observed with the stacks written as evidence. It knows
// nothing of GitHub or of the terminal; the judging is investigation.ts's.













const LOG_TAIL_LINES = 40;
/** How long a start again waits for the stopped app's port to come free. */
const PORT_FREE_WITHIN_MS = 5000;
function runTriage(options) {
    return new TriageRun(options).run();
}
/**
 * The route loop's rules: routes past max-routes are cut, and once a route
 * leaves the app hung, crashed or failing, the app is started again (when
 * `restart` can) and the rest are checked on it; when it cannot, the rest
 * are not checked. What was not checked, with why.
 */
async function checkInTurn(checks, maxRoutes, check, restart) {
    const notChecked = [];
    let leftBy;
    for (const [index, c] of checks.entries()) {
        if (index >= maxRoutes) {
            notChecked.push({ route: c.route, reason: `max-routes (${maxRoutes}) cut it; raise max-routes to check it` });
            continue;
        }
        if (leftBy) {
            notChecked.push({ route: c.route, reason: leftBy });
            continue;
        }
        await check(c);
        const broken = leftBroken(c);
        // the last route checked needs no app after it
        const more = checks.slice(index + 1, maxRoutes).length > 0;
        if (broken && more)
            leftBy = restart ? await restart(c) : broken;
    }
    return notChecked;
}
/** One app, started (or attached to) once, and every route checked on it. */
class TriageRun {
    options;
    settings;
    logger;
    started = performance.now();
    appLogPath;
    app;
    startupMs;
    warnings = [];
    /** every sample kept as evidence (of slow probes and of unanswered ones), with py-spy's or faulthandler's output */
    taken = [];
    captureWarnings = new Set();
    capture;
    appEnv;
    /** the checks made, in order; a route discovery sniffed has its check from the sniff on */
    checks = [];
    notChecked = [];
    discovery;
    restarts = [];
    shard;
    /** a route left the app hung, crashed or failing, and it was not started again */
    broken = false;
    constructor(options) {
        this.options = options;
        this.settings = options.settings;
        this.logger = options.logger;
        this.appLogPath = external_node_path_.join(options.workDir, 'app.log');
        // the faulthandler hook goes in at the start: it must be loaded by the app's interpreters
        // (an app that runs already cannot be given it)
        const hook = this.settings.capture === 'py-spy' || options.attachPid !== undefined
            ? undefined
            : installFaulthandlerHook(options.scratchDir, options.env);
        this.appEnv = hook ? { ...options.env, ...hook.env } : options.env;
        this.capture = new CaptureChain({
            mode: this.settings.capture,
            pySpy: options.pySpy,
            logger: this.logger,
            ...(hook ? { hook } : {})
        });
    }
    at() {
        return performance.now() - this.started;
    }
    async run() {
        let failed;
        let worst = 'healthy';
        let verdictAtMs;
        let stop = { terminated: 0, killed: 0, survivors: [] };
        try {
            failed = await this.conclude();
            verdictAtMs = this.at();
            worst = failed?.verdict ?? worstOf(this.checks)?.verdict ?? 'healthy';
            const slow = this.checks.reduce((n, c) => n + c.slowProbes.length, 0);
            // a run whose probes all answered may still have stalled: the analysis judges its slow probes
            const judged = worst === 'healthy' && slow > 0 ? `healthy or stalled: ${slow} slow probe(s) to judge` : worst;
            this.logger.info(`Reached the verdict (${judged}) after ${formatDuration(verdictAtMs)}; stopping the app`);
        }
        finally {
            // a hung loop cannot run its shutdown handlers; there is no point in a long grace
            // an app we attached to is someone else's: it is left running
            if (this.app && this.options.attachPid === undefined) {
                // the app as it is now: started again after a hang, it may answer
                stop = await this.stop(this.app, this.options.disposable ? 0 : stopGraceMs(this.broken ? worst : 'healthy'));
            }
        }
        return this.assemble(failed, verdictAtMs, stop);
    }
    /** The run: the app up, the routes found, each route checked. A Conclusion only when the app never came up. */
    async conclude() {
        const { settings, logger, options } = this;
        const app = await startOrAttach({
            settings,
            logger,
            env: this.appEnv,
            logPath: this.appLogPath,
            ...(options.attachPid !== undefined ? { attachPid: options.attachPid } : {})
        });
        if ('verdict' in app)
            return app;
        const answering = this.answered(app);
        // find (or install) py-spy while the app starts and the routes are checked, so that a hang finds it ready
        const up = answering.then(failed => failed === undefined, () => false);
        this.capture.prepare(app, up);
        const startup = await answering;
        if (startup)
            return startup;
        this.startupMs = this.at();
        logger.info(`The app answered ${settings.healthPath} after ${formatDuration(this.startupMs)}`);
        const context = this.routeContext();
        const restart = brokenBy => this.restart(brokenBy);
        let routes = shareOf(settings.routes, settings.shard).map(route => new RouteCheck(context, route, true));
        if (settings.shard)
            this.shard = { ...settings.shard, routes: routes.length, total: settings.routes.length };
        if (settings.routes.length === 0) {
            const found = await discoverRoutes(context, restart);
            this.discovery = found.discovery;
            // a sniff that troubled the loop is a finding of its own, judged with the rest
            this.checks.push(...found.troubled);
            this.notChecked.push(...found.notChecked);
            this.broken = found.appBroken;
            routes = found.toCheck;
            if (settings.shard)
                this.shard = { ...settings.shard, routes: found.candidates.mine, total: found.candidates.total };
        }
        if (options.listOnly)
            return undefined;
        const notChecked = await checkInTurn(routes, settings.maxRoutes, async (check) => {
            if (!this.checks.includes(check))
                this.checks.push(check);
            await check.check();
            this.broken = leftBroken(check) !== undefined;
        }, restart);
        this.notChecked.push(...notChecked);
        await this.watchIdle(context);
        return undefined;
    }
    /**
     * After a route left the app hung, crashed or failing (its stacks taken):
     * stops it and everything it spawned, starts it again with the same
     * command and waits for health, so that the routes after it are checked.
     * Undefined when it answers again; else why they cannot be.
     */
    async restart(brokenBy) {
        const { settings, logger, options } = this;
        const what = routeLabel(brokenBy.route);
        const left = leftBroken(brokenBy) ?? '';
        if (settings.restart === 'never')
            return `${left} (restart: never)`;
        if (options.attachPid !== undefined)
            return `${left}; an app attached to (--pid) is not started again`;
        const neededMs = restartBoundMs(settings) + routeBoundMs(settings) + TIME_MARGIN_MS;
        if (options.deadlineMs !== undefined && performance.now() + neededMs > options.deadlineMs) {
            this.restarts.push({ after: what, failed: 'no time left for another start' });
            return `${left}, and no time left for another start`;
        }
        if (this.app)
            await this.stop(this.app, stopGraceMs(brokenBy.verdict));
        logger.info(`Starting the app again: ${what} left it ${brokenBy.verdict}`);
        external_node_fs_.appendFileSync(this.appLogPath, `\n--- backend-hang-debug: the app is started again (${what} left it ${brokenBy.verdict}) ---\n`);
        // the port the stopped app listened on may take a moment to come free
        const app = await startOrAttach({
            settings,
            logger,
            env: this.appEnv,
            logPath: this.appLogPath,
            portFreeWithinMs: PORT_FREE_WITHIN_MS
        });
        const failed = 'verdict' in app ? app : await this.answered(app);
        if (failed) {
            this.restarts.push({ after: what, failed: failed.headline });
            logger.warning(`The app could not be started again after ${what}: ${failed.headline}`);
            return `${left}, and could not be started again: ${failed.headline}`;
        }
        this.broken = false;
        this.restarts.push({ after: what, answeredAtMs: this.at() });
        return undefined;
    }
    /**
     * The app just started (or attached to): tracked for cleanup when it is
     * ours, then waited for until it answers; a Conclusion when it never does.
     */
    async answered(app) {
        this.app = app;
        if (this.options.attachPid === undefined)
            this.options.onAppStarted?.({ pid: app.pid, marker: app.marker });
        return waitUntilHealthy(app, this.settings, this.logger);
    }
    /**
     * The rest of min-watch, watched idle: a background task that blocks the
     * loop every few seconds is seen even when the checks were quick. Not once
     * a route left the app broken: that is the run's finding already.
     */
    async watchIdle(context) {
        const { settings } = this;
        if (settings.minWatchMs === 0 || this.startupMs === undefined || this.broken)
            return;
        const remainingMs = this.startupMs + settings.minWatchMs - this.at();
        if (remainingMs <= 0)
            return;
        const idle = new RouteCheck(context, IDLE_ROUTE, false);
        this.checks.push(idle);
        await idle.watchIdle(remainingMs);
    }
    /** What a route check may use of this run: the app as it runs now (started again after a route broke it). */
    routeContext() {
        const { settings, options } = this;
        const current = () => {
            if (!this.app)
                throw new Error('no app runs');
            return this.app;
        };
        const watch = {
            healthUrl: settings.baseUrl + settings.healthPath,
            timeoutMs: settings.healthTimeoutMs,
            stallThresholdMs: settings.stallThresholdMs,
            // only a capture that can answer now: waiting for an install would hold up a probe that answers
            sample: () => (this.capture.ready ? this.takeSample(current()) : Promise.resolve(undefined)),
            clock: () => this.at(),
            onProbeSent: (phase, cycle) => options.onProgress?.({ kind: 'probe-sent', phase, cycle, timeoutMs: settings.healthTimeoutMs }),
            onProbeAnswered: probe => options.onProgress?.({
                kind: 'probe-answered',
                phase: probe.phase,
                cycle: probe.cycle,
                outcome: probe.outcome,
                latencyMs: probe.latencyMs
            })
        };
        return {
            settings,
            logger: this.logger,
            watch,
            get app() {
                return current();
            },
            takeSample: waitForInstallMs => this.takeSample(current(), waitForInstallMs),
            keepEvidence: taken => this.taken.push(...taken),
            captureProblem: () => this.capture.problem,
            progress: event => options.onProgress?.(event)
        };
    }
    async takeSample(app, waitForInstallMs = 0) {
        const taken = await this.capture.take(app, this.at(), waitForInstallMs);
        for (const failure of taken?.sample.failures ?? []) {
            // a slow probe is sampled every 100–200 ms: say each failure once, not once a sample
            const warning = `Could not capture pid ${failure.pid} (${failure.command}): ${failure.reason}`;
            if (this.captureWarnings.has(warning))
                continue;
            this.captureWarnings.add(warning);
            this.logger.warning(warning);
        }
        return taken;
    }
    async stop(app, graceMs) {
        const before = this.at();
        const stop = await (0,app_process/* stopApp */.cR)(app, graceMs);
        if (stop.survivors.length > 0)
            this.warnings.push(`Processes ${stop.survivors.join(', ')} of the app survived SIGKILL.`);
        this.logger.debug(`stopped the app in ${formatDuration(this.at() - before)}: ${JSON.stringify(stop)}`);
        return stop;
    }
    /** The result of the run, and the stacks written as evidence. */
    assemble(failed, verdictAtMs, stop) {
        const method = this.capture.describe() ?? 'none';
        const routes = this.checks.map(check => check.assemble(verdictAtMs, this.startupMs, method));
        const dumpPath = writeStacks(this.options.workDir, method, this.taken);
        this.warnings.push(...this.capture.warnings);
        const worst = worstOf(routes);
        const appExit = failed?.extra?.appExit ?? routes.find(r => r.appExit)?.appExit;
        const run = {
            verdict: failed?.verdict ?? worst?.verdict ?? 'healthy',
            headline: failed?.headline ?? worst?.headline ?? 'No route was checked.',
            ...(worst && !failed ? { decisive: routes.indexOf(worst) } : {}),
            routes,
            notChecked: this.notChecked,
            ...(this.discovery ? { discovery: this.discovery } : {}),
            ...(this.startupMs !== undefined ? { startupMs: this.startupMs } : {}),
            verdictAtMs,
            healthTimeoutMs: this.settings.healthTimeoutMs,
            ...(appExit ? { appExit } : {}),
            appLogPath: this.appLogPath,
            appLogTail: (0,app_process/* readLogTail */.Ty)(this.appLogPath, LOG_TAIL_LINES),
            warnings: this.warnings,
            ...(this.restarts.length > 0 ? { restarts: this.restarts } : {}),
            ...(this.shard ? { shard: this.shard } : {})
        };
        return { run, stop, ...(dumpPath ? { dumpPath } : {}) };
    }
}

;// CONCATENATED MODULE: ./src/engine/investigation.ts
// One whole investigation, shared by the action and the command line: run
// the engine, judge each route (its stalls, its verdict, its diagnosis and
// the fix built from the code), try the fix of the route that set the run's
// verdict, render the report, and keep the evidence as files. The entry files
// decide only where the results go (runner outputs, job summary and PR
// comment, or the terminal).

















/** Runs the engine and judges what it saw: each route's stalls, verdict and diagnosis, and the run's verdict. */
async function observe(options) {
    const { settings } = options;
    const outcome = await runTriage(options);
    const samples = outcome.run.routes.flatMap(r => [
        ...(r.capture?.samples ?? []),
        ...r.slowProbes.flatMap(s => s.samples)
    ]);
    const scope = codeScope(settings.workingDirectory, samples);
    const readLines = sourceReader();
    // a route discovery found not to stream stays only for the trouble its sniff caused
    const routes = outcome.run.routes
        .map(result => judgeRoute(result, settings, scope, readLines))
        .filter(f => f.result.streams || f.result.verdict !== 'healthy');
    const run = judgedRun(outcome.run, routes.map(f => f.result), settings.healthPath);
    const decisive = run.decisive === undefined ? undefined : routes[run.decisive];
    return { outcome, run, routes, ...(decisive ? { decisive } : {}), scope, readLines };
}
/** A route's stalls weighed (a healthy route that stalled is stalled), and its diagnosis when it hung or stalled. */
function judgeRoute(observed, settings, scope, readLines) {
    const judged = judgeStalls(observed, scope, readLines);
    const result = withStalls(observed, judged.map(j => j.stall), settings);
    let diagnosis;
    if (result.verdict === 'hung')
        diagnosis = diagnose({ samples: observed.capture?.samples ?? [], scope, readLines });
    if (result.verdict === 'stalled') {
        const longest = longestStall(result.stalls);
        diagnosis = judged.find(j => j.stall === longest)?.diagnosis;
    }
    return { result, ...(diagnosis ? { diagnosis, fix: proposeFix(diagnosis, scope, readLines) } : {}) };
}
/**
 * Tries a route's fix in a scratch copy of the app, with the cycles, up to the one that showed the problem, on
 * that route alone (verify-fix: auto, when the change is a mechanical edit),
 * within the run's time bound, which says when there is no time left. Its
 * evidence goes to `folder` in the evidence directory (verify-fix/ for the
 * route that set the verdict).
 */
async function verify(options, finding, 
/** the trial's own folder in the evidence and the scratch directories */
folder) {
    const { settings } = options;
    const fix = finding?.fix;
    if (!finding || !fix?.primary || settings.verifyFix === 'never' || options.listOnly)
        return undefined;
    if (finding.result.route.found === 'idle') {
        return {
            applied: [],
            skipped: 'the loop was blocked while no request of ours ran (min-watch), which a check of one route cannot bring about again',
            durationMs: 0
        };
    }
    if (options.attachPid !== undefined) {
        return {
            applied: [],
            skipped: 'the app was attached to (--pid), not started by this run, so a copy of it cannot be started',
            durationMs: 0
        };
    }
    const workDir = external_node_path_.join(options.workDir, folder);
    const scratchDir = external_node_path_.join(options.scratchDir, folder);
    external_node_fs_.mkdirSync(workDir, { recursive: true });
    options.logger.info(`Trying the change in a scratch copy of the app: ${plainText(fix.primary.summary)}`);
    // the route alone: the idle watch is the original run's, and would only lengthen the trial
    // and only as many cycles as it took to show the problem: one, when it showed in cycle 1
    const once = { ...settings, routes: [finding.result.route], minWatchMs: 0, cycles: cyclesToShow(finding.result) };
    return tryFix({
        appRoot: settings.workingDirectory,
        change: fix.primary,
        scratchDir,
        runBoundMs: timeBoundMs(once) - TIME_MARGIN_MS,
        ...(options.deadlineMs !== undefined ? { deadlineMs: options.deadlineMs } : {}),
        run: async (appRoot) => {
            // the same route, on the copy: a new app of its own, watched by the same guard
            const tried = await observe({
                ...(options.onAppStarted ? { onAppStarted: options.onAppStarted } : {}),
                pySpy: options.pySpy,
                settings: { ...once, workingDirectory: appRoot },
                disposable: true,
                workDir,
                scratchDir: external_node_path_.join(scratchDir, 'run'),
                // the copy links the user's virtualenv: nothing may be written into it
                env: { ...options.env, PYTHONDONTWRITEBYTECODE: '1' },
                logger: prefixed(options.logger, 'verify-fix: ')
            });
            const route = tried.decisive ?? tried.routes[0];
            return {
                verdict: tried.run.verdict,
                headline: tried.run.headline,
                slowestProbeMs: route ? slowestLatencyMs(route.result) : 0,
                probes: route ? probesOf(route.result).length : 0,
                ...(tried.decisive?.diagnosis
                    ? { pattern: tried.decisive.diagnosis.pattern, culprit: culpritLabel(tried.decisive.diagnosis) }
                    : {})
            };
        }
    });
}
/** The cycles a route's problem took to show: the hang's, or the first stall's; at least one. */
function cyclesToShow(result) {
    const first = Math.min(result.hang?.cycle ?? Infinity, ...result.stalls.map(s => s.cycle));
    return Math.max(1, Math.min(result.cyclesPlanned, first));
}
function prefixed(logger, prefix) {
    return {
        info: message => logger.info(prefix + message),
        warning: message => logger.warning(prefix + message),
        debug: message => logger.debug(prefix + message)
    };
}
async function investigate({ pySpyPins, ...options }) {
    const { settings, workDir } = options;
    const pySpy = new PySpySupply({
        setting: settings.pySpy,
        install: { pins: pySpyPins ?? PINNED_PY_SPY, version: settings.pySpyVersion },
        installDir: external_node_path_.join(options.scratchDir, 'py-spy'),
        logger: options.logger
    });
    const triage = { ...options, pySpy };
    let judged;
    try {
        judged = await observe(triage);
        // the fix of every broken route is tried, the decisive one's first, each in a scratch copy of its own
        const { routes, decisive } = judged;
        const broken = [...(decisive ? [decisive] : []), ...routes.filter(r => r !== decisive && r.fix?.primary)];
        for (const [index, finding] of broken.entries()) {
            const folder = index === 0 ? 'verify-fix' : `verify-fix-${index + 1}`;
            const verification = await verify(triage, finding, folder);
            if (!verification)
                continue;
            // still blocked: honest, and with the next best change
            const next = finding.fix ? nextStep(finding.diagnosis, finding.fix, verification) : undefined;
            finding.verification = next ? { ...verification, next } : verification;
        }
    }
    finally {
        // nothing is left to take stacks of: an install still running is not waited for
        await pySpy.close();
    }
    const { outcome, run, routes, decisive, scope } = judged;
    // one redaction for every place the report goes: file, log, summary, comment, terminal
    const report = redact(renderReport({ run, routes, healthPath: settings.healthPath, links: options.links(scope.appRoot) }), options.secrets);
    const files = {
        report: external_node_path_.join(workDir, 'report.md'),
        result: external_node_path_.join(workDir, 'result.json'),
        appLog: run.appLogPath,
        ...(outcome.dumpPath ? { dump: outcome.dumpPath } : {})
    };
    external_node_fs_.writeFileSync(files.report, report);
    const investigation = {
        outcome,
        run,
        routes,
        ...(decisive ? { decisive } : {}),
        healthPath: settings.healthPath,
        report,
        files
    };
    external_node_fs_.writeFileSync(files.result, redact(JSON.stringify(resultDocument(investigation), null, 2), options.secrets));
    return investigation;
}

;// CONCATENATED MODULE: ./src/engine/guarded-run.ts
// One investigation under guard, as both entries run it (the action and the
// command line): fresh run directories, the watchdog bound from the settings,
// the app stopped on cancellation, and the app's environment without what
// is the runner's alone.




/** Runs the investigation within the watchdog's bound; a run that throws still leaves the guard done. */
async function guardedInvestigation({ tempDir, env, warn, fail, exitCode, onAppStarted, ...options }) {
    const { workDir, scratchDir } = makeRunDirs(tempDir);
    const boundMs = watchdogBoundMs(timeBoundMs(options.settings), env);
    const deadlineMs = performance.now() + boundMs;
    const guard = guardAgainstCancellation({ boundMs, warn, fail, ...(exitCode !== undefined ? { exitCode } : {}) });
    let investigation;
    try {
        investigation = await investigate({
            ...options,
            workDir,
            scratchDir,
            deadlineMs,
            env: appEnvironment(env),
            onAppStarted: (app) => {
                guard.track(app);
                onAppStarted?.(app);
            }
        });
    }
    finally {
        guard.done();
    }
    return { workDir, cancelled: guard.cancelled, investigation };
}
/**
 * The app's environment: the step's, minus what the runner gives only to this
 * action. The inputs (github-token among them) and the runtime tokens must
 * not reach the code under test, which may come from an untrusted PR.
 */
function appEnvironment(env) {
    const hidden = /^(INPUT_|STATE_|ACTIONS_RUNTIME_|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_CACHE_URL$|ACTIONS_RESULTS_URL$)/;
    return Object.fromEntries(Object.entries(env).filter(([name]) => !hidden.test(name)));
}

;// CONCATENATED MODULE: ./src/report/fit-to-limit.ts
// Cutting a report to GitHub's size limit for a comment or an issue body:
// the collapsed sections go first, the verdict, culprit and fix always stay.
/** The top-level `<details>` blocks and Mermaid charts, by line, outside code fences. */
function droppableBlocks(lines) {
    const blocks = [];
    let fence = '';
    let depth = 0;
    let open;
    lines.forEach((line, i) => {
        const fenceMatch = /^(`{3,})/.exec(line);
        if (fence === '' && fenceMatch && line.startsWith('```mermaid') && depth === 0) {
            open = { start: i, end: i, summary: 'the latency chart' };
        }
        if (fenceMatch) {
            if (fence === '')
                fence = fenceMatch[1];
            else if (line.trim() === fence) {
                fence = '';
                if (open && open.summary === 'the latency chart' && depth === 0) {
                    blocks.push({ ...open, end: i });
                    open = undefined;
                }
            }
            return;
        }
        if (fence !== '')
            return;
        const opens = (line.match(/<details[\s>]/g) ?? []).length;
        const closes = (line.match(/<\/details>/g) ?? []).length;
        if (depth === 0 && opens > 0)
            open = { start: i, end: i, summary: 'a section' };
        if (open && depth === 1 && open.summary === 'a section') {
            const summary = /<summary>(.*?)<\/summary>/.exec(line);
            if (summary)
                open.summary = summary[1];
        }
        depth += opens - closes;
        if (open && depth === 0 && closes > 0) {
            blocks.push({ ...open, end: i });
            open = undefined;
        }
    });
    return blocks;
}
/**
 * The report cut to at most `limit` characters for a comment or an issue:
 * the collapsed sections (stacks, other threads, app output) and the chart go
 * first, from the end, each replaced by a line that says so; the verdict, the
 * culprit and the fix come before them and stay. Only when that is not enough
 * is the rest cut at a line, with any open code block closed.
 */
function fitToLimit(markdown, limit, fullReportAt) {
    if (markdown.length <= limit)
        return markdown;
    const note = `\n\n> ✂️ This report was cut to fit GitHub's size limit. The full report: ${fullReportAt}.\n`;
    let lines = markdown.split('\n');
    const size = () => lines.join('\n').length + note.length;
    for (const block of droppableBlocks(lines).reverse()) {
        if (size() <= limit)
            break;
        lines = [
            ...lines.slice(0, block.start),
            `_(${block.summary.replace(/<[^>]+>/g, '')}: cut, see the full report)_`,
            ...lines.slice(block.end + 1)
        ];
    }
    let text = lines.join('\n');
    if (text.length + note.length > limit) {
        text = text.slice(0, Math.max(0, limit - note.length - 10));
        text = text.slice(0, Math.max(0, text.lastIndexOf('\n')));
        const fences = text.split('\n').filter(line => /^`{3,}/.test(line)).length;
        if (fences % 2 === 1)
            text += '\n```';
    }
    return text.trimEnd() + note;
}

;// CONCATENATED MODULE: ./src/github/publish.ts
// Where a report goes on GitHub and what it says there: the sticky pull
// request comment (turned green in place when the hang is fixed), and the
// tracking issue of scheduled runs (opened once, updated, closed when healthy
// again). The API itself sits behind GitHubPort, so this logic runs against
// any implementation (rest-client.ts talks to the real API); the suggestion
// on the diff is suggestion.ts's.

/** GitHub's limit on a comment's or an issue's body, in characters. */
const BODY_LIMIT = 65_536;
const TRACKING_LABEL = 'hang-regression';
const MARKER = /<!-- backend-hang-debug:report key="([\w.-]*)" state="([\w-]+)"(?: since="([0-9a-f]{7,40})")? -->/;
function markerLine(marker) {
    return `<!-- backend-hang-debug:report key="${marker.key}" state="${marker.state}"${marker.since ? ` since="${marker.since}"` : ''} -->`;
}
function readMarker(body) {
    const match = MARKER.exec(body);
    return match
        ? { key: match[1], state: match[2], ...(match[3] ? { since: match[3] } : {}) }
        : undefined;
}
/** A report from elsewhere must not carry a marker of its own (it would be taken for ours). */
function withoutMarkers(text) {
    return text.replace(/<!-- backend-hang-debug:[^>]*-->/g, '');
}
const PREVIOUS_START = '<!-- backend-hang-debug:previous -->';
const PREVIOUS_END = '<!-- backend-hang-debug:previous-end -->';
/** Ours: the marker with our key, written by the token's identity, or by a bot when that is unknown (anyone can paste a marker). */
function isOurs(body, author, key, identity) {
    const byUs = identity === undefined ? author.bot : author.login === identity;
    return byUs && readMarker(body)?.key === key;
}
function cut(markdown, fullReportAt) {
    return fitToLimit(markdown, BODY_LIMIT - 400, fullReportAt);
}
/** A report as a comment's or an issue's body: our marker, then the report cut to GitHub's limit. */
function reportBody(marker, markdown, fullReportAt) {
    return `${markerLine(marker)}\n${cut(withoutMarkers(markdown), fullReportAt)}`;
}
/** The report's one-line headline: its first line that is not a heading. */
function headlineOf(markdown) {
    return markdown.split('\n').find(line => line.trim() !== '' && !line.startsWith('#')) ?? '';
}
/** The body of a green comment: no hang since a commit, with the last diagnosis kept collapsed. */
function greenBody(key, since, facts, previous) {
    const short = since.slice(0, 7);
    const checked = facts.sha === since
        ? ''
        : ` Last checked at \`${facts.sha.slice(0, 7)}\`${facts.runUrl ? ` ([run](${facts.runUrl}))` : ''}.`;
    return [
        markerLine({ key, state: 'healthy', since }),
        `## ✅ backend-hang-debug: no hang since \`${short}\``,
        '',
        `${headlineOf(facts.markdown)}${checked}`,
        '',
        PREVIOUS_START,
        previous,
        PREVIOUS_END,
        ''
    ].join('\n');
}
/** The earlier diagnosis, collapsed, from a comment: its own collapsed part when it is green already. */
function previousDiagnosis(body) {
    const start = body.indexOf(PREVIOUS_START);
    const end = body.indexOf(PREVIOUS_END);
    if (start >= 0 && end > start)
        return body.slice(start + PREVIOUS_START.length, end).trim();
    const report = withoutMarkers(body).trim();
    const title = report.split('\n')[0]?.replace(/^#+\s*/, '') ?? 'the earlier report';
    return `<details>\n<summary>Previous diagnosis: ${title}</summary>\n\n${report}\n\n</details>`;
}
/**
 * Creates or updates our comment on a pull request. A run with something to
 * report writes the report; a healthy run turns an earlier report green in
 * place, keeping its diagnosis collapsed, and posts nothing new unless asked to
 * (comment: always).
 */
async function publishToPullRequest(port, pullRequest, facts, options) {
    const identity = await port.identity();
    const comments = await port.listComments(pullRequest);
    const ours = comments.find(c => isOurs(c.body, c.author, options.key, identity));
    let body;
    if (facts.verdict !== 'healthy') {
        body = reportBody({ key: options.key, state: facts.verdict }, facts.markdown, options.fullReportAt);
    }
    else if (ours && readMarker(ours.body)?.state !== 'healthy') {
        body = greenBody(options.key, facts.sha, facts, cut(previousDiagnosis(ours.body), options.fullReportAt));
    }
    else if (ours) {
        const since = readMarker(ours.body)?.since ?? facts.sha;
        body = greenBody(options.key, since, facts, previousDiagnosis(ours.body));
    }
    else if (options.comment === 'always') {
        body = reportBody({ key: options.key, state: 'healthy', since: facts.sha }, facts.markdown, options.fullReportAt);
    }
    else {
        return { action: 'skipped' };
    }
    if (ours)
        return { action: 'updated', url: (await port.updateComment(ours.id, body)).url };
    return { action: 'created', url: (await port.createComment(pullRequest, body)).url };
}
function issueTitle(facts, key) {
    const how = facts.verdict === 'stalled' ? 'stalled' : 'blocked';
    const what = (facts.verdict === 'hung' || facts.verdict === 'stalled') && facts.pattern
        ? `event loop ${how} (${facts.pattern})${facts.culprit ? ` at ${facts.culprit}` : ''}`
        : facts.verdict;
    return `backend-hang-debug: ${what}${key ? ` [${key}]` : ''}`;
}
/**
 * One open issue per key for a regression: opened on the first bad run,
 * updated (not repeated) on later ones, closed with a comment when a run is
 * healthy again.
 */
async function publishToTrackingIssue(port, facts, options) {
    const identity = await port.identity();
    const open = (await port.openIssuesWithLabel(TRACKING_LABEL)).find(i => isOurs(i.body, i.author, options.key, identity));
    if (facts.verdict === 'healthy') {
        if (!open)
            return { action: 'none' };
        const run = facts.runUrl ? ` ([run](${facts.runUrl}))` : '';
        await port.closeIssue(open.number, `✅ Healthy again at \`${facts.sha.slice(0, 7)}\`${run}: ${headlineOf(facts.markdown)}`);
        return { action: 'closed', url: open.url };
    }
    const body = reportBody({ key: options.key, state: facts.verdict }, facts.markdown, options.fullReportAt);
    const title = issueTitle(facts, options.key);
    if (open)
        return { action: 'updated', url: (await port.updateIssue(open.number, title, body)).url };
    await port.ensureLabel(TRACKING_LABEL, 'b60205', 'A scheduled backend-hang-debug run found the app hung, stalled or unhealthy');
    return { action: 'opened', url: (await port.createIssue(title, body, [TRACKING_LABEL])).url };
}
/**
 * pull_request: its comment. schedule: the tracking issue (tracking-issue:
 * auto). workflow_dispatch: the open PR of the branch, if any. Anything else:
 * the job summary only.
 */
function destinationsFor(event, settings) {
    const trackingIssue = settings.trackingIssue === 'always' || (settings.trackingIssue === 'auto' && event.name === 'schedule');
    if (settings.comment === 'never')
        return { trackingIssue };
    if (event.pullRequest !== undefined)
        return { pullRequest: { number: event.pullRequest }, trackingIssue };
    if (event.name === 'workflow_dispatch' && event.branch)
        return { pullRequest: { branch: event.branch }, trackingIssue };
    return { trackingIssue };
}
// ---------------------------------------------------------------- a saved report (fork PRs)
/**
 * The pull request a saved report may be posted to, trusting only what the
 * workflow_run event says: the run's head commit, and the PRs GitHub linked to
 * it (none for a fork, then the open PR whose head is that commit). A report
 * saved for another commit is not posted.
 */
async function savedReportTarget(port, savedHeadSha, run) {
    if (savedHeadSha !== run.headSha) {
        return {
            skip: `The saved report is for ${savedHeadSha.slice(0, 7)}, but the workflow run was for ${run.headSha.slice(0, 7)}; posting nothing.`
        };
    }
    const number = run.pullRequests[0] ?? (await port.openPullRequestWithHead(run.headSha))?.number;
    return number === undefined
        ? { skip: `No open pull request has the head ${run.headSha.slice(0, 7)}; nothing to post.` }
        : { pullRequest: number };
}

;// CONCATENATED MODULE: ./src/inputs/route-lines.ts
// The routes stream-path names, read from its lines.
const ROUTE_LINE = /^(?:([A-Za-z]+)\s+)?(\/\S*)(?:\s+(.+))?$/;
/**
 * The routes stream-path names, one per line: `/path`, `METHOD /path`, and
 * optionally a JSON body after the path. Problems are given to `bad`, one per
 * line; `auto` or nothing names none.
 */
function namedRoutes(text, defaultMethod, bad) {
    const lines = text
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '');
    if (lines.length === 0 || (lines.length === 1 && /^auto$/i.test(lines[0])))
        return [];
    const routes = [];
    for (const line of lines) {
        const match = ROUTE_LINE.exec(line);
        if (!match) {
            bad(line, 'a path that starts with "/", or "METHOD /path", optionally followed by a JSON body, one route per line');
            continue;
        }
        const body = match[3];
        if (body !== undefined) {
            try {
                JSON.parse(body);
            }
            catch {
                bad(line, `a JSON body after the path (${body} is not JSON)`);
                continue;
            }
        }
        routes.push({
            method: (match[1] ?? defaultMethod).toUpperCase(),
            path: match[2],
            ...(body !== undefined ? { body } : {}),
            found: 'named'
        });
    }
    return routes;
}

;// CONCATENATED MODULE: ./src/inputs/inputs.ts
// Turns the raw input strings into one typed, validated Settings object.
// Every problem names the input, the value given and what was expected, and
// all problems are reported together so one edit of the workflow fixes them.






class InputError extends Error {
    problems;
    constructor(problems, what = 'inputs are') {
        super(problems.length === 1
            ? problems[0]
            : `${problems.length} ${what} invalid:\n${problems.map(p => `- ${p}`).join('\n')}`);
        this.problems = problems;
        this.name = 'InputError';
    }
}
/** Below this a slow probe says more about the machine than about the app. */
const MIN_STALL_THRESHOLD_MS = 100;
const HEADER_NAME = /^[!#$%&'*+\-.^_`|~0-9A-Za-z]+$/;
const METHOD = /^[A-Z]+$/;
/**
 * action.yml's defaults, for the command line (the runner applies them for
 * the action); a unit test keeps the two the same.
 */
const INPUT_DEFAULTS = {
    'start-command': 'uvicorn app.main:app --host 127.0.0.1 --port 8000',
    'working-directory': '.',
    'base-url': 'http://127.0.0.1:8000',
    'health-path': '/health',
    'stream-path': 'auto',
    'openapi-path': '/openapi.json',
    'exclude-paths': '',
    'max-routes': '20',
    'stream-method': 'GET',
    'stream-body': '',
    'stream-headers': '',
    'abort-after-events': '1',
    'abort-after': '2s',
    cycles: '3',
    concurrency: '1',
    'health-timeout': '5s',
    'stall-threshold': '500ms',
    settle: '',
    'min-watch': '6s',
    restart: 'auto',
    shard: '',
    'startup-timeout': '60s',
    'py-spy': 'auto',
    'py-spy-version': PINNED_PY_SPY.version,
    capture: 'auto',
    comment: 'auto',
    'comment-key': '',
    'tracking-issue': 'auto',
    'allow-pull-request-target': 'false',
    'post-report': '',
    'merge-results': '',
    'fail-on-hang': 'true',
    'fail-on-stall': 'true',
    'verify-fix': 'auto'
};
function getSettings(read, context) {
    const problems = [];
    const raw = (name) => read(name).trim();
    const label = context.label ?? ((name) => `Input "${name}"`);
    const bad = (name, value, expected) => {
        problems.push(`${label(name)} is ${value === '' ? 'empty' : JSON.stringify(value)}: expected ${expected}.`);
    };
    const required = (name, expected) => {
        const value = raw(name);
        if (value === '')
            bad(name, value, expected);
        return value;
    };
    const duration = (name) => {
        const value = raw(name);
        const ms = parseDuration(value);
        if (ms === undefined || ms <= 0) {
            bad(name, value, 'a duration greater than zero such as 500ms, 5s, 2m, or a number of seconds');
            return 1;
        }
        return ms;
    };
    const count = (name, max) => {
        const value = raw(name);
        const n = /^\d+$/.test(value) ? Number(value) : NaN;
        if (!Number.isInteger(n) || n < 1 || n > max) {
            bad(name, value, `a whole number from 1 to ${max}`);
            return 1;
        }
        return n;
    };
    const oneOf = (name, allowed) => {
        const value = raw(name).toLowerCase();
        if (!allowed.includes(value)) {
            bad(name, raw(name), `one of ${allowed.map(a => `"${a}"`).join(', ')}`);
            return allowed[0];
        }
        return value;
    };
    const boolean = (name) => {
        const value = raw(name);
        if (/^true$/i.test(value))
            return true;
        if (/^false$/i.test(value))
            return false;
        bad(name, value, '"true" or "false"');
        return true;
    };
    const urlPath = (name) => {
        const value = required(name, 'a path that starts with "/", e.g. /health');
        if (value !== '' && (!value.startsWith('/') || /\s/.test(value))) {
            bad(name, value, 'a path that starts with "/" and has no spaces, e.g. /health');
        }
        return value;
    };
    const startCommand = required('start-command', 'the shell command that starts the app, e.g. uvicorn app.main:app --port 8000');
    const workingDirectory = external_node_path_.resolve(context.workspace, raw('working-directory') || '.');
    if (!isDirectory(workingDirectory)) {
        bad('working-directory', raw('working-directory'), `a directory that exists (resolved to ${workingDirectory})`);
    }
    const baseUrl = parseBaseUrl(raw('base-url'), bad, context.localAddresses ?? localAddresses());
    const postReport = raw('post-report') === '' ? '' : external_node_path_.resolve(context.workspace, raw('post-report'));
    const mergeResults = read('merge-results')
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '')
        .map(l => external_node_path_.resolve(context.workspace, l));
    if (postReport !== '' && mergeResults.length > 0)
        bad('merge-results', raw('merge-results'), 'to be empty when post-report is given: a step either posts one saved report or merges result files');
    const healthPath = urlPath('health-path');
    const commentKey = raw('comment-key');
    if (!/^[\w.-]*$/.test(commentKey))
        bad('comment-key', commentKey, 'letters, digits, ".", "_" and "-" only, e.g. py3.12');
    const methodValue = (raw('stream-method') || 'GET').toUpperCase();
    if (!METHOD.test(methodValue))
        bad('stream-method', raw('stream-method'), 'an HTTP method such as GET or POST');
    const streamHeaders = parseHeaderLines(read('stream-headers'), bad);
    // post-report and merge-results modes run nothing: the run's inputs are not read
    const routes = postReport === '' && mergeResults.length === 0
        ? namedRoutes(read('stream-path'), METHOD.test(methodValue) ? methodValue : 'GET', (line, expected) => bad('stream-path', line, expected))
        : [];
    const openapiPath = urlPath('openapi-path');
    const excludePaths = read('exclude-paths')
        .split(/\r?\n/)
        .map(l => l.trim())
        .filter(l => l !== '');
    for (const glob of excludePaths)
        if (!glob.startsWith('/'))
            bad('exclude-paths', glob, 'glob patterns of paths, one per line, each starting with "/", e.g. /admin/*');
    const pySpyValue = raw('py-spy');
    let pySpy;
    if (pySpyValue === '' || pySpyValue.toLowerCase() === 'auto')
        pySpy = { mode: 'auto' };
    else if (pySpyValue.toLowerCase() === 'off')
        pySpy = { mode: 'off' };
    else {
        const resolved = external_node_path_.resolve(context.workspace, pySpyValue);
        if (!isExecutableFile(resolved)) {
            bad('py-spy', pySpyValue, `"auto", "off", or the path of an executable py-spy (${resolved} is not one)`);
        }
        pySpy = { mode: 'path', path: resolved };
    }
    const healthTimeoutMs = duration('health-timeout');
    const stallThresholdMs = duration('stall-threshold');
    const given = (name) => (parseDuration(raw(name)) ?? 0) > 0;
    if (given('stall-threshold') && stallThresholdMs < MIN_STALL_THRESHOLD_MS) {
        bad('stall-threshold', raw('stall-threshold'), `at least ${formatDuration(MIN_STALL_THRESHOLD_MS)}: shorter waits say more about the machine than about the app`);
    }
    else if (given('stall-threshold') && given('health-timeout') && stallThresholdMs >= healthTimeoutMs) {
        bad('stall-threshold', raw('stall-threshold'), `a duration shorter than health-timeout (${formatDuration(healthTimeoutMs)}), where a stall becomes a hang`);
    }
    const settleMs = raw('settle') === '' || raw('settle').toLowerCase() === 'auto' ? undefined : duration('settle');
    const shard = () => {
        const value = raw('shard');
        if (value === '')
            return {};
        const match = /^(\d+)\s*\/\s*(\d+)$/.exec(value);
        const index = Number(match?.[1]);
        const count = Number(match?.[2]);
        if (!match || index < 1 || index > count || count > 1000) {
            bad('shard', value, 'K/N with 1 ≤ K ≤ N ≤ 1000, e.g. 2/4 for the second of four jobs');
            return {};
        }
        return { shard: { index, count } };
    };
    const minWatch = () => {
        const ms = parseDuration(raw('min-watch'));
        if (ms === undefined)
            bad('min-watch', raw('min-watch'), 'a duration such as 6s, 500ms or 1m (a number alone is seconds), or 0 to watch no longer than the checks take');
        return ms ?? 0;
    };
    const pySpyVersion = () => {
        const value = raw('py-spy-version') || PINNED_PY_SPY.version;
        if (!/^\d+(\.\d+){1,2}([a-z]+\d*)?$/.test(value))
            bad('py-spy-version', raw('py-spy-version'), `a py-spy release such as ${PINNED_PY_SPY.version} (the pinned one)`);
        return value;
    };
    const settings = {
        startCommand,
        workingDirectory,
        baseUrl,
        healthPath,
        routes,
        openapiPath,
        excludePaths,
        maxRoutes: count('max-routes', 1000),
        streamMethod: methodValue,
        streamBody: read('stream-body'),
        streamHeaders,
        abortAfterEvents: count('abort-after-events', 1_000_000),
        abortAfterMs: duration('abort-after'),
        cycles: count('cycles', 1000),
        concurrency: count('concurrency', 1000),
        healthTimeoutMs,
        stallThresholdMs,
        ...(settleMs !== undefined ? { settleMs } : {}),
        minWatchMs: minWatch(),
        restart: oneOf('restart', ['auto', 'never']),
        ...shard(),
        startupTimeoutMs: duration('startup-timeout'),
        pySpy,
        pySpyVersion: pySpyVersion(),
        capture: oneOf('capture', ['auto', 'py-spy', 'faulthandler']),
        githubToken: raw('github-token'),
        comment: oneOf('comment', ['auto', 'always', 'never']),
        commentKey,
        trackingIssue: oneOf('tracking-issue', ['auto', 'always', 'never']),
        allowPullRequestTarget: boolean('allow-pull-request-target'),
        postReport,
        mergeResults,
        failOnHang: boolean('fail-on-hang'),
        failOnStall: boolean('fail-on-stall'),
        verifyFix: oneOf('verify-fix', ['auto', 'never'])
    };
    if (problems.length > 0)
        throw new InputError(problems, context.label ? 'settings are' : 'inputs are');
    return settings;
}
/** The addresses of this machine: the app runs here, so base-url must reach one of them. */
function localAddresses() {
    return Object.values(external_node_os_namespaceObject.networkInterfaces()).flatMap(list => (list ?? []).map(a => a.address));
}
function isLocalHost(hostname, addresses) {
    const host = hostname.replace(/^\[|\]$/g, '').toLowerCase();
    if (host === 'localhost' || host.endsWith('.localhost') || host === '0.0.0.0' || host === '::')
        return true;
    if (/^127\.\d+\.\d+\.\d+$/.test(host) || host === '::1')
        return true;
    return addresses.map(a => a.toLowerCase()).includes(host) || host === external_node_os_namespaceObject.hostname().toLowerCase();
}
function parseBaseUrl(value, bad, addresses) {
    const expected = 'an http:// or https:// URL where the app listens, e.g. http://127.0.0.1:8000';
    let url;
    try {
        url = new URL(value);
    }
    catch {
        bad('base-url', value, expected);
        return 'http://127.0.0.1';
    }
    if ((url.protocol !== 'http:' && url.protocol !== 'https:') ||
        url.search !== '' ||
        url.hash !== '' ||
        url.username !== '') {
        bad('base-url', value, `${expected}, without query, fragment or credentials`);
    }
    else if (!isLocalHost(url.hostname, addresses)) {
        bad('base-url', value, `an address of this machine, where start-command runs the app (${url.hostname} is not one), e.g. http://127.0.0.1:8000`);
    }
    return `${url.origin}${url.pathname.replace(/\/+$/, '')}`;
}
function parseHeaderLines(text, bad) {
    const headers = [];
    text.split(/\r?\n/).forEach((line, index) => {
        if (line.trim() === '')
            return;
        const colon = line.indexOf(':');
        const name = colon > 0 ? line.slice(0, colon).trim() : '';
        if (!HEADER_NAME.test(name)) {
            bad('stream-headers', line, `one "Name: value" header per line (line ${index + 1} is not one)`);
            return;
        }
        headers.push([name, line.slice(colon + 1).trim()]);
    });
    return headers;
}
function isDirectory(p) {
    try {
        return external_node_fs_.statSync(p).isDirectory();
    }
    catch {
        return false;
    }
}
function isExecutableFile(p) {
    try {
        external_node_fs_.accessSync(p, external_node_fs_.constants.X_OK);
        return external_node_fs_.statSync(p).isFile();
    }
    catch {
        return false;
    }
}

;// CONCATENATED MODULE: ./src/action/runner-context.ts
// What the Actions runner tells us through the environment, read in one
// place: links for the report, the workspace, the app's environment.


/** The event's payload (GITHUB_EVENT_PATH), or {} when there is none. */
function readEvent(file) {
    if (!file)
        return {};
    try {
        const data = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
        return typeof data === 'object' && data !== null ? data : {};
    }
    catch {
        return {};
    }
}
function record(value) {
    return typeof value === 'object' && value !== null ? value : undefined;
}
function readRunnerContext(env, fallbackTemp) {
    const value = (name) => (env[name] && env[name] !== '' ? env[name] : undefined);
    return {
        workspace: value('GITHUB_WORKSPACE') ?? process.cwd(),
        tempDir: value('RUNNER_TEMP') ?? fallbackTemp,
        serverUrl: value('GITHUB_SERVER_URL') ?? 'https://github.com',
        ...optional('repository', value('GITHUB_REPOSITORY')),
        ...optional('sha', value('GITHUB_SHA')),
        ...optional('runId', value('GITHUB_RUN_ID')),
        ...optional('actionRepository', value('GITHUB_ACTION_REPOSITORY')),
        ...optional('actionRef', value('GITHUB_ACTION_REF')),
        eventName: value('GITHUB_EVENT_NAME') ?? '',
        ...optional('job', value('GITHUB_JOB')),
        ...optional('branch', value('GITHUB_HEAD_REF') ?? value('GITHUB_REF_NAME')),
        ...eventFacts(readEvent(value('GITHUB_EVENT_PATH')))
    };
}
function eventFacts(event) {
    const facts = {};
    const pr = record(event.pull_request);
    if (pr && typeof pr.number === 'number')
        facts.pullRequest = { number: pr.number, headSha: String(record(pr.head)?.sha ?? '') };
    const run = record(event.workflow_run);
    if (run) {
        const linked = Array.isArray(run.pull_requests) ? run.pull_requests : [];
        facts.workflowRun = {
            headSha: String(run.head_sha ?? ''),
            pullRequests: linked.map(p => record(p)?.number).filter((n) => typeof n === 'number')
        };
    }
    return facts;
}
function optional(key, value) {
    return (value === undefined ? {} : { [key]: value });
}
function runner_context_realpathOr(p) {
    try {
        return external_node_fs_.realpathSync(p);
    }
    catch {
        return p;
    }
}
/** The path of a file relative to the repository root, or undefined when it lies outside. */
function workspaceRelative(workspace, absolutePath) {
    const relative = external_node_path_.relative(runner_context_realpathOr(workspace), absolutePath);
    if (relative === '' || relative.startsWith('..') || external_node_path_.isAbsolute(relative))
        return undefined;
    return relative.split(external_node_path_.sep).join('/');
}
/** The workflow run's page, when the runner says which run this is. */
function runUrl(context) {
    return context.repository && context.runId
        ? `${context.serverUrl}/${context.repository}/actions/runs/${context.runId}`
        : undefined;
}
function reportLinks(context, appRoot) {
    const { serverUrl, repository, sha } = context;
    const run = runUrl(context);
    // `uses: ./` leaves GITHUB_ACTION_REPOSITORY empty: the action is the repository itself
    const docRepository = context.actionRepository ?? repository;
    const docRef = context.actionRepository ? context.actionRef : sha;
    return {
        ...(run ? { run } : {}),
        pattern: id => docRepository && docRef ? `${serverUrl}/${docRepository}/blob/${docRef}/README.md#${id}` : `README.md#${id}`,
        source: (appRelativePath, line) => {
            if (!repository || !sha)
                return undefined;
            const inRepo = workspaceRelative(context.workspace, external_node_path_.join(appRoot, appRelativePath));
            return inRepo ? `${serverUrl}/${repository}/blob/${sha}/${inRepo}#L${line}` : undefined;
        }
    };
}

;// CONCATENATED MODULE: ./src/action/saved-report.ts
// The report saved for a later post-report run: the fork-PR setup, where the
// run that probes the PR's code has a read-only token and a second workflow
// (on workflow_run, with a write token) posts what the first one saved.
// What the file says is the untrusted PR run's word: the pull request is
// found again from the workflow_run event, never taken from here.



const SAVED_REPORT_FILE = 'publish.json';
const FORMAT = 'backend-hang-debug/saved-report@1';
/** More than any report we write; a larger file is not ours. */
const MAX_REPORT_BYTES = 2 * 1024 * 1024;
function writeSavedReport(dir, saved) {
    const file = external_node_path_.join(dir, SAVED_REPORT_FILE);
    external_node_fs_.writeFileSync(file, JSON.stringify({ format: FORMAT, ...saved }, null, 2));
    return file;
}
class SavedReportError extends Error {
    constructor(message) {
        super(message);
        this.name = 'SavedReportError';
    }
}
/** Reads a saved report from its file or the directory that holds it; throws SavedReportError saying what is wrong. */
function readSavedReport(location) {
    const file = external_node_fs_.existsSync(location) && external_node_fs_.statSync(location).isDirectory() ? external_node_path_.join(location, SAVED_REPORT_FILE) : location;
    let data;
    try {
        data = JSON.parse(external_node_fs_.readFileSync(file, 'utf8'));
    }
    catch (error) {
        throw new SavedReportError(`post-report: cannot read ${file} (${error.message}); give the ${SAVED_REPORT_FILE} the probe run saved, or its folder.`);
    }
    const saved = data;
    if (saved.format !== FORMAT ||
        !isVerdict(saved.verdict) ||
        typeof saved.report !== 'string' ||
        typeof saved.headSha !== 'string') {
        throw new SavedReportError(`post-report: ${file} is not a report saved by this action (format ${FORMAT}).`);
    }
    // the report lies next to the file: a name, not a path
    const reportFile = external_node_path_.join(external_node_path_.dirname(file), external_node_path_.basename(saved.report));
    const size = external_node_fs_.existsSync(reportFile) ? external_node_fs_.statSync(reportFile).size : -1;
    if (size < 0 || size > MAX_REPORT_BYTES)
        throw new SavedReportError(`post-report: the report ${reportFile} is missing or larger than a report can be.`);
    return {
        saved: {
            format: FORMAT,
            verdict: saved.verdict,
            pattern: String(saved.pattern ?? ''),
            culprit: String(saved.culprit ?? ''),
            key: /^[\w.-]*$/.test(String(saved.key ?? '')) ? String(saved.key ?? '') : '',
            headSha: saved.headSha,
            ...(typeof saved.pullRequest === 'number' ? { pullRequest: saved.pullRequest } : {}),
            report: external_node_path_.basename(saved.report)
        },
        markdown: external_node_fs_.readFileSync(reportFile, 'utf8')
    };
}

// EXTERNAL MODULE: ./src/action/state.ts
var state = __nccwpck_require__(3175);
;// CONCATENATED MODULE: ./src/github/suggestion.ts
// The fixes as one-click suggestions on the pull request's diff: a review
// comment holding a ```suggestion block on the lines each broken route's fix
// changes, edited on later runs, moved when the fix moves, deleted once the
// run is healthy.


const SUGGESTION_MARKER = /<!-- backend-hang-debug:suggestion key="([\w.-]*)" -->/;
/** The lines of the new file that a patch shows (added and context lines): where a review comment may go. */
function linesInDiff(patch) {
    const lines = new Set();
    let next = 0;
    for (const line of patch.split('\n')) {
        const hunk = /^@@ -\d+(?:,\d+)? \+(\d+)(?:,\d+)? @@/.exec(line);
        if (hunk) {
            next = Number(hunk[1]);
            continue;
        }
        if (next === 0 || line.startsWith('-') || line.startsWith('\\'))
            continue;
        lines.add(next++);
    }
    return lines;
}
function suggestionBody(key, suggestion) {
    const icon = suggestion.verdict === 'stalled' ? '🟠' : '🛑';
    const what = suggestion.verdict === 'stalled' ? 'stalls the event loop' : 'blocks the event loop';
    return [
        `<!-- backend-hang-debug:suggestion key="${key}" -->`,
        `${icon} **backend-hang-debug:** this ${what}${suggestion.pattern ? ` (\`${suggestion.pattern}\`)` : ''}. The change that fixes it:`,
        '',
        codeBlock(suggestion.after.join('\n'), 'suggestion'),
        ...suggestion.notes.flatMap(note => ['', note])
    ].join('\n');
}
const samePlace = (comment, suggestion) => comment.path === suggestion.path &&
    comment.line === suggestion.lastLine &&
    (comment.startLine ?? comment.line) === suggestion.firstLine;
/**
 * Keeps one review comment with a suggestion on the lines each fix changes,
 * so the author commits it with one click: created when the lines are part
 * of the pull request's diff, edited on later runs, moved when the fix
 * moves. Every earlier suggestion of this key that is not one of these (the
 * run is healthy, a route was fixed, the fix moved) is removed.
 * `whyNone` says why there is nothing to suggest when the list is empty.
 */
async function publishSuggestions(port, pullRequest, suggestions, key, whyNone) {
    const identity = await port.identity();
    const ours = (await port.listReviewComments(pullRequest.number)).filter(c => {
        const byUs = identity === undefined ? c.author.bot : c.author.login === identity;
        return byUs && SUGGESTION_MARKER.exec(c.body)?.[1] === key;
    });
    const kept = new Set();
    const outcomes = [];
    const files = suggestions.length > 0 ? await port.listPullRequestFiles(pullRequest.number) : [];
    for (const suggestion of suggestions) {
        const file = files.find(f => f.filename === suggestion.path);
        const inDiff = file?.patch ? linesInDiff(file.patch) : new Set();
        const outside = lineRange(suggestion).find(line => !inDiff.has(line));
        if (outside !== undefined) {
            outcomes.push({
                action: 'skipped',
                reason: file
                    ? `${suggestion.path}:${outside} is not part of the pull request's diff`
                    : `${suggestion.path} is not changed by the pull request`
            });
            continue;
        }
        const body = suggestionBody(key, suggestion);
        const earlier = ours.find(c => !kept.has(c) && samePlace(c, suggestion));
        if (earlier) {
            kept.add(earlier);
            outcomes.push({ action: 'updated', url: (await port.updateReviewComment(earlier.id, body)).url });
            continue;
        }
        const created = await port.createReviewComment(pullRequest.number, {
            body,
            commitId: pullRequest.headSha,
            path: suggestion.path,
            line: suggestion.lastLine,
            ...(suggestion.firstLine < suggestion.lastLine ? { startLine: suggestion.firstLine } : {})
        });
        outcomes.push({ action: 'created', url: created.url });
    }
    const stale = ours.filter(c => !kept.has(c));
    for (const comment of stale)
        await port.deleteReviewComment(comment.id);
    if (suggestions.length === 0)
        outcomes.push(stale.length > 0 ? { action: 'removed' } : { action: 'skipped', reason: whyNone });
    return { outcomes, removed: stale.length };
}
function lineRange({ firstLine, lastLine }) {
    return Array.from({ length: Math.max(0, lastLine - firstLine + 1) }, (_, i) => firstLine + i);
}
/**
 * The suggestions of the broken routes whose fix is a mechanical change, in
 * the order given (the decisive route first): the statement's edit, with the
 * import it needs and what trying it showed said under it. Two routes with
 * one culprit make one suggestion. `repoPath` places an edit in the
 * repository; an edit it cannot place (outside the workspace) is left out.
 */
function suggestionsFor(routes, repoPath, healthPath) {
    const suggestions = [];
    for (const route of routes) {
        if (route.verdict === 'healthy')
            continue;
        const [statement, ...others] = route.fix?.primary?.edits ?? [];
        const path = statement ? repoPath(statement) : undefined;
        if (!statement || !path || statement.lastLine < statement.firstLine)
            continue;
        if (suggestions.some(s => s.path === path && s.firstLine === statement.firstLine))
            continue;
        const notes = others.map(edit => edit.path === statement.path && edit.after.length === 1
            ? `Also add \`${edit.after[0]}\` at the top of the file.`
            : `Also change \`${edit.path}\` at line ${edit.firstLine}.`);
        if (route.verification)
            notes.push(verificationLine(route.verification, healthPath));
        if (route.verification?.next)
            notes.push(route.verification.next);
        suggestions.push({
            verdict: route.verdict,
            ...(route.pattern ? { pattern: route.pattern } : {}),
            path,
            firstLine: statement.firstLine,
            lastLine: statement.lastLine,
            after: statement.after,
            notes
        });
    }
    return suggestions;
}

;// CONCATENATED MODULE: ./src/report/merged-results.ts
// merge-results: the result files of several jobs (the shards of a matrix)
// read back, checked, and merged into one verdict, one list of routes and
// one report. Pure: the files' text in, the merged result and its Markdown out.







class MergeInputError extends Error {
    constructor(message) {
        super(`merge-results: ${message}`);
        this.name = 'MergeInputError';
    }
}
const WHAT_TO_GIVE = 'give the result.json files the runs wrote (their result-path output), or the folders holding them';
/** Reads one result file's text; throws MergeInputError saying what is wrong with it. */
function parseResultFile(text, source) {
    let data;
    try {
        data = JSON.parse(text);
    }
    catch (error) {
        throw new MergeInputError(`${source} is not JSON (${error.message}); ${WHAT_TO_GIVE}.`);
    }
    const document = (typeof data === 'object' && data !== null ? data : {});
    const format = document.format;
    if (typeof format === 'string' && format !== RESULT_FORMAT && format.startsWith('backend-hang-debug/result@')) {
        throw new MergeInputError(`${source} was written in the result format ${format} (by backend-hang-debug ${String(document.version ?? 'of another version')}); this one (${VERSION}) reads ${RESULT_FORMAT}. Merge the results of jobs that ran one version of the action.`);
    }
    if (format !== RESULT_FORMAT)
        throw new MergeInputError(`${source} is not a result file of backend-hang-debug: it has no "format": "${RESULT_FORMAT}"; ${WHAT_TO_GIVE}.`);
    const problem = !isVerdict(document.verdict)
        ? `its verdict ${JSON.stringify(document.verdict)} is not one of the verdicts`
        : !Array.isArray(document.routes)
            ? 'it has no list of routes'
            : document.routes.some(r => typeof r?.method !== 'string' || typeof r.path !== 'string' || !isRouteVerdict(r.verdict))
                ? 'a route in it has no method, path or verdict'
                : undefined;
    if (problem)
        throw new MergeInputError(`${source} is not a whole result file: ${problem}.`);
    return document;
}
function isRouteVerdict(value) {
    return value === 'not-checked' || isVerdict(value);
}
const shardLabel = (shard) => `${shard.index}/${shard.count}`;
/**
 * One verdict from the jobs' results: the worst of them, every route of
 * every job, and the shards of the split that no result was given for.
 * Two results of one shard, or shards of different splits, are refused.
 */
function mergeResults(results) {
    if (results.length === 0)
        throw new MergeInputError(`no result file was found; ${WHAT_TO_GIVE}.`);
    const counts = new Set(results.flatMap(r => (r.document.shard ? [r.document.shard.count] : [])));
    if (counts.size > 1) {
        const split = results.map(r => `${r.source} is ${r.document.shard ? `shard ${shardLabel(r.document.shard)}` : 'not a shard'}`);
        throw new MergeInputError(`the results are of different splits: ${split.join(', ')}.`);
    }
    const seen = new Map();
    for (const { source, document } of results) {
        const shard = document.shard;
        if (!shard)
            continue;
        const earlier = seen.get(shard.index);
        if (earlier)
            throw new MergeInputError(`shard ${shardLabel(shard)} is given twice, in ${earlier} and ${source}; give each shard's result once.`);
        seen.set(shard.index, source);
    }
    const [count] = [...counts];
    const missingShards = count === undefined
        ? []
        : Array.from({ length: count }, (_, i) => i + 1)
            .filter(index => !seen.has(index))
            .map(index => shardLabel({ index, count }));
    // shards in their order; jobs that are not shards after them, as given
    const shardIndex = (r) => r.document.shard?.index ?? Number.MAX_SAFE_INTEGER;
    const ordered = [...results].sort((a, b) => shardIndex(a) - shardIndex(b));
    const jobs = ordered.map(({ source, document }, i) => ({
        label: document.shard ? shardLabel(document.shard) : `job ${i + 1}`,
        source,
        shard: document.shard !== undefined,
        verdict: document.verdict,
        headline: document.headline,
        routes: document.routes.length
    }));
    const routes = ordered.flatMap(({ document }, i) => document.routes.map(route => ({ ...route, job: jobs[i].label })));
    const worstJob = worstOf(jobs);
    const checked = routes.filter((r) => r.verdict !== 'not-checked');
    // the first route with the run's verdict; none when that verdict came from a job that checked no route
    const worstRoute = worstOf(checked);
    const decisive = worstRoute && worstRoute.verdict !== 'healthy' && worstRoute.verdict === worstJob.verdict ? worstRoute : undefined;
    const warnings = [
        ...missingShards.map(shard => `No result was given for shard ${shard}: its routes were not checked (did its job fail before it wrote one?).`),
        ...ordered.flatMap(({ document }, i) => document.warnings.map(w => `${jobs[i].label}: ${w}`))
    ];
    return {
        verdict: worstJob.verdict,
        headline: merged_results_headlineOf(worstJob, jobs.length, routes),
        jobs,
        routes,
        ...(decisive ? { decisive } : {}),
        missingShards,
        healthPath: ordered[0]?.document.healthPath ?? '/health',
        warnings
    };
}
function merged_results_headlineOf(worstJob, jobCount, routes) {
    const checked = routes.filter(r => r.verdict !== 'not-checked');
    if (worstJob.verdict === 'healthy')
        return `Every route was healthy: ${checked.length} route(s) checked in ${jobCount} job(s).`;
    const broken = checked.filter(r => r.verdict !== 'healthy').length;
    const more = broken > 1 ? ` ${broken} of the ${checked.length} routes checked are broken; each is below.` : '';
    return `${jobCount > 1 ? `${worstJob.label}: ` : ''}${worstJob.headline}${more}`;
}
/** The merged result as the result-path file of the merging job. */
function mergedDocument(merged) {
    return {
        format: RESULT_FORMAT,
        version: VERSION,
        merged: true,
        verdict: merged.verdict,
        headline: merged.headline,
        healthPath: merged.healthPath,
        pattern: merged.decisive?.pattern ?? '',
        culprit: merged.decisive?.culprit ?? '',
        jobs: merged.jobs,
        missingShards: merged.missingShards,
        routes: merged.routes,
        warnings: merged.warnings
    };
}
/** The merged routes in a line each, for the routes output. */
function mergedRoutesOutput(merged) {
    return merged.routes.map(route => (route.verdict === 'not-checked' ? route : { ...routeLine(route), job: route.job }));
}
/** The merged report: one verdict, every route of every job, each broken route's diagnosis and fix. */
function renderMergedReport(merged, links) {
    const decisive = merged.decisive;
    const shards = merged.jobs.filter(j => j.shard).length;
    const parts = [
        titleLine(merged.verdict, decisive?.pattern),
        '',
        merged.headline,
        '',
        '### Routes',
        '',
        `${merged.routes.length} route(s) from ${merged.jobs.length} job(s)${shards > 0 ? ` (${shards} shard(s) of ${merged.jobs.length + merged.missingShards.length})` : ''}, merged.`
    ];
    for (const shard of merged.missingShards)
        parts.push('', `⚠️ **No result for shard ${shard}:** its routes were not checked.`);
    parts.push('', '| route | job | verdict | slowest probe |', '|---|---|---|---:|');
    for (const route of merged.routes) {
        const label = `\`${route.method} ${route.path}\``;
        if (route.verdict === 'not-checked') {
            parts.push(`| ${label} | ${route.job} | not checked: ${route.reason} | — |`);
            continue;
        }
        parts.push(`| ${label} | ${route.job} | ${verdictLabel(route.verdict, route.pattern)} | ${Math.round(route.slowestProbeMs)} ms |`);
    }
    for (const job of merged.jobs.filter(j => j.routes === 0 && j.verdict !== 'healthy'))
        parts.push('', `${ICON[job.verdict]} **${job.label}** (${job.source}): ${job.headline}`);
    for (const route of merged.routes) {
        if (route.verdict === 'not-checked' || route.verdict === 'healthy')
            continue;
        parts.push('', ...brokenRouteSection(route, links, merged.healthPath));
    }
    if (merged.warnings.length > 0)
        parts.push('', details(`Warnings (${merged.warnings.length})`, merged.warnings.map(w => `- ${w}`).join('\n')));
    const footer = [`${merged.routes.length} routes`, `${merged.jobs.length} jobs`, `backend-hang-debug ${VERSION}`];
    if (links.run)
        footer.push(`[workflow run](${links.run})`);
    parts.push('', `<sub>${footer.join(' · ')}</sub>`);
    return parts.join('\n') + '\n';
}
function brokenRouteSection(route, links, healthPath) {
    const parts = [
        `${routeHeading(route.verdict, `${route.method} ${route.path}`, route.pattern)} (${route.job})`,
        '',
        route.headline
    ];
    const diagnosis = route.diagnosis;
    if (!diagnosis)
        return parts;
    const facts = [patternFact(diagnosis.pattern, links), ...placeFacts(diagnosis, links)];
    const began = beganIn(route);
    if (began)
        facts.push(`- **Began:** ${BEGAN[began]}`);
    const longest = route.timings.longestStallMs;
    if (route.verdict === 'stalled' && longest !== undefined)
        facts.push(`- **Lasted:** ${formatDuration(longest)} (the longest stall)`);
    parts.push('', facts.join('\n'), '', diagnosis.explanation);
    const excerpt = excerptBlock(diagnosis);
    if (excerpt)
        parts.push('', excerpt);
    if (route.fix)
        parts.push('', '#### Fix', '', fixSection(route.fix, route.fix.verification, links, healthPath));
    return parts;
}

;// CONCATENATED MODULE: ./src/action/outlets.ts
// Where the report goes besides the log: the job summary, the PR comment,
// the one-click suggestions and the tracking issue. Shared by the main step
// and the modes that post what other runs found (post-report, merge-results).




async function writeSummary(markdown) {
    if (!process.env.GITHUB_STEP_SUMMARY)
        return;
    try {
        await core/* summary */.z.addRaw(markdown).write();
    }
    catch (error) {
        core/* warning */.$e(`Could not write the job summary: ${String(error)}`);
    }
}
function commentKeyOf(settings, context) {
    return settings.commentKey || context.job || 'default';
}
function runUrlOf(context) {
    const run = runUrl(context);
    return run ? { runUrl: run } : {};
}
function fullReportAt(context) {
    const run = runUrl(context);
    return run
        ? `the [job summary](${run}) and the evidence-dir of the run`
        : 'the job summary and the evidence-dir of the run';
}
let clientLoad;
/** The GitHub client's module (most of the bundle, in a chunk of its own), loaded once. */
function clientModule() {
    clientLoad ??= Promise.all(/* import() */[__nccwpck_require__.e(368), __nccwpck_require__.e(915)]).then(__nccwpck_require__.bind(__nccwpck_require__, 1915));
    return clientLoad;
}
/**
 * Starts loading the GitHub client while the app starts, when the run will
 * post: the app's start is waited for anyway, and the report's comment then
 * finds the client ready. A failure to load is connect()'s to report.
 */
function loadClientEarly(settings, context) {
    if (settings.githubToken === '' || !posts(destinationsOf(settings, context)))
        return;
    clientModule().catch(() => undefined);
}
/** The API on the runner's repository; loaded only when something is to be posted. */
async function connect(settings, context) {
    const { RestGitHub, createClient, describeApiError } = await clientModule();
    const [owner = '', repo = ''] = (context.repository ?? '').split('/');
    return { port: new RestGitHub(createClient(settings.githubToken), { owner, repo }), describeApiError };
}
/** Where this event's report goes on GitHub. */
function destinationsOf(settings, context) {
    return destinationsFor({
        name: context.eventName,
        ...(context.pullRequest ? { pullRequest: context.pullRequest.number } : {}),
        ...(context.branch ? { branch: context.branch } : {})
    }, settings);
}
function posts(where) {
    return where.pullRequest !== undefined || where.trackingIssue;
}
/**
 * Posts the report where the event calls for it: the PR comment, the open PR
 * of a dispatched branch, the tracking issue. A failure here is a warning:
 * the diagnosis is in the log, the summary and the outputs already.
 */
async function publish(settings, context, facts, key, suggestions) {
    core/* setOutput */.uH('comment-url', '');
    core/* setOutput */.uH('issue-url', '');
    core/* setOutput */.uH('suggestion-url', '');
    const where = destinationsOf(settings, context);
    if (!posts(where)) {
        if (settings.comment === 'always')
            core/* info */.pq(`No pull request belongs to this ${context.eventName} event; the report is in the job summary.`);
        return;
    }
    if (settings.githubToken === '') {
        core/* warning */.$e('github-token is empty, so nothing was posted to GitHub; the diagnosis is in the job summary and the outputs.');
        return;
    }
    const { port, describeApiError } = await connect(settings, context);
    // the three outlets need nothing of each other: their calls go out together
    const comment = async () => {
        const target = where.pullRequest;
        if (!target)
            return;
        try {
            const number = 'number' in target ? target.number : (await port.openPullRequestForBranch(target.branch))?.number;
            if (number === undefined) {
                core/* info */.pq(`No open pull request has the branch ${'branch' in target ? target.branch : ''}; the report is in the job summary.`);
                return;
            }
            const outcome = await publishToPullRequest(port, number, facts, {
                key,
                comment: settings.comment,
                fullReportAt: fullReportAt(context)
            });
            if (outcome.action === 'skipped')
                core/* info */.pq('No earlier report comment on this PR and nothing to report: no comment posted.');
            else
                core/* info */.pq(`PR comment ${outcome.action}: ${outcome.url}`);
            core/* setOutput */.uH('comment-url', outcome.url ?? '');
        }
        catch (error) {
            core/* warning */.$e(`The PR comment was not posted. ${describeApiError(error, 'pull-requests: write')}`);
        }
    };
    const suggest = async () => {
        // the one-click suggestions go on a pull request's own diff: a dispatched run's branch PR is not reviewed here
        const reviewed = context.pullRequest && settings.comment !== 'never' ? context.pullRequest : undefined;
        if (!reviewed)
            return;
        try {
            const whyNone = facts.verdict === 'healthy'
                ? 'nothing to suggest: the run is healthy'
                : 'no broken route has a fix that is a change of one place the rewriter can make';
            const { outcomes } = await publishSuggestions(port, reviewed, suggestions, key, whyNone);
            for (const outcome of outcomes) {
                if (outcome.action === 'skipped')
                    core/* info */.pq(`No suggestion on the pull request's diff: ${outcome.reason}.`);
                else
                    core/* info */.pq(`Suggestion on the diff ${outcome.action}${outcome.url ? `: ${outcome.url}` : ''}`);
            }
            core/* setOutput */.uH('suggestion-url', outcomes.find(o => o.url)?.url ?? '');
        }
        catch (error) {
            core/* warning */.$e(`The suggestion on the pull request's diff was not posted. ${describeApiError(error, 'pull-requests: write')}`);
        }
    };
    const track = async () => {
        if (!where.trackingIssue)
            return;
        try {
            const outcome = await publishToTrackingIssue(port, facts, { key, fullReportAt: fullReportAt(context) });
            if (outcome.action !== 'none')
                core/* info */.pq(`Tracking issue ${outcome.action}: ${outcome.url}`);
            core/* setOutput */.uH('issue-url', outcome.url ?? '');
        }
        catch (error) {
            core/* warning */.$e(`The tracking issue was not updated. ${describeApiError(error, 'issues: write')}`);
        }
    };
    await Promise.all([comment(), suggest(), track()]);
}

;// CONCATENATED MODULE: ./src/action/merge-mode.ts
// merge-results mode: the final job of a matrix split by shard. It reads the
// result files the shards wrote (downloaded as artifacts), runs nothing, and
// posts one report: the worst verdict, every route of every shard, each
// broken route's diagnosis and fix, and the shards that gave no result.










/** The name every run gives its result file: in a folder, the files of this name are the results. */
const RESULT_FILE = 'result.json';
/**
 * The result files the lines name: a file as it is; a folder, every
 * result.json in it and in its subfolders, where a folder holding one is a
 * run's evidence folder and is not looked into further.
 */
function resultFilesIn(locations) {
    const files = [];
    const walk = (dir) => {
        if (external_node_fs_.existsSync(external_node_path_.join(dir, RESULT_FILE))) {
            files.push(external_node_path_.join(dir, RESULT_FILE));
            return;
        }
        const entries = external_node_fs_.readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1));
        for (const entry of entries)
            if (entry.isDirectory())
                walk(external_node_path_.join(dir, entry.name));
    };
    for (const location of locations) {
        if (!external_node_fs_.existsSync(location))
            throw new MergeInputError(`${location} does not exist; give the result files (or folders holding them) one per line.`);
        const before = files.length;
        if (external_node_fs_.statSync(location).isDirectory())
            walk(location);
        else
            files.push(location);
        if (files.length === before)
            throw new MergeInputError(`${location} holds no ${RESULT_FILE}.`);
    }
    return [...new Set(files)];
}
async function mergeAndPost(settings, context) {
    const shown = (file) => workspaceRelative(context.workspace, file) ?? file;
    let merged;
    try {
        const results = resultFilesIn(settings.mergeResults).map(file => ({
            source: shown(file),
            document: parseResultFile(external_node_fs_.readFileSync(file, 'utf8'), shown(file))
        }));
        merged = mergeResults(results);
    }
    catch (error) {
        if (!(error instanceof MergeInputError))
            throw error;
        core/* setFailed */.C1(error.message);
        return;
    }
    const report = redact(renderMergedReport(merged, reportLinks(context, settings.workingDirectory)), secretValues(process.env, [settings.githubToken]));
    const dir = external_node_fs_.mkdtempSync(external_node_path_.join(context.tempDir, 'backend-hang-debug-merged-'));
    const reportPath = external_node_path_.join(dir, 'report.md');
    const resultPath = external_node_path_.join(dir, RESULT_FILE);
    external_node_fs_.writeFileSync(reportPath, report);
    external_node_fs_.writeFileSync(resultPath, JSON.stringify(mergedDocument(merged), null, 2));
    const decisive = merged.decisive;
    core/* setOutput */.uH('verdict', merged.verdict);
    core/* setOutput */.uH('routes', JSON.stringify(mergedRoutesOutput(merged)));
    core/* setOutput */.uH('pattern', decisive?.pattern ?? '');
    core/* setOutput */.uH('culprit', decisive?.culprit ?? '');
    core/* setOutput */.uH('health-latency-ms', String(Math.max(0, ...merged.routes.map(r => ('slowestProbeMs' in r ? r.slowestProbeMs : 0)))));
    core/* setOutput */.uH('stall-ms', String(decisive?.timings.longestStallMs ?? ''));
    core/* setOutput */.uH('report-path', reportPath);
    core/* setOutput */.uH('result-path', resultPath);
    core/* setOutput */.uH('evidence-dir', dir);
    for (const name of ['dump-path', 'app-log-path', 'publish-path'])
        core/* setOutput */.uH(name, '');
    core/* info */.pq(`Merged ${merged.jobs.length} result(s): ${merged.jobs.map(j => `${j.label} (${j.source})`).join(', ')}`);
    core/* info */.pq(`Verdict: ${merged.verdict}: ${plainText(merged.headline)}`);
    for (const warning of merged.warnings)
        core/* warning */.$e(warning);
    await writeSummary(report);
    const suggestions = suggestionsFor(merged.routes.flatMap(route => route.verdict === 'not-checked'
        ? []
        : [
            {
                verdict: route.verdict,
                ...(route.pattern ? { pattern: route.pattern } : {}),
                ...(route.fix
                    ? { fix: route.fix, ...(route.fix.verification ? { verification: route.fix.verification } : {}) }
                    : {})
            }
        ]), 
    // the shards ran on other machines: their edits are placed by the path in the app, from this job's working-directory
    edit => workspaceRelative(context.workspace, external_node_path_.join(settings.workingDirectory, edit.path)), merged.healthPath);
    await publish(settings, context, {
        verdict: merged.verdict,
        ...(decisive?.pattern ? { pattern: decisive.pattern } : {}),
        ...(decisive?.culprit ? { culprit: decisive.culprit } : {}),
        markdown: report,
        sha: context.pullRequest?.headSha || context.sha || '',
        ...runUrlOf(context)
    }, commentKeyOf(settings, context), suggestions);
    if (failsTheRun(merged, settings))
        core/* setFailed */.C1(`${merged.verdict}: ${plainText(merged.headline)}`);
    else if (merged.missingShards.length > 0)
        // a shard with no result checked nothing we know of: no pass on its routes
        core/* setFailed */.C1(`No result was given for shard ${merged.missingShards.join(', ')}: its routes were not checked. Merge after every shard has run (needs: the matrix job, with if: always()).`);
}

;// CONCATENATED MODULE: ./src/action/main.ts
// The action's main step: inputs from the runner, the engine, then the
// outlets (log, annotation, report file, job summary, PR comment, outputs).
// Wiring only; every decision lives in the modules it calls.
























const actionsLogger = {
    info: message => core/* info */.pq(message),
    warning: message => core/* warning */.$e(message),
    debug: message => core/* debug */.Yz(message)
};
async function runMain() {
    const context = readRunnerContext(process.env, external_node_os_namespaceObject.tmpdir());
    let settings;
    try {
        settings = getSettings(name => core/* getInput */.V4(name), { workspace: context.workspace });
    }
    catch (error) {
        core/* setFailed */.C1(error instanceof InputError ? error.message : String(error));
        return;
    }
    if (settings.githubToken !== '')
        core/* setSecret */.Pq(settings.githubToken);
    let pySpyPins;
    try {
        pySpyPins = pinsFrom(process.env);
    }
    catch (error) {
        core/* setFailed */.C1(`${PINS_FILE_VARIABLE}: ${error.message}`);
        return;
    }
    if (settings.postReport !== '') {
        await postSavedReport(settings, context);
        return;
    }
    if (settings.mergeResults.length > 0) {
        await mergeAndPost(settings, context);
        return;
    }
    if (context.eventName === 'pull_request_target' && !settings.allowPullRequestTarget) {
        core/* setFailed */.C1("Refusing to run on pull_request_target: that event runs with a write token and the repository's secrets, and this action runs the pull request's code (start-command). " +
            'Use pull_request (for forks, with the post-report workflow described in the README), or set allow-pull-request-target: true if the code checked out is trusted.');
        return;
    }
    const unsupported = (0,process_table/* unsupportedPlatform */.rG)();
    if (unsupported) {
        core/* setFailed */.C1(unsupported);
        return;
    }
    let guarded;
    try {
        guarded = await guardedInvestigation({
            settings,
            logger: actionsLogger,
            tempDir: context.tempDir,
            env: process.env,
            warn: message => core/* warning */.$e(message),
            fail: message => core/* setFailed */.C1(message),
            links: appRoot => reportLinks(context, appRoot),
            pySpyPins,
            secrets: secretValues(process.env, [settings.githubToken]),
            onAppStarted: app => {
                (0,state/* saveAppIdentity */.tE)(app);
                loadClientEarly(settings, context);
            }
        });
    }
    catch (error) {
        // a route that is not a stream, or nothing to find routes in: the workflow's to fix, not a hang
        if (error instanceof StreamRouteError || error instanceof DiscoveryError) {
            core/* setFailed */.C1(error.message);
            await writeSummary(`## ⛔ backend-hang-debug: could not run\n\n${error.message}\n`);
            return;
        }
        throw error;
    }
    // the app died of our own SIGTERM: that is no crash to report; the guard exits the process
    if (guarded.cancelled)
        return;
    const { investigation, workDir } = guarded;
    const { run, report, files } = investigation;
    const diagnosis = investigation.decisive?.diagnosis;
    const suggestions = suggestionsOf(investigation, context);
    // the verdict is out before anything that could fail on the way to the report
    core/* setOutput */.uH('verdict', run.verdict);
    core/* setOutput */.uH('routes', JSON.stringify(routesOutput(investigation)));
    core/* setOutput */.uH('health-latency-ms', String(slowestOfRun(run)));
    core/* setOutput */.uH('stall-ms', String(longestStallOfRun(run) ?? ''));
    core/* setOutput */.uH('dump-path', files.dump ?? '');
    core/* setOutput */.uH('report-path', files.report);
    core/* setOutput */.uH('result-path', files.result);
    core/* setOutput */.uH('app-log-path', files.appLog);
    core/* setOutput */.uH('evidence-dir', workDir);
    core/* setOutput */.uH('pattern', diagnosis?.pattern ?? '');
    core/* setOutput */.uH('culprit', culpritLabel(diagnosis));
    const key = commentKeyOf(settings, context);
    const facts = {
        verdict: run.verdict,
        ...(diagnosis ? { pattern: diagnosis.pattern } : {}),
        ...(diagnosis?.culprit ? { culprit: culpritLabel(diagnosis) } : {}),
        markdown: report,
        sha: context.pullRequest?.headSha || context.sha || '',
        ...runUrlOf(context)
    };
    core/* setOutput */.uH('publish-path', writeSavedReport(workDir, {
        verdict: run.verdict,
        pattern: facts.pattern ?? '',
        culprit: facts.culprit ?? '',
        key,
        headSha: facts.sha,
        ...(context.pullRequest ? { pullRequest: context.pullRequest.number } : {}),
        report: external_node_path_.basename(files.report)
    }));
    logResult(run, diagnosis, report);
    for (const warning of warningsOf(run))
        core/* warning */.$e(warning);
    annotate(investigation, context);
    await writeSummary(report);
    await publish(settings, context, facts, key, suggestions);
    if (failsTheRun(run, settings))
        core/* setFailed */.C1(`${run.verdict}: ${plainText(run.headline)}`);
}
function logResult(run, diagnosis, report) {
    core/* info */.pq('');
    core/* info */.pq(`Verdict: ${run.verdict}: ${plainText(run.headline)}`);
    const startup = run.startupMs !== undefined ? `; the app took ${formatDuration(run.startupMs)} to answer` : '';
    const waited = run.verdict === 'hung' ? `; ${formatDuration(run.healthTimeoutMs)} of it waiting out the health timeout` : '';
    core/* info */.pq(`Time to verdict: ${formatDuration(run.verdictAtMs)}${startup}${waited}`);
    if (diagnosis) {
        core/* info */.pq(`Pattern: ${diagnosis.pattern} (${PATTERNS[diagnosis.pattern].title})`);
        if (diagnosis.culprit)
            core/* info */.pq(`Culprit: ${diagnosis.culprit.path}:${diagnosis.culprit.line} in ${diagnosis.culprit.function}`);
        if (diagnosis.entry)
            core/* info */.pq(`Called from: ${diagnosis.entry.path}:${diagnosis.entry.line} in ${diagnosis.entry.function}`);
        if (diagnosis.blockingCall)
            core/* info */.pq(`Blocked in: ${plainText(diagnosis.blockingCall)}`);
    }
    const unavailable = run.routes.find(r => r.capture?.unavailable)?.capture?.unavailable;
    if (unavailable)
        core/* warning */.$e(`No stacks were captured: ${unavailable}`);
    core/* startGroup */.Oh('Full report (Markdown)');
    // the report quotes the app's output, which must not be read as workflow commands
    const resume = (0,external_node_crypto_.randomUUID)();
    core/* info */.pq(`::stop-commands::${resume}`);
    core/* info */.pq(report);
    core/* info */.pq(`::${resume}::`);
    core/* endGroup */.N4();
}
/** An error annotation on each culprit line, so it shows in the PR's Files view. */
function annotate(investigation, context) {
    for (const { result, diagnosis } of investigation.routes) {
        const culprit = diagnosis?.culprit;
        if (!diagnosis || !culprit)
            continue;
        const file = workspaceRelative(context.workspace, culprit.absolutePath);
        const stalled = result.verdict === 'stalled';
        const title = `Event loop ${stalled ? 'stalled' : 'blocked'}: ${diagnosis.pattern}`;
        const how = stalled
            ? `stalls the asyncio event loop here for ${longestStallMs(result)} ms`
            : 'blocks the asyncio event loop here';
        const route = investigation.routes.length > 1 ? ` (${routeLabel(result.route)})` : '';
        const message = `${plainText(diagnosis.blockingCall ?? 'a blocking call')} ${how}${route}; every request, /health included, waits. See the job summary for the fix.`;
        core/* error */.z3(message, { title, ...(file ? { file, startLine: culprit.line } : {}) });
    }
}
/** Each broken route's fix as a suggestion on the pull request's diff, its path in the repository found from the edited file's. */
function suggestionsOf(investigation, context) {
    const { decisive, routes } = investigation;
    return suggestionsFor([...(decisive ? [decisive] : []), ...routes.filter(r => r !== decisive)].map(route => ({
        verdict: route.result.verdict,
        ...(route.diagnosis ? { pattern: route.diagnosis.pattern } : {}),
        ...(route.fix ? { fix: route.fix } : {}),
        ...(route.verification ? { verification: route.verification } : {})
    })), edit => workspaceRelative(context.workspace, edit.file), investigation.healthPath);
}
/**
 * post-report mode: posts a report saved by a run of the PR's code (which had
 * a read-only token), running nothing of that code. The PR is the one whose
 * head is the workflow_run's commit, as GitHub reports it, not what the file says.
 */
async function postSavedReport(settings, context) {
    let loaded;
    try {
        loaded = readSavedReport(settings.postReport);
    }
    catch (error) {
        core/* setFailed */.C1(error instanceof SavedReportError ? error.message : String(error));
        return;
    }
    const { saved } = loaded;
    core/* setOutput */.uH('verdict', saved.verdict);
    core/* setOutput */.uH('comment-url', '');
    const run = context.workflowRun;
    if (!run) {
        core/* setFailed */.C1(`post-report runs on a workflow_run event, which says which commit the saved report is for; this is ${context.eventName || 'no event'}.`);
        return;
    }
    if (settings.githubToken === '') {
        core/* warning */.$e('github-token is empty, so the saved report was not posted.');
        return;
    }
    const { port, describeApiError } = await connect(settings, context);
    try {
        const target = await savedReportTarget(port, saved.headSha, run);
        if ('skip' in target) {
            core/* warning */.$e(target.skip);
            return;
        }
        const number = target.pullRequest;
        const markdown = redact(loaded.markdown, secretValues(process.env, [settings.githubToken]));
        const facts = { verdict: saved.verdict, markdown, sha: run.headSha, ...runUrlOf(context) };
        if (saved.pattern)
            facts.pattern = saved.pattern;
        if (saved.culprit)
            facts.culprit = saved.culprit;
        const outcome = await publishToPullRequest(port, number, facts, {
            key: settings.commentKey || saved.key || 'default',
            comment: settings.comment,
            fullReportAt: 'the job summary of the probe run'
        });
        core/* info */.pq(outcome.action === 'skipped'
            ? 'Nothing to report and no earlier comment: no comment posted.'
            : `PR #${number} comment ${outcome.action}: ${outcome.url}`);
        core/* setOutput */.uH('comment-url', outcome.url ?? '');
    }
    catch (error) {
        core/* warning */.$e(`The saved report was not posted. ${describeApiError(error, 'pull-requests: write')}`);
    }
}


/***/ }),

/***/ 7718:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   a: () => (/* binding */ runPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4183);
/* harmony import */ var _os_app_process_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(2877);
/* harmony import */ var _os_process_table_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(6402);
/* harmony import */ var _state_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3175);
// The post step: stops whatever is left of the app. The main step stops the
// app itself; this catches the cases where it could not (it was killed, or
// the runner lost it), and it runs on failure and cancellation too.




async function runPost() {
    const app = (0,_state_js__WEBPACK_IMPORTED_MODULE_3__/* .savedAppIdentity */ .$z)();
    if (!app || !(0,_os_process_table_js__WEBPACK_IMPORTED_MODULE_2__/* .isProcAvailable */ .yc)())
        return;
    const left = (0,_os_app_process_js__WEBPACK_IMPORTED_MODULE_1__/* .appProcesses */ .jn)(app);
    if (left.length === 0) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .debug */ .Yz('No process of the app is left.');
        return;
    }
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`${left.length} process(es) of the app were still running (${left.map(p => `${p.pid} ${p.comm}`).join(', ')}); stopping them.`);
    const report = await (0,_os_app_process_js__WEBPACK_IMPORTED_MODULE_1__/* .stopApp */ .cR)(app, 1000);
    if (report.survivors.length > 0)
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .warning */ .$e(`Could not stop processes ${report.survivors.join(', ')}.`);
}


/***/ }),

/***/ 3175:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   $z: () => (/* binding */ savedAppIdentity),
/* harmony export */   UM: () => (/* binding */ markMainStarted),
/* harmony export */   tE: () => (/* binding */ saveAppIdentity),
/* harmony export */   tl: () => (/* binding */ isPost)
/* harmony export */ });
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4183);
// What the main step leaves for the post step. The post step is the safety
// net that stops the app if the main step was killed before it could.

const isPost = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('isPost') === 'true';
function markMainStarted() {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('isPost', 'true');
}
function saveAppIdentity(app) {
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('app-pid', String(app.pid));
    _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .saveState */ .LZ('app-marker', app.marker);
}
function savedAppIdentity() {
    const pid = Number(_actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('app-pid'));
    const marker = _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .getState */ .Gu('app-marker');
    return Number.isInteger(pid) && pid > 0 && marker !== '' ? { pid, marker } : undefined;
}


/***/ }),

/***/ 9305:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.r(__webpack_exports__);
/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   ProxyAgent: () => (/* binding */ ProxyAgent),
/* harmony export */   fetch: () => (/* binding */ fetch),
/* harmony export */   provideUndici: () => (/* binding */ provideUndici)
/* harmony export */ });
// Stands in for `undici` in dist/index.js (tsconfig.json "paths"; ncc honours
// it). @actions/core and @actions/http-client import undici as they load, for
// an OIDC client and a proxy agent that nothing uses before a run talks to
// GitHub, and reading undici's 900 kB took about 50 ms of every start-up.
// The real undici travels in the GitHub client's chunk, which hands it over
// here (./undici.ts), so a run that posts nothing never reads it.
let loaded;
/** Called once, by ./undici.ts, as the GitHub client's chunk loads. */
function provideUndici(undici) {
    loaded = undici;
}
function undici() {
    if (!loaded)
        throw new Error('undici was used before the GitHub client loaded it (see src/github/undici.ts)');
    return loaded;
}
// `new ProxyAgent(...)` returns the real agent: a function called with `new`
// that returns an object gives that object, so undici sees its own class
const ProxyAgent = function (...args) {
    return new (undici().ProxyAgent)(...args);
};
const fetch = (...args) => undici().fetch(...args);


/***/ }),

/***/ 9407:
/***/ ((module, __unused_webpack___webpack_exports__, __nccwpck_require__) => {

__nccwpck_require__.a(module, async (__webpack_handle_async_dependencies__, __webpack_async_result__) => { try {
/* harmony import */ var _actions_core__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(4183);
/* harmony import */ var _action_main_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(9319);
/* harmony import */ var _action_post_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(7718);
/* harmony import */ var _action_state_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(3175);
// The bundle's entry, for both `main` and `post` in action.yml.




async function run() {
    try {
        if (_action_state_js__WEBPACK_IMPORTED_MODULE_3__/* .isPost */ .tl) {
            await (0,_action_post_js__WEBPACK_IMPORTED_MODULE_2__/* .runPost */ .a)();
        }
        else {
            (0,_action_state_js__WEBPACK_IMPORTED_MODULE_3__/* .markMainStarted */ .UM)();
            await (0,_action_main_js__WEBPACK_IMPORTED_MODULE_1__/* .runMain */ .V)();
        }
    }
    catch (error) {
        _actions_core__WEBPACK_IMPORTED_MODULE_0__/* .setFailed */ .C1(error instanceof Error ? (error.stack ?? error.message) : String(error));
    }
}
await run();

__webpack_async_result__();
} catch(e) { __webpack_async_result__(e); } }, 1);

/***/ }),

/***/ 2877:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   AP: () => (/* binding */ killAppNow),
/* harmony export */   FP: () => (/* binding */ attachApp),
/* harmony export */   Ty: () => (/* binding */ readLogTail),
/* harmony export */   Yk: () => (/* binding */ startApp),
/* harmony export */   cR: () => (/* binding */ stopApp),
/* harmony export */   jn: () => (/* binding */ appProcesses),
/* harmony export */   sX: () => (/* binding */ exitOf),
/* harmony export */   yb: () => (/* binding */ exitWithin)
/* harmony export */ });
/* unused harmony exports RUN_MARKER_VARIABLE, AppStartError */
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(1421);
/* harmony import */ var node_child_process__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_child_process__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(8500);
/* harmony import */ var node_timers_promises__WEBPACK_IMPORTED_MODULE_2___default = /*#__PURE__*/__nccwpck_require__.n(node_timers_promises__WEBPACK_IMPORTED_MODULE_2__);
/* harmony import */ var _process_table_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(6402);
// Starts the app in its own process group with its output in a log file, and
// stops it and everything it spawned: SIGTERM first, SIGKILL after a grace,
// since a hung app's loop cannot run its shutdown handlers.




/** The name of the environment variable that marks every process of one run. */
const RUN_MARKER_VARIABLE = 'BACKEND_HANG_DEBUG_RUN';
class AppStartError extends Error {
    constructor(message) {
        super(message);
        this.name = 'AppStartError';
    }
}
function startApp(options) {
    const logFd = node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync(options.logPath, 'a');
    let child;
    try {
        child = (0,node_child_process__WEBPACK_IMPORTED_MODULE_0__.spawn)('/bin/sh', ['-c', options.command], {
            cwd: options.cwd,
            env: {
                // Python buffers stdout when it is not a terminal; without this, a
                // killed app's last prints would never reach the log tail.
                PYTHONUNBUFFERED: '1',
                ...options.env,
                [RUN_MARKER_VARIABLE]: options.marker
            },
            // a new session and process group, so the whole app can be signalled at once
            detached: true,
            stdio: ['ignore', logFd, logFd]
        });
    }
    finally {
        node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync(logFd);
    }
    if (child.pid === undefined) {
        throw new AppStartError(`could not start /bin/sh for start-command in ${options.cwd}`);
    }
    const app = {
        pid: child.pid,
        marker: options.marker,
        logPath: options.logPath,
        exited: new Promise(resolve => {
            child.on('exit', (code, signal) => {
                app.exit = { code, signal };
                resolve(app.exit);
            });
            child.on('error', () => {
                app.exit = { code: null, signal: null };
                resolve(app.exit);
            });
        })
    };
    return app;
}
const POLL_MS = 20;
const ATTACHED_POLL_MS = 100;
/**
 * An app that runs already (the command line's --pid): its process tree is
 * the app. It was not started here, so it has no marker and no log, and its
 * exit is noticed by polling.
 */
function attachApp(pid) {
    const app = {
        pid,
        marker: '',
        logPath: '',
        exited: new Promise(resolve => {
            const timer = setInterval(() => {
                if ((0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .isAlive */ ._n)(pid))
                    return;
                clearInterval(timer);
                app.exit = { code: null, signal: null };
                resolve(app.exit);
            }, ATTACHED_POLL_MS);
            timer.unref();
        })
    };
    return app;
}
/** Every living process that belongs to the app: its group, its tree, and any that carry its marker. */
function appProcesses(app, table = (0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .listProcesses */ .O3)()) {
    const found = new Map();
    for (const p of (0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .processTree */ .WZ)(app.pid, table))
        found.set(p.pid, p);
    for (const p of table)
        if (p.pgid === app.pid && !(0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .isZombie */ .Zx)(p))
            found.set(p.pid, p);
    if (app.marker !== '')
        for (const p of (0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .processesWithEnv */ .r3)(RUN_MARKER_VARIABLE, app.marker, table))
            found.set(p.pid, p);
    found.delete(process.pid);
    return [...found.values()];
}
/**
 * How the app ended, once the shell that ran start-command and every process
 * it left are gone; undefined while any of them runs (a start-command that
 * backgrounds its server exits at once, yet the app is up).
 */
function exitOf(app) {
    return app.exit && appProcesses(app).length === 0 ? app.exit : undefined;
}
/** exitOf, waiting up to `ms` for it: a refused connection often comes just before the exit. */
async function exitWithin(app, ms) {
    const deadline = Date.now() + ms;
    while (!exitOf(app) && Date.now() < deadline)
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_2__.setTimeout)(POLL_MS);
    return exitOf(app);
}
function signalAll(app, pids, signal) {
    // the group may be gone, or the app may have left it: the pids still get the signal
    (0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .sendSignal */ .vG)(-app.pid, signal);
    for (const pid of pids)
        (0,_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .sendSignal */ .vG)(pid, signal);
}
async function waitUntilGone(pids, ms, pollMs = POLL_MS) {
    const deadline = Date.now() + ms;
    let alive = pids.filter(_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .isAlive */ ._n);
    while (alive.length > 0 && Date.now() < deadline) {
        await (0,node_timers_promises__WEBPACK_IMPORTED_MODULE_2__.setTimeout)(pollMs);
        alive = alive.filter(_process_table_js__WEBPACK_IMPORTED_MODULE_3__/* .isAlive */ ._n);
    }
    return alive;
}
/** A process killed with SIGKILL is gone within milliseconds: looked for more often than one asked to stop. */
const KILLED_POLL_MS = 5;
/**
 * Stops the app and every process it spawned. SIGTERM goes to the group and
 * to each process found; whatever is alive after `graceMs` gets SIGKILL.
 * With no grace (a hung loop, its stacks taken) there is no SIGTERM: nothing
 * would have the time to handle it.
 */
async function stopApp(app, graceMs) {
    const first = appProcesses(app).map(p => p.pid);
    if (first.length === 0)
        return { terminated: 0, killed: 0, survivors: [] };
    let stubborn = first;
    let remaining = first;
    if (graceMs > 0) {
        signalAll(app, first, 'SIGTERM');
        stubborn = await waitUntilGone(first, graceMs);
        // processes may have been spawned during the grace (a supervisor restarting a worker)
        remaining = [...new Set([...stubborn, ...appProcesses(app).map(p => p.pid)])];
        if (remaining.length === 0)
            return { terminated: first.length, killed: 0, survivors: [] };
    }
    signalAll(app, remaining, 'SIGKILL');
    const survivors = await waitUntilGone(remaining, 2000, KILLED_POLL_MS);
    return { terminated: first.length - stubborn.length, killed: remaining.length - survivors.length, survivors };
}
/** Last resort when the action itself is being torn down: SIGKILL without waiting. */
function killAppNow(app) {
    signalAll(app, appProcesses(app).map(p => p.pid), 'SIGKILL');
}
const TAIL_BYTES = 64 * 1024;
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[A-Za-z]/g;
/** The last `lines` lines of the app's log, without terminal colour codes. */
function readLogTail(logPath, lines) {
    let text;
    try {
        const fd = node_fs__WEBPACK_IMPORTED_MODULE_1__.openSync(logPath, 'r');
        try {
            const size = node_fs__WEBPACK_IMPORTED_MODULE_1__.fstatSync(fd).size;
            const length = Math.min(size, TAIL_BYTES);
            const buffer = Buffer.alloc(length);
            node_fs__WEBPACK_IMPORTED_MODULE_1__.readSync(fd, buffer, 0, length, size - length);
            text = buffer.toString('utf8');
            if (length < size)
                text = text.slice(text.indexOf('\n') + 1);
        }
        finally {
            node_fs__WEBPACK_IMPORTED_MODULE_1__.closeSync(fd);
        }
    }
    catch {
        return [];
    }
    const all = text.replace(ANSI, '').split(/\r?\n/);
    if (all.at(-1) === '')
        all.pop();
    return all.slice(-lines);
}


/***/ }),

/***/ 6402:
/***/ ((__unused_webpack_module, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   A1: () => (/* binding */ listenersOnPort),
/* harmony export */   O3: () => (/* binding */ listProcesses),
/* harmony export */   QY: () => (/* binding */ threadState),
/* harmony export */   SW: () => (/* binding */ isPythonProcess),
/* harmony export */   Vs: () => (/* binding */ argv0),
/* harmony export */   WZ: () => (/* binding */ processTree),
/* harmony export */   Zx: () => (/* binding */ isZombie),
/* harmony export */   _X: () => (/* binding */ workingDirectoryOf),
/* harmony export */   _n: () => (/* binding */ isAlive),
/* harmony export */   ay: () => (/* binding */ commandLine),
/* harmony export */   r3: () => (/* binding */ processesWithEnv),
/* harmony export */   rG: () => (/* binding */ unsupportedPlatform),
/* harmony export */   vG: () => (/* binding */ sendSignal),
/* harmony export */   yc: () => (/* binding */ isProcAvailable)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__nccwpck_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__nccwpck_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
// Reads the Linux process table from /proc. The app may fork, re-exec, detach
// into its own session, or leave orphans re-parented to init; these helpers let
// the capture and the cleanup find every process that belongs to the app.


/**
 * A zombie is already dead, only waiting to be reaped. A main thread that
 * ended before the others shows Z too, yet its other threads still run and
 * still hold its files: a killed server's listening socket stays open until
 * the last of them is gone, which on a busy machine takes a moment.
 */
function isZombie(p) {
    return p.state === 'Z' && p.threads <= 1;
}
const PROC = '/proc';
/** Parses /proc/<pid>/stat; the comm field may contain spaces and parentheses. */
function readStat(pid) {
    let text;
    try {
        text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`${PROC}/${pid}/stat`, 'utf8');
    }
    catch {
        return undefined;
    }
    const open = text.indexOf('(');
    const close = text.lastIndexOf(')');
    if (open < 0 || close < open)
        return undefined;
    const rest = text.slice(close + 2).split(' ');
    return {
        pid,
        comm: text.slice(open + 1, close),
        state: rest[0] ?? '',
        ppid: Number(rest[1]),
        pgid: Number(rest[2]),
        // field 20 of stat: num_threads
        threads: Number(rest[17])
    };
}
function listProcesses() {
    const processes = [];
    for (const entry of node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync(PROC)) {
        if (!/^\d+$/.test(entry))
            continue;
        const info = readStat(Number(entry));
        if (info)
            processes.push(info);
    }
    return processes;
}
/** The kernel's state letter of a process's main thread (R running, S sleeping, ...), or undefined when it is gone. */
function threadState(pid) {
    return readStat(pid)?.state;
}
/** Sends a signal to a process, or with a negative id to a process group, when it is still there. */
function sendSignal(target, signal) {
    try {
        process.kill(target, signal);
    }
    catch {
        // gone already
    }
}
function isAlive(pid) {
    const info = readStat(pid);
    return info !== undefined && !isZombie(info);
}
/** The root and all its living descendants, parents before children. */
function processTree(rootPid, table = listProcesses()) {
    const children = new Map();
    for (const p of table) {
        const siblings = children.get(p.ppid) ?? [];
        siblings.push(p);
        children.set(p.ppid, siblings);
    }
    const tree = [];
    const root = table.find(p => p.pid === rootPid);
    const queue = root ? [root] : [];
    while (queue.length > 0) {
        const next = queue.shift();
        if (!isZombie(next))
            tree.push(next);
        queue.push(...(children.get(next.pid) ?? []));
    }
    return tree;
}
/**
 * Living processes whose environment holds `name=value`. The action puts a
 * unique marker in the app's environment; children inherit it, so this finds
 * processes that left the process group or were re-parented after their
 * parent died. Only processes of our own user are readable, which is all we
 * may signal anyway.
 */
function processesWithEnv(name, value, table = listProcesses()) {
    const needle = Buffer.from(`\0${name}=${value}\0`);
    return table.filter(p => {
        if (isZombie(p) || p.pid === process.pid)
            return false;
        try {
            // entries are NUL-separated; a leading NUL lets the first entry match too
            const environ = Buffer.concat([Buffer.from('\0'), node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`${PROC}/${p.pid}/environ`)]);
            return environ.includes(needle);
        }
        catch {
            return false;
        }
    });
}
/** The command line, with arguments separated by spaces. */
function commandLine(pid) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`${PROC}/${pid}/cmdline`, 'utf8').replace(/\0+$/, '').split('\0').join(' ');
    }
    catch {
        return '';
    }
}
/** The first element of the command line: for a venv's python, the path inside the venv. */
function argv0(pid) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`${PROC}/${pid}/cmdline`, 'utf8').split('\0')[0] ?? '';
    }
    catch {
        return '';
    }
}
function workingDirectoryOf(pid) {
    try {
        return node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync(`${PROC}/${pid}/cwd`);
    }
    catch {
        return undefined;
    }
}
/**
 * True when the process runs a CPython (or PyPy) interpreter. py-spy must be
 * pointed at the interpreter itself: a shell wrapper's pid gives "Failed to
 * find python version".
 */
function isPythonProcess(pid) {
    let exe;
    try {
        exe = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync(`${PROC}/${pid}/exe`));
    }
    catch {
        // exe is unreadable for other users' processes; fall back to argv[0]
        exe = node_path__WEBPACK_IMPORTED_MODULE_1__.basename(argv0(pid));
    }
    return /^(python|pypy)(\d+(\.\d+)*)?[a-z]*$/.test(exe);
}
/** False on systems without a Linux /proc (the action supports Linux runners). */
function isProcAvailable() {
    return node_fs__WEBPACK_IMPORTED_MODULE_0__.existsSync(`${PROC}/self/stat`);
}
/** Why this machine cannot run the engine (it reads /proc), or undefined when it can. */
function unsupportedPlatform(platform = process.platform, hasProc = isProcAvailable()) {
    if (platform === 'linux' && hasProc)
        return undefined;
    return `backend-hang-debug runs on Linux (it reads /proc), e.g. an ubuntu-latest runner; this is ${platform}${platform === 'linux' ? ' without /proc' : ''}.`;
}
/** Processes with a TCP socket listening on the port (IPv4 or IPv6), for "port in use" messages. */
function listenersOnPort(port) {
    const inodes = new Set();
    for (const table of ['tcp', 'tcp6']) {
        let text;
        try {
            text = node_fs__WEBPACK_IMPORTED_MODULE_0__.readFileSync(`${PROC}/net/${table}`, 'utf8');
        }
        catch {
            continue;
        }
        for (const line of text.split('\n').slice(1)) {
            const fields = line.trim().split(/\s+/);
            const local = fields[1] ?? '';
            // fields: sl local_address rem_address st ... inode (10th); 0A is LISTEN
            if (fields[3] === '0A' && parseInt(local.slice(local.lastIndexOf(':') + 1), 16) === port)
                inodes.add(fields[9] ?? '');
        }
    }
    if (inodes.size === 0)
        return [];
    const found = [];
    for (const p of listProcesses()) {
        let fds;
        try {
            fds = node_fs__WEBPACK_IMPORTED_MODULE_0__.readdirSync(`${PROC}/${p.pid}/fd`);
        }
        catch {
            continue;
        }
        const holds = fds.some(fd => {
            try {
                const match = /^socket:\[(\d+)\]$/.exec(node_fs__WEBPACK_IMPORTED_MODULE_0__.readlinkSync(`${PROC}/${p.pid}/fd/${fd}`));
                return match !== null && inodes.has(match[1]);
            }
            catch {
                return false;
            }
        });
        if (holds)
            found.push({ pid: p.pid, command: commandLine(p.pid) || p.comm });
    }
    return found;
}


/***/ }),

/***/ 8327:
/***/ ((module) => {

module.exports = eval("require")("bufferutil");


/***/ }),

/***/ 2414:
/***/ ((module) => {

module.exports = eval("require")("utf-8-validate");


/***/ }),

/***/ 2613:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("assert");

/***/ }),

/***/ 181:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("buffer");

/***/ }),

/***/ 6982:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("crypto");

/***/ }),

/***/ 4434:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("events");

/***/ }),

/***/ 9896:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("fs");

/***/ }),

/***/ 8611:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("http");

/***/ }),

/***/ 5692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("https");

/***/ }),

/***/ 9278:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("net");

/***/ }),

/***/ 4589:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:assert");

/***/ }),

/***/ 6698:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:async_hooks");

/***/ }),

/***/ 4573:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:buffer");

/***/ }),

/***/ 1421:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:child_process");

/***/ }),

/***/ 7540:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:console");

/***/ }),

/***/ 7598:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:crypto");

/***/ }),

/***/ 3053:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:diagnostics_channel");

/***/ }),

/***/ 610:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:dns");

/***/ }),

/***/ 8474:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:events");

/***/ }),

/***/ 3024:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:fs");

/***/ }),

/***/ 7067:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http");

/***/ }),

/***/ 2467:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:http2");

/***/ }),

/***/ 4708:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:https");

/***/ }),

/***/ 7030:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:net");

/***/ }),

/***/ 6760:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:path");

/***/ }),

/***/ 643:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:perf_hooks");

/***/ }),

/***/ 1792:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:querystring");

/***/ }),

/***/ 7075:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:stream");

/***/ }),

/***/ 8500:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:timers/promises");

/***/ }),

/***/ 1692:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:tls");

/***/ }),

/***/ 3136:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:url");

/***/ }),

/***/ 7975:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util");

/***/ }),

/***/ 3429:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:util/types");

/***/ }),

/***/ 5919:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:worker_threads");

/***/ }),

/***/ 8522:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("node:zlib");

/***/ }),

/***/ 857:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("os");

/***/ }),

/***/ 3480:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("querystring");

/***/ }),

/***/ 2203:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("stream");

/***/ }),

/***/ 3193:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("string_decoder");

/***/ }),

/***/ 4756:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("tls");

/***/ }),

/***/ 7016:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("url");

/***/ }),

/***/ 9023:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("util");

/***/ }),

/***/ 3106:
/***/ ((module) => {

module.exports = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("zlib");

/***/ }),

/***/ 4183:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Yz: () => (/* binding */ core_debug),
  N4: () => (/* binding */ endGroup),
  z3: () => (/* binding */ error),
  V4: () => (/* binding */ getInput),
  Gu: () => (/* binding */ getState),
  pq: () => (/* binding */ info),
  LZ: () => (/* binding */ saveState),
  C1: () => (/* binding */ setFailed),
  uH: () => (/* binding */ setOutput),
  Pq: () => (/* binding */ core_setSecret),
  Oh: () => (/* binding */ startGroup),
  z: () => (/* reexport */ summary),
  $e: () => (/* binding */ warning)
});

// UNUSED EXPORTS: ExitCode, addPath, exportVariable, getBooleanInput, getIDToken, getMultilineInput, group, isDebug, markdownSummary, notice, platform, setCommandEcho, toPlatformPath, toPosixPath, toWin32Path

// EXTERNAL MODULE: external "os"
var external_os_ = __nccwpck_require__(857);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/utils.js
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */
/**
 * Sanitizes an input into a string so it can be passed into issueCommand safely
 * @param input input to sanitize into a string
 */
function utils_toCommandValue(input) {
    if (input === null || input === undefined) {
        return '';
    }
    else if (typeof input === 'string' || input instanceof String) {
        return input;
    }
    return JSON.stringify(input);
}
/**
 *
 * @param annotationProperties
 * @returns The command properties to send with the actual annotation command
 * See IssueCommandProperties: https://github.com/actions/runner/blob/main/src/Runner.Worker/ActionCommandManager.cs#L646
 */
function utils_toCommandProperties(annotationProperties) {
    if (!Object.keys(annotationProperties).length) {
        return {};
    }
    return {
        title: annotationProperties.title,
        file: annotationProperties.file,
        line: annotationProperties.startLine,
        endLine: annotationProperties.endLine,
        col: annotationProperties.startColumn,
        endColumn: annotationProperties.endColumn
    };
}
//# sourceMappingURL=utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/command.js


/**
 * Issues a command to the GitHub Actions runner
 *
 * @param command - The command name to issue
 * @param properties - Additional properties for the command (key-value pairs)
 * @param message - The message to include with the command
 * @remarks
 * This function outputs a specially formatted string to stdout that the Actions
 * runner interprets as a command. These commands can control workflow behavior,
 * set outputs, create annotations, mask values, and more.
 *
 * Command Format:
 *   ::name key=value,key=value::message
 *
 * @example
 * ```typescript
 * // Issue a warning annotation
 * issueCommand('warning', {}, 'This is a warning message');
 * // Output: ::warning::This is a warning message
 *
 * // Set an environment variable
 * issueCommand('set-env', { name: 'MY_VAR' }, 'some value');
 * // Output: ::set-env name=MY_VAR::some value
 *
 * // Add a secret mask
 * issueCommand('add-mask', {}, 'secretValue123');
 * // Output: ::add-mask::secretValue123
 * ```
 *
 * @internal
 * This is an internal utility function that powers the public API functions
 * such as setSecret, warning, error, and exportVariable.
 */
function command_issueCommand(command, properties, message) {
    const cmd = new Command(command, properties, message);
    process.stdout.write(cmd.toString() + external_os_.EOL);
}
function command_issue(name, message = '') {
    command_issueCommand(name, {}, message);
}
const CMD_STRING = '::';
class Command {
    constructor(command, properties, message) {
        if (!command) {
            command = 'missing.command';
        }
        this.command = command;
        this.properties = properties;
        this.message = message;
    }
    toString() {
        let cmdStr = CMD_STRING + this.command;
        if (this.properties && Object.keys(this.properties).length > 0) {
            cmdStr += ' ';
            let first = true;
            for (const key in this.properties) {
                if (this.properties.hasOwnProperty(key)) {
                    const val = this.properties[key];
                    if (val) {
                        if (first) {
                            first = false;
                        }
                        else {
                            cmdStr += ',';
                        }
                        cmdStr += `${key}=${escapeProperty(val)}`;
                    }
                }
            }
        }
        cmdStr += `${CMD_STRING}${escapeData(this.message)}`;
        return cmdStr;
    }
}
function escapeData(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A');
}
function escapeProperty(s) {
    return utils_toCommandValue(s)
        .replace(/%/g, '%25')
        .replace(/\r/g, '%0D')
        .replace(/\n/g, '%0A')
        .replace(/:/g, '%3A')
        .replace(/,/g, '%2C');
}
//# sourceMappingURL=command.js.map
// EXTERNAL MODULE: external "crypto"
var external_crypto_ = __nccwpck_require__(6982);
// EXTERNAL MODULE: external "fs"
var external_fs_ = __nccwpck_require__(9896);
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/file-command.js
// For internal use, subject to change.
// We use any as a valid input type
/* eslint-disable @typescript-eslint/no-explicit-any */




function file_command_issueFileCommand(command, message) {
    const filePath = process.env[`GITHUB_${command}`];
    if (!filePath) {
        throw new Error(`Unable to find environment variable for file command ${command}`);
    }
    if (!external_fs_.existsSync(filePath)) {
        throw new Error(`Missing file at path: ${filePath}`);
    }
    external_fs_.appendFileSync(filePath, `${utils_toCommandValue(message)}${external_os_.EOL}`, {
        encoding: 'utf8'
    });
}
function file_command_prepareKeyValueMessage(key, value) {
    const delimiter = `ghadelimiter_${external_crypto_.randomUUID()}`;
    const convertedValue = utils_toCommandValue(value);
    // These should realistically never happen, but just in case someone finds a
    // way to exploit uuid generation let's not allow keys or values that contain
    // the delimiter.
    if (key.includes(delimiter)) {
        throw new Error(`Unexpected input: name should not contain the delimiter "${delimiter}"`);
    }
    if (convertedValue.includes(delimiter)) {
        throw new Error(`Unexpected input: value should not contain the delimiter "${delimiter}"`);
    }
    return `${key}<<${delimiter}${external_os_.EOL}${convertedValue}${external_os_.EOL}${delimiter}`;
}
//# sourceMappingURL=file-command.js.map
;// CONCATENATED MODULE: external "path"
const external_path_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("path");
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __nccwpck_require__(4942);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/auth.js
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};
class BasicCredentialHandler {
    constructor(username, password) {
        this.username = username;
        this.password = password;
    }
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`${this.username}:${this.password}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class auth_BearerCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Bearer ${this.token}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
class PersonalAccessTokenCredentialHandler {
    constructor(token) {
        this.token = token;
    }
    // currently implements pre-authorization
    // TODO: support preAuth = false where it hooks on 401
    prepareRequest(options) {
        if (!options.headers) {
            throw Error('The request has no headers');
        }
        options.headers['Authorization'] = `Basic ${Buffer.from(`PAT:${this.token}`).toString('base64')}`;
    }
    // This handler cannot handle 401
    canHandleAuthentication() {
        return false;
    }
    handleAuthentication() {
        return __awaiter(this, void 0, void 0, function* () {
            throw new Error('not implemented');
        });
    }
}
//# sourceMappingURL=auth.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/oidc-utils.js
var oidc_utils_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



class oidc_utils_OidcClient {
    static createHttpClient(allowRetry = true, maxRetry = 10) {
        const requestOptions = {
            allowRetries: allowRetry,
            maxRetries: maxRetry
        };
        return new HttpClient('actions/oidc-client', [new BearerCredentialHandler(oidc_utils_OidcClient.getRequestToken())], requestOptions);
    }
    static getRequestToken() {
        const token = process.env['ACTIONS_ID_TOKEN_REQUEST_TOKEN'];
        if (!token) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_TOKEN env variable');
        }
        return token;
    }
    static getIDTokenUrl() {
        const runtimeUrl = process.env['ACTIONS_ID_TOKEN_REQUEST_URL'];
        if (!runtimeUrl) {
            throw new Error('Unable to get ACTIONS_ID_TOKEN_REQUEST_URL env variable');
        }
        return runtimeUrl;
    }
    static getCall(id_token_url) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            var _a;
            const httpclient = oidc_utils_OidcClient.createHttpClient();
            const res = yield httpclient
                .getJson(id_token_url)
                .catch(error => {
                throw new Error(`Failed to get ID Token. \n 
        Error Code : ${error.statusCode}\n 
        Error Message: ${error.message}`);
            });
            const id_token = (_a = res.result) === null || _a === void 0 ? void 0 : _a.value;
            if (!id_token) {
                throw new Error('Response json body do not have ID Token field');
            }
            return id_token;
        });
    }
    static getIDToken(audience) {
        return oidc_utils_awaiter(this, void 0, void 0, function* () {
            try {
                // New ID Token is requested from action service
                let id_token_url = oidc_utils_OidcClient.getIDTokenUrl();
                if (audience) {
                    const encodedAudience = encodeURIComponent(audience);
                    id_token_url = `${id_token_url}&audience=${encodedAudience}`;
                }
                debug(`ID token url is ${id_token_url}`);
                const id_token = yield oidc_utils_OidcClient.getCall(id_token_url);
                setSecret(id_token);
                return id_token;
            }
            catch (error) {
                throw new Error(`Error message: ${error.message}`);
            }
        });
    }
}
//# sourceMappingURL=oidc-utils.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/summary.js
var summary_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { access, appendFile, writeFile } = external_fs_.promises;
const SUMMARY_ENV_VAR = 'GITHUB_STEP_SUMMARY';
const SUMMARY_DOCS_URL = 'https://docs.github.com/actions/using-workflows/workflow-commands-for-github-actions#adding-a-job-summary';
class Summary {
    constructor() {
        this._buffer = '';
    }
    /**
     * Finds the summary file path from the environment, rejects if env var is not found or file does not exist
     * Also checks r/w permissions.
     *
     * @returns step summary file path
     */
    filePath() {
        return summary_awaiter(this, void 0, void 0, function* () {
            if (this._filePath) {
                return this._filePath;
            }
            const pathFromEnv = process.env[SUMMARY_ENV_VAR];
            if (!pathFromEnv) {
                throw new Error(`Unable to find environment variable for $${SUMMARY_ENV_VAR}. Check if your runtime environment supports job summaries.`);
            }
            try {
                yield access(pathFromEnv, external_fs_.constants.R_OK | external_fs_.constants.W_OK);
            }
            catch (_a) {
                throw new Error(`Unable to access summary file: '${pathFromEnv}'. Check if the file has correct read/write permissions.`);
            }
            this._filePath = pathFromEnv;
            return this._filePath;
        });
    }
    /**
     * Wraps content in an HTML tag, adding any HTML attributes
     *
     * @param {string} tag HTML tag to wrap
     * @param {string | null} content content within the tag
     * @param {[attribute: string]: string} attrs key-value list of HTML attributes to add
     *
     * @returns {string} content wrapped in HTML element
     */
    wrap(tag, content, attrs = {}) {
        const htmlAttrs = Object.entries(attrs)
            .map(([key, value]) => ` ${key}="${value}"`)
            .join('');
        if (!content) {
            return `<${tag}${htmlAttrs}>`;
        }
        return `<${tag}${htmlAttrs}>${content}</${tag}>`;
    }
    /**
     * Writes text in the buffer to the summary buffer file and empties buffer. Will append by default.
     *
     * @param {SummaryWriteOptions} [options] (optional) options for write operation
     *
     * @returns {Promise<Summary>} summary instance
     */
    write(options) {
        return summary_awaiter(this, void 0, void 0, function* () {
            const overwrite = !!(options === null || options === void 0 ? void 0 : options.overwrite);
            const filePath = yield this.filePath();
            const writeFunc = overwrite ? writeFile : appendFile;
            yield writeFunc(filePath, this._buffer, { encoding: 'utf8' });
            return this.emptyBuffer();
        });
    }
    /**
     * Clears the summary buffer and wipes the summary file
     *
     * @returns {Summary} summary instance
     */
    clear() {
        return summary_awaiter(this, void 0, void 0, function* () {
            return this.emptyBuffer().write({ overwrite: true });
        });
    }
    /**
     * Returns the current summary buffer as a string
     *
     * @returns {string} string of summary buffer
     */
    stringify() {
        return this._buffer;
    }
    /**
     * If the summary buffer is empty
     *
     * @returns {boolen} true if the buffer is empty
     */
    isEmptyBuffer() {
        return this._buffer.length === 0;
    }
    /**
     * Resets the summary buffer without writing to summary file
     *
     * @returns {Summary} summary instance
     */
    emptyBuffer() {
        this._buffer = '';
        return this;
    }
    /**
     * Adds raw text to the summary buffer
     *
     * @param {string} text content to add
     * @param {boolean} [addEOL=false] (optional) append an EOL to the raw text (default: false)
     *
     * @returns {Summary} summary instance
     */
    addRaw(text, addEOL = false) {
        this._buffer += text;
        return addEOL ? this.addEOL() : this;
    }
    /**
     * Adds the operating system-specific end-of-line marker to the buffer
     *
     * @returns {Summary} summary instance
     */
    addEOL() {
        return this.addRaw(external_os_.EOL);
    }
    /**
     * Adds an HTML codeblock to the summary buffer
     *
     * @param {string} code content to render within fenced code block
     * @param {string} lang (optional) language to syntax highlight code
     *
     * @returns {Summary} summary instance
     */
    addCodeBlock(code, lang) {
        const attrs = Object.assign({}, (lang && { lang }));
        const element = this.wrap('pre', this.wrap('code', code), attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML list to the summary buffer
     *
     * @param {string[]} items list of items to render
     * @param {boolean} [ordered=false] (optional) if the rendered list should be ordered or not (default: false)
     *
     * @returns {Summary} summary instance
     */
    addList(items, ordered = false) {
        const tag = ordered ? 'ol' : 'ul';
        const listItems = items.map(item => this.wrap('li', item)).join('');
        const element = this.wrap(tag, listItems);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML table to the summary buffer
     *
     * @param {SummaryTableCell[]} rows table rows
     *
     * @returns {Summary} summary instance
     */
    addTable(rows) {
        const tableBody = rows
            .map(row => {
            const cells = row
                .map(cell => {
                if (typeof cell === 'string') {
                    return this.wrap('td', cell);
                }
                const { header, data, colspan, rowspan } = cell;
                const tag = header ? 'th' : 'td';
                const attrs = Object.assign(Object.assign({}, (colspan && { colspan })), (rowspan && { rowspan }));
                return this.wrap(tag, data, attrs);
            })
                .join('');
            return this.wrap('tr', cells);
        })
            .join('');
        const element = this.wrap('table', tableBody);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds a collapsable HTML details element to the summary buffer
     *
     * @param {string} label text for the closed state
     * @param {string} content collapsable content
     *
     * @returns {Summary} summary instance
     */
    addDetails(label, content) {
        const element = this.wrap('details', this.wrap('summary', label) + content);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML image tag to the summary buffer
     *
     * @param {string} src path to the image you to embed
     * @param {string} alt text description of the image
     * @param {SummaryImageOptions} options (optional) addition image attributes
     *
     * @returns {Summary} summary instance
     */
    addImage(src, alt, options) {
        const { width, height } = options || {};
        const attrs = Object.assign(Object.assign({}, (width && { width })), (height && { height }));
        const element = this.wrap('img', null, Object.assign({ src, alt }, attrs));
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML section heading element
     *
     * @param {string} text heading text
     * @param {number | string} [level=1] (optional) the heading level, default: 1
     *
     * @returns {Summary} summary instance
     */
    addHeading(text, level) {
        const tag = `h${level}`;
        const allowedTag = ['h1', 'h2', 'h3', 'h4', 'h5', 'h6'].includes(tag)
            ? tag
            : 'h1';
        const element = this.wrap(allowedTag, text);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML thematic break (<hr>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addSeparator() {
        const element = this.wrap('hr', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML line break (<br>) to the summary buffer
     *
     * @returns {Summary} summary instance
     */
    addBreak() {
        const element = this.wrap('br', null);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML blockquote to the summary buffer
     *
     * @param {string} text quote text
     * @param {string} cite (optional) citation url
     *
     * @returns {Summary} summary instance
     */
    addQuote(text, cite) {
        const attrs = Object.assign({}, (cite && { cite }));
        const element = this.wrap('blockquote', text, attrs);
        return this.addRaw(element).addEOL();
    }
    /**
     * Adds an HTML anchor tag to the summary buffer
     *
     * @param {string} text link text/content
     * @param {string} href hyperlink
     *
     * @returns {Summary} summary instance
     */
    addLink(text, href) {
        const element = this.wrap('a', text, { href });
        return this.addRaw(element).addEOL();
    }
}
const _summary = new Summary();
/**
 * @deprecated use `core.summary`
 */
const markdownSummary = (/* unused pure expression or super */ null && (_summary));
const summary = _summary;
//# sourceMappingURL=summary.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/path-utils.js

/**
 * toPosixPath converts the given path to the posix form. On Windows, \\ will be
 * replaced with /.
 *
 * @param pth. Path to transform.
 * @return string Posix path.
 */
function toPosixPath(pth) {
    return pth.replace(/[\\]/g, '/');
}
/**
 * toWin32Path converts the given path to the win32 form. On Linux, / will be
 * replaced with \\.
 *
 * @param pth. Path to transform.
 * @return string Win32 path.
 */
function toWin32Path(pth) {
    return pth.replace(/[/]/g, '\\');
}
/**
 * toPlatformPath converts the given path to a platform-specific path. It does
 * this by replacing instances of / and \ with the platform-specific path
 * separator.
 *
 * @param pth The path to platformize.
 * @return string The platform-specific path.
 */
function toPlatformPath(pth) {
    return pth.replace(/[/\\]/g, path.sep);
}
//# sourceMappingURL=path-utils.js.map
// EXTERNAL MODULE: external "string_decoder"
var external_string_decoder_ = __nccwpck_require__(3193);
// EXTERNAL MODULE: external "events"
var external_events_ = __nccwpck_require__(4434);
;// CONCATENATED MODULE: external "child_process"
const external_child_process_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("child_process");
// EXTERNAL MODULE: external "assert"
var external_assert_ = __nccwpck_require__(2613);
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io-util.js
var io_util_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const { chmod, copyFile, lstat, mkdir, open: io_util_open, readdir, rename, rm, rmdir, stat, symlink, unlink } = external_fs_.promises;
// export const {open} = 'fs'
const IS_WINDOWS = process.platform === 'win32';
/**
 * Custom implementation of readlink to ensure Windows junctions
 * maintain trailing backslash for backward compatibility with Node.js < 24
 *
 * In Node.js 20, Windows junctions (directory symlinks) always returned paths
 * with trailing backslashes. Node.js 24 removed this behavior, which breaks
 * code that relied on this format for path operations.
 *
 * This implementation restores the Node 20 behavior by adding a trailing
 * backslash to all junction results on Windows.
 */
function readlink(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        const result = yield fs.promises.readlink(fsPath);
        // On Windows, restore Node 20 behavior: add trailing backslash to all results
        // since junctions on Windows are always directory links
        if (IS_WINDOWS && !result.endsWith('\\')) {
            return `${result}\\`;
        }
        return result;
    });
}
// See https://github.com/nodejs/node/blob/d0153aee367422d0858105abec186da4dff0a0c5/deps/uv/include/uv/win.h#L691
const UV_FS_O_EXLOCK = 0x10000000;
const READONLY = external_fs_.constants.O_RDONLY;
function exists(fsPath) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        try {
            yield stat(fsPath);
        }
        catch (err) {
            if (err.code === 'ENOENT') {
                return false;
            }
            throw err;
        }
        return true;
    });
}
function isDirectory(fsPath_1) {
    return io_util_awaiter(this, arguments, void 0, function* (fsPath, useStat = false) {
        const stats = useStat ? yield stat(fsPath) : yield lstat(fsPath);
        return stats.isDirectory();
    });
}
/**
 * On OSX/Linux, true if path starts with '/'. On Windows, true for paths like:
 * \, \hello, \\hello\share, C:, and C:\hello (and corresponding alternate separator cases).
 */
function isRooted(p) {
    p = normalizeSeparators(p);
    if (!p) {
        throw new Error('isRooted() parameter "p" cannot be empty');
    }
    if (IS_WINDOWS) {
        return (p.startsWith('\\') || /^[A-Z]:/i.test(p) // e.g. \ or \hello or \\hello
        ); // e.g. C: or C:\hello
    }
    return p.startsWith('/');
}
/**
 * Best effort attempt to determine whether a file exists and is executable.
 * @param filePath    file path to check
 * @param extensions  additional file extensions to try
 * @return if file exists and is executable, returns the file path. otherwise empty string.
 */
function tryGetExecutablePath(filePath, extensions) {
    return io_util_awaiter(this, void 0, void 0, function* () {
        let stats = undefined;
        try {
            // test file exists
            stats = yield stat(filePath);
        }
        catch (err) {
            if (err.code !== 'ENOENT') {
                // eslint-disable-next-line no-console
                console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
            }
        }
        if (stats && stats.isFile()) {
            if (IS_WINDOWS) {
                // on Windows, test for valid extension
                const upperExt = external_path_namespaceObject.extname(filePath).toUpperCase();
                if (extensions.some(validExt => validExt.toUpperCase() === upperExt)) {
                    return filePath;
                }
            }
            else {
                if (isUnixExecutable(stats)) {
                    return filePath;
                }
            }
        }
        // try each extension
        const originalFilePath = filePath;
        for (const extension of extensions) {
            filePath = originalFilePath + extension;
            stats = undefined;
            try {
                stats = yield stat(filePath);
            }
            catch (err) {
                if (err.code !== 'ENOENT') {
                    // eslint-disable-next-line no-console
                    console.log(`Unexpected error attempting to determine if executable file exists '${filePath}': ${err}`);
                }
            }
            if (stats && stats.isFile()) {
                if (IS_WINDOWS) {
                    // preserve the case of the actual file (since an extension was appended)
                    try {
                        const directory = external_path_namespaceObject.dirname(filePath);
                        const upperName = external_path_namespaceObject.basename(filePath).toUpperCase();
                        for (const actualName of yield readdir(directory)) {
                            if (upperName === actualName.toUpperCase()) {
                                filePath = external_path_namespaceObject.join(directory, actualName);
                                break;
                            }
                        }
                    }
                    catch (err) {
                        // eslint-disable-next-line no-console
                        console.log(`Unexpected error attempting to determine the actual case of the file '${filePath}': ${err}`);
                    }
                    return filePath;
                }
                else {
                    if (isUnixExecutable(stats)) {
                        return filePath;
                    }
                }
            }
        }
        return '';
    });
}
function normalizeSeparators(p) {
    p = p || '';
    if (IS_WINDOWS) {
        // convert slashes on Windows
        p = p.replace(/\//g, '\\');
        // remove redundant slashes
        return p.replace(/\\\\+/g, '\\');
    }
    // remove redundant slashes
    return p.replace(/\/\/+/g, '/');
}
// on Mac/Linux, test the execute bit
//     R   W  X  R  W X R W X
//   256 128 64 32 16 8 4 2 1
function isUnixExecutable(stats) {
    return ((stats.mode & 1) > 0 ||
        ((stats.mode & 8) > 0 &&
            process.getgid !== undefined &&
            stats.gid === process.getgid()) ||
        ((stats.mode & 64) > 0 &&
            process.getuid !== undefined &&
            stats.uid === process.getuid()));
}
// Get the path of cmd.exe in windows
function getCmdPath() {
    var _a;
    return (_a = process.env['COMSPEC']) !== null && _a !== void 0 ? _a : `cmd.exe`;
}
//# sourceMappingURL=io-util.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/io/lib/io.js
var io_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};



/**
 * Copies a file or folder.
 * Based off of shelljs - https://github.com/shelljs/shelljs/blob/9237f66c52e5daa40458f94f9565e18e8132f5a6/src/cp.js
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See CopyOptions.
 */
function cp(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        const { force, recursive, copySourceDirectory } = readCopyOptions(options);
        const destStat = (yield ioUtil.exists(dest)) ? yield ioUtil.stat(dest) : null;
        // Dest is an existing file, but not forcing
        if (destStat && destStat.isFile() && !force) {
            return;
        }
        // If dest is an existing directory, should copy inside.
        const newDest = destStat && destStat.isDirectory() && copySourceDirectory
            ? path.join(dest, path.basename(source))
            : dest;
        if (!(yield ioUtil.exists(source))) {
            throw new Error(`no such file or directory: ${source}`);
        }
        const sourceStat = yield ioUtil.stat(source);
        if (sourceStat.isDirectory()) {
            if (!recursive) {
                throw new Error(`Failed to copy. ${source} is a directory, but tried to copy without recursive flag.`);
            }
            else {
                yield cpDirRecursive(source, newDest, 0, force);
            }
        }
        else {
            if (path.relative(source, newDest) === '') {
                // a file cannot be copied to itself
                throw new Error(`'${newDest}' and '${source}' are the same file`);
            }
            yield io_copyFile(source, newDest, force);
        }
    });
}
/**
 * Moves a path.
 *
 * @param     source    source path
 * @param     dest      destination path
 * @param     options   optional. See MoveOptions.
 */
function mv(source_1, dest_1) {
    return io_awaiter(this, arguments, void 0, function* (source, dest, options = {}) {
        if (yield ioUtil.exists(dest)) {
            let destExists = true;
            if (yield ioUtil.isDirectory(dest)) {
                // If dest is directory copy src into dest
                dest = path.join(dest, path.basename(source));
                destExists = yield ioUtil.exists(dest);
            }
            if (destExists) {
                if (options.force == null || options.force) {
                    yield rmRF(dest);
                }
                else {
                    throw new Error('Destination already exists');
                }
            }
        }
        yield mkdirP(path.dirname(dest));
        yield ioUtil.rename(source, dest);
    });
}
/**
 * Remove a path recursively with force
 *
 * @param inputPath path to remove
 */
function rmRF(inputPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (ioUtil.IS_WINDOWS) {
            // Check for invalid characters
            // https://docs.microsoft.com/en-us/windows/win32/fileio/naming-a-file
            if (/[*"<>|]/.test(inputPath)) {
                throw new Error('File path must not contain `*`, `"`, `<`, `>` or `|` on Windows');
            }
        }
        try {
            // note if path does not exist, error is silent
            yield ioUtil.rm(inputPath, {
                force: true,
                maxRetries: 3,
                recursive: true,
                retryDelay: 300
            });
        }
        catch (err) {
            throw new Error(`File was unable to be removed ${err}`);
        }
    });
}
/**
 * Make a directory.  Creates the full path with folders in between
 * Will throw if it fails
 *
 * @param   fsPath        path to create
 * @returns Promise<void>
 */
function mkdirP(fsPath) {
    return io_awaiter(this, void 0, void 0, function* () {
        ok(fsPath, 'a path argument must be provided');
        yield ioUtil.mkdir(fsPath, { recursive: true });
    });
}
/**
 * Returns path of a tool had the tool actually been invoked.  Resolves via paths.
 * If you check and the tool does not exist, it will throw.
 *
 * @param     tool              name of the tool
 * @param     check             whether to check if tool exists
 * @returns   Promise<string>   path to tool
 */
function which(tool, check) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // recursive when check=true
        if (check) {
            const result = yield which(tool, false);
            if (!result) {
                if (IS_WINDOWS) {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also verify the file has a valid extension for an executable file.`);
                }
                else {
                    throw new Error(`Unable to locate executable file: ${tool}. Please verify either the file path exists or the file can be found within a directory specified by the PATH environment variable. Also check the file mode to verify the file is executable.`);
                }
            }
            return result;
        }
        const matches = yield findInPath(tool);
        if (matches && matches.length > 0) {
            return matches[0];
        }
        return '';
    });
}
/**
 * Returns a list of all occurrences of the given tool on the system path.
 *
 * @returns   Promise<string[]>  the paths of the tool
 */
function findInPath(tool) {
    return io_awaiter(this, void 0, void 0, function* () {
        if (!tool) {
            throw new Error("parameter 'tool' is required");
        }
        // build the list of extensions to try
        const extensions = [];
        if (IS_WINDOWS && process.env['PATHEXT']) {
            for (const extension of process.env['PATHEXT'].split(external_path_namespaceObject.delimiter)) {
                if (extension) {
                    extensions.push(extension);
                }
            }
        }
        // if it's rooted, return it if exists. otherwise return empty.
        if (isRooted(tool)) {
            const filePath = yield tryGetExecutablePath(tool, extensions);
            if (filePath) {
                return [filePath];
            }
            return [];
        }
        // if any path separators, return empty
        if (tool.includes(external_path_namespaceObject.sep)) {
            return [];
        }
        // build the list of directories
        //
        // Note, technically "where" checks the current directory on Windows. From a toolkit perspective,
        // it feels like we should not do this. Checking the current directory seems like more of a use
        // case of a shell, and the which() function exposed by the toolkit should strive for consistency
        // across platforms.
        const directories = [];
        if (process.env.PATH) {
            for (const p of process.env.PATH.split(external_path_namespaceObject.delimiter)) {
                if (p) {
                    directories.push(p);
                }
            }
        }
        // find all matches
        const matches = [];
        for (const directory of directories) {
            const filePath = yield tryGetExecutablePath(external_path_namespaceObject.join(directory, tool), extensions);
            if (filePath) {
                matches.push(filePath);
            }
        }
        return matches;
    });
}
function readCopyOptions(options) {
    const force = options.force == null ? true : options.force;
    const recursive = Boolean(options.recursive);
    const copySourceDirectory = options.copySourceDirectory == null
        ? true
        : Boolean(options.copySourceDirectory);
    return { force, recursive, copySourceDirectory };
}
function cpDirRecursive(sourceDir, destDir, currentDepth, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        // Ensure there is not a run away recursive copy
        if (currentDepth >= 255)
            return;
        currentDepth++;
        yield mkdirP(destDir);
        const files = yield ioUtil.readdir(sourceDir);
        for (const fileName of files) {
            const srcFile = `${sourceDir}/${fileName}`;
            const destFile = `${destDir}/${fileName}`;
            const srcFileStat = yield ioUtil.lstat(srcFile);
            if (srcFileStat.isDirectory()) {
                // Recurse
                yield cpDirRecursive(srcFile, destFile, currentDepth, force);
            }
            else {
                yield io_copyFile(srcFile, destFile, force);
            }
        }
        // Change the mode for the newly created directory
        yield ioUtil.chmod(destDir, (yield ioUtil.stat(sourceDir)).mode);
    });
}
// Buffered file copy
function io_copyFile(srcFile, destFile, force) {
    return io_awaiter(this, void 0, void 0, function* () {
        if ((yield ioUtil.lstat(srcFile)).isSymbolicLink()) {
            // unlink/re-link it
            try {
                yield ioUtil.lstat(destFile);
                yield ioUtil.unlink(destFile);
            }
            catch (e) {
                // Try to override file permission
                if (e.code === 'EPERM') {
                    yield ioUtil.chmod(destFile, '0666');
                    yield ioUtil.unlink(destFile);
                }
                // other errors = it doesn't exist, no work to do
            }
            // Copy over symlink
            const symlinkFull = yield ioUtil.readlink(srcFile);
            yield ioUtil.symlink(symlinkFull, destFile, ioUtil.IS_WINDOWS ? 'junction' : null);
        }
        else if (!(yield ioUtil.exists(destFile)) || force) {
            yield ioUtil.copyFile(srcFile, destFile);
        }
    });
}
//# sourceMappingURL=io.js.map
;// CONCATENATED MODULE: external "timers"
const external_timers_namespaceObject = __WEBPACK_EXTERNAL_createRequire(import.meta.url)("timers");
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/toolrunner.js
var toolrunner_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};







/* eslint-disable @typescript-eslint/unbound-method */
const toolrunner_IS_WINDOWS = process.platform === 'win32';
/*
 * Class for running command line tools. Handles quoting and arg parsing in a platform agnostic way.
 */
class ToolRunner extends external_events_.EventEmitter {
    constructor(toolPath, args, options) {
        super();
        if (!toolPath) {
            throw new Error("Parameter 'toolPath' cannot be null or empty.");
        }
        this.toolPath = toolPath;
        this.args = args || [];
        this.options = options || {};
    }
    _debug(message) {
        if (this.options.listeners && this.options.listeners.debug) {
            this.options.listeners.debug(message);
        }
    }
    _getCommandString(options, noPrefix) {
        const toolPath = this._getSpawnFileName();
        const args = this._getSpawnArgs(options);
        let cmd = noPrefix ? '' : '[command]'; // omit prefix when piped to a second tool
        if (toolrunner_IS_WINDOWS) {
            // Windows + cmd file
            if (this._isCmdFile()) {
                cmd += toolPath;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows + verbatim
            else if (options.windowsVerbatimArguments) {
                cmd += `"${toolPath}"`;
                for (const a of args) {
                    cmd += ` ${a}`;
                }
            }
            // Windows (regular)
            else {
                cmd += this._windowsQuoteCmdArg(toolPath);
                for (const a of args) {
                    cmd += ` ${this._windowsQuoteCmdArg(a)}`;
                }
            }
        }
        else {
            // OSX/Linux - this can likely be improved with some form of quoting.
            // creating processes on Unix is fundamentally different than Windows.
            // on Unix, execvp() takes an arg array.
            cmd += toolPath;
            for (const a of args) {
                cmd += ` ${a}`;
            }
        }
        return cmd;
    }
    _processLineBuffer(data, strBuffer, onLine) {
        try {
            let s = strBuffer + data.toString();
            let n = s.indexOf(external_os_.EOL);
            while (n > -1) {
                const line = s.substring(0, n);
                onLine(line);
                // the rest of the string ...
                s = s.substring(n + external_os_.EOL.length);
                n = s.indexOf(external_os_.EOL);
            }
            return s;
        }
        catch (err) {
            // streaming lines to console is best effort.  Don't fail a build.
            this._debug(`error processing line. Failed with error ${err}`);
            return '';
        }
    }
    _getSpawnFileName() {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                return process.env['COMSPEC'] || 'cmd.exe';
            }
        }
        return this.toolPath;
    }
    _getSpawnArgs(options) {
        if (toolrunner_IS_WINDOWS) {
            if (this._isCmdFile()) {
                let argline = `/D /S /C "${this._windowsQuoteCmdArg(this.toolPath)}`;
                for (const a of this.args) {
                    argline += ' ';
                    argline += options.windowsVerbatimArguments
                        ? a
                        : this._windowsQuoteCmdArg(a);
                }
                argline += '"';
                return [argline];
            }
        }
        return this.args;
    }
    _endsWith(str, end) {
        return str.endsWith(end);
    }
    _isCmdFile() {
        const upperToolPath = this.toolPath.toUpperCase();
        return (this._endsWith(upperToolPath, '.CMD') ||
            this._endsWith(upperToolPath, '.BAT'));
    }
    _windowsQuoteCmdArg(arg) {
        // for .exe, apply the normal quoting rules that libuv applies
        if (!this._isCmdFile()) {
            return this._uvQuoteCmdArg(arg);
        }
        // otherwise apply quoting rules specific to the cmd.exe command line parser.
        // the libuv rules are generic and are not designed specifically for cmd.exe
        // command line parser.
        //
        // for a detailed description of the cmd.exe command line parser, refer to
        // http://stackoverflow.com/questions/4094699/how-does-the-windows-command-interpreter-cmd-exe-parse-scripts/7970912#7970912
        // need quotes for empty arg
        if (!arg) {
            return '""';
        }
        // determine whether the arg needs to be quoted
        const cmdSpecialChars = [
            ' ',
            '\t',
            '&',
            '(',
            ')',
            '[',
            ']',
            '{',
            '}',
            '^',
            '=',
            ';',
            '!',
            "'",
            '+',
            ',',
            '`',
            '~',
            '|',
            '<',
            '>',
            '"'
        ];
        let needsQuotes = false;
        for (const char of arg) {
            if (cmdSpecialChars.some(x => x === char)) {
                needsQuotes = true;
                break;
            }
        }
        // short-circuit if quotes not needed
        if (!needsQuotes) {
            return arg;
        }
        // the following quoting rules are very similar to the rules that by libuv applies.
        //
        // 1) wrap the string in quotes
        //
        // 2) double-up quotes - i.e. " => ""
        //
        //    this is different from the libuv quoting rules. libuv replaces " with \", which unfortunately
        //    doesn't work well with a cmd.exe command line.
        //
        //    note, replacing " with "" also works well if the arg is passed to a downstream .NET console app.
        //    for example, the command line:
        //          foo.exe "myarg:""my val"""
        //    is parsed by a .NET console app into an arg array:
        //          [ "myarg:\"my val\"" ]
        //    which is the same end result when applying libuv quoting rules. although the actual
        //    command line from libuv quoting rules would look like:
        //          foo.exe "myarg:\"my val\""
        //
        // 3) double-up slashes that precede a quote,
        //    e.g.  hello \world    => "hello \world"
        //          hello\"world    => "hello\\""world"
        //          hello\\"world   => "hello\\\\""world"
        //          hello world\    => "hello world\\"
        //
        //    technically this is not required for a cmd.exe command line, or the batch argument parser.
        //    the reasons for including this as a .cmd quoting rule are:
        //
        //    a) this is optimized for the scenario where the argument is passed from the .cmd file to an
        //       external program. many programs (e.g. .NET console apps) rely on the slash-doubling rule.
        //
        //    b) it's what we've been doing previously (by deferring to node default behavior) and we
        //       haven't heard any complaints about that aspect.
        //
        // note, a weakness of the quoting rules chosen here, is that % is not escaped. in fact, % cannot be
        // escaped when used on the command line directly - even though within a .cmd file % can be escaped
        // by using %%.
        //
        // the saving grace is, on the command line, %var% is left as-is if var is not defined. this contrasts
        // the line parsing rules within a .cmd file, where if var is not defined it is replaced with nothing.
        //
        // one option that was explored was replacing % with ^% - i.e. %var% => ^%var^%. this hack would
        // often work, since it is unlikely that var^ would exist, and the ^ character is removed when the
        // variable is used. the problem, however, is that ^ is not removed when %* is used to pass the args
        // to an external program.
        //
        // an unexplored potential solution for the % escaping problem, is to create a wrapper .cmd file.
        // % can be escaped within a .cmd file.
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\'; // double the slash
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '"'; // double the quote
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _uvQuoteCmdArg(arg) {
        // Tool runner wraps child_process.spawn() and needs to apply the same quoting as
        // Node in certain cases where the undocumented spawn option windowsVerbatimArguments
        // is used.
        //
        // Since this function is a port of quote_cmd_arg from Node 4.x (technically, lib UV,
        // see https://github.com/nodejs/node/blob/v4.x/deps/uv/src/win/process.c for details),
        // pasting copyright notice from Node within this function:
        //
        //      Copyright Joyent, Inc. and other Node contributors. All rights reserved.
        //
        //      Permission is hereby granted, free of charge, to any person obtaining a copy
        //      of this software and associated documentation files (the "Software"), to
        //      deal in the Software without restriction, including without limitation the
        //      rights to use, copy, modify, merge, publish, distribute, sublicense, and/or
        //      sell copies of the Software, and to permit persons to whom the Software is
        //      furnished to do so, subject to the following conditions:
        //
        //      The above copyright notice and this permission notice shall be included in
        //      all copies or substantial portions of the Software.
        //
        //      THE SOFTWARE IS PROVIDED "AS IS", WITHOUT WARRANTY OF ANY KIND, EXPRESS OR
        //      IMPLIED, INCLUDING BUT NOT LIMITED TO THE WARRANTIES OF MERCHANTABILITY,
        //      FITNESS FOR A PARTICULAR PURPOSE AND NONINFRINGEMENT. IN NO EVENT SHALL THE
        //      AUTHORS OR COPYRIGHT HOLDERS BE LIABLE FOR ANY CLAIM, DAMAGES OR OTHER
        //      LIABILITY, WHETHER IN AN ACTION OF CONTRACT, TORT OR OTHERWISE, ARISING
        //      FROM, OUT OF OR IN CONNECTION WITH THE SOFTWARE OR THE USE OR OTHER DEALINGS
        //      IN THE SOFTWARE.
        if (!arg) {
            // Need double quotation for empty argument
            return '""';
        }
        if (!arg.includes(' ') && !arg.includes('\t') && !arg.includes('"')) {
            // No quotation needed
            return arg;
        }
        if (!arg.includes('"') && !arg.includes('\\')) {
            // No embedded double quotes or backslashes, so I can just wrap
            // quote marks around the whole thing.
            return `"${arg}"`;
        }
        // Expected input/output:
        //   input : hello"world
        //   output: "hello\"world"
        //   input : hello""world
        //   output: "hello\"\"world"
        //   input : hello\world
        //   output: hello\world
        //   input : hello\\world
        //   output: hello\\world
        //   input : hello\"world
        //   output: "hello\\\"world"
        //   input : hello\\"world
        //   output: "hello\\\\\"world"
        //   input : hello world\
        //   output: "hello world\\" - note the comment in libuv actually reads "hello world\"
        //                             but it appears the comment is wrong, it should be "hello world\\"
        let reverse = '"';
        let quoteHit = true;
        for (let i = arg.length; i > 0; i--) {
            // walk the string in reverse
            reverse += arg[i - 1];
            if (quoteHit && arg[i - 1] === '\\') {
                reverse += '\\';
            }
            else if (arg[i - 1] === '"') {
                quoteHit = true;
                reverse += '\\';
            }
            else {
                quoteHit = false;
            }
        }
        reverse += '"';
        return reverse.split('').reverse().join('');
    }
    _cloneExecOptions(options) {
        options = options || {};
        const result = {
            cwd: options.cwd || process.cwd(),
            env: options.env || process.env,
            silent: options.silent || false,
            windowsVerbatimArguments: options.windowsVerbatimArguments || false,
            failOnStdErr: options.failOnStdErr || false,
            ignoreReturnCode: options.ignoreReturnCode || false,
            delay: options.delay || 10000
        };
        result.outStream = options.outStream || process.stdout;
        result.errStream = options.errStream || process.stderr;
        return result;
    }
    _getSpawnOptions(options, toolPath) {
        options = options || {};
        const result = {};
        result.cwd = options.cwd;
        result.env = options.env;
        result['windowsVerbatimArguments'] =
            options.windowsVerbatimArguments || this._isCmdFile();
        if (options.windowsVerbatimArguments) {
            result.argv0 = `"${toolPath}"`;
        }
        return result;
    }
    /**
     * Exec a tool.
     * Output will be streamed to the live console.
     * Returns promise with return code
     *
     * @param     tool     path to tool to exec
     * @param     options  optional exec options.  See ExecOptions
     * @returns   number
     */
    exec() {
        return toolrunner_awaiter(this, void 0, void 0, function* () {
            // root the tool path if it is unrooted and contains relative pathing
            if (!isRooted(this.toolPath) &&
                (this.toolPath.includes('/') ||
                    (toolrunner_IS_WINDOWS && this.toolPath.includes('\\')))) {
                // prefer options.cwd if it is specified, however options.cwd may also need to be rooted
                this.toolPath = external_path_namespaceObject.resolve(process.cwd(), this.options.cwd || process.cwd(), this.toolPath);
            }
            // if the tool is only a file name, then resolve it from the PATH
            // otherwise verify it exists (add extension on Windows if necessary)
            this.toolPath = yield which(this.toolPath, true);
            return new Promise((resolve, reject) => toolrunner_awaiter(this, void 0, void 0, function* () {
                this._debug(`exec tool: ${this.toolPath}`);
                this._debug('arguments:');
                for (const arg of this.args) {
                    this._debug(`   ${arg}`);
                }
                const optionsNonNull = this._cloneExecOptions(this.options);
                if (!optionsNonNull.silent && optionsNonNull.outStream) {
                    optionsNonNull.outStream.write(this._getCommandString(optionsNonNull) + external_os_.EOL);
                }
                const state = new ExecState(optionsNonNull, this.toolPath);
                state.on('debug', (message) => {
                    this._debug(message);
                });
                if (this.options.cwd && !(yield exists(this.options.cwd))) {
                    return reject(new Error(`The cwd: ${this.options.cwd} does not exist!`));
                }
                const fileName = this._getSpawnFileName();
                const cp = external_child_process_namespaceObject.spawn(fileName, this._getSpawnArgs(optionsNonNull), this._getSpawnOptions(this.options, fileName));
                let stdbuffer = '';
                if (cp.stdout) {
                    cp.stdout.on('data', (data) => {
                        if (this.options.listeners && this.options.listeners.stdout) {
                            this.options.listeners.stdout(data);
                        }
                        if (!optionsNonNull.silent && optionsNonNull.outStream) {
                            optionsNonNull.outStream.write(data);
                        }
                        stdbuffer = this._processLineBuffer(data, stdbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.stdline) {
                                this.options.listeners.stdline(line);
                            }
                        });
                    });
                }
                let errbuffer = '';
                if (cp.stderr) {
                    cp.stderr.on('data', (data) => {
                        state.processStderr = true;
                        if (this.options.listeners && this.options.listeners.stderr) {
                            this.options.listeners.stderr(data);
                        }
                        if (!optionsNonNull.silent &&
                            optionsNonNull.errStream &&
                            optionsNonNull.outStream) {
                            const s = optionsNonNull.failOnStdErr
                                ? optionsNonNull.errStream
                                : optionsNonNull.outStream;
                            s.write(data);
                        }
                        errbuffer = this._processLineBuffer(data, errbuffer, (line) => {
                            if (this.options.listeners && this.options.listeners.errline) {
                                this.options.listeners.errline(line);
                            }
                        });
                    });
                }
                cp.on('error', (err) => {
                    state.processError = err.message;
                    state.processExited = true;
                    state.processClosed = true;
                    state.CheckComplete();
                });
                cp.on('exit', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    this._debug(`Exit code ${code} received from tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                cp.on('close', (code) => {
                    state.processExitCode = code;
                    state.processExited = true;
                    state.processClosed = true;
                    this._debug(`STDIO streams have closed for tool '${this.toolPath}'`);
                    state.CheckComplete();
                });
                state.on('done', (error, exitCode) => {
                    if (stdbuffer.length > 0) {
                        this.emit('stdline', stdbuffer);
                    }
                    if (errbuffer.length > 0) {
                        this.emit('errline', errbuffer);
                    }
                    cp.removeAllListeners();
                    if (error) {
                        reject(error);
                    }
                    else {
                        resolve(exitCode);
                    }
                });
                if (this.options.input) {
                    if (!cp.stdin) {
                        throw new Error('child process missing stdin');
                    }
                    cp.stdin.end(this.options.input);
                }
            }));
        });
    }
}
/**
 * Convert an arg string to an array of args. Handles escaping
 *
 * @param    argString   string of arguments
 * @returns  string[]    array of arguments
 */
function argStringToArray(argString) {
    const args = [];
    let inQuotes = false;
    let escaped = false;
    let arg = '';
    function append(c) {
        // we only escape double quotes.
        if (escaped && c !== '"') {
            arg += '\\';
        }
        arg += c;
        escaped = false;
    }
    for (let i = 0; i < argString.length; i++) {
        const c = argString.charAt(i);
        if (c === '"') {
            if (!escaped) {
                inQuotes = !inQuotes;
            }
            else {
                append(c);
            }
            continue;
        }
        if (c === '\\' && escaped) {
            append(c);
            continue;
        }
        if (c === '\\' && inQuotes) {
            escaped = true;
            continue;
        }
        if (c === ' ' && !inQuotes) {
            if (arg.length > 0) {
                args.push(arg);
                arg = '';
            }
            continue;
        }
        append(c);
    }
    if (arg.length > 0) {
        args.push(arg.trim());
    }
    return args;
}
class ExecState extends external_events_.EventEmitter {
    constructor(options, toolPath) {
        super();
        this.processClosed = false; // tracks whether the process has exited and stdio is closed
        this.processError = '';
        this.processExitCode = 0;
        this.processExited = false; // tracks whether the process has exited
        this.processStderr = false; // tracks whether stderr was written to
        this.delay = 10000; // 10 seconds
        this.done = false;
        this.timeout = null;
        if (!toolPath) {
            throw new Error('toolPath must not be empty');
        }
        this.options = options;
        this.toolPath = toolPath;
        if (options.delay) {
            this.delay = options.delay;
        }
    }
    CheckComplete() {
        if (this.done) {
            return;
        }
        if (this.processClosed) {
            this._setResult();
        }
        else if (this.processExited) {
            this.timeout = (0,external_timers_namespaceObject.setTimeout)(ExecState.HandleTimeout, this.delay, this);
        }
    }
    _debug(message) {
        this.emit('debug', message);
    }
    _setResult() {
        // determine whether there is an error
        let error;
        if (this.processExited) {
            if (this.processError) {
                error = new Error(`There was an error when attempting to execute the process '${this.toolPath}'. This may indicate the process failed to start. Error: ${this.processError}`);
            }
            else if (this.processExitCode !== 0 && !this.options.ignoreReturnCode) {
                error = new Error(`The process '${this.toolPath}' failed with exit code ${this.processExitCode}`);
            }
            else if (this.processStderr && this.options.failOnStdErr) {
                error = new Error(`The process '${this.toolPath}' failed because one or more lines were written to the STDERR stream`);
            }
        }
        // clear the timeout
        if (this.timeout) {
            clearTimeout(this.timeout);
            this.timeout = null;
        }
        this.done = true;
        this.emit('done', error, this.processExitCode);
    }
    static HandleTimeout(state) {
        if (state.done) {
            return;
        }
        if (!state.processClosed && state.processExited) {
            const message = `The STDIO streams did not close within ${state.delay / 1000} seconds of the exit event from process '${state.toolPath}'. This may indicate a child process inherited the STDIO streams and has not yet exited.`;
            state._debug(message);
        }
        state._setResult();
    }
}
//# sourceMappingURL=toolrunner.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/exec/lib/exec.js
var exec_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


/**
 * Exec a command.
 * Output will be streamed to the live console.
 * Returns promise with return code
 *
 * @param     commandLine        command to execute (can include additional args). Must be correctly escaped.
 * @param     args               optional arguments for tool. Escaping is handled by the lib.
 * @param     options            optional exec options.  See ExecOptions
 * @returns   Promise<number>    exit code
 */
function exec_exec(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        const commandArgs = tr.argStringToArray(commandLine);
        if (commandArgs.length === 0) {
            throw new Error(`Parameter 'commandLine' cannot be null or empty.`);
        }
        // Path to tool to execute should be first arg
        const toolPath = commandArgs[0];
        args = commandArgs.slice(1).concat(args || []);
        const runner = new tr.ToolRunner(toolPath, args, options);
        return runner.exec();
    });
}
/**
 * Exec a command and get the output.
 * Output will be streamed to the live console.
 * Returns promise with the exit code and collected stdout and stderr
 *
 * @param     commandLine           command to execute (can include additional args). Must be correctly escaped.
 * @param     args                  optional arguments for tool. Escaping is handled by the lib.
 * @param     options               optional exec options.  See ExecOptions
 * @returns   Promise<ExecOutput>   exit code, stdout, and stderr
 */
function getExecOutput(commandLine, args, options) {
    return exec_awaiter(this, void 0, void 0, function* () {
        var _a, _b;
        let stdout = '';
        let stderr = '';
        //Using string decoder covers the case where a mult-byte character is split
        const stdoutDecoder = new StringDecoder('utf8');
        const stderrDecoder = new StringDecoder('utf8');
        const originalStdoutListener = (_a = options === null || options === void 0 ? void 0 : options.listeners) === null || _a === void 0 ? void 0 : _a.stdout;
        const originalStdErrListener = (_b = options === null || options === void 0 ? void 0 : options.listeners) === null || _b === void 0 ? void 0 : _b.stderr;
        const stdErrListener = (data) => {
            stderr += stderrDecoder.write(data);
            if (originalStdErrListener) {
                originalStdErrListener(data);
            }
        };
        const stdOutListener = (data) => {
            stdout += stdoutDecoder.write(data);
            if (originalStdoutListener) {
                originalStdoutListener(data);
            }
        };
        const listeners = Object.assign(Object.assign({}, options === null || options === void 0 ? void 0 : options.listeners), { stdout: stdOutListener, stderr: stdErrListener });
        const exitCode = yield exec_exec(commandLine, args, Object.assign(Object.assign({}, options), { listeners }));
        //flush any remaining characters
        stdout += stdoutDecoder.end();
        stderr += stderrDecoder.end();
        return {
            exitCode,
            stdout,
            stderr
        };
    });
}
//# sourceMappingURL=exec.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/platform.js
var platform_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};


const getWindowsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout: version } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Version"', undefined, {
        silent: true
    });
    const { stdout: name } = yield exec.getExecOutput('powershell -command "(Get-CimInstance -ClassName Win32_OperatingSystem).Caption"', undefined, {
        silent: true
    });
    return {
        name: name.trim(),
        version: version.trim()
    };
});
const getMacOsInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    var _a, _b, _c, _d;
    const { stdout } = yield exec.getExecOutput('sw_vers', undefined, {
        silent: true
    });
    const version = (_b = (_a = stdout.match(/ProductVersion:\s*(.+)/)) === null || _a === void 0 ? void 0 : _a[1]) !== null && _b !== void 0 ? _b : '';
    const name = (_d = (_c = stdout.match(/ProductName:\s*(.+)/)) === null || _c === void 0 ? void 0 : _c[1]) !== null && _d !== void 0 ? _d : '';
    return {
        name,
        version
    };
});
const getLinuxInfo = () => platform_awaiter(void 0, void 0, void 0, function* () {
    const { stdout } = yield exec.getExecOutput('lsb_release', ['-i', '-r', '-s'], {
        silent: true
    });
    const [name, version] = stdout.trim().split('\n');
    return {
        name,
        version
    };
});
const platform = external_os_.platform();
const arch = external_os_.arch();
const isWindows = platform === 'win32';
const isMacOS = platform === 'darwin';
const isLinux = platform === 'linux';
function getDetails() {
    return platform_awaiter(this, void 0, void 0, function* () {
        return Object.assign(Object.assign({}, (yield (isWindows
            ? getWindowsInfo()
            : isMacOS
                ? getMacOsInfo()
                : getLinuxInfo()))), { platform,
            arch,
            isWindows,
            isMacOS,
            isLinux });
    });
}
//# sourceMappingURL=platform.js.map
;// CONCATENATED MODULE: ./node_modules/@actions/core/lib/core.js
var core_awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};






/**
 * The code to exit an action
 */
var ExitCode;
(function (ExitCode) {
    /**
     * A code indicating that the action was successful
     */
    ExitCode[ExitCode["Success"] = 0] = "Success";
    /**
     * A code indicating that the action was a failure
     */
    ExitCode[ExitCode["Failure"] = 1] = "Failure";
})(ExitCode || (ExitCode = {}));
//-----------------------------------------------------------------------
// Variables
//-----------------------------------------------------------------------
/**
 * Sets env variable for this action and future actions in the job
 * @param name the name of the variable to set
 * @param val the value of the variable. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function exportVariable(name, val) {
    const convertedVal = toCommandValue(val);
    process.env[name] = convertedVal;
    const filePath = process.env['GITHUB_ENV'] || '';
    if (filePath) {
        return issueFileCommand('ENV', prepareKeyValueMessage(name, val));
    }
    issueCommand('set-env', { name }, convertedVal);
}
/**
 * Registers a secret which will get masked from logs
 *
 * @param secret - Value of the secret to be masked
 * @remarks
 * This function instructs the Actions runner to mask the specified value in any
 * logs produced during the workflow run. Once registered, the secret value will
 * be replaced with asterisks (***) whenever it appears in console output, logs,
 * or error messages.
 *
 * This is useful for protecting sensitive information such as:
 * - API keys
 * - Access tokens
 * - Authentication credentials
 * - URL parameters containing signatures (SAS tokens)
 *
 * Note that masking only affects future logs; any previous appearances of the
 * secret in logs before calling this function will remain unmasked.
 *
 * @example
 * ```typescript
 * // Register an API token as a secret
 * const apiToken = "abc123xyz456";
 * setSecret(apiToken);
 *
 * // Now any logs containing this value will show *** instead
 * console.log(`Using token: ${apiToken}`); // Outputs: "Using token: ***"
 * ```
 */
function core_setSecret(secret) {
    command_issueCommand('add-mask', {}, secret);
}
/**
 * Prepends inputPath to the PATH (for this action and future actions)
 * @param inputPath
 */
function addPath(inputPath) {
    const filePath = process.env['GITHUB_PATH'] || '';
    if (filePath) {
        issueFileCommand('PATH', inputPath);
    }
    else {
        issueCommand('add-path', {}, inputPath);
    }
    process.env['PATH'] = `${inputPath}${path.delimiter}${process.env['PATH']}`;
}
/**
 * Gets the value of an input.
 * Unless trimWhitespace is set to false in InputOptions, the value is also trimmed.
 * Returns an empty string if the value is not defined.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string
 */
function getInput(name, options) {
    const val = process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '';
    if (options && options.required && !val) {
        throw new Error(`Input required and not supplied: ${name}`);
    }
    if (options && options.trimWhitespace === false) {
        return val;
    }
    return val.trim();
}
/**
 * Gets the values of an multiline input.  Each value is also trimmed.
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   string[]
 *
 */
function getMultilineInput(name, options) {
    const inputs = getInput(name, options)
        .split('\n')
        .filter(x => x !== '');
    if (options && options.trimWhitespace === false) {
        return inputs;
    }
    return inputs.map(input => input.trim());
}
/**
 * Gets the input value of the boolean type in the YAML 1.2 "core schema" specification.
 * Support boolean input list: `true | True | TRUE | false | False | FALSE` .
 * The return value is also in boolean type.
 * ref: https://yaml.org/spec/1.2/spec.html#id2804923
 *
 * @param     name     name of the input to get
 * @param     options  optional. See InputOptions.
 * @returns   boolean
 */
function getBooleanInput(name, options) {
    const trueValue = ['true', 'True', 'TRUE'];
    const falseValue = ['false', 'False', 'FALSE'];
    const val = getInput(name, options);
    if (trueValue.includes(val))
        return true;
    if (falseValue.includes(val))
        return false;
    throw new TypeError(`Input does not meet YAML 1.2 "Core Schema" specification: ${name}\n` +
        `Support boolean input list: \`true | True | TRUE | false | False | FALSE\``);
}
/**
 * Sets the value of an output.
 *
 * @param     name     name of the output to set
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function setOutput(name, value) {
    const filePath = process.env['GITHUB_OUTPUT'] || '';
    if (filePath) {
        return file_command_issueFileCommand('OUTPUT', file_command_prepareKeyValueMessage(name, value));
    }
    process.stdout.write(external_os_.EOL);
    command_issueCommand('set-output', { name }, utils_toCommandValue(value));
}
/**
 * Enables or disables the echoing of commands into stdout for the rest of the step.
 * Echoing is disabled by default if ACTIONS_STEP_DEBUG is not set.
 *
 */
function setCommandEcho(enabled) {
    issue('echo', enabled ? 'on' : 'off');
}
//-----------------------------------------------------------------------
// Results
//-----------------------------------------------------------------------
/**
 * Sets the action status to failed.
 * When the action exits it will be with an exit code of 1
 * @param message add error issue message
 */
function setFailed(message) {
    process.exitCode = ExitCode.Failure;
    error(message);
}
//-----------------------------------------------------------------------
// Logging Commands
//-----------------------------------------------------------------------
/**
 * Gets whether Actions Step Debug is on or not
 */
function isDebug() {
    return process.env['RUNNER_DEBUG'] === '1';
}
/**
 * Writes debug message to user log
 * @param message debug message
 */
function core_debug(message) {
    command_issueCommand('debug', {}, message);
}
/**
 * Adds an error issue
 * @param message error issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function error(message, properties = {}) {
    command_issueCommand('error', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a warning issue
 * @param message warning issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function warning(message, properties = {}) {
    command_issueCommand('warning', utils_toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Adds a notice issue
 * @param message notice issue message. Errors will be converted to string via toString()
 * @param properties optional properties to add to the annotation.
 */
function notice(message, properties = {}) {
    issueCommand('notice', toCommandProperties(properties), message instanceof Error ? message.toString() : message);
}
/**
 * Writes info to log with console.log.
 * @param message info message
 */
function info(message) {
    process.stdout.write(message + external_os_.EOL);
}
/**
 * Begin an output group.
 *
 * Output until the next `groupEnd` will be foldable in this group
 *
 * @param name The name of the output group
 */
function startGroup(name) {
    command_issue('group', name);
}
/**
 * End an output group.
 */
function endGroup() {
    command_issue('endgroup');
}
/**
 * Wrap an asynchronous function call in a group.
 *
 * Returns the same type as the function itself.
 *
 * @param name The name of the group
 * @param fn The function to wrap in the group
 */
function group(name, fn) {
    return core_awaiter(this, void 0, void 0, function* () {
        startGroup(name);
        let result;
        try {
            result = yield fn();
        }
        finally {
            endGroup();
        }
        return result;
    });
}
//-----------------------------------------------------------------------
// Wrapper action state
//-----------------------------------------------------------------------
/**
 * Saves state for current action, the state can only be retrieved by this action's post job execution.
 *
 * @param     name     name of the state to store
 * @param     value    value to store. Non-string values will be converted to a string via JSON.stringify
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
function saveState(name, value) {
    const filePath = process.env['GITHUB_STATE'] || '';
    if (filePath) {
        return file_command_issueFileCommand('STATE', file_command_prepareKeyValueMessage(name, value));
    }
    command_issueCommand('save-state', { name }, utils_toCommandValue(value));
}
/**
 * Gets the value of an state set by this action's main execution.
 *
 * @param     name     name of the state to get
 * @returns   string
 */
function getState(name) {
    return process.env[`STATE_${name}`] || '';
}
function getIDToken(aud) {
    return core_awaiter(this, void 0, void 0, function* () {
        return yield OidcClient.getIDToken(aud);
    });
}
/**
 * Summary exports
 */

/**
 * @deprecated use core.summary
 */

/**
 * Path exports
 */

/**
 * Platform utilities exports
 */

//# sourceMappingURL=core.js.map

/***/ }),

/***/ 4942:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {


// EXPORTS
__nccwpck_require__.d(__webpack_exports__, {
  Qq: () => (/* binding */ HttpClient)
});

// UNUSED EXPORTS: Headers, HttpClientError, HttpClientResponse, HttpCodes, MediaTypes, getProxyUrl, isHttps

// EXTERNAL MODULE: external "http"
var external_http_ = __nccwpck_require__(8611);
var external_http_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_http_, 2);
// EXTERNAL MODULE: external "https"
var external_https_ = __nccwpck_require__(5692);
var external_https_namespaceObject = /*#__PURE__*/__nccwpck_require__.t(external_https_, 2);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/proxy.js
function getProxyUrl(reqUrl) {
    const usingSsl = reqUrl.protocol === 'https:';
    if (checkBypass(reqUrl)) {
        return undefined;
    }
    const proxyVar = (() => {
        if (usingSsl) {
            return process.env['https_proxy'] || process.env['HTTPS_PROXY'];
        }
        else {
            return process.env['http_proxy'] || process.env['HTTP_PROXY'];
        }
    })();
    if (proxyVar) {
        try {
            return new DecodedURL(proxyVar);
        }
        catch (_a) {
            if (!proxyVar.startsWith('http://') && !proxyVar.startsWith('https://'))
                return new DecodedURL(`http://${proxyVar}`);
        }
    }
    else {
        return undefined;
    }
}
function checkBypass(reqUrl) {
    if (!reqUrl.hostname) {
        return false;
    }
    const reqHost = reqUrl.hostname;
    if (isLoopbackAddress(reqHost)) {
        return true;
    }
    const noProxy = process.env['no_proxy'] || process.env['NO_PROXY'] || '';
    if (!noProxy) {
        return false;
    }
    // Determine the request port
    let reqPort;
    if (reqUrl.port) {
        reqPort = Number(reqUrl.port);
    }
    else if (reqUrl.protocol === 'http:') {
        reqPort = 80;
    }
    else if (reqUrl.protocol === 'https:') {
        reqPort = 443;
    }
    // Format the request hostname and hostname with port
    const upperReqHosts = [reqUrl.hostname.toUpperCase()];
    if (typeof reqPort === 'number') {
        upperReqHosts.push(`${upperReqHosts[0]}:${reqPort}`);
    }
    // Compare request host against noproxy
    for (const upperNoProxyItem of noProxy
        .split(',')
        .map(x => x.trim().toUpperCase())
        .filter(x => x)) {
        if (upperNoProxyItem === '*' ||
            upperReqHosts.some(x => x === upperNoProxyItem ||
                x.endsWith(`.${upperNoProxyItem}`) ||
                (upperNoProxyItem.startsWith('.') &&
                    x.endsWith(`${upperNoProxyItem}`)))) {
            return true;
        }
    }
    return false;
}
function isLoopbackAddress(host) {
    const hostLower = host.toLowerCase();
    return (hostLower === 'localhost' ||
        hostLower.startsWith('127.') ||
        hostLower.startsWith('[::1]') ||
        hostLower.startsWith('[0:0:0:0:0:0:0:1]'));
}
class DecodedURL extends URL {
    constructor(url, base) {
        super(url, base);
        this._decodedUsername = decodeURIComponent(super.username);
        this._decodedPassword = decodeURIComponent(super.password);
    }
    get username() {
        return this._decodedUsername;
    }
    get password() {
        return this._decodedPassword;
    }
}
//# sourceMappingURL=proxy.js.map
// EXTERNAL MODULE: ./node_modules/tunnel/index.js
var tunnel = __nccwpck_require__(770);
// EXTERNAL MODULE: ./src/github/undici-on-demand.ts
var undici_on_demand = __nccwpck_require__(9305);
;// CONCATENATED MODULE: ./node_modules/@actions/http-client/lib/index.js
/* eslint-disable @typescript-eslint/no-explicit-any */
var __awaiter = (undefined && undefined.__awaiter) || function (thisArg, _arguments, P, generator) {
    function adopt(value) { return value instanceof P ? value : new P(function (resolve) { resolve(value); }); }
    return new (P || (P = Promise))(function (resolve, reject) {
        function fulfilled(value) { try { step(generator.next(value)); } catch (e) { reject(e); } }
        function rejected(value) { try { step(generator["throw"](value)); } catch (e) { reject(e); } }
        function step(result) { result.done ? resolve(result.value) : adopt(result.value).then(fulfilled, rejected); }
        step((generator = generator.apply(thisArg, _arguments || [])).next());
    });
};





var HttpCodes;
(function (HttpCodes) {
    HttpCodes[HttpCodes["OK"] = 200] = "OK";
    HttpCodes[HttpCodes["MultipleChoices"] = 300] = "MultipleChoices";
    HttpCodes[HttpCodes["MovedPermanently"] = 301] = "MovedPermanently";
    HttpCodes[HttpCodes["ResourceMoved"] = 302] = "ResourceMoved";
    HttpCodes[HttpCodes["SeeOther"] = 303] = "SeeOther";
    HttpCodes[HttpCodes["NotModified"] = 304] = "NotModified";
    HttpCodes[HttpCodes["UseProxy"] = 305] = "UseProxy";
    HttpCodes[HttpCodes["SwitchProxy"] = 306] = "SwitchProxy";
    HttpCodes[HttpCodes["TemporaryRedirect"] = 307] = "TemporaryRedirect";
    HttpCodes[HttpCodes["PermanentRedirect"] = 308] = "PermanentRedirect";
    HttpCodes[HttpCodes["BadRequest"] = 400] = "BadRequest";
    HttpCodes[HttpCodes["Unauthorized"] = 401] = "Unauthorized";
    HttpCodes[HttpCodes["PaymentRequired"] = 402] = "PaymentRequired";
    HttpCodes[HttpCodes["Forbidden"] = 403] = "Forbidden";
    HttpCodes[HttpCodes["NotFound"] = 404] = "NotFound";
    HttpCodes[HttpCodes["MethodNotAllowed"] = 405] = "MethodNotAllowed";
    HttpCodes[HttpCodes["NotAcceptable"] = 406] = "NotAcceptable";
    HttpCodes[HttpCodes["ProxyAuthenticationRequired"] = 407] = "ProxyAuthenticationRequired";
    HttpCodes[HttpCodes["RequestTimeout"] = 408] = "RequestTimeout";
    HttpCodes[HttpCodes["Conflict"] = 409] = "Conflict";
    HttpCodes[HttpCodes["Gone"] = 410] = "Gone";
    HttpCodes[HttpCodes["TooManyRequests"] = 429] = "TooManyRequests";
    HttpCodes[HttpCodes["InternalServerError"] = 500] = "InternalServerError";
    HttpCodes[HttpCodes["NotImplemented"] = 501] = "NotImplemented";
    HttpCodes[HttpCodes["BadGateway"] = 502] = "BadGateway";
    HttpCodes[HttpCodes["ServiceUnavailable"] = 503] = "ServiceUnavailable";
    HttpCodes[HttpCodes["GatewayTimeout"] = 504] = "GatewayTimeout";
})(HttpCodes || (HttpCodes = {}));
var Headers;
(function (Headers) {
    Headers["Accept"] = "accept";
    Headers["ContentType"] = "content-type";
})(Headers || (Headers = {}));
var MediaTypes;
(function (MediaTypes) {
    MediaTypes["ApplicationJson"] = "application/json";
})(MediaTypes || (MediaTypes = {}));
/**
 * Returns the proxy URL, depending upon the supplied url and proxy environment variables.
 * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
 */
function lib_getProxyUrl(serverUrl) {
    const proxyUrl = pm.getProxyUrl(new URL(serverUrl));
    return proxyUrl ? proxyUrl.href : '';
}
const HttpRedirectCodes = [
    HttpCodes.MovedPermanently,
    HttpCodes.ResourceMoved,
    HttpCodes.SeeOther,
    HttpCodes.TemporaryRedirect,
    HttpCodes.PermanentRedirect
];
const HttpResponseRetryCodes = [
    HttpCodes.BadGateway,
    HttpCodes.ServiceUnavailable,
    HttpCodes.GatewayTimeout
];
const RetryableHttpVerbs = ['OPTIONS', 'GET', 'DELETE', 'HEAD'];
const ExponentialBackoffCeiling = 10;
const ExponentialBackoffTimeSlice = 5;
class HttpClientError extends Error {
    constructor(message, statusCode) {
        super(message);
        this.name = 'HttpClientError';
        this.statusCode = statusCode;
        Object.setPrototypeOf(this, HttpClientError.prototype);
    }
}
class HttpClientResponse {
    constructor(message) {
        this.message = message;
    }
    readBody() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                let output = Buffer.alloc(0);
                this.message.on('data', (chunk) => {
                    output = Buffer.concat([output, chunk]);
                });
                this.message.on('end', () => {
                    resolve(output.toString());
                });
            }));
        });
    }
    readBodyBuffer() {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve) => __awaiter(this, void 0, void 0, function* () {
                const chunks = [];
                this.message.on('data', (chunk) => {
                    chunks.push(chunk);
                });
                this.message.on('end', () => {
                    resolve(Buffer.concat(chunks));
                });
            }));
        });
    }
}
function isHttps(requestUrl) {
    const parsedUrl = new URL(requestUrl);
    return parsedUrl.protocol === 'https:';
}
class HttpClient {
    constructor(userAgent, handlers, requestOptions) {
        this._ignoreSslError = false;
        this._allowRedirects = true;
        this._allowRedirectDowngrade = false;
        this._maxRedirects = 50;
        this._allowRetries = false;
        this._maxRetries = 1;
        this._keepAlive = false;
        this._disposed = false;
        this.userAgent = this._getUserAgentWithOrchestrationId(userAgent);
        this.handlers = handlers || [];
        this.requestOptions = requestOptions;
        if (requestOptions) {
            if (requestOptions.ignoreSslError != null) {
                this._ignoreSslError = requestOptions.ignoreSslError;
            }
            this._socketTimeout = requestOptions.socketTimeout;
            if (requestOptions.allowRedirects != null) {
                this._allowRedirects = requestOptions.allowRedirects;
            }
            if (requestOptions.allowRedirectDowngrade != null) {
                this._allowRedirectDowngrade = requestOptions.allowRedirectDowngrade;
            }
            if (requestOptions.maxRedirects != null) {
                this._maxRedirects = Math.max(requestOptions.maxRedirects, 0);
            }
            if (requestOptions.keepAlive != null) {
                this._keepAlive = requestOptions.keepAlive;
            }
            if (requestOptions.allowRetries != null) {
                this._allowRetries = requestOptions.allowRetries;
            }
            if (requestOptions.maxRetries != null) {
                this._maxRetries = requestOptions.maxRetries;
            }
        }
    }
    options(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('OPTIONS', requestUrl, null, additionalHeaders || {});
        });
    }
    get(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('GET', requestUrl, null, additionalHeaders || {});
        });
    }
    del(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('DELETE', requestUrl, null, additionalHeaders || {});
        });
    }
    post(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('POST', requestUrl, data, additionalHeaders || {});
        });
    }
    patch(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PATCH', requestUrl, data, additionalHeaders || {});
        });
    }
    put(requestUrl, data, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('PUT', requestUrl, data, additionalHeaders || {});
        });
    }
    head(requestUrl, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request('HEAD', requestUrl, null, additionalHeaders || {});
        });
    }
    sendStream(verb, requestUrl, stream, additionalHeaders) {
        return __awaiter(this, void 0, void 0, function* () {
            return this.request(verb, requestUrl, stream, additionalHeaders);
        });
    }
    /**
     * Gets a typed object from an endpoint
     * Be aware that not found returns a null.  Other errors (4xx, 5xx) reject the promise
     */
    getJson(requestUrl_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, additionalHeaders = {}) {
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            const res = yield this.get(requestUrl, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    postJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.post(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    putJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.put(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    patchJson(requestUrl_1, obj_1) {
        return __awaiter(this, arguments, void 0, function* (requestUrl, obj, additionalHeaders = {}) {
            const data = JSON.stringify(obj, null, 2);
            additionalHeaders[Headers.Accept] = this._getExistingOrDefaultHeader(additionalHeaders, Headers.Accept, MediaTypes.ApplicationJson);
            additionalHeaders[Headers.ContentType] =
                this._getExistingOrDefaultContentTypeHeader(additionalHeaders, MediaTypes.ApplicationJson);
            const res = yield this.patch(requestUrl, data, additionalHeaders);
            return this._processResponse(res, this.requestOptions);
        });
    }
    /**
     * Makes a raw http request.
     * All other methods such as get, post, patch, and request ultimately call this.
     * Prefer get, del, post and patch
     */
    request(verb, requestUrl, data, headers) {
        return __awaiter(this, void 0, void 0, function* () {
            if (this._disposed) {
                throw new Error('Client has already been disposed.');
            }
            const parsedUrl = new URL(requestUrl);
            let info = this._prepareRequest(verb, parsedUrl, headers);
            // Only perform retries on reads since writes may not be idempotent.
            const maxTries = this._allowRetries && RetryableHttpVerbs.includes(verb)
                ? this._maxRetries + 1
                : 1;
            let numTries = 0;
            let response;
            do {
                response = yield this.requestRaw(info, data);
                // Check if it's an authentication challenge
                if (response &&
                    response.message &&
                    response.message.statusCode === HttpCodes.Unauthorized) {
                    let authenticationHandler;
                    for (const handler of this.handlers) {
                        if (handler.canHandleAuthentication(response)) {
                            authenticationHandler = handler;
                            break;
                        }
                    }
                    if (authenticationHandler) {
                        return authenticationHandler.handleAuthentication(this, info, data);
                    }
                    else {
                        // We have received an unauthorized response but have no handlers to handle it.
                        // Let the response return to the caller.
                        return response;
                    }
                }
                let redirectsRemaining = this._maxRedirects;
                while (response.message.statusCode &&
                    HttpRedirectCodes.includes(response.message.statusCode) &&
                    this._allowRedirects &&
                    redirectsRemaining > 0) {
                    const redirectUrl = response.message.headers['location'];
                    if (!redirectUrl) {
                        // if there's no location to redirect to, we won't
                        break;
                    }
                    const parsedRedirectUrl = new URL(redirectUrl);
                    if (parsedUrl.protocol === 'https:' &&
                        parsedUrl.protocol !== parsedRedirectUrl.protocol &&
                        !this._allowRedirectDowngrade) {
                        throw new Error('Redirect from HTTPS to HTTP protocol. This downgrade is not allowed for security reasons. If you want to allow this behavior, set the allowRedirectDowngrade option to true.');
                    }
                    // we need to finish reading the response before reassigning response
                    // which will leak the open socket.
                    yield response.readBody();
                    // strip authorization header if redirected to a different hostname
                    if (parsedRedirectUrl.hostname !== parsedUrl.hostname) {
                        for (const header in headers) {
                            // header names are case insensitive
                            if (header.toLowerCase() === 'authorization') {
                                delete headers[header];
                            }
                        }
                    }
                    // let's make the request with the new redirectUrl
                    info = this._prepareRequest(verb, parsedRedirectUrl, headers);
                    response = yield this.requestRaw(info, data);
                    redirectsRemaining--;
                }
                if (!response.message.statusCode ||
                    !HttpResponseRetryCodes.includes(response.message.statusCode)) {
                    // If not a retry code, return immediately instead of retrying
                    return response;
                }
                numTries += 1;
                if (numTries < maxTries) {
                    yield response.readBody();
                    yield this._performExponentialBackoff(numTries);
                }
            } while (numTries < maxTries);
            return response;
        });
    }
    /**
     * Needs to be called if keepAlive is set to true in request options.
     */
    dispose() {
        if (this._agent) {
            this._agent.destroy();
        }
        this._disposed = true;
    }
    /**
     * Raw request.
     * @param info
     * @param data
     */
    requestRaw(info, data) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => {
                function callbackForResult(err, res) {
                    if (err) {
                        reject(err);
                    }
                    else if (!res) {
                        // If `err` is not passed, then `res` must be passed.
                        reject(new Error('Unknown error'));
                    }
                    else {
                        resolve(res);
                    }
                }
                this.requestRawWithCallback(info, data, callbackForResult);
            });
        });
    }
    /**
     * Raw request with callback.
     * @param info
     * @param data
     * @param onResult
     */
    requestRawWithCallback(info, data, onResult) {
        if (typeof data === 'string') {
            if (!info.options.headers) {
                info.options.headers = {};
            }
            info.options.headers['Content-Length'] = Buffer.byteLength(data, 'utf8');
        }
        let callbackCalled = false;
        function handleResult(err, res) {
            if (!callbackCalled) {
                callbackCalled = true;
                onResult(err, res);
            }
        }
        const req = info.httpModule.request(info.options, (msg) => {
            const res = new HttpClientResponse(msg);
            handleResult(undefined, res);
        });
        let socket;
        req.on('socket', sock => {
            socket = sock;
        });
        // If we ever get disconnected, we want the socket to timeout eventually
        req.setTimeout(this._socketTimeout || 3 * 60000, () => {
            if (socket) {
                socket.end();
            }
            handleResult(new Error(`Request timeout: ${info.options.path}`));
        });
        req.on('error', function (err) {
            // err has statusCode property
            // res should have headers
            handleResult(err);
        });
        if (data && typeof data === 'string') {
            req.write(data, 'utf8');
        }
        if (data && typeof data !== 'string') {
            data.on('close', function () {
                req.end();
            });
            data.pipe(req);
        }
        else {
            req.end();
        }
    }
    /**
     * Gets an http agent. This function is useful when you need an http agent that handles
     * routing through a proxy server - depending upon the url and proxy environment variables.
     * @param serverUrl  The server URL where the request will be sent. For example, https://api.github.com
     */
    getAgent(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        return this._getAgent(parsedUrl);
    }
    getAgentDispatcher(serverUrl) {
        const parsedUrl = new URL(serverUrl);
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (!useProxy) {
            return;
        }
        return this._getProxyAgentDispatcher(parsedUrl, proxyUrl);
    }
    _prepareRequest(method, requestUrl, headers) {
        const info = {};
        info.parsedUrl = requestUrl;
        const usingSsl = info.parsedUrl.protocol === 'https:';
        info.httpModule = usingSsl ? external_https_namespaceObject : external_http_namespaceObject;
        const defaultPort = usingSsl ? 443 : 80;
        info.options = {};
        info.options.host = info.parsedUrl.hostname;
        info.options.port = info.parsedUrl.port
            ? parseInt(info.parsedUrl.port)
            : defaultPort;
        info.options.path =
            (info.parsedUrl.pathname || '') + (info.parsedUrl.search || '');
        info.options.method = method;
        info.options.headers = this._mergeHeaders(headers);
        if (this.userAgent != null) {
            info.options.headers['user-agent'] = this.userAgent;
        }
        info.options.agent = this._getAgent(info.parsedUrl);
        // gives handlers an opportunity to participate
        if (this.handlers) {
            for (const handler of this.handlers) {
                handler.prepareRequest(info.options);
            }
        }
        return info;
    }
    _mergeHeaders(headers) {
        if (this.requestOptions && this.requestOptions.headers) {
            return Object.assign({}, lowercaseKeys(this.requestOptions.headers), lowercaseKeys(headers || {}));
        }
        return lowercaseKeys(headers || {});
    }
    /**
     * Gets an existing header value or returns a default.
     * Handles converting number header values to strings since HTTP headers must be strings.
     * Note: This returns string | string[] since some headers can have multiple values.
     * For headers that must always be a single string (like Content-Type), use the
     * specialized _getExistingOrDefaultContentTypeHeader method instead.
     */
    _getExistingOrDefaultHeader(additionalHeaders, header, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[header];
            if (headerValue) {
                clientHeader =
                    typeof headerValue === 'number' ? headerValue.toString() : headerValue;
            }
        }
        const additionalValue = additionalHeaders[header];
        if (additionalValue !== undefined) {
            return typeof additionalValue === 'number'
                ? additionalValue.toString()
                : additionalValue;
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    /**
     * Specialized version of _getExistingOrDefaultHeader for Content-Type header.
     * Always returns a single string (not an array) since Content-Type should be a single value.
     * Converts arrays to comma-separated strings and numbers to strings to ensure type safety.
     * This was split from _getExistingOrDefaultHeader to provide stricter typing for callers
     * that assign the result to places expecting a string (e.g., additionalHeaders[Headers.ContentType]).
     */
    _getExistingOrDefaultContentTypeHeader(additionalHeaders, _default) {
        let clientHeader;
        if (this.requestOptions && this.requestOptions.headers) {
            const headerValue = lowercaseKeys(this.requestOptions.headers)[Headers.ContentType];
            if (headerValue) {
                if (typeof headerValue === 'number') {
                    clientHeader = String(headerValue);
                }
                else if (Array.isArray(headerValue)) {
                    clientHeader = headerValue.join(', ');
                }
                else {
                    clientHeader = headerValue;
                }
            }
        }
        const additionalValue = additionalHeaders[Headers.ContentType];
        // Return the first non-undefined value, converting numbers or arrays to strings if necessary
        if (additionalValue !== undefined) {
            if (typeof additionalValue === 'number') {
                return String(additionalValue);
            }
            else if (Array.isArray(additionalValue)) {
                return additionalValue.join(', ');
            }
            else {
                return additionalValue;
            }
        }
        if (clientHeader !== undefined) {
            return clientHeader;
        }
        return _default;
    }
    _getAgent(parsedUrl) {
        let agent;
        const proxyUrl = getProxyUrl(parsedUrl);
        const useProxy = proxyUrl && proxyUrl.hostname;
        if (this._keepAlive && useProxy) {
            agent = this._proxyAgent;
        }
        if (!useProxy) {
            agent = this._agent;
        }
        // if agent is already assigned use that agent.
        if (agent) {
            return agent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        let maxSockets = 100;
        if (this.requestOptions) {
            maxSockets = this.requestOptions.maxSockets || external_http_.globalAgent.maxSockets;
        }
        // This is `useProxy` again, but we need to check `proxyURl` directly for TypeScripts's flow analysis.
        if (proxyUrl && proxyUrl.hostname) {
            const agentOptions = {
                maxSockets,
                keepAlive: this._keepAlive,
                proxy: Object.assign(Object.assign({}, ((proxyUrl.username || proxyUrl.password) && {
                    proxyAuth: `${proxyUrl.username}:${proxyUrl.password}`
                })), { host: proxyUrl.hostname, port: proxyUrl.port })
            };
            let tunnelAgent;
            const overHttps = proxyUrl.protocol === 'https:';
            if (usingSsl) {
                tunnelAgent = overHttps ? tunnel.httpsOverHttps : tunnel.httpsOverHttp;
            }
            else {
                tunnelAgent = overHttps ? tunnel.httpOverHttps : tunnel.httpOverHttp;
            }
            agent = tunnelAgent(agentOptions);
            this._proxyAgent = agent;
        }
        // if tunneling agent isn't assigned create a new agent
        if (!agent) {
            const options = { keepAlive: this._keepAlive, maxSockets };
            agent = usingSsl ? new external_https_.Agent(options) : new external_http_.Agent(options);
            this._agent = agent;
        }
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            agent.options = Object.assign(agent.options || {}, {
                rejectUnauthorized: false
            });
        }
        return agent;
    }
    _getProxyAgentDispatcher(parsedUrl, proxyUrl) {
        let proxyAgent;
        if (this._keepAlive) {
            proxyAgent = this._proxyAgentDispatcher;
        }
        // if agent is already assigned use that agent.
        if (proxyAgent) {
            return proxyAgent;
        }
        const usingSsl = parsedUrl.protocol === 'https:';
        proxyAgent = new undici_on_demand.ProxyAgent(Object.assign({ uri: proxyUrl.href, pipelining: !this._keepAlive ? 0 : 1 }, ((proxyUrl.username || proxyUrl.password) && {
            token: `Basic ${Buffer.from(`${proxyUrl.username}:${proxyUrl.password}`).toString('base64')}`
        })));
        this._proxyAgentDispatcher = proxyAgent;
        if (usingSsl && this._ignoreSslError) {
            // we don't want to set NODE_TLS_REJECT_UNAUTHORIZED=0 since that will affect request for entire process
            // http.RequestOptions doesn't expose a way to modify RequestOptions.agent.options
            // we have to cast it to any and change it directly
            proxyAgent.options = Object.assign(proxyAgent.options.requestTls || {}, {
                rejectUnauthorized: false
            });
        }
        return proxyAgent;
    }
    _getUserAgentWithOrchestrationId(userAgent) {
        const baseUserAgent = userAgent || 'actions/http-client';
        const orchId = process.env['ACTIONS_ORCHESTRATION_ID'];
        if (orchId) {
            // Sanitize the orchestration ID to ensure it contains only valid characters
            // Valid characters: 0-9, a-z, _, -, .
            const sanitizedId = orchId.replace(/[^a-z0-9_.-]/gi, '_');
            return `${baseUserAgent} actions_orchestration_id/${sanitizedId}`;
        }
        return baseUserAgent;
    }
    _performExponentialBackoff(retryNumber) {
        return __awaiter(this, void 0, void 0, function* () {
            retryNumber = Math.min(ExponentialBackoffCeiling, retryNumber);
            const ms = ExponentialBackoffTimeSlice * Math.pow(2, retryNumber);
            return new Promise(resolve => setTimeout(() => resolve(), ms));
        });
    }
    _processResponse(res, options) {
        return __awaiter(this, void 0, void 0, function* () {
            return new Promise((resolve, reject) => __awaiter(this, void 0, void 0, function* () {
                const statusCode = res.message.statusCode || 0;
                const response = {
                    statusCode,
                    result: null,
                    headers: {}
                };
                // not found leads to null obj returned
                if (statusCode === HttpCodes.NotFound) {
                    resolve(response);
                }
                // get the result from the body
                function dateTimeDeserializer(key, value) {
                    if (typeof value === 'string') {
                        const a = new Date(value);
                        if (!isNaN(a.valueOf())) {
                            return a;
                        }
                    }
                    return value;
                }
                let obj;
                let contents;
                try {
                    contents = yield res.readBody();
                    if (contents && contents.length > 0) {
                        if (options && options.deserializeDates) {
                            obj = JSON.parse(contents, dateTimeDeserializer);
                        }
                        else {
                            obj = JSON.parse(contents);
                        }
                        response.result = obj;
                    }
                    response.headers = res.message.headers;
                }
                catch (err) {
                    // Invalid resource (contents not json);  leaving result obj null
                }
                // note that 3xx redirects are handled by the http layer.
                if (statusCode > 299) {
                    let msg;
                    // if exception/error in body, attempt to get better error
                    if (obj && obj.message) {
                        msg = obj.message;
                    }
                    else if (contents && contents.length > 0) {
                        // it may be the case that the exception is in the body message as string
                        msg = contents;
                    }
                    else {
                        msg = `Failed request: (${statusCode})`;
                    }
                    const err = new HttpClientError(msg, statusCode);
                    err.result = response.result;
                    reject(err);
                }
                else {
                    resolve(response);
                }
            }));
        });
    }
}
const lowercaseKeys = (obj) => Object.keys(obj).reduce((c, k) => ((c[k.toLowerCase()] = obj[k]), c), {});
//# sourceMappingURL=index.js.map

/***/ }),

/***/ 2977:
/***/ ((__unused_webpack___webpack_module__, __webpack_exports__, __nccwpck_require__) => {

/* harmony export */ __nccwpck_require__.d(__webpack_exports__, {
/* harmony export */   "default": () => (__WEBPACK_DEFAULT_EXPORT__)
/* harmony export */ });
/* harmony import */ var _lib_stream_js__WEBPACK_IMPORTED_MODULE_0__ = __nccwpck_require__(6412);
/* harmony import */ var _lib_extension_js__WEBPACK_IMPORTED_MODULE_1__ = __nccwpck_require__(1335);
/* harmony import */ var _lib_permessage_deflate_js__WEBPACK_IMPORTED_MODULE_2__ = __nccwpck_require__(4376);
/* harmony import */ var _lib_receiver_js__WEBPACK_IMPORTED_MODULE_3__ = __nccwpck_require__(893);
/* harmony import */ var _lib_sender_js__WEBPACK_IMPORTED_MODULE_4__ = __nccwpck_require__(7389);
/* harmony import */ var _lib_subprotocol_js__WEBPACK_IMPORTED_MODULE_5__ = __nccwpck_require__(3332);
/* harmony import */ var _lib_websocket_js__WEBPACK_IMPORTED_MODULE_6__ = __nccwpck_require__(6681);
/* harmony import */ var _lib_websocket_server_js__WEBPACK_IMPORTED_MODULE_7__ = __nccwpck_require__(129);











/* harmony default export */ const __WEBPACK_DEFAULT_EXPORT__ = (_lib_websocket_js__WEBPACK_IMPORTED_MODULE_6__);


/***/ })

/******/ });
/************************************************************************/
/******/ // The module cache
/******/ var __webpack_module_cache__ = {};
/******/ 
/******/ // The require function
/******/ function __nccwpck_require__(moduleId) {
/******/ 	// Check if module is in cache
/******/ 	var cachedModule = __webpack_module_cache__[moduleId];
/******/ 	if (cachedModule !== undefined) {
/******/ 		return cachedModule.exports;
/******/ 	}
/******/ 	// Create a new module (and put it into the cache)
/******/ 	var module = __webpack_module_cache__[moduleId] = {
/******/ 		// no module.id needed
/******/ 		// no module.loaded needed
/******/ 		exports: {}
/******/ 	};
/******/ 
/******/ 	// Execute the module function
/******/ 	var threw = true;
/******/ 	try {
/******/ 		__webpack_modules__[moduleId].call(module.exports, module, module.exports, __nccwpck_require__);
/******/ 		threw = false;
/******/ 	} finally {
/******/ 		if(threw) delete __webpack_module_cache__[moduleId];
/******/ 	}
/******/ 
/******/ 	// Return the exports of the module
/******/ 	return module.exports;
/******/ }
/******/ 
/******/ // expose the modules object (__webpack_modules__)
/******/ __nccwpck_require__.m = __webpack_modules__;
/******/ 
/************************************************************************/
/******/ /* webpack/runtime/asset-relocator-loader */
/******/ if (typeof __nccwpck_require__ !== 'undefined') __nccwpck_require__.ab = decodeURIComponent(new URL('.', import.meta.url).pathname).slice(import.meta.url.match(/^file:\/\/\/\w:/) ? 1 : 0, -1) + "/";
/******/ 
/******/ /* webpack/runtime/async module */
/******/ (() => {
/******/ 	var webpackQueues = typeof Symbol === "function" ? Symbol("webpack queues") : "__webpack_queues__";
/******/ 	var webpackExports = typeof Symbol === "function" ? Symbol("webpack exports") : "__webpack_exports__";
/******/ 	var webpackError = typeof Symbol === "function" ? Symbol("webpack error") : "__webpack_error__";
/******/ 	var resolveQueue = (queue) => {
/******/ 		if(queue && queue.d < 1) {
/******/ 			queue.d = 1;
/******/ 			queue.forEach((fn) => (fn.r--));
/******/ 			queue.forEach((fn) => (fn.r-- ? fn.r++ : fn()));
/******/ 		}
/******/ 	}
/******/ 	var wrapDeps = (deps) => (deps.map((dep) => {
/******/ 		if(dep !== null && typeof dep === "object") {
/******/ 			if(dep[webpackQueues]) return dep;
/******/ 			if(dep.then) {
/******/ 				var queue = [];
/******/ 				queue.d = 0;
/******/ 				dep.then((r) => {
/******/ 					obj[webpackExports] = r;
/******/ 					resolveQueue(queue);
/******/ 				}, (e) => {
/******/ 					obj[webpackError] = e;
/******/ 					resolveQueue(queue);
/******/ 				});
/******/ 				var obj = {};
/******/ 				obj[webpackQueues] = (fn) => (fn(queue));
/******/ 				return obj;
/******/ 			}
/******/ 		}
/******/ 		var ret = {};
/******/ 		ret[webpackQueues] = x => {};
/******/ 		ret[webpackExports] = dep;
/******/ 		return ret;
/******/ 	}));
/******/ 	__nccwpck_require__.a = (module, body, hasAwait) => {
/******/ 		var queue;
/******/ 		hasAwait && ((queue = []).d = -1);
/******/ 		var depQueues = new Set();
/******/ 		var exports = module.exports;
/******/ 		var currentDeps;
/******/ 		var outerResolve;
/******/ 		var reject;
/******/ 		var promise = new Promise((resolve, rej) => {
/******/ 			reject = rej;
/******/ 			outerResolve = resolve;
/******/ 		});
/******/ 		promise[webpackExports] = exports;
/******/ 		promise[webpackQueues] = (fn) => (queue && fn(queue), depQueues.forEach(fn), promise["catch"](x => {}));
/******/ 		module.exports = promise;
/******/ 		body((deps) => {
/******/ 			currentDeps = wrapDeps(deps);
/******/ 			var fn;
/******/ 			var getResult = () => (currentDeps.map((d) => {
/******/ 				if(d[webpackError]) throw d[webpackError];
/******/ 				return d[webpackExports];
/******/ 			}))
/******/ 			var promise = new Promise((resolve) => {
/******/ 				fn = () => (resolve(getResult));
/******/ 				fn.r = 0;
/******/ 				var fnQueue = (q) => (q !== queue && !depQueues.has(q) && (depQueues.add(q), q && !q.d && (fn.r++, q.push(fn))));
/******/ 				currentDeps.map((dep) => (dep[webpackQueues](fnQueue)));
/******/ 			});
/******/ 			return fn.r ? promise : getResult();
/******/ 		}, (err) => ((err ? reject(promise[webpackError] = err) : outerResolve(exports)), resolveQueue(queue)));
/******/ 		queue && queue.d < 0 && (queue.d = 0);
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/compat get default export */
/******/ (() => {
/******/ 	// getDefaultExport function for compatibility with non-harmony modules
/******/ 	__nccwpck_require__.n = (module) => {
/******/ 		var getter = module && module.__esModule ?
/******/ 			() => (module['default']) :
/******/ 			() => (module);
/******/ 		__nccwpck_require__.d(getter, { a: getter });
/******/ 		return getter;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/create fake namespace object */
/******/ (() => {
/******/ 	var getProto = Object.getPrototypeOf ? (obj) => (Object.getPrototypeOf(obj)) : (obj) => (obj.__proto__);
/******/ 	var leafPrototypes;
/******/ 	// create a fake namespace object
/******/ 	// mode & 1: value is a module id, require it
/******/ 	// mode & 2: merge all properties of value into the ns
/******/ 	// mode & 4: return value when already ns object
/******/ 	// mode & 16: return value when it's Promise-like
/******/ 	// mode & 8|1: behave like require
/******/ 	__nccwpck_require__.t = function(value, mode) {
/******/ 		if(mode & 1) value = this(value);
/******/ 		if(mode & 8) return value;
/******/ 		if(typeof value === 'object' && value) {
/******/ 			if((mode & 4) && value.__esModule) return value;
/******/ 			if((mode & 16) && typeof value.then === 'function') return value;
/******/ 		}
/******/ 		var ns = Object.create(null);
/******/ 		__nccwpck_require__.r(ns);
/******/ 		var def = {};
/******/ 		leafPrototypes = leafPrototypes || [null, getProto({}), getProto([]), getProto(getProto)];
/******/ 		for(var current = mode & 2 && value; typeof current == 'object' && !~leafPrototypes.indexOf(current); current = getProto(current)) {
/******/ 			Object.getOwnPropertyNames(current).forEach((key) => (def[key] = () => (value[key])));
/******/ 		}
/******/ 		def['default'] = () => (value);
/******/ 		__nccwpck_require__.d(ns, def);
/******/ 		return ns;
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/define property getters */
/******/ (() => {
/******/ 	// define getter functions for harmony exports
/******/ 	__nccwpck_require__.d = (exports, definition) => {
/******/ 		for(var key in definition) {
/******/ 			if(__nccwpck_require__.o(definition, key) && !__nccwpck_require__.o(exports, key)) {
/******/ 				Object.defineProperty(exports, key, { enumerable: true, get: definition[key] });
/******/ 			}
/******/ 		}
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/ensure chunk */
/******/ (() => {
/******/ 	__nccwpck_require__.f = {};
/******/ 	// This file contains only the entry chunk.
/******/ 	// The chunk loading function for additional chunks
/******/ 	__nccwpck_require__.e = (chunkId) => {
/******/ 		return Promise.all(Object.keys(__nccwpck_require__.f).reduce((promises, key) => {
/******/ 			__nccwpck_require__.f[key](chunkId, promises);
/******/ 			return promises;
/******/ 		}, []));
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/get javascript chunk filename */
/******/ (() => {
/******/ 	// This function allow to reference async chunks
/******/ 	__nccwpck_require__.u = (chunkId) => {
/******/ 		// return url for filenames based on template
/******/ 		return "" + chunkId + ".index.js";
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/hasOwnProperty shorthand */
/******/ (() => {
/******/ 	__nccwpck_require__.o = (obj, prop) => (Object.prototype.hasOwnProperty.call(obj, prop))
/******/ })();
/******/ 
/******/ /* webpack/runtime/make namespace object */
/******/ (() => {
/******/ 	// define __esModule on exports
/******/ 	__nccwpck_require__.r = (exports) => {
/******/ 		if(typeof Symbol !== 'undefined' && Symbol.toStringTag) {
/******/ 			Object.defineProperty(exports, Symbol.toStringTag, { value: 'Module' });
/******/ 		}
/******/ 		Object.defineProperty(exports, '__esModule', { value: true });
/******/ 	};
/******/ })();
/******/ 
/******/ /* webpack/runtime/import chunk loading */
/******/ (() => {
/******/ 	// no baseURI
/******/ 	
/******/ 	// object to store loaded and loading chunks
/******/ 	// undefined = chunk not loaded, null = chunk preloaded/prefetched
/******/ 	// [resolve, Promise] = chunk loading, 0 = chunk loaded
/******/ 	var installedChunks = {
/******/ 		792: 0
/******/ 	};
/******/ 	
/******/ 	var installChunk = (data) => {
/******/ 		var {ids, modules, runtime} = data;
/******/ 		// add "modules" to the modules object,
/******/ 		// then flag all "ids" as loaded and fire callback
/******/ 		var moduleId, chunkId, i = 0;
/******/ 		for(moduleId in modules) {
/******/ 			if(__nccwpck_require__.o(modules, moduleId)) {
/******/ 				__nccwpck_require__.m[moduleId] = modules[moduleId];
/******/ 			}
/******/ 		}
/******/ 		if(runtime) runtime(__nccwpck_require__);
/******/ 		for(;i < ids.length; i++) {
/******/ 			chunkId = ids[i];
/******/ 			if(__nccwpck_require__.o(installedChunks, chunkId) && installedChunks[chunkId]) {
/******/ 				installedChunks[chunkId][0]();
/******/ 			}
/******/ 			installedChunks[ids[i]] = 0;
/******/ 		}
/******/ 	
/******/ 	}
/******/ 	
/******/ 	__nccwpck_require__.f.j = (chunkId, promises) => {
/******/ 			// import() chunk loading for javascript
/******/ 			var installedChunkData = __nccwpck_require__.o(installedChunks, chunkId) ? installedChunks[chunkId] : undefined;
/******/ 			if(installedChunkData !== 0) { // 0 means "already installed".
/******/ 	
/******/ 				// a Promise means "currently loading".
/******/ 				if(installedChunkData) {
/******/ 					promises.push(installedChunkData[1]);
/******/ 				} else {
/******/ 					if(true) { // all chunks have JS
/******/ 						// setup Promise in chunk cache
/******/ 						var promise = import("./" + __nccwpck_require__.u(chunkId)).then(installChunk, (e) => {
/******/ 							if(installedChunks[chunkId] !== 0) installedChunks[chunkId] = undefined;
/******/ 							throw e;
/******/ 						});
/******/ 						var promise = Promise.race([promise, new Promise((resolve) => (installedChunkData = installedChunks[chunkId] = [resolve]))])
/******/ 						promises.push(installedChunkData[1] = promise);
/******/ 					}
/******/ 				}
/******/ 			}
/******/ 	};
/******/ 	
/******/ 	// no prefetching
/******/ 	
/******/ 	// no preloaded
/******/ 	
/******/ 	// no external install chunk
/******/ 	
/******/ 	// no on chunks loaded
/******/ })();
/******/ 
/************************************************************************/
/******/ 
/******/ // startup
/******/ // Load entry module and return exports
/******/ // This entry module used 'module' so it can't be inlined
/******/ var __webpack_exports__ = __nccwpck_require__(9407);
/******/ __webpack_exports__ = await __webpack_exports__;
/******/ 
