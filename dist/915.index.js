export const id = 915;
export const ids = [915];
export const modules = {

/***/ 1915:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

// ESM COMPAT FLAG
__webpack_require__.r(__webpack_exports__);

// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RestGitHub: () => (/* binding */ RestGitHub),
  createClient: () => (/* binding */ createClient),
  describeApiError: () => (/* binding */ describeApiError),
  github: () => (/* reexport */ github)
});

// EXTERNAL MODULE: ./node_modules/undici/index.js
var undici = __webpack_require__(6752);
var undici_namespaceObject = /*#__PURE__*/__webpack_require__.t(undici, 2);
// EXTERNAL MODULE: ./src/github/undici-on-demand.ts
var undici_on_demand = __webpack_require__(9305);
;// CONCATENATED MODULE: ./src/github/undici.ts
// Gives the real undici to the stand-in the rest of the bundle imports
// (./undici-on-demand.ts). It must run before @actions/github loads, which
// builds its proxy-aware fetch at import: rest-client.ts imports this first.


(0,undici_on_demand.provideUndici)(undici_namespaceObject);

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js + 22 modules
var github = __webpack_require__(2413);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
// EXTERNAL MODULE: ./node_modules/@actions/http-client/lib/index.js + 1 modules
var lib = __webpack_require__(4942);
// EXTERNAL MODULE: external "node:http"
var external_node_http_ = __webpack_require__(7067);
// EXTERNAL MODULE: external "node:https"
var external_node_https_ = __webpack_require__(4708);
;// CONCATENATED MODULE: ./src/github/http-fetch.ts
// fetch for Octokit over node:http and node:https, through the toolkit's
// agent: the runner's proxy (https_proxy, http_proxy, no_proxy, tunnelled
// with CONNECT) as the rest of the toolkit honours it, and kept-alive
// connections without one. Not undici's fetch: its HTTP parser is
// WebAssembly, and the process's exit waits for V8 to finish compiling it
// (measured: about 0.09 s under Node 24, 0.3 s under Node 20, on every run
// that posts). Node's own parser is native.



/** One client for the agents: one per kind (direct, or through the proxy), reused across requests. */
const toolkit = new lib/* HttpClient */.Qq('backend-hang-debug', [], { keepAlive: true });
const MAX_REDIRECTS = 3;
const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** A request's body as Octokit gives it: JSON text, or bytes. */
function bodyOf(body) {
    if (body === undefined || body === null)
        return undefined;
    if (typeof body === 'string' || body instanceof Uint8Array)
        return body;
    if (body instanceof ArrayBuffer)
        return new Uint8Array(body);
    throw new TypeError(`a request body of this kind is not supported: ${Object.prototype.toString.call(body)}`);
}
function responseHeaders(raw) {
    const headers = new Headers();
    for (let i = 0; i + 1 < raw.length; i += 2)
        headers.append(raw[i], raw[i + 1]);
    return headers;
}
function send(url, method, headers, body, signal) {
    const transport = url.protocol === 'https:' ? external_node_https_ : external_node_http_;
    return new Promise((resolve, reject) => {
        const request = transport.request(url, {
            method,
            headers: Object.fromEntries(headers),
            agent: toolkit.getAgent(url.href),
            ...(signal ? { signal } : {})
        }, response => {
            const chunks = [];
            response.on('data', (chunk) => chunks.push(chunk));
            response.on('error', reject);
            response.on('end', () => resolve({
                status: response.statusCode ?? 0,
                statusText: response.statusMessage ?? '',
                headers: responseHeaders(response.rawHeaders),
                body: Buffer.concat(chunks)
            }));
        });
        request.on('error', reject);
        request.end(body);
    });
}
/**
 * The fetch Octokit calls. Redirects are followed as fetch follows them, but
 * only on the API's own origin: the token is never sent elsewhere.
 */
async function httpFetch(input, init = {}) {
    let url = new URL(input instanceof Request ? input.url : input);
    let method = (init.method ?? 'GET').toUpperCase();
    const headers = new Headers(init.headers);
    let body = bodyOf(init.body);
    for (let hops = 0;; hops++) {
        const sent = await send(url, method, headers, body, init.signal ?? undefined);
        const location = sent.headers.get('location');
        if (REDIRECTS.has(sent.status) && location && hops < MAX_REDIRECTS) {
            const next = new URL(location, url);
            if (next.origin !== url.origin) {
                throw new Error(`${method} ${url.pathname} was redirected to another origin (${next.origin}); not followed`);
            }
            // as fetch does: a 303, or a 301/302 of a POST, becomes a GET without a body
            if (sent.status === 303 || ((sent.status === 301 || sent.status === 302) && method === 'POST')) {
                method = 'GET';
                body = undefined;
                headers.delete('content-type');
                headers.delete('content-length');
            }
            url = next;
            continue;
        }
        const empty = sent.status === 204 || sent.status === 304 || method === 'HEAD';
        return new Response(empty ? null : sent.body, {
            status: sent.status,
            statusText: sent.statusText,
            headers: sent.headers
        });
    }
}

;// CONCATENATED MODULE: ./src/github/rest-client.ts
// The only module that talks to the GitHub API: GitHubPort (publish.ts) on
// @actions/github's Octokit, with a timeout on every request and retries
// with backoff for what is worth retrying (5xx, rate limits). Loaded only
// when something is to be posted: the client is most of the bundle.
// first: @actions/github needs undici as it loads




/** The runner's GitHub context, for the entry that loads this module on demand. */

const REQUEST_TIMEOUT_MS = 10_000;
const RETRIES = 3;
const BACKOFF_MS = 300;
const MAX_RETRY_AFTER_MS = 10_000;
/**
 * How long to wait before retrying this answer, or undefined when it should
 * not be retried: 5xx, 429, and a 403 that is a (secondary) rate limit.
 */
async function retryDelay(response, attempt) {
    const retryAfter = Number(response.headers.get('retry-after'));
    const backoff = BACKOFF_MS * 2 ** attempt;
    const wait = Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter * 1000, MAX_RETRY_AFTER_MS) : backoff;
    if (response.status >= 500 || response.status === 429)
        return wait;
    if (response.status === 403) {
        // GitHub's secondary rate limit: 403 with retry-after, or a message that says so
        const limited = response.headers.has('retry-after') ||
            response.headers.get('x-ratelimit-remaining') === '0' ||
            /rate limit/i.test(await response.clone().text());
        return limited ? wait : undefined;
    }
    return undefined;
}
/** fetch with a timeout per attempt and retries with backoff. */
async function patientFetch(input, init) {
    for (let attempt = 0;; attempt++) {
        let response;
        try {
            response = await httpFetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
        }
        catch (error) {
            if (attempt >= RETRIES)
                throw error;
            await (0,promises_.setTimeout)(BACKOFF_MS * 2 ** attempt);
            continue;
        }
        const wait = attempt < RETRIES ? await retryDelay(response, attempt) : undefined;
        if (wait === undefined)
            return response;
        await (0,promises_.setTimeout)(wait);
    }
}
function createClient(token) {
    return github.getOctokit(token, { request: { fetch: patientFetch } });
}
function author(user) {
    return { login: user?.login ?? '', bot: user?.type === 'Bot' };
}
function comment(data) {
    return { id: data.id, body: data.body ?? '', author: author(data.user), url: data.html_url };
}
function issue(data) {
    return { number: data.number, body: data.body ?? '', author: author(data.user), url: data.html_url };
}
function reviewComment(data) {
    return {
        id: data.id,
        body: data.body,
        author: author(data.user),
        url: data.html_url,
        path: data.path,
        line: data.line ?? data.original_line ?? 0,
        ...(data.start_line ? { startLine: data.start_line } : {})
    };
}
function statusOf(error) {
    const status = error.status;
    return typeof status === 'number' ? status : undefined;
}
/** GitHubPort on the REST API. */
class RestGitHub {
    octokit;
    repo;
    login;
    constructor(octokit, repo) {
        this.octokit = octokit;
        this.repo = repo;
    }
    identity() {
        this.login ??= this.octokit.rest.users.getAuthenticated().then(({ data }) => data.login, (error) => {
            // an installation token (GITHUB_TOKEN, an app's) may not read /user; it posts as its app's bot
            if (statusOf(error) === 403 || statusOf(error) === 404)
                return undefined;
            throw error;
        });
        return this.login;
    }
    async listComments(number) {
        const all = await this.octokit.paginate(this.octokit.rest.issues.listComments, {
            ...this.repo,
            issue_number: number,
            per_page: 100
        });
        return all.map(comment);
    }
    async createComment(number, body) {
        return comment((await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: number, body })).data);
    }
    async updateComment(id, body) {
        return comment((await this.octokit.rest.issues.updateComment({ ...this.repo, comment_id: id, body })).data);
    }
    async openPullRequestForBranch(branch) {
        const { data } = await this.octokit.rest.pulls.list({
            ...this.repo,
            state: 'open',
            head: `${this.repo.owner}:${branch}`,
            per_page: 1
        });
        const first = data[0];
        return first ? { number: first.number, headSha: first.head.sha } : undefined;
    }
    async openPullRequestWithHead(sha) {
        const all = await this.octokit.paginate(this.octokit.rest.pulls.list, {
            ...this.repo,
            state: 'open',
            per_page: 100
        });
        const found = all.find(pr => pr.head.sha === sha);
        return found ? { number: found.number, headSha: found.head.sha } : undefined;
    }
    async openIssuesWithLabel(label) {
        const all = await this.octokit.paginate(this.octokit.rest.issues.listForRepo, {
            ...this.repo,
            state: 'open',
            labels: label,
            per_page: 100
        });
        return all.filter(i => !i.pull_request).map(issue);
    }
    async ensureLabel(name, color, description) {
        try {
            await this.octokit.rest.issues.createLabel({ ...this.repo, name, color, description });
        }
        catch (error) {
            // 422: it exists already
            if (statusOf(error) !== 422)
                throw error;
        }
    }
    async createIssue(title, body, labels) {
        return issue((await this.octokit.rest.issues.create({ ...this.repo, title, body, labels })).data);
    }
    async updateIssue(number, title, body) {
        return issue((await this.octokit.rest.issues.update({ ...this.repo, issue_number: number, title, body })).data);
    }
    async closeIssue(number, text) {
        await this.octokit.rest.issues.createComment({ ...this.repo, issue_number: number, body: text });
        await this.octokit.rest.issues.update({
            ...this.repo,
            issue_number: number,
            state: 'closed',
            state_reason: 'completed'
        });
    }
    async listPullRequestFiles(number) {
        const all = await this.octokit.paginate(this.octokit.rest.pulls.listFiles, {
            ...this.repo,
            pull_number: number,
            per_page: 100
        });
        return all.map(f => ({ filename: f.filename, ...(f.patch ? { patch: f.patch } : {}) }));
    }
    async listReviewComments(number) {
        const all = await this.octokit.paginate(this.octokit.rest.pulls.listReviewComments, {
            ...this.repo,
            pull_number: number,
            per_page: 100
        });
        return all.map(reviewComment);
    }
    async createReviewComment(number, comment) {
        const { data } = await this.octokit.rest.pulls.createReviewComment({
            ...this.repo,
            pull_number: number,
            body: comment.body,
            commit_id: comment.commitId,
            path: comment.path,
            line: comment.line,
            side: 'RIGHT',
            ...(comment.startLine !== undefined ? { start_line: comment.startLine, start_side: 'RIGHT' } : {})
        });
        return reviewComment(data);
    }
    async updateReviewComment(id, body) {
        return reviewComment((await this.octokit.rest.pulls.updateReviewComment({ ...this.repo, comment_id: id, body })).data);
    }
    async deleteReviewComment(id) {
        await this.octokit.rest.pulls.deleteReviewComment({ ...this.repo, comment_id: id });
    }
}
/** Explains an API failure in terms of what the user can change; never includes the token. */
function describeApiError(error, needs) {
    const status = statusOf(error);
    const message = error instanceof Error ? error.message : String(error);
    if (status === 403) {
        return `GitHub answered 403 (${message}). The token cannot do this: a workflow needs "permissions: ${needs}", and a pull request from a fork gets a read-only token (see "Pull requests from forks" in the README). The diagnosis is in the job summary and the outputs.`;
    }
    if (status === 404) {
        return `GitHub answered 404 (${message}): not found with this token, or the token lacks "${needs}". The diagnosis is in the job summary and the outputs.`;
    }
    if (status === 401)
        return `GitHub answered 401 (${message}): github-token is not valid.`;
    return typeof status === 'number' ? `GitHub answered ${status} (${message}), also after retrying.` : message;
}


/***/ })

};
