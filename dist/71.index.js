export const id = 71;
export const ids = [71];
export const modules = {

/***/ 3071:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  RestGitHub: () => (/* binding */ RestGitHub),
  createClient: () => (/* binding */ createClient),
  describeApiError: () => (/* binding */ describeApiError)
});

// UNUSED EXPORTS: github

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

// EXTERNAL MODULE: ./node_modules/@actions/github/lib/github.js
var github = __webpack_require__(1351);
// EXTERNAL MODULE: ./node_modules/@actions/github/lib/utils.js + 20 modules
var utils = __webpack_require__(8665);
// EXTERNAL MODULE: external "node:timers/promises"
var promises_ = __webpack_require__(8500);
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
// the toolkit's own fetch, which goes through the runner's proxy
// (https_proxy, no_proxy) as the rest of the toolkit does; Node's global
// fetch ignores those variables, and self-hosted runners often need them
const proxyAwareFetch = utils/* defaults */.NT.request?.fetch ?? fetch;
/** fetch with a timeout per attempt and retries with backoff. */
async function patientFetch(input, init) {
    for (let attempt = 0;; attempt++) {
        let response;
        try {
            response = await proxyAwareFetch(input, { ...init, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
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
    return github/* getOctokit */.Q(token, { request: { fetch: patientFetch } });
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


/***/ }),

/***/ 9305:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
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


/***/ })

};
